"""Rules on money: each financing line says what its type needs, amounts and their totals."""

from __future__ import annotations

from collections.abc import Iterator

from csi_gen.errors import Problem
from csi_gen.formatting import euros, pourcentage
from csi_gen.model import Contrat, Engagement, Financement

CENT = 0.005

# For each type of line: the keys it needs, and those it cannot have.
NEEDED = {
    "montant": ("montant", "annee"),
    "taux": ("taux",),
    "annuel": ("montant", "annee", "annee_fin"),
    "poursuite": ("objet",),
    "a_fixer": ("fixation",),
}
FOREIGN = {
    "montant": ("annee_fin", "assiette", "plafond", "fixation"),
    "taux": ("montant", "annee_fin", "fixation"),
    "annuel": ("taux", "assiette", "plafond", "fixation"),
    "poursuite": ("montant", "annee_fin", "taux", "assiette", "plafond", "fixation"),
    "a_fixer": ("montant", "annee_fin", "taux", "assiette", "plafond"),
}


def financing_lines_are_complete(contrat: Contrat) -> Iterator[Problem]:
    """A line has what its type needs (a rate, the years…) and nothing that belongs to another."""
    for engagement in contrat.engagements:
        for financement in engagement.financements:
            kind = financement.type
            for key in NEEDED[kind]:
                if getattr(financement, key) is None:
                    yield Problem(
                        "FINANCEMENT-FORME",
                        financement.path,
                        f"financement « {kind} » sans « {key} »",
                        expected=f"la clé « {key} »",
                    )
            for key in FOREIGN[kind]:
                if getattr(financement, key) is not None:
                    yield Problem(
                        "FINANCEMENT-FORME",
                        (*financement.path, key),
                        f"« {key} » dans un financement « {kind} »",
                        expected=f"pas de « {key} », ou un autre « type »",
                    )
            yield from _years_in_order(financement)


def _years_in_order(financement: Financement) -> Iterator[Problem]:
    first, last = financement.annee, financement.annee_fin
    if first is not None and last is not None and last <= first:
        yield Problem(
            "FINANCEMENT-ANNEES",
            (*financement.path, "annee_fin"),
            f"financement annuel de {first} à {last}",
            expected=f"une dernière année après {first}",
        )


def amounts_are_sound(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        if engagement.cout_total is not None and engagement.cout_total < 0:
            yield Problem(
                "MONTANT-NEGATIF",
                (*engagement.path, "cout_total"),
                "coût total négatif",
                expected="un montant positif ou nul",
                found=euros(engagement.cout_total),
            )
        for financement in engagement.financements:
            for key in ("montant", "plafond"):
                value = getattr(financement, key)
                if value is not None and value < 0:
                    yield Problem(
                        "MONTANT-NEGATIF",
                        (*financement.path, key),
                        f"{key} négatif",
                        expected="un montant positif ou nul",
                        found=euros(value),
                    )
        yield from _totals(engagement)


def _totals(engagement: Engagement) -> Iterator[Problem]:
    """One-off amounts make the total cost; a rate given with an amount is its share of it.

    A line that states no one-off amount (a rate, a yearly amount, an amount to be set) leaves
    the sum unknown: it is not checked.
    """
    total = engagement.cout_total
    lines = engagement.financements
    if total is None or not lines or any(f.ponctuel is None for f in lines):
        return
    funded = sum(f.ponctuel or 0.0 for f in lines)
    if abs(funded - total) > CENT:
        yield Problem(
            "FINANCEMENT-TOTAL",
            (*engagement.path, "financements"),
            "la somme des financements ne fait pas le coût total",
            expected=euros(total),
            found=euros(funded),
        )
    if total < CENT:  # no rate of a cost under a cent (a rate of 1e-300 € would be infinite)
        return
    for financement in lines:
        if financement.taux is None:
            continue
        rate = (financement.ponctuel or 0.0) / total * 100
        if abs(rate - financement.taux) > 0.5:
            yield Problem(
                "FINANCEMENT-TAUX",
                (*financement.path, "taux"),
                "le taux ne correspond pas au montant rapporté au coût total",
                expected=pourcentage(round(rate, 1)),
                found=pourcentage(financement.taux),
            )
