"""Rules on avenants: only on a signed contract, numbered without gap, signed in order,
inside the period, by known representatives whose quality at its date is stated."""

from __future__ import annotations

from collections.abc import Iterator

from csi_gen.errors import Problem, Severity
from csi_gen.formatting import date_longue
from csi_gen.model import Contrat, Statut


def only_on_a_signed_contract(contrat: Contrat) -> Iterator[Problem]:
    if contrat.avenants and contrat.statut is not Statut.SIGNE:
        yield Problem(
            "AVENANT-CONTRAT-NON-SIGNE",
            contrat.avenants[0].path,
            "un avenant ne modifie qu'un contrat signé",
            expected="un contrat au statut « signe », ou pas d'avenant : tant que le contrat "
            "n'est pas signé, modifiez-le directement",
            found=f"statut « {contrat.statut.value} »",
        )


def numbered_in_order(contrat: Contrat) -> Iterator[Problem]:
    for expected, avenant in enumerate(contrat.avenants, start=1):
        if avenant.numero != expected:
            yield Problem(
                "AVENANT-NUMERO",
                (*avenant.path, "numero"),
                "les avenants sont numérotés de 1 en 1, dans l'ordre",
                expected=str(expected),
                found=str(avenant.numero),
            )
    for avenant in contrat.avenants[:-1]:
        if not avenant.signe:
            yield Problem(
                "AVENANT-PROJET",
                (*avenant.path, "statut"),
                f"l'avenant n° {avenant.numero} est un projet alors qu'un avenant le suit",
                expected="« signe » : seul le dernier avenant peut être un projet",
                found="« projet »",
            )


def signed_in_order(contrat: Contrat) -> Iterator[Problem]:
    signed = contrat.signature.date
    previous = signed.debut() if signed is not None else None
    periode = contrat.periode
    for avenant in contrat.avenants:
        if avenant.date is None:
            if avenant.signe:
                yield Problem(
                    "AVENANT-DATE",
                    avenant.path,
                    f"avenant n° {avenant.numero} signé sans date de signature",
                    expected="« date » : la date de signature de l'avenant",
                )
            continue
        path = (*avenant.path, "date")
        if previous is not None and avenant.date < previous:
            yield Problem(
                "AVENANT-DATE",
                path,
                f"l'avenant n° {avenant.numero} précède l'acte qu'il modifie",
                expected=f"une date à partir du {date_longue(previous)}",
                found=date_longue(avenant.date),
            )
        elif not periode.debut <= avenant.date <= periode.fin:
            yield Problem(
                "AVENANT-DATE",
                path,
                f"avenant n° {avenant.numero} signé hors de la période du contrat",
                expected=f"une date du {date_longue(periode.debut)} au {date_longue(periode.fin)}",
                found=date_longue(avenant.date),
            )
        previous = avenant.date


def signatories_are_known(contrat: Contrat) -> Iterator[Problem]:
    known = {r.id for r in contrat.parties.representants}
    for avenant in contrat.avenants:
        for signataire in avenant.signataires:
            if signataire.representant not in known:
                yield Problem(
                    "AVENANT-SIGNATAIRE",
                    (*signataire.path, "representant"),
                    f"représentant « {signataire.representant} » inconnu du contrat",
                    expected="l'identifiant d'un représentant des parties : "
                    + ", ".join(sorted(known)),
                    found=signataire.representant,
                )


def signatories_are_stated(contrat: Contrat) -> Iterator[Problem]:
    """An avenant signed after the contract names who signs it: the contract's signatories
    may have left office, and the avenant prints each with his quality on its own date."""
    signed = contrat.signature.date
    for avenant in contrat.avenants:
        if avenant.date is None or signed is None or avenant.date <= signed.fin():
            continue
        stated = {s.representant for s in avenant.signataires}
        kept = [r for r in contrat.parties.representants if r.signataire and r.id not in stated]
        if kept:
            names = ", ".join(f"{r.prenom} {r.nom} ({r.qualite})" for r in kept)
            yield Problem(
                "AVENANT-SIGNATAIRES",
                avenant.path,
                f"avenant n° {avenant.numero} du {date_longue(avenant.date)} signé, faute "
                f"d'indication, par les signataires du contrat du {date_longue(signed)} : {names}",
                expected="« signataires » : chacun de ceux qui signent l'avenant, avec sa "
                "qualité à sa date, même inchangée",
                severity=Severity.WARNING,
            )
