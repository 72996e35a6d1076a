"""The context of the annexes: diagnostic, engagements face to face, trajectories, money,
indicators, the circular's catalogue, and the contract's own annexes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from csi_gen import catalogue, wording
from csi_gen.document import charts
from csi_gen.document.context_base import Builder, Xml
from csi_gen.document.context_engagements import retained, title
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

    diagnostic: int
    engagements: int
    trajectoires: int
    financement: int
    indicateurs: int
    catalogue: int


@dataclass(frozen=True)
class AnnexeLibre:
    """Une annexe rédigée dans le contrat."""

    numero: int
    titre: str
    contenu: Xml


@dataclass(frozen=True)
class Serie:
    """Une série quantitative du diagnostic."""

    libelle: str
    unite: str
    source: str
    commentaire: str | None
    valeurs: list[float | None]  # one per year of the table (or of its chart)


@dataclass(frozen=True)
class Graphique:
    """Un graphique du diagnostic : les séries d'une même unité."""

    dessin: Xml  # the chart itself
    unite: str
    series: list[Serie]
    premiere_annee: int
    derniere_annee: int
    sources: list[str]


@dataclass(frozen=True)
class Diagnostic:
    """Le diagnostic partagé."""

    synthese: Xml | None
    moyens_et_methodes: Xml | None
    annees: list[int]
    series: list[Serie]
    sources: list[str]  # each source once
    graphiques: list[Graphique]


@dataclass(frozen=True)
class LigneReciprocite:
    """Un volet du tableau des engagements réciproques."""

    titre: str  # « sécurité intérieure »
    etat: list[str]  # titles of the State's retained engagements
    collectivites: list[str]


@dataclass(frozen=True)
class LigneTrajectoire:
    """Un objectif doté d'une trajectoire."""

    libelle: str
    unite: str
    cumulee: bool
    valeurs: list[float | None]  # one per year of the table


@dataclass(frozen=True)
class Trajectoires:
    """Le tableau des trajectoires annuelles."""

    annees: list[int]
    lignes: list[LigneTrajectoire]


@dataclass(frozen=True)
class LigneFinancement:
    """Une ligne du plan de financement."""

    engagement: str
    financeur: str
    source: str  # « FIPD »
    annee: int
    montant: float
    taux: float | None


@dataclass(frozen=True)
class Total:
    """Un total du plan de financement."""

    libelle: str
    montant: float


@dataclass(frozen=True)
class PlanFinancement:
    """Le plan de financement."""

    lignes: list[LigneFinancement]
    par_financeur: list[Total]
    par_annee: list[Total]
    total: float


@dataclass(frozen=True)
class LigneIndicateur:
    """Un indicateur de suivi d'un engagement."""

    engagement: str
    libelle: str
    unite: str | None
    valeur_cible: float | None
    periodicite: str
    source: str


@dataclass(frozen=True)
class StatutMesure:
    """Le statut d'une mesure dans le contrat."""

    libelle: str  # « Retenue », « Non retenue »…
    numero: int | None  # the engagement's number, when retained
    volet: str
    etat: bool
    motif: str | None


@dataclass(frozen=True)
class MesureCatalogue:
    """Une mesure de l'annexe de la circulaire."""

    id: str
    texte: str
    elements: list[str]
    socle: bool
    statuts: list[StatutMesure]  # empty when the contract does not take it up


@dataclass(frozen=True)
class SectionCatalogue:
    """Une section de l'annexe de la circulaire : une partie et un volet."""

    etat: bool
    volet: str
    pour_memoire: bool
    mesures: list[MesureCatalogue]


@dataclass(frozen=True)
class MesurePropre:
    """Une mesure propre au contrat."""

    titre: str
    statuts: list[StatutMesure]


@dataclass(frozen=True)
class Catalogue:
    """La couverture du catalogue de la circulaire."""

    sections: list[SectionCatalogue]
    propres: list[MesurePropre]
    socle: int  # measures of the socle
    socle_retenues: int


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
                [title(e) for e in retained(v, Partie.ETAT)],
                [title(e) for e in retained(v, Partie.COLLECTIVITES)],
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
                        title(engagement),
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
                title(engagement),
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
                MesurePropre(title(e), self.statuts([e]))
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
            volet = self.contrat.volet(engagement.volet)
            number = (
                next(
                    n
                    for n, e in enumerate(retained(volet, engagement.partie), 1)
                    if e is engagement
                )
                if engagement.retenue and volet is not None
                else None
            )
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
