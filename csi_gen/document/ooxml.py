"""WordprocessingML written by csi-gen: namespaces, escaping and the few elements it builds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csi_gen.formatting import typographie

if TYPE_CHECKING:
    from lxml.etree import _Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"  # xml:space, on w:t


# Declared on the body of every rendered document: what a part saved by Word or LibreOffice
# may use, whatever the master template declares.
NAMESPACES = {
    "w": W,
    "r": R,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}


def w(tag: str) -> str:
    """``w("p")`` → the qualified name ``{…/main}p``."""
    return f"{{{W}}}{tag}"


def escape_text(text: str) -> str:
    """Escape text for a ``w:t`` element or an attribute: the one escaper of csi-gen.

    Besides ``& < > " '``, the underscore is written as a character reference: docxtpl
    turns ``{_{`` into ``{{`` in its output, which would alter a text that contains it.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("_", "&#95;")
    )


def run_xml(text: str, bold: bool = False, italic: bool = False) -> str:
    """A run of text, with French typography (non-breaking spaces before ; : ! ? and in « »)."""
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    text = escape_text(typographie(text))
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph_xml(
    runs_xml: str, style: str, num: tuple[int, int] | None = None, keep_next: bool = False
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs_xml}</w:p>"


def text_of(element: _Element) -> str:
    """The text of an element's ``w:t`` descendants: a paragraph's, a cell's, a table's."""
    return "".join(t.text or "" for t in element.iter(w("t")))


def style_of(paragraph: _Element) -> str | None:
    """The paragraph's style id (``w:pPr/w:pStyle/@w:val``), or None."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return None if style is None else style.get(w("val"))
