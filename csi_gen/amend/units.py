"""A rendered contract read as a jurist cites it: articles, the points inside them, annexes.

An article runs from its heading (« Article 7 – Engagements de la Ville ») to the next
heading or the signature; its points start at each paragraph of the style « Engagement »
(« 3° bis Titre »). Tables count by their text. What precedes the first article (cover,
parties, visas, préambule) and the signature page are not units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from csi_gen.document import styles
from csi_gen.document.ooxml import style_of, text_of, w
from csi_gen.numbering import SUFFIXES, ArticleKey, article_key

if TYPE_CHECKING:
    from docx.document import Document

_POINT = re.compile(r"^(\d+)°(?: (A|" + "|".join(SUFFIXES) + r"))?(?= |$)")
_ARTICLE = re.compile(r"^Article (\S+(?: (?:A|" + "|".join(SUFFIXES) + r"))?)(?: – (.*))?$")
_ANNEX = re.compile(r"^Annexe (\d+)")
REMOVED = "(Supprimé)"


@dataclass
class Point:
    """A numbered point of an article (« 3° », « 3° bis »), as paragraphs."""

    label: str  # « 3° », « 3° bis »
    paragraphs: list[str]

    @property
    def removed(self) -> bool:
        return self.paragraphs[0].endswith(REMOVED) and len(self.paragraphs) == 1


@dataclass
class Article:
    """An article of a signed text: its label, heading, opening words and points."""

    label: str  # « 7 », « 1er », « 5 bis »
    key: ArticleKey
    heading: str
    intro: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        return self.intro + [p for point in self.points for p in point.paragraphs]


@dataclass
class Units:
    """What an avenant can amend in a signed text: its articles and its annexes."""

    articles: list[Article] = field(default_factory=list)
    annexes: dict[int, list[str]] = field(default_factory=dict)


def read(document: Document, master: Path) -> Units:
    sheet = styles.of(master)
    names = {sheet.id(n): n for n in (*styles.NUMBERED_HEADINGS, styles.ANNEX) if sheet.has(n)}
    point_style, end_style = sheet.id("Engagement"), sheet.id("Signature – Lieu et date")
    units = Units()
    chapter, lines = "", None
    current: Article | None = None
    for element in document.element.body:
        text = " ".join(text_of(element).split())
        if element.tag != w("p"):
            if element.tag == w("tbl") and lines is not None:
                lines.append(text)
            continue
        style = style_of(element) or ""
        kind = names.get(style)
        if kind == styles.ARTICLE and (match := _ARTICLE.match(text)):
            key = article_key(chapter, match.group(2) or "")
            current = Article(match.group(1), key, text)
            units.articles.append(current)
            lines = current.intro
        elif kind == styles.ANNEX and (match := _ANNEX.match(text)):
            current, lines = None, units.annexes.setdefault(int(match.group(1)), [text])
        elif kind is not None or style == end_style:
            if kind in (styles.TITLE, styles.CHAPTER):
                chapter = text.partition(" – ")[2] if kind == styles.CHAPTER else ""
            current, lines = None, None
        elif style == point_style and current is not None and (match := _POINT.match(text)):
            label = f"{match.group(1)}°" + (f" {match.group(2)}" if match.group(2) else "")
            current.points.append(Point(label, [text]))
            lines = current.points[-1].paragraphs
        elif lines is not None and text:
            lines.append(text)
    return units
