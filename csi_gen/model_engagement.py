"""The engagements of the model: what each party commits to, its figures and its money.

Objects a rule may report on keep ``path``, their JSON path. ``model.py`` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from csi_gen import catalogue
from csi_gen.errors import Path_
from csi_gen.model_types import (
    Annee,
    Euros,
    Libelle,
    Markdown,
    ParAnnee,
    Partie,
    Pourcentage,
    StatutEngagement,
    Texte,
)


@dataclass(frozen=True, kw_only=True)
class Cible:
    valeur: float
    qualificatif: str = "exactement"  # au_moins, au_plus, environ, entre
    valeur_max: float | None


@dataclass(frozen=True)
class SituationInitiale:
    valeur: float
    annee: Annee


@dataclass(frozen=True)
class Trajectoire:
    mode: str  # "annuel" or "cumule"
    valeurs: ParAnnee


@dataclass(frozen=True)
class Objectif:
    libelle: Texte
    unite: str
    cible: Cible
    situation_initiale: SituationInitiale | None
    echeance: date | None
    trajectoire: Trajectoire | None
    path: Path_


@dataclass(frozen=True)
class Financement:
    financeur: str
    annee: Annee
    source: Annotated[str, Libelle("source_financement", "court")]
    montant: Euros
    taux: Pourcentage | None
    objet: Texte | None
    path: Path_


@dataclass(frozen=True)
class IndicateurSuivi:
    libelle: Texte
    unite: str | None
    source: str | None
    periodicite: str | None
    indicateur: str | None
    valeur_cible: float | None
    path: Path_


@dataclass(frozen=True)
class Engagement:
    id: str | None
    mesure: str | None
    intitule: Texte | None
    partie: Partie
    porteurs: tuple[str, ...]
    statut: Annotated[StatutEngagement, Libelle("statut_engagement")]
    motif: Texte | None
    texte: Markdown | None
    objectifs: tuple[Objectif, ...]
    conditions: tuple[str, ...]
    cout_total: Euros | None
    financements: tuple[Financement, ...]
    indicateurs: tuple[IndicateurSuivi, ...]
    volet: str
    path: Path_

    @property
    def retenue(self) -> bool:
        return self.statut is StatutEngagement.RETENUE

    @property
    def titre(self) -> str:
        """The engagement's own title, else the short title of its catalogue measure."""
        if self.intitule:
            return self.intitule
        mesure = catalogue.mesures_by_id().get(self.mesure or "")
        return mesure.intitule if mesure else "Engagement"


@dataclass(frozen=True)
class Volet:
    id: str
    introduction: Markdown | None
    engagements: tuple[Engagement, ...]
    path: Path_
