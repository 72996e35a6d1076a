"""The context of the annexes: diagnostic, engagements face to face, trajectories, money,
indicators, and the contract's own annexes.

The contract declares the legal value of each annex (« valeur des annexes »): the
diagnostic is informative, the other generated annexes are contractual, and each written
annex says which it is. The circular's catalogue is not an annex: it is the note de
présentation's (``context_note``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from csi_gen import catalogue, wording
from csi_gen.document import charts
from csi_gen.document.context_base import Builder, Xml, doc
from csi_gen.document.context_engagements import retained, sides
from csi_gen.model import Engagement, Indicateur, Partie
from csi_gen.numbering import Numerotation

ANNEX_TEMPLATES = (
    "annexe-diagnostic",
    "annexe-engagements",
    "annexe-trajectoires",
    "annexe-financement",
    "annexe-indicateurs",
)
INFORMATIVE = frozenset({"diagnostic"})
# Sources granted on an application, whose amounts hold subject to its instruction.
GRANTS = frozenset(
    {
        "fipd",
        "politique_de_la_ville",
        "mildeca",
        "dsil",
        "detr",
        "fonds_europeens",
        "departement",
        "region",
    }
)


@dataclass(frozen=True)
class Annexes:
    """Le numéro de chaque annexe, pour les renvois du texte (« figurent en annexe 1 »)."""

    diagnostic: int = doc("le numéro de l'annexe du diagnostic")
    engagements: int = doc("le numéro de l'annexe des engagements réciproques")
    trajectoires: int = doc("le numéro de l'annexe des trajectoires")
    financement: int = doc("le numéro de l'annexe du plan de financement")
    indicateurs: int = doc("le numéro de l'annexe des indicateurs")
    contractuelles: list[int] = doc("les numéros des annexes qui ont valeur contractuelle")
    informatives: list[int] = doc("les numéros des annexes jointes pour information")


@dataclass(frozen=True)
class AnnexeLibre:
    """Une annexe rédigée dans le contrat."""

    numero: int = doc("son numéro")
    titre: str = doc("son titre")
    contenu: Xml = doc("son contenu")
    contractuelle: bool = doc("vrai si elle a valeur contractuelle")


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
    """Une ligne du tableau des engagements réciproques : une partie dans un volet."""

    volet: str = doc("le titre du volet, en minuscules")
    premiere: bool = doc("vrai pour la première ligne du volet (qui porte son titre)")
    etat: bool = doc("vrai pour l'État")
    justice: bool = doc("vrai pour le procureur de la République")
    partenaire: str | None = doc("le nom du partenaire, pour ses engagements")
    engagements: list[str] = doc("les intitulés des engagements retenus, dans l'ordre")
    numeros: list[str] = doc(
        "leurs numéros, dans le même ordre (« 1° », « 3° bis » après un avenant)"
    )


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
    sollicite: bool = doc("vrai pour un financement que la partie sollicitera (hors totaux)")


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
    total: float = doc("le total général des financements des parties, en euros")
    total_sollicite: float = doc("le total des financements qui seront sollicités, en euros")
    etat: bool = doc(
        "vrai si l'État finance un engagement (réserve des crédits en loi de finances)"
    )
    collectivites: bool = doc(
        "vrai si une collectivité finance un engagement (réserve du vote du budget)"
    )
    subventions: bool = doc(
        "vrai si un financement est une subvention à instruire (FIPD, MILDECA, politique de la ville…)"
    )


@dataclass(frozen=True)
class LigneIndicateur:
    """Un indicateur de suivi d'un engagement."""

    engagement: str = doc("l'intitulé de l'engagement")
    libelle: str = doc("ce qui est mesuré")
    unite: str | None = doc("l'unité, si elle est indiquée")
    valeur_cible: float | None = doc("la valeur cible, si elle est indiquée")
    periodicite: str = doc("la périodicité (« annuelle »)")
    source: str = doc("la source")


def sources(series: Iterable[Indicateur]) -> list[str]:
    return list(dict.fromkeys(i.source for i in series))


class AnnexesBuilder(Builder):
    numerotation: Numerotation | None = None  # the numbers frozen at signature, if amended

    def annexes(self) -> tuple[Annexes, list[AnnexeLibre]]:
        numbers = {name.removeprefix("annexe-"): n for n, name in enumerate(ANNEX_TEMPLATES, 1)}
        free = [
            AnnexeLibre(
                len(ANNEX_TEMPLATES) + n,
                a.titre,
                self.markdown(a.contenu) or Xml(str),
                a.contractuelle,
            )
            for n, a in enumerate(self.contrat.annexes, start=1)
        ]
        contractual = [n for name, n in numbers.items() if name not in INFORMATIVE]
        contractual += [a.numero for a in free if a.contractuelle]
        informative = [n for name, n in numbers.items() if name in INFORMATIVE]
        informative += [a.numero for a in free if not a.contractuelle]
        return Annexes(**numbers, contractuelles=contractual, informatives=informative), free

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

    def point(self, engagement: Engagement) -> str:
        """« 3° », or once amended its frozen number (« 3° bis »)."""
        frozen = self.numerotation.numero(engagement.path) if self.numerotation else None
        return frozen.point() if frozen else f"{self.contrat.numero(engagement) or 0}°"

    def reciprocite(self) -> list[LigneReciprocite]:
        names = {p.id: p.nom for p in self.contrat.parties.partenaires}
        rows: list[LigneReciprocite] = []
        for v in self.contrat.volets:
            title = catalogue.volet(v.id).titre.lower()
            first = True
            for partie, partenaire in sides(self.contrat):
                points = retained(v, partie, partenaire)
                titles = [e.titre for e in points]
                if not titles and partie not in (Partie.ETAT, Partie.COLLECTIVITES):
                    continue
                rows.append(
                    LigneReciprocite(
                        title,
                        first,
                        partie is Partie.ETAT,
                        partie is Partie.JUSTICE,
                        names.get(partenaire or ""),
                        titles,
                        [self.point(e) for e in points],
                    )
                )
                first = False
        return rows

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
        payers: set[str] = set()
        grants = False
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
                        f.sollicite,
                    )
                )
                grants = grants or f.sollicite or f.source in GRANTS
                if f.sollicite:
                    continue
                payers.add(f.partie or engagement.partie.value)
                per_funder[f.financeur] += f.montant
                per_year[f.annee] += f.montant
        return PlanFinancement(
            lignes=lines,
            par_financeur=[Total(k, v) for k, v in sorted(per_funder.items())],
            par_annee=[Total(str(k), v) for k, v in sorted(per_year.items())],
            total=sum(line.montant for line in lines if not line.sollicite),
            total_sollicite=sum(line.montant for line in lines if line.sollicite),
            etat=bool(payers & {Partie.ETAT.value, Partie.JUSTICE.value}),
            collectivites=Partie.COLLECTIVITES.value in payers,
            subventions=grants,
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
