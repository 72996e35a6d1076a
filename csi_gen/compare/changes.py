"""What changed between two versions of a contract, field by field, in the contract's words.

``changes(old, new)`` walks both models from the contract down, field by field in the
model's order, and lists each change the way a jurist names it: « Volet justice ›
Engagements de l'État, 2° › trajectoire 2022 : 15 → 20 policiers », « Volet justice ›
Engagement ajouté : « Maison de la justice et du droit » (Ville, 3°) ». Fields are
named by the schema's titles (``labels``), objects and values in the contract's terms
(``naming``), list items paired by ``matching``. Written by hand are only what the
contract itself numbers or measures: engagements, objectives and their values by year,
visas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from csi_gen import catalogue, hints, wording
from csi_gen.compare import labels
from csi_gen.compare.matching import match
from csi_gen.compare.naming import (
    NOTHING,
    SHORT_TEXT,
    TERMS,
    engagement_key,
    engagement_names,
    excerpt,
    porteur_names,
    quantity,
    quoted,
    shorten,
    show,
    shown_date,
)
from csi_gen.dates import DatePartielle
from csi_gen.errors import plural
from csi_gen.formatting import liste_et, nombre
from csi_gen.markdown_text import plain_text
from csi_gen.model import Contrat, Engagement, Indicateur, Objectif, Volet
from csi_gen.model_types import Forme, ParAnnee, ParDate
from csi_gen.numbering import Places

SEPARATOR = " › "
ARROW = " → "

T = TypeVar("T")
Where = tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One change: where (from the contract down), what, and the values before and after.

    ``before`` is None for something added, ``after`` for something removed.
    """

    where: Where
    what: str
    before: str | None
    after: str | None

    @property
    def element(self) -> str:
        """« Volet justice › Engagements de l'État, 2° › trajectoire 2022 »."""
        return SEPARATOR.join((*self.where, self.what))

    def __str__(self) -> str:
        if self.before is None:
            return f"{self.element} : {self.after}"
        if self.after is None:
            return f"{self.element} : {self.before}"
        return f"{self.element} : {self.before}{ARROW}{self.after}"


def changes(
    old: Contrat, new: Contrat, places: tuple[Places, Places] | None = None
) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order of the contract.

    With ``places`` (a signed contract), engagements are named by their article and point in
    the signed text, frozen: an insertion or a removal renumbers nothing."""
    differ = _Differ(old, new, places)
    differ.compare((), old, new)
    return differ.found


class _Differ:
    def __init__(
        self, old: Contrat, new: Contrat, places: tuple[Places, Places] | None = None
    ) -> None:
        self.found: list[Change] = []
        before, after = places or (None, None)
        self.names = {**engagement_names(old, before), **engagement_names(new, after)}
        self.porteurs = {**porteur_names(old), **porteur_names(new)}

    def add(self, where: Where, what: str, before: str | None, after: str | None) -> None:
        self.found.append(Change(where, what, before, after))

    # --- any object, field by field ------------------------------------------------------------

    def compare(self, where: Where, old: Any, new: Any) -> None:
        """Two versions of one object: each field the schema describes, in the model's order."""
        cls = type(new)
        for name in labels.fields(cls):
            if name in _SKIPPED:
                continue
            by_hand = _BY_HAND.get((cls, name))
            if by_hand is not None:
                by_hand(self, where, old, new)
                continue
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                self.field(where, cls, name, before, after)

    def field(self, where: Where, cls: type[Any], name: str, before: Any, after: Any) -> None:
        kind = labels.kind(cls, name)
        part = () if (cls, name) in _UNNAMED else (labels.section(cls, name),)
        if kind == "items":
            self.items(where or part, labels.noun(cls, name), before, after)
        elif kind == "texts":
            self.strings(where, labels.noun(cls, name), before, after)
        elif kind == "optional":
            self.optional(where, labels.noun(cls, name), before, after)
        elif kind == "section":
            self.compare((*where, *part), before, after)
        elif kind == "text":
            markdown = Forme.MARKDOWN in hints.fields(cls)[name].marks
            self.text(where, labels.label(cls, name), before, after, markdown)
        else:
            shown = show(cls, name)
            self.add(where, labels.label(cls, name), shown(before), shown(after))

    def text(
        self, where: Where, what: str, old: str | None, new: str | None, markdown: bool = False
    ) -> None:
        """A text: whole when short, else the passage that changed."""
        if old == new:
            return
        if markdown:
            old, new = (plain_text(t) if t else t for t in (old, new))
        if old is None or new is None:
            self.add(where, what, quoted(old and shorten(old)), quoted(new and shorten(new)))
        elif len(old) <= SHORT_TEXT and len(new) <= SHORT_TEXT:
            self.add(where, what, quoted(old), quoted(new))
        elif old == new:  # only the Markdown changed (bold, italics)
            self.add(where, what, "mise en forme", "mise en forme modifiée")
        else:
            before, after, count = excerpt(old, new)
            others = ""
            if count > 1:
                others = plural(count - 1, "autre passage modifié", "autres passages modifiés")
                others = f" (et {others})"
            self.add(where, what, quoted(before), quoted(after) + others)

    def strings(self, where: Where, noun: str, old: Sequence[str], new: Sequence[str]) -> None:
        """A list of sentences or names: each one added or removed."""
        suffix = "e" if labels.feminine(noun) else ""
        for item in old:
            if item not in new:
                self.add(where, f"{noun} supprimé{suffix}", quoted(item), None)
        for item in new:
            if item not in old:
                self.add(where, f"{noun} ajouté{suffix}", None, quoted(item))

    def optional(self, where: Where, noun: str, old: Any, new: Any) -> None:
        """An optional part (a diagnostic, a revoyure clause…): added, removed or compared."""
        suffix = "e" if labels.feminine(noun) else ""
        describe = TERMS[type(new if new is not None else old)].describe
        if old is None:
            self.add(where, f"{noun} ajouté{suffix}", None, describe(new))
        elif new is None:
            self.add(where, f"{noun} supprimé{suffix}", describe(old), None)
        else:
            self.compare((*where, noun), old, new)

    def items(
        self,
        where: Where,
        noun: str,
        old: Sequence[T],
        new: Sequence[T],
        compare: Callable[[Where, T, T], None] | None = None,
        describe: Callable[[T], str] | None = None,
        place: Callable[[T], tuple[str, str]] | None = None,
    ) -> None:
        """A list of objects: matched by key, then each one added, removed, moved or compared.

        For a move, ``place`` gives an object's name and where it stands (« « Titre » »,
        « Ville, 3° »); by default, its position in the list.
        """
        if not old and not new:
            return
        terms = TERMS[type((new or old)[0])]
        describe = describe or terms.describe
        suffix = "e" if labels.feminine(noun) else ""
        assert terms.key is not None
        pairs, moved = match(old, new, terms.key)
        for before, after in pairs:
            if after is None:
                self.add(where, f"{noun} supprimé{suffix}", describe(before), None)  # type: ignore[arg-type]
            elif before is None:
                self.add(where, f"{noun} ajouté{suffix}", None, describe(after))
            else:
                if id(after) in moved:
                    self.moved(where, (noun, suffix), (before, after), (old, new), place)
                if before != after:
                    (compare or self.item)(where, before, after)

    def item(self, where: Where, old: Any, new: Any) -> None:
        name = TERMS[type(new)].name
        self.compare((*where, name(new)) if name else where, old, new)

    def moved(
        self,
        where: Where,
        noun: tuple[str, str],
        pair: tuple[T, T],
        lists: tuple[Sequence[T], Sequence[T]],
        place: Callable[[T], tuple[str, str]] | None,
    ) -> None:
        """« Engagement « A » déplacé : Ville, 5° → Ville, 1° », or list positions."""
        (word, suffix), (before, after) = noun, pair
        if place is not None:
            name, old_place = place(before)
            new_place = place(after)[1]
            if old_place != new_place:
                self.add(where, f"{word} {name} déplacé{suffix}", old_place, new_place)
            return
        old_position = next(i for i, o in enumerate(lists[0], start=1) if o is before)
        new_position = next(i for i, n in enumerate(lists[1], start=1) if n is after)
        if old_position != new_position:
            self.add(
                where,
                f"{word} déplacé{suffix}",
                f"position {old_position}",
                f"position {new_position}",
            )

    def years(
        self, where: Where, what: str, old: ParAnnee | ParDate, new: ParAnnee | ParDate, unit: str
    ) -> None:
        """Values by year (or by date): each one changed, added or removed."""
        before: dict[Any, float] = dict(old)
        after: dict[Any, float] = dict(new)
        for key in sorted(before.keys() | after.keys()):
            when = f"{what} {shown_date(key) if isinstance(key, DatePartielle) else key}"
            if key not in after:
                self.add(where, when, quantity(before[key], unit), None)
            elif key not in before:
                self.add(where, when, None, quantity(after[key], unit))
            elif before[key] != after[key]:  # « 15 → 20 policiers »: the unit once
                self.add(where, when, nombre(before[key]), quantity(after[key], unit))


# --- Written by hand: the contract's own terms ----------------------------------------------------


def _intitule(differ: _Differ, where: Where, old: Contrat, new: Contrat) -> None:
    """The contract's title as the document prints it: its own, or the default one."""
    if old.intitule != new.intitule:
        differ.add(
            where, labels.label(Contrat, "titre"), quoted(old.intitule), quoted(new.intitule)
        )


def _visas(differ: _Differ, where: Where, old: Contrat, new: Contrat) -> None:
    """The default visas kept or not, those excluded by name, those added."""
    where = (*where, labels.section(Contrat, "visas"))
    if old.visas.par_defaut != new.visas.par_defaut:
        shown = show(type(new.visas), "par_defaut")
        what = labels.label(type(new.visas), "par_defaut")
        differ.add(where, what, shown(old.visas.par_defaut), shown(new.visas.par_defaut))
    texts = {v.id: v.texte for v in catalogue.visas_types()}
    for visa in new.visas.exclus:
        if visa not in old.visas.exclus:
            differ.add(where, "visa par défaut retiré", quoted(texts.get(visa, visa)), None)
    for visa in old.visas.exclus:
        if visa not in new.visas.exclus:
            differ.add(where, "visa par défaut rétabli", None, quoted(texts.get(visa, visa)))
    differ.strings(where, "Visa", old.visas.ajouts, new.visas.ajouts)


def _engagements(differ: _Differ, where: Where, old: Volet, new: Volet) -> None:
    def describe(engagement: Engagement) -> str:
        return f"« {engagement.titre} » ({differ.names[id(engagement)][1]})"

    def compare(where: Where, before: Engagement, after: Engagement) -> None:
        differ.compare((*where, differ.names[id(after)][0]), before, after)

    differ.items(
        where,
        labels.noun(Volet, "engagements"),
        old.engagements,
        new.engagements,
        compare,
        describe,
        place=lambda e: (f"« {e.titre} »", differ.names[id(e)][1]),
    )
    _renumbered(differ, where, old, new)


def _renumbered(differ: _Differ, where: Where, old: Volet, new: Volet) -> None:
    """Engagements renumbered by an insertion or a removal (before signature; never after)."""
    pairs, moved = match(old.engagements, new.engagements, engagement_key)
    for before, after in pairs:
        if before is None or after is None or id(after) in moved:
            continue
        was, now = differ.names[id(before)][1], differ.names[id(after)][1]
        if before.retenue and after.retenue and was != now:
            differ.add(where, f"Engagement « {after.titre} » renuméroté", was, now)


def _porteurs(differ: _Differ, where: Where, old: Engagement, new: Engagement) -> None:
    if old.porteurs != new.porteurs:
        names = [liste_et(differ.porteurs.get(i, i) for i in e.porteurs) for e in (old, new)]
        differ.add(
            where, labels.label(Engagement, "porteurs"), names[0] or NOTHING, names[1] or NOTHING
        )


def _objectifs(differ: _Differ, where: Where, old: Engagement, new: Engagement) -> None:
    """Objectives, named in the path only when the engagement has several."""
    named = not (len(old.objectifs) == 1 == len(new.objectifs))

    def compare(where: Where, before: Objectif, after: Objectif) -> None:
        differ.compare((*where, f"objectif « {after.libelle} »") if named else where, before, after)

    noun = labels.noun(Engagement, "objectifs")
    differ.items(where, noun, old.objectifs, new.objectifs, compare)


def _cible(differ: _Differ, where: Where, old: Objectif, new: Objectif) -> None:
    if (old.cible, old.unite) != (new.cible, new.unite):
        what = labels.label(Objectif, "cible")
        differ.add(where, what, wording.cible_text(old), wording.cible_text(new))


def _situation_initiale(differ: _Differ, where: Where, old: Objectif, new: Objectif) -> None:
    def shown(objectif: Objectif) -> str:
        initial = objectif.situation_initiale
        if initial is None:
            return NOTHING
        text = wording.situation_initiale_text(objectif) or NOTHING
        return f"{text} en {initial.annee}" if initial.annee else text

    before, after = shown(old), shown(new)
    if before != after:
        differ.add(where, labels.label(Objectif, "situation_initiale"), before, after)


def _trajectoire(differ: _Differ, where: Where, old: Objectif, new: Objectif) -> None:
    """The trajectory's changes are the objective's: « trajectoire 2022 : 15 → 20 »."""
    noun = labels.noun(Objectif, "trajectoire")
    if old.trajectoire is None and new.trajectoire is not None:
        differ.add(where, f"{noun} ajoutée", None, wording.trajectoire_text(new))
    elif new.trajectoire is None and old.trajectoire is not None:
        differ.add(where, f"{noun} supprimée", wording.trajectoire_text(old), None)
    elif old.trajectoire is not None and new.trajectoire is not None:
        what = noun.lower()
        modes = {"annuel": "valeurs annuelles", "cumule": "valeurs cumulées"}
        before, after = old.trajectoire.mode, new.trajectoire.mode
        if before != after:
            differ.add(where, what, modes.get(before, before), modes.get(after, after))
        differ.years(where, what, old.trajectoire.valeurs, new.trajectoire.valeurs, new.unite)
        rests = [quantity(o.trajectoire.reste, new.unite) for o in (old, new) if o.trajectoire]
        if rests[0] != rests[1]:
            differ.add(where, f"{what}, reste à une date non fixée", *rests)


def _valeurs(differ: _Differ, where: Where, old: Indicateur, new: Indicateur) -> None:
    differ.years(where, "valeur", old.valeurs, new.valeurs, new.unite)


_BY_HAND: dict[tuple[type[Any], str], Callable[[_Differ, Where, Any, Any], None]] = {
    (Contrat, "titre"): _intitule,
    (Contrat, "visas"): _visas,
    (Volet, "engagements"): _engagements,
    (Engagement, "porteurs"): _porteurs,
    (Engagement, "objectifs"): _objectifs,
    (Objectif, "cible"): _cible,
    (Objectif, "situation_initiale"): _situation_initiale,
    (Objectif, "trajectoire"): _trajectoire,
    (Indicateur, "valeurs"): _valeurs,
}
# Parts of the contract that are not named in a change's path: each volet names itself, the
# governance's parts are named by their own titles.
_UNNAMED = {(Contrat, "volets"), (Contrat, "gouvernance")}
_SKIPPED = {"id", "avenants"}  # what pairs two versions; how it was amended, not its text
