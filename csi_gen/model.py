"""The contract as frozen dataclasses: what rules and templates see, never the raw JSON.

Objects a rule may report on keep ``path``, their JSON path, to locate a problem to a line.
``contract/builder.py`` fills each field from the key of its name, by type hint; a field's
default is the value of an absent key. ``Forme`` and ``Libelle`` say how a value reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated

from csi_gen import catalogue, grammar
from csi_gen.dates import DatePartielle
from csi_gen.errors import Path_
from csi_gen.model_avenant import Avenant
from csi_gen.model_engagement import (
    Axe,
    Cible,
    Engagement,
    Financement,
    IndicateurSuivi,
    Objectif,
    SituationInitiale,
    Trajectoire,
    Volet,
)
from csi_gen.model_types import (
    PLACEHOLDER,
    Annee,
    Euros,
    Forme,
    Libelle,
    Markdown,
    ParAnnee,
    ParDate,
    Partie,
    Pourcentage,
    Statut,
    StatutEngagement,
    Texte,
)
from csi_gen.territory import Territoire

__all__ = [
    "PLACEHOLDER",
    "Annee",
    "Axe",
    "Cible",
    "Engagement",
    "Euros",
    "Financement",
    "Forme",
    "IndicateurSuivi",
    "Libelle",
    "Markdown",
    "Objectif",
    "ParAnnee",
    "ParDate",
    "Partie",
    "Pourcentage",
    "SituationInitiale",
    "Statut",
    "StatutEngagement",
    "Texte",
    "Trajectoire",
    "Volet",
]


@dataclass(frozen=True)
class Representant:
    """Who represents a party: the préfet, the procureur, a mayor…"""

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
    """A named person: civility, first name, name, quality."""

    civilite: str
    prenom: str
    nom: str
    qualite: Texte


@dataclass(frozen=True, kw_only=True)
class Partenaire:
    """« parties.partenaires[] »: a partner of the contract and who represents it."""

    id: str
    nom: str
    categorie: Annotated[str, Libelle("categorie_partenaire")]
    representant: Personne | None
    signataire: bool = False
    path: Path_


@dataclass(frozen=True)
class Parties:
    """« parties »: the State, the judicial authority, the collectivities, the partners."""

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
    """« signature »: where and when the contract is signed, in how many copies."""

    lieu: str
    date: DatePartielle | None  # the day, or only the month while it is not known
    date_document: DatePartielle | None  # the date the document bears, when it differs
    exemplaires: int | None
    path: Path_

    @property
    def date_portee(self) -> DatePartielle | None:
        """The date written in « Fait à …, le … »: the document's, else the signature's."""
        return self.date_document or self.date


@dataclass(frozen=True)
class Periode:
    """« periode »: when the contract runs; its end as worded, when it is an event."""

    debut: date
    fin: date
    fin_libelle: Texte | None  # « jusqu'au renouvellement général des conseils municipaux de 2026 »
    path: Path_


@dataclass(frozen=True)
class Deliberation:
    """« deliberations[] »: the deliberation that empowers a collectivity's signatory."""

    organe: str
    representant: str | None  # the id of the representative it empowers
    numero: str | None
    date: date
    objet: Texte | None
    path: Path_


@dataclass(frozen=True, kw_only=True)
class Visas:
    """« visas »: whether the default visas apply, those left out, those added."""

    par_defaut: bool = True
    exclus: tuple[str, ...]
    ajouts: tuple[str, ...]
    path: Path_


@dataclass(frozen=True)
class Dispositif:
    """« dispositifs[] »: an existing contractual framework placed under the contract."""

    type: Annotated[str, Libelle("dispositif")]
    intitule: Texte
    date: DatePartielle | None
    articulation: Markdown | None
    path: Path_


@dataclass(frozen=True)
class Indicateur:
    """« diagnostic.indicateurs[] »: an indicator of the diagnosis and its yearly values."""

    id: str
    libelle: Texte
    unite: str
    source: str
    valeurs: ParAnnee
    commentaire: Texte | None
    path: Path_


@dataclass(frozen=True)
class Fait:
    """A figure of the diagnostic that is not a yearly series, kept as it is written."""

    libelle: Texte
    valeur: str  # as written: "5,30", "+7,60", "1234"
    unite: str | None
    date: DatePartielle | None  # when it is counted; the end of the period of a change
    depuis: DatePartielle | None  # the start of the period of a change
    source: str
    commentaire: Texte | None
    path: Path_


@dataclass(frozen=True)
class Diagnostic:
    """« diagnostic »: the shared diagnosis, its methods, indicators and figures."""

    synthese: Markdown | None
    moyens_et_methodes: Markdown | None
    indicateurs: tuple[Indicateur, ...]
    faits: tuple[Fait, ...]
    path: Path_


@dataclass(frozen=True)
class Instance:
    """A committee of the governance: its chair, members, frequency and secretariat."""

    presidence: Texte | None
    membres: tuple[str, ...]
    frequence: Annotated[str, Libelle("frequence")]
    secretariat: Texte | None


@dataclass(frozen=True)
class Evaluation:
    """« gouvernance.evaluation »: how often and how the contract is evaluated."""

    frequence: Annotated[str, Libelle("periodicite")]
    modalites: Markdown | None


@dataclass(frozen=True)
class Revoyure:
    """« gouvernance.revoyure »: when the parties review the contract, and on what."""

    date: date
    objet: Markdown | None
    path: Path_


@dataclass(frozen=True)
class Gouvernance:
    """« gouvernance »: the committees, the evaluation, the revoyure clause."""

    comite_pilotage: Instance | None = None
    comite_technique: Instance | None = None
    evaluation: Evaluation | None = None
    revoyure: Revoyure | None = None


@dataclass(frozen=True, kw_only=True)
class AnnexeLibre:
    """« annexes_libres[] »: an annex the parties write, contractual or for information."""

    titre: Texte
    contenu: Markdown
    contractuelle: bool = True
    path: Path_


@dataclass(frozen=True, kw_only=True)
class DocumentAnnexe:
    """An existing PDF document joined to the contract: listed in the .docx, its pages in the PDF."""

    titre: Texte
    date: DatePartielle | None
    fichier: str  # from the contract's folder
    presentation: Markdown | None
    path: Path_
    # Read from the file when the contract is checked (contract/documents.py)
    chemin: Path | None = field(default=None, compare=False)
    pages: int | None = field(default=None, compare=False)
    pdfa: bool = field(default=False, compare=False)  # the file declares PDF/A


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
    axes: tuple[Axe, ...]  # the contract's own chapters, if it has some
    volets: tuple[Volet, ...]  # in the order of the catalogue's volets
    gouvernance: Gouvernance
    annexes: tuple[AnnexeLibre, ...]
    documents_annexes: tuple[DocumentAnnexe, ...]
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
        """The day the contract speaks from: its signature (the first day it may be, when only
        the month is known), else (a draft) its start."""
        signed = self.signature.date
        return signed.debut() if signed is not None else self.periode.debut

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

    @cached_property
    def chapitres(self) -> tuple[Chapitre, ...]:
        """The chapters of the engagements, in the document's order: the contract's own axes if
        it has some, else the circular's volets."""
        if self.axes:
            return tuple(
                Chapitre(None, a, tuple(e for e in self.engagements if e.axe == a.id))
                for a in self.axes
            )
        return tuple(Chapitre(v, None, v.engagements) for v in self.volets)

    def numero(self, engagement: Engagement) -> int | None:
        """The number of a retained engagement in the document; None for the others.

        Retained engagements are numbered from 1 in each chapter (volet or axis), for each
        party (each partner) apart: « Engagements de l'État, 2° ».
        """
        return self._numeros.get(engagement.path)

    @cached_property
    def _numeros(self) -> dict[Path_, int]:
        numeros: dict[Path_, int] = {}
        for chapitre in self.chapitres:
            engagements = chapitre.engagements
            for side in dict.fromkeys((e.partie, e.partenaire) for e in engagements):
                retained = (
                    e for e in engagements if (e.partie, e.partenaire) == side and e.retenue
                )
                numeros.update((e.path, n) for n, e in enumerate(retained, start=1))
        return numeros


@dataclass(frozen=True)
class Chapitre:
    """A chapter of the engagements: a volet of the circular, or one of the contract's axes."""

    volet: Volet | None
    axe: Axe | None
    engagements: tuple[Engagement, ...]

    @property
    def id(self) -> str:
        """The axis's id, else the volet's: what ``Engagement.chapitre`` names."""
        return self.axe.id if self.axe else self.volet.id if self.volet else ""
