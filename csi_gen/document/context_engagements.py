"""The context of the engagements: each chapter (a volet of the circular, or one of the
contract's own axes), each party's retained engagements in it, numbered."""

from __future__ import annotations

from dataclasses import dataclass

from csi_gen import catalogue, wording
from csi_gen.dates import DatePartielle, Echeance
from csi_gen.document.context_base import Builder, Xml, doc
from csi_gen.formatting import majuscule
from csi_gen.model import Chapitre as ChapitreModel
from csi_gen.model import Engagement as EngagementModel
from csi_gen.model import Objectif as ObjectifModel
from csi_gen.model import Partie, StatutEngagement


@dataclass(frozen=True)
class Mesure:
    """La mesure du catalogue de la circulaire qu'un engagement reprend."""

    id: str = doc("l'identifiant de la mesure dans csi-gen (« E-SI-1 »)")
    texte: str = doc("la rédaction de la circulaire")
    elements: list[str] = doc("les éléments qu'elle énumère, s'il y en a")
    socle: bool = doc("vrai pour une mesure du socle")


@dataclass(frozen=True)
class Etape:
    """Une étape d'une trajectoire."""

    date: DatePartielle = doc("sa date : l'année, le mois ou le jour (filtre date_au)")
    annee: int = doc("son année")
    valeur: float = doc("la valeur prévue à cette date")
    anterieure: bool = doc("vrai pour une étape antérieure au début du contrat, déjà réalisée")


@dataclass(frozen=True)
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
        "la situation initiale avec son unité (« 24 000 heures », « une soixantaine de caméras »)"
    )
    annee_initiale: int | None = doc("l'année de la situation initiale")
    trajectoire: list[Etape] = doc("la trajectoire, étape par étape (vide sans trajectoire)")
    trajectoire_cumulee: bool = doc(
        "vrai si chaque étape donne le niveau atteint (ou le cumul), faux si elle donne ce qui s'ajoute"
    )
    reste: float | None = doc("ce qui reste à venir à une date non encore fixée")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Engagement:
    """Un engagement retenu, tel que le contrat le présente."""

    numero: int = doc("son numéro parmi les engagements de la partie dans le chapitre")
    titre: str = doc("son intitulé, ou celui de sa mesure")
    texte: Xml | None = doc("sa rédaction, si le contrat en donne une")
    mesure: Mesure | None = doc("la mesure de la circulaire qu'il reprend")
    objectifs: list[Objectif] = doc("ses objectifs chiffrés")
    conditions: list[str] = doc(
        "les conditions, à lire après « sous réserve » (« de l'ouverture des crédits… »)"
    )
    cout_total: float | None = doc("son coût total, s'il est indiqué")
    financements: list[Financement] = doc("ses lignes de financement")
    porteurs: list[str] = doc("qui le met en œuvre")
    indicateurs: list[str] = doc("les noms de ses indicateurs de suivi")


@dataclass(frozen=True)
class Cote:
    """Les engagements d'une partie dans un chapitre."""

    partie: str = doc("« etat » ou « collectivites »")
    etat: bool = doc("vrai pour les engagements de l'État")
    engagements: list[Engagement] = doc("les engagements retenus de cette partie dans le chapitre")
    arbitrage: list[str] = doc("les intitulés des mesures en attente d'un arbitrage national")


@dataclass(frozen=True)
class Chapitre:
    """Un chapitre des engagements : un volet de la circulaire, ou un axe propre au contrat."""

    id: str = doc("l'identifiant du volet (« securite_interieure ») ou de l'axe")
    volet: bool = doc("vrai pour un volet de la circulaire, faux pour un axe propre au contrat")
    titre: str = doc(
        "le titre : celui du volet, en minuscules (« sécurité intérieure »), ou celui de l'axe, tel qu'il est écrit"
    )
    introduction: Xml | None = doc("l'introduction rédigée dans le contrat")
    description: str | None = doc("ce que la circulaire dit du volet (rien pour un axe)")
    cotes: list[Cote] = doc("les engagements de l'État, puis des collectivités")


def retained(chapitre: ChapitreModel, partie: Partie) -> list[EngagementModel]:
    return [e for e in chapitre.engagements if e.partie is partie and e.retenue]


class EngagementsBuilder(Builder):
    def chapitres(self) -> list[Chapitre]:
        return [self.chapitre(c) for c in self.contrat.chapitres]

    def chapitre(self, chapitre: ChapitreModel) -> Chapitre:
        cotes = [self.cote(chapitre, partie) for partie in Partie]
        if chapitre.axe is not None:
            axe = chapitre.axe
            return Chapitre(axe.id, False, axe.titre, self.markdown(axe.introduction), None, cotes)
        assert chapitre.volet is not None
        reference = catalogue.volet(chapitre.volet.id)
        return Chapitre(
            id=chapitre.volet.id,
            volet=True,
            titre=reference.titre.lower(),
            introduction=self.markdown(chapitre.volet.introduction),
            description=reference.description,
            cotes=cotes,
        )

    def cote(self, chapitre: ChapitreModel, partie: Partie) -> Cote:
        pending = [
            e
            for e in chapitre.engagements
            if e.partie is partie and e.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE
        ]
        return Cote(
            partie=partie.value,
            etat=partie is Partie.ETAT,
            engagements=[self.engagement(e) for e in retained(chapitre, partie)],
            arbitrage=[e.titre for e in pending],
        )

    def engagement(self, engagement: EngagementModel) -> Engagement:
        mesure = catalogue.mesures_by_id().get(engagement.mesure or "")
        return Engagement(
            numero=self.contrat.numero(engagement) or 0,
            titre=engagement.titre,
            texte=self.markdown(engagement.texte),
            mesure=Mesure(mesure.id, mesure.texte, list(mesure.elements), mesure.socle)
            if mesure
            else None,
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
                    objet_en_incise=f.objet is not None and not f.objet[:1].islower(),
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
        )

    def porteurs(self, ids: tuple[str, ...]) -> list[str]:
        names = {r.id: majuscule(r.qualite) for r in self.contrat.parties.representants}
        names.update({p.id: p.nom for p in self.contrat.parties.partenaires})
        return [names.get(identifier, identifier) for identifier in ids]
