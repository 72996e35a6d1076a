"""Where each engagement stands in a signed contract: « article 7, 3° bis ».

Between two versions of a signed contract, the later one is numbered as the earlier one froze
it: an engagement keeps its article and its point, whatever is inserted or removed. Before
signature there is nothing to freeze, and ``comparer`` shows the renumbering as it happens.
"""

from __future__ import annotations

from pathlib import Path

from csi_gen.amend.consolidated import frozen_numbers, labels, read_units
from csi_gen.amend.numbering import freeze, plain, retained_by_side
from csi_gen.amend.units import Units
from csi_gen.document.context_engagements import sides
from csi_gen.model import Contrat, Statut, StatutEngagement
from csi_gen.numbering import Frozen, Numerotation, Places, Side


def places(source: Path, old: Contrat, new: Contrat) -> Frozen | None:
    """The numbers and places of both versions when the earlier one is signed; else None."""
    if old.statut is not Statut.SIGNE:
        return None
    old_numbers = frozen_numbers(source, old) or plain(old)
    old_units = read_units(old, old_numbers, source)
    new_numbers = freeze(old, old_numbers, new, labels(old_units))
    new_units = read_units(new, new_numbers, source)
    return Frozen(
        (_places(old, old_numbers, old_units), _places(new, new_numbers, new_units)),
        (old_numbers, new_numbers),
    )


def _places(contrat: Contrat, numbers: Numerotation, found: Units) -> Places:
    # The articles of the engagements, « Engagements de l'État » in a volet or an axis
    articles = [a.label for a in found.articles if a.key[1].startswith("Engagements ")]
    retained = retained_by_side(contrat)
    printed: list[Side] = []
    for chapitre in contrat.chapitres:
        pending = {(e.partie, e.partenaire) for e in chapitre.engagements
                   if e.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE}  # fmt: skip
        for partie, partenaire in sides(contrat):
            side = (chapitre.id, partie, partenaire)
            if side in retained or side in numbers.supprimes or (partie, partenaire) in pending:
                printed.append(side)
    if len(printed) != len(articles):  # a template that prints otherwise: no article cited
        return {}
    article_of = dict(zip(printed, articles, strict=True))
    return {
        e.path: (article_of[side], numbers.points[e.path].point())
        for side, engagements in retained.items()
        for e in engagements
        if e.path in numbers.points
    }
