"""What the templates see: the contract's values, typed, with no sentence built in Python.

The context is one typed tree of frozen dataclasses. ``csi-gen modeles`` checks every tag
of the templates against it, and ``csi-gen modeles --doc`` documents it (docs/modeles.md):
each class's docstring is its French description there, each field's comment its note.
The words are the templates'; the context gives values (texts of the contract, numbers,
dates), the French forms of names (« de la Haute-Garonne »), what is computed once
(totals, numbers of engagements and annexes) and rich text (``Xml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from csi_gen import wording
from csi_gen.document.context_annexes import (
    AnnexeLibre,
    Annexes,
    AnnexesBuilder,
    Catalogue,
    Diagnostic,
    LigneIndicateur,
    LigneReciprocite,
    PlanFinancement,
    Trajectoires,
)
from csi_gen.document.context_base import Builder, Hooks, Xml
from csi_gen.document.context_engagements import EngagementsBuilder, Volet
from csi_gen.document.context_front import (
    Deliberation,
    Dispositif,
    Gouvernance,
    Parties,
    Periode,
    Signature,
    Territoire,
    dispositifs,
    gouvernance,
    parties,
    signature,
    territoire,
    visas,
)
from csi_gen.document.environment import number_mark
from csi_gen.model import Contrat, Statut
from csi_gen.versioning import Version


@dataclass(frozen=True)
class Commun:
    """Ce que voient toutes les parties, l'en-tête et le pied de page."""

    intitule: str  # the contract's title
    marquage: str  # « PROJET – DIFFUSION RESTREINTE »; empty on a signed contract
    filigrane: str  # « PROJET » on a draft, else empty
    version: str  # « version 1a2b3c4 du 12 mars 2026 »
    numero: Markup  # in a heading (Titre 1, 2 or 3): its number, set once the document is complete


@dataclass(frozen=True)
class Contexte(Commun):
    """Le contrat."""

    titre_propre: str | None  # the contract's own title, when it has one
    statut: str  # « projet », « definitif » or « signe »
    statut_libelle: str  # « Contrat signé »
    territoire: Territoire
    periode: Periode
    parties: Parties
    visas: list[str]  # the texts cited, without « Vu »
    deliberations: list[Deliberation]  # cited after the texts
    preambule: Xml | None
    dispositifs: list[Dispositif]
    diagnostic: Diagnostic
    volets: list[Volet]
    gouvernance: Gouvernance
    signature: Signature
    annexes: Annexes
    annexes_libres: list[AnnexeLibre]
    reciprocite: list[LigneReciprocite]
    trajectoires: Trajectoires
    financement: PlanFinancement
    indicateurs: list[LigneIndicateur]
    catalogue: Catalogue


@dataclass(frozen=True)
class Modification:
    """Une modification des données du contrat."""

    element: str  # « Volet justice › Engagement de l'État n° 2 › trajectoire 2022 »
    avant: str
    apres: str


@dataclass(frozen=True)
class Comparaison:
    """Le tableau des modifications entre deux versions."""

    contrat: str  # the contract file
    depuis: str  # « HEAD~1 (1a2b3c4) du 12 mars 2026 »
    jusqua: str
    modifications: list[Modification]
    revisions: int  # tracked changes in the text
    notes: list[str]


@dataclass(frozen=True)
class ContexteComparaison(Commun):
    """Le document de comparaison (modèle comparaison.docx)."""

    comparaison: Comparaison


def commun(contrat: Contrat, version: Version) -> dict[str, object]:
    return {
        "intitule": contrat.intitule,
        "marquage": marquage(contrat),
        "filigrane": "PROJET" if contrat.statut is Statut.PROJET else "",
        "version": version.label,
        "numero": number_mark(),
    }


def marquage(contrat: Contrat) -> str:
    parts = []
    if contrat.statut is Statut.PROJET:
        parts.append(wording.libelle("statut_contrat", "projet"))
    confidentiality = wording.libelle("confidentialite", contrat.confidentialite)
    if confidentiality:
        parts.append(confidentiality)
    return " – ".join(parts).upper()


def build_context(contrat: Contrat, version: Version, hooks: Hooks) -> Contexte:
    base = Builder(contrat, hooks)
    annexes_builder = AnnexesBuilder(contrat, hooks)
    annexes, free = annexes_builder.annexes()
    default_title = f"Contrat de sécurité intégrée de {contrat.territoire.nom}"
    return Contexte(
        **commun(contrat, version),  # type: ignore[arg-type]
        titre_propre=contrat.titre if contrat.titre not in (None, default_title) else None,
        statut=contrat.statut.value,
        statut_libelle=wording.libelle("statut_contrat", contrat.statut.value),
        territoire=territoire(contrat),
        periode=Periode(
            contrat.periode.debut,
            contrat.periode.fin,
            contrat.periode.debut.year,
            contrat.periode.fin.year,
        ),
        parties=parties(contrat),
        visas=visas(contrat),
        deliberations=[
            Deliberation(d.organe, d.numero, d.date, d.objet) for d in contrat.deliberations
        ],
        preambule=base.markdown(contrat.preambule),
        dispositifs=dispositifs(base),
        diagnostic=annexes_builder.diagnostic(),
        volets=EngagementsBuilder(contrat, hooks).volets(),
        gouvernance=gouvernance(base),
        signature=signature(contrat),
        annexes=annexes,
        annexes_libres=free,
        reciprocite=annexes_builder.reciprocite(),
        trajectoires=annexes_builder.trajectoires(),
        financement=annexes_builder.financement(),
        indicateurs=annexes_builder.indicateurs(),
        catalogue=annexes_builder.catalogue(),
    )
