"""The bilan in the terminal: ``csi-gen bilan … --format texte`` or ``--format json``."""

from __future__ import annotations

from typing import Any

from csi_gen.follow import figures
from csi_gen.follow.figures import Bilan, ObjectiveProgress, Side
from csi_gen.follow.words import avancement, mot
from csi_gen.formatting import date_longue, nombre

TO_DECIDE = ("en_retard", "abandonne")  # the states that call for a decision


def _number(value: float | None) -> float | int | None:
    """A JSON number, whole when it is."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _objective_data(progress: ObjectiveProgress) -> dict[str, Any]:
    return {
        "engagement": progress.engagement.id,
        "libelle": progress.objectif.libelle,
        "unite": progress.objectif.unite,
        "niveau": progress.stock,
        "prevu_annee": _number(progress.planned_year),
        "realise_annee": _number(progress.achieved_year),
        "ecart_annee": _number(progress.gap_year),
        "prevu_cumul": _number(progress.planned_to_date),
        "realise_cumul": _number(progress.achieved_to_date),
        "ecart_cumul": _number(progress.gap_to_date),
        "ecart_cumul_part": _number(
            figures.percent(progress.gap_to_date, progress.planned_to_date)
        ),
        "complet": progress.complete,
        "cible_atteinte": progress.target_reached,
        "en_deca": progress.behind,
    }


def as_data(bilan: Bilan) -> dict[str, Any]:
    """The bilan's figures for a tool: states by party, objectives, decisions, financing."""
    parties = {
        (partenaire or partie.value): dict(bilan.counts((partie, partenaire)))
        for partie, partenaire in bilan.sides
    }
    parties["total"] = dict(bilan.counts())
    own = [line for line in bilan.lines if not line.sought]  # the parties' money
    planned = sum(line.planned for line in own)
    revoyure = bilan.contrat.gouvernance.revoyure
    return {
        "contrat": bilan.contrat.identifiant,
        "annee": bilan.year,
        "engagements": {
            partie: {state: counts.get(state, 0) for state in figures.STATES}
            for partie, counts in parties.items()
        },
        "chiffres_cles": {theme: _objective_data(p) for theme, p in bilan.key_figures.items()},
        "objectifs": [_objective_data(o) for o in bilan.objectives],
        "a_decider": {
            "revoyure": revoyure.date.isoformat() if revoyure and bilan.revoyure_due else None,
            "engagements": [
                {"id": e.engagement.id, "avancement": e.state, "motif": e.reason}
                for e in bilan.engagements
                if e.state in TO_DECIDE
            ],
            "objectifs_en_deca": [o.engagement.id for o in bilan.objectives if o.behind],
            "non_renseignes": bilan.counts()[figures.NOT_REPORTED],
            "a_completer": bilan.placeholders,
        },
        "financement": {
            "prevu": _number(planned),
            "engage": _number(sum(line.engaged or 0 for line in own)),
            "paye": _number(sum(line.paid or 0 for line in own)),
            "sollicite": _number(sum(line.planned for line in bilan.lines if line.sought)),
        },
    }


def as_text(bilan: Bilan, label: str) -> str:
    """A page of text: engagements by state, main figures, what calls for a decision.

    Its words are in data/libelles-bilan.json (« resume »)."""
    lines = [mot("resume", "titre", annee=bilan.year, contrat=label), ""]
    headings = (*(avancement(s, "colonne") for s in figures.STATES), mot("total"))
    lines.append(" " * 26 + "".join(f"{h:>{len(h) + 2}}" for h in headings))
    rows: list[tuple[str, Side | None]] = [(_name(bilan, s), s) for s in bilan.sides]
    for name, side in [*rows, (mot("total"), None)]:
        counts = bilan.counts(side)
        values = [counts.get(s, 0) for s in figures.STATES] + [sum(counts.values())]
        cells = (f"{v:>{len(h) + 2}}" for v, h in zip(values, headings, strict=True))
        lines.append(f"  {name:<24}" + "".join(cells))
    if bilan.key_figures:
        lines += ["", mot("resume", "chiffres_cles")]
        for progress in bilan.key_figures.values():
            lines.append(f"  - {_figure(progress)}")
    decisions = _decisions(bilan)
    lines += ["", mot("resume", "a_decider" if decisions else "rien_a_decider")]
    lines += [f"  - {d}" for d in decisions]
    return "\n".join(lines)


def _name(bilan: Bilan, side: Side) -> str:
    from csi_gen.follow.rows import party_name

    return party_name(bilan.contrat, *side)


def _value(value: float | None) -> str:
    return mot("resume", "non_renseigne") if value is None else nombre(value)


def _signed(value: float) -> str:
    return f"+{nombre(value)}" if value > 0 else nombre(value)


def _figure(progress: ObjectiveProgress) -> str:
    objectif = progress.objectif
    text = mot(
        "resume",
        "chiffre",
        libelle=objectif.libelle,
        prevu=_value(progress.planned_to_date),
        realise=_value(progress.achieved_to_date),
        unite=objectif.unite,
    )
    gap = progress.gap_to_date
    if gap is None:
        return text
    share = figures.percent(gap, progress.planned_to_date)
    if share is None:
        return mot("resume", "ecart", chiffre=text, ecart=_signed(gap))
    part = f"{_signed(share)} %"
    return mot("resume", "ecart_et_part", chiffre=text, ecart=_signed(gap), part=part)


def _decisions(bilan: Bilan) -> list[str]:
    found = []
    revoyure = bilan.contrat.gouvernance.revoyure
    if revoyure is not None and bilan.revoyure_due:
        found.append(mot("resume", "revoyure", date=date_longue(revoyure.date)))
    for e in bilan.engagements:
        if e.state in TO_DECIDE:
            key = "engagement_et_motif" if e.reason else "engagement"
            state = avancement(e.state, "etat")
            found.append(
                mot("resume", key, avancement=state, titre=e.engagement.titre, motif=e.reason)
            )
    for o in bilan.objectives:
        if o.behind:
            found.append(mot("resume", "en_deca", chiffre=_figure(o)))
    unreported = bilan.counts()[figures.NOT_REPORTED]
    if unreported:
        found.append(mot("resume", "non_renseignes", compte=unreported, annee=bilan.year))
    if bilan.placeholders:
        found.append(mot("resume", "a_completer", compte=bilan.placeholders))
    return found
