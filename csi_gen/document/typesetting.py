"""French typography over the whole document, template words and contract texts alike.

After rendering, every text of the body, the headers and the footers gets the typographic
apostrophe (’), no-break spaces where a line must not break (after « n° », « M. »,
« L. », between a number and its unit, between a day and its month), no-break hyphens in
article numbers (« L. 5211-59 ») and in the territory's place names, and raised ordinal
suffixes (« 1er », « Ier », « 2e »). A no-break hyphen is written as Word writes it
(``w:noBreakHyphen``), a raised suffix as a run in superscript, never in capitals.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from csi_gen import typography
from csi_gen.document.ooxml import XML_SPACE, w

if TYPE_CHECKING:
    from lxml.etree import _Element

# Texts worth a look: an apostrophe, a digit, a hyphen, an abbreviation, a roman ordinal.
_CANDIDATE = re.compile(r"['\d\-\u2011]|n°|M\.|Mme|art\.|§|[IVX](?:er|re|e)\b")
_SPLIT = re.compile(rf"\u2011|{typography.ORDINAL_SUFFIX.pattern}")


def typeset(root: _Element, places: Iterable[str] = ()) -> None:
    """Apply French typography to every run of text under ``root``."""
    places = tuple(sorted(set(places), key=len, reverse=True))
    texts = list(root.iter(w("t")))
    for index, text in enumerate(texts):
        value = text.text
        if not value or not _CANDIDATE.search(value):
            continue
        if _ELIDED_AT_END.search(value) and _starts_a_word(texts, index + 1):
            value = value[:-1] + typography.APOSTROPHE  # « l' » then « **échange** »
        new = typography.insecables(typography.apostrophes(value), places)
        if new != value:
            text.text = new
        if _SPLIT.search(new):
            _split(text)


_ELIDED_AT_END = re.compile(r"(?<=\w)'$")


def _starts_a_word(texts: list[_Element], index: int) -> bool:
    """Whether the next text of the same paragraph begins with a letter."""
    if index >= len(texts):
        return False
    following = texts[index].text or ""
    same_paragraph = _paragraph(texts[index]) is _paragraph(texts[index - 1])
    return same_paragraph and following[:1].isalpha()


def _paragraph(element: _Element) -> _Element | None:
    for ancestor in element.iterancestors(w("p")):
        return ancestor
    return None


def _segments(value: str) -> list[tuple[str, str]]:
    """(kind, text) pieces of a text: « text », « hyphen » (no-break) or « raised »."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in _SPLIT.finditer(value):
        if match.group(0) == typography.NBHY:
            start, end, kind = match.start(), match.end(), "hyphen"
        else:
            start, end, kind = match.start("suffixe"), match.end("suffixe"), "raised"
        if start > position:
            pieces.append(("text", value[position:start]))
        pieces.append((kind, value[start:end]))
        position = end
    if position < len(value):
        pieces.append(("text", value[position:]))
    return pieces


def _split(text: _Element) -> None:
    """Replace a run's text by runs: plain, no-break hyphen, raised suffix."""
    run = text.getparent()
    if run is None or run.tag != w("r"):
        return
    properties = run.find(w("rPr"))
    children = list(run)
    position = children.index(text)
    parent = run.getparent()
    index = list(parent).index(run)
    before, after = children[:position], children[position + 1 :]
    new_runs = []
    if [c for c in before if c is not properties]:
        new_runs.append(_run(properties, [c for c in before if c is not properties]))
    for kind, value in _segments(text.text or ""):
        if kind == "hyphen":
            new_runs.append(_run(properties, [text.makeelement(w("noBreakHyphen"), {})]))
            continue
        element = text.makeelement(w("t"), {XML_SPACE: "preserve"})
        element.text = value
        new_runs.append(_run(properties, [element], raised=kind == "raised"))
    if after:
        new_runs.append(_run(properties, after))
    parent.remove(run)
    for offset, new in enumerate(new_runs):
        parent.insert(index + offset, new)


def _run(properties: _Element | None, children: list[_Element], raised: bool = False) -> _Element:
    from lxml import etree

    run = etree.Element(w("r"))
    if properties is not None:
        run.append(copy.deepcopy(properties))
    if raised:
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(run, w("rPr"))
        _set(rpr, "vertAlign", "superscript")
        _set(rpr, "caps", "0")  # « TITRE Ier », not « TITRE IER »
    for child in children:
        run.append(child)
    return run


# The order of run properties (ECMA-376 CT_RPr), for those csi-gen sets.
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def _set(rpr: _Element, name: str, value: str) -> None:
    from lxml import etree

    existing = rpr.find(w(name))
    if existing is not None:
        rpr.remove(existing)
    element = rpr.makeelement(w(name), {w("val"): value})
    rank = RPR_ORDER.index(name)
    for position, child in enumerate(rpr):
        local = etree.QName(child).localname
        if local in RPR_ORDER and RPR_ORDER.index(local) > rank:
            rpr.insert(position, element)
            return
    rpr.append(element)
