"""The engagements of the model: what each party commits to, its figures and its money.

Objects a rule may report on keep ``path``, their JSON path. ``model.py`` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from csi_gen import catalogue
from csi_gen.dates import Echeance
from csi_gen.errors import Path_
from csi_gen.model_types import (
    Annee,
    Euros,
    Libelle,
    Markdown,
    ParDate,
    Partie,
    Pourcentage,
    StatutEngagement,
    Texte,
)


@dataclass(frozen=True, kw_only=True)
class Cible:
    """A figure (``valeur``), or a change from the baseline: a factor or a percentage."""

    valeur: float | None
    facteur: float | None  # 2: doubling the baseline
    evolution: Pourcentage | None  # +50 or -20, in percent of the baseline
    qualificatif: str = "exactement"  # au_moins, plus_de, au_plus, moins_de, environ, entre
    valeur_max: float | None

    @property
    def relative(self) -> bool:
        return self.facteur is not None or self.evolution is not None


@dataclass(frozen=True, kw_only=True)
class SituationInitiale:
    """Where an objective starts from: a value, its year, how exact it is."""

    valeur: float
    annee: Annee | None
    qualificatif: str = "exactement"  # or environ: « une soixantaine »


@dataclass(frozen=True, kw_only=True)
class Trajectoire:
    """The dated steps towards an objective's target."""

    mode: str  # "annuel" (what each step adds) or "cumule" (the level each step reaches)
    valeurs: ParDate  # dated steps, before the period included (already done)
    reste: float | None  # what is still to come, at a date not fixed yet

    def par_annee(self) -> dict[int, float]:
        """The value of each year: what the year adds, or the level it ends on."""
        values: dict[int, float] = {}
        for day, value in self.valeurs:
            added = values.get(day.annee, 0.0) + value
            values[day.annee] = value if self.mode == "cumule" else added
        return values


@dataclass(frozen=True, kw_only=True)
class Part:
    """A commune's share of a target shared by several communes."""

    commune: str  # its INSEE code
    valeur: float
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Objectif:
    """A quantified objective of a commitment."""

    libelle: Texte
    unite: str
    nature: str = "stock"  # « stock » (a headcount, a park) or « flux » (what is done in a year)
    cible: Cible
    situation_initiale: SituationInitiale | None
    echeance: Echeance | None
    trajectoire: Trajectoire | None
    repartition: tuple[Part, ...]  # the target split between communes, adding up to it
    path: Path_

    @property
    def annee_echeance(self) -> int | None:
        """The year of the deadline, when it is a date (not the end of the mandate)."""
        echeance = self.echeance
        return echeance.date.annee if echeance is not None and echeance.date else None

    @property
    def valeur_cible(self) -> float | None:
        """The figure aimed at: the target's own, or computed from the baseline."""
        cible, initial = self.cible, self.situation_initiale
        if not cible.relative:
            return cible.valeur
        if initial is None:
            return None
        if cible.facteur is not None:
            return initial.valeur * cible.facteur
        return initial.valeur * (1 + (cible.evolution or 0) / 100)

    @property
    def approximative(self) -> bool:
        """True when the target is only approximately known: « environ », or computed from an
        approximate baseline."""
        initial = self.situation_initiale
        return self.cible.qualificatif == "environ" or (
            self.cible.relative and initial is not None and initial.qualificatif == "environ"
        )


@dataclass(frozen=True, kw_only=True)
class Financement:
    """A financing line of a commitment: who funds it, how much, from which source."""

    financeur: str
    partie: str | None  # who pays, when not the engagement's party
    sollicite: bool = False  # the engagement's party will seek it from a funder who doesn't sign
    source: Annotated[str, Libelle("source_financement", "court")]
    type: str = "montant"  # montant, taux, annuel, poursuite, a_fixer
    montant: Euros | None  # the year's; each year's for « annuel »
    annee: Annee | None  # the year; the first one for « annuel »
    annee_fin: Annee | None  # the last year, for « annuel »
    taux: Pourcentage | None
    assiette: Texte | None  # what a rate applies to: « du coût du plan de vidéoprotection »
    plafond: Euros | None
    fixation: Texte | None  # when and by whom an amount « a_fixer » is set
    objet: Texte | None
    path: Path_

    @property
    def ponctuel(self) -> float | None:
        """The amount of a one-off line, else None."""
        return self.montant if self.type == "montant" else None

    @property
    def annuel(self) -> float | None:
        """The amount of each year of a recurring line, else None."""
        return self.montant if self.type == "annuel" else None

    @property
    def chiffre(self) -> bool:
        """True when the line states an amount that totals may add."""
        return self.type in ("montant", "annuel") and self.montant is not None

    @property
    def prevu(self) -> float | None:
        """The whole amount the line states: the one-off amount, or each year's times the
        years; None for a rate, a funding carried on or an amount to be set."""
        if self.type == "annuel" and self.montant is not None and self.annee and self.annee_fin:
            return self.montant * (self.annee_fin - self.annee + 1)
        return self.ponctuel


@dataclass(frozen=True)
class IndicateurSuivi:
    """An indicator by which a commitment is followed."""

    libelle: Texte
    unite: str | None
    source: str | None
    periodicite: str | None
    indicateur: str | None
    valeur_cible: float | None
    path: Path_


@dataclass(frozen=True)
class Engagement:
    """A commitment of a party: a measure of the catalogue or the contract's own."""

    id: str | None
    mesure: str | None
    intitule: Texte | None
    partie: Partie
    partenaire: str | None  # when « partie » is « partenaire »: who
    conjointement: tuple[str, ...]  # the other parties that take it jointly: « justice », an id
    commune: str | None  # the INSEE code of the one commune that carries it, among several
    axe: str | None  # the contract's own axis it is presented under, if it has axes
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
    def chapitre(self) -> str:
        """The chapter it stands in: its axis in a contract by axes, else its volet."""
        return self.axe or self.volet

    @property
    def titre(self) -> str:
        """The engagement's own title, else the short title of its catalogue measure."""
        if self.intitule:
            return self.intitule
        mesure = catalogue.mesures_by_id().get(self.mesure or "")
        return mesure.intitule if mesure else "Engagement"


@dataclass(frozen=True)
class Volet:
    """A volet of the contract: its introduction and its commitments."""

    id: str
    introduction: Markdown | None
    engagements: tuple[Engagement, ...]
    path: Path_


@dataclass(frozen=True)
class Axe:
    """An axis of the contract's own: a chapter of the engagements, in the contract's order."""

    id: str
    titre: Texte
    introduction: Markdown | None
    path: Path_
