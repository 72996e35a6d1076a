"""Build a contract: validate, render, write. The pipeline in order, nothing else."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csi_gen.errors import ConversionError, Problem
from csi_gen.model import Contrat
from csi_gen.numbering import Numerotation
from csi_gen.paths import BUILD_DIR

if TYPE_CHECKING:
    from csi_gen.document.pdf_annexes import Joint


@dataclass(frozen=True)
class Built:
    """What building a contract wrote, its warnings and the time it took."""

    source: Path
    docx: Path
    note: Path
    pdf: Path | None
    warnings: tuple[Problem, ...]
    seconds: float
    joints: tuple[Joint, ...] = ()  # the annexed documents the PDF takes the pages of


NOTE_SUFFIX = "-note.docx"


def output_path(identifiant: str, output_dir: Path, suffix: str = ".docx") -> Path:
    return output_dir / f"{identifiant}{suffix}"


def build_contract(
    source: Path,
    output_dir: Path = BUILD_DIR,
    pdf: bool = False,
    numbering: Callable[[Path, Contrat], Numerotation | None] | None = None,
) -> Built:
    """Write ``<output_dir>/<territoire>.docx`` (and the PDF) for the contract at ``source``,
    and its note de présentation, ``<territoire>-note.docx``.

    With ``pdf``, LibreOffice starts once the contract is known to be valid, and its
    start-up overlaps the rendering; a missing LibreOffice is reported before anything is
    written. A contract with avenants is written as its consolidated version: ``numbering``
    gives the numbers frozen at its signature (``amend.consolidated.numbering``).
    """
    from csi_gen.contract.validation import validate
    from csi_gen.document.assembly import render_document, render_note
    from csi_gen.document.packaging import to_bytes
    from csi_gen.document.pdf_annexes import join, joints
    from csi_gen.errors import display_path
    from csi_gen.files import refuse_unsafe_output, write_atomic
    from csi_gen.versioning import data_version

    started = time.perf_counter()
    validated = validate(source)
    identifiant = validated.contrat.identifiant
    docx_path = output_path(identifiant, output_dir)
    note_path = output_path(identifiant, output_dir, NOTE_SUFFIX)
    pdf_path = output_path(identifiant, output_dir, ".pdf") if pdf else None
    with contextlib.ExitStack() as stack:
        converter = None
        if pdf_path is not None:
            from csi_gen.document.pdf import Converter

            refuse_unsafe_output(pdf_path)
            converter = stack.enter_context(Converter())
        version = data_version(source)
        numbers = _numbers(source, validated.contrat, numbering)
        document = render_document(validated.contrat, version, numerotation=numbers)
        note = render_note(validated, version, display_path(source))
        write_atomic(docx_path, to_bytes(document))
        write_atomic(note_path, to_bytes(note))
        if converter is not None and pdf_path is not None:
            converter.submit(docx_path, pdf_path)
            error = next(iter(converter.results().values()))
            if error is not None:
                raise ConversionError(f"la conversion PDF par LibreOffice a échoué.\n{error}")
            join(pdf_path, joints(validated.contrat))
    seconds = time.perf_counter() - started
    return Built(
        source,
        docx_path,
        note_path,
        pdf_path,
        validated.warnings,
        seconds,
        joints(validated.contrat),
    )


def _numbers(
    source: Path, contrat: Contrat, numbering: Callable[[Path, Contrat], Numerotation | None] | None
) -> Numerotation | None:
    if not contrat.avenants:
        return None
    if numbering is None:
        from csi_gen.errors import UsageError, display_path

        raise UsageError(
            f"{display_path(source)} a des avenants : générez sa version consolidée seule, "
            f"« csi-gen generer {contrat.identifiant} »."
        )
    return numbering(source, contrat)
