"""Build the bilan of one year: validate the contract and its follow-up, compute, render the
templates bilan-*.docx in the master, write build/<territoire>-bilan-<année>.docx (and PDF)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csi_gen.document.context_bilan import BILAN_PARTS
from csi_gen.errors import ConversionError, Problem, UsageError, display_path
from csi_gen.follow.figures import Bilan
from csi_gen.follow.validation import FollowUp
from csi_gen.paths import BUILD_DIR
from csi_gen.versioning import Version

if TYPE_CHECKING:
    from docx.document import Document

    from csi_gen.document.assembly import Numbering
    from csi_gen.document.styles import StyleSheet

PARTS = BILAN_PARTS


@dataclass(frozen=True)
class Built:
    """What writing a bilan produced, its warnings and the time it took."""

    docx: Path
    pdf: Path | None
    bilan: Bilan
    warnings: tuple[tuple[Path, Problem], ...]  # each with the file it is located in
    seconds: float


def output_path(identifiant: str, year: int, output_dir: Path, suffix: str = ".docx") -> Path:
    return output_dir / f"{identifiant}-bilan-{year}{suffix}"


def year_of(followup: FollowUp, year: int | None) -> int:
    """The year asked for, which the follow-up must have; by default its last one."""
    years = [a.annee for a in followup.suivi.annees]
    if year is None:
        if not years:
            raise UsageError(
                f"{display_path(followup.path)} ne suit encore aucune année ; "
                f"« csi-gen suivi {followup.suivi.identifiant} --annee <année> » en ajoute une."
            )
        return years[-1]
    if year not in years:
        shown = ", ".join(str(y) for y in years) or "aucune"
        raise UsageError(
            f"{display_path(followup.path)} ne suit pas l'année {year} (années suivies : "
            f"{shown}) ; « csi-gen suivi {followup.suivi.identifiant} --annee {year} » l'ajoute."
        )
    return year


def compute(followup: FollowUp, year: int) -> Bilan:
    from csi_gen.follow import figures

    return figures.bilan(followup.contract.contrat, followup.suivi, year)


def warnings_of(followup: FollowUp) -> tuple[tuple[Path, Problem], ...]:
    contract = followup.contract.source.path
    return (
        *((contract, p) for p in followup.contract.warnings),
        *((contract, p) for p in followup.contract_warnings),
        *((followup.path, p) for p in followup.warnings),
    )


def build_bilan(
    contract: Path, year: int | None = None, output_dir: Path = BUILD_DIR, pdf: bool = False
) -> Built:
    """Write ``<output_dir>/<territoire>-bilan-<année>.docx`` (and its PDF)."""
    from csi_gen.document.packaging import to_bytes
    from csi_gen.files import refuse_unsafe_output, write_atomic
    from csi_gen.follow.validation import validate_follow_up
    from csi_gen.versioning import data_version

    started = time.perf_counter()
    followup = validate_follow_up(contract)
    year = year_of(followup, year)
    bilan = compute(followup, year)
    identifiant = followup.contract.contrat.identifiant
    docx_path = output_path(identifiant, year, output_dir)
    pdf_path = output_path(identifiant, year, output_dir, ".pdf") if pdf else None
    with contextlib.ExitStack() as stack:
        converter = None
        if pdf_path is not None:
            from csi_gen.document.pdf import Converter

            refuse_unsafe_output(pdf_path)
            converter = stack.enter_context(Converter())
        document = render(bilan, data_version(contract), data_version(followup.path))
        write_atomic(docx_path, to_bytes(document))
        if converter is not None and pdf_path is not None:
            converter.submit(docx_path, pdf_path)
            error = next(iter(converter.results().values()))
            if error is not None:
                raise ConversionError(f"la conversion PDF par LibreOffice a échoué.\n{error}")
    return Built(docx_path, pdf_path, bilan, warnings_of(followup), time.perf_counter() - started)


# --- Rendering --------------------------------------------------------------------------------------


class Charts:
    """The bilan's charts: one part each, with its workbook, placed where a template asks."""

    def __init__(self, document: Document, sheet: StyleSheet) -> None:
        self.document = document
        self.sheet = sheet
        self.count = 0

    def add(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None]]],
        description: str,
    ) -> str:
        from csi_gen.document import charts, styles

        self.count += 1
        relationship = charts.add_chart_part(self.document, self.count, categories, series)
        return charts.inline_paragraph_xml(
            relationship,
            6000 + self.count,
            description,
            charts.chart_height_cm(len(series)),
            self.sheet.id(styles.NORMAL),
        )


@dataclass
class Hooks:
    """What the bilan's values need from the document: list numbering and style ids."""

    numbering: Numbering
    sheet: StyleSheet

    def new_list(self, ordered: bool, level: int, start: int) -> int:
        return self.numbering.new_list(ordered, level, start)

    def add_chart(self, index: int) -> str:
        raise NotImplementedError  # the bilan's charts are drawn by ``Charts``

    def style(self, name: str) -> str:
        return self.sheet.id(name)


def render(
    bilan: Bilan,
    contract_version: Version,
    followup_version: Version,
    templates: Path | None = None,
) -> Document:
    """The bilan's document, rendered from the templates and finished."""
    from csi_gen.document import finishing, styles
    from csi_gen.document.assembly import Numbering
    from csi_gen.document.context_base import commun
    from csi_gen.document.parts import MASTER, TEMPLATES_DIR, template_path
    from csi_gen.document.rendering import ContractTemplate
    from csi_gen.follow.context import BilanBuilder

    directory = templates or TEMPLATES_DIR
    template = ContractTemplate(PARTS, directory)
    document = template.document
    sheet = styles.of(template_path(MASTER, directory))
    charts = Charts(document, sheet)
    hooks = Hooks(Numbering(document, sheet), sheet)
    context = BilanBuilder(bilan, hooks, charts.add).build(
        commun(bilan.contrat, contract_version),
        (contract_version.label, followup_version.label),
    )
    document = template.render(context)
    finishing.finish(document, bilan.contrat, contract_version)
    properties = document.core_properties
    properties.title = f"Bilan {bilan.year} – {bilan.contrat.intitule}"
    properties.subject = f"Bilan annuel {bilan.year} – {bilan.contrat.territoire.nom}"
    properties.keywords = f"contrat de sécurité intégrée; bilan; {bilan.contrat.territoire.nom}"
    return document
