"""The follow-up of a contract as frozen dataclasses: what was achieved, year by year.

A follow-up refers to the contract's engagements by their ``id``, to an engagement's
objectives and indicators by their ``libelle``, and to its financing lines by funder,
year and, when needed, source. A value still marked « [à compléter] » is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from csi_gen.errors import Path_


class Avancement(Enum):
    """Where an engagement stands at the end of a year."""

    REALISE = "realise"
    EN_COURS = "en_cours"
    EN_RETARD = "en_retard"
    NON_ENGAGE = "non_engage"
    ABANDONNE = "abandonne"

    @property
    def terminal(self) -> bool:
        """Realised or abandoned: the state holds in the following years."""
        return self in (Avancement.REALISE, Avancement.ABANDONNE)


@dataclass(frozen=True)
class ValeurObjectif:
    """The achieved value of one objective: added in the year, or the level at its end."""

    libelle: str
    valeur: float | None
    commentaire: str | None
    path: Path_


@dataclass(frozen=True)
class MesureIndicateur:
    """A value of a follow-up indicator for the year."""

    libelle: str
    valeur: float | None
    commentaire: str | None
    path: Path_


@dataclass(frozen=True)
class ExecutionFinancement:
    """Amounts engaged and paid on one financing line, cumulated at the end of the year."""

    financeur: str
    source: str | None
    annee: int
    engage: float | None
    paye: float | None
    commentaire: str | None
    path: Path_


@dataclass(frozen=True)
class EngagementSuivi:
    """How a commitment stands in a year: progress, values reached, comments."""

    id: str
    avancement: Avancement | None
    date: date | None
    motif: str | None
    commentaire: str | None
    objectifs: tuple[ValeurObjectif, ...]
    indicateurs: tuple[MesureIndicateur, ...]
    financements: tuple[ExecutionFinancement, ...]
    path: Path_


@dataclass(frozen=True)
class Comite:
    """The year's comité de pilotage: its date, who attended, what it decided."""

    date: date | None
    presents: tuple[str, ...]
    decisions: tuple[str, ...]
    path: Path_


@dataclass(frozen=True)
class AnneeSuivie:
    """One year of a contract's follow-up: the comité de pilotage and the commitments."""

    annee: int
    comite: Comite | None
    engagements: tuple[EngagementSuivi, ...]
    path: Path_

    def engagement(self, identifiant: str) -> EngagementSuivi | None:
        return next((e for e in self.engagements if e.id == identifiant), None)


@dataclass(frozen=True)
class Suivi:
    """A whole follow-up file, ``contracts/<territoire>.suivi.json``."""

    identifiant: str  # the territory, as the contract's
    annees: tuple[AnneeSuivie, ...]  # in ascending order
    placeholders: tuple[Path_, ...] = field(default=(), compare=False)

    def annee(self, year: int) -> AnneeSuivie | None:
        return next((a for a in self.annees if a.annee == year), None)

    def jusqua(self, year: int) -> tuple[AnneeSuivie, ...]:
        """The years followed up to ``year`` included."""
        return tuple(a for a in self.annees if a.annee <= year)
