"""The context of the volets: each volet's parties, their retained engagements, numbered.

An engagement is printed in the contract's own words: the circular's measure it takes up is
the note de présentation's business, not the instrument's (its wording is addressed to
préfets; its codes are csi-gen's). A retained measure without its own text shows a visible
« [à compléter] » in a draft; a definitive contract cannot have one (ENGAGEMENT-TEXTE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from csi_gen import catalogue, wording
from csi_gen.document.context_base import Builder, Xml, doc
from csi_gen.document.context_parties import with_article
from csi_gen.model import PLACEHOLDER, Contrat, Partie, StatutEngagement
from csi_gen.model import Engagement as EngagementModel
from csi_gen.model import Volet as VoletModel
from csi_gen.numbering import Numero, Numerotation


@dataclass(frozen=True)
class Etape:
    """Une année d'une trajectoire."""

    annee: int = doc("l'année")
    valeur: float = doc("la valeur prévue cette année-là")


@dataclass(frozen=True)
class Objectif:
    """Un objectif chiffré."""

    libelle: str = doc("ce qui est compté")
    unite: str = doc("l'unité (« policiers municipaux »)")
    cible: str = doc("la cible en toutes lettres (« au moins 100 policiers municipaux »)")
    echeance: date | None = doc("l'échéance, si elle est fixée")
    situation_initiale: str | None = doc("la situation initiale avec son unité (« 24 000 heures »)")
    annee_initiale: int | None = doc("l'année de la situation initiale")
    trajectoire: list[Etape] = doc("la trajectoire, année par année (vide sans trajectoire)")
    trajectoire_cumulee: bool = doc(
        "vrai si la trajectoire donne le niveau atteint en fin d'année, faux si elle donne ce qui s'ajoute chaque année"
    )


@dataclass(frozen=True)
class Financement:
    """Une ligne de financement d'un engagement."""

    financeur: str = doc("qui finance")
    montant: float = doc("le montant, en euros")
    annee: int = doc("l'année")
    source: str = doc(
        "la source en toutes lettres (« au titre du fonds interministériel de prévention de la délinquance (FIPD) »)"
    )
    taux: float | None = doc("la part du coût total, en pour cent, si elle est indiquée")
    objet: str | None = doc("ce qui est financé, s'il est précisé")
    objet_en_incise: bool = doc("vrai si l'objet se lit comme un titre (imprimé entre parenthèses)")
    sollicite: bool = doc(
        "vrai si la partie qui s'engage sollicitera ce financement (le financeur ne signe pas)"
    )


@dataclass(frozen=True)
class Engagement:
    """Un engagement retenu, tel que le contrat le présente."""

    numero: int = doc("son numéro parmi les engagements de la partie dans le volet")
    titre: str = doc("son intitulé, ou celui de sa mesure")
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


@dataclass(frozen=True)
class Cote:
    """Les engagements d'une partie dans un volet."""

    partie: str = doc("« etat », « justice », « collectivites » ou « partenaire »")
    etat: bool = doc("vrai pour les engagements de l'État")
    justice: bool = doc("vrai pour les engagements du procureur de la République")
    partenaire: str | None = doc("le nom du partenaire signataire, pour ses engagements")
    engagements: list[Engagement] = doc("les engagements retenus de cette partie dans le volet")
    arbitrage: list[str] = doc("les intitulés des mesures en attente d'un arbitrage national")


@dataclass(frozen=True)
class Volet:
    """Un volet du contrat."""

    id: str = doc("l'identifiant du volet (« securite_interieure »)")
    titre: str = doc("le titre du volet, en minuscules (« sécurité intérieure »)")
    introduction: Xml | None = doc("l'introduction rédigée dans le contrat")
    cotes: list[Cote] = doc(
        "les engagements de l'État, de l'autorité judiciaire, des collectivités, puis de chaque "
        "partenaire signataire ; seulement les parties qui ont un engagement dans le volet"
    )


def retained(
    volet: VoletModel, partie: Partie, partenaire: str | None = None
) -> list[EngagementModel]:
    return [
        e
        for e in volet.engagements
        if e.partie is partie
        and e.retenue
        and (partie is not Partie.PARTENAIRE or e.partenaire == partenaire)
    ]


def sides(contrat: Contrat) -> list[tuple[Partie, str | None]]:
    """The parties that commit, in the contract's order: each signing partner apart."""
    found: list[tuple[Partie, str | None]] = [
        (Partie.ETAT, None), (Partie.JUSTICE, None), (Partie.COLLECTIVITES, None)
    ]  # fmt: skip
    found += [(Partie.PARTENAIRE, p.id) for p in contrat.parties.partenaires]
    return found


def initial_situation(value: float, unit: str) -> str:
    """« 24 000 heures », or « néant » for zero (never « 0 points d'accueil »)."""
    return "néant" if value == 0 else wording.quantite(value, unit)


class EngagementsBuilder(Builder):
    numerotation: Numerotation | None = None  # the numbers frozen at signature, if amended

    def volets(self) -> list[Volet]:
        return [self.volet(v) for v in self.contrat.volets]

    def volet(self, volet: VoletModel) -> Volet:
        reference = catalogue.volet(volet.id)
        return Volet(
            id=volet.id,
            titre=reference.titre.lower(),
            introduction=self.markdown(volet.introduction),
            cotes=[
                cote
                for partie, partenaire in sides(self.contrat)
                if (cote := self.cote(volet, partie, partenaire)).engagements or cote.arbitrage
            ],
        )

    def cote(self, volet: VoletModel, partie: Partie, partenaire: str | None) -> Cote:
        pending = [
            e
            for e in volet.engagements
            if e.partie is partie
            and e.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE
            and (partie is not Partie.PARTENAIRE or e.partenaire == partenaire)
        ]
        names = {p.id: p.nom for p in self.contrat.parties.partenaires}
        return Cote(
            partie=partie.value,
            etat=partie is Partie.ETAT,
            justice=partie is Partie.JUSTICE,
            partenaire=names.get(partenaire or ""),
            engagements=self.points(volet, partie, partenaire),
            arbitrage=[e.titre for e in pending],
        )

    def points(self, volet: VoletModel, partie: Partie, partenaire: str | None) -> list[Engagement]:
        """The retained engagements; once amended, with their frozen numbers and the removed."""
        points = [self.engagement(e) for e in retained(volet, partie, partenaire)]
        if self.numerotation is None:
            return points
        removed = self.numerotation.supprimes.get((volet.id, partie, partenaire), ())
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
            texte=self.markdown(texte),
            objectifs=[
                Objectif(
                    libelle=o.libelle,
                    unite=o.unite,
                    cible=wording.cible_text(o),
                    echeance=o.echeance,
                    situation_initiale=initial_situation(o.situation_initiale.valeur, o.unite)
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
                    sollicite=f.sollicite,
                )
                for f in engagement.financements
            ],
            porteurs=self.porteurs(engagement.porteurs),
            indicateurs=[i.libelle for i in engagement.indicateurs],
        )

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
        numero=numero.numero, titre="", texte=None, objectifs=[], conditions=[],
        cout_total=None, financements=[], porteurs=[], indicateurs=[],
        suffixe=numero.suffixe, supprime=True,
    )  # fmt: skip
