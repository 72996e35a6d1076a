"""Rules on the contract's own axes: every engagement it prints is filed under a declared axis."""

from __future__ import annotations

from collections.abc import Iterator

from csi_gen.errors import Problem, Severity, closest
from csi_gen.model import Contrat, StatutEngagement

PRINTED = (StatutEngagement.RETENUE, StatutEngagement.EN_ATTENTE_ARBITRAGE)


def engagements_have_their_axis(contrat: Contrat) -> Iterator[Problem]:
    ids = [a.id for a in contrat.axes]
    for engagement in contrat.engagements:
        if engagement.axe is None:
            if ids and engagement.statut in PRINTED:
                yield Problem(
                    "AXE-ABSENT",
                    engagement.path,
                    "engagement sans axe, dans un contrat organisé par axes",
                    expected="« axe » : l'un des identifiants "
                    + ", ".join(f"« {i} »" for i in ids),
                )
        elif engagement.axe not in ids:
            yield Problem(
                "AXE-INCONNU",
                (*engagement.path, "axe"),
                f"axe « {engagement.axe} » inconnu"
                + ("" if ids else " : le contrat ne déclare pas d'axes"),
                expected="un identifiant de « axes »" if ids else "une liste « axes »",
                suggestion=closest(engagement.axe, ids),
            )


def axes_are_used(contrat: Contrat) -> Iterator[Problem]:
    """Axes have distinct ids, and each one presents an engagement; in a contract by axes, the
    volets' introductions have no chapter to be printed in."""
    seen: set[str] = set()
    for axe in contrat.axes:
        if axe.id in seen:
            yield Problem(
                "ID-DOUBLE",
                (*axe.path, "id"),
                f"identifiant « {axe.id} » déjà employé",
                expected="un identifiant unique dans le contrat",
            )
        seen.add(axe.id)
    for chapitre in contrat.chapitres:
        if chapitre.axe is not None and not any(e.retenue for e in chapitre.engagements):
            yield Problem(
                "AXE-VIDE",
                chapitre.axe.path,
                f"l'axe « {chapitre.axe.titre} » ne présente aucun engagement retenu",
                expected="au moins un engagement retenu de l'axe",
                severity=Severity.WARNING,
            )
    for volet in contrat.volets if contrat.axes else ():
        if volet.introduction:
            yield Problem(
                "AXE-INTRODUCTION",
                (*volet.path, "introduction"),
                "introduction de volet non imprimée : le contrat est organisé par axes",
                expected="l'introduction de l'axe (« axes[].introduction »)",
                severity=Severity.WARNING,
            )
