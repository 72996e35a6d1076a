"""The part templates (cover, parties, volets, annexes…) and their checks, before rendering.

A contract is rendered in one pass: the bodies of the part templates are placed, in
order, into the master template, which holds the page, the header, the footer, the
numbering and every style. A part may have been saved by Word or LibreOffice, which rename
style ids: its styles are mapped onto the master's by name. What Word adds that the
master does not declare (paragraph ids of Word 2010 and later) is left out. Each part is
checked when read — Jinja syntax, tags closed within their paragraph, styles known to the
master, no image or link — and an error names the template and the paragraph.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from csi_gen.document import styles
from csi_gen.document.environment import environment
from csi_gen.document.ooxml import W
from csi_gen.errors import TemplateError, display_path

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "resources" / "templates"
MASTER = "maitre"
PART_MARKER = re.compile(r"\{# modèle:([a-z0-9-]+) #\}")
# Namespaces of WordprocessingML as ECMA-376 defines it; Word 2010+ extensions (w14, w15…)
# are markup-compatibility additions that the master may not declare ignorable.
KEPT_NAMESPACES = frozenset(
    {
        W,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "http://schemas.openxmlformats.org/drawingml/2006/chart",
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
        "http://www.w3.org/XML/1998/namespace",
    }
)


@dataclass(frozen=True)
class PartTemplate:
    """A part template, read and ready to go into the master's body."""

    name: str
    path: Path
    body: str  # the body's children, serialised, styles mapped onto the master's


def template_path(name: str, directory: Path = TEMPLATES_DIR) -> Path:
    return directory / f"{name}.docx"


# --- Paragraphs as a reader counts them ----------------------------------------------------------

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?/>|<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


def paragraph_text(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def paragraph_texts(xml: str) -> list[str]:
    """The text of each paragraph of a part, in the order Word shows them (cells included)."""
    return [paragraph_text(match.group(0)) for match in _PARAGRAPH.finditer(xml)]


def paragraph_number(part_xml: str, text: str, fallback: int) -> int:
    """The number of the part's paragraph holding ``text``, counted as a reader counts them.

    Jinja's line numbers skip the paragraphs that docxtpl removes (``{%p … %}``); the
    paragraph is found again by its text, else ``fallback`` is given.
    """
    wanted = text.strip()
    if wanted:
        for number, paragraph in enumerate(paragraph_texts(part_xml), start=1):
            if paragraph.strip() == wanted:
                return number
    return fallback


def unclosed_tag(text: str) -> str | None:
    """The first tag of a paragraph's text that is not closed within the paragraph.

    docxtpl looks for the end of a tag beyond the paragraph and removes what lies between:
    ``Vu {{ visa ;`` would silently delete the paragraph, so it is refused instead.
    """
    closing = {"{{": "}}", "{%": "%}", "{#": "#}"}
    expected: str | None = None
    start = 0
    for match in re.finditer(r"\{\{|\{%|\{#|\}\}|%\}|#\}", text):
        token = match.group(0)
        if expected is None and token in closing:
            expected, start = closing[token], match.start()
        elif token == expected:
            expected = None
    return text[start:] if expected is not None else None


def jinja_source(xml: str) -> str:
    """What docxtpl gives Jinja: one line per paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def syntax_message(message: str) -> str:
    known = {
        "unexpected end of template": "fin du modèle atteinte : un {% if %} ou un {% for %} "
        "n'est pas fermé",
        "Encountered unknown tag": "instruction inconnue",
        "unexpected '}'": "accolade fermante inattendue",
        "expected token": "balise mal formée",
        "unexpected char": "caractère inattendu dans une balise",
    }
    for english, french in known.items():
        if message.startswith(english):
            return f"{french} ({message})"
    return message


# --- Reading a part ------------------------------------------------------------------------------


def master_styles(directory: Path = TEMPLATES_DIR) -> styles.StyleSheet:
    return styles.of(template_path(MASTER, directory))


def read_part(name: str, directory: Path = TEMPLATES_DIR) -> PartTemplate:
    path = template_path(name, directory)
    master = template_path(MASTER, directory)
    try:
        stat, master_stat = path.stat(), master.stat()
    except OSError:
        raise TemplateError(f"le modèle {display_path(path)} est introuvable.") from None
    return _read_part(
        name, path, stat.st_mtime_ns, stat.st_size, master_stat.st_mtime_ns, master_stat.st_size
    )


@cache
def _read_part(name: str, path: Path, *_versions: int) -> PartTemplate:
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            document = etree.fromstring(archive.read("word/document.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise TemplateError(
            f"le modèle {display_path(path)} n'est pas un document Word lisible ({error})."
        ) from None
    body = document.find(f"{{{W}}}body")
    if body is None:
        body = etree.SubElement(document, f"{{{W}}}body")
    for section in body.findall(f"{{{W}}}sectPr"):
        body.remove(section)
    _drop_extensions(body)
    # Serialised as a whole, the children do not repeat the namespace declarations of
    # the document's root (the master's body declares them, see ooxml.NAMESPACES).
    xml = etree.tostring(body, encoding="unicode")
    xml = "" if xml.endswith("/>") else xml[xml.index(">") + 1 : xml.rindex("</")]
    xml = _map_styles(xml, styles.of(path), master_styles(path.parent), path)
    check_part(path, xml)
    return PartTemplate(name, path, xml)


def _drop_extensions(element: object) -> None:
    """Remove what Word 2010 and later add in their own namespaces (paragraph ids…)."""
    from lxml import etree

    for node in list(element.iter()):  # type: ignore[attr-defined]
        if not isinstance(node.tag, str):
            continue
        if etree.QName(node).namespace not in KEPT_NAMESPACES:
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
            continue
        for attribute in list(node.attrib):
            namespace = etree.QName(attribute).namespace
            if namespace is not None and namespace not in KEPT_NAMESPACES:
                del node.attrib[attribute]


_STYLE_REFERENCE = re.compile(r'(<w:(?:pStyle|rStyle|tblStyle) w:val=")([^"]+)(")')


def _map_styles(xml: str, own: styles.StyleSheet, master: styles.StyleSheet, path: Path) -> str:
    """The part's style ids replaced by the master's ids for the same names."""

    def replace(match: re.Match[str]) -> str:
        style_id = match.group(2)
        name = own.name(style_id) or master.name(style_id)
        if name is None or not master.has(name):
            shown = name or style_id
            raise TemplateError(
                f"le modèle {display_path(path)} emploie le style « {shown} », absent du "
                f"modèle maître {MASTER}.docx ; définissez-le dans le modèle maître (même nom)."
            )
        return match.group(1) + master.id(name) + match.group(3)

    return _STYLE_REFERENCE.sub(replace, xml)


def check_part(path: Path, xml: str) -> None:
    if re.search(r'\br:(?:id|embed|link)="', xml):
        raise TemplateError(
            f"le modèle {display_path(path)} contient une image, un lien ou un objet "
            f"incorporé ; seuls le modèle maître {MASTER}.docx et le contrat généré en portent."
        )
    for number, text in enumerate(paragraph_texts(xml), start=1):
        unclosed = unclosed_tag(text)
        if unclosed is not None:
            raise TemplateError(
                f"le modèle {display_path(path)}, paragraphe {number}, a une balise "
                f"invalide : balise non fermée dans le paragraphe (« {unclosed.strip()} »)"
                f"\n  paragraphe : « {text.strip()} »"
            )
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    source = jinja_source(DocxTemplate.patch_xml(None, xml))
    try:
        environment().parse(source)
    except TemplateSyntaxError as error:
        lines = source.splitlines()
        line = error.lineno or 1
        context = paragraph_text(lines[line - 1]) if 0 < line <= len(lines) else ""
        number = paragraph_number(xml, context, fallback=line)
        raise TemplateError(
            f"le modèle {display_path(path)}, paragraphe {number}, a une balise invalide : "
            f"{syntax_message(error.message or '')}"
            + (f"\n  paragraphe : « {context.strip()} »" if context.strip() else "")
        ) from None


# --- The body of a document ------------------------------------------------------------------------


def _framing_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def assemble_body(names: Iterable[str], directory: Path = TEMPLATES_DIR) -> str:
    """The XML of a document's body: each part's template, in order, marked by its name."""
    parts = []
    for name in names:
        part = read_part(name, directory)
        parts.append(_framing_paragraph(f"{{#p modèle:{name} #}}"))
        parts.append(part.body)
    return "".join(parts)
