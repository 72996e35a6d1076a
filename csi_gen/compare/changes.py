"""What changed between two versions of a contract, field by field, in the contract's words.

``changes(old, new)`` compares two models and lists each change the way a jurist names it:
« Volet justice › Engagement de l'État n° 2 › trajectoire 2022 : 15 → 20 policiers »,
« Volet justice › Engagement ajouté : « Maison de la justice et du droit » (commune, n° 3) ».
Engagements are named by their number in the document (the later version's, or the
earlier one's for an engagement removed); lists of objects are matched by their
identifier or their title, so that an insertion is not read as a change of every item
after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from difflib import SequenceMatcher
from enum import Enum
from typing import Any, TypeVar

from csi_gen import catalogue, wording
from csi_gen.errors import plural
from csi_gen.formatting import date_longue, euros, liste_et, nombre, pourcentage
from csi_gen.markdown_text import plain_text
from csi_gen.model import (
    AnnexeLibre,
    Commune,
    Contrat,
    Deliberation,
    Diagnostic,
    Dispositif,
    Engagement,
    Epci,
    Evaluation,
    Financement,
    Indicateur,
    IndicateurSuivi,
    Instance,
    Objectif,
    Partenaire,
    Partie,
    Personne,
    Quartier,
    Representant,
    Revoyure,
    Trajectoire,
    TypeTerritoire,
    Volet,
)

SEPARATOR = " › "
ARROW = " → "
NOTHING = "—"
SHORT_TEXT = 100  # longer texts are shown as the passage that changed, with some context
CONTEXT_WORDS = 5
_WORDS = re.compile(r"\S+|\s+")

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change: where (from the contract down), what, and the values before and after.

    ``before`` is None for something added, ``after`` for something removed.
    """

    where: tuple[str, ...]
    what: str
    before: str | None
    after: str | None

    @property
    def element(self) -> str:
        """« Volet justice › Engagement de l'État n° 2 › trajectoire 2022 »."""
        return SEPARATOR.join((*self.where, self.what))

    def __str__(self) -> str:
        if self.before is None:
            return f"{self.element} : {self.after}"
        if self.after is None:
            return f"{self.element} : {self.before}"
        return f"{self.element} : {self.before}{ARROW}{self.after}"


def changes(old: Contrat, new: Contrat) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order of the contract."""
    differ = _Differ(old, new)
    differ.contrat()
    return differ.found


# --- Values as the contract writes them -----------------------------------------------------------


def _quoted(text: str | None) -> str:
    return NOTHING if text is None or text == "" else f"« {text} »"


def _oui_non(value: bool) -> str:
    return "oui" if value else "non"


def _date(value: date | None) -> str:
    return date_longue(value) if value else NOTHING


def _number(value: float | None) -> str:
    return NOTHING if value is None else nombre(value)


def _euros(value: float | None) -> str:
    return NOTHING if value is None else euros(value)


def _percent(value: float | None) -> str:
    return NOTHING if value is None else pourcentage(value)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return NOTHING
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _label(category: str, form: str | None = None) -> Callable[[Any], str]:
    def label(value: Any) -> str:
        if value is None:
            return NOTHING
        key = value.value if isinstance(value, Enum) else str(value)
        try:
            return wording.libelle(category, key, form) or NOTHING
        except KeyError:
            return key

    return label


def _excerpt(old: str, new: str) -> tuple[str, str, int]:
    """The first passage that differs, in both texts, with a few words around it.

    Changes a few words apart make one passage. Also return how many passages differ.
    """
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    passages: list[list[int]] = []  # [i1, i2, j1, j2]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if passages and i1 - passages[-1][1] <= 2 * CONTEXT_WORDS:
            passages[-1][1], passages[-1][3] = i2, j2
        else:
            passages.append([i1, i2, j1, j2])
    i1, i2, j1, j2 = passages[0]

    def around(words: list[str], start: int, end: int) -> str:
        first = max(0, start - 2 * CONTEXT_WORDS)
        last = min(len(words), end + 2 * CONTEXT_WORDS)
        text = "".join(words[first:last]).strip()
        return ("…" if first > 0 else "") + text + ("…" if last < len(words) else "")

    return around(old_words, i1, i2), around(new_words, j1, j2), len(passages)


def _match(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], object]
) -> tuple[list[tuple[T | None, T | None]], set[int]]:
    """Pair the objects of two lists, in the later list's order; also say which ones moved.

    Objects are the same when their keys are; when keys are unique, an object found at
    another place is moved, not removed and added. What remains is paired when it is
    alike (a renamed objective), else removed or added.
    """
    old_keys, new_keys = [key(o) for o in old], [key(n) for n in new]
    if len(set(old_keys)) < len(old_keys) or len(set(new_keys)) < len(new_keys):
        return _match_in_order(old, new, old_keys, new_keys), set()
    by_key = dict(zip(old_keys, old, strict=True))
    kept_old = [k for k in old_keys if k in set(new_keys)]
    kept_new = [k for k in new_keys if k in by_key]
    matcher = SequenceMatcher(None, kept_old, kept_new, autojunk=False)
    in_place = {k for a, _, size in matcher.get_matching_blocks() for k in kept_old[a : a + size]}
    moved = {id(n) for k, n in zip(new_keys, new, strict=True) if k in by_key and k not in in_place}
    removed = [o for k, o in zip(old_keys, old, strict=True) if k not in set(new_keys)]
    added = [n for k, n in zip(new_keys, new, strict=True) if k not in by_key]
    renamed: dict[int, T] = {}
    if removed and len(removed) == len(added) and all(map(_similar, removed, added)):
        renamed = {id(n): o for o, n in zip(removed, added, strict=True)}
        removed = []
    pairs: list[tuple[T | None, T | None]] = [(o, None) for o in removed]
    for k, n in zip(new_keys, new, strict=True):
        pairs.append((by_key.get(k, renamed.get(id(n))), n))
    return pairs, moved


def _match_in_order(
    old: Sequence[T], new: Sequence[T], old_keys: list[object], new_keys: list[object]
) -> list[tuple[T | None, T | None]]:
    """Pairs for lists whose keys repeat: difflib on the keys, alike objects paired."""
    pairs: list[tuple[T | None, T | None]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        if tag == "equal" or (len(olds) == len(news) and all(map(_similar, olds, news))):
            pairs.extend(zip(olds, news, strict=True))
        else:
            pairs.extend([(o, None) for o in olds] + [(None, n) for n in news])
    return pairs


def _moved(
    where: tuple[str, ...],
    noun: tuple[str, str],
    pair: tuple[T, T],
    lists: tuple[Sequence[T], Sequence[T]],
    place: Callable[[T], tuple[str, str]] | None,
) -> Change:
    """« Engagement « A » déplacé : commune, n° 5 → commune, n° 1 », or list positions."""
    (word, suffix), (before, after) = noun, pair
    if place is not None:
        name, old_place = place(before)
        return Change(where, f"{word} {name} déplacé{suffix}", old_place, place(after)[1])
    old_position = next(i for i, o in enumerate(lists[0], start=1) if o is before)
    new_position = next(i for i, n in enumerate(lists[1], start=1) if n is after)
    return Change(
        where, f"{word} déplacé{suffix}", f"position {old_position}", f"position {new_position}"
    )


def _similar(old: Any, new: Any) -> bool:
    """Two objects that share at least half of their filled-in fields: one object changed.

    Objects that carry different identifiers are never the same.
    """
    if not (is_dataclass(old) and is_dataclass(new)) or type(old) is not type(new):
        return False
    old_id, new_id = getattr(old, "id", None), getattr(new, "id", None)
    if old_id and new_id and old_id != new_id:
        return False
    names = [
        f.name
        for f in fields(old)
        if f.name != "path" and (getattr(old, f.name) or getattr(new, f.name))
    ]
    same = sum(getattr(old, n) == getattr(new, n) for n in names)
    return bool(names) and same * 2 >= len(names)


# --- The comparison --------------------------------------------------------------------------------


class _Differ:
    def __init__(self, old: Contrat, new: Contrat) -> None:
        self.old = old
        self.new = new
        self.found: list[Change] = []
        self.names = {**_engagement_names(old), **_engagement_names(new)}
        self.porteurs = {**_porteur_names(old), **_porteur_names(new)}

    # --- generic helpers -------------------------------------------------------------------------

    def value(
        self,
        where: tuple[str, ...],
        what: str,
        old: Any,
        new: Any,
        show: Callable[[Any], str] = _plain,
    ) -> None:
        if old != new:
            self.found.append(Change(where, what, show(old), show(new)))

    def text(self, where: tuple[str, ...], what: str, old: str | None, new: str | None) -> None:
        """A text field: whole when short, else the passage that changed."""
        if old == new:
            return
        if old is None or new is None:
            self.found.append(
                Change(
                    where,
                    what,
                    _quoted(_shorten(plain_text(old))) if old else NOTHING,
                    _quoted(_shorten(plain_text(new))) if new else NOTHING,
                )
            )
            return
        old_text, new_text = plain_text(old), plain_text(new)
        if len(old_text) <= SHORT_TEXT and len(new_text) <= SHORT_TEXT:
            self.found.append(Change(where, what, _quoted(old_text), _quoted(new_text)))
            return
        if old_text == new_text:  # only the Markdown changed (bold, italics)
            self.found.append(Change(where, what, "mise en forme", "mise en forme modifiée"))
            return
        before, after, count = _excerpt(old_text, new_text)
        others = ""
        if count > 1:
            others = (
                f" (et {plural(count - 1, 'autre passage modifié', 'autres passages modifiés')})"
            )
        self.found.append(Change(where, what, _quoted(before), _quoted(after) + others))

    def strings(
        self,
        where: tuple[str, ...],
        noun: str,
        old: Sequence[str],
        new: Sequence[str],
        feminine: bool = False,
        show: Callable[[str], str] = _quoted,
    ) -> None:
        """A list of sentences or names: each one added or removed."""
        suffix = "e" if feminine else ""
        for item in old:
            if item not in new:
                self.found.append(Change(where, f"{noun} supprimé{suffix}", show(item), None))
        for item in new:
            if item not in old:
                self.found.append(Change(where, f"{noun} ajouté{suffix}", None, show(item)))

    def optional(
        self,
        where: tuple[str, ...],
        noun: str,
        old: T | None,
        new: T | None,
        describe: Callable[[T], str],
        compare: Callable[[tuple[str, ...], T, T], None],
        feminine: bool = False,
    ) -> None:
        """An optional part (a diagnostic, a revoyure clause…): added, removed or compared."""
        suffix = "e" if feminine else ""
        if old is None and new is not None:
            self.found.append(Change(where, f"{noun} ajouté{suffix}", None, describe(new)))
        elif new is None and old is not None:
            self.found.append(Change(where, f"{noun} supprimé{suffix}", describe(old), None))
        elif old is not None and new is not None and old != new:
            compare((*where, noun), old, new)

    def items(
        self,
        where: tuple[str, ...],
        noun: str,
        old: Sequence[T],
        new: Sequence[T],
        key: Callable[[T], object],
        describe: Callable[[T], str],
        compare: Callable[[tuple[str, ...], T, T], None],
        feminine: bool = False,
        place: Callable[[T], tuple[str, str]] | None = None,
    ) -> None:
        """A list of objects: matched by ``key``, then each one added, removed, moved or compared.

        For a move, ``place`` gives an object's name and where it stands (« « Titre » »,
        « commune, n° 3 »); by default, its position in the list.
        """
        suffix = "e" if feminine else ""
        pairs, moved = _match(old, new, key)
        for before, after in pairs:
            if after is None:
                assert before is not None
                self.found.append(Change(where, f"{noun} supprimé{suffix}", describe(before), None))
            elif before is None:
                self.found.append(Change(where, f"{noun} ajouté{suffix}", None, describe(after)))
            else:
                if id(after) in moved:
                    change = _moved(where, (noun, suffix), (before, after), (old, new), place)
                    if change.before != change.after:
                        self.found.append(change)
                if before != after:
                    compare(where, before, after)

    # --- the contract, top down ----------------------------------------------------------------

    def contrat(self) -> None:
        old, new = self.old, self.new
        self.value((), "intitulé du contrat", old.intitule, new.intitule, _quoted)
        self.value((), "statut", old.statut, new.statut, _label("statut_contrat"))
        self.value(
            (), "mention de confidentialité", old.confidentialite, new.confidentialite,
            _label("confidentialite"),
        )  # fmt: skip
        self.territoire()
        self.parties()
        where = ("Signature",)
        self.value(where, "lieu", old.signature.lieu, new.signature.lieu)
        self.value(where, "date", old.signature.date, new.signature.date, _date)
        self.value(
            where, "exemplaires", old.signature.exemplaires, new.signature.exemplaires, _number
        )
        self.value(("Période",), "début", old.periode.debut, new.periode.debut, _date)
        self.value(("Période",), "fin", old.periode.fin, new.periode.fin, _date)
        self.items(
            ("Délibérations",), "Délibération", old.deliberations, new.deliberations,
            key=lambda d: (d.organe, d.numero), describe=_describe_deliberation,
            compare=self.deliberation, feminine=True,
        )  # fmt: skip
        self.visas()
        self.text((), "préambule", old.preambule, new.preambule)
        self.items(
            ("Dispositifs intégrés",), "Dispositif", old.dispositifs, new.dispositifs,
            key=lambda d: d.intitule, describe=lambda d: _quoted(d.intitule),
            compare=self.dispositif,
        )  # fmt: skip
        self.optional(
            (), "Diagnostic partagé", old.diagnostic, new.diagnostic,
            describe=lambda d: plural(len(d.indicateurs), "indicateur"), compare=self.diagnostic,
        )  # fmt: skip
        self.items(
            (), "Volet", old.volets, new.volets, key=lambda v: v.id,
            describe=lambda v: f"{_volet_title(v)} ({plural(len(v.engagements), 'engagement')})",
            compare=self.volet,
        )  # fmt: skip
        self.gouvernance()
        self.items(
            ("Annexes libres",), "Annexe", old.annexes, new.annexes, key=lambda a: a.titre,
            describe=lambda a: _quoted(a.titre), compare=self.annexe, feminine=True,
        )  # fmt: skip

    def territoire(self) -> None:
        old, new = self.old.territoire, self.new.territoire
        where = ("Territoire",)
        self.value(where, "type", old.type, new.type, _territory_type)
        self.value(where, "nom", old.nom, new.nom)
        self.value(
            where, "département", old.departement, new.departement,
            lambda d: f"{d.nom} ({d.code})",
        )  # fmt: skip
        self.items(
            where, "Commune", old.communes, new.communes, key=lambda c: c.code_insee,
            describe=lambda c: f"{c.nom} ({c.code_insee})", compare=self.commune, feminine=True,
        )  # fmt: skip
        self.optional(
            where, "Intercommunalité", old.epci, new.epci, describe=lambda e: e.nom,
            compare=self.epci, feminine=True,
        )  # fmt: skip
        self.items(
            where, "Quartier", old.quartiers, new.quartiers, key=lambda q: q.nom,
            describe=lambda q: f"{q.nom}, {_label('type_quartier')(q.type)}",
            compare=self.quartier,
        )  # fmt: skip

    def epci(self, where: tuple[str, ...], old: Epci, new: Epci) -> None:
        self.value(where, "nom", old.nom, new.nom)
        self.value(where, "nature", old.nature, new.nature, _label("nature_epci"))
        self.value(where, "SIREN", old.siren, new.siren)

    def commune(self, where: tuple[str, ...], old: Commune, new: Commune) -> None:
        where = (*where, f"Commune de {new.nom}")
        self.value(where, "nom", old.nom, new.nom)
        self.value(where, "population", old.population, new.population, _number)

    def quartier(self, where: tuple[str, ...], old: Quartier, new: Quartier) -> None:
        where = (*where, f"Quartier {new.nom}")
        self.value(where, "nom", old.nom, new.nom)
        self.value(where, "type", old.type, new.type, _label("type_quartier"))
        self.value(where, "code", old.code, new.code)
        self.value(where, "commune", old.commune, new.commune)
        self.value(where, "date de création", old.depuis, new.depuis, _date)

    def parties(self) -> None:
        old, new = self.old.parties, self.new.parties
        for noun, olds, news in (
            ("Représentant de l'État", old.etat, new.etat),
            ("Représentant des collectivités", old.collectivites, new.collectivites),
        ):
            self.items(
                ("Parties",), noun, olds, news, key=lambda r: r.id,
                describe=_describe_representant, compare=self.representant,
            )  # fmt: skip
        self.items(
            ("Parties",), "Partenaire", old.partenaires, new.partenaires, key=lambda p: p.id,
            describe=lambda p: p.nom, compare=self.partenaire,
        )  # fmt: skip

    def representant(self, where: tuple[str, ...], old: Representant, new: Representant) -> None:
        where = (*where, wording.personne(new.civilite, new.prenom, new.nom))
        self.value(where, "fonction", old.fonction, new.fonction)
        self.value(where, "civilité", old.civilite, new.civilite)
        self.value(where, "prénom", old.prenom, new.prenom)
        self.value(where, "nom", old.nom, new.nom)
        self.value(where, "qualité", old.qualite, new.qualite, _quoted)
        self.value(where, "signataire", old.signataire, new.signataire, _oui_non)
        self.value(where, "commune représentée", old.commune, new.commune)

    def partenaire(self, where: tuple[str, ...], old: Partenaire, new: Partenaire) -> None:
        where = (*where, new.nom)
        self.value(where, "nom", old.nom, new.nom)
        self.value(where, "catégorie", old.categorie, new.categorie, _label("categorie_partenaire"))
        self.value(where, "représentant", old.representant, new.representant, _describe_personne)
        self.value(where, "signataire", old.signataire, new.signataire, _oui_non)

    def deliberation(self, where: tuple[str, ...], old: Deliberation, new: Deliberation) -> None:
        where = (*where, f"Délibération du {new.organe}")
        self.value(where, "organe", old.organe, new.organe)
        self.value(where, "numéro", old.numero, new.numero)
        self.value(where, "date", old.date, new.date, _date)
        self.text(where, "objet", old.objet, new.objet)

    def visas(self) -> None:
        old, new = self.old.visas, self.new.visas
        where = ("Visas",)
        self.value(where, "visas par défaut", old.par_defaut, new.par_defaut, _oui_non)
        texts = {v.id: v.texte for v in catalogue.visas_types()}
        for visa in new.exclus:
            if visa not in old.exclus:
                self.found.append(
                    Change(where, "visa par défaut retiré", _quoted(texts.get(visa, visa)), None)
                )
        for visa in old.exclus:
            if visa not in new.exclus:
                self.found.append(
                    Change(where, "visa par défaut rétabli", None, _quoted(texts.get(visa, visa)))
                )
        self.strings(where, "Visa", old.ajouts, new.ajouts)

    def dispositif(self, where: tuple[str, ...], old: Dispositif, new: Dispositif) -> None:
        where = (*where, new.intitule)
        self.value(where, "type", old.type, new.type, _label("dispositif"))
        self.value(where, "intitulé", old.intitule, new.intitule, _quoted)
        self.value(where, "date", old.date, new.date, _date)
        self.text(where, "articulation avec le contrat", old.articulation, new.articulation)

    def diagnostic(self, where: tuple[str, ...], old: Diagnostic, new: Diagnostic) -> None:
        self.text(where, "synthèse", old.synthese, new.synthese)
        self.text(where, "moyens et méthodes", old.moyens_et_methodes, new.moyens_et_methodes)
        self.items(
            where, "Indicateur", old.indicateurs, new.indicateurs, key=lambda i: i.id,
            describe=lambda i: _quoted(i.libelle), compare=self.indicateur,
        )  # fmt: skip

    def indicateur(self, where: tuple[str, ...], old: Indicateur, new: Indicateur) -> None:
        where = (*where, f"Indicateur « {new.libelle} »")
        self.value(where, "libellé", old.libelle, new.libelle, _quoted)
        self.value(where, "unité", old.unite, new.unite)
        self.value(where, "source", old.source, new.source)
        self.years(where, "valeur", old.valeurs, new.valeurs, new.unite)
        self.text(where, "commentaire", old.commentaire, new.commentaire)

    def years(
        self,
        where: tuple[str, ...],
        what: str,
        old: Iterable[tuple[int, float]],
        new: Iterable[tuple[int, float]],
        unit: str,
    ) -> None:
        """Values by year: each year changed, added or removed."""
        before, after = dict(old), dict(new)
        for year in sorted(before.keys() | after.keys()):
            if year not in after:
                change = Change(where, f"{what} {year}", _quantity(before[year], unit), None)
            elif year not in before:
                change = Change(where, f"{what} {year}", None, _quantity(after[year], unit))
            elif before[year] != after[year]:  # « 15 → 20 policiers »: the unit once
                change = Change(
                    where, f"{what} {year}", nombre(before[year]), _quantity(after[year], unit)
                )
            else:
                continue
            self.found.append(change)

    # --- volets and engagements -----------------------------------------------------------------

    def volet(self, where: tuple[str, ...], old: Volet, new: Volet) -> None:
        where = (*where, _volet_title(new))
        self.text(where, "introduction", old.introduction, new.introduction)
        self.items(
            where, "Engagement", old.engagements, new.engagements, key=_engagement_key,
            describe=self._describe_engagement, compare=self.engagement,
            place=lambda e: (f"« {e.titre} »", self.names[id(e)][1]),
        )  # fmt: skip

    def _describe_engagement(self, engagement: Engagement) -> str:
        return f"« {engagement.titre} » ({self.names[id(engagement)][1]})"

    def engagement(self, where: tuple[str, ...], old: Engagement, new: Engagement) -> None:
        where = (*where, self.names[id(new)][0])
        self.value(where, "mesure du catalogue", old.mesure, new.mesure)
        self.value(where, "intitulé", old.intitule, new.intitule, _quoted)
        self.value(where, "partie", old.partie, new.partie, _partie)
        self.value(
            where, "porteurs", old.porteurs, new.porteurs,
            lambda ids: liste_et(self.porteurs.get(i, i) for i in ids) or NOTHING,
        )  # fmt: skip
        self.value(where, "statut", old.statut, new.statut, _label("statut_engagement"))
        self.text(where, "motif", old.motif, new.motif)
        self.text(where, "texte", old.texte, new.texte)
        single = len(old.objectifs) == 1 == len(new.objectifs)
        self.items(
            where, "Objectif", old.objectifs, new.objectifs, key=lambda o: o.libelle,
            describe=lambda o: wording.objectif_text(o).rstrip("."),
            compare=lambda w, o, n: self.objectif(w, o, n, named=not single),
        )  # fmt: skip
        self.strings(where, "Condition", old.conditions, new.conditions, feminine=True)
        self.value(where, "coût total", old.cout_total, new.cout_total, _euros)
        self.items(
            where, "Financement", old.financements, new.financements,
            key=lambda f: (f.financeur, f.annee, f.source),
            describe=lambda f: wording.financement_text(f).rstrip("."),
            compare=self.financement,
        )  # fmt: skip
        self.items(
            where, "Indicateur de suivi", old.indicateurs, new.indicateurs,
            key=lambda i: i.libelle, describe=lambda i: _quoted(i.libelle),
            compare=self.indicateur_suivi,
        )  # fmt: skip

    def objectif(self, where: tuple[str, ...], old: Objectif, new: Objectif, named: bool) -> None:
        if named:
            where = (*where, f"objectif « {new.libelle} »")
        self.value(where, "libellé de l'objectif", old.libelle, new.libelle, _quoted)
        self.value(where, "unité", old.unite, new.unite)
        if (old.cible, old.unite) != (new.cible, new.unite):
            self.found.append(
                Change(where, "cible", wording.cible_text(old), wording.cible_text(new))
            )
        self.value(
            where, "situation initiale",
            (old.situation_initiale, old.unite), (new.situation_initiale, new.unite),
            _initial,
        )  # fmt: skip
        self.value(where, "échéance", old.echeance, new.echeance, _date)
        self.optional(
            where, "Trajectoire", old.trajectoire, new.trajectoire,
            describe=lambda _: wording.trajectoire_text(new) or NOTHING,
            compare=lambda w, o, n: self.trajectoire(where, o, n, new.unite),
            feminine=True,
        )  # fmt: skip

    def trajectoire(
        self, where: tuple[str, ...], old: Trajectoire, new: Trajectoire, unit: str
    ) -> None:
        modes = {"annuel": "valeurs annuelles", "cumule": "valeurs cumulées"}
        self.value(where, "trajectoire", old.mode, new.mode, lambda m: modes.get(m, m))
        self.years(where, "trajectoire", old.valeurs, new.valeurs, unit)

    def financement(self, where: tuple[str, ...], old: Financement, new: Financement) -> None:
        where = (*where, f"financement {new.financeur} {new.annee}")
        self.value(where, "financeur", old.financeur, new.financeur)
        self.value(where, "année", old.annee, new.annee)
        self.value(where, "source", old.source, new.source, _label("source_financement", "court"))
        self.value(where, "montant", old.montant, new.montant, _euros)
        self.value(where, "taux", old.taux, new.taux, _percent)
        self.value(where, "objet", old.objet, new.objet, _quoted)

    def indicateur_suivi(
        self, where: tuple[str, ...], old: IndicateurSuivi, new: IndicateurSuivi
    ) -> None:
        where = (*where, f"indicateur « {new.libelle} »")
        self.value(where, "unité", old.unite, new.unite)
        self.value(where, "source", old.source, new.source)
        self.value(where, "périodicité", old.periodicite, new.periodicite)
        self.value(where, "série du diagnostic", old.indicateur, new.indicateur)
        self.value(where, "valeur cible", old.valeur_cible, new.valeur_cible, _number)

    # --- governance and annexes ------------------------------------------------------------------

    def gouvernance(self) -> None:
        old, new = self.old.gouvernance, self.new.gouvernance
        for noun, before, after in (
            ("Comité de pilotage", old.comite_pilotage, new.comite_pilotage),
            ("Comité technique", old.comite_technique, new.comite_technique),
        ):
            self.optional(
                (), noun, before, after, describe=lambda i: liste_et(i.membres),
                compare=self.instance,
            )  # fmt: skip
        self.optional(
            (), "Évaluation", old.evaluation, new.evaluation,
            describe=lambda e: _label("periodicite")(e.frequence), compare=self.evaluation,
            feminine=True,
        )  # fmt: skip
        self.optional(
            (), "Clause de revoyure", old.revoyure, new.revoyure,
            describe=lambda r: _date(r.date), compare=self.revoyure, feminine=True,
        )  # fmt: skip

    def instance(self, where: tuple[str, ...], old: Instance, new: Instance) -> None:
        self.text(where, "présidence", old.presidence, new.presidence)
        self.strings(where, "Membre", old.membres, new.membres)
        self.value(where, "fréquence", old.frequence, new.frequence, _label("frequence"))

    def evaluation(self, where: tuple[str, ...], old: Evaluation, new: Evaluation) -> None:
        self.value(where, "fréquence", old.frequence, new.frequence, _label("periodicite"))
        self.text(where, "modalités", old.modalites, new.modalites)

    def revoyure(self, where: tuple[str, ...], old: Revoyure, new: Revoyure) -> None:
        self.value(where, "date", old.date, new.date, _date)
        self.text(where, "objet", old.objet, new.objet)

    def annexe(self, where: tuple[str, ...], old: AnnexeLibre, new: AnnexeLibre) -> None:
        where = (*where, f"Annexe « {new.titre} »")
        self.value(where, "titre", old.titre, new.titre, _quoted)
        self.text(where, "contenu", old.contenu, new.contenu)


# --- Names ---------------------------------------------------------------------------------------


def _engagement_names(contrat: Contrat) -> dict[int, tuple[str, str]]:
    """For each engagement: its name in a path, and its short description.

    Retained engagements are named by their number in the document, as « Engagement de
    l'État n° 2 »; the others by their title and status.
    """
    names: dict[int, tuple[str, str]] = {}
    for engagement in contrat.engagements:
        party = wording.denomination(engagement.partie, contrat.territoire)
        number = contrat.numero(engagement)
        if number is not None:
            names[id(engagement)] = (
                f"Engagement {party.de} n° {number}",
                f"{party.court}, n° {number}",
            )
        else:
            status = wording.libelle("statut_engagement", engagement.statut.value).lower()
            names[id(engagement)] = (
                f"Engagement {party.de} « {engagement.titre} »",
                f"{party.court}, {status}",
            )
    return names


def _porteur_names(contrat: Contrat) -> dict[str, str]:
    names = {r.id: r.qualite for r in contrat.parties.representants}
    names.update({p.id: p.nom for p in contrat.parties.partenaires})
    return names


def _engagement_key(engagement: Engagement) -> object:
    return engagement.id or (engagement.partie, engagement.mesure, engagement.intitule)


def _volet_title(volet: Volet) -> str:
    return f"Volet {catalogue.volet(volet.id).titre.lower()}"


def _partie(partie: Partie) -> str:
    return wording.denomination(partie).sujet


def _territory_type(value: TypeTerritoire) -> str:
    return {
        TypeTerritoire.COMMUNE: "une commune",
        TypeTerritoire.COMMUNES: "plusieurs communes",
        TypeTerritoire.INTERCOMMUNALITE: "une intercommunalité",
    }[value]


def _quantity(value: float | None, unit: str) -> str:
    return NOTHING if value is None else wording.quantite(value, unit)


def _initial(pair: tuple[Any, str]) -> str:
    initial, unit = pair
    if initial is None:
        return NOTHING
    return f"{wording.quantite(initial.valeur, unit)} en {initial.annee}"


def _describe_personne(personne: Personne | None) -> str:
    if personne is None:
        return NOTHING
    return (
        f"{wording.personne(personne.civilite, personne.prenom, personne.nom)}, {personne.qualite}"
    )


def _describe_representant(representant: Representant) -> str:
    name = wording.personne(representant.civilite, representant.prenom, representant.nom)
    return f"{name}, {representant.qualite}"


def _describe_deliberation(deliberation: Deliberation) -> str:
    numero = f" n° {deliberation.numero}" if deliberation.numero else ""
    return f"{deliberation.organe}{numero} du {date_longue(deliberation.date)}"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"
