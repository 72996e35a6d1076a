"""Markdown text fields → Word paragraphs (WordprocessingML).

Each list restarts at its own first number (a numbering instance of its own); the
paragraph styles are the master template's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from csi_gen.document.ooxml import paragraph_xml, run_xml
from csi_gen.markdown_text import Block, ListBlock, Paragraph, Run, parse


@dataclass(frozen=True)
class StyleIds:
    """The ids, in the document being rendered, of the styles rich text is written in."""

    body: str  # a paragraph of the text
    bullet: str
    number: str
    continuation: str  # a paragraph continuing a list item


def _runs_xml(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        if run.line_break:
            parts.append("<w:r><w:br/></w:r>")
        elif run.text:
            parts.append(run_xml(run.text, run.bold, run.italic))
    return "".join(parts)


NewList = Callable[[bool, int, int], int]
"""Allocates a numbering instance: (ordered, level, start) → numId."""


@dataclass
class _Writer:
    """Writes Markdown blocks as WordprocessingML paragraphs."""

    new_list: NewList
    styles: StyleIds
    base_level: int = 0
    parts: list[str] = field(default_factory=list)

    def blocks(self, blocks: tuple[Block, ...], level: int = -1) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                style = self.styles.body if level < 0 else self.styles.continuation
                self.parts.append(paragraph_xml(_runs_xml(block.runs), style))
            else:
                self.list(block, max(level + 1, self.base_level))

    def list(self, block: ListBlock, level: int) -> None:
        num_id = self.new_list(block.ordered, level, block.start)
        style = self.styles.number if block.ordered else self.styles.bullet
        for item in block.items:
            first, *rest = item or (Paragraph(()),)
            if isinstance(first, Paragraph):
                self.parts.append(paragraph_xml(_runs_xml(first.runs), style, num=(num_id, level)))
            else:  # an item that starts with a nested list
                self.parts.append(paragraph_xml("", style, num=(num_id, level)))
                rest = [first, *rest]
            self.blocks(tuple(rest), level)


def to_xml(text: str, new_list: NewList, styles: StyleIds, base_level: int = 0) -> str:
    """WordprocessingML paragraphs for a Markdown text.

    ``base_level`` nests the text's lists, for a text that continues a list item.
    """
    writer = _Writer(new_list, styles, base_level)
    writer.blocks(parse(text))
    return "".join(writer.parts)
