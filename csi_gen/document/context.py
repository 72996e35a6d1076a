"""What the templates see: the contract's values, typed, with no sentence built in Python.

The context is one typed tree of frozen dataclasses. ``csi-gen modeles`` checks every tag
of the templates against it, and ``csi-gen modeles --doc`` documents it (docs/modeles.md):
each class's docstring is its French description there, each field's comment its note.
The words are the templates'; the context gives values (texts of the contract, numbers,
dates), the French forms of names (« de la Haute-Garonne »), what is computed once
(totals, numbers of engagements and annexes) and rich text (``Xml``).
"""

from __future__ import annotations

from csi_gen import catalogue, wording
from csi_gen.document.context_annexes import (
    AnnexeLibre,
    Annexes,
    AnnexesBuilder,
    DocumentJoint,
    LigneIndicateur,
    LigneReciprocite,
    Trajectoires,
)
from csi_gen.document.context_base import Builder, Commun, Hooks, Xml, commun, doc, shape
from csi_gen.document.context_consolidation import (
    Consolidation,
    consolidated,
    consolidation,
)
from csi_gen.document.context_diagnostic import Diagnostic, DiagnosticBuilder
from csi_gen.document.context_engagements import Chapitre, EngagementsBuilder
from csi_gen.document.context_financement import FinancementBuilder, PlanFinancement
from csi_gen.document.context_front import Dispositif, Gouvernance, dispositifs, gouvernance, visas
from csi_gen.document.context_parties import (
    Deliberation,
    Parties,
    Periode,
    Signature,
    deliberation,
    parties,
    periode,
    signature,
)
from csi_gen.document.context_places import Territoire, territoire
from csi_gen.model import Contrat, StatutEngagement
from csi_gen.numbering import Numerotation
from csi_gen.versioning import Version

VIDEO = ("vidéoprotection", "vidéo-protection", "vidéosurveillance", "caméra")


@shape
class Socle:
    """Les mesures du socle de la circulaire, comptées dans le contrat."""

    total: int = doc("le nombre de mesures que la circulaire place au socle")
    etudiees: int = doc(
        "le nombre de mesures du socle étudiées (retenues, non retenues ou en attente)"
    )
    retenues: int = doc("le nombre de mesures du socle retenues")
    a_etudier: int = doc(
        "le nombre de mesures du socle qui restent à étudier, ou absentes du contrat"
    )


@shape
class Contexte(Commun):
    """Le contrat."""

    titre_propre: str | None = doc(
        "le titre propre du contrat, s'il en a un autre que « Contrat de sécurité intégrée de … »"
    )
    statut_libelle: str = doc("le statut en toutes lettres (« Contrat signé »)")
    sous_la_circulaire: bool = doc(
        "vrai si le contrat est signé (ou, projet, prend effet) après la circulaire du 16 avril "
        "2021 : avant, il ne peut citer ni la circulaire, ni son annexe, ni son socle"
    )
    socle: Socle = doc("les mesures du socle étudiées et retenues (après la circulaire)")
    videoprotection: bool = doc("vrai si un engagement retenu porte sur la vidéoprotection")
    territoire: Territoire = doc("le territoire couvert")
    periode: Periode = doc("la période du contrat")
    parties: Parties = doc("les parties au contrat")
    visas: list[str] = doc("les textes visés, sans « Vu » (en vigueur à la date de signature)")
    deliberations: list[Deliberation] = doc(
        "les délibérations des conseils antérieures à la signature, visées après les textes"
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
    approbations: list[Deliberation] = doc(
        "les délibérations qui ont approuvé le contrat après sa signature (mentionnées après les "
        "signatures)"
    )
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
    consolidation: Consolidation | None = doc(
        "pour un contrat modifié par avenant : sa version consolidée (vide sinon)"
    )


@shape
class Modification:
    """Une modification des données du contrat."""

    element: str = doc(
        "ce qui change, dans les termes du contrat (« Volet justice › Engagements de l'État, 2° › trajectoire 2022 »)"
    )
    avant: str = doc("la valeur avant (« — » si l'élément est ajouté)")
    apres: str = doc("la valeur après (« — » si l'élément est supprimé)")


@shape
class Comparaison:
    """Le tableau des modifications entre deux versions."""

    contrat: str = doc("le fichier du contrat")
    depuis: str = doc("la version de départ (« HEAD~1 (1a2b3c4) du 12 mars 2026 »)")
    jusqua: str = doc("la version d'arrivée")
    modifications: list[Modification] = doc("les modifications des données")
    revisions: int = doc("le nombre de modifications suivies dans le texte")
    notes: list[str] = doc("des remarques sur la comparaison (modèles absents d'une version…)")


@shape
class ContexteComparaison(Commun):
    """Le document de comparaison (modèle comparaison.docx)."""

    comparaison: Comparaison = doc("la comparaison")


def socle(contrat: Contrat) -> Socle:
    statuses: dict[str, set[StatutEngagement]] = {}
    for e in contrat.engagements:
        if e.mesure:
            statuses.setdefault(e.mesure, set()).add(e.statut)
    measures = [m.id for m in catalogue.mesures() if m.socle]
    studied = [
        m for m in measures if statuses.get(m) and StatutEngagement.A_ETUDIER not in statuses[m]
    ]
    retained = [m for m in measures if StatutEngagement.RETENUE in statuses.get(m, set())]
    return Socle(len(measures), len(studied), len(retained), len(measures) - len(studied))


def videoprotection(contrat: Contrat) -> bool:
    """Whether a retained engagement installs or extends video protection (L. 252-1 CSI)."""
    for e in contrat.engagements:
        words = " ".join((e.titre, e.texte or "")).lower()
        if e.retenue and any(word in words for word in VIDEO):
            return True
    return False


def build_context(
    contrat: Contrat, version: Version, hooks: Hooks, numerotation: Numerotation | None = None
) -> Contexte:
    """The context of the contract; ``numerotation``, the numbers frozen at its signature."""
    base = Builder(contrat, hooks)
    engagements = EngagementsBuilder(contrat, hooks)
    engagements.numerotation = numerotation
    annexes_builder = AnnexesBuilder(contrat, hooks)
    annexes_builder.numerotation = numerotation
    annexes, free = annexes_builder.annexes()
    deliberations = [deliberation(contrat, d) for d in contrat.deliberations]
    return Contexte(
        **consolidated(commun(contrat, version), contrat),
        titre_propre=contrat.titre
        if contrat.titre not in (None, contrat.intitule_par_defaut)
        else None,
        statut_libelle=wording.libelle("statut_contrat", contrat.statut.value),
        sous_la_circulaire=contrat.sous_la_circulaire,
        socle=socle(contrat),
        videoprotection=videoprotection(contrat),
        territoire=territoire(contrat),
        periode=periode(contrat),
        parties=parties(contrat),
        visas=visas(contrat),
        deliberations=[d for d in deliberations if not d.apres_signature],
        preambule=base.markdown(contrat.preambule),
        dispositifs=dispositifs(base),
        diagnostic=DiagnosticBuilder(contrat, hooks).diagnostic(),
        par_axes=bool(contrat.axes),
        chapitres=engagements.chapitres(),
        gouvernance=gouvernance(base),
        signature=signature(contrat),
        approbations=[d for d in deliberations if d.apres_signature],
        annexes=annexes,
        annexes_libres=free,
        documents_annexes=annexes_builder.documents(),
        reciprocite=annexes_builder.reciprocite(),
        trajectoires=annexes_builder.trajectoires(),
        financement=FinancementBuilder(contrat, hooks).financement(),
        indicateurs=annexes_builder.indicateurs(),
        consolidation=consolidation(contrat),
    )
