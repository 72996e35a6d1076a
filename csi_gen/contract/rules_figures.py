"""Rules on figures: targets and their trajectories (money is rules_money)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from csi_gen import catalogue
from csi_gen.errors import Problem
from csi_gen.formatting import date_longue, nombre
from csi_gen.model import Contrat, Objectif
from csi_gen.wording import cible_text

ENVIRON_TOLERANCE = 0.10


# --- Targets and trajectories -------------------------------------------------------------------


def _meets(value: float, objectif: Objectif) -> bool:
    cible, target = objectif.cible, objectif.valeur_cible
    if target is None:
        return True  # a relative target without a baseline: CIBLE-RELATIVE says it
    epsilon = 1e-9
    checks = {
        "au_moins": lambda: value >= target - epsilon,
        "plus_de": lambda: value > target + epsilon,
        "au_plus": lambda: value <= target + epsilon,
        "moins_de": lambda: value < target - epsilon,
        "environ": lambda: abs(value - target) <= abs(target) * ENVIRON_TOLERANCE + epsilon,
    }
    if cible.qualificatif == "entre" and cible.valeur_max is not None:
        return target - epsilon <= value <= cible.valeur_max + epsilon
    if objectif.approximative:
        return checks["environ"]()
    return checks.get(cible.qualificatif, lambda: abs(value - target) <= epsilon)()


def targets_are_consistent(contrat: Contrat) -> Iterator[Problem]:
    mandate = catalogue.mandat_en_cours(contrat.periode.debut)
    end_of_mandate = mandate.fin if mandate else contrat.periode.fin
    for engagement in contrat.engagements:
        for objectif in engagement.objectifs:
            yield from _target_shape(objectif)
            yield from _trajectory(objectif, end_of_mandate)


def _target_shape(objectif: Objectif) -> Iterator[Problem]:
    cible = objectif.cible
    path = (*objectif.path, "cible")
    given = [k for k in ("valeur", "facteur", "evolution") if getattr(cible, k) is not None]
    if len(given) != 1:
        yield Problem(
            "CIBLE-FORME",
            path,
            "cible sans valeur" if not given else f"cible à la fois {' et '.join(given)}",
            expected="une seule des clés « valeur », « facteur » ou « evolution »",
        )
    elif cible.relative and objectif.situation_initiale is None:
        yield Problem(
            "CIBLE-RELATIVE",
            path,
            "cible relative sans situation initiale",
            expected="« situation_initiale » : la valeur à laquelle s'applique l'évolution",
        )
    if cible.qualificatif == "entre":
        if cible.valeur is None or cible.valeur_max is None or cible.valeur_max <= cible.valeur:
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


def _trajectory(objectif: Objectif, end_of_mandate: date) -> Iterator[Problem]:
    trajectoire = objectif.trajectoire
    if trajectoire is None:
        return
    path = (*objectif.path, "trajectoire")
    initial = objectif.situation_initiale
    start = initial.valeur if initial else 0.0
    first_year = trajectoire.valeurs[0][0].annee if trajectoire.valeurs else None
    if initial and initial.annee and first_year and initial.annee > first_year:
        yield Problem(
            "TRAJECTOIRE-ANNEE",
            (*objectif.path, "situation_initiale", "annee"),
            "situation initiale postérieure au début de la trajectoire",
            expected=f"une année au plus égale à {first_year}",
            found=str(initial.annee),
        )
    if objectif.echeance:
        deadline = objectif.echeance.date
        last = deadline.fin() if deadline else end_of_mandate
        for day, _ in trajectoire.valeurs:
            if day.debut() > last:
                yield Problem(
                    "TRAJECTOIRE-ECHEANCE",
                    (*path, "valeurs", day.iso()),
                    f"étape {date_longue(day)} de la trajectoire après l'échéance",
                    expected=f"une date au plus tard le {date_longue(last)}",
                )
    remainder = trajectoire.reste or 0.0
    if trajectoire.mode == "annuel":
        reached = start + sum(v for _, v in trajectoire.valeurs) + remainder
        how = "situation initiale + somme des étapes" if initial else "somme des étapes"
    else:
        last_value = trajectoire.valeurs[-1][1] if trajectoire.valeurs else start
        reached = last_value + remainder
        how = "dernière valeur cumulée"
        yield from _monotonic(objectif, start)
    if remainder:
        how += " + reste à une date non fixée"
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
    target = objectif.valeur_cible
    rising = target is None or target >= start
    for (day, value), previous in zip(objectif.trajectoire.valeurs, values, strict=False):
        if (value < previous) if rising else (value > previous):
            yield Problem(
                "TRAJECTOIRE-SENS",
                (*objectif.path, "trajectoire", "valeurs", day.iso()),
                f"la trajectoire cumulée {'recule' if rising else 'remonte'} en {date_longue(day)}",
                expected="des valeurs cumulées qui vont de la situation initiale vers la cible",
            )
