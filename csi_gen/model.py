"""The contract as frozen dataclasses: what rules and templates see, never the raw JSON.

Objects a rule may report on keep ``path``, their JSON path, to locate a problem to a line.
``contract/builder.py`` fills each field from the key of its name, by type hint; a field's
default is the value of an absent key. ``Forme`` and ``Libelle`` say how a value reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Annotated

from csi_gen import catalogue, grammar
from csi_gen.errors import Path_
from csi_gen.model_avenant import Avenant
from csi_gen.model_types import (
    Annee,
    Euros,
    Libelle,
    Markdown,
    ParAnnee,
    Pourcentage,
    Texte,
)
from csi_gen.territory import Territoire

PLACEHOLDER = "[à compléter]"


class Statut(Enum):
    PROJET = "projet"
    DEFINITIF = "definitif"
    SIGNE = "signe"


class StatutEngagement(Enum):
    RETENUE = "retenue"
    NON_RETENUE = "non_retenue"
    EN_ATTENTE_ARBITRAGE = "en_attente_arbitrage"
    A_ETUDIER = "a_etudier"


class Partie(Enum):
    ETAT = "etat"
    JUSTICE = "justice"  # the procureur de la République, a party in his own right
    COLLECTIVITES = "collectivites"
    PARTENAIRE = "partenaire"  # a partner who signs


@dataclass(frozen=True)
class Representant:
    id: str
    partie: Partie
    fonction: str
    civilite: str
    prenom: str
    nom: str
    qualite: Texte
    signataire: bool
    commune: str | None
    path: Path_


@dataclass(frozen=True)
class Personne:
    civilite: str
    prenom: str
    nom: str
    qualite: Texte


@dataclass(frozen=True, kw_only=True)
class Partenaire:
    id: str
    nom: str
    categorie: Annotated[str, Libelle("categorie_partenaire")]
    representant: Personne | None
    signataire: bool = False
    path: Path_


@dataclass(frozen=True)
class Parties:
    etat: tuple[Representant, ...]
    justice: tuple[Representant, ...]
    collectivites: tuple[Representant, ...]
    partenaires: tuple[Partenaire, ...]

    @property
    def representants(self) -> tuple[Representant, ...]:
        return self.etat + self.justice + self.collectivites

    def signe(self, partie: Partie, partenaire: str | None = None) -> bool:
        """Whether the party signs: one of its representatives, or the partner itself."""
        if partie is Partie.PARTENAIRE:
            return any(p.signataire for p in self.partenaires if p.id == partenaire)
        sides = {Partie.ETAT: self.etat, Partie.JUSTICE: self.justice}
        return any(r.signataire for r in sides.get(partie, self.collectivites))

    def ids(self) -> set[str]:
        return {r.id for r in self.representants} | {p.id for p in self.partenaires}


@dataclass(frozen=True)
class Signature:
    lieu: str
    date: date | None
    exemplaires: int | None
    path: Path_


@dataclass(frozen=True)
class Periode:
    debut: date
    fin: date
    fin_libelle: Texte | None  # « jusqu'au renouvellement général des conseils municipaux de 2026 »
    path: Path_


@dataclass(frozen=True)
class Deliberation:
    organe: str
    representant: str | None  # the id of the representative it empowers
    numero: str | None
    date: date
    objet: Texte | None
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Visas:
    par_defaut: bool = True
    exclus: tuple[str, ...]
    ajouts: tuple[str, ...]
    path: Path_


@dataclass(frozen=True)
class Dispositif:
    type: Annotated[str, Libelle("dispositif")]
    intitule: Texte
    date: date | None
    articulation: Markdown | None
    path: Path_


@dataclass(frozen=True)
class Indicateur:
    id: str
    libelle: Texte
    unite: str
    source: str
    valeurs: ParAnnee
    commentaire: Texte | None
    path: Path_


@dataclass(frozen=True)
class Diagnostic:
    synthese: Markdown | None
    moyens_et_methodes: Markdown | None
    indicateurs: tuple[Indicateur, ...]
    path: Path_


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


@dataclass(frozen=True, kw_only=True)
class Financement:
    financeur: str
    partie: str | None  # who pays, when not the engagement's party
    sollicite: bool = False  # the engagement's party will seek it from a funder who doesn't sign
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
    partenaire: str | None  # when « partie » is « partenaire »: who
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


@dataclass(frozen=True)
class Instance:
    presidence: Texte | None
    membres: tuple[str, ...]
    frequence: Annotated[str, Libelle("frequence")]


@dataclass(frozen=True)
class Evaluation:
    frequence: Annotated[str, Libelle("periodicite")]
    modalites: Markdown | None


@dataclass(frozen=True)
class Revoyure:
    date: date
    objet: Markdown | None
    path: Path_


@dataclass(frozen=True)
class Gouvernance:
    comite_pilotage: Instance | None = None
    comite_technique: Instance | None = None
    evaluation: Evaluation | None = None
    revoyure: Revoyure | None = None


@dataclass(frozen=True, kw_only=True)
class AnnexeLibre:
    titre: Texte
    contenu: Markdown
    contractuelle: bool = True
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Contrat:
    """A whole contract, as read from ``contracts/<territoire>.json``."""

    identifiant: str
    titre: Texte | None
    statut: Annotated[Statut, Libelle("statut_contrat")]
    confidentialite: Annotated[str, Libelle("confidentialite")] = "aucune"
    territoire: Territoire
    parties: Parties
    signature: Signature
    periode: Periode
    deliberations: tuple[Deliberation, ...]
    visas: Visas
    preambule: Markdown | None
    dispositifs: tuple[Dispositif, ...]
    diagnostic: Diagnostic | None
    volets: tuple[Volet, ...]  # in the order of the catalogue's volets
    gouvernance: Gouvernance
    annexes: tuple[AnnexeLibre, ...]
    notes_de_redaction: Texte | None  # for the note de présentation, never the contract
    avenants: tuple[Avenant, ...]  # the avenants of a signed contract, in order
    markdown_fields: tuple[tuple[Path_, str], ...] = field(default=(), compare=False)
    placeholders: tuple[Path_, ...] = field(default=(), compare=False)  # « [à compléter] »

    @property
    def engagements(self) -> tuple[Engagement, ...]:
        return tuple(e for v in self.volets for e in v.engagements)

    def volet(self, volet_id: str) -> Volet | None:
        return next((v for v in self.volets if v.id == volet_id), None)

    @property
    def date_de_reference(self) -> date:
        """The day the contract speaks from: its signature, else (a draft) its start."""
        return self.signature.date or self.periode.debut

    @property
    def sous_la_circulaire(self) -> bool:
        """Whether the circular of 16 April 2021 existed on that day: before it, the contract
        cannot cite it, its annex, its socle or its measures."""
        return self.date_de_reference >= catalogue.CIRCULAR_DATE

    @property
    def intitule_par_defaut(self) -> str:
        """« Contrat de sécurité intégrée du Havre »: the title the territory's name gives."""
        return "Contrat de sécurité intégrée " + grammar.de_lieu(
            self.territoire.lieu, insecable=False
        )

    @property
    def intitule(self) -> str:
        return self.titre or self.intitule_par_defaut

    def numero(self, engagement: Engagement) -> int | None:
        """The number of a retained engagement in the document; None for the others.

        Retained engagements are numbered from 1 in each volet, for each party (each partner)
        apart: « Engagements de l'État, 2° ».
        """
        return self._numeros.get(engagement.path)

    @cached_property
    def _numeros(self) -> dict[Path_, int]:
        numeros: dict[Path_, int] = {}
        for volet in self.volets:
            for side in dict.fromkeys((e.partie, e.partenaire) for e in volet.engagements):
                retained = (
                    e for e in volet.engagements if (e.partie, e.partenaire) == side and e.retenue
                )
                numeros.update((e.path, n) for n, e in enumerate(retained, start=1))
        return numeros
