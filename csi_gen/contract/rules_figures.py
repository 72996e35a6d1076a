"""Rules on figures: targets and their trajectories, amounts and their totals."""

from __future__ import annotations

from collections.abc import Iterator

from csi_gen.errors import Problem
from csi_gen.formatting import euros, nombre, pourcentage
from csi_gen.model import Contrat, Engagement, Objectif
from csi_gen.wording import cible_text

ENVIRON_TOLERANCE = 0.10
CENT = 0.005


# --- Targets and trajectories -------------------------------------------------------------------


def _meets(value: float, objectif: Objectif) -> bool:
    cible = objectif.cible
    if cible.qualificatif == "au_moins":
        return value >= cible.valeur - 1e-9
    if cible.qualificatif == "au_plus":
        return value <= cible.valeur + 1e-9
    if cible.qualificatif == "environ":
        return abs(value - cible.valeur) <= abs(cible.valeur) * ENVIRON_TOLERANCE + 1e-9
    if cible.qualificatif == "entre" and cible.valeur_max is not None:
        return cible.valeur - 1e-9 <= value <= cible.valeur_max + 1e-9
    return abs(value - cible.valeur) <= 1e-9


def targets_are_consistent(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        for objectif in engagement.objectifs:
            yield from _target_shape(objectif)
            yield from _trajectory(objectif)


def _target_shape(objectif: Objectif) -> Iterator[Problem]:
    cible = objectif.cible
    path = (*objectif.path, "cible")
    if cible.qualificatif == "entre":
        if cible.valeur_max is None or cible.valeur_max <= cible.valeur:
            yield Problem(
                "CIBLE-ENTRE",
                path,
                "cible « entre » sans borne haute supérieure à « valeur »",
                expected="« valeur_max » plus grand que « valeur »",
            )
    elif cible.valeur_max is not None:
        yield Problem(
            "CIBLE-ENTRE",
            (*path, "valeur_max"),
            "« valeur_max » sans le qualificatif « entre »",
            expected="« qualificatif » : « entre », ou pas de « valeur_max »",
        )


def _trajectory(objectif: Objectif) -> Iterator[Problem]:
    trajectoire = objectif.trajectoire
    if trajectoire is None:
        return
    path = (*objectif.path, "trajectoire")
    initial = objectif.situation_initiale
    start = initial.valeur if initial else 0.0
    first_year = trajectoire.valeurs[0][0]
    if initial and initial.annee > first_year:
        yield Problem(
            "TRAJECTOIRE-ANNEE",
            (*objectif.path, "situation_initiale", "annee"),
            "situation initiale postérieure au début de la trajectoire",
            expected=f"une année au plus égale à {first_year}",
            found=str(initial.annee),
        )
    if objectif.echeance:
        for year, _ in trajectoire.valeurs:
            if year > objectif.echeance.year:
                yield Problem(
                    "TRAJECTOIRE-ECHEANCE",
                    (*path, "valeurs", str(year)),
                    f"année {year} de la trajectoire après l'échéance",
                    expected=f"une année au plus égale à {objectif.echeance.year}",
                )
    if trajectoire.mode == "annuel":
        reached = start + sum(v for _, v in trajectoire.valeurs)
        how = (
            "situation initiale + somme des valeurs annuelles"
            if initial
            else ("somme des valeurs annuelles")
        )
    else:
        reached = trajectoire.valeurs[-1][1]
        how = "dernière valeur cumulée"
        yield from _monotonic(objectif, start)
    if not _meets(reached, objectif):
        yield Problem(
            "TRAJECTOIRE-CIBLE",
            path,
            "la trajectoire n'atteint pas la cible",
            expected=f"{how} : {cible_text(objectif)}",
            found=f"{nombre(reached)} {objectif.unite}",
        )


def _monotonic(objectif: Objectif, start: float) -> Iterator[Problem]:
    assert objectif.trajectoire is not None
    values = [start] + [v for _, v in objectif.trajectoire.valeurs]
    rising = objectif.cible.valeur >= start
    for (year, value), previous in zip(objectif.trajectoire.valeurs, values, strict=False):
        if (value < previous) if rising else (value > previous):
            yield Problem(
                "TRAJECTOIRE-SENS",
                (*objectif.path, "trajectoire", "valeurs", str(year)),
                f"la trajectoire cumulée {'recule' if rising else 'remonte'} en {year}",
                expected="des valeurs cumulées qui vont de la situation initiale vers la cible",
            )


# --- Money ------------------------------------------------------------------------------------------


def amounts_are_sound(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        if engagement.cout_total is not None and engagement.cout_total < 0:
            yield Problem(
                "MONTANT-NEGATIF",
                (*engagement.path, "cout_total"),
                "coût total négatif",
                expected="un montant positif ou nul",
                found=euros(engagement.cout_total),
            )
        for financement in engagement.financements:
            if financement.montant < 0:
                yield Problem(
                    "MONTANT-NEGATIF",
                    (*financement.path, "montant"),
                    "montant négatif",
                    expected="un montant positif ou nul",
                    found=euros(financement.montant),
                )
        yield from _totals(engagement)


def _totals(engagement: Engagement) -> Iterator[Problem]:
    total = engagement.cout_total
    if total is None or not engagement.financements:
        return
    funded = sum(f.montant for f in engagement.financements)
    if abs(funded - total) > CENT:
        yield Problem(
            "FINANCEMENT-TOTAL",
            (*engagement.path, "financements"),
            "la somme des financements ne fait pas le coût total",
            expected=euros(total),
            found=euros(funded),
        )
    if total < CENT:  # no rate of a cost under a cent (a rate of 1e-300 € would be infinite)
        return
    for financement in engagement.financements:
        if financement.taux is None:
            continue
        rate = financement.montant / total * 100
        if abs(rate - financement.taux) > 0.5:
            yield Problem(
                "FINANCEMENT-TAUX",
                (*financement.path, "taux"),
                "le taux ne correspond pas au montant rapporté au coût total",
                expected=pourcentage(round(rate, 1)),
                found=pourcentage(financement.taux),
            )
