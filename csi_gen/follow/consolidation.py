"""``csi-gen bilan --tous``: the bilans of every contract for one year, side by side.

Each contract gives one ``Row`` — its engagements by state, its main figures promised and
achieved, its financing planned, engaged and paid — computed in a worker process; the rows
make a spreadsheet (``spreadsheet``) and a one-page synthesis from the template
bilan-tous.docx, whose totals are the sums of the rows.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csi_gen.document.context_bilan import (
    SYNTHESIS_PARTS,
    ChiffreTheme,
    ContexteSynthese,
    FinancementGroupe,
)
from csi_gen.document.context_places import Departement
from csi_gen.follow import figures
from csi_gen.follow.context import avancements
from csi_gen.follow.rows import Row, row_for

if TYPE_CHECKING:
    from docx.document import Document

    from csi_gen.document.styles import StyleSheet

PARTS = SYNTHESIS_PARTS
GROUPS = (*figures.FUNDER_GROUPS, figures.OTHER_FUNDERS)


def rows(
    sources: Sequence[Path],
    year: int,
    workers: int,
    on_done: Callable[[Row], None] = lambda row: None,
) -> list[Row]:
    """Every contract's row, in the order of ``sources``, with ``workers`` processes.

    The first contract is read here: the libraries and the validators it loads are then
    inherited by the forked workers.
    """
    if not sources:
        return []
    first = row_for(sources[0], year)
    on_done(first)
    found = {sources[0]: first}
    if workers <= 1 or len(sources) <= 2:
        for source in sources[1:]:
            found[source] = row_for(source, year)
            on_done(found[source])
    else:
        context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        chunk = max(1, len(sources) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = pool.map(row_for, sources[1:], [year] * (len(sources) - 1), chunksize=chunk)
            for source, row in zip(sources[1:], results, strict=True):
                found[source] = row
                on_done(row)
    return [found[s] for s in sources]


# --- Totals ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeTotal:
    """A theme over the contracts: how many have it and report on it, planned and achieved."""

    theme: str
    contracts: int  # contracts that have the theme
    reporting: int  # of which report an achieved value
    planned: float
    achieved: float

    @property
    def gap(self) -> float:
        return self.achieved - self.planned


@dataclass(frozen=True)
class FundingTotal:
    """Financing over the contracts: planned, committed and paid, for a group of funders."""

    group: str | None  # None: all funders
    planned: float
    engaged: float
    paid: float


def theme_totals(counted: Iterable[Row]) -> list[ThemeTotal]:
    counted = list(counted)
    totals = []
    for theme in figures.THEMES:
        found = [r.themes[theme] for r in counted if theme in r.themes]
        if found:
            totals.append(
                ThemeTotal(
                    theme,
                    len(found),
                    sum(1 for f in found if f.achieved is not None),
                    sum(f.planned or 0 for f in found),
                    sum(f.achieved or 0 for f in found),
                )
            )
    return totals


def funding_totals(counted: Iterable[Row]) -> tuple[list[FundingTotal], FundingTotal]:
    lines = [f for r in counted for f in r.funding if not f.sought]

    def total(group: str | None) -> FundingTotal:
        selected = [f for f in lines if group is None or f.group == group]
        return FundingTotal(
            group,
            sum(f.planned for f in selected),
            sum(f.engaged or 0 for f in selected),
            sum(f.paid or 0 for f in selected),
        )

    return [total(g) for g in GROUPS if any(f.group == g for f in lines)], total(None)


def state_totals(counted: Iterable[Row]) -> dict[str, int]:
    totals = dict.fromkeys(figures.STATES, 0)
    for row in counted:
        for state, count in row.counts.items():
            totals[state] += count
    return totals


# --- The one-page synthesis -------------------------------------------------------------------------


def synthesis_context(
    all_rows: Sequence[Row], year: int, departement: Departement | None, workbook: str
) -> ContexteSynthese:
    from csi_gen.document.context_base import VersionDocument
    from csi_gen.document.environment import number_mark

    counted = [r for r in all_rows if r.ok]
    groups, total = funding_totals(counted)

    def group(t: FundingTotal) -> FinancementGroupe:
        return FinancementGroupe(
            t.group, t.planned, t.engaged, t.paid, figures.percent(t.paid, t.planned)
        )

    return ContexteSynthese(
        intitule="",
        statut="definitif",
        marquage="",
        filigrane="",
        version=VersionDocument(None, None, False),
        numero=number_mark(),
        annee=year,
        departement=departement,
        contrats=len(counted),
        avec_suivi=sum(1 for r in counted if r.followed),
        classeur=workbook,
        avancements=avancements(state_totals(counted), None, None),
        chiffres=[
            ChiffreTheme(
                t.theme,
                t.contracts,
                t.reporting,
                t.planned,
                t.achieved,
                t.gap,
                figures.percent(t.gap, t.planned),
            )
            for t in theme_totals(counted)
        ],
        financements=[group(t) for t in groups],
        total_financements=group(total),
        echecs=[r.identifiant for r in all_rows if not r.ok],
    )


def render_synthesis(context: ContexteSynthese, templates: Path | None = None) -> Document:
    from csi_gen.document import finishing, tables
    from csi_gen.document.parts import TEMPLATES_DIR
    from csi_gen.document.rendering import ContractTemplate

    template = ContractTemplate(PARTS, templates or TEMPLATES_DIR)
    document = template.render(context)
    finishing.remove_definitions(document.element.body, _sheet(document))
    tables.fit(document.element.body)
    properties = document.core_properties
    properties.title = f"Synthèse des bilans {context.annee}"
    properties.author = properties.last_modified_by = "csi-gen"
    properties.language = "fr-FR"
    stamp = finishing.UNVERSIONED_DATE.replace(tzinfo=None)
    properties.created = properties.modified = stamp
    properties.revision = 1
    return document


def _sheet(document: Document) -> StyleSheet:
    from lxml import etree

    from csi_gen.document import styles

    return styles.parse(str(etree.tostring(document.styles.element, encoding="unicode")), "maitre")


# --- Writing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Consolidated:
    """The départemental consolidation: its rows, workbook and synthesis."""

    rows: list[Row]
    workbook: Path
    synthesis: Path


def check_departement(code: str) -> Departement:
    """The département of ``--departement``, or a French usage error with the nearest code."""
    from csi_gen import geography
    from csi_gen.errors import UsageError, closest

    found = geography.departement(code)
    if found is None:
        near = closest(code, [d.code for d in geography.departements()])
        raise UsageError(
            f"département « {code} » inconnu ; attendu : un code officiel (« 31 », "
            "« 2A », « 974 »)" + (f" ; vouliez-vous dire « {near} » ?" if near else ".")
        )
    return Departement(found.code, found.nom, found.tncc, False, found.tribunal_administratif)


def output_paths(year: int, output_dir: Path, departement: str | None) -> tuple[Path, Path]:
    stem = f"bilan-{year}" + (f"-{departement}" if departement else "")
    return output_dir / f"{stem}.xlsx", output_dir / f"{stem}.docx"


def build_all(
    sources: Sequence[Path],
    year: int,
    output_dir: Path,
    departement: str | None = None,
    workers: int = 1,
    on_done: Callable[[Row], None] = lambda row: None,
) -> Consolidated:
    """Write ``bilan-<année>.xlsx`` and ``bilan-<année>.docx`` for the contracts at ``sources``
    (those of one département, with ``departement``); a contract in error is listed, not
    counted."""
    from csi_gen.document.packaging import to_bytes
    from csi_gen.files import write_atomic
    from csi_gen.follow.spreadsheet import workbook

    chosen = check_departement(departement) if departement else None
    found = rows(sources, year, workers, on_done)
    if chosen is not None:
        found = [r for r in found if not r.ok or r.departement == chosen.code]
    workbook_path, synthesis_path = output_paths(year, output_dir, departement)
    write_atomic(workbook_path, workbook(found, year))
    context = synthesis_context(found, year, chosen, workbook_path.name)
    write_atomic(synthesis_path, to_bytes(render_synthesis(context)))
    return Consolidated(found, workbook_path, synthesis_path)
