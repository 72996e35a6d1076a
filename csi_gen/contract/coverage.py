"""How far a contract covers the circular: the socle by status, other measures, blockers.

``csi-gen couverture`` prints it. The blockers are what the rules would refuse if the
contract were « definitif »: computed by checking the same contract with that status.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from csi_gen import catalogue
from csi_gen.contract import rules
from csi_gen.contract.validation import Validated
from csi_gen.errors import Problem, format_path
from csi_gen.formatting import majuscule
from csi_gen.model import Contrat, Engagement, Partie, Statut, StatutEngagement
from csi_gen.wording import denomination

STATUS_ORDER = (
    StatutEngagement.RETENUE,
    StatutEngagement.NON_RETENUE,
    StatutEngagement.EN_ATTENTE_ARBITRAGE,
    StatutEngagement.A_ETUDIER,
)
STATUS_LABELS = {
    StatutEngagement.RETENUE: "retenues",
    StatutEngagement.NON_RETENUE: "non retenues",
    StatutEngagement.EN_ATTENTE_ARBITRAGE: "en attente d'arbitrage national",
    StatutEngagement.A_ETUDIER: "à étudier",
}


@dataclass(frozen=True)
class MeasureStatus:
    """A measure of the catalogue and what the contract does with it."""

    id: str
    intitule: str
    statut: StatutEngagement


@dataclass(frozen=True)
class SocleByVolet:
    """The socle measures of one party in one volet, with their status."""

    volet: str
    partie: str
    measures: tuple[MeasureStatus, ...]


@dataclass(frozen=True)
class Coverage:
    """How a contract covers the catalogue: the socle by volet, other measures, its own."""

    identifiant: str
    statut: Statut
    socle: tuple[SocleByVolet, ...]
    other_measures: tuple[MeasureStatus, ...]
    custom: tuple[tuple[str, str, str, StatutEngagement], ...]  # title, volet, partie, status
    blockers: tuple[Problem, ...]

    def socle_counts(self) -> dict[StatutEngagement, int]:
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for group in self.socle:
            for measure in group.measures:
                counts[measure.statut] += 1
        return counts


def _party(partie: str) -> str:
    return majuscule(denomination(partie).court)


def _decisive_status(engagements: list[Engagement]) -> StatutEngagement:
    """A measure studied in several engagements takes its most advanced status."""
    statuses = {e.statut for e in engagements}
    return next(s for s in STATUS_ORDER if s in statuses)


def coverage(validated: Validated) -> Coverage:
    contrat = validated.contrat
    by_measure: dict[str, list[Engagement]] = {}
    for engagement in contrat.engagements:
        if engagement.mesure:
            by_measure.setdefault(engagement.mesure, []).append(engagement)
    socle = []
    for volet in catalogue.volets():
        for partie in (p.value for p in Partie):
            measures = tuple(
                MeasureStatus(m.id, m.intitule, _decisive_status(by_measure[m.id]))
                for m in catalogue.mesures()
                if m.socle and m.volet == volet.id and m.partie == partie and m.id in by_measure
            )
            if measures:
                socle.append(SocleByVolet(volet.id, partie, measures))
    others = tuple(
        MeasureStatus(m.id, m.intitule, _decisive_status(by_measure[m.id]))
        for m in catalogue.mesures()
        if not m.socle and m.id in by_measure
    )
    custom = tuple(
        (e.titre, e.volet, e.partie.value, e.statut)
        for e in contrat.engagements
        if e.mesure is None
    )
    return Coverage(
        contrat.identifiant,
        contrat.statut,
        tuple(socle),
        others,
        custom,
        tuple(_blockers(validated)),
    )


def _blockers(validated: Validated) -> list[Problem]:
    contrat: Contrat = validated.contrat
    if contrat.statut is not Statut.PROJET:
        return []
    final = replace(contrat, statut=Statut.DEFINITIF)
    problems = [p for p in rules.check(final) if p.is_error]
    return validated.source.locate(problems)


def as_text(report: Coverage, file_label: str) -> str:
    counts = report.socle_counts()
    total = sum(counts.values())
    summary = ", ".join(f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUS_ORDER if counts[s])
    lines = [
        f"Couverture du contrat {report.identifiant} (statut : {report.statut.value})",
        "",
        f"Mesures du socle étudiées : {total} sur "
        f"{sum(m.socle for m in catalogue.mesures())} — {summary}.",
    ]
    for volet in catalogue.volets():
        groups = [g for g in report.socle if g.volet == volet.id]
        if not groups:
            continue
        lines += ["", volet.intitule]
        for group in groups:
            lines.append(f"  {_party(group.partie)}")
            for status in STATUS_ORDER:
                measures = [m for m in group.measures if m.statut is status]
                if measures:
                    lines.append(f"    {STATUS_LABELS[status]} :")
                    lines += [f"      {m.id:<7} {m.intitule}" for m in measures]
    lines += ["", "Autres mesures du catalogue employées :"]
    lines += [
        f"  {m.id:<7} {m.intitule} ({STATUS_LABELS[m.statut]})" for m in report.other_measures
    ] or ["  aucune"]
    lines += ["", "Mesures propres au contrat :"]
    lines += [
        f"  « {title} » ({catalogue.volet(volet).intitule.lower()}, {_party(partie)}, "
        f"{STATUS_LABELS[status]})"
        for title, volet, partie, status in report.custom
    ] or ["  aucune"]
    lines.append("")
    if report.statut is not Statut.PROJET:
        lines.append(f"Le contrat est déjà « {report.statut.value} ».")
    elif not report.blockers:
        lines.append("Rien n'empêche de passer le contrat de « projet » à « definitif ».")
    else:
        lines.append(
            f"Pour passer de « projet » à « definitif », il reste {len(report.blockers)} "
            "point(s) à régler :"
        )
        for problem in report.blockers:
            where = f"{file_label}:{problem.line}:{problem.column}"
            lines.append(f"  {where}  {format_path(problem.path)}  [{problem.code}]")
            lines.append(f"    {problem.message}")
    return "\n".join(lines)


def as_data(report: Coverage) -> dict[str, Any]:
    return {
        "contrat": report.identifiant,
        "statut": report.statut.value,
        "socle": [
            {
                "volet": g.volet,
                "partie": g.partie,
                "mesures": [{"id": m.id, "statut": m.statut.value} for m in g.measures],
            }
            for g in report.socle
        ],
        "socle_par_statut": {s.value: n for s, n in report.socle_counts().items()},
        "autres_mesures": [{"id": m.id, "statut": m.statut.value} for m in report.other_measures],
        "mesures_propres": [
            {"intitule": t, "volet": v, "partie": p, "statut": s.value}
            for t, v, p, s in report.custom
        ],
        "bloquants": [
            {
                "code": p.code,
                "chemin": format_path(p.path),
                "ligne": p.line,
                "colonne": p.column,
                "message": p.message,
            }
            for p in report.blockers
        ],
    }
