"""A rendered paragraph's contents as tokens, and the keys that say two blocks are equal.

Words, spaces, tabs, field characters, whole hyperlinks: each a token with its run's
formatting, so that a paragraph that changed is compared word by word. The element names
of WordprocessingML that the redline reads are here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from csi_gen.document.ooxml import text_of, w

if TYPE_CHECKING:
    from lxml.etree import _Element

P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, TRPR, VAL = w("pPr"), w("rPr"), w("trPr"), w("val")
BOOKMARKS = (w("bookmarkStart"), w("bookmarkEnd"))
REVISION_TAGS = (w("ins"), w("del"))
_WORDS = re.compile(r"\d+(?:[\u202f\u00a0,]\d+)*|\w+|\s+|[^\w\s]")
_TOC_BOOKMARK = re.compile(r"_Toc\d+")


def local(element: _Element) -> str:
    return str(etree.QName(element).localname)


@dataclass(frozen=True)
class Token:
    """A word, a space, a tab, a field character… or a whole hyperlink, with its formatting.

    ``key`` is what is compared; ``rpr`` is the run's formatting (``rpr_key`` serialised).
    ``element`` is the run child (tab, field…) or the paragraph child (hyperlink, bookmark)
    that the token stands for; text tokens have none.
    """

    key: tuple[str, ...]
    text: str = ""
    rpr: _Element | None = None
    rpr_key: str = ""
    element: _Element | None = None
    in_run: bool = True

    @property
    def is_word(self) -> bool:
        return self.element is None and bool(self.text.strip())

    @property
    def is_bookmark(self) -> bool:
        return self.element is not None and self.element.tag in BOOKMARKS


def rpr_key(rpr: _Element | None) -> str:
    return "" if rpr is None else etree.tostring(rpr, encoding="unicode")


def atom_key(child: _Element) -> tuple[str, ...]:
    name = local(child)
    if (
        name == "instrText"
    ):  # TOC page references name bookmarks renumbered from one render to the next
        return (name, _TOC_BOOKMARK.sub("_Toc", child.text or ""))
    if name == "fldChar":
        return (name, str(child.get(w("fldCharType"))))
    if name == "drawing":
        descriptions = [e.get("descr") for e in child.iter() if local(e) == "docPr"]
        return (name, str(descriptions[0]) if descriptions else "")
    attributes = ",".join(f"{k}={v}" for k, v in sorted(child.attrib.items()))
    return (name, attributes, child.text or "")


def tokens(paragraph: _Element) -> list[Token]:
    """The paragraph's contents, in order, as tokens; ``w:pPr`` is left out."""
    result: list[Token] = []
    for child in paragraph:
        if child.tag == PPR:
            continue
        if child.tag == R:
            rpr = child.find(RPR)
            key = rpr_key(rpr)
            for item in child:
                if item.tag == RPR:
                    continue
                if item.tag == T:
                    result.extend(
                        Token(("t", word), word, rpr, key)
                        for word in _WORDS.findall(item.text or "")
                    )
                else:
                    result.append(Token(atom_key(item), rpr=rpr, rpr_key=key, element=item))
        elif child.tag in BOOKMARKS:
            result.append(Token((local(child),), element=child, in_run=False))
        else:  # a hyperlink or another container: compared by its text only
            result.append(Token((local(child), text_of(child)), element=child, in_run=False))
    return result


def paragraph_key(paragraph: _Element) -> tuple[str, ...]:
    """Style, properties and formatted text: equal keys are paragraphs left as they were."""
    parts = [ppr_key(paragraph)]
    for child in paragraph:
        if child.tag == PPR or child.tag in BOOKMARKS:
            continue
        if child.tag == R:
            parts.append(rpr_key(child.find(RPR)))
            for item in child:
                if item.tag == T:
                    parts.append(item.text or "")
                elif item.tag != RPR:
                    parts.append("\x00".join(atom_key(item)))
        else:
            parts.append(f"{local(child)}\x00{text_of(child)}")
    return tuple(parts)


def ppr_key(paragraph: _Element) -> str:
    """The paragraph's properties, list instance ids aside (they differ between renders)."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        return ""
    text = etree.tostring(ppr, encoding="unicode")
    return re.sub(r'(<w:numId w:val=")\d+', r"\1", text)


def words(text: str) -> list[str]:
    return [w for w in _WORDS.findall(text) if not w.isspace()]
