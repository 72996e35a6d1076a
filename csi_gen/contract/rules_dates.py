"""Rules on dates: the period, the signature, and dates that fall inside the period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from csi_gen import catalogue
from csi_gen.errors import Problem, Severity
from csi_gen.formatting import date_le, date_longue, mois_annee
from csi_gen.model import Contrat, Statut

MAX_YEARS = 6


def period_is_sound(contrat: Contrat) -> Iterator[Problem]:
    periode = contrat.periode
    if periode.fin <= periode.debut:
        yield Problem(
            "PERIODE-ORDRE",
            (*periode.path, "fin"),
            "la fin du contrat ne suit pas son début",
            expected=f"une date postérieure au {date_longue(periode.debut)}",
            found=date_longue(periode.fin),
        )
        return
    years = (periode.fin - periode.debut).days / 365.25
    if years > MAX_YEARS:
        yield Problem(
            "PERIODE-DUREE",
            (*periode.path, "fin"),
            f"contrat de plus de {MAX_YEARS} ans ({years:.1f} ans)".replace(".", ","),
            expected="une durée alignée sur le mandat municipal restant à courir",
            severity=Severity.WARNING,
        )
    mandat = catalogue.mandat_en_cours(periode.debut)
    if mandat is not None and periode.fin > mandat.fin:
        yield Problem(
            "PERIODE-MANDAT",
            (*periode.path, "fin"),
            f"le contrat dépasse le mandat municipal en cours (fin en {mois_annee(mandat.fin)})",
            expected=f"une fin au plus tard le {date_longue(mandat.fin)}",
            found=date_longue(periode.fin),
            severity=Severity.WARNING,
        )


def signature_fits(contrat: Contrat) -> Iterator[Problem]:
    signature = contrat.signature
    if signature.date is None:
        if contrat.statut is Statut.SIGNE:
            yield Problem(
                "SIGNATURE-DATE",
                signature.path,
                "contrat signé sans date de signature",
                expected="« date » : la date de signature",
            )
        return
    yield from _signed_to_the_day(contrat)
    path = (*signature.path, "date")
    periode = contrat.periode
    if signature.date.debut() > periode.fin:
        yield Problem(
            "SIGNATURE-DATE",
            path,
            "la signature est postérieure à la fin du contrat",
            expected=f"au plus tard le {date_longue(periode.fin)}",
            found=date_longue(signature.date),
        )
    elif (periode.debut - signature.date.fin()).days > 366:  # « debut - 366 days » overflows
        yield Problem(
            "SIGNATURE-DATE",
            path,
            "la signature précède de plus d'un an le début du contrat",
            expected=f"une date proche du {date_longue(periode.debut)}",
            found=date_longue(signature.date),
        )
    for deliberation in contrat.deliberations:  # after the signature, it approves the contract
        if (signature.date.debut() - deliberation.date).days > 366 * 2:  # no overflow in year 1
            yield Problem(
                "DELIBERATION-DATE",
                (*deliberation.path, "date"),
                "délibération antérieure de plus de deux ans à la signature",
                expected=f"une délibération proche du {date_longue(signature.date)}",
                found=date_longue(deliberation.date),
            )


def _signed_to_the_day(contrat: Contrat) -> Iterator[Problem]:
    """A signed contract bears its day: « juin 2022 » will do for a draft only."""
    if contrat.statut is not Statut.SIGNE:
        return
    signature = contrat.signature
    for name, value in (("date", signature.date), ("date_document", signature.date_document)):
        if value is not None and not value.precise:
            yield Problem(
                "SIGNATURE-JOUR",
                (*signature.path, name),
                f"contrat signé daté {date_le(value)}, sans le jour",
                expected="une date au format AAAA-MM-JJ",
                found=value.iso(),
            )


def _in_period(contrat: Contrat, day: date) -> bool:
    return contrat.periode.debut <= day <= contrat.periode.fin


def _year_in_period(contrat: Contrat, year: int) -> bool:
    return contrat.periode.debut.year <= year <= contrat.periode.fin.year


def _period_text(contrat: Contrat) -> str:
    periode = contrat.periode
    return f"du {date_longue(periode.debut)} au {date_longue(periode.fin)}"


def dates_in_period(contrat: Contrat) -> Iterator[Problem]:
    """Deadlines, trajectory steps and financing years, the review date fall inside the period.

    A trajectory's steps may come before the period: they are already done (« dont 20 arrivés
    fin 2020 »); none may come after it.
    """
    years = f"{contrat.periode.debut.year} à {contrat.periode.fin.year}"
    periode = contrat.periode
    for engagement in contrat.engagements:
        for objectif in engagement.objectifs:
            deadline = objectif.echeance.date if objectif.echeance else None
            if deadline and (deadline.debut() > periode.fin or deadline.fin() < periode.debut):
                yield Problem(
                    "DATE-HORS-PERIODE",
                    (*objectif.path, "echeance"),
                    "échéance hors de la période du contrat",
                    expected=f"une date {_period_text(contrat)}",
                    found=date_longue(deadline),
                )
            for day, _ in objectif.trajectoire.valeurs if objectif.trajectoire else ():
                if day.debut() > periode.fin:
                    yield Problem(
                        "DATE-HORS-PERIODE",
                        (*objectif.path, "trajectoire", "valeurs", day.iso()),
                        f"étape {date_longue(day)} de la trajectoire après la fin du contrat",
                        expected=f"une date au plus tard le {date_longue(periode.fin)}",
                    )
        for financement in engagement.financements:
            for key in ("annee", "annee_fin"):
                year = getattr(financement, key)
                if year is not None and not _year_in_period(contrat, year):
                    yield Problem(
                        "DATE-HORS-PERIODE",
                        (*financement.path, key),
                        f"financement de l'année {year}, hors de la période du contrat",
                        expected=f"une année de {years}",
                    )
    revoyure = contrat.gouvernance.revoyure
    if revoyure and not _in_period(contrat, revoyure.date):
        yield Problem(
            "DATE-HORS-PERIODE",
            (*revoyure.path, "date"),
            "clause de revoyure hors de la période du contrat",
            expected=f"une date {_period_text(contrat)}",
            found=date_longue(revoyure.date),
        )
