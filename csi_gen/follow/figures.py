"""The bilan's figures, computed once: where each engagement stands, each objective against
its trajectory, each indicator's series, each financing line's execution.

Pure functions from the contract and its follow-up to values. Templates, the spreadsheet
and the terminal summary word these values; none of them computes anything.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from csi_gen.document.context_engagements import retained, sides
from csi_gen.follow.model import AnneeSuivie, Avancement, EngagementSuivi, Suivi
from csi_gen.follow.objectives import ObjectiveProgress as ObjectiveProgress
from csi_gen.follow.objectives import Point as Point
from csi_gen.follow.objectives import objective_progress
from csi_gen.follow.objectives import percent as percent
from csi_gen.follow.rules import financing_line
from csi_gen.model import Contrat, Engagement, Financement, IndicateurSuivi, Objectif, Partie

NOT_REPORTED = "non_renseigne"
STATES = (*(a.value for a in Avancement), NOT_REPORTED)
# The main figures a préfecture consolidates, found by the unit an objective counts.
THEMES = ("policiers_nationaux", "policiers_municipaux", "cameras")
# Funders grouped by the source of their line, across contracts (names differ).
FUNDER_GROUPS = {
    "etat": ("fipd", "politique_de_la_ville", "mildeca", "dsil", "detr", "budget_etat"),
    "collectivites": ("budget_communal", "budget_intercommunal"),
}
OTHER_FUNDERS = "autres"


@dataclass(frozen=True)
class IndicatorSeries:
    """An indicator of a commitment over the years: diagnosis then follow-up."""

    engagement: Engagement
    indicateur: IndicateurSuivi
    values: dict[int, float]  # the diagnostic's series, then the follow-up's measures
    measured: frozenset[int]  # the years measured in the follow-up
    comment: str | None


Side = tuple[Partie, str | None]  # a party; for a partner, which one


@dataclass(frozen=True)
class LineExecution:
    """A financing line, with what was engaged and paid as last reported."""

    engagement: Engagement
    financement: Financement
    engaged: float | None
    paid: float | None
    reported_in: int | None  # the year of the follow-up that gave the amounts
    comment: str | None

    @property
    def planned(self) -> float:
        """The amount the contract states for the line (only quantified lines are followed)."""
        return self.financement.prevu or 0.0

    @property
    def sought(self) -> bool:
        """Sought from a funder who doesn't sign: not the parties' money."""
        return self.financement.sollicite

    @property
    def group(self) -> str:
        return next(
            (g for g, sources in FUNDER_GROUPS.items() if self.financement.source in sources),
            OTHER_FUNDERS,
        )


@dataclass(frozen=True)
class EngagementProgress:
    """How far a commitment is, as the follow-up of a year reports it."""

    engagement: Engagement
    number: int  # as the contract numbers it: per volet and party, among retained ones
    state: str  # one of STATES
    state_year: int | None  # when a realised or abandoned state was reported earlier
    date: date | None
    reason: str | None
    comment: str | None
    objectives: tuple[ObjectiveProgress, ...]
    indicators: tuple[IndicatorSeries, ...]

    @property
    def side(self) -> Side:
        return self.engagement.partie, self.engagement.partenaire


@dataclass(frozen=True)
class Bilan:
    """Everything the bilan of one year says, as values."""

    contrat: Contrat
    suivi: Suivi
    year: int
    engagements: tuple[EngagementProgress, ...]  # retained ones, in the contract's order
    lines: tuple[LineExecution, ...]

    @property
    def objectives(self) -> list[ObjectiveProgress]:
        return [o for e in self.engagements for o in e.objectives]

    def counts(self, side: Side | None = None) -> Counter[str]:
        """Engagements by state, for one party (one partner) or all."""
        return Counter(e.state for e in self.engagements if side is None or e.side == side)

    @property
    def sides(self) -> list[Side]:
        """The parties that have retained engagements, in the contract's order."""
        present = {e.side for e in self.engagements}
        return [side for side in sides(self.contrat) if side in present]

    @property
    def key_figures(self) -> dict[str, ObjectiveProgress]:
        """For each theme, the objective with the largest target (a sub-allocation, such as
        the officers of one district, is counted in the larger figure)."""
        found: dict[str, ObjectiveProgress] = {}
        for progress in self.objectives:
            key = theme(progress.engagement, progress.objectif)
            if key and (
                key not in found
                or (progress.objectif.valeur_cible or 0) > (found[key].objectif.valeur_cible or 0)
            ):
                found[key] = progress
        return {key: found[key] for key in THEMES if key in found}

    @property
    def revoyure_due(self) -> bool:
        revoyure = self.contrat.gouvernance.revoyure
        return revoyure is not None and revoyure.date.year == self.year

    @property
    def placeholders(self) -> int:
        """Values and texts of the year still « [à compléter] »."""
        key = str(self.year)
        return sum(1 for path in self.suivi.placeholders if path[1:2] == (key,))


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def theme(engagement: Engagement, objectif: Objectif) -> str | None:
    """« policiers_nationaux », « policiers_municipaux », « cameras » or None, by the unit."""
    unit = _plain(objectif.unite)
    if "camera" in unit:
        return "cameras"
    if "polic" in unit or "gendarm" in unit:
        if "municip" in unit or engagement.partie is Partie.COLLECTIVITES:
            return "policiers_municipaux"
        return "policiers_nationaux"
    return None


# --- Computing -----------------------------------------------------------------------------------


def bilan(contrat: Contrat, suivi: Suivi, year: int) -> Bilan:
    years = suivi.jusqua(year)
    engagements = [
        _engagement(contrat, suivi, year, engagement, contrat.numero(engagement) or 0)
        for chapitre in contrat.chapitres
        for partie, partenaire in sides(contrat)
        for engagement in retained(chapitre, partie, partenaire)
    ]
    lines = tuple(
        _line(engagement, financement, years)
        for engagement in contrat.engagements
        if engagement.retenue
        for financement in engagement.financements
        if financement.prevu is not None  # a rate or an amount to be set: nothing to compare
    )
    return Bilan(contrat, suivi, year, tuple(engagements), lines)


def _entries(suivi: Suivi, year: int, identifiant: str | None) -> dict[int, EngagementSuivi]:
    """An engagement's follow-up, year by year, up to ``year``."""
    found: dict[int, EngagementSuivi] = {}
    for annee in suivi.jusqua(year):
        entry = annee.engagement(identifiant) if identifiant else None
        if entry is not None:
            found[annee.annee] = entry
    return found


def _engagement(
    contrat: Contrat, suivi: Suivi, year: int, engagement: Engagement, number: int
) -> EngagementProgress:
    entries = _entries(suivi, year, engagement.id)
    current = entries.get(year)
    state, state_year = NOT_REPORTED, None
    if current is not None and current.avancement is not None:
        state = current.avancement.value
    else:  # a realised or abandoned engagement stays so
        for earlier in sorted(entries, reverse=True):
            avancement = entries[earlier].avancement
            if earlier < year and avancement is not None and avancement.terminal:
                state, state_year = avancement.value, earlier
                break
    source = current if state_year is None else entries[state_year]
    return EngagementProgress(
        engagement=engagement,
        number=number,
        state=state,
        state_year=state_year,
        date=source.date if source else None,
        reason=source.motif if source else None,
        comment=current.commentaire if current else None,
        objectives=tuple(
            objective_progress(engagement, o, entries, year) for o in engagement.objectifs
        ),
        indicators=tuple(
            _indicator(contrat, engagement, i, entries, year) for i in engagement.indicateurs
        ),
    )


def _indicator(
    contrat: Contrat,
    engagement: Engagement,
    indicateur: IndicateurSuivi,
    entries: dict[int, EngagementSuivi],
    year: int,
) -> IndicatorSeries:
    values: dict[int, float] = {}
    if indicateur.indicateur and contrat.diagnostic:
        series = next(
            (i for i in contrat.diagnostic.indicateurs if i.id == indicateur.indicateur), None
        )
        if series is not None:
            values.update((y, v) for y, v in series.valeurs if y <= year)
    measured: set[int] = set()
    comment = None
    for entry_year, entry in entries.items():
        for measure in entry.indicateurs:
            if measure.libelle == indicateur.libelle and measure.valeur is not None:
                values[entry_year] = measure.valeur
                measured.add(entry_year)
                if entry_year == year:
                    comment = measure.commentaire
    return IndicatorSeries(
        engagement, indicateur, dict(sorted(values.items())), frozenset(measured), comment
    )


def _line(
    engagement: Engagement, financement: Financement, years: Iterable[AnneeSuivie]
) -> LineExecution:
    latest = None
    for annee in years:
        entry = annee.engagement(engagement.id) if engagement.id else None
        for execution in entry.financements if entry else ():
            if financing_line(engagement, execution) == [financement]:
                latest = (annee.annee, execution)
    if latest is None:
        return LineExecution(engagement, financement, None, None, None, None)
    reported_in, execution = latest
    return LineExecution(
        engagement,
        financement,
        execution.engage,
        execution.paye,
        reported_in,
        execution.commentaire,
    )
