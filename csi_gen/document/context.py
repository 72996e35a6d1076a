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
    DocumentJoint,
    LigneIndicateur,
    LigneReciprocite,
    Trajectoires,
)
from csi_gen.document.context_base import Builder, Hooks, Xml, doc
from csi_gen.document.context_diagnostic import Diagnostic, DiagnosticBuilder
from csi_gen.document.context_engagements import Chapitre, EngagementsBuilder
from csi_gen.document.context_financement import FinancementBuilder, PlanFinancement
from csi_gen.document.context_front import Dispositif, Gouvernance, dispositifs, gouvernance, visas
from csi_gen.document.context_parties import (
    Deliberation,
    Parties,
    Periode,
    Signature,
    parties,
    signature,
)
from csi_gen.document.context_places import Territoire, territoire
from csi_gen.document.environment import number_mark
from csi_gen.model import Contrat, Statut
from csi_gen.versioning import Version


@dataclass(frozen=True)
class Commun:
    """Ce que voient toutes les parties, l'en-tête et le pied de page."""

    intitule: str = doc("l'intitulé du contrat, en tête de chaque page")
    marquage: str = doc(
        "la mention « PROJET » et la confidentialité, en majuscules ; vide pour un contrat signé sans mention"
    )
    filigrane: str = doc("« PROJET » sur un projet, vide sinon (filigrane de l'en-tête)")
    version: str = doc("la version des données : commit git et date du fichier du contrat")
    numero: Markup = doc(
        "dans un titre (styles Titre 1, 2 et 3) : le numéro de ce titre, écrit une fois le document complet (« Ier », « II », « 1er », « 2 »)"
    )


@dataclass(frozen=True)
class Contexte(Commun):
    """Le contrat."""

    titre_propre: str | None = doc(
        "le titre propre du contrat, s'il en a un autre que « Contrat de sécurité intégrée de … »"
    )
    statut: str = doc("« projet », « definitif » ou « signe »")
    statut_libelle: str = doc("le statut en toutes lettres (« Contrat signé »)")
    territoire: Territoire = doc("le territoire couvert")
    periode: Periode = doc("la période du contrat")
    parties: Parties = doc("les parties au contrat")
    visas: list[str] = doc("les textes visés, sans « Vu » (en vigueur à la date de signature)")
    deliberations: list[Deliberation] = doc(
        "les délibérations des conseils, visées après les textes"
    )
    preambule: Xml | None = doc("le préambule rédigé dans le contrat, s'il y en a un")
    dispositifs: list[Dispositif] = doc("les cadres contractuels existants placés sous le contrat")
    diagnostic: Diagnostic = doc("le diagnostic partagé")
    par_axes: bool = doc(
        "vrai si le contrat présente ses engagements par axes propres, faux par volet"
    )
    chapitres: list[Chapitre] = doc(
        "les chapitres des engagements : les axes du contrat, ou ses volets dans l'ordre de la circulaire"
    )
    gouvernance: Gouvernance = doc("le pilotage, le suivi et l'évaluation")
    signature: Signature = doc("la page de signatures")
    annexes: Annexes = doc("le numéro de chaque annexe, pour les renvois")
    annexes_libres: list[AnnexeLibre] = doc("les annexes rédigées dans le contrat")
    documents_annexes: list[DocumentJoint] = doc(
        "les documents existants joints au contrat (leurs pages suivent dans le PDF)"
    )
    reciprocite: list[LigneReciprocite] = doc(
        "le tableau des engagements réciproques, un élément par chapitre (volet ou axe)"
    )
    trajectoires: Trajectoires = doc("le tableau des trajectoires annuelles")
    financement: PlanFinancement = doc("le plan de financement")
    indicateurs: list[LigneIndicateur] = doc("les indicateurs de suivi des engagements retenus")
    catalogue: Catalogue = doc("la couverture du catalogue de la circulaire")


@dataclass(frozen=True)
class Modification:
    """Une modification des données du contrat."""

    element: str = doc(
        "ce qui change, dans les termes du contrat (« Volet justice › Engagement de l'État n° 2 › trajectoire 2022 »)"
    )
    avant: str = doc("la valeur avant (« — » si l'élément est ajouté)")
    apres: str = doc("la valeur après (« — » si l'élément est supprimé)")


@dataclass(frozen=True)
class Comparaison:
    """Le tableau des modifications entre deux versions."""

    contrat: str = doc("le fichier du contrat")
    depuis: str = doc("la version de départ (« HEAD~1 (1a2b3c4) du 12 mars 2026 »)")
    jusqua: str = doc("la version d'arrivée")
    modifications: list[Modification] = doc("les modifications des données")
    revisions: int = doc("le nombre de modifications suivies dans le texte")
    notes: list[str] = doc("des remarques sur la comparaison (modèles absents d'une version…)")


@dataclass(frozen=True)
class ContexteComparaison(Commun):
    """Le document de comparaison (modèle comparaison.docx)."""

    comparaison: Comparaison = doc("la comparaison")


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
        diagnostic=DiagnosticBuilder(contrat, hooks).diagnostic(),
        par_axes=bool(contrat.axes),
        chapitres=EngagementsBuilder(contrat, hooks).chapitres(),
        gouvernance=gouvernance(base),
        signature=signature(contrat),
        annexes=annexes,
        annexes_libres=free,
        documents_annexes=annexes_builder.documents(),
        reciprocite=annexes_builder.reciprocite(),
        trajectoires=annexes_builder.trajectoires(),
        financement=FinancementBuilder(contrat, hooks).financement(),
        indicateurs=annexes_builder.indicateurs(),
        catalogue=annexes_builder.catalogue(),
    )
