"""The context of the diagnostic: its series, their charts, and its single figures."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from csi_gen.dates import DatePartielle
from csi_gen.document import charts
from csi_gen.document.context_base import Builder, Xml, doc, shape
from csi_gen.formatting import nombre_ecrit
from csi_gen.model import Indicateur


@shape
class Serie:
    """Une série quantitative du diagnostic."""

    libelle: str = doc("ce qui est mesuré")
    unite: str = doc("l'unité")
    source: str = doc("la source")
    commentaire: str | None = doc("le commentaire, s'il y en a un")
    valeurs: list[float | None] = doc("une valeur par année du tableau (vide si l'année manque)")


@shape
class Graphique:
    """Un graphique du diagnostic : les séries d'une même unité."""

    dessin: Xml = doc("le graphique lui-même (dans un paragraphe {{p … }})")
    unite: str = doc("l'unité commune à ses séries")
    series: list[Serie] = doc("ses séries")
    premiere_annee: int = doc("la première année représentée")
    derniere_annee: int = doc("la dernière année représentée")
    sources: list[str] = doc("ses sources, chacune une fois")


@shape
class Fait:
    """Une donnée ponctuelle du diagnostic, imprimée telle qu'elle est écrite."""

    libelle: str = doc("ce que mesure le chiffre")
    valeur: str = doc("la valeur telle qu'elle est écrite (« 5,30 », « +7,60 », « 1 234 »)")
    unite: str | None = doc("l'unité (« % », « caméras »)")
    date: DatePartielle | None = doc(
        "quand le chiffre est constaté ; la fin de la période d'une évolution"
    )
    depuis: DatePartielle | None = doc("le début de la période d'une évolution")
    source: str = doc("la source")
    commentaire: str | None = doc("le commentaire, s'il y en a un")


@shape
class Diagnostic:
    """Le diagnostic partagé."""

    synthese: Xml | None = doc("la synthèse rédigée")
    moyens_et_methodes: Xml | None = doc("l'état des moyens engagés et des méthodes de travail")
    annees: list[int] = doc("les années du tableau")
    series: list[Serie] = doc("les séries quantitatives")
    sources: list[str] = doc("les sources, chacune une fois")
    graphiques: list[Graphique] = doc(
        "un graphique par unité de mesure, des séries d'au moins deux années"
    )
    faits: list[Fait] = doc(
        "les données ponctuelles (un taux, une évolution, un effectif à une date)"
    )


def sources(series: Iterable[Indicateur]) -> list[str]:
    return list(dict.fromkeys(i.source for i in series))


class DiagnosticBuilder(Builder):
    def diagnostic(self) -> Diagnostic:
        data = self.contrat.diagnostic
        if data is None:
            return Diagnostic(None, None, [], [], [], [], [])
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
            faits=[
                Fait(
                    f.libelle,
                    nombre_ecrit(f.valeur),
                    f.unite,
                    f.date,
                    f.depuis,
                    f.source,
                    f.commentaire,
                )
                for f in data.faits
            ],
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
