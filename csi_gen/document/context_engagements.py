"""The context of the volets: each volet's parties, their retained engagements, numbered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csi_gen import catalogue, wording
from csi_gen.document.context_base import Builder, Xml
from csi_gen.formatting import majuscule
from csi_gen.model import Engagement as EngagementModel
from csi_gen.model import Partie, StatutEngagement
from csi_gen.model import Volet as VoletModel


@dataclass(frozen=True)
class Mesure:
    """La mesure du catalogue de la circulaire qu'un engagement reprend."""

    id: str  # « E-SI-1 »
    texte: str  # the circular's wording
    elements: list[str]  # its listed items, if any
    socle: bool


@dataclass(frozen=True)
class Etape:
    """Une année d'une trajectoire."""

    annee: int
    valeur: float


@dataclass(frozen=True)
class Objectif:
    """Un objectif chiffré."""

    libelle: str
    unite: str
    cible: str  # « au moins 100 policiers municipaux »
    echeance: date | None
    situation_initiale: str | None  # « 24 000 heures »
    annee_initiale: int | None
    trajectoire: list[Etape]  # empty without a trajectory
    trajectoire_cumulee: bool  # levels at the end of each year, rather than yearly additions


@dataclass(frozen=True)
class Financement:
    """Une ligne de financement d'un engagement."""

    financeur: str
    montant: float
    annee: int
    source: str  # « au titre du fonds interministériel de prévention de la délinquance (FIPD) »
    taux: float | None  # share of the total cost, in percent
    objet: str | None
    objet_en_incise: bool  # the object reads as a title: printed in parentheses


@dataclass(frozen=True)
class Engagement:
    """Un engagement retenu, tel que le contrat le présente."""

    numero: int  # its number among the party's engagements of the volet
    titre: str
    texte: Xml | None
    mesure: Mesure | None
    objectifs: list[Objectif]
    conditions: list[str]  # « de l'ouverture des crédits… », after « sous réserve »
    cout_total: float | None
    financements: list[Financement]
    porteurs: list[str]  # who carries it out
    indicateurs: list[str]  # follow-up indicators' names


@dataclass(frozen=True)
class Cote:
    """Les engagements d'une partie dans un volet."""

    partie: str  # « etat » or « collectivites »
    etat: bool
    engagements: list[Engagement]  # retained ones
    arbitrage: list[str]  # titles of the measures awaiting a national decision


@dataclass(frozen=True)
class Volet:
    """Un volet du contrat."""

    id: str  # « securite_interieure »
    titre: str  # « sécurité intérieure »
    introduction: Xml | None
    description: str | None  # what the circular says of the volet
    cotes: list[Cote]  # the State's, then the collectivities'


def title(engagement: EngagementModel) -> str:
    """The engagement's own title, else the short title of its catalogue measure."""
    if engagement.intitule:
        return engagement.intitule
    mesure = catalogue.mesures_by_id().get(engagement.mesure or "")
    return mesure.intitule if mesure else "Engagement"


def retained(volet: VoletModel, partie: Partie) -> list[EngagementModel]:
    return [e for e in volet.engagements if e.partie is partie and e.retenue]


class EngagementsBuilder(Builder):
    def volets(self) -> list[Volet]:
        return [self.volet(v) for v in self.contrat.volets]

    def volet(self, volet: VoletModel) -> Volet:
        reference = catalogue.volet(volet.id)
        return Volet(
            id=volet.id,
            titre=reference.titre.lower(),
            introduction=self.markdown(volet.introduction),
            description=reference.description,
            cotes=[self.cote(volet, partie) for partie in Partie],
        )

    def cote(self, volet: VoletModel, partie: Partie) -> Cote:
        pending = [
            e
            for e in volet.engagements
            if e.partie is partie and e.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE
        ]
        return Cote(
            partie=partie.value,
            etat=partie is Partie.ETAT,
            engagements=[
                self.engagement(number, e)
                for number, e in enumerate(retained(volet, partie), start=1)
            ],
            arbitrage=[title(e) for e in pending],
        )

    def engagement(self, number: int, engagement: EngagementModel) -> Engagement:
        mesure = catalogue.mesures_by_id().get(engagement.mesure or "")
        return Engagement(
            numero=number,
            titre=title(engagement),
            texte=self.markdown(engagement.texte),
            mesure=Mesure(mesure.id, mesure.texte, list(mesure.elements), mesure.socle)
            if mesure
            else None,
            objectifs=[
                Objectif(
                    libelle=o.libelle,
                    unite=o.unite,
                    cible=wording.cible_text(o),
                    echeance=o.echeance,
                    situation_initiale=wording.quantite(o.situation_initiale.valeur, o.unite)
                    if o.situation_initiale
                    else None,
                    annee_initiale=o.situation_initiale.annee if o.situation_initiale else None,
                    trajectoire=[Etape(y, v) for y, v in o.trajectoire.valeurs]
                    if o.trajectoire
                    else [],
                    trajectoire_cumulee=bool(o.trajectoire and o.trajectoire.mode == "cumule"),
                )
                for o in engagement.objectifs
            ],
            conditions=list(engagement.conditions),
            cout_total=engagement.cout_total,
            financements=[
                Financement(
                    financeur=f.financeur,
                    montant=f.montant,
                    annee=f.annee,
                    source=wording.libelle("source_financement", f.source),
                    taux=f.taux,
                    objet=f.objet,
                    objet_en_incise=f.objet is not None and not f.objet[:1].islower(),
                )
                for f in engagement.financements
            ],
            porteurs=self.porteurs(engagement.porteurs),
            indicateurs=[i.libelle for i in engagement.indicateurs],
        )

    def porteurs(self, ids: tuple[str, ...]) -> list[str]:
        names = {r.id: majuscule(r.qualite) for r in self.contrat.parties.representants}
        names.update({p.id: p.nom for p in self.contrat.parties.partenaires})
        return [names.get(identifier, identifier) for identifier in ids]
