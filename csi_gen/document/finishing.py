"""After docxtpl: number the headings, fill the table of contents, size tables, set properties.

Headings are found by their style's name (Titre 1, 2 and 3, Annexe). Where a template wrote
``{{ numero }}`` in a heading, the number is written in the contract's style: « Titre Ier »,
« Chapitre II », « Article 1er » (the « er » raised). The paragraphs of definitions
(style « Définition (non imprimée) ») are removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from csi_gen.document import styles, tables
from csi_gen.document.environment import NUMBER_MARK
from csi_gen.document.ooxml import W, escape_text, style_of, text_of, w
from csi_gen.document.typesetting import typeset
from csi_gen.model import Contrat
from csi_gen.numbering import ArticleKey, FrozenArticles
from csi_gen.versioning import Version

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

TOC_PLACEHOLDER = "[Sommaire"
UNVERSIONED_DATE = datetime(2021, 4, 16, tzinfo=UTC)  # the circular's date
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass(frozen=True)
class Heading:
    """A heading of the document, as the table of contents lists it."""

    level: int
    text: str
    bookmark: str


def ordinal(style: str, number: int) -> tuple[str, str]:
    """A heading's number and its raised suffix: (« 1 », « er »), (« I », « er »), (« 3 », « »)."""
    if style == styles.ARTICLE:
        return (str(number), "er") if number == 1 else (str(number), "")
    if number == 1:
        return "I", "er"
    return (_ROMAN[number] if number < len(_ROMAN) else str(number)), ""


def finish(
    document: Document,
    contrat: Contrat,
    version: Version,
    articles: Mapping[ArticleKey, str] | None = None,
) -> None:
    """Number, fill, typeset; ``articles``: the labels frozen at signature, once amended."""
    body = document.element.body
    sheet = styles.parse(_styles_xml(document), "maitre.docx")
    remove_definitions(body, sheet)
    headings = number_headings(body, sheet, FrozenArticles(articles) if articles else None)
    fill_table_of_contents(body, headings, sheet)
    places = place_names(contrat)
    for root in (body, *_headers_and_footers(document)):
        typeset(root, places)
    tables.fit(body)
    set_properties(document, contrat, version)


def place_names(contrat: Contrat) -> list[str]:
    """The territory's names, whose hyphens must not break a line."""
    territoire = contrat.territoire
    names = [c.nom for c in territoire.communes] + [territoire.departement.nom, territoire.nom]
    if territoire.epci:
        names.append(territoire.epci.nom)
    return [n for n in names if "-" in n]


def _headers_and_footers(document: Document) -> list[_Element]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]


def _styles_xml(document: Document) -> str:
    from lxml import etree

    return str(etree.tostring(document.styles.element, encoding="unicode"))


def remove_definitions(body: _Element, sheet: styles.StyleSheet) -> None:
    if not sheet.has(styles.DEFINITION):
        return
    from lxml import etree

    found = etree.XPath("//w:p[w:pPr/w:pStyle/@w:val = $style]", namespaces={"w": W})
    for paragraph in found(body, style=sheet.id(styles.DEFINITION)):
        paragraph.getparent().remove(paragraph)


def number_headings(
    body: _Element, sheet: styles.StyleSheet, frozen: FrozenArticles | None = None
) -> list[Heading]:
    """Number the headings that carry the mark of ``{{ numero }}``; bookmark every heading.

    With ``frozen``, articles take the labels of the signed text (« 5 », « 5 bis »)."""
    from lxml import etree

    by_id = {sheet.id(name): name for name in styles.TOC_LEVELS if sheet.has(name)}
    counters = dict.fromkeys(styles.NUMBERED_HEADINGS, 0)
    headings: list[Heading] = []
    chapter = ""
    condition = " or ".join(f"@w:val='{style_id}'" for style_id in by_id)
    found = etree.XPath(f"//w:p[w:pPr/w:pStyle[{condition}]]", namespaces={"w": W})
    for paragraph in found(body) if by_id else []:
        name = by_id[style_of(paragraph) or ""]
        text = text_of(paragraph)
        if name in counters and NUMBER_MARK in text:
            counters[name] += 1
            if name == styles.TITLE:
                counters[styles.CHAPTER] = 0
            number = "".join(ordinal(name, counters[name]))
            if frozen is not None and name == styles.ARTICLE:
                number = frozen.label(chapter, _title(text))
            _write_number(paragraph, number)
        if name in (styles.TITLE, styles.CHAPTER):
            chapter = _title(text) if name == styles.CHAPTER else ""
        bookmark = f"_Toc{len(headings) + 1:06d}"
        identifier = str(len(headings) + 1)
        start = paragraph.makeelement(
            w("bookmarkStart"), {w("id"): identifier, w("name"): bookmark}
        )
        ppr = paragraph.find(w("pPr"))
        paragraph.insert(list(paragraph).index(ppr) + 1 if ppr is not None else 0, start)
        etree.SubElement(paragraph, w("bookmarkEnd"), {w("id"): identifier})
        headings.append(Heading(styles.TOC_LEVELS[name], text_of(paragraph), bookmark))
    return headings


def _title(heading: str) -> str:
    """« Article 5 – Nature des engagements » → « Nature des engagements »."""
    parts = re.split(r"\s–\s", heading, maxsplit=1)
    return parts[1] if len(parts) == 2 else ""


def _write_number(paragraph: _Element, number: str) -> None:
    """Put the number in place of the mark (its « er » is raised by ``typography``)."""
    for text in paragraph.iter(w("t")):
        if text.text and NUMBER_MARK in text.text:
            text.text = text.text.replace(NUMBER_MARK, number, 1)
            return


def fill_table_of_contents(
    body: _Element, headings: list[Heading], sheet: styles.StyleSheet
) -> None:
    """Replace the placeholder with a TOC field whose result lists every heading.

    Page numbers are fields too (PAGEREF), left empty: LibreOffice fills them on the PDF
    path, Word when it updates fields on opening (``w:updateFields`` in the settings).
    """
    from lxml import etree

    placeholder = next(
        (p for p in body.iter(w("p")) if text_of(p).startswith(TOC_PLACEHOLDER)), None
    )
    if placeholder is None:
        return
    parent = placeholder.getparent()
    index = list(parent).index(placeholder)
    parent.remove(placeholder)
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
        style = sheet.id(styles.TOC[heading.level - 1])
        xml = f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'
        parent.insert(index + position, etree.fromstring(xml))


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
