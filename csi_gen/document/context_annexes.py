"""The context of the annexes: engagements face to face, trajectories, money, indicators, the
circular's catalogue, and the contract's own annexes (the diagnostic's is context_diagnostic)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from csi_gen import catalogue, wording
from csi_gen.dates import DatePartielle
from csi_gen.document.context_base import Builder, Xml, doc
from csi_gen.document.context_engagements import retained
from csi_gen.model import Chapitre, Contrat, DocumentAnnexe, Engagement, Objectif, Partie

ANNEX_TEMPLATES = (
    "annexe-diagnostic",
    "annexe-engagements",
    "annexe-trajectoires",
    "annexe-financement",
    "annexe-indicateurs",
    "annexe-catalogue",
)


@dataclass(frozen=True)
class Annexes:
    """Le numéro de chaque annexe, pour les renvois du texte (« figurent en annexe 1 ») ; une
    annexe qui n'aurait rien à montrer est omise et n'a pas de numéro."""

    diagnostic: int | None = doc("le numéro de l'annexe du diagnostic (rien sans donnée chiffrée)")
    engagements: int | None = doc("le numéro de l'annexe des engagements réciproques")
    trajectoires: int | None = doc("le numéro de l'annexe des trajectoires (rien sans trajectoire)")
    financement: int | None = doc(
        "le numéro de l'annexe du plan de financement (rien sans financement)"
    )
    indicateurs: int | None = doc("le numéro de l'annexe des indicateurs (rien sans indicateur)")
    catalogue: int | None = doc("le numéro de l'annexe du catalogue de la circulaire")


def annex_templates(contrat: Contrat) -> list[str]:
    """The generated annexes that have something to show, in order: an empty one is left out,
    and the annexes after it take the numbers that follow."""
    retained_ = [e for e in contrat.engagements if e.retenue]
    diagnostic = contrat.diagnostic
    shows = {
        "annexe-diagnostic": bool(diagnostic and (diagnostic.indicateurs or diagnostic.faits)),
        "annexe-engagements": bool(retained_),
        "annexe-trajectoires": any(o.trajectoire for e in retained_ for o in e.objectifs),
        "annexe-financement": any(e.financements for e in retained_),
        "annexe-indicateurs": any(e.indicateurs for e in retained_),
    }
    return [name for name in ANNEX_TEMPLATES if shows.get(name, True)]


@dataclass(frozen=True)
class AnnexeLibre:
    """Une annexe rédigée dans le contrat."""

    numero: int = doc("son numéro")
    titre: str = doc("son titre")
    contenu: Xml = doc("son contenu")


@dataclass(frozen=True)
class DocumentJoint:
    """Un document existant joint au contrat : son annexe dans le contrat Word ; ses pages
    suivent dans le PDF."""

    numero: int = doc("son numéro d'annexe, après les annexes rédigées dans le contrat")
    titre: str = doc("son titre")
    date: DatePartielle | None = doc("sa date, si elle est connue (au jour, au mois ou à l'année)")
    pages: int | None = doc("son nombre de pages, lu dans le fichier")
    presentation: Xml | None = doc("sa présentation, si le contrat en donne une")


@dataclass(frozen=True)
class LigneReciprocite:
    """Un chapitre du tableau des engagements réciproques."""

    titre: str = doc("le titre du volet, en minuscules, ou celui de l'axe")
    volet: bool = doc("vrai pour un volet de la circulaire, faux pour un axe propre au contrat")
    etat: list[str] = doc("les intitulés des engagements retenus de l'État")
    collectivites: list[str] = doc("les intitulés des engagements retenus des collectivités")


@dataclass(frozen=True)
class LigneTrajectoire:
    """Un objectif doté d'une trajectoire."""

    libelle: str = doc("ce qui est compté")
    unite: str = doc("l'unité")
    stock: bool = doc("vrai pour un stock (un effectif, un parc), faux pour un flux")
    cumulee: bool = doc("vrai pour une trajectoire en niveaux (ou en cumul)")
    valeurs: list[float | None] = doc(
        "une valeur par colonne du tableau (vide si rien n'y est prévu)"
    )


@dataclass(frozen=True)
class ColonneTrajectoire:
    """Une colonne du tableau des trajectoires."""

    annee: int | None = doc("l'année ; rien pour la colonne de ce qui reste à une date non fixée")
    anterieure: bool = doc("vrai pour une année antérieure au début du contrat (déjà réalisée)")


@dataclass(frozen=True)
class Trajectoires:
    """Le tableau des trajectoires annuelles."""

    colonnes: list[ColonneTrajectoire] = doc("les colonnes du tableau : les années, puis le reste")
    lignes: list[LigneTrajectoire] = doc("un objectif par ligne")
    anterieures: list[int] = doc("les années du tableau antérieures au début du contrat")


@dataclass(frozen=True)
class LigneIndicateur:
    """Un indicateur de suivi d'un engagement."""

    engagement: str = doc("l'intitulé de l'engagement")
    libelle: str = doc("ce qui est mesuré")
    unite: str | None = doc("l'unité, si elle est indiquée")
    valeur_cible: float | None = doc("la valeur cible, si elle est indiquée")
    periodicite: str = doc("la périodicité (« annuelle »)")
    source: str = doc("la source")


@dataclass(frozen=True)
class StatutMesure:
    """Le statut d'une mesure dans le contrat."""

    libelle: str = doc("le statut en toutes lettres (« Retenue », « Non retenue »…)")
    numero: int | None = doc("le numéro de l'engagement, s'il est retenu")
    volet: str = doc("le volet, en minuscules")
    axe: str | None = doc(
        "le titre de l'axe du contrat qui le présente, quand le contrat est organisé par axes (son numéro est celui de l'axe)"
    )
    etat: bool = doc("vrai pour un engagement de l'État")
    motif: str | None = doc("le motif, pour une mesure non retenue ou en attente")


@dataclass(frozen=True)
class MesureCatalogue:
    """Une mesure de l'annexe de la circulaire."""

    id: str = doc("l'identifiant de la mesure dans csi-gen")
    texte: str = doc("la rédaction de la circulaire")
    elements: list[str] = doc("les éléments qu'elle énumère")
    socle: bool = doc("vrai pour une mesure du socle")
    statuts: list[StatutMesure] = doc(
        "ses statuts dans le contrat (vide si le contrat ne la reprend pas)"
    )


@dataclass(frozen=True)
class SectionCatalogue:
    """Une section de l'annexe de la circulaire : une partie et un volet."""

    etat: bool = doc("vrai pour les engagements de l'État")
    volet: str = doc("le volet, en minuscules")
    pour_memoire: bool = doc("vrai pour une section « pour mémoire » de la circulaire")
    mesures: list[MesureCatalogue] = doc("les mesures de la section")


@dataclass(frozen=True)
class MesurePropre:
    """Une mesure propre au contrat."""

    titre: str = doc("l'intitulé de la mesure")
    statuts: list[StatutMesure] = doc("ses statuts dans le contrat")


@dataclass(frozen=True)
class Catalogue:
    """La couverture du catalogue de la circulaire."""

    sections: list[SectionCatalogue] = doc("les sections de l'annexe de la circulaire")
    propres: list[MesurePropre] = doc("les mesures propres au contrat")
    socle: int = doc("le nombre de mesures du socle")
    socle_retenues: int = doc("le nombre de mesures du socle retenues")


def numbered_documents(contrat: Contrat) -> list[tuple[int, DocumentAnnexe]]:
    """The annexed documents and their annex numbers, after every other annex."""
    before = len(annex_templates(contrat)) + len(contrat.annexes)
    return [(before + n, d) for n, d in enumerate(contrat.documents_annexes, start=1)]


class AnnexesBuilder(Builder):
    def documents(self) -> list[DocumentJoint]:
        return [
            DocumentJoint(n, d.titre, d.date, d.pages, self.markdown(d.presentation))
            for n, d in numbered_documents(self.contrat)
        ]

    def annexes(self) -> tuple[Annexes, list[AnnexeLibre]]:
        present = annex_templates(self.contrat)
        numbers: dict[str, int | None] = {n.removeprefix("annexe-"): None for n in ANNEX_TEMPLATES}
        numbers.update({name.removeprefix("annexe-"): n for n, name in enumerate(present, 1)})
        free = [
            AnnexeLibre(len(present) + n, a.titre, self.markdown(a.contenu) or Xml(str))
            for n, a in enumerate(self.contrat.annexes, start=1)
        ]
        return Annexes(**numbers), free

    def reciprocite(self) -> list[LigneReciprocite]:
        return [
            LigneReciprocite(
                c.axe.titre
                if c.axe
                else catalogue.volet(c.volet.id).titre.lower()
                if c.volet
                else "",
                c.axe is None,
                [e.titre for e in retained(c, Partie.ETAT)],
                [e.titre for e in retained(c, Partie.COLLECTIVITES)],
            )
            for c in self.contrat.chapitres
        ]

    def trajectoires(self) -> Trajectoires:
        objectives = [
            o
            for e in self.contrat.engagements
            if e.retenue
            for o in e.objectifs
            if o.trajectoire is not None
        ]
        by_year = [_by_year(o) for o in objectives]
        used = sorted({year for values in by_year for year in values})
        years = list(range(used[0], used[-1] + 1)) if used else []
        start = self.contrat.periode.debut.year
        rest = any(o.trajectoire and o.trajectoire.reste for o in objectives)
        columns = [ColonneTrajectoire(y, y < start) for y in years]
        columns += [ColonneTrajectoire(None, False)] if rest else []
        return Trajectoires(
            colonnes=columns,
            lignes=[
                LigneTrajectoire(
                    o.libelle,
                    o.unite,
                    o.nature == "stock",
                    o.trajectoire is not None and o.trajectoire.mode == "cumule",
                    [values.get(y) for y in years]
                    + ([o.trajectoire.reste if o.trajectoire else None] if rest else []),
                )
                for o, values in zip(objectives, by_year, strict=True)
            ],
            anterieures=[y for y in years if y < start],
        )

    def indicateurs(self) -> list[LigneIndicateur]:
        return [
            LigneIndicateur(
                engagement.titre,
                i.libelle,
                i.unite,
                i.valeur_cible,
                i.periodicite or "",
                i.source or "",
            )
            for engagement in self.contrat.engagements
            if engagement.retenue
            for i in engagement.indicateurs
        ]

    def catalogue(self) -> Catalogue:
        by_measure: dict[str, list[Engagement]] = defaultdict(list)
        for engagement in self.contrat.engagements:
            if engagement.mesure:
                by_measure[engagement.mesure].append(engagement)
        sections = [
            SectionCatalogue(
                etat=section.partie == "etat",
                volet=catalogue.volet(section.volet).titre.lower(),
                pour_memoire=section.pour_memoire,
                mesures=[
                    MesureCatalogue(
                        m.id,
                        m.texte,
                        list(m.elements),
                        m.socle,
                        self.statuts(by_measure.get(m.id, [])),
                    )
                    for m in catalogue.mesures()
                    if (m.partie, m.volet) == (section.partie, section.volet)
                ],
            )
            for section in catalogue.sections()
        ]
        socle = [m for m in catalogue.mesures() if m.socle]
        return Catalogue(
            sections=sections,
            propres=[
                MesurePropre(e.titre, self.statuts([e]))
                for e in self.contrat.engagements
                if e.mesure is None
            ],
            socle=len(socle),
            socle_retenues=sum(
                1 for m in socle if any(e.retenue for e in by_measure.get(m.id, []))
            ),
        )

    def statuts(self, engagements: list[Engagement]) -> list[StatutMesure]:
        found: list[StatutMesure] = []
        axes = {a.id: a.titre for a in self.contrat.axes}
        for engagement in engagements:
            number = self.contrat.numero(engagement)
            status = StatutMesure(
                libelle=wording.libelle("statut_engagement", engagement.statut.value),
                numero=number,
                volet=catalogue.volet(engagement.volet).titre.lower(),
                axe=axes.get(engagement.axe or ""),
                etat=engagement.partie is Partie.ETAT,
                motif=engagement.motif if number is None else None,
            )
            if status not in found:
                found.append(status)
        return found


def _by_year(objectif: Objectif) -> dict[int, float]:
    """A trajectory's value in each year: what the year adds, or the level it ends on."""
    values: dict[int, float] = {}
    assert objectif.trajectoire is not None
    cumulative = objectif.trajectoire.mode == "cumule"
    for day, value in objectif.trajectoire.valeurs:
        values[day.annee] = value if cumulative else values.get(day.annee, 0.0) + value
    return values


def _titre(chapitre: Chapitre) -> str:
    """An axis's title as written, a volet's in lower case."""
    if chapitre.axe is not None:
        return chapitre.axe.titre
    return catalogue.volet(chapitre.volet.id).titre.lower() if chapitre.volet else ""
