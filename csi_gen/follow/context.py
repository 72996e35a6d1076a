"""The bilan's context: its figures (``figures``), as the typed values its templates see.

The types are the document's (``csi_gen.document.context_bilan``); no sentence is built
here: the templates word the values (« en retard », « Engagements de l'État, 2° »).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from csi_gen import catalogue, wording
from csi_gen.document.context_base import Builder, Hooks
from csi_gen.document.context_bilan import (
    ADecider,
    Avancements,
    Comite,
    ContexteBilan,
    Dessin,
    EngagementBilan,
    Execution,
    ExecutionFinanciere,
    IndicateurBilan,
    ObjectifBilan,
    Point,
    TableauIndicateurs,
    VoletBilan,
)
from csi_gen.document.context_front import Revoyure
from csi_gen.document.context_parties import parties, periode
from csi_gen.document.context_places import territoire
from csi_gen.follow import figures
from csi_gen.follow.figures import Bilan, EngagementProgress, ObjectiveProgress, Side
from csi_gen.model import Chapitre, Contrat, Partie


def avancements(
    counts: Mapping[str, int], side: Side | None, contrat: Contrat | None
) -> Avancements:
    """The engagements by state of one party (``side``), or of all (None)."""
    partie, partenaire = side or (None, None)
    names = {p.id: p.nom for p in contrat.parties.partenaires} if contrat else {}
    return Avancements(
        partie=partie.value if partie else None,
        etat=partie is Partie.ETAT,
        justice=partie is Partie.JUSTICE,
        partenaire=names.get(partenaire or ""),
        **{state: counts.get(state, 0) for state in figures.STATES},
        total=sum(counts.values()),
    )


# --- Building the context -------------------------------------------------------------------------


Chart = Callable[[Sequence[str], Sequence[tuple[str, Sequence[float | None]]], str], str]
INDICATOR_YEARS = 6  # columns of the indicators' table at most


class BilanBuilder(Builder):
    def __init__(self, bilan: Bilan, hooks: Hooks, chart: Chart) -> None:
        super().__init__(bilan.contrat, hooks)
        self.bilan = bilan
        self.chart = chart

    def build(self, commun: dict[str, object], versions: tuple[str, str]) -> ContexteBilan:
        bilan, contrat = self.bilan, self.contrat
        objectifs = {id(o): self.objectif(o) for o in bilan.objectives}
        engagements = [
            self.engagement(e, [objectifs[id(o)] for o in e.objectives]) for e in bilan.engagements
        ]
        by_chapter = [
            (
                chapitre,
                [
                    built
                    for built, e in zip(engagements, bilan.engagements, strict=True)
                    if id(e.engagement) in {id(c) for c in chapitre.engagements}
                ],
            )
            for chapitre in contrat.chapitres
        ]
        year_section = bilan.suivi.annee(bilan.year)
        comite = year_section.comite if year_section else None
        revoyure = contrat.gouvernance.revoyure
        return ContexteBilan(
            **commun,  # type: ignore[arg-type]
            annee=bilan.year,
            territoire=territoire(contrat),
            parties=parties(contrat),
            signature=contrat.signature.date.jour_connu() if contrat.signature.date else None,
            debut=contrat.periode.debut,
            fin=contrat.periode.fin,
            periode=periode(contrat),
            annees_suivies=[a.annee for a in bilan.suivi.jusqua(bilan.year)],
            version_contrat=versions[0],
            version_suivi=versions[1],
            avancements=[self.counts(side) for side in bilan.sides],
            total_avancements=self.counts(None),
            chiffres_cles=[objectifs[id(o)] for o in bilan.key_figures.values()],
            a_decider=self.a_decider(engagements, list(objectifs.values())),
            par_axes=bool(contrat.axes),
            volets=[
                VoletBilan(_titre(chapitre), chapitre.axe is None, built)
                for chapitre, built in by_chapter
                if built
            ],
            indicateurs=self.indicateurs(),
            financement=self.financement(),
            comite=Comite(comite.date, list(comite.presents), list(comite.decisions))
            if comite
            else None,
            revoyure=Revoyure(revoyure.date, self.markdown(revoyure.objet)) if revoyure else None,
        )

    def counts(self, side: Side | None) -> Avancements:
        return avancements(self.bilan.counts(side), side, self.contrat)

    def engagement(
        self, progress: EngagementProgress, objectifs: list[ObjectifBilan]
    ) -> EngagementBilan:
        engagement = progress.engagement
        names = {p.id: p.nom for p in self.contrat.parties.partenaires}
        return EngagementBilan(
            numero=progress.number,
            titre=engagement.titre,
            partie=engagement.partie.value,
            etat=engagement.partie is Partie.ETAT,
            justice=engagement.partie is Partie.JUSTICE,
            partenaire=names.get(engagement.partenaire or ""),
            volet=catalogue.volet(engagement.volet).titre.lower(),
            axe=next((a.titre for a in self.contrat.axes if a.id == engagement.axe), None),
            identifiant=engagement.id,
            avancement=progress.state,
            annee_avancement=progress.state_year,
            date=progress.date,
            motif=progress.reason,
            commentaire=progress.comment,
            objectifs=objectifs,
        )

    def objectif(self, progress: ObjectiveProgress) -> ObjectifBilan:
        objectif = progress.objectif
        points = progress.points
        description = f"{objectif.libelle} ({objectif.unite})"

        def draw(prevu: str, realise: str) -> str:
            return self.chart(
                [str(p.year) for p in points],
                [(prevu, [p.planned for p in points]), (realise, [p.achieved for p in points])],
                description,
            )

        return ObjectifBilan(
            engagement=progress.engagement.titre,
            libelle=objectif.libelle,
            unite=objectif.unite,
            cible=wording.cible_text(objectif),
            echeance=objectif.echeance,
            niveau=progress.stock,
            trajectoire=objectif.trajectoire is not None,
            prevu_annee=progress.planned_year,
            realise_annee=progress.achieved_year,
            ecart_annee=progress.gap_year,
            ecart_annee_part=figures.percent(progress.gap_year, progress.planned_year),
            prevu_cumul=progress.planned_to_date,
            realise_cumul=progress.achieved_to_date,
            ecart_cumul=progress.gap_to_date,
            ecart_cumul_part=figures.percent(progress.gap_to_date, progress.planned_to_date),
            complet=progress.complete,
            part_cible=progress.target_share,
            cible_atteinte=progress.target_reached,
            en_deca=progress.behind,
            echeance_cette_annee=objectif.echeance is not None
            and objectif.annee_echeance == self.bilan.year,
            commentaire=progress.comment,
            annees=[Point(p.year, p.planned, p.achieved) for p in points],
            graphique=Dessin(draw),
        )

    def a_decider(
        self, engagements: list[EngagementBilan], objectifs: list[ObjectifBilan]
    ) -> ADecider:
        late = [e for e in engagements if e.avancement == "en_retard"]
        abandoned = [e for e in engagements if e.avancement == "abandonne"]
        due = [o for o in objectifs if o.echeance_cette_annee and not o.cible_atteinte]
        behind = [o for o in objectifs if o.en_deca and o not in due]
        # Those without an id are listed apart: completing the follow-up cannot report them.
        unreported = sum(
            1 for e in engagements if e.avancement == figures.NOT_REPORTED and e.identifiant
        )
        without_id = [e.titre for e in engagements if e.identifiant is None]
        revoyure = self.bilan.revoyure_due
        return ADecider(
            en_retard=late,
            abandonnes=abandoned,
            en_deca=behind,
            echeances=due,
            non_renseignes=unreported,
            a_completer=self.bilan.placeholders,
            sans_identifiant=without_id,
            revoyure=revoyure,
            rien=not (late or abandoned or behind or due or unreported or without_id or revoyure),
        )

    def indicateurs(self) -> TableauIndicateurs:
        series = [i for e in self.bilan.engagements for i in e.indicators]
        year = self.bilan.year
        start = self.contrat.periode.debut.year
        before = [y for s in series for y in s.values if y < start]
        measured = {y for s in series for y in s.values if y >= start}
        # The diagnostic's last year, for reference, then the years that have a value.
        reference = {max(before)} if before else set()
        years = sorted({*reference, *measured, year})[-INDICATOR_YEARS:]
        return TableauIndicateurs(
            annees=years,
            lignes=[
                IndicateurBilan(
                    engagement=s.engagement.titre,
                    libelle=s.indicateur.libelle,
                    unite=s.indicateur.unite,
                    valeur_cible=s.indicateur.valeur_cible,
                    source=s.indicateur.source,
                    valeurs=[s.values.get(y) for y in years],
                    valeur_annee=s.values.get(year) if year in s.measured else None,
                    commentaire=s.comment,
                )
                for s in series
            ],
            mesures=sum(1 for s in series if year in s.measured),
        )

    def financement(self) -> ExecutionFinanciere:
        """The parties' lines and their totals; the lines to seek from third parties apart,
        in no total."""
        rows = [_execution(line) for line in self.bilan.lines]
        own = [r for r in rows if not r.sollicite]
        funders = list(dict.fromkeys(r.financeur or "" for r in own))  # the contract's order
        years = sorted({r.annee or 0 for r in own})
        sought = [r for r in rows if r.sollicite]
        return ExecutionFinanciere(
            lignes=own,
            par_financeur=[_total([r for r in own if r.financeur == f], f, None) for f in funders],
            par_annee=[_total([r for r in own if r.annee == y], None, y) for y in years],
            par_financeur_et_annee=[
                _total(selected, f, y)
                for f in funders
                for y in years
                if (selected := [r for r in own if r.financeur == f and r.annee == y])
            ],
            total=_total(own, None, None),
            sollicites=sought,
            total_sollicite=sum(r.prevu for r in sought),
        )


def _execution(line: figures.LineExecution) -> Execution:
    return Execution(
        engagement=line.engagement.titre,
        financeur=line.financement.financeur,
        source=wording.libelle("source_financement", line.financement.source, "court"),
        annee=line.financement.annee,
        prevu=line.planned,
        engage=line.engaged,
        paye=line.paid,
        part_payee=figures.percent(line.paid, line.planned),
        complet=line.engaged is not None and line.paid is not None,
        commentaire=line.comment,
        sollicite=line.sought,
    )


def _total(selected: list[Execution], financeur: str | None, annee: int | None) -> Execution:
    planned = sum(r.prevu for r in selected)
    engaged = sum(r.engage or 0 for r in selected)
    paid = sum(r.paye or 0 for r in selected)
    return Execution(
        engagement=None,
        financeur=financeur,
        source=None,
        annee=annee,
        prevu=planned,
        engage=engaged,
        paye=paid,
        part_payee=figures.percent(paid, planned),
        complet=all(r.complet for r in selected),
        commentaire=None,
        sollicite=False,
    )


def _titre(chapitre: Chapitre) -> str:
    """An axis's title as written, a volet's in lower case."""
    if chapitre.axe is not None:
        return chapitre.axe.titre
    return catalogue.volet(chapitre.volet.id).titre.lower() if chapitre.volet else ""
