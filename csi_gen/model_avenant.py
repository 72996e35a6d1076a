"""The avenants of a signed contract, as the contract file records them.

An avenant amends the version of the contract it follows: the signed contract for the first,
the contract as amended by the previous avenant for the next. ``revision`` names that
version in git; without it, csi-gen finds it in the history of the file (``amend/history.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from csi_gen.errors import Path_
from csi_gen.model_types import Markdown, Texte


class StatutAvenant(Enum):
    PROJET = "projet"
    SIGNE = "signe"


@dataclass(frozen=True)
class SignataireAvenant:
    """Who signs the avenant for a party, when it is not the contract's signatory."""

    representant: str  # the id of the contract's representative this one replaces
    civilite: str
    prenom: str
    nom: str
    qualite: Texte
    path: Path_


@dataclass(frozen=True)
class DeliberationAvenant:
    """A deliberation that empowers a signatory of an avenant."""

    organe: str
    numero: str | None
    date: date
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Avenant:
    """« avenants[] »: an avenant to the signed contract."""

    numero: int
    statut: StatutAvenant
    date: date | None
    lieu: str | None  # « Fait à … »; the contract's place by default
    objet: Markdown
    revision: str | None  # the git revision of the version it amends
    signataires: tuple[SignataireAvenant, ...]
    deliberations: tuple[DeliberationAvenant, ...]
    path: Path_

    @property
    def signe(self) -> bool:
        return self.statut is StatutAvenant.SIGNE
