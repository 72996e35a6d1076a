"""The context of the engagements: each chapter (a volet of the circular, or one of the
contract's own axes), each party's retained engagements in it, numbered.

An engagement is printed in the contract's own words: the circular's measure it takes up is
the note de présentation's business, not the instrument's (its wording is addressed to
préfets; its codes are csi-gen's). A retained measure without its own text shows a visible
« [à compléter] » in a draft; a definitive contract cannot have one (ENGAGEMENT-TEXTE).
"""

from __future__ import annotations

from dataclasses import field

from csi_gen import catalogue, wording
from csi_gen.dates import DatePartielle, Echeance
from csi_gen.document.context_base import Builder, Xml, doc, shape
from csi_gen.document.context_parties import with_article
from csi_gen.document.context_places import Commune, commune_du_territoire
from csi_gen.model import PLACEHOLDER, Contrat, Partie, StatutEngagement
from csi_gen.model import Chapitre as ChapitreModel
from csi_gen.model import Engagement as EngagementModel
from csi_gen.model import Objectif as ObjectifModel
from csi_gen.numbering import Numero, Numerotation


@shape
class Etape:
    """Une étape d'une trajectoire."""

    date: DatePartielle = doc("sa date : l'année, le mois ou le jour (filtre date_au)")
    annee: int = doc("son année")
    valeur: float = doc("la valeur prévue à cette date")
    anterieure: bool = doc("vrai pour une étape antérieure au début du contrat, déjà réalisée")


@shape
class Part:
    """La part d'une commune dans une cible commune à plusieurs communes."""

    commune: Commune = doc("la commune ; « |a » donne « à Toulouse », « au Havre »")
    valeur: float = doc("sa part de la cible, dans l'unité de l'objectif")


@shape
class Conjoint:
    """Une partie qui prend un engagement conjointement avec la partie qui s'engage ; se nomme
    comme un côté : sujet(c) donne « l'État », « la procureure de la République »."""

    partie: str = doc("« etat », « justice », « collectivites » ou « partenaire »")
    etat: bool = doc("vrai pour l'État")
    justice: bool = doc("vrai pour le procureur de la République")
    partenaire: str | None = doc("le nom du partenaire signataire")


@shape
class Objectif:
    """Un objectif chiffré."""

    libelle: str = doc("ce qui est compté")
    unite: str = doc("l'unité (« policiers municipaux »)")
    stock: bool = doc(
        "vrai pour un stock (un effectif, un parc), faux pour un flux (ce qui est fait dans l'année)"
    )
    cible: str = doc(
        "la cible en toutes lettres (« au moins 100 policiers municipaux », « le doublement, soit 120 caméras »)"
    )
    valeur_cible: float | None = doc("la valeur visée, calculée pour une cible relative")
    echeance: Echeance | None = doc("l'échéance, si elle est fixée (filtre echeance)")
    situation_initiale: str | None = doc(
        "la situation initiale avec son unité (« 24 000 heures », « une soixantaine de caméras », "
        "« néant »)"
    )
    annee_initiale: int | None = doc("l'année de la situation initiale")
    trajectoire: list[Etape] = doc("la trajectoire, étape par étape (vide sans trajectoire)")
    trajectoire_cumulee: bool = doc(
        "vrai si chaque étape donne le niveau atteint (ou le cumul), faux si elle donne ce qui s'ajoute"
    )
    reste: float | None = doc("ce qui reste à venir à une date non encore fixée")
    repartition: list[Part] = doc(
        "la part de chaque commune dans la cible, à lire après elle (« dont 20 à Toulouse "
        "et 10 à Balma ») ; vide si la cible n'est pas répartie"
    )


@shape
class Financement:
    """Une ligne de financement d'un engagement."""

    financeur: str = doc("qui finance")
    type: str = doc("« montant », « taux », « annuel », « poursuite » ou « a_fixer »")
    montant: float | None = doc(
        "le montant, en euros (de chaque année, pour un financement annuel)"
    )
    annee: int | None = doc("l'année ; la première, pour un financement annuel")
    annee_fin: int | None = doc("la dernière année, pour un financement annuel")
    source: str = doc(
        "la source en toutes lettres (« au titre du fonds interministériel de prévention de la délinquance (FIPD) »)"
    )
    taux: float | None = doc(
        "le taux, en pour cent : d'un financement « taux », ou la part du coût total d'un montant"
    )
    assiette: str | None = doc(
        "ce à quoi s'applique le taux (« du coût du plan de vidéoprotection »)"
    )
    plafond: float | None = doc("le plafond d'un financement « taux », en euros")
    fixation: str | None = doc(
        "quand et par qui un montant à fixer l'est (« chaque année par le préfet »)"
    )
    objet: str | None = doc("ce qui est financé, s'il est précisé")
    objet_en_incise: bool = doc("vrai si l'objet se lit comme un titre (imprimé entre parenthèses)")
    sollicite: bool = doc(
        "vrai si la partie qui s'engage sollicitera ce financement (le financeur ne signe pas)"
    )


@shape
class Engagement:
    """Un engagement retenu, tel que le contrat le présente."""

    numero: int = doc("son numéro parmi les engagements de la partie dans le chapitre")
    titre: str = doc("son intitulé, ou celui de sa mesure")
    commune: Commune | None = doc(
        "la seule commune qui le prend, parmi celles du territoire (« |de » : « de Balma »)"
    )
    conjointement: list[Conjoint] = doc(
        "les autres parties qui le prennent conjointement (vide s'il n'y en a pas)"
    )
    texte: Xml | None = doc(
        "sa rédaction ; « [à compléter] » pour une mesure de la circulaire retenue sans texte"
    )
    objectifs: list[Objectif] = doc("ses objectifs chiffrés")
    conditions: list[str] = doc(
        "les conditions, à lire après « sous réserve » (« de l'ouverture des crédits… »)"
    )
    cout_total: float | None = doc("son coût total, s'il est indiqué")
    financements: list[Financement] = doc("ses lignes de financement")
    porteurs: list[str] = doc(
        "qui le met en œuvre, avec l'article (« le maire de Toulouse », « Tisséo Collectivités »)"
    )
    indicateurs: list[str] = doc("les noms de ses indicateurs de suivi")
    suffixe: str = field(
        default="",
        metadata={"doc": "après un avenant, « bis », « ter »… d'un point inséré ; vide sinon"},
    )
    supprime: bool = field(
        default=False,
        metadata={
            "doc": "vrai pour un point supprimé par avenant, qui garde sa place et son numéro"
        },
    )


@shape
class Cote:
    """Les engagements d'une partie dans un chapitre."""

    partie: str = doc("« etat », « justice », « collectivites » ou « partenaire »")
    etat: bool = doc("vrai pour les engagements de l'État")
    justice: bool = doc("vrai pour les engagements du procureur de la République")
    partenaire: str | None = doc("le nom du partenaire signataire, pour ses engagements")
    engagements: list[Engagement] = doc("les engagements retenus de cette partie dans le chapitre")
    arbitrage: list[str] = doc("les intitulés des mesures en attente d'un arbitrage national")


@shape
class Chapitre:
    """Un chapitre des engagements : un volet de la circulaire, ou un axe propre au contrat."""

    id: str = doc("l'identifiant du volet (« securite_interieure ») ou de l'axe")
    volet: bool = doc("vrai pour un volet de la circulaire, faux pour un axe propre au contrat")
    titre: str = doc(
        "le titre : celui du volet, en minuscules (« sécurité intérieure »), ou celui de l'axe, tel qu'il est écrit"
    )
    introduction: Xml | None = doc("l'introduction rédigée dans le contrat")
    a_etudier: int = doc("le nombre de ses mesures encore à étudier (dans un projet)")
    cotes: list[Cote] = doc(
        "les engagements de l'État, de l'autorité judiciaire, des collectivités, puis de chaque "
        "partenaire signataire ; seulement les parties qui ont un engagement dans le chapitre"
    )


def retained(
    chapitre: ChapitreModel, partie: Partie, partenaire: str | None = None
) -> list[EngagementModel]:
    return [e for e in chapitre.engagements if e.retenue and _of(e, partie, partenaire)]


def _of(engagement: EngagementModel, partie: Partie, partenaire: str | None) -> bool:
    return engagement.partie is partie and (
        partie is not Partie.PARTENAIRE or engagement.partenaire == partenaire
    )


def sides(contrat: Contrat) -> list[tuple[Partie, str | None]]:
    """The parties that commit, in the contract's order: each signing partner apart."""
    found: list[tuple[Partie, str | None]] = [
        (Partie.ETAT, None), (Partie.JUSTICE, None), (Partie.COLLECTIVITES, None)
    ]  # fmt: skip
    found += [(Partie.PARTENAIRE, p.id) for p in contrat.parties.partenaires]
    return found


def conjoints(contrat: Contrat, engagement: EngagementModel) -> list[Conjoint]:
    """The parties that take an engagement jointly, as the contract names them, in the
    contract's order of the parties (the State first)."""
    names = {p.id: p.nom for p in contrat.parties.partenaires}
    order = [partenaire or partie.value for partie, partenaire in sides(contrat)]
    found: list[Conjoint] = []
    for reference in sorted(engagement.conjointement, key=order.index):
        if reference in names:
            found.append(Conjoint(Partie.PARTENAIRE.value, False, False, names[reference]))
        else:
            partie = Partie(reference)
            found.append(
                Conjoint(partie.value, partie is Partie.ETAT, partie is Partie.JUSTICE, None)
            )
    return found


class EngagementsBuilder(Builder):
    numerotation: Numerotation | None = None  # the numbers frozen at signature, if amended

    def chapitres(self) -> list[Chapitre]:
        return [self.chapitre(c) for c in self.contrat.chapitres]

    def chapitre(self, chapitre: ChapitreModel) -> Chapitre:
        cotes = [
            cote
            for partie, partenaire in sides(self.contrat)
            if (cote := self.cote(chapitre, partie, partenaire)).engagements or cote.arbitrage
        ]
        pending = sum(1 for e in chapitre.engagements if e.statut is StatutEngagement.A_ETUDIER)
        if chapitre.axe is not None:
            axe = chapitre.axe
            introduction = self.markdown(axe.introduction)
            return Chapitre(axe.id, False, axe.titre, introduction, pending, cotes)
        assert chapitre.volet is not None
        return Chapitre(
            id=chapitre.volet.id,
            volet=True,
            titre=catalogue.volet(chapitre.volet.id).titre.lower(),
            introduction=self.markdown(chapitre.volet.introduction),
            a_etudier=pending,
            cotes=cotes,
        )

    def cote(self, chapitre: ChapitreModel, partie: Partie, partenaire: str | None) -> Cote:
        pending = [
            e
            for e in chapitre.engagements
            if _of(e, partie, partenaire) and e.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE
        ]
        names = {p.id: p.nom for p in self.contrat.parties.partenaires}
        return Cote(
            partie=partie.value,
            etat=partie is Partie.ETAT,
            justice=partie is Partie.JUSTICE,
            partenaire=names.get(partenaire or ""),
            engagements=self.points(chapitre, partie, partenaire),
            arbitrage=[e.titre for e in pending],
        )

    def points(
        self, chapitre: ChapitreModel, partie: Partie, partenaire: str | None
    ) -> list[Engagement]:
        """The retained engagements; once amended, with their frozen numbers and the removed."""
        points = [self.engagement(e) for e in retained(chapitre, partie, partenaire)]
        if self.numerotation is None:
            return points
        removed = self.numerotation.supprimes.get((chapitre.id, partie, partenaire), ())
        for point in sorted(removed, key=lambda p: p.position, reverse=True):
            points.insert(point.position, _removed(point.numero))
        return points

    def engagement(self, engagement: EngagementModel) -> Engagement:
        texte = engagement.texte
        if texte is None and engagement.mesure:
            texte = PLACEHOLDER
        frozen = self.numerotation.numero(engagement.path) if self.numerotation else None
        return Engagement(
            numero=frozen.numero if frozen else self.contrat.numero(engagement) or 0,
            suffixe=frozen.suffixe if frozen else "",
            titre=engagement.titre,
            commune=self.commune(engagement.commune),
            conjointement=conjoints(self.contrat, engagement),
            texte=self.markdown(texte),
            objectifs=[self.objectif(o) for o in engagement.objectifs],
            conditions=list(engagement.conditions),
            cout_total=engagement.cout_total,
            financements=[
                Financement(
                    financeur=f.financeur,
                    type=f.type,
                    montant=f.montant,
                    annee=f.annee,
                    annee_fin=f.annee_fin,
                    source=wording.libelle("source_financement", f.source),
                    taux=f.taux,
                    assiette=f.assiette,
                    plafond=f.plafond,
                    fixation=f.fixation,
                    objet=f.objet,
                    objet_en_incise=f.objet is not None
                    and not f.objet[:1].islower()
                    and not f.objet.startswith(PLACEHOLDER),
                    sollicite=f.sollicite,
                )
                for f in engagement.financements
            ],
            porteurs=self.porteurs(engagement.porteurs),
            indicateurs=[i.libelle for i in engagement.indicateurs],
        )

    def objectif(self, o: ObjectifModel) -> Objectif:
        start = self.contrat.periode.debut
        trajectoire = o.trajectoire
        return Objectif(
            libelle=o.libelle,
            unite=o.unite,
            stock=o.nature == "stock",
            cible=wording.cible_text(o),
            valeur_cible=o.valeur_cible,
            echeance=o.echeance,
            situation_initiale=wording.situation_initiale_text(o),
            annee_initiale=o.situation_initiale.annee if o.situation_initiale else None,
            trajectoire=[
                Etape(day, day.annee, value, day.fin() < start)
                for day, value in (trajectoire.valeurs if trajectoire else ())
            ],
            trajectoire_cumulee=bool(trajectoire and trajectoire.mode == "cumule"),
            reste=trajectoire.reste if trajectoire else None,
            repartition=[
                Part(place, part.valeur)
                for part in o.repartition
                if (place := self.commune(part.commune)) is not None
            ],
        )

    def commune(self, code: str | None) -> Commune | None:
        return commune_du_territoire(self.contrat, code)

    def porteurs(self, ids: tuple[str, ...]) -> list[str]:
        names = {
            r.id: with_article(r.qualite, r.civilite == "Mme")
            for r in self.contrat.parties.representants
        }
        names.update({p.id: p.nom for p in self.contrat.parties.partenaires})
        return [names.get(identifier, identifier) for identifier in ids]


def _removed(numero: Numero) -> Engagement:
    """A point removed by an avenant: its number only, « (Supprimé) » in the template."""
    return Engagement(
        numero=numero.numero, titre="", commune=None, conjointement=[], texte=None, objectifs=[], conditions=[],
        cout_total=None, financements=[], porteurs=[], indicateurs=[],
        suffixe=numero.suffixe, supprime=True,
    )  # fmt: skip
