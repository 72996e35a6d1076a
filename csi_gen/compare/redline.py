"""Mark the differences between two renders of a contract as Word revisions.

The later document's body is rewritten so that every difference from the earlier one is
a tracked change that Word and LibreOffice list, accept and reject (``marks``).

The comparison knows what csi-gen writes: a body of paragraphs and tables. Blocks are
aligned first (difflib on their style, text and formatting; blocks that differ are paired
by similarity), then words inside the paragraphs that changed (``tokens``); table rows
and cells are compared the same way. Headers and footers are the later version's,
untracked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from lxml import etree

from csi_gen.compare.marks import Numbering, Reviser, Stamp, new_element
from csi_gen.compare.tokens import (
    PPR,
    TBL,
    TC,
    TR,
    P,
    Token,
    local,
    paragraph_key,
    ppr_key,
    tokens,
    words,
)
from csi_gen.document.ooxml import style_of, text_of, w

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

SIMILAR = 0.5  # two paragraphs sharing at least half their words are one paragraph changed
ALIKE = 0.25  # …or a quarter, when one paragraph replaces one paragraph
SHORT = 3  # words: a short paragraph replacing another is shown word by word
PAIRING_LIMIT = 4000  # beyond this many candidate pairs in one gap, pair greedily
GREEDY_WINDOW = 25

__all__ = ["Stamp", "pair", "redline"]


class Redliner:
    """Align the earlier body with the later one; the reviser writes the revisions."""

    def __init__(self, reviser: Reviser) -> None:
        self.reviser = reviser
        self.numbering = reviser.numbering
        # Caches by id(): each entry keeps its element, so that lxml does not free the
        # element's proxy and give its id to another element.
        self._keys: dict[int, tuple[_Element, tuple[object, ...]]] = {}
        self._words: dict[int, tuple[_Element, list[str]]] = {}

    # --- blocks: paragraphs and tables -------------------------------------------------------

    def blocks(self, old: Sequence[_Element], new: Sequence[_Element]) -> list[_Element]:
        """The later blocks, with the earlier ones that differ brought back as revisions."""
        old_keys = [self._key(e) for e in old]
        new_keys = [self._key(e) for e in new]
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        result: list[_Element] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for old_block, new_block in zip(old[i1:i2], new[j1:j2], strict=True):
                    self.numbering.learn(old_block, new_block)
                    result.append(new_block)
                continue
            for old_block, new_block in pair(
                old[i1:i2], new[j1:j2], self._similarity, self._compatible
            ):
                if old_block is None and new_block is not None:
                    result.append(self.reviser.inserted(new_block))
                elif new_block is None and old_block is not None:
                    result.append(self.reviser.deleted(old_block))
                elif old_block is not None and new_block is not None:
                    result.append(self.changed(old_block, new_block))
        return result

    def _key(self, block: _Element) -> tuple[object, ...]:
        cached = self._keys.get(id(block))
        if cached is not None:
            return cached[1]
        key: tuple[object, ...]
        if block.tag == P:
            key = ("p", *paragraph_key(block))
        elif block.tag == TBL:
            key = ("tbl", *(self._row_key(row) for row in block.iter(TR)))
        else:
            key = (local(block), etree.tostring(block, encoding="unicode"))
        self._keys[id(block)] = (block, key)
        return key

    def _row_key(self, row: _Element) -> tuple[object, ...]:
        return tuple(
            tuple(self._key(child) for child in cell if child.tag in (P, TBL))
            for cell in row.findall(TC)
        )

    def _word_list(self, block: _Element) -> list[str]:
        cached = self._words.get(id(block))
        if cached is not None:
            return cached[1]
        found = words(text_of(block))
        self._words[id(block)] = (block, found)
        return found

    def _similarity(self, old: _Element, new: _Element) -> float:
        if old.tag != new.tag:
            return 0.0
        if old.tag == TBL:
            return _table_similarity(old, new, self._row_key)
        if old.tag == TR and len(old.findall(TC)) != len(new.findall(TC)):
            return 0.0
        old_words, new_words = self._word_list(old), self._word_list(new)
        if not old_words and not new_words:
            return 1.0 if old.tag != P or style_of(old) == style_of(new) else 0.0
        matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            return 0.0
        return matcher.ratio()

    def _compatible(self, old: _Element, new: _Element) -> bool:
        """One block replaced by one block: shown word by word when they are of the same kind
        (style, width) and short (a table cell's « 15 » become « 20 ») or alike enough."""
        if old.tag != new.tag:
            return False
        if old.tag == P and style_of(old) != style_of(new):
            return False
        if old.tag == TR and len(old.findall(TC)) != len(new.findall(TC)):
            return False
        if old.tag == TBL:
            grid = f"{w('tblGrid')}/{w('gridCol')}"
            return len(old.findall(grid)) == len(new.findall(grid))
        old_words, new_words = self._word_list(old), self._word_list(new)
        if min(len(old_words), len(new_words)) <= SHORT:
            return True
        return SequenceMatcher(None, old_words, new_words, autojunk=False).ratio() >= ALIKE

    def changed(self, old: _Element, new: _Element) -> _Element:
        if new.tag == P:
            return self.paragraph(old, new)
        if new.tag == TBL:
            return self.table(old, new)
        return self.reviser.inserted(new)  # pragma: no cover - csi-gen writes paragraphs and tables

    # --- paragraphs ------------------------------------------------------------------------------

    def paragraph(self, old: _Element, new: _Element) -> _Element:
        """The later paragraph with the words that changed marked deleted and inserted."""
        self.numbering.learn(old, new)
        old_tokens, new_tokens = tokens(old), tokens(new)
        matcher = SequenceMatcher(
            None, [t.key for t in old_tokens], [t.key for t in new_tokens], autojunk=False
        )
        items: list[tuple[Token, str | None, Token | None]] = []
        for tag, i1, i2, j1, j2 in _merge_small_gaps(matcher.get_opcodes(), old_tokens):
            if tag == "equal":
                items.extend(
                    (n, None, o) for o, n in zip(old_tokens[i1:i2], new_tokens[j1:j2], strict=True)
                )
                continue
            items.extend((o, "del", None) for o in old_tokens[i1:i2])
            items.extend((n, "ins", None) for n in new_tokens[j1:j2])
        result = new_element(P)
        ppr = new.find(PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            result.append(ppr)
            if ppr_key(old) != ppr_key(new):
                self.reviser.ppr_change(ppr, old.find(PPR))
        for element in self.reviser.emit(items):
            result.append(element)
        return result

    # --- tables ----------------------------------------------------------------------------------

    def table(self, old: _Element, new: _Element) -> _Element:
        """The later table; rows compared like paragraphs, cells of paired rows one by one."""
        old_rows, new_rows = old.findall(TR), new.findall(TR)
        rows = self._rows(old_rows, new_rows)
        for row in new_rows:
            new.remove(row)
        for row in rows:
            new.append(row)
        return new

    def _rows(self, old: list[_Element], new: list[_Element]) -> list[_Element]:
        matcher = SequenceMatcher(
            None, [self._row_key(r) for r in old], [self._row_key(r) for r in new], autojunk=False
        )
        result: list[_Element] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for old_row, new_row in zip(old[i1:i2], new[j1:j2], strict=True):
                    self.numbering.learn(old_row, new_row)
                    result.append(new_row)
                continue
            for old_row, new_row in pair(
                old[i1:i2], new[j1:j2], self._similarity, self._compatible
            ):
                if old_row is None and new_row is not None:
                    self.reviser.mark_row(new_row, "ins")
                    result.append(new_row)
                elif new_row is None and old_row is not None:
                    result.append(self.reviser.deleted_row(old_row))
                elif old_row is not None and new_row is not None:
                    result.append(self._row(old_row, new_row))
        return result

    def _row(self, old: _Element, new: _Element) -> _Element:
        for old_cell, new_cell in zip(old.findall(TC), new.findall(TC), strict=True):
            old_blocks = [c for c in old_cell if c.tag in (P, TBL)]
            new_blocks = [c for c in new_cell if c.tag in (P, TBL)]
            merged = self.blocks(old_blocks, new_blocks)
            for block in new_blocks:
                new_cell.remove(block)
            for block in merged:
                new_cell.append(block)
        return new


def _table_similarity(
    old: _Element, new: _Element, row_key: Callable[[_Element], tuple[object, ...]]
) -> float:
    def columns(table: _Element) -> int:
        return len(table.findall(f"{w('tblGrid')}/{w('gridCol')}"))

    if columns(old) != columns(new):
        return 0.0
    old_rows, new_rows = old.findall(TR), new.findall(TR)
    if old_rows and new_rows and row_key(old_rows[0]) == row_key(new_rows[0]):
        return 1.0  # same header row: the same table, whatever its rows became
    keys = SequenceMatcher(
        None, [row_key(r) for r in old_rows], [row_key(r) for r in new_rows], autojunk=False
    )
    return keys.ratio()


def _merge_small_gaps(
    opcodes: Iterable[tuple[str, int, int, int, int]], old_tokens: list[Token]
) -> list[tuple[str, int, int, int, int]]:
    """Fold a short unchanged stretch between two changes into one change.

    « ~~conclure avec~~ le ~~parquet~~ » reads worse than « ~~conclure avec le parquet~~ »:
    spaces, punctuation and one short word between two changes are taken into the change.
    """
    merged: list[tuple[str, int, int, int, int]] = []
    for opcode in opcodes:
        tag = opcode[0]
        if tag != "equal" and len(merged) >= 2 and merged[-1][0] == "equal":
            gap = old_tokens[merged[-1][1] : merged[-1][2]]
            if merged[-2][0] != "equal" and _small(gap):
                merged.pop()
                previous = merged.pop()
                merged.append(("replace", previous[1], opcode[2], previous[3], opcode[4]))
                continue
        merged.append(opcode)
    return merged


def _small(gap: list[Token]) -> bool:
    if any(t.element is not None for t in gap):
        return False
    words = [t.text for t in gap if t.is_word and any(c.isalnum() for c in t.text)]
    return len(words) <= 1 and all(len(w) <= 3 for w in words)


def pair(
    old: Sequence[_Element],
    new: Sequence[_Element],
    similarity: Callable[[_Element, _Element], float],
    compatible: Callable[[_Element, _Element], bool] = lambda old, new: False,
) -> list[tuple[_Element | None, _Element | None]]:
    """Align two runs of blocks that differ: similar blocks paired, in order; the others alone.

    The pairing maximises the total similarity (dynamic programming), or is greedy when the
    gap is large. One block replaced by one block of the same kind (a table cell's « 15 »
    become « 20 ») is always a pair. Within a gap, removed blocks come before added ones,
    as Word shows them.
    """
    if not old or not new:
        return [(o, None) for o in old] + [(None, n) for n in new]
    if len(old) == 1 == len(new) and compatible(old[0], new[0]):
        return [(old[0], new[0])]
    if len(old) * len(new) > PAIRING_LIMIT:
        pairs = _greedy_pairs(old, new, similarity)
    else:
        pairs = _best_pairs(old, new, similarity)
    result: list[tuple[_Element | None, _Element | None]] = []
    i = j = 0
    for pi, pj in [*pairs, (len(old), len(new))]:
        result.extend((o, None) for o in old[i:pi])
        result.extend((None, n) for n in new[j:pj])
        if pi < len(old) and pj < len(new):
            result.append((old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return result


def _best_pairs(
    old: Sequence[_Element],
    new: Sequence[_Element],
    similarity: Callable[[_Element, _Element], float],
) -> list[tuple[int, int]]:
    n, m = len(old), len(new)
    scores = [[similarity(o, b) for b in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            value = max(best[i + 1][j], best[i][j + 1])
            if scores[i][j] >= SIMILAR:
                value = max(value, scores[i][j] + best[i + 1][j + 1])
            best[i][j] = value
    pairs = []
    i = j = 0
    while i < n and j < m:
        if scores[i][j] >= SIMILAR and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _greedy_pairs(
    old: Sequence[_Element],
    new: Sequence[_Element],
    similarity: Callable[[_Element, _Element], float],
) -> list[tuple[int, int]]:
    pairs = []
    j = 0
    for i, block in enumerate(old):
        window = range(j, min(j + GREEDY_WINDOW, len(new)))
        scored = [(similarity(block, new[k]), k) for k in window]
        score, k = max(scored, default=(0.0, -1))
        if score >= SIMILAR:
            pairs.append((i, k))
            j = k + 1
    return pairs


# --- The whole document ---------------------------------------------------------------------------


def _body_blocks(document: Document) -> list[_Element]:
    return [c for c in document.element.body if c.tag != w("sectPr")]


def _numbering(document: Document) -> _Element | None:
    try:
        element: _Element = document.part.numbering_part.element
    except (NotImplementedError, KeyError):
        return None
    return element


def redline(old: Document, new: Document, stamp: Stamp) -> int:
    """Rewrite ``new``'s body with every difference from ``old`` as a revision.

    Return the number of revision marks written (0 when the bodies are the same).
    """
    body = new.element.body
    ids = [int(v) for e in body.iter() if (v := e.get(w("id"))) is not None and v.isdigit()]
    numbering = Numbering(_numbering(old), _numbering(new))
    reviser = Reviser(stamp, numbering, max(ids, default=0) + 1)
    redliner = Redliner(reviser)
    blocks = redliner.blocks(_body_blocks(old), _body_blocks(new))
    numbering.resolve()
    section = body.find(w("sectPr"))
    for child in list(body):
        body.remove(child)
    for block in blocks:
        body.append(block)
    if section is not None:
        body.append(section)
    return reviser.marks.count
