"""How a change names the contract's objects and shows its values, in the contract's terms.

A list's items are matched by a key (an identifier, or what names the item) and named in
a change's path as the contract names them: « Commune de Toulouse », « financement État
2021 ». Values read as the contract writes them: dates in words, amounts in euros,
enumerations by their French label, sentences between quotes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from enum import Enum
from typing import Any

from csi_gen import catalogue, grammar, hints, wording
from csi_gen.dates import DatePartielle, Echeance
from csi_gen.errors import plural
from csi_gen.formatting import date_longue, euros, liste_et, nombre, nombre_ecrit, pourcentage
from csi_gen.model import (
    AnnexeLibre,
    Axe,
    Contrat,
    Deliberation,
    Diagnostic,
    Dispositif,
    Engagement,
    Evaluation,
    Fait,
    Financement,
    Indicateur,
    IndicateurSuivi,
    Instance,
    Objectif,
    Partenaire,
    Partie,
    Personne,
    Representant,
    Revoyure,
    Volet,
)
from csi_gen.model_types import Forme, Libelle
from csi_gen.numbering import Places
from csi_gen.territory import Commune, Departement, Epci, Quartier

NOTHING = "—"
SHORT_TEXT = 100  # longer texts are shown as the passage that changed, with some context
CONTEXT_WORDS = 5
_WORDS = re.compile(r"\S+|\s+")

Show = Callable[[Any], str]


@dataclass(frozen=True)
class Terms:
    """How the contract names one kind of object."""

    describe: Show  # the object added or removed, in a few words
    key: Callable[[Any], object] | None = None  # what makes two items of a list the same
    name: Show | None = None  # the item in a change's path


def quoted(text: str | None) -> str:
    return NOTHING if text is None or text == "" else f"« {text} »"


def shown_date(value: date | DatePartielle | None) -> str:
    return date_longue(value) if value else NOTHING


def quantity(value: float | None, unit: str) -> str:
    return NOTHING if value is None else wording.quantite(value, unit)


def label_of(category: str, form: str | None = None) -> Show:
    """The French label of an enumerated value (data/libelles.json), or the value itself."""

    def label(value: Any) -> str:
        key = value.value if isinstance(value, Enum) else str(value)
        try:
            return wording.libelle(category, key, form) or NOTHING
        except KeyError:
            return key

    return label


def volet_title(volet: Volet) -> str:
    return catalogue.volet(volet.id).intitule


def engagement_key(engagement: Engagement) -> object:
    return engagement.id or (engagement.partie, engagement.mesure, engagement.intitule)


def _personne(personne: Personne | Representant) -> str:
    name = wording.personne(personne.civilite, personne.prenom, personne.nom)
    return f"{name}, {personne.qualite}"


def _deliberation(deliberation: Deliberation) -> str:
    numero = f" n° {deliberation.numero}" if deliberation.numero else ""
    return f"{deliberation.organe}{numero} du {date_longue(deliberation.date)}"


TERMS: dict[type[Any], Terms] = {
    Commune: Terms(
        lambda c: f"{c.nom} ({c.code_insee})",
        lambda c: c.code_insee,
        lambda c: f"Commune de {c.nom}",
    ),
    Quartier: Terms(
        lambda q: f"{q.nom}, {label_of('type_quartier')(q.type)}",
        lambda q: q.nom,
        lambda q: f"Quartier {q.nom}",
    ),
    Representant: Terms(
        _personne, lambda r: r.id, lambda r: wording.personne(r.civilite, r.prenom, r.nom)
    ),
    Partenaire: Terms(lambda p: p.nom, lambda p: p.id, lambda p: p.nom),
    Deliberation: Terms(
        _deliberation, lambda d: (d.organe, d.numero), lambda d: f"Délibération du {d.organe}"
    ),
    Dispositif: Terms(lambda d: quoted(d.intitule), lambda d: d.intitule, lambda d: d.intitule),
    Indicateur: Terms(
        lambda i: quoted(i.libelle), lambda i: i.id, lambda i: f"Indicateur « {i.libelle} »"
    ),
    Axe: Terms(lambda a: quoted(a.titre), lambda a: a.id, lambda a: f"Axe « {a.titre} »"),
    Volet: Terms(
        lambda v: f"{volet_title(v)} ({plural(len(v.engagements), 'engagement')})",
        lambda v: v.id,
        volet_title,
    ),
    Engagement: Terms(
        lambda e: quoted(e.titre), engagement_key
    ),  # named by its number: see changes
    Objectif: Terms(lambda o: wording.objectif_text(o).rstrip("."), lambda o: o.libelle),
    Financement: Terms(
        lambda f: wording.financement_text(f).rstrip("."),
        lambda f: (f.financeur, f.annee, f.source),
        lambda f: f"financement {f.financeur}" + (f" {f.annee}" if f.annee else ""),
    ),
    IndicateurSuivi: Terms(
        lambda i: quoted(i.libelle), lambda i: i.libelle, lambda i: f"indicateur « {i.libelle} »"
    ),
    AnnexeLibre: Terms(
        lambda a: quoted(a.titre), lambda a: a.titre, lambda a: f"Annexe « {a.titre} »"
    ),
    Fait: Terms(
        lambda f: (
            f"« {f.libelle} » : {nombre_ecrit(f.valeur)}" + (f" {f.unite}" if f.unite else "")
        ),
        lambda f: f.libelle,
        lambda f: f"Donnée « {f.libelle} »",
    ),
    # Optional parts, described when added or removed
    Epci: Terms(lambda e: e.nom),
    Diagnostic: Terms(lambda d: plural(len(d.indicateurs), "indicateur")),
    Instance: Terms(lambda i: liste_et(i.membres)),
    Evaluation: Terms(lambda e: label_of("periodicite")(e.frequence)),
    Revoyure: Terms(lambda r: shown_date(r.date)),
    # Values shown whole
    Departement: Terms(lambda d: f"{d.nom} ({d.code})"),
    Personne: Terms(_personne),
}
VALUES = (Departement, Personne)  # objects that a change shows whole, not field by field


def show(cls: type[Any], name: str) -> Show:
    """How the field ``name`` of ``cls`` reads in a change, from its type hint."""
    shown = _SHOWN.get((cls, name))
    if shown is None:
        shown = _SHOWN[cls, name] = _show(cls, name)
    return shown


_SHOWN: dict[tuple[type[Any], str], Show] = {}


def _show(cls: type[Any], name: str) -> Show:
    hint = hints.fields(cls)[name]
    shown = _by_marks(hint.marks) or _by_type(hint.base)
    return lambda value: NOTHING if value is None or value == "" else shown(value)


def _by_marks(marks: tuple[Any, ...]) -> Show | None:
    for mark in marks:
        if isinstance(mark, Libelle):
            return label_of(mark.categorie, mark.forme)
        if mark is Forme.EUROS:
            return euros
        if mark is Forme.POURCENTAGE:
            return pourcentage
        if mark is Forme.ANNEE:
            return str
    return None


def _by_type(hint: Any) -> Show:
    if hint is bool:
        return lambda value: "oui" if value else "non"
    if hint in (date, DatePartielle):
        return shown_date
    if hint is Echeance:
        return lambda value: (
            "fin du mandat municipal" if value.date is None else shown_date(value.date)
        )
    if hint is Partie:
        return lambda value: wording.denomination(value).sujet
    if hint in (int, float):
        return nombre
    if isinstance(hint, type) and hint in TERMS:
        return TERMS[hint].describe
    return lambda value: str(value.value) if isinstance(value, Enum) else str(value)


# --- Engagements and porteurs: named as the document names them ---------------------------------


def engagement_names(contrat: Contrat, places: Places | None = None) -> dict[int, tuple[str, str]]:
    """For each engagement: its name in a path, and its short description.

    Retained engagements are named as the document numbers them, « Engagements de l'État,
    2° », or, in a signed contract, where they stand in it (``places``): « Article 7, 2°
    (engagements de la Ville) »; the others by their title and status.
    """
    names: dict[int, tuple[str, str]] = {}
    partners = {p.id: p.nom for p in contrat.parties.partenaires}
    axes = {a.id: a.titre for a in contrat.axes}
    for engagement in contrat.engagements:
        party = wording.denomination(engagement.partie, contrat.territoire)
        if engagement.partenaire in partners:
            name = partners[engagement.partenaire]
            party = wording.Denomination(
                name, grammar.de_lieu(grammar.deviner_lieu(name).lieu), name
            )
        number = contrat.numero(engagement)
        axis = f" (axe « {axes[engagement.axe]} »)" if engagement.axe in axes else ""
        if places and engagement.path in places:
            article, point = places[engagement.path]
            names[id(engagement)] = (
                f"Article {article}, {point} (engagements {party.de})",
                f"{party.court}, article {article}, {point}",
            )
        elif number is not None:
            names[id(engagement)] = (
                f"Engagements {party.de}, {number}°{axis}",
                f"{party.court}, {number}°{axis}",
            )
        else:
            status = wording.libelle("statut_engagement", engagement.statut.value).lower()
            names[id(engagement)] = (
                f"Engagement {party.de} « {engagement.titre} »",
                f"{party.court}, {status}",
            )
    return names


def porteur_names(contrat: Contrat) -> dict[str, str]:
    names = {r.id: r.qualite for r in contrat.parties.representants}
    names.update({p.id: p.nom for p in contrat.parties.partenaires})
    return names


# --- Texts: whole when short, else the passage that changed -------------------------------------


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def excerpt(old: str, new: str) -> tuple[str, str, int]:
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


def is_value(cls: type[Any]) -> bool:
    return cls in VALUES or not dataclasses.is_dataclass(cls)
