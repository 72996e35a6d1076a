"""Markdown text fields, parsed with markdown-it-py: what they contain, what a reader sees.

Supported: paragraphs, **bold**, *italic*, bullet and numbered lists (nested), line breaks
(a single newline is a line break). Raw HTML is plain text. Anything else (headings, code,
links, images, quotes, rules) is refused at validation with its line, rather than lost or
half rendered. ``document.richtext`` turns the parsed blocks into Word paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_UNSUPPORTED = {
    "heading_open": "titre (« # »)",
    "hr": "ligne horizontale (« --- »)",
    "code_block": "bloc de code (ligne en retrait de quatre espaces)",
    "fence": "bloc de code (« ``` »)",
    "blockquote_open": "citation (« > »)",
    "link_open": "lien",
    "image": "image",
    "code_inline": "code en ligne (« ` »)",
    "autolink_open": "lien automatique",
    "html_block": "HTML",
    "html_inline": "HTML",
    "table_open": "tableau",
    "s_open": "texte barré",
}


@dataclass(frozen=True)
class Run:
    """A stretch of text in one formatting (bold, italic), or a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of Markdown text, as runs."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join("\n" if r.line_break else r.text for r in self.runs)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]


Block = Paragraph | ListBlock


@dataclass(frozen=True)
class Unsupported:
    """A Markdown construct csi-gen cannot render faithfully, and its line."""

    line: int  # 1-based, within the text
    label: str


class MarkdownError(ValueError):
    def __init__(self, found: list[Unsupported]) -> None:
        self.found = found
        super().__init__(", ".join(f"{u.label} (ligne {u.line})" for u in found))


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # CommonMark without raw HTML; entities stay literal (« &amp; » is text, as typed) and
    # link reference definitions are not silently swallowed. Past ``maxNesting`` levels,
    # markdown-it drops the rest of the text without a word: the limit is set well above
    # the list depth csi-gen accepts, so that a deeper list is refused, not cut.
    return MarkdownIt(
        "commonmark", {"html": False, "breaks": True, "maxNesting": 4 * MAX_LIST_DEPTH}
    ).disable(["entity", "reference"])


MAX_LIST_DEPTH = 8  # Word numbers 9 levels; a text continuing a list item starts one level in


@lru_cache(maxsize=512)
def _tokens(text: str) -> list[Token]:
    """markdown-it's tokens of a text, parsed once for validation and rendering (read only)."""
    return _parser().parse(text)


def unsupported(text: str) -> list[Unsupported]:
    """Markdown constructs in ``text`` that csi-gen cannot render faithfully."""
    found = []
    line = 1
    depth = 0
    for token in _tokens(text):
        if token.map:
            line = token.map[0] + 1
        if token.type in _UNSUPPORTED:
            found.append(Unsupported(line, _UNSUPPORTED[token.type]))
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == MAX_LIST_DEPTH + 1:
                found.append(
                    Unsupported(line, f"liste imbriquée sur plus de {MAX_LIST_DEPTH} niveaux")
                )
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        for child in token.children or ():
            if child.type in _UNSUPPORTED:
                found.append(Unsupported(line, _UNSUPPORTED[child.type]))
    return found


@lru_cache(maxsize=512)
def parse(text: str) -> tuple[Block, ...]:
    """Blocks of a Markdown text; raises ``MarkdownError`` on unsupported syntax."""
    problems = unsupported(text)
    if problems:
        raise MarkdownError(problems)
    blocks, _ = _blocks(_tokens(text), 0, closing=None)
    return blocks


def _blocks(tokens: list[Token], i: int, closing: str | None) -> tuple[tuple[Block, ...], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        if token.type == closing:
            return tuple(blocks), i + 1
        if token.type == "paragraph_open":
            blocks.append(Paragraph(_runs(tokens[i + 1].children or [])))
            i += 3  # paragraph_open, inline, paragraph_close
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i)
            blocks.append(block)
        else:  # pragma: no cover - every other block token is refused by unsupported()
            i += 1
    return tuple(blocks), i


def _list(tokens: list[Token], i: int) -> tuple[ListBlock, int]:
    opening = tokens[i]
    ordered = opening.type == "ordered_list_open"
    start = int(opening.attrs.get("start", 1)) if ordered else 1
    closing = opening.type.replace("_open", "_close")
    items = []
    i += 1
    while tokens[i].type != closing:
        item, i = _blocks(tokens, i + 1, closing="list_item_close")  # past list_item_open
        items.append(item)
    return ListBlock(ordered, start, tuple(items)), i + 1


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    for child in children:
        if child.type == "text":
            runs.append(Run(child.content, bold > 0, italic > 0))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run("", line_break=True))
        elif child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
    return tuple(runs)


def plain_text(text: str) -> str:
    """The text a reader sees once the Markdown is rendered, one line per paragraph."""
    lines: list[str] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                lines.extend(block.text.split("\n"))
            else:
                for item in block.items:
                    walk(item)

    walk(parse(text))
    return "\n".join(lines)
