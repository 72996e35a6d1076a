"""The context of the annexes: diagnostic, engagements face to face, trajectories, money,
indicators, the circular's catalogue, and the contract's own annexes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from csi_gen import catalogue, wording
from csi_gen.document import charts
from csi_gen.document.context_base import Builder, Xml, doc
from csi_gen.document.context_engagements import retained
from csi_gen.model import Engagement, Indicateur, Partie

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
    """Le numéro de chaque annexe, pour les renvois du texte (« figurent en annexe 1 »)."""

    diagnostic: int = doc("le numéro de l'annexe du diagnostic")
    engagements: int = doc("le numéro de l'annexe des engagements réciproques")
    trajectoires: int = doc("le numéro de l'annexe des trajectoires")
    financement: int = doc("le numéro de l'annexe du plan de financement")
    indicateurs: int = doc("le numéro de l'annexe des indicateurs")
    catalogue: int = doc("le numéro de l'annexe du catalogue de la circulaire")


@dataclass(frozen=True)
class AnnexeLibre:
    """Une annexe rédigée dans le contrat."""

    numero: int = doc("son numéro")
    titre: str = doc("son titre")
    contenu: Xml = doc("son contenu")


@dataclass(frozen=True)
class Serie:
    """Une série quantitative du diagnostic."""

    libelle: str = doc("ce qui est mesuré")
    unite: str = doc("l'unité")
    source: str = doc("la source")
    commentaire: str | None = doc("le commentaire, s'il y en a un")
    valeurs: list[float | None] = doc("une valeur par année du tableau (vide si l'année manque)")


@dataclass(frozen=True)
class Graphique:
    """Un graphique du diagnostic : les séries d'une même unité."""

    dessin: Xml = doc("le graphique lui-même (dans un paragraphe {{p … }})")
    unite: str = doc("l'unité commune à ses séries")
    series: list[Serie] = doc("ses séries")
    premiere_annee: int = doc("la première année représentée")
    derniere_annee: int = doc("la dernière année représentée")
    sources: list[str] = doc("ses sources, chacune une fois")


@dataclass(frozen=True)
class Diagnostic:
    """Le diagnostic partagé."""

    synthese: Xml | None = doc("la synthèse rédigée")
    moyens_et_methodes: Xml | None = doc("l'état des moyens engagés et des méthodes de travail")
    annees: list[int] = doc("les années du tableau")
    series: list[Serie] = doc("les séries quantitatives")
    sources: list[str] = doc("les sources, chacune une fois")
    graphiques: list[Graphique] = doc("un graphique par unité de mesure")


@dataclass(frozen=True)
class LigneReciprocite:
    """Un volet du tableau des engagements réciproques."""

    titre: str = doc("le titre du volet, en minuscules")
    etat: list[str] = doc("les intitulés des engagements retenus de l'État")
    collectivites: list[str] = doc("les intitulés des engagements retenus des collectivités")


@dataclass(frozen=True)
class LigneTrajectoire:
    """Un objectif doté d'une trajectoire."""

    libelle: str = doc("ce qui est compté")
    unite: str = doc("l'unité")
    cumulee: bool = doc("vrai pour une trajectoire en niveaux cumulés")
    valeurs: list[float | None] = doc("une valeur par année du tableau (vide si l'année manque)")


@dataclass(frozen=True)
class Trajectoires:
    """Le tableau des trajectoires annuelles."""

    annees: list[int] = doc("les années du tableau")
    lignes: list[LigneTrajectoire] = doc("un objectif par ligne")


@dataclass(frozen=True)
class LigneFinancement:
    """Une ligne du plan de financement."""

    engagement: str = doc("l'intitulé de l'engagement")
    financeur: str = doc("qui finance")
    source: str = doc("la source en abrégé (« FIPD »)")
    annee: int = doc("l'année")
    montant: float = doc("le montant, en euros")
    taux: float | None = doc("la part du coût total, en pour cent")


@dataclass(frozen=True)
class Total:
    """Un total du plan de financement."""

    libelle: str = doc("le financeur ou l'année")
    montant: float = doc("le total, en euros")


@dataclass(frozen=True)
class PlanFinancement:
    """Le plan de financement."""

    lignes: list[LigneFinancement] = doc("les lignes de financement des engagements retenus")
    par_financeur: list[Total] = doc("les totaux par financeur")
    par_annee: list[Total] = doc("les totaux par année")
    total: float = doc("le total général, en euros")


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


def sources(series: Iterable[Indicateur]) -> list[str]:
    return list(dict.fromkeys(i.source for i in series))


class AnnexesBuilder(Builder):
    def annexes(self) -> tuple[Annexes, list[AnnexeLibre]]:
        numbers = {name.removeprefix("annexe-"): n for n, name in enumerate(ANNEX_TEMPLATES, 1)}
        free = [
            AnnexeLibre(len(ANNEX_TEMPLATES) + n, a.titre, self.markdown(a.contenu) or Xml(str))
            for n, a in enumerate(self.contrat.annexes, start=1)
        ]
        return Annexes(**numbers), free

    def diagnostic(self) -> Diagnostic:
        data = self.contrat.diagnostic
        if data is None:
            return Diagnostic(None, None, [], [], [], [])
        years = charts.years(data.indicateurs)
        graphs = []
        for index, group in enumerate(charts.by_unit(data.indicateurs)):
            group_years = charts.years(group)
            graphs.append(
                Graphique(
                    dessin=Xml(partial(self.hooks.add_chart, index)),
                    unite=group[0].unite,
                    series=[self.serie(i, group_years) for i in group],
                    premiere_annee=group_years[0],
                    derniere_annee=group_years[-1],
                    sources=sources(group),
                )
            )
        return Diagnostic(
            synthese=self.markdown(data.synthese),
            moyens_et_methodes=self.markdown(data.moyens_et_methodes),
            annees=years,
            series=[self.serie(i, years) for i in data.indicateurs],
            sources=sources(data.indicateurs),
            graphiques=graphs,
        )

    @staticmethod
    def serie(indicateur: Indicateur, years: list[int]) -> Serie:
        values = dict(indicateur.valeurs)
        return Serie(
            indicateur.libelle,
            indicateur.unite,
            indicateur.source,
            indicateur.commentaire,
            [values.get(year) for year in years],
        )

    def reciprocite(self) -> list[LigneReciprocite]:
        return [
            LigneReciprocite(
                catalogue.volet(v.id).titre.lower(),
                [e.titre for e in retained(v, Partie.ETAT)],
                [e.titre for e in retained(v, Partie.COLLECTIVITES)],
            )
            for v in self.contrat.volets
        ]

    def trajectoires(self) -> Trajectoires:
        rows = [
            (o, dict(o.trajectoire.valeurs))
            for e in self.contrat.engagements
            if e.retenue
            for o in e.objectifs
            if o.trajectoire is not None
        ]
        used = sorted({year for _, values in rows for year in values})
        periode = self.contrat.periode
        years = [
            y
            for y in range(periode.debut.year, periode.fin.year + 1)
            if not used or used[0] <= y <= used[-1]
        ]
        return Trajectoires(
            annees=years,
            lignes=[
                LigneTrajectoire(
                    o.libelle,
                    o.unite,
                    o.trajectoire is not None and o.trajectoire.mode == "cumule",
                    [values.get(y) for y in years],
                )
                for o, values in rows
            ],
        )

    def financement(self) -> PlanFinancement:
        lines = []
        per_funder: dict[str, float] = defaultdict(float)
        per_year: dict[int, float] = defaultdict(float)
        for engagement in self.contrat.engagements:
            if not engagement.retenue:
                continue
            for f in engagement.financements:
                lines.append(
                    LigneFinancement(
                        engagement.titre,
                        f.financeur,
                        wording.libelle("source_financement", f.source, "court"),
                        f.annee,
                        f.montant,
                        f.taux,
                    )
                )
                per_funder[f.financeur] += f.montant
                per_year[f.annee] += f.montant
        return PlanFinancement(
            lignes=lines,
            par_financeur=[Total(k, v) for k, v in sorted(per_funder.items())],
            par_annee=[Total(str(k), v) for k, v in sorted(per_year.items())],
            total=sum(line.montant for line in lines),
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
        for engagement in engagements:
            number = self.contrat.numero(engagement)
            status = StatutMesure(
                libelle=wording.libelle("statut_engagement", engagement.statut.value),
                numero=number,
                volet=catalogue.volet(engagement.volet).titre.lower(),
                etat=engagement.partie is Partie.ETAT,
                motif=engagement.motif if number is None else None,
            )
            if status not in found:
                found.append(status)
        return found
