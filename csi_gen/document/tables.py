"""Tables sized to their content: each column as wide as its text needs, within the page.

A template gives each table its width and a first guess of its columns; after rendering,
the columns of a table with borders (the annexes' tables) are set from their text, as a
browser lays out a table: a column is never narrower than its longest word, and the width
left is shared in proportion to what each column would take on one line. A label does not
wrap over five lines beside narrow columns of figures. Column loops (``{%tc for %}``) add
columns: the grid then gets as many as the widest row. A table without borders (the
signatures) keeps its columns, equal after a column loop.

Text widths are estimated from Arial's proportions at the tables' size (9 pt): no font is
read, and the result is the same on every machine.
"""

from __future__ import annotations

from typing import Any

from csi_gen.document.ooxml import text_of, w

POINTS = 9  # the size of the tables' styles (Tableau – Texte, Nombre, En-tête)
PADDING = 2 * 108 + 30  # the cell's left and right margins, and a little air
BOLD = 1.08
# Arial's advance widths, in thousandths of an em, by kind of character
NARROW, WIDE, CAPITAL, DIGIT, OTHER = 280, 830, 680, 556, 520
_NARROW = set("iljtfrI.,;:'’!|()[] \u00a0\u202f-")
_WIDE = set("mwMWŒœ%€…")


# The qualified names walked for every cell
_TC, _TC_PR, _GRID_SPAN, _TC_W = w("tc"), w("tcPr"), w("gridSpan"), w("tcW")
_VAL, _W = w("val"), w("w")


class _Row:
    """A table row: its cells, each with the grid columns it spans and its width element."""

    def __init__(self, element: Any) -> None:
        self.header = element.find(f"{w('trPr')}/{w('tblHeader')}") is not None
        self.cells: list[tuple[Any, int, Any]] = []
        for cell in element.iterchildren(_TC):
            properties = cell.find(_TC_PR)
            span = size = None
            if properties is not None:
                span, size = properties.find(_GRID_SPAN), properties.find(_TC_W)
            self.cells.append((cell, int(span.get(_VAL)) if span is not None else 1, size))
        self.span = sum(count for _, count, _ in self.cells)


def fit(body: Any) -> None:
    """Size the columns of every table of ``body``.

    Tables of one kind (the same headings, as the catalogue's one per section) share their
    columns, so that they line up from one table to the next.
    """
    kinds: dict[tuple[str, ...], list[tuple[Any, list[_Row], int]]] = {}
    for table in body.iter(w("tbl")):
        grid = table.find(w("tblGrid"))
        columns = grid.findall(w("gridCol")) if grid is not None else []
        if grid is None or not columns:
            continue
        rows = [_Row(row) for row in table.findall(w("tr"))]
        count = max((row.span for row in rows), default=0)
        total = sum(int(c.get(_W, "0")) for c in columns)
        if _bordered(table):
            kinds.setdefault((str(total), *_headings(rows)), []).append((grid, rows, count))
        elif count != len(columns):
            first = int(columns[0].get(_W, "0"))
            share = (total - first) // max(count - 1, 1)
            _write(grid, rows, [first] + [share] * (count - 1))
    for key, tables in kinds.items():
        count = tables[0][2]
        widths = _by_content([r for _, rows, _ in tables for r in rows], count, int(key[0]))
        for grid, rows, _ in tables:
            _write(grid, rows, widths)


def _headings(rows: list[_Row]) -> list[str]:
    first = rows[0] if rows else None
    if first is None or not first.header:
        return [f"table {id(first)}"]  # no headings: a kind of its own
    return [text_of(cell) for cell, _, _ in first.cells]


def _bordered(table: Any) -> bool:
    borders = table.find(f"{w('tblPr')}/{w('tblBorders')}")
    if borders is None:
        return False
    return any(b.get(_VAL) not in ("nil", "none") for b in borders)


class _Advances(dict[str, int]):
    """A character's advance width, in thousandths of an em, worked out once."""

    def __missing__(self, character: str) -> int:
        if character in _NARROW:
            advance = NARROW
        elif character in _WIDE:
            advance = WIDE
        elif character.isdigit():
            advance = DIGIT
        elif character.isupper():
            advance = CAPITAL
        else:
            advance = OTHER
        self[character] = advance
        return advance


_ADVANCES = _Advances()


def _thousandths(text: str) -> int:
    return sum(map(_ADVANCES.__getitem__, text))


def _width(thousandths: int, bold: bool) -> int:
    width = thousandths * POINTS * 20 // 1000
    return int(width * BOLD) if bold else width


def text_width(text: str, bold: bool = False) -> int:
    """The width of ``text`` on one line, in twentieths of a point."""
    return _width(_thousandths(text), bold)


def _needs(cell: Any, bold: bool) -> tuple[int, int]:
    """(narrowest, widest) width a cell's text needs: its longest word, its longest line."""
    narrowest = widest = 0
    for paragraph in cell.iter(w("p")):
        # no break at a no-break space: « 30 000 » is one word
        words = [_thousandths(word) for word in text_of(paragraph).split(" ")]
        line = sum(words) + NARROW * (len(words) - 1)  # the spaces between the words
        widest = max(widest, _width(line, bold))
        narrowest = max(narrowest, _width(max(words), bold))
    return narrowest + PADDING, widest + PADDING


def _by_content(rows: list[_Row], count: int, total: int) -> list[int]:
    lows, highs = [PADDING] * count, [PADDING] * count
    for row in rows:
        if len(row.cells) != count:  # a cell spanning columns says nothing of each one
            continue
        for index, (cell, _, _) in enumerate(row.cells):
            low, high = _needs(cell, row.header)
            lows[index], highs[index] = max(lows[index], low), max(highs[index], high)
    if sum(highs) <= total:  # everything fits on one line: share what is left
        extra = total - sum(highs)
        widths = [h + extra * h // sum(highs) for h in highs]
    elif sum(lows) >= total:  # even the longest words do not fit: in proportion to them
        widths = [low * total // sum(lows) for low in lows]
    else:
        room, wish = total - sum(lows), sum(highs) - sum(lows)
        widths = [low + room * (high - low) // wish for low, high in zip(lows, highs, strict=True)]
    widths[0] += total - sum(widths)  # rounding
    return widths


def _write(grid: Any, rows: list[_Row], widths: list[int]) -> None:
    for column in grid.findall(w("gridCol")):
        grid.remove(column)
    for width in widths:
        grid.append(grid.makeelement(w("gridCol"), {_W: str(width)}))
    for row in rows:
        position = 0
        for _, count, size in row.cells:
            if size is not None:
                size.set(_W, str(sum(widths[position : position + count])))
            position += count
