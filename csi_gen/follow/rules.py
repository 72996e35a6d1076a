"""Rules of a follow-up file, checked against its contract: pure functions to problems.

Each rule has a code (shown between brackets) and French wording; ``check`` runs them
all, and the caller locates the problems in the follow-up file. ``unfollowable`` reports
what, in the contract itself, cannot be followed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from csi_gen.errors import Path_, Problem, Severity, closest
from csi_gen.follow.model import (
    AnneeSuivie,
    Avancement,
    EngagementSuivi,
    ExecutionFinancement,
    Suivi,
)
from csi_gen.formatting import date_longue, euros, nombre
from csi_gen.model import PLACEHOLDER, Contrat, Engagement, Financement, Objectif

Rule = Callable[[Contrat, Suivi], Iterable[Problem]]


def _warning(code: str, path: Path_, message: str, **details: str | bool | None) -> Problem:
    return Problem(code, path, message, severity=Severity.WARNING, **details)  # type: ignore[arg-type]


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"« {v} »" for v in values)


def is_stock(objectif: Objectif) -> bool:
    """A level (« cumule », or a target counted from a baseline) rather than additions."""
    if objectif.trajectoire is not None:
        return objectif.trajectoire.mode == "cumule"
    return objectif.situation_initiale is not None


@dataclass(frozen=True)
class _Followed:
    """One engagement's follow-up in one year, with the contract's engagement."""

    annee: AnneeSuivie
    suivi: EngagementSuivi
    engagement: Engagement


def _followed(contrat: Contrat, suivi: Suivi) -> Iterator[_Followed]:
    known = {e.id: e for e in contrat.engagements if e.id}
    for annee in suivi.annees:
        for entry in annee.engagements:
            engagement = known.get(entry.id)
            if engagement is not None:
                yield _Followed(annee, entry, engagement)


# --- The year and the engagements ----------------------------------------------------------------


def years_in_period(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    periode = contrat.periode
    for annee in suivi.annees:
        if not periode.debut.year <= annee.annee <= periode.fin.year:
            yield Problem(
                "SUIVI-ANNEE-HORS-PERIODE",
                annee.path,
                f"année {annee.annee} hors de la période du contrat",
                expected=f"une année de {periode.debut.year} à {periode.fin.year} (le contrat "
                f"court du {date_longue(periode.debut)} au {date_longue(periode.fin)})",
                on_key=True,
            )


def engagements_are_known(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    known = {e.id: e for e in contrat.engagements if e.id}
    for annee in suivi.annees:
        for entry in annee.engagements:
            engagement = known.get(entry.id)
            if engagement is None:
                yield Problem(
                    "SUIVI-ENGAGEMENT-INCONNU",
                    entry.path,
                    f"engagement « {entry.id} » inconnu du contrat",
                    expected="l'identifiant (« id ») d'un engagement du contrat",
                    suggestion=closest(entry.id, known),
                    on_key=True,
                )
            elif not engagement.retenue:
                yield _warning(
                    "SUIVI-ENGAGEMENT-NON-RETENU",
                    entry.path,
                    f"l'engagement « {entry.id} » n'est pas retenu au contrat (statut "
                    f"« {engagement.statut.value} ») : le bilan ne le présente pas",
                    on_key=True,
                )


def abandon_has_a_reason(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for annee in suivi.annees:
        for entry in annee.engagements:
            if entry.avancement is Avancement.ABANDONNE and not entry.motif:
                yield Problem(
                    "SUIVI-MOTIF",
                    (*entry.path, "avancement"),
                    "engagement abandonné sans motif",
                    expected="« motif » : la raison de l'abandon",
                )


def dates_fit(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    """No achievement before the contract, nor after the year it is reported in."""
    start = contrat.periode.debut
    for annee in suivi.annees:
        dated: list[tuple[date, Path_, bool]] = [
            (e.date, (*e.path, "date"), True) for e in annee.engagements if e.date is not None
        ]
        if annee.comite is not None and annee.comite.date is not None:
            dated.append((annee.comite.date, (*annee.comite.path, "date"), False))
        for day, path, achievement in dated:
            if day < start:
                yield Problem(
                    "SUIVI-DATE-AVANT-CONTRAT",
                    path,
                    f"date du {date_longue(day)} antérieure au contrat",
                    expected=f"une date à partir du {date_longue(start)}, début du contrat",
                )
            elif achievement and day.year > annee.annee:
                yield Problem(
                    "SUIVI-DATE-APRES-ANNEE",
                    path,
                    f"réalisation datée du {date_longue(day)} dans le suivi de {annee.annee}",
                    expected=f"une date de {annee.annee} au plus tard (ce qui est fait en "
                    f"{day.year} se note dans l'année {day.year})",
                )


def committee_is_dated(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for annee in suivi.annees:
        if annee.comite is not None and annee.comite.date is None:
            yield _warning(
                "SUIVI-COMITE-DATE",
                annee.comite.path,
                "comité de pilotage sans date",
                expected="« date » : le jour de la réunion (AAAA-MM-JJ)",
            )


# --- Objectives, indicators, financing ------------------------------------------------------------


def objectives_are_known(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for item in _followed(contrat, suivi):
        labels = [o.libelle for o in item.engagement.objectifs]
        yield from _references(
            [(v.libelle, v.path) for v in item.suivi.objectifs],
            labels,
            "OBJECTIF",
            "objectif",
            item.suivi.id,
        )


def indicators_are_known(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for item in _followed(contrat, suivi):
        labels = [i.libelle for i in item.engagement.indicateurs]
        yield from _references(
            [(m.libelle, m.path) for m in item.suivi.indicateurs],
            labels,
            "INDICATEUR",
            "indicateur",
            item.suivi.id,
        )


def _references(
    used: list[tuple[str, Path_]], labels: list[str], code: str, kind: str, engagement: str
) -> Iterator[Problem]:
    seen: set[str] = set()
    for label, path in used:
        if label not in labels:
            yield Problem(
                f"SUIVI-{code}-INCONNU",
                (*path, "libelle"),
                f"{kind} « {label} » inconnu de l'engagement « {engagement} »"
                + ("" if labels else f", qui n'a pas d'{kind} dans le contrat"),
                expected=f"le libellé d'un {kind} de l'engagement, tel que le contrat l'écrit : "
                + _quoted(labels)
                if labels
                else "aucune entrée ici",
                suggestion=closest(label, labels),
            )
        elif label in seen:
            yield Problem(
                f"SUIVI-{code}-DOUBLE",
                (*path, "libelle"),
                f"{kind} « {label} » déjà renseigné pour cette année",
                expected=f"chaque {kind} une fois par année",
            )
        seen.add(label)


def financing_line(engagement: Engagement, entry: ExecutionFinancement) -> list[Financement]:
    """The contract's lines that a follow-up entry designates (one, when it is right)."""
    return [
        f
        for f in engagement.financements
        if f.financeur == entry.financeur
        and f.annee == entry.annee
        and (entry.source is None or f.source == entry.source)
    ]


def financing_is_known(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for item in _followed(contrat, suivi):
        lines = item.engagement.financements
        shown = [f"« {f.financeur} », {f.annee} ({f.source})" for f in lines]
        for entry in item.suivi.financements:
            found = financing_line(item.engagement, entry)
            if not found:
                yield Problem(
                    "SUIVI-FINANCEMENT-INCONNU",
                    entry.path,
                    f"pas de ligne de financement « {entry.financeur} » en {entry.annee}"
                    + (f" ({entry.source})" if entry.source else "")
                    + f" dans l'engagement « {item.suivi.id} »"
                    + ("" if shown else ", qui n'a pas de financement dans le contrat"),
                    expected="l'une des lignes du contrat : " + " ; ".join(shown)
                    if shown
                    else "aucune entrée ici",
                    suggestion=closest(entry.financeur, {f.financeur for f in lines}),
                )
            elif len(found) > 1:
                yield Problem(
                    "SUIVI-FINANCEMENT-AMBIGU",
                    entry.path,
                    f"« {entry.financeur} » a {len(found)} lignes en {entry.annee} dans "
                    f"l'engagement « {item.suivi.id} »",
                    expected="« source » pour désigner l'une d'elles : "
                    + _quoted(f.source for f in found),
                )


def amounts_are_consistent(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for item in _followed(contrat, suivi):
        for entry in item.suivi.financements:
            found = financing_line(item.engagement, entry)
            if entry.engage is not None and entry.paye is not None and entry.paye > entry.engage:
                yield _warning(
                    "SUIVI-PAYE-ENGAGE",
                    (*entry.path, "paye"),
                    f"montant payé ({euros(entry.paye)}) supérieur au montant engagé "
                    f"({euros(entry.engage)})",
                    expected="un montant payé au plus égal au montant engagé",
                )
            planned = found[0].prevu if len(found) == 1 else None
            if planned is not None and entry.engage is not None and entry.engage > planned:
                yield _warning(
                    "SUIVI-ENGAGE-PREVU",
                    (*entry.path, "engage"),
                    f"montant engagé ({euros(entry.engage)}) supérieur au montant prévu "
                    f"au contrat ({euros(planned)})",
                    expected="un montant engagé au plus égal à celui de la ligne, ou un "
                    "commentaire qui explique le dépassement",
                )


def values_are_not_negative(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    """Achieved values and amounts count things: none is negative (an indicator may be)."""
    for annee in suivi.annees:
        for entry in annee.engagements:
            values: list[tuple[float | None, Path_]] = [
                (v.valeur, (*v.path, "valeur")) for v in entry.objectifs
            ]
            for f in entry.financements:
                values += [(f.engage, (*f.path, "engage")), (f.paye, (*f.path, "paye"))]
            for value, path in values:
                if value is not None and value < 0:
                    yield Problem(
                        "SUIVI-VALEUR-NEGATIVE",
                        path,
                        "valeur négative",
                        expected="un nombre positif ou nul (ce qui a été réalisé, engagé ou payé)",
                        found=nombre(value),
                    )


def stocks_do_not_fall_silently(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    """A level that goes down from one year to the next is explained by a comment."""
    previous: dict[tuple[str, str], tuple[int, float]] = {}
    for item in _followed(contrat, suivi):
        objectifs = {o.libelle: o for o in item.engagement.objectifs}
        for value in item.suivi.objectifs:
            objectif = objectifs.get(value.libelle)
            if objectif is None or value.valeur is None or not is_stock(objectif):
                continue
            key = (item.suivi.id, value.libelle)
            initial = objectif.situation_initiale
            before = previous.get(key) or ((initial.annee, initial.valeur) if initial else None)
            previous[key] = (item.annee.annee, value.valeur)
            if before is None or value.valeur >= before[1] or value.commentaire:
                continue
            yield _warning(
                "SUIVI-STOCK-BAISSE",
                (*value.path, "valeur"),
                f"niveau en baisse : {nombre(value.valeur)} fin {item.annee.annee} contre "
                f"{nombre(before[1])} en {before[0]}, sans commentaire",
                expected="« commentaire » : la raison de la baisse (départs, panne, "
                "correction d'une erreur…)",
            )


def placeholders_are_filled(contrat: Contrat, suivi: Suivi) -> Iterator[Problem]:
    for path in suivi.placeholders:
        yield _warning(
            "SUIVI-A-COMPLETER",
            path,
            f"encore marqué « {PLACEHOLDER} »",
            expected="la valeur ou le texte, sans la marque (ou retirez l'élément)",
        )


RULES: tuple[Rule, ...] = (
    years_in_period,
    engagements_are_known,
    abandon_has_a_reason,
    dates_fit,
    committee_is_dated,
    objectives_are_known,
    indicators_are_known,
    financing_is_known,
    amounts_are_consistent,
    values_are_not_negative,
    stocks_do_not_fall_silently,
    placeholders_are_filled,
)


def check(contrat: Contrat, suivi: Suivi) -> list[Problem]:
    """Every problem of the follow-up file, unlocated."""
    return [problem for rule in RULES for problem in rule(contrat, suivi)]


def unfollowable(contrat: Contrat) -> list[Problem]:
    """The contract's retained engagements that have no ``id``: they cannot be followed."""
    taken = {e.id for e in contrat.engagements if e.id}
    problems = []
    for engagement in contrat.engagements:
        if not engagement.retenue or engagement.id:
            continue
        proposal = suggested_id(engagement, taken)
        taken.add(proposal)
        problems.append(
            _warning(
                "SUIVI-SANS-IDENTIFIANT",
                engagement.path,
                f"l'engagement « {engagement.titre} » n'a pas d'identifiant : il ne peut pas "
                "être suivi",
                expected=f"« id » : « {proposal} » (par exemple), à ajouter à l'engagement",
            )
        )
    return problems


def suggested_id(engagement: Engagement, taken: set[str]) -> str:
    """An id in the house style (« etat-e-si-1 », « collectivites-prevention-… »)."""
    from csi_gen.contract.scaffold import slug

    base = f"{engagement.partie.value}-{slug(engagement.mesure or engagement.intitule or 'engagement')}"
    base = base[:60].rstrip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
