"""The pages of the annexed documents, joined to the contract's PDF after their annex.

LibreOffice writes the contract's PDF, where each annexed document has its annex heading
(« Annexe 9 – Convention de coordination… »), found through the PDF's outline. The
document's pages are inserted after that heading's page(s), with pypdf; the PDF keeps its
metadata, its outline and its tags. Page labels keep the contract's numbering, which the
table of contents and the footers (« Page 12 / 20 ») use: an inserted page is labelled
« Annexe 9, p. 3 ». The PDF stays identified as PDF/A only if every joined document declares
PDF/A itself; otherwise its PDF/A identification is removed rather than left untrue. The
file is replaced atomically.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csi_gen.errors import ConversionError
from csi_gen.model import Contrat

_ANNEX = re.compile(r"^Annexe (\d+)\b")
_PDFA_ID = re.compile(
    rb"<pdfaid:(part|conformance|amd|rev)>[^<]*</pdfaid:\1>|\s*pdfaid:(?:part|conformance|amd|rev)=\"[^\"]*\""
)


@dataclass(frozen=True)
class Joint:
    """A document to join: its annex number, its file, whether it declares PDF/A."""

    numero: int
    chemin: Path
    pdfa: bool


def joints(contrat: Contrat) -> tuple[Joint, ...]:
    from csi_gen.document.context_annexes import numbered_documents

    return tuple(
        Joint(n, d.chemin, d.pdfa) for n, d in numbered_documents(contrat) if d.chemin is not None
    )


def join(pdf: Path, documents: Sequence[Joint]) -> None:
    """Insert each document's pages after its annex in ``pdf``, in place."""
    if not documents:
        return
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    reader = PdfReader(pdf)
    headings = _annex_pages(reader, reader.outline)
    total = len(reader.pages)
    positions = []
    for document in documents:
        if document.numero not in headings:
            raise ConversionError(
                f"l'annexe {document.numero} est introuvable dans le PDF : ses pages "
                f"({document.chemin.name}) ne peuvent pas y être jointes."
            )
        after = [p for p in headings.values() if p > headings[document.numero]]
        positions.append((min(after, default=total), document))
    writer = PdfWriter(clone_from=reader)
    inserted: list[tuple[int, int, int]] = []  # (position in the contract, pages, annex)
    for position, document in sorted(positions, key=lambda p: p[0], reverse=True):
        before = len(writer.pages)
        writer.merge(position, str(document.chemin), import_outline=False)
        inserted.append((position, len(writer.pages) - before, document.numero))
    shift = 0
    start = 0
    for position, count, numero in sorted(inserted):
        if position > start:
            writer.set_page_label(
                start + shift, position + shift - 1, PageLabelStyle.DECIMAL, None, start + 1
            )
        writer.set_page_label(
            position + shift,
            position + shift + count - 1,
            PageLabelStyle.DECIMAL,
            f"Annexe {numero}, p. ",
            1,
        )
        shift += count
        start = position
    if start < total:
        writer.set_page_label(
            start + shift, total + shift - 1, PageLabelStyle.DECIMAL, None, start + 1
        )
    if not all(d.pdfa for d in documents):
        _drop_pdfa_identification(writer)
    _write_atomic(writer, pdf)


def _annex_pages(reader: Any, outline: list[Any]) -> dict[int, int]:
    """The page (from 0) of each annex heading, by its number, from the outline."""
    found: dict[int, int] = {}
    for item in outline:
        if isinstance(item, list):
            found.update(_annex_pages(reader, item))
            continue
        match = _ANNEX.match(str(item.title or ""))
        if match:
            page = reader.get_destination_page_number(item)
            if page is not None:
                found.setdefault(int(match.group(1)), page)
    return found


def _drop_pdfa_identification(writer: Any) -> None:
    """Remove the PDF/A part and conformance from the XMP metadata, left untrue by pages that
    are not PDF/A."""
    metadata = writer.root_object.get("/Metadata")
    if metadata is None:
        return
    stream = metadata.get_object()
    data = _PDFA_ID.sub(b"", stream.get_data())
    stream.set_data(data)


def _write_atomic(writer: Any, target: Path) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            writer.write(file)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
