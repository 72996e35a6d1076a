"""The contract as frozen dataclasses: what rules and templates see, never the raw JSON.

Each object that a rule may report on keeps ``path``, its JSON path in the source file,
so that a problem found on the model is located back to a line. The model builder
(``contract/builder.py``) fills the fields from the keys of the same names, converting
by type hint; a field's default is its value when the key is absent. ``Markdown`` marks
the texts written in Markdown, which the rules check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Annotated

from csi_gen import catalogue
from csi_gen.errors import Path_

PLACEHOLDER = "[à compléter]"

MARKDOWN = "markdown"
Markdown = Annotated[str, MARKDOWN]  # a text in Markdown (paragraphs, bold, italics, lists)
ParAnnee = tuple[tuple[int, float], ...]  # (year, value), years ascending; in JSON {"2021": 4}


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
    COLLECTIVITES = "collectivites"


class TypeTerritoire(Enum):
    COMMUNE = "commune"
    COMMUNES = "communes"
    INTERCOMMUNALITE = "intercommunalite"


STATE_FUNCTIONS = frozenset(
    {
        "premier_ministre",
        "ministre",
        "prefet",
        "prefet_de_police",
        "prefet_delegue",
        "sous_prefet",
        "procureur_de_la_republique",
        "procureur_general",
        "recteur",
        "dasen",
    }
)
LOCAL_FUNCTIONS = frozenset({"maire", "president_epci", "elu_delegue"})


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str


@dataclass(frozen=True)
class Commune:
    nom: str
    code_insee: str
    population: int | None
    path: Path_


@dataclass(frozen=True)
class Epci:
    nom: str
    nature: str
    siren: str | None
    path: Path_


@dataclass(frozen=True)
class Quartier:
    nom: str
    type: str  # "qpv" or "qrr"
    code: str | None
    commune: str | None
    depuis: date | None
    path: Path_


@dataclass(frozen=True)
class Territoire:
    type: TypeTerritoire
    nom: str
    departement: Departement
    communes: tuple[Commune, ...]
    epci: Epci | None
    quartiers: tuple[Quartier, ...]
    path: Path_

    def commune(self, code_insee: str) -> Commune | None:
        return next((c for c in self.communes if c.code_insee == code_insee), None)


@dataclass(frozen=True)
class Representant:
    id: str
    partie: Partie
    fonction: str
    civilite: str
    prenom: str
    nom: str
    qualite: str
    signataire: bool
    commune: str | None
    path: Path_

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"


@dataclass(frozen=True)
class Personne:
    civilite: str
    prenom: str
    nom: str
    qualite: str


@dataclass(frozen=True, kw_only=True)
class Partenaire:
    id: str
    nom: str
    categorie: str
    representant: Personne | None
    signataire: bool = False
    path: Path_


@dataclass(frozen=True)
class Parties:
    etat: tuple[Representant, ...]
    collectivites: tuple[Representant, ...]
    partenaires: tuple[Partenaire, ...]

    @property
    def representants(self) -> tuple[Representant, ...]:
        return self.etat + self.collectivites

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
    path: Path_


@dataclass(frozen=True)
class Deliberation:
    organe: str
    numero: str | None
    date: date
    objet: str | None
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Visas:
    par_defaut: bool = True
    exclus: tuple[str, ...]
    ajouts: tuple[str, ...]
    path: Path_


@dataclass(frozen=True)
class Dispositif:
    type: str
    intitule: str
    date: date | None
    articulation: Markdown | None
    path: Path_


@dataclass(frozen=True)
class Indicateur:
    id: str
    libelle: str
    unite: str
    source: str
    valeurs: ParAnnee
    commentaire: str | None
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
    annee: int


@dataclass(frozen=True)
class Trajectoire:
    mode: str  # "annuel" or "cumule"
    valeurs: ParAnnee


@dataclass(frozen=True)
class Objectif:
    libelle: str
    unite: str
    situation_initiale: SituationInitiale | None
    cible: Cible
    echeance: date | None
    trajectoire: Trajectoire | None
    path: Path_


@dataclass(frozen=True)
class Financement:
    financeur: str
    source: str
    montant: float
    annee: int
    taux: float | None
    objet: str | None
    path: Path_


@dataclass(frozen=True)
class IndicateurSuivi:
    libelle: str
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
    intitule: str | None
    partie: Partie
    porteurs: tuple[str, ...]
    statut: StatutEngagement
    motif: str | None
    texte: Markdown | None
    objectifs: tuple[Objectif, ...]
    conditions: tuple[str, ...]
    cout_total: float | None
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
    presidence: str | None
    membres: tuple[str, ...]
    frequence: str


@dataclass(frozen=True)
class Evaluation:
    frequence: str
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


@dataclass(frozen=True)
class AnnexeLibre:
    titre: str
    contenu: Markdown
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Contrat:
    """A whole contract, as read from ``contracts/<territoire>.json``."""

    identifiant: str
    titre: str | None
    statut: Statut
    confidentialite: str = "aucune"
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
    markdown_fields: tuple[tuple[Path_, str], ...] = field(default=(), compare=False)
    placeholders: tuple[Path_, ...] = field(default=(), compare=False)  # « [à compléter] »

    @property
    def engagements(self) -> tuple[Engagement, ...]:
        return tuple(e for v in self.volets for e in v.engagements)

    def volet(self, volet_id: str) -> Volet | None:
        return next((v for v in self.volets if v.id == volet_id), None)

    @property
    def intitule(self) -> str:
        return self.titre or f"Contrat de sécurité intégrée de {self.territoire.nom}"

    def numero(self, engagement: Engagement) -> int | None:
        """The number of a retained engagement in the document; None for the others.

        Retained engagements are numbered from 1 in each volet, for each party apart:
        « Engagement de l'État n° 2 ».
        """
        return self._numeros.get(engagement.path)

    @cached_property
    def _numeros(self) -> dict[Path_, int]:
        numeros: dict[Path_, int] = {}
        for volet in self.volets:
            for partie in Partie:
                retained = (e for e in volet.engagements if e.partie is partie and e.retenue)
                numeros.update((e.path, n) for n, e in enumerate(retained, start=1))
        return numeros
