"""From the model to the finished .docx: plan, render, number, table of contents, save.

After docxtpl has rendered the templates, the document is finished here: headings are
numbered (Titre Ier, Chapitre Ier, Article 1er, Annexe 1), the table of contents is filled
from those headings, year tables get their column widths, document properties are set,
and the file is written with fixed timestamps and member order, atomically.
"""

from __future__ import annotations

import errno
import fcntl
import glob
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen import formatting
from csi_gen.document import charts
from csi_gen.document.ooxml import escape_text
from csi_gen.document.rendering import TEMPLATES_DIR, ContractTemplate, Section, W
from csi_gen.errors import OutputError, os_reason
from csi_gen.model import Contrat
from csi_gen.versioning import Version

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

ANNEXES = (
    "annexe-diagnostic",
    "annexe-engagements",
    "annexe-trajectoires",
    "annexe-financement",
    "annexe-indicateurs",
    "annexe-catalogue",
    "annexes-libres",
)
TOC_PLACEHOLDER = "[Sommaire"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
UNVERSIONED_DATE = datetime(2021, 4, 16, tzinfo=UTC)  # the circular's date


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def plan(contrat: Contrat) -> list[Section]:
    """The part templates of a contract, in the order of the document."""
    sections = [
        Section("couverture"),
        Section("sommaire"),
        Section("parties"),
        Section("visas"),
        Section("preambule"),
        Section("dispositions-generales"),
    ]
    for volet in contrat.volets:
        sections.append(
            Section(
                f"volet-{volet.id.replace('_', '-')}",
                before=f"{{%p with volet = volets.{volet.id} %}}",
                after="{%p endwith %}",
            )
        )
    sections += [Section("dispositions-finales"), Section("signatures")]
    sections += [Section(name) for name in ANNEXES]
    return sections


# --- Hooks used while rendering: list numbering and charts --------------------------------------


class Numbering:
    """New numbering instances, so that each Markdown list restarts where it should."""

    BULLETS, NUMBERS = 1, 2  # abstract numbering definitions of the master template

    def __init__(self, document: Document) -> None:
        self.element = document.part.numbering_part.element
        ids = [int(n) for n in self.element.xpath("./w:num/@w:numId")]
        self.next_id = max(ids, default=0) + 1

    def new_list(self, ordered: bool, level: int, start: int) -> int:
        from lxml import etree

        num_id = self.next_id
        self.next_id += 1
        num = etree.SubElement(self.element, _w("num"), {_w("numId"): str(num_id)})
        abstract = self.NUMBERS if ordered else self.BULLETS
        etree.SubElement(num, _w("abstractNumId"), {_w("val"): str(abstract)})
        override = etree.SubElement(num, _w("lvlOverride"), {_w("ilvl"): str(level)})
        etree.SubElement(override, _w("startOverride"), {_w("val"): str(start)})
        return num_id


class Charts:
    """Chart parts for the diagnostic, one per unit of measure, related to the document as
    they are placed."""

    def __init__(self, document: Document, contrat: Contrat) -> None:
        self.document = document
        self.groups = charts.by_unit(contrat.diagnostic.indicateurs if contrat.diagnostic else ())
        self.count = 0

    def add(self, index: int) -> str:
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        group = self.groups[index]
        years = charts.years(group)
        self.count += 1
        xml = charts.chart_xml(
            [str(year) for year in years],
            [(i.libelle, [dict(i.valeurs).get(year) for year in years]) for i in group],
        )
        part = Part(
            PackURI(f"/word/charts/chart{self.count}.xml"),
            charts.CHART_CONTENT_TYPE,
            xml.encode("utf-8"),
            self.document.part.package,
        )
        relationship = self.document.part.relate_to(part, charts.CHART_RELATIONSHIP)
        description = f"{formatting.liste_et(i.libelle for i in group)} ({group[0].unite})"
        return charts.inline_paragraph_xml(
            relationship, 5000 + self.count, description, charts.chart_height_cm(len(group))
        )


@dataclass
class Hooks:
    """The numbering and chart hooks of one document, as ``context.Hooks``."""

    numbering: Numbering
    charts: Charts

    def new_list(self, ordered: bool, level: int, start: int) -> int:
        return self.numbering.new_list(ordered, level, start)

    def add_chart(self, index: int) -> str:
        return self.charts.add(index)


# --- Rendering and finishing ----------------------------------------------------------------------


def render_document(
    contrat: Contrat, version: Version, templates_dir: Path = TEMPLATES_DIR
) -> Document:
    from csi_gen.document.context import build_context

    template = ContractTemplate(plan(contrat), templates_dir)
    document = template.document
    numbering = Numbering(document)
    chart_parts = Charts(document, contrat)
    context = build_context(contrat, version, Hooks(numbering, chart_parts))
    document = template.render(context)
    finish(document, contrat, version)
    return document


def finish(document: Document, contrat: Contrat, version: Version) -> None:
    body = document.element.body
    headings = number_headings(body)
    fill_table_of_contents(body, headings)
    set_properties(document, contrat, version)


_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _ordinal_roman(number: int) -> str:
    return "Ier" if number == 1 else (_ROMAN[number] if number < len(_ROMAN) else str(number))


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    bookmark: str


def _style(paragraph: _Element) -> str | None:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style.get(_w("val")) if style is not None else None


def _text(paragraph: _Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_w("t")))


def number_headings(body: _Element) -> list[Heading]:
    """Prefix « Titre Ier – », « Chapitre II – », « Article 3 – », « Annexe 1 – »; bookmark each."""
    from lxml import etree

    counters = {"TitreCSI": 0, "Chapitre": 0, "Article": 0, "Annexe": 0}
    headings: list[Heading] = []
    condition = " or ".join(f"@w:val='{name}'" for name in counters)
    found = etree.XPath(f"//w:p[w:pPr/w:pStyle[{condition}]]", namespaces={"w": W})
    for paragraph in found(body):
        style = _style(paragraph) or ""
        counters[style] += 1
        number = counters[style]
        if style == "TitreCSI":
            counters["Chapitre"] = 0
            prefix, level = f"Titre {_ordinal_roman(number)}", 1
        elif style == "Chapitre":
            prefix, level = f"Chapitre {_ordinal_roman(number)}", 2
        elif style == "Article":
            prefix, level = f"Article {'1er' if number == 1 else number}", 3
        else:
            prefix, level = f"Annexe {number}", 1
        prefix += f"{formatting.NBSP}– "
        ppr = paragraph.find(_w("pPr"))
        run = etree.fromstring(
            f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">{escape_text(prefix)}</w:t></w:r>'
        )
        position = list(paragraph).index(ppr) + 1 if ppr is not None else 0
        paragraph.insert(position, run)
        bookmark = f"_Toc{len(headings) + 1:06d}"
        start = etree.fromstring(
            f'<w:bookmarkStart xmlns:w="{W}" w:id="{len(headings) + 1}" w:name="{bookmark}"/>'
        )
        end = etree.fromstring(f'<w:bookmarkEnd xmlns:w="{W}" w:id="{len(headings) + 1}"/>')
        paragraph.insert(position, start)
        paragraph.append(end)
        headings.append(Heading(level, _text(paragraph), bookmark))
    return headings


def fill_table_of_contents(body: _Element, headings: list[Heading]) -> None:
    """Replace the placeholder with a TOC field whose result lists every heading.

    Page numbers are fields too (PAGEREF), left empty: LibreOffice fills them on the PDF
    path, Word when it updates fields on opening (``w:updateFields`` in the settings).
    """
    from lxml import etree

    placeholder = next(
        (p for p in body.iter(_w("p")) if _text(p).startswith(TOC_PLACEHOLDER)), None
    )
    if placeholder is None:
        return
    parent = placeholder.getparent()
    index = list(parent).index(placeholder)
    parent.remove(placeholder)
    paragraphs = []
    for position, heading in enumerate(headings):
        runs = ""
        if position == 0:
            runs += (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            )
        runs += (
            f'<w:hyperlink w:anchor="{heading.bookmark}" w:history="1">'
            f'<w:r><w:t xml:space="preserve">{escape_text(heading.text)}</w:t></w:r>'
            "<w:r><w:tab/></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {heading.bookmark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:hyperlink>"
        )
        if position == len(headings) - 1:
            runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        paragraphs.append(
            f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="TOC{heading.level}"/></w:pPr>{runs}</w:p>'
        )
    for offset, xml in enumerate(paragraphs):
        parent.insert(index + offset, etree.fromstring(xml))


def set_properties(document: Document, contrat: Contrat, version: Version) -> None:
    stamp = version.timestamp or UNVERSIONED_DATE
    stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    props = document.core_properties
    props.title = contrat.intitule
    props.subject = (
        f"Contrat de sécurité intégrée – {contrat.territoire.nom} – "
        f"{contrat.periode.debut.year}-{contrat.periode.fin.year}"
    )
    props.author = "csi-gen"
    props.last_modified_by = "csi-gen"
    props.language = "fr-FR"
    props.keywords = f"contrat de sécurité intégrée; {contrat.territoire.nom}"
    props.comments = f"Données : {version.label}"
    props.content_status = contrat.statut.value
    props.identifier = contrat.identifiant
    props.version = version.commit or "non versionné"
    props.revision = 1
    props.created = stamp
    props.modified = stamp


# --- Saving ---------------------------------------------------------------------------------------


def to_bytes(document: Document) -> bytes:
    """The .docx bytes, identical for identical inputs: fixed times, fixed member order.

    Written here rather than by ``Document.save`` then rewritten: each XML part is
    serialised straight into the zip (a large contract's document.xml never sits whole in
    memory), with python-docx's own content types and relationships.
    """
    from docx.opc.part import XmlPart
    from docx.opc.pkgwriter import _ContentTypesItem
    from lxml import etree

    package = document.part.package
    parts = list(package.iter_parts())
    members: dict[str, Any] = {
        "[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        members[part.partname.membername] = (
            part._element if isinstance(part, XmlPart) else part.blob
        )
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name in sorted(members, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = members[name]
            if isinstance(content, bytes):
                target.writestr(info, content)
                continue
            with target.open(info, "w") as stream:  # python-docx's serialize_part_xml, streamed
                etree.ElementTree(content).write(stream, encoding="UTF-8", standalone=True)
    return output.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The temporary file, ``.<name>.<random>.tmp``, is hidden and locked until it has been
    renamed. A build killed while writing leaves the previous document intact and, at worst,
    that hidden file: the next build of the same document removes it, once no build holds
    its lock (a concurrent build's temporary file is left alone).
    """
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        refuse_unsafe_output(path)
        remove_abandoned_temporaries(path)
        descriptor, temporary = _locked_temporary(path)
    except OSError as error:
        raise OutputError(f"impossible d'écrire dans {directory} ({os_reason(error)}).") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            Path(temporary).chmod(0o644)
            Path(temporary).replace(path)  # still locked: never taken for an abandoned file
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(
            f"impossible d'écrire {path} ({os_reason(error)}) ; le document précédent est intact."
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_unsafe_output(path: Path) -> None:
    """A symbolic link or a folder where a document is to be written is never replaced."""
    if path.is_symlink():
        raise OutputError(
            f"{path} est un lien symbolique ; csi-gen ne l'écrase pas. "
            "Supprimez-le ou choisissez un autre dossier de sortie."
        )
    if path.is_dir():
        raise OutputError(
            f"{path} est un dossier ; csi-gen ne le remplace pas par le document. "
            "Déplacez-le ou choisissez un autre dossier de sortie."
        )


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new hidden temporary file next to ``path``, open and locked."""
    for _ in range(8):
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        # Between its creation and the lock, another build may have taken the new file for
        # an abandoned one and removed it: then take another.
        try:
            if Path(temporary).stat().st_ino == os.fstat(descriptor).st_ino:
                return descriptor, temporary
        except FileNotFoundError:
            pass
        os.close(descriptor)
    raise OSError(errno.EAGAIN, "fichiers temporaires supprimés à mesure")


def remove_abandoned_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` that killed builds left; return them."""
    removed = []
    for candidate in sorted(path.parent.glob(f".{glob.escape(path.name)}.*.tmp")):
        try:
            descriptor = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if candidate.lstat().st_ino == os.fstat(descriptor).st_ino:
                candidate.unlink()
                removed.append(candidate)
        except OSError:  # locked: a build is writing it
            continue
        finally:
            os.close(descriptor)
    return removed
