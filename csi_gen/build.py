"""Build a contract: validate, render, write. The pipeline in order, nothing else."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from csi_gen.errors import Problem
from csi_gen.paths import BUILD_DIR


@dataclass(frozen=True)
class Built:
    source: Path
    docx: Path
    pdf: Path | None
    warnings: tuple[Problem, ...]
    seconds: float


def output_path(identifiant: str, output_dir: Path, suffix: str = ".docx") -> Path:
    return output_dir / f"{identifiant}{suffix}"


def render_bytes(source: Path) -> tuple[bytes, tuple[Problem, ...], str]:
    """Validate and render one contract; nothing is written."""
    from csi_gen.assembly import render_document, to_bytes
    from csi_gen.validation import validate
    from csi_gen.versioning import data_version

    validated = validate(source)
    document = render_document(validated.contrat, data_version(source))
    return to_bytes(document), validated.warnings, validated.contrat.identifiant


def build_contract(source: Path, output_dir: Path = BUILD_DIR, pdf: bool = False) -> Built:
    """Write ``<output_dir>/<territoire>.docx`` (and the PDF) for the contract at ``source``."""
    from csi_gen.assembly import refuse_unsafe_output, write_atomic

    started = time.perf_counter()
    data, warnings, identifiant = render_bytes(source)
    docx_path = output_path(identifiant, output_dir)
    if pdf:  # checked before the .docx is written: all or nothing
        refuse_unsafe_output(output_path(identifiant, output_dir, ".pdf"))
    write_atomic(docx_path, data)
    pdf_path = None
    if pdf:
        from csi_gen.pdf import convert_to_pdf

        pdf_path = convert_to_pdf(docx_path, output_path(identifiant, output_dir, ".pdf"))
    return Built(source, docx_path, pdf_path, warnings, time.perf_counter() - started)
