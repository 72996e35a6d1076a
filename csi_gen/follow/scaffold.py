"""``csi-gen suivi``: add a year to a follow-up file, every expected value « [à compléter] ».

What is already written is never changed: a year that exists is completed with what it
lacks (an engagement, an objective, an indicator, a financing line), nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csi_gen import wording
from csi_gen.errors import UsageError
from csi_gen.files import write_atomic
from csi_gen.follow.loading import read
from csi_gen.follow.rules import is_stock
from csi_gen.formatting import echeance, euros, pourcentage
from csi_gen.model import PLACEHOLDER, Contrat, Engagement, Financement, IndicateurSuivi, Objectif


@dataclass(frozen=True)
class Added:
    """What a run of ``csi-gen suivi`` added, to tell the user."""

    created: bool  # the file did not exist
    new_year: bool  # the year's section did not exist
    engagements: int
    objectifs: int
    indicateurs: int
    financements: int

    @property
    def nothing(self) -> bool:
        return not (self.engagements or self.objectifs or self.indicateurs or self.financements)


def followed(contrat: Contrat) -> list[Engagement]:
    """The engagements a follow-up lists: retained, with an id."""
    return [e for e in contrat.engagements if e.retenue and e.id]


def expected_in(objectif: Objectif, year: int) -> bool:
    """Whether the objective has something to report in ``year``."""
    steps = objectif.trajectoire.par_annee() if objectif.trajectoire else {}
    if year in steps:
        return True
    deadline = objectif.annee_echeance
    if deadline is not None and deadline < year:
        return False
    return not steps or min(steps) <= year <= max(steps)


def add_year(contrat: Contrat, path: Path, year: int) -> Added:
    """Add (or complete) ``year`` in the follow-up file at ``path``; write it atomically."""
    periode = contrat.periode
    if not periode.debut.year <= year <= periode.fin.year:
        raise UsageError(
            f"l'année {year} est hors de la période du contrat ({periode.debut.year} à "
            f"{periode.fin.year}) ; attendu : --annee {periode.debut.year} à {periode.fin.year}."
        )
    created = not path.exists()
    data = new_file(contrat) if created else read(path)[0]
    years: dict[str, Any] = data["annees"]
    new_year = str(year) not in years
    section = years.setdefault(str(year), new_section())
    counts = complete(section.setdefault("engagements", {}), contrat, year)
    data["annees"] = dict(sorted(years.items()))
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return Added(created, new_year, *counts)


def new_file(contrat: Contrat) -> dict[str, Any]:
    return {
        "$schema": "../schema/suivi.schema.json",
        "notes_de_redaction": (
            f"Suivi du contrat « {contrat.intitule} ». Une section par année ; chaque "
            f"« {PLACEHOLDER} » attend la valeur réalisée. Les engagements sont désignés par "
            "leur identifiant dans le contrat, les objectifs et les indicateurs par leur libellé."
        ),
        "annees": {},
    }


def new_section() -> dict[str, Any]:
    return {
        "notes_de_redaction": (
            "Après la réunion du comité de pilotage qui examine l'année, ajoutez "
            "« comite_pilotage » : sa date, les présents et les décisions."
        ),
        "engagements": {},
    }


def complete(entries: dict[str, Any], contrat: Contrat, year: int) -> tuple[int, int, int, int]:
    """Add what is missing to the year's engagements; (engagements, objectives, indicators,
    lines) added."""
    added = [0, 0, 0, 0]
    for engagement in followed(contrat):
        assert engagement.id is not None
        entry = entries.get(engagement.id)
        if entry is None:
            entry = entries[engagement.id] = {"avancement": PLACEHOLDER, "commentaire": PLACEHOLDER}
            added[0] += 1
        added[1] += _add(
            entry,
            "objectifs",
            (o for o in engagement.objectifs if expected_in(o, year)),
            lambda o: o.libelle,
            lambda o: _objective(o, year),
        )
        added[2] += _add(
            entry,
            "indicateurs",
            engagement.indicateurs,
            lambda i: i.libelle,
            lambda i: _indicator(i, year),
        )
        added[3] += _add(
            entry,
            "financements",
            (f for f in engagement.financements if f.annee is not None and f.annee <= year),
            lambda f: (f.financeur, f.annee, f.source),
            _line,
        )
    return added[0], added[1], added[2], added[3]


def _add(entry: dict[str, Any], key: str, items: Any, identity: Any, new: Any) -> int:
    present = entry.get(key, [])
    known = {_identity(key, item) for item in present if isinstance(item, dict)}
    missing = [item for item in items if identity(item) not in known]
    if missing:
        entry[key] = [*present, *(new(item) for item in missing)]
    return len(missing)


def _identity(key: str, item: dict[str, Any]) -> Any:
    if key == "financements":
        return (item.get("financeur"), item.get("annee"), item.get("source"))
    return item.get("libelle")


def _objective(objectif: Objectif, year: int) -> dict[str, Any]:
    return {"libelle": objectif.libelle, "valeur": PLACEHOLDER, "rappel": reminder(objectif, year)}


def _indicator(indicateur: IndicateurSuivi, year: int) -> dict[str, Any]:
    details = [indicateur.unite, indicateur.source]
    known = " ; ".join(d for d in details if d)
    return {
        "libelle": indicateur.libelle,
        "valeur": PLACEHOLDER,
        "rappel": f"Valeur de {year}" + (f" ({known})." if known else "."),
    }


def _planned(financement: Financement) -> str:
    """What the contract states of a line: its amount, else what it says instead."""
    if financement.type == "annuel" and financement.montant is not None:
        return (
            f"{euros(financement.montant)} par an de {financement.annee} à {financement.annee_fin}"
        )
    if financement.ponctuel is not None:
        return euros(financement.ponctuel)
    if financement.type == "taux" and financement.taux is not None:
        return pourcentage(financement.taux) + " " + (financement.assiette or "du coût total")
    return "un montant non chiffré"


def _line(financement: Financement) -> dict[str, Any]:
    source = wording.libelle("source_financement", financement.source, "court")
    return {
        "financeur": financement.financeur,
        "source": financement.source,
        "annee": financement.annee,
        "engage": PLACEHOLDER,
        "paye": PLACEHOLDER,
        "rappel": f"Prévu au contrat : {_planned(financement)} ({source})"
        + (f" pour {financement.objet}" if financement.objet else "")
        + ". Indiquez les montants engagés et payés au 31 décembre, cumulés.",
    }


def reminder(objectif: Objectif, year: int) -> str:
    """What the contract plans for ``year`` and what to write, for the person filling in."""
    steps = objectif.trajectoire.par_annee() if objectif.trajectoire else {}
    target = wording.cible_text(objectif)
    if objectif.echeance:
        target += f" d'ici {echeance(objectif.echeance)}"
    if is_stock(objectif):
        planned = (
            f"Prévu fin {year} : {wording.quantite(steps[year], objectif.unite)} (niveau au "
            "31 décembre)"
            if year in steps
            else f"Pas d'étape prévue pour {year}"
        )
        ask = f"Indiquez le niveau atteint au 31 décembre {year}."
    else:
        planned = (
            f"Prévu en {year} : {wording.quantite(steps[year], objectif.unite)} de plus (ajoutés dans l'année)"
            if year in steps
            else f"Pas d'étape prévue pour {year}"
        )
        ask = f"Indiquez ce qui a été ajouté en {year}, pas le total."
    return f"{planned} ; cible : {target}. {ask}"
