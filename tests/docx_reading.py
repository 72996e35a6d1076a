"""Read a generated .docx back, as a reader (or a jurist's tool) would."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPACES = {"\u00a0": " ", "\u202f": " ", "\u2019": "'", "\u2011": "-"}


def plain(text: str) -> str:
    """Text with no-break spaces, typographic apostrophes and no-break hyphens made ordinary,
    to compare with the source data."""
    for special, ordinary in SPACES.items():
        text = text.replace(special, ordinary)
    return text


def paragraphs(path: Path) -> list[tuple[str | None, str]]:
    """(style id, text) of every paragraph of the body, tables included, in order."""
    document = docx.Document(str(path))
    result = []
    for paragraph in document.element.body.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = "".join(
            (t.text or "") if t.tag == f"{W}t" else "-"
            for t in paragraph.iter(f"{W}t", f"{W}noBreakHyphen")
        )
        result.append((style.get(f"{W}val") if style is not None else None, text))
    return result


def headings(path: Path, style: str) -> list[str]:
    return [text for s, text in paragraphs(path) if s == style]


def body_text(path: Path) -> str:
    return plain("\n".join(text for _, text in paragraphs(path)))


def parts_text(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    document = docx.Document(str(path))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def euros(text: str) -> Decimal:
    """``1 250 000,50 €`` → Decimal('1250000.50')."""
    digits = re.sub(r"[^\d,]", "", text).replace(",", ".")
    return Decimal(digits)


def _paragraph_text(paragraph: Any) -> str:
    text = ""
    for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}cr", f"{W}tab", f"{W}noBreakHyphen"):
        if node.tag == f"{W}t":
            text += node.text or ""
        elif node.tag == f"{W}noBreakHyphen":
            text += "-"
        elif node.getparent().tag == f"{W}r":  # not a tab stop of the paragraph's style
            text += "\t" if node.tag == f"{W}tab" else "\n"
    return text


def visible_text(path: Path, part: str = "word/document.xml") -> str:
    """What a reader sees in one part: a line per paragraph, line breaks and tabs kept."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part))
    return "\n".join(_paragraph_text(p) for p in root.iter(f"{W}p"))


def header_and_footer_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(
            n for n in archive.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n)
        )


def every_string(path: Path) -> list[str]:
    """Every string of every XML part of a .docx: paragraph texts, other texts, attributes."""
    from lxml import etree

    strings = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter():
                if element.tag == f"{W}p":
                    strings.append(_paragraph_text(element))
                if element.tag != f"{W}t":  # a run's text is read with its paragraph
                    strings.append(element.text or "")
                strings += [element.tail or "", *element.attrib.values()]
    return [s for s in strings if s.strip()]
