"""Freeze the numbers of the points at signature, from one version of the contract to the next.

A point keeps the number it had in the version amended; a removed one stays « (Supprimé) »
where it stood; an inserted one takes the number of the point before it with « bis »,
« ter »… — or, after the last point of its article, the next number (« L'article 7 est
complété par un 10° »). Engagements are paired as ``comparer`` pairs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from csi_gen.compare.matching import match
from csi_gen.compare.naming import engagement_key
from csi_gen.model import Contrat, Engagement
from csi_gen.numbering import (
    SUFFIXES,
    ArticleKey,
    Numero,
    Numerotation,
    PointSupprime,
    Side,
)


def side_of(engagement: Engagement) -> Side:
    return (engagement.chapitre, engagement.partie, engagement.partenaire)


def retained_by_side(contrat: Contrat) -> dict[Side, list[Engagement]]:
    found: dict[Side, list[Engagement]] = {}
    for engagement in contrat.engagements:
        if engagement.retenue:
            found.setdefault(side_of(engagement), []).append(engagement)
    return found


def plain(contrat: Contrat) -> Numerotation:
    """The numbers of a contract as signed: 1°, 2°, 3° in each article."""
    points = {e.path: Numero(contrat.numero(e) or 0) for e in contrat.engagements if e.retenue}
    return Numerotation(points, {})


@dataclass
class _Entry:
    """A numbered place of a side: the engagement there, or a point removed."""

    numero: Numero
    engagement: Engagement | None  # None for a point already removed


def _base_sequence(
    engagements: list[Engagement], numbers: Numerotation, side: Side
) -> list[_Entry]:
    removed = numbers.supprimes.get(side, ())
    sequence: list[_Entry] = []
    for index, engagement in enumerate([*engagements, None]):
        sequence += [_Entry(p.numero, None) for p in removed if p.position == index]
        if engagement is not None:
            sequence.append(_Entry(numbers.points[engagement.path], engagement))
    return sequence


def freeze(
    base: Contrat,
    numbers: Numerotation,
    new: Contrat,
    articles: Mapping[ArticleKey, str] | None = None,
) -> Numerotation:
    """The numbers of ``new``, an amended ``base`` whose points are numbered ``numbers`` and
    whose articles are labelled ``articles`` (read in its rendered document)."""
    old_sides, new_sides = retained_by_side(base), retained_by_side(new)
    points: dict[tuple[str | int, ...], Numero] = {}
    removed: dict[Side, tuple[PointSupprime, ...]] = {}
    for side in dict.fromkeys([*old_sides, *new_sides, *numbers.supprimes]):
        sequence = _base_sequence(old_sides.get(side, []), numbers, side)
        placed, gone = _freeze_side(sequence, new_sides.get(side, []))
        points.update(placed)
        if gone:
            removed[side] = tuple(gone)
    return Numerotation(points, removed, articles)


def _freeze_side(
    sequence: list[_Entry], engagements: list[Engagement]
) -> tuple[dict[tuple[str | int, ...], Numero], list[PointSupprime]]:
    olds = [e.engagement for e in sequence if e.engagement is not None]
    pairs, _ = match(olds, engagements, engagement_key)
    previous = {id(n): o for o, n in pairs if o is not None and n is not None}
    kept = {id(o) for o in previous.values()}
    index_of = {id(e.engagement): i for i, e in enumerate(sequence) if e.engagement is not None}
    used = {e.numero for e in sequence}
    placed: dict[tuple[str | int, ...], Numero] = {}
    gone: list[PointSupprime] = []
    cursor, last = 0, None

    def flush(until: int) -> None:
        nonlocal cursor, last
        for entry in sequence[cursor:until]:
            if entry.engagement is None or id(entry.engagement) not in kept:
                gone.append(PointSupprime(entry.numero, len(placed)))
                last = entry.numero
        cursor = max(cursor, until)

    for engagement in engagements:
        old = previous.get(id(engagement))
        if old is not None:
            flush(index_of[id(old)])
            numero = sequence[index_of[id(old)]].numero
            cursor = max(cursor, index_of[id(old)] + 1)
        else:
            following = [e for e in sequence[cursor:] if e.engagement is not None
                         and id(e.engagement) in kept]  # fmt: skip
            if following:
                flush(index_of[id(following[0].engagement)])
            else:
                flush(len(sequence))
            numero = _inserted(last, used, at_end=not following, first=sequence)
            used.add(numero)
        placed[engagement.path] = numero
        last = numero
    flush(len(sequence))
    return placed, gone


def _inserted(last: Numero | None, used: set[Numero], at_end: bool, first: list[_Entry]) -> Numero:
    """The number of an inserted point: after the last one, the next number; else « bis »…"""
    if at_end:
        return Numero(max((n.numero for n in used), default=0) + 1)
    if last is None:  # before the first point: « 1° A »
        return Numero(first[0].numero.numero, -1)
    rang = last.rang + 1
    while Numero(last.numero, rang) in used and rang < len(SUFFIXES):
        rang += 1
    return Numero(last.numero, rang)
