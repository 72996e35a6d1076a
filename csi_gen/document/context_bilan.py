"""What the bilan's templates see: its values, typed, with no sentence built in Python.

The annual bilan of a contract (``ContexteBilan``, templates bilan-*.docx) and the synthesis
of every contract's bilan (``ContexteSynthese``, bilan-tous.docx): ``csi-gen modeles`` checks
the templates against them and ``csi-gen modeles --doc`` documents them. ``csi_gen.follow``
computes the figures and fills them; the templates word them (« en retard »…).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from csi_gen.dates import Echeance
from csi_gen.document.context_base import Commun, Xml, doc, shape
from csi_gen.document.context_front import Revoyure
from csi_gen.document.context_parties import Parties, Periode
from csi_gen.document.context_places import Departement, Territoire

# The contract's definitions give the parties' designations (« de l'État », « de la Ville »).
BILAN_PARTS = (
    "definitions",
    "bilan-definitions",
    "bilan-synthese",
    "bilan-engagements",
    "bilan-financement",
)
SYNTHESIS_PARTS = ("bilan-definitions", "bilan-tous")


class Dessin:
    """A chart of an objective, drawn when a template calls it with its series' names."""

    def __init__(self, draw: Callable[[str, str], str]) -> None:
        self._draw = draw

    def __call__(self, prevu: str, realise: str) -> Xml:
        return Xml(lambda: self._draw(str(prevu), str(realise)))


@shape
class Point:
    """Une année d'un objectif : le prévu et le réalisé (cumulés pour des ajouts annuels)."""

    annee: int = doc("l'année")
    prevu: float | None = doc(
        "le prévu à la fin de l'année (cumulé depuis le début pour des ajouts)"
    )
    realise: float | None = doc("le réalisé à la fin de l'année (cumulé de même), s'il est connu")


@shape
class ObjectifBilan:
    """Un objectif chiffré face à sa trajectoire, à la fin de l'année du bilan."""

    engagement: str = doc("l'intitulé de l'engagement")
    libelle: str = doc("ce qui est compté")
    unite: str = doc("l'unité (« policiers municipaux »)")
    cible: str = doc("la cible en toutes lettres (« au moins 100 policiers municipaux »)")
    echeance: Echeance | None = doc(
        "l'échéance, si elle est fixée : une date, un mois, une année ou la fin du mandat "
        "(filtre echeance)"
    )
    niveau: bool = doc(
        "vrai si l'objectif compte un niveau (comparé au niveau du 31 décembre), faux s'il compte des ajouts (comparés à ce qui a été ajouté dans l'année, et cumulés depuis le début du contrat)"
    )
    trajectoire: bool = doc("vrai si le contrat fixe une trajectoire année par année")
    prevu_annee: float | None = doc(
        "l'étape de la trajectoire pour l'année : le niveau prévu au 31 décembre, ou ce qui devait être ajouté dans l'année"
    )
    realise_annee: float | None = doc(
        "le réalisé de l'année : le niveau au 31 décembre, ou ce qui a été ajouté dans l'année"
    )
    ecart_annee: float | None = doc("réalisé moins prévu pour l'année, dans l'unité de l'objectif")
    ecart_annee_part: float | None = doc("cet écart en pour cent du prévu (−12, 15), arrondi")
    prevu_cumul: float | None = doc(
        "le prévu depuis le début du contrat (la somme des étapes pour des ajouts ; le niveau prévu pour un niveau)"
    )
    realise_cumul: float | None = doc("le réalisé depuis le début du contrat, compté de même")
    ecart_cumul: float | None = doc("réalisé moins prévu depuis le début du contrat")
    ecart_cumul_part: float | None = doc("cet écart en pour cent du prévu, arrondi")
    complet: bool = doc("faux si une année qui avait une étape n'a pas de réalisé renseigné")
    part_cible: float | None = doc(
        "le chemin parcouru vers la cible, en pour cent (depuis la situation initiale pour un niveau), arrondi"
    )
    cible_atteinte: bool = doc("vrai si le réalisé atteint la cible")
    en_deca: bool = doc(
        "vrai si le réalisé est en deçà de la trajectoire (au-delà, pour une cible à ne pas dépasser)"
    )
    echeance_cette_annee: bool = doc("vrai si l'échéance tombe dans l'année du bilan")
    commentaire: str | None = doc("le commentaire du suivi pour l'année")
    annees: list[Point] = doc(
        "la trajectoire et le réalisé, année par année jusqu'à celle du bilan"
    )
    graphique: Dessin = doc(
        "le graphique de la trajectoire et du réalisé ; un modèle l'appelle avec le nom de ses deux séries, seul dans son paragraphe : {{p o.graphique('Prévu', 'Réalisé') }}"
    )


@shape
class IndicateurBilan:
    """Un indicateur de suivi et sa série."""

    engagement: str = doc("l'intitulé de l'engagement")
    libelle: str = doc("ce qui est mesuré")
    unite: str | None = doc("l'unité, si elle est indiquée")
    valeur_cible: float | None = doc("la valeur cible, si elle est indiquée")
    source: str | None = doc("la source, si elle est indiquée")
    valeurs: list[float | None] = doc(
        "une valeur par année du tableau (vide si elle manque) : le diagnostic avant le contrat, le suivi ensuite"
    )
    valeur_annee: float | None = doc("la valeur mesurée pour l'année du bilan")
    commentaire: str | None = doc("le commentaire du suivi pour l'année")


@shape
class TableauIndicateurs:
    """Le tableau des indicateurs de suivi."""

    annees: list[int] = doc("les années du tableau")
    lignes: list[IndicateurBilan] = doc("un indicateur par ligne")
    mesures: int = doc("le nombre d'indicateurs mesurés pour l'année du bilan")


@shape
class EngagementBilan:
    """Un engagement retenu et son avancement."""

    numero: int = doc(
        "son numéro dans le contrat, parmi ceux de la partie dans le volet ou l'axe (« 2° »)"
    )
    titre: str = doc("son intitulé, ou celui de sa mesure")
    partie: str = doc("« etat », « justice », « collectivites » ou « partenaire »")
    etat: bool = doc("vrai pour un engagement de l'État")
    justice: bool = doc("vrai pour un engagement du procureur de la République")
    partenaire: str | None = doc("le nom du partenaire signataire, pour ses engagements")
    volet: str = doc("le volet, en minuscules")
    axe: str | None = doc(
        "l'axe du contrat qui le présente, quand le contrat est organisé par axes"
    )
    identifiant: str | None = doc("son identifiant ; sans lui, l'engagement ne peut pas être suivi")
    avancement: str = doc(
        "« realise », « en_cours », « en_retard », « non_engage », « abandonne » ou « non_renseigne »"
    )
    annee_avancement: int | None = doc(
        "l'année où un engagement réalisé ou abandonné a été déclaré tel, si c'est une année antérieure"
    )
    date: date | None = doc("la date de réalisation ou d'abandon, si elle est indiquée")
    motif: str | None = doc("le motif d'un abandon ou d'un retard")
    commentaire: str | None = doc("le commentaire du suivi pour l'année")
    objectifs: list[ObjectifBilan] = doc("ses objectifs chiffrés")


@shape
class VoletBilan:
    """Un chapitre du contrat (un volet, ou un axe du contrat) et ses engagements retenus."""

    titre: str = doc("le titre du volet, en minuscules, ou celui de l'axe, tel qu'il est écrit")
    volet: bool = doc("vrai pour un volet de la circulaire, faux pour un axe du contrat")
    engagements: list[EngagementBilan] = doc(
        "les engagements retenus, dans l'ordre du contrat : de l'État, du procureur de la "
        "République, des collectivités, puis de chaque partenaire signataire"
    )


@shape
class Avancements:
    """Le nombre d'engagements retenus dans chaque état, pour une partie ou pour toutes."""

    partie: str | None = doc(
        "« etat », « justice », « collectivites » ou « partenaire » ; rien pour le total"
    )
    etat: bool = doc("vrai pour l'État")
    justice: bool = doc("vrai pour le procureur de la République")
    partenaire: str | None = doc("le nom du partenaire signataire, pour ses engagements")
    realise: int = doc("réalisés")
    en_cours: int = doc("en cours")
    en_retard: int = doc("en retard")
    non_engage: int = doc("non engagés")
    abandonne: int = doc("abandonnés")
    non_renseigne: int = doc("sans avancement renseigné pour l'année")
    total: int = doc("tous les engagements retenus")


@shape
class Execution:
    """Une ligne ou un total de l'exécution financière."""

    engagement: str | None = doc("l'intitulé de l'engagement (pour une ligne)")
    financeur: str | None = doc("le financeur (vide pour un total par année ou général)")
    source: str | None = doc("la source en abrégé (« FIPD »), pour une ligne")
    annee: int | None = doc("l'année (vide pour un total par financeur ou général)")
    prevu: float = doc("le montant prévu au contrat, en euros")
    engage: float | None = doc("le montant engagé au 31 décembre, s'il est renseigné")
    paye: float | None = doc("le montant payé au 31 décembre, s'il est renseigné")
    part_payee: float | None = doc("le payé en pour cent du prévu, arrondi")
    complet: bool = doc("faux si un montant engagé ou payé n'est pas renseigné")
    commentaire: str | None = doc("le commentaire du suivi, pour une ligne")
    sollicite: bool = doc(
        "vrai pour une ligne que la partie qui s'engage sollicitera auprès d'un tiers qui ne "
        "signe pas : elle n'entre dans aucun total des financements des parties"
    )


@shape
class ExecutionFinanciere:
    """L'exécution du plan de financement : prévu, engagé et payé."""

    lignes: list[Execution] = doc(
        "les lignes de financement des parties, pour les engagements retenus"
    )
    par_financeur: list[Execution] = doc("les totaux par financeur")
    par_annee: list[Execution] = doc("les totaux par année")
    par_financeur_et_annee: list[Execution] = doc("les totaux par financeur et par année")
    total: Execution = doc("le total général des financements des parties")
    sollicites: list[Execution] = doc(
        "les financements à solliciter auprès de tiers, présentés à part et comptés dans aucun total"
    )
    total_sollicite: float = doc("le montant prévu des financements à solliciter, en euros")


@shape
class ADecider:
    """Ce qui appelle une décision du comité de pilotage."""

    en_retard: list[EngagementBilan] = doc("les engagements en retard")
    abandonnes: list[EngagementBilan] = doc("les engagements abandonnés")
    en_deca: list[ObjectifBilan] = doc("les objectifs en deçà de leur trajectoire")
    echeances: list[ObjectifBilan] = doc(
        "les objectifs dont l'échéance tombe dans l'année et dont la cible n'est pas atteinte"
    )
    non_renseignes: int = doc(
        "le nombre d'engagements suivis (qui ont un identifiant) sans avancement renseigné pour "
        "l'année"
    )
    a_completer: int = doc(
        "le nombre de valeurs et de textes encore « [à compléter] » pour l'année"
    )
    sans_identifiant: list[str] = doc("les engagements retenus qui n'ont pas d'identifiant")
    revoyure: bool = doc("vrai si la clause de revoyure tombe dans l'année du bilan")
    rien: bool = doc("vrai si rien de ce qui précède ne se présente")


@shape
class Comite:
    """La réunion du comité de pilotage qui a examiné l'année."""

    date: date | None = doc("sa date, si elle est indiquée")
    presents: list[str] = doc("les présents")
    decisions: list[str] = doc("les décisions")


@shape
class ContexteBilan(Commun):
    """Le bilan annuel d'un contrat (modèles bilan-*.docx)."""

    annee: int = doc("l'année du bilan")
    territoire: Territoire = doc("le territoire du contrat")
    parties: Parties = doc("les parties au contrat (pour les désignations de definitions.docx)")
    signature: date | None = doc("la date de signature du contrat")
    debut: date = doc("le début du contrat")
    fin: date = doc("la fin du contrat (pour les contrôles ; le contrat l'écrit par periode)")
    periode: Periode = doc(
        "la période telle que le contrat l'écrit : prise d'effet, fin (« jusqu'au "
        "renouvellement général des conseils municipaux de 2026 »)"
    )
    annees_suivies: list[int] = doc("les années renseignées dans le suivi, jusqu'à celle du bilan")
    version_contrat: str = doc("la version du contrat (commit git et date)")
    version_suivi: str = doc("la version du fichier de suivi (commit git et date)")
    avancements: list[Avancements] = doc(
        "les engagements par état, pour chaque partie qui a des engagements retenus, dans "
        "l'ordre du contrat"
    )
    total_avancements: Avancements = doc("les engagements par état, toutes parties confondues")
    chiffres_cles: list[ObjectifBilan] = doc(
        "les chiffres principaux : policiers nationaux, policiers municipaux, caméras (l'objectif de plus grande cible de chaque thème)"
    )
    a_decider: ADecider = doc("ce qui appelle une décision")
    par_axes: bool = doc("vrai si le contrat présente ses engagements par axes propres")
    volets: list[VoletBilan] = doc(
        "les chapitres du contrat (volets, ou axes) et leurs engagements, dans son ordre"
    )
    indicateurs: TableauIndicateurs = doc("les indicateurs de suivi et leurs séries")
    financement: ExecutionFinanciere = doc("l'exécution du plan de financement")
    comite: Comite | None = doc("le comité de pilotage de l'année, s'il s'est réuni")
    revoyure: Revoyure | None = doc("la clause de revoyure du contrat, s'il y en a une")


@shape
class ChiffreTheme:
    """Un chiffre principal, totalisé sur les contrats."""

    theme: str = doc("« policiers_nationaux », « policiers_municipaux » ou « cameras »")
    contrats: int = doc("le nombre de contrats qui ont un objectif de ce thème")
    renseignes: int = doc("combien d'entre eux renseignent le réalisé")
    prevu: float = doc("la somme des prévus, cumulés depuis le début de chaque contrat")
    realise: float = doc("la somme des réalisés (un réalisé non renseigné compte pour zéro)")
    ecart: float = doc("réalisé moins prévu")
    ecart_part: float | None = doc("cet écart en pour cent du prévu, arrondi")


@shape
class FinancementGroupe:
    """Les financements d'un groupe de financeurs, totalisés sur les contrats."""

    groupe: str | None = doc("« etat », « collectivites » ou « autres » ; rien pour le total")
    prevu: float = doc("le montant prévu, en euros")
    engage: float = doc("le montant engagé au 31 décembre")
    paye: float = doc("le montant payé au 31 décembre")
    part_payee: float | None = doc("le payé en pour cent du prévu, arrondi")


@shape
class ContexteSynthese(Commun):
    """La synthèse des bilans de tous les contrats (modèle bilan-tous.docx)."""

    annee: int = doc("l'année des bilans")
    departement: Departement | None = doc("le département retenu (--departement), s'il y en a un")
    contrats: int = doc("le nombre de contrats comptés")
    avec_suivi: int = doc("combien d'entre eux ont un suivi pour l'année")
    classeur: str = doc("le nom du classeur qui donne les chiffres contrat par contrat")
    avancements: Avancements = doc("les engagements retenus de tous les contrats, par état")
    chiffres: list[ChiffreTheme] = doc("les chiffres principaux, un par thème")
    financements: list[FinancementGroupe] = doc("les financements par groupe de financeurs")
    total_financements: FinancementGroupe = doc("le total des financements")
    echecs: list[str] = doc("les contrats non comptés, avec la raison (contrat ou suivi invalide)")
