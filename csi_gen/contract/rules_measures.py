"""Rules on the measures: the socle studied, catalogue references, titles and reasons."""

from __future__ import annotations

from collections.abc import Iterator

from csi_gen import catalogue
from csi_gen.errors import Problem, Severity, closest
from csi_gen.model import Contrat, Statut, StatutEngagement
from csi_gen.wording import denomination


def socle_studied(contrat: Contrat) -> Iterator[Problem]:
    """Every measure in bold in the circular's annex is present with a status (for a
    contract the circular applies to: signed, or dated, from 16 April 2021)."""
    if not contrat.sous_la_circulaire:
        return
    studied = {e.mesure for e in contrat.engagements if e.mesure}
    for mesure in catalogue.mesures():
        if mesure.socle and mesure.id not in studied:
            volet = contrat.volet(mesure.volet)
            yield Problem(
                "SOCLE-NON-ETUDIE",
                volet.path if volet else ("volets",),
                f"la mesure du socle {mesure.id} n'est pas étudiée : « {mesure.intitule} »",
                expected=f"un engagement {denomination(mesure.partie).de} "
                f"avec « mesure » : « {mesure.id} » dans volets.{mesure.volet}, "
                "et son statut (« retenue », « non_retenue »…)",
            )


def a_etudier_only_in_projet(contrat: Contrat) -> Iterator[Problem]:
    if contrat.statut is Statut.PROJET:
        return
    for engagement in contrat.engagements:
        if engagement.statut is StatutEngagement.A_ETUDIER:
            yield Problem(
                "STATUT-A-ETUDIER",
                (*engagement.path, "statut"),
                f"statut « a_etudier » dans un contrat « {contrat.statut.value} »",
                expected="« retenue », « non_retenue » ou « en_attente_arbitrage » "
                "(« a_etudier » n'est admis que dans un projet)",
            )


def catalogue_references(contrat: Contrat) -> Iterator[Problem]:
    """A catalogue reference exists and matches the engagement's party and volet."""
    known = catalogue.mesures_by_id()
    for engagement in contrat.engagements:
        if engagement.mesure is None:
            continue
        path = (*engagement.path, "mesure")
        mesure = known.get(engagement.mesure)
        if mesure is None:
            yield Problem(
                "MESURE-INCONNUE",
                path,
                f"la mesure « {engagement.mesure} » n'existe pas dans le catalogue",
                expected="un identifiant de « csi-gen mesures » (par exemple « E-SI-1 »)",
                suggestion=closest(engagement.mesure, known),
            )
            continue
        if mesure.partie != engagement.partie.value:
            yield Problem(
                "MESURE-PARTIE",
                (*engagement.path, "partie"),
                f"la mesure {mesure.id} est un engagement {denomination(mesure.partie).de}",
                expected=f"« partie » : « {mesure.partie} »",
                found=f"« {engagement.partie.value} »",
            )
        if mesure.volet != engagement.volet:
            yield Problem(
                "MESURE-VOLET",
                path,
                f"la mesure {mesure.id} appartient au volet "
                f"« {catalogue.volet(mesure.volet).titre.lower()} »",
                expected=f"l'engagement dans volets.{mesure.volet}",
                found=f"volets.{engagement.volet}",
            )


def custom_measures_have_a_title(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        if engagement.mesure is None and engagement.intitule is None:
            yield Problem(
                "ENGAGEMENT-INTITULE",
                engagement.path,
                "mesure propre au contrat sans intitulé",
                expected="« intitule » (ou « mesure » pour une mesure du catalogue)",
            )


def reasons_are_given(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        if engagement.statut is StatutEngagement.NON_RETENUE and not engagement.motif:
            yield Problem(
                "MOTIF-ABSENT",
                (*engagement.path, "statut"),
                "mesure non retenue sans motif",
                expected="« motif » : la raison pour laquelle la mesure n'est pas retenue",
            )
        if engagement.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE and not engagement.motif:
            yield Problem(
                "MOTIF-ABSENT",
                (*engagement.path, "statut"),
                "mesure en attente d'arbitrage sans motif",
                expected="« motif » : le diagnostic attendu et l'arbitrage national en cause",
                severity=Severity.WARNING,
            )


def retained_measures_have_a_text(contrat: Contrat) -> Iterator[Problem]:
    """A measure of the catalogue, once retained, is a commitment in the contract's own words:
    the circular's wording (addressed to préfets, « un engagement des communes ») is not.
    A draft prints a visible « [à compléter] » instead, and the note de présentation lists
    what remains: only a definitive contract is refused."""
    if contrat.statut is Statut.PROJET:
        return
    for engagement in contrat.engagements:
        if engagement.mesure and engagement.retenue and not engagement.texte:
            yield Problem(
                "ENGAGEMENT-TEXTE",
                engagement.path,
                f"engagement retenu sans texte : « {engagement.titre} »",
                expected="« texte » : l'engagement tel que la partie le prend ; sans lui, le "
                "contrat imprime « [à compléter] »",
            )
