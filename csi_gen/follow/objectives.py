"""An objective against its trajectory: planned and achieved, year by year and to date.

A level (« cumule », or a target counted from a baseline) is compared at the end of each
year; additions are compared in the year, then summed since the contract's start.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from csi_gen.follow.model import EngagementSuivi
from csi_gen.follow.rules import is_stock
from csi_gen.model import Engagement, Objectif

ENVIRON = 0.10  # « environ » : within 10 %, as the contract's rules read it


def percent(part: float | None, whole: float | None) -> float | None:
    """``part`` as a whole percentage of ``whole``, rounded half up; None without a whole."""
    if part is None or not whole:
        return None
    value = Decimal(str(part)) * 100 / Decimal(str(whole))
    return float(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


@dataclass(frozen=True)
class Point:
    """One year of an objective: planned and achieved (cumulated for additions)."""

    year: int
    planned: float | None
    achieved: float | None


@dataclass(frozen=True)
class ObjectiveProgress:
    """An objective against its trajectory at the end of the bilan's year.

    For a stock (a level), « year » and « to date » are the level at the end of the year.
    For a flow (additions), « year » is what was added in the year and « to date » the sum
    since the first year, which is what the target counts.
    """

    engagement: Engagement
    objectif: Objectif
    stock: bool
    planned_year: float | None
    achieved_year: float | None
    planned_to_date: float | None
    achieved_to_date: float | None
    complete: bool  # every year with a planned step has an achieved value
    comment: str | None
    points: tuple[Point, ...]

    @property
    def reported(self) -> bool:
        return self.achieved_year is not None

    @property
    def gap_year(self) -> float | None:
        return _difference(self.achieved_year, self.planned_year)

    @property
    def gap_to_date(self) -> float | None:
        return _difference(self.achieved_to_date, self.planned_to_date)

    @property
    def lower_is_better(self) -> bool:
        cible = self.objectif.cible
        initial = self.objectif.situation_initiale
        target = self.objectif.valeur_cible
        return cible.qualificatif in ("au_plus", "moins_de") or (
            initial is not None and target is not None and target < initial.valeur
        )

    @property
    def behind(self) -> bool:
        """Short of the trajectory to date (above it, for a target to lower)."""
        gap = self.gap_to_date
        if gap is None:
            return False
        return gap > 0 if self.lower_is_better else gap < 0

    @property
    def target_share(self) -> float | None:
        """How far towards the target, in per cent (from the baseline, for a level)."""
        value = self.achieved_to_date
        target = self.objectif.valeur_cible
        initial = self.objectif.situation_initiale
        if value is not None and target is not None and self.stock and initial is not None:
            return percent(value - initial.valeur, target - initial.valeur)
        return percent(value, target)

    @property
    def target_reached(self) -> bool:
        value = self.achieved_to_date
        target = self.objectif.valeur_cible
        if value is None or target is None:
            return False
        qualificatif = self.objectif.cible.qualificatif
        if qualificatif == "au_plus":
            return value <= target
        if qualificatif == "moins_de":
            return value < target
        if qualificatif == "plus_de":
            return value > target
        if qualificatif == "environ" or self.objectif.approximative:
            return value >= target * (1 - ENVIRON)
        return value >= target


def objective_progress(
    engagement: Engagement, objectif: Objectif, entries: dict[int, EngagementSuivi], year: int
) -> ObjectiveProgress:
    achieved: dict[int, float] = {}
    comment = None
    for entry_year, entry in entries.items():
        for value in entry.objectifs:
            if value.libelle == objectif.libelle and value.valeur is not None:
                achieved[entry_year] = value.valeur
                if entry_year == year:
                    comment = value.commentaire
    steps = objectif.trajectoire.par_annee() if objectif.trajectoire else {}
    stock = is_stock(objectif)
    first = min([*steps, *achieved, year])
    years = range(first, year + 1)
    if stock:
        points = tuple(Point(y, _level(objectif, steps, y), achieved.get(y)) for y in years)
        planned_year = points[-1].planned
        achieved_year = achieved.get(year)
        planned_to_date, achieved_to_date = planned_year, achieved_year
        complete = achieved_year is not None
    else:
        inside = bool(steps) and min(steps) <= year <= max(steps)
        planned_year = steps.get(year, 0.0) if inside else None
        achieved_year = achieved.get(year)
        planned_to_date = sum(v for y, v in steps.items() if y <= year) if steps else None
        known = [v for y, v in achieved.items() if y <= year]
        achieved_to_date = sum(known) if known else None
        complete = all(y in achieved for y in steps if y <= year) and bool(known)
        points = tuple(
            Point(
                y,
                sum(v for s, v in steps.items() if s <= y) if steps else None,
                sum(v for a, v in achieved.items() if a <= y)
                if any(a <= y for a in achieved)
                else None,
            )
            for y in years
        )
    return ObjectiveProgress(
        engagement,
        objectif,
        stock,
        planned_year,
        achieved_year,
        planned_to_date,
        achieved_to_date,
        complete,
        comment,
        points,
    )


def _level(objectif: Objectif, steps: dict[int, float], year: int) -> float | None:
    """The level planned at the end of ``year``: the last step so far, else the baseline."""
    earlier = [y for y in steps if y <= year]
    if earlier:
        return steps[max(earlier)]
    initial = objectif.situation_initiale
    if initial is None or (initial.annee is not None and initial.annee > year):
        return None
    return initial.valeur
