"""Compare two versions of a contract: build both, redline the later, list what changed.

The earlier version is a git revision (``--depuis``); the later one another revision
(``--jusqua``) or the working tree. Each revision is read from git with the Word
templates as they were then, validated and rendered in memory. The comparison document
is the later contract in which every difference from the earlier one is a tracked change,
preceded by a « Tableau des modifications » that lists the changes of the data.
"""

from __future__ import annotations

import copy
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen.compare import revisions
from csi_gen.compare.changes import Change, changes
from csi_gen.compare.naming import NOTHING
from csi_gen.contract.validation import validate
from csi_gen.document.assembly import render_document
from csi_gen.document.finishing import UNVERSIONED_DATE
from csi_gen.document.ooxml import W
from csi_gen.document.packaging import to_bytes
from csi_gen.document.parts import TEMPLATES_DIR
from csi_gen.errors import (
    InvalidContractError,
    Problem,
    TemplateError,
    display_path,
    plural,
)
from csi_gen.files import write_atomic
from csi_gen.formatting import date_longue
from csi_gen.model import Contrat
from csi_gen.numbering import Frozen, Numerotation
from csi_gen.versioning import Version

if TYPE_CHECKING:
    from docx.document import Document

AUTHOR = "csi-gen"
Locate = Callable[[Path, Contrat, Contrat], Frozen | None]
SUFFIX = "-comparaison.docx"


@dataclass(frozen=True)
class Side:
    """One version of the contract, validated, with the templates to render it."""

    label: str  # « HEAD~1 (1a2b3c4) du 12 mars 2026 », « copie de travail »
    contrat: Contrat
    version: Version
    templates: Path
    timestamp: datetime | None  # the commit's date; for the working tree, HEAD's
    warnings: tuple[Problem, ...] = ()
    note: str | None = None
    shown_as: tuple[str, str] | None = None  # (temporary folder, « HEAD~1: ») for messages
    numbers: Numerotation | None = None  # a signed contract's frozen numbers


@dataclass(frozen=True)
class Comparison:
    """What changed from one version to the other, and the comparison document if built."""

    source: Path
    before: str
    after: str
    changes: tuple[Change, ...]
    warnings: tuple[Problem, ...]
    identifiant: str
    docx: bytes | None = None
    revisions: int = 0
    notes: tuple[str, ...] = ()
    seconds: float = field(default=0.0, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "contrat": display_path(self.source),
            "depuis": self.before,
            "jusqua": self.after,
            "modifications": [
                {"element": c.element, "avant": c.before, "apres": c.after, "texte": str(c)}
                for c in self.changes
            ],
        }


def output_path(identifiant: str, output_dir: Path) -> Path:
    return output_dir / f"{identifiant}{SUFFIX}"


def compare(
    contract: Path,
    depuis: str,
    jusqua: str | None = None,
    document: bool = True,
    templates_dir: Path = TEMPLATES_DIR,
    locate: Locate | None = None,
) -> Comparison:
    """Compare the contract at ``depuis`` with ``jusqua`` (or the working tree).

    With ``document``, also render both versions and build the comparison document. With
    ``locate`` (``amend.places.places``), the engagements of a signed contract are named by
    their article and point, frozen at signature.
    """
    started = time.perf_counter()
    repo = revisions.repository(contract)
    earlier = revisions.resolve(repo, depuis)
    later = revisions.resolve(repo, jusqua) if jusqua is not None else None
    with tempfile.TemporaryDirectory(prefix="csi-gen-comparaison-") as folder:
        old = _at_revision(repo, earlier, Path(folder) / "avant", templates_dir)
        if later is None:
            new = _working_tree(repo, contract, templates_dir)
        else:
            new = _at_revision(repo, later, Path(folder) / "apres", templates_dir)
        frozen = locate(contract, old.contrat, new.contrat) if locate else None
        found = tuple(changes(old.contrat, new.contrat, frozen.places if frozen else None))
        if frozen is not None:  # both texts numbered as signed
            old, new = (
                replace(old, numbers=frozen.numbers[0]),
                replace(new, numbers=frozen.numbers[1]),
            )
        notes = tuple(n for n in (old.note, new.note) if n)
        result = Comparison(
            contract, old.label, new.label, found, new.warnings, new.contrat.identifiant,
            notes=notes,
        )  # fmt: skip
        if document:
            data, count = _document(old, new, result)
            result = replace(result, docx=data, revisions=count)
    return replace(result, seconds=time.perf_counter() - started)


def write(comparison: Comparison, output_dir: Path) -> Path:
    """Write ``<output_dir>/<territoire>-comparaison.docx`` atomically."""
    assert comparison.docx is not None
    target = output_path(comparison.identifiant, output_dir)
    write_atomic(target, comparison.docx)
    return target


# --- The two sides ------------------------------------------------------------------------------


def _at_revision(
    repo: revisions.Repository, revision: revisions.Revision, folder: Path, templates_dir: Path
) -> Side:
    path = revisions.read_contract(repo, revision, folder / repo.contract)
    templates, note, shown_as = templates_dir, None, None
    relative = repo.relative(templates_dir)
    if relative is not None:
        if revisions.export_directory(repo, revision, relative, folder / "modeles"):
            templates = folder / "modeles" / relative
            shown_as = (f"{folder / 'modeles'}/", f"{revision.name}:")
        else:
            note = (
                f"Les modèles Word n'existent pas à la révision {revision.label} : "
                "la version de départ est mise en page avec les modèles actuels."
            )
    try:
        validated = validate(path, documents=False)  # the annexed PDFs are not read from git
    except InvalidContractError as error:
        located = Path(revisions.git_path(revision, repo.contract))
        raise InvalidContractError(located, error.problems) from None
    label = f"{revision.label} du {date_longue(revision.timestamp.date())}"
    return Side(
        label,
        validated.contrat,
        revisions.version_at(repo, revision),
        templates,
        revision.timestamp,
        validated.warnings,
        note,
        shown_as,
    )


def _working_tree(repo: revisions.Repository, contract: Path, templates_dir: Path) -> Side:
    validated = validate(contract)
    version = revisions.working_tree_version(repo)
    label = "copie de travail" + (", non enregistrée dans git" if version.modified else "")
    return Side(
        label,
        validated.contrat,
        version,
        templates_dir,
        revisions.head_timestamp(repo),
        validated.warnings,
    )


def _render(side: Side) -> Document:
    try:
        return render_document(side.contrat, side.version, side.templates, side.numbers)
    except TemplateError as error:
        if side.shown_as is None:
            raise
        raise TemplateError(error.message.replace(*side.shown_as)) from None


def _document(old: Side, new: Side, comparison: Comparison) -> tuple[bytes, int]:
    from csi_gen.compare.redline import Stamp, redline  # lxml: not for « --format texte »

    earlier = _render(old)
    later = _render(new)
    stamp = Stamp(AUTHOR, new.timestamp or UNVERSIONED_DATE)
    count = redline(earlier, later, stamp)
    _prepend_summary(later, comparison, count, new.templates)
    return to_bytes(later), count


# --- The summary ----------------------------------------------------------------------------------


def summary_lines(comparison: Comparison) -> list[str]:
    """The « Tableau des modifications » as lines of text, for the terminal."""
    lines = [
        f"Comparaison de {display_path(comparison.source)}",
        f"  depuis : {comparison.before}",
        f"  jusqu'à : {comparison.after}",
        "",
    ]
    if not comparison.changes:
        lines.append("Aucune modification.")
    else:
        lines.append(f"{plural(len(comparison.changes), 'modification')} :")
        lines.extend(f"- {change}" for change in comparison.changes)
    lines.extend(comparison.notes)
    return lines


def summary_document(comparison: Comparison, revision_count: int, templates: Path) -> Document:
    """The « Tableau des modifications », rendered from the template comparaison.docx."""
    from csi_gen.document.context import Comparaison, ContexteComparaison, Modification
    from csi_gen.document.context_base import VersionDocument
    from csi_gen.document.environment import number_mark
    from csi_gen.document.rendering import ContractTemplate

    context = ContexteComparaison(
        intitule="",
        statut="",
        marquage="",
        filigrane="",
        version=VersionDocument(None, None, False),
        numero=number_mark(),
        comparaison=Comparaison(
            contrat=display_path(comparison.source),
            depuis=comparison.before,
            jusqua=comparison.after,
            modifications=[
                Modification(c.element, c.before or NOTHING, c.after or NOTHING)
                for c in comparison.changes
            ],
            revisions=revision_count,
            notes=list(comparison.notes),
        ),
    )
    return ContractTemplate(["comparaison"], templates).render(context)


def _prepend_summary(
    document: Document, comparison: Comparison, revision_count: int, templates: Path
) -> None:
    """Put the summary in a section of its own before the contract, without header or footer.

    The contract's section keeps its header, footer and first-page setting. Its pages are
    not numbered from 1 again: LibreOffice would then count a blank page in « Page X / Y ».
    """
    from lxml import etree

    body = document.element.body
    section = body.find(f"{{{W}}}sectPr")
    summary = summary_document(comparison, revision_count, templates).element.body
    elements = [copy.deepcopy(e) for e in summary if e.tag != f"{{{W}}}sectPr"]
    if section is not None:
        own = copy.deepcopy(section)
        for child in list(own):
            name = etree.QName(child).localname
            if name in ("headerReference", "footerReference", "titlePg"):
                own.remove(child)
        breaker = etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr/></w:p>')
        breaker[0].append(own)
        elements.append(breaker)
    for position, element in enumerate(elements):
        body.insert(position, element)
