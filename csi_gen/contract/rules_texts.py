"""Rules on texts: Markdown, visas, the diagnostic, the « [à compléter] » markers."""

from __future__ import annotations

from collections.abc import Iterator

from csi_gen import catalogue
from csi_gen.errors import Problem, Severity, closest
from csi_gen.markdown_text import unsupported
from csi_gen.model import PLACEHOLDER, Contrat, Statut


def markdown_is_supported(contrat: Contrat) -> Iterator[Problem]:
    for path, text in contrat.markdown_fields:
        for found in unsupported(text):
            yield Problem(
                "MARKDOWN",
                path,
                f"mise en forme Markdown non prise en charge : {found.label}, "
                f"ligne {found.line} du texte",
                expected="paragraphes, **gras**, *italique*, listes « - » ou « 1. »",
            )


def excluded_visas_exist(contrat: Contrat) -> Iterator[Problem]:
    known = [v.id for v in catalogue.visas_types()]
    for index, visa in enumerate(contrat.visas.exclus):
        if visa not in known:
            yield Problem(
                "VISA-INCONNU",
                (*contrat.visas.path, "exclus", index),
                f"visa type « {visa} » inconnu",
                expected="l'identifiant d'un visa type (« csi-gen visas »)",
                suggestion=closest(visa, known),
            )


def diagnostic_before_final(contrat: Contrat) -> Iterator[Problem]:
    diagnostic = contrat.diagnostic
    if contrat.statut is Statut.PROJET:
        return
    if diagnostic is None or not (diagnostic.synthese or diagnostic.indicateurs):
        yield Problem(
            "DIAGNOSTIC-ABSENT",
            diagnostic.path if diagnostic else ("statut",),
            f"contrat « {contrat.statut.value} » sans diagnostic partagé",
            expected="« diagnostic » avec une synthèse ou des indicateurs "
            "(le contrat repose sur un diagnostic partagé)",
        )


def placeholders_are_filled(contrat: Contrat) -> Iterator[Problem]:
    """A new contract's « [à compléter] » markers may stay in a projet, not beyond."""
    for path in contrat.placeholders:
        problem = Problem(
            "A-COMPLETER",
            path,
            f"texte encore marqué « {PLACEHOLDER} »",
            expected="le texte définitif, sans la marque",
            severity=Severity.WARNING if contrat.statut is Statut.PROJET else Severity.ERROR,
        )
        yield problem
