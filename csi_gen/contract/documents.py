"""The PDF documents a contract annexes, read from their files next to the contract.

Each ``fichier`` is a path from the contract's folder; it must stay inside that folder, be a
regular file of at most ``MAX_BYTES`` and a PDF that opens (pypdf) without a password. Its
pages are counted for the annex that names it, and whether it declares PDF/A is noted: the
contract's PDF stays PDF/A only if every document joined to it is. A missing or unreadable
file is a problem located on its « fichier ».
"""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

from csi_gen.errors import Problem, Severity
from csi_gen.model import Contrat, DocumentAnnexe

MAX_BYTES = 100 * 1024 * 1024


def attach(contrat: Contrat, folder: Path) -> tuple[Contrat, list[Problem]]:
    """The contract with its annexed documents read from ``folder``; and what went wrong."""
    if not contrat.documents_annexes:
        return contrat, []
    problems: list[Problem] = []
    documents = []
    for document in contrat.documents_annexes:
        read, problem = _read(document, folder)
        documents.append(read)
        problems += problem
    return dataclasses.replace(contrat, documents_annexes=tuple(documents)), problems


def _read(document: DocumentAnnexe, folder: Path) -> tuple[DocumentAnnexe, list[Problem]]:
    path = folder / document.fichier
    where = (*document.path, "fichier")
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
        mode = path.stat().st_mode
    except OSError:
        return document, [_problem(where, "fichier introuvable", str(path))]
    if not inside:
        return document, [_problem(where, "fichier hors du dossier du contrat", str(path))]
    if not stat.S_ISREG(mode):
        return document, [_problem(where, "ce chemin n'est pas un fichier", str(path))]
    if path.stat().st_size > MAX_BYTES:
        return document, [_problem(where, "fichier de plus de 100 Mo", str(path))]
    try:
        pages, pdfa = _pdf(path)
    except _Unreadable as error:
        return document, [_problem(where, f"PDF illisible : {error}", str(path))]
    read = dataclasses.replace(document, chemin=path.resolve(), pages=pages, pdfa=pdfa)
    if pdfa:
        return read, []
    warning = Problem(
        "DOCUMENT-PDFA",
        where,
        "document qui n'est pas au format PDF/A : le PDF du contrat qui le reprend ne le sera pas",
        expected="un PDF/A (l'original archivé, ou une conversion en PDF/A)",
        severity=Severity.WARNING,
    )
    return read, [warning]


class _Unreadable(Exception):
    """Why a PDF cannot be read, in French."""


def _pdf(path: Path) -> tuple[int, bool]:
    """The number of pages of the PDF at ``path``, and whether it declares PDF/A."""
    with path.open("rb") as file:
        if not file.read(1024).lstrip().startswith(b"%PDF-"):
            raise _Unreadable("ce n'est pas un fichier PDF")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise _Unreadable("il est protégé par un mot de passe")
        pages = len(reader.pages)
        metadata = reader.root_object.get("/Metadata")
        pdfa = metadata is not None and b"pdfaid:part" in metadata.get_object().get_data()
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        raise _Unreadable(f"{type(error).__name__} : {error}") from None
    if pages == 0:
        raise _Unreadable("il n'a aucune page")
    return pages, pdfa


def _problem(where: tuple[str | int, ...], message: str, found: str) -> Problem:
    code = "DOCUMENT-ABSENT" if message.startswith("fichier introuvable") else "DOCUMENT-ILLISIBLE"
    return Problem(code, where, message, expected="un fichier PDF lisible", found=found)
