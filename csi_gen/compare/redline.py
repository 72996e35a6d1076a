"""Mark the differences between two renders of a contract as Word revisions.

The later document's body is rewritten so that every difference from the earlier one is
a tracked change that Word and LibreOffice list, accept and reject: ``w:del`` and
``w:ins`` around runs, the paragraph mark of a paragraph added or removed as a whole,
``w:trPr/w:ins|w:del`` for table rows, ``w:rPrChange`` for text whose formatting changed.

The comparison knows what csi-gen writes: a body of paragraphs and tables. Blocks are
aligned first (difflib on their style, text and formatting; blocks that differ are paired
by similarity), then words inside the paragraphs that changed; table rows and cells are
compared the same way. Headers and footers are the later version's, untracked.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from lxml import etree

from csi_gen.document.ooxml import W

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

SIMILAR = 0.5  # two paragraphs sharing at least half their words are one paragraph changed
ALIKE = 0.25  # …or a quarter, when one paragraph replaces one paragraph
SHORT = 3  # words: a short paragraph replacing another is shown word by word
PAIRING_LIMIT = 4000  # beyond this many candidate pairs in one gap, pair greedily
GREEDY_WINDOW = 25
_WORDS = re.compile(r"\d+(?:[\u202f\u00a0,]\d+)*|\w+|\s+|[^\w\s]")
_TOC_BOOKMARK = re.compile(r"_Toc\d+")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, TBL, TR, TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
PPR, RPR, TRPR, VAL = _w("pPr"), _w("rPr"), _w("trPr"), _w("val")
BOOKMARKS = (_w("bookmarkStart"), _w("bookmarkEnd"))
REVISION_TAGS = (_w("ins"), _w("del"))
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _new(tag: str) -> _Element:
    """A new WordprocessingML element, declaring the ``w`` prefix as the document does."""
    return etree.Element(tag, nsmap={"w": W})


def _local(element: _Element) -> str:
    return str(etree.QName(element).localname)


def _text(element: _Element) -> str:
    return "".join(t.text or "" for t in element.iter(T))


def _style(paragraph: _Element) -> str:
    style = paragraph.find(f"{PPR}/{_w('pStyle')}")
    return "" if style is None else str(style.get(VAL))


# --- Revision marks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """Who made the revisions, and when: written on every one of them."""

    author: str
    date: datetime

    @property
    def iso(self) -> str:
        return self.date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Marks:
    """Revision elements with ids unique in the document, counted."""

    def __init__(self, stamp: Stamp, first_id: int) -> None:
        self.author = stamp.author
        self.date = stamp.iso
        self.next_id = first_id
        self.count = 0

    def new(self, tag: str) -> _Element:
        """A ``w:ins``, ``w:del``, ``w:rPrChange``… element, with its id, author and date."""
        element = _new(_w(tag))
        element.set(_w("id"), str(self.next_id))
        element.set(_w("author"), self.author)
        element.set(_w("date"), self.date)
        self.next_id += 1
        self.count += 1
        return element


# --- Numbering: list paragraphs brought back from the earlier version ----------------------------


class Numbering:
    """Map the earlier document's list instances (``w:numId``) to the later one's.

    A list paragraph that only the earlier version has keeps its list: the instance of a
    paragraph that both versions share when there is one, else a copy of its definition.
    """

    def __init__(self, old: _Element | None, new: _Element | None) -> None:
        self.old = old
        self.new = new
        self.mapping: dict[str, str] = {}
        self.pending: list[_Element] = []

    @staticmethod
    def _num_id(paragraph: _Element) -> str | None:
        num = paragraph.find(f"{PPR}/{_w('numPr')}/{_w('numId')}")
        return None if num is None else str(num.get(VAL))

    def learn(self, old: _Element, new: _Element) -> None:
        """Two paragraphs found equal: their list instances are the same list."""
        for old_p, new_p in zip(old.iter(P), new.iter(P), strict=False):
            old_id, new_id = self._num_id(old_p), self._num_id(new_p)
            if old_id is not None and new_id is not None:
                self.mapping.setdefault(old_id, new_id)

    def defer(self, content: _Element) -> None:
        """Earlier-version content: its numIds are rewritten once every pair is known."""
        self.pending.extend(content.iter(_w("numId")))

    def resolve(self) -> None:
        for element in self.pending:
            old_id = str(element.get(VAL))
            if old_id == "0":
                continue
            element.set(VAL, self.mapping.get(old_id) or self._import(old_id))
        self.pending.clear()

    def _import(self, old_id: str) -> str:
        if self.old is None or self.new is None:
            return old_id
        definition = self.old.find(f"{_w('num')}[@{_w('numId')}='{old_id}']")
        if definition is None:
            return old_id
        ids = [int(n.get(_w("numId"))) for n in self.new.findall(_w("num"))]
        new_id = str(max(ids, default=0) + 1)
        copied = copy.deepcopy(definition)
        copied.set(_w("numId"), new_id)
        abstract = copied.find(_w("abstractNumId"))
        if abstract is not None:
            abstract.set(VAL, self._abstract(str(abstract.get(VAL))))
        self.new.append(copied)
        self.mapping[old_id] = new_id
        return new_id

    def _abstract(self, old_id: str) -> str:
        assert self.old is not None and self.new is not None
        path = f"{_w('abstractNum')}[@{_w('abstractNumId')}='{old_id}']"
        if self.new.find(path) is not None:
            return old_id  # same master template: the same definitions
        definition = self.old.find(path)
        if definition is None:
            return old_id
        ids = [int(n.get(_w("abstractNumId"))) for n in self.new.findall(_w("abstractNum"))]
        new_id = str(max(ids, default=-1) + 1)
        copied = copy.deepcopy(definition)
        copied.set(_w("abstractNumId"), new_id)
        first_num = self.new.find(_w("num"))
        if first_num is None:
            self.new.append(copied)
        else:
            first_num.addprevious(copied)
        return new_id


# --- Paragraph contents as tokens ----------------------------------------------------------------


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


def _rpr_key(rpr: _Element | None) -> str:
    return "" if rpr is None else etree.tostring(rpr, encoding="unicode")


def _atom_key(child: _Element) -> tuple[str, ...]:
    name = _local(child)
    if (
        name == "instrText"
    ):  # TOC page references name bookmarks renumbered from one render to the next
        return (name, _TOC_BOOKMARK.sub("_Toc", child.text or ""))
    if name == "fldChar":
        return (name, str(child.get(_w("fldCharType"))))
    if name == "drawing":
        descriptions = [e.get("descr") for e in child.iter() if _local(e) == "docPr"]
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
            key = _rpr_key(rpr)
            for item in child:
                if item.tag == RPR:
                    continue
                if item.tag == T:
                    result.extend(
                        Token(("t", word), word, rpr, key)
                        for word in _WORDS.findall(item.text or "")
                    )
                else:
                    result.append(Token(_atom_key(item), rpr=rpr, rpr_key=key, element=item))
        elif child.tag in BOOKMARKS:
            result.append(Token((_local(child),), element=child, in_run=False))
        else:  # a hyperlink or another container: compared by its text only
            result.append(Token((_local(child), _text(child)), element=child, in_run=False))
    return result


def _paragraph_key(paragraph: _Element) -> tuple[str, ...]:
    """Style, properties and formatted text: equal keys are paragraphs left as they were."""
    parts = [_ppr_key(paragraph)]
    for child in paragraph:
        if child.tag == PPR or child.tag in BOOKMARKS:
            continue
        if child.tag == R:
            parts.append(_rpr_key(child.find(RPR)))
            for item in child:
                if item.tag == T:
                    parts.append(item.text or "")
                elif item.tag != RPR:
                    parts.append("\x00".join(_atom_key(item)))
        else:
            parts.append(f"{_local(child)}\x00{_text(child)}")
    return tuple(parts)


def _ppr_key(paragraph: _Element) -> str:
    """The paragraph's properties, list instance ids aside (they differ between renders)."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        return ""
    text = etree.tostring(ppr, encoding="unicode")
    return re.sub(r'(<w:numId w:val=")\d+', r"\1", text)


def _words(text: str) -> list[str]:
    return [w for w in _WORDS.findall(text) if not w.isspace()]


# --- Marking whole blocks -------------------------------------------------------------------------


def _delete_run_contents(run: _Element) -> None:
    """Turn a run's text into deleted text; a chart becomes a deleted mention of it."""
    for child in list(run):
        name = _local(child)
        if name == "t":
            child.tag = _w("delText")
        elif name == "instrText":
            child.tag = _w("delInstrText")
        elif name == "drawing":
            descriptions = [e.get("descr") for e in child.iter() if _local(e) == "docPr"]
            replacement = _new(_w("delText"))
            replacement.text = f"[graphique : {descriptions[0]}]" if descriptions else "[graphique]"
            replacement.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            child.addprevious(replacement)
            run.remove(child)


def _strip_foreign(content: _Element) -> None:
    """Earlier-version content loses its bookmarks and relationships (they are the later one's)."""
    for bookmark in list(content.iter(*BOOKMARKS)):
        parent = bookmark.getparent()
        if parent is not None:
            parent.remove(bookmark)
    for element in content.iter():
        for name in list(element.attrib):
            if name.startswith(f"{{{R_NS}}}"):
                del element.attrib[name]


def _paragraph_mark(paragraph: _Element, mark: _Element) -> None:
    """Put ``w:ins``/``w:del`` on the paragraph mark (``w:pPr/w:rPr``)."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = _new(PPR)
        paragraph.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = _new(RPR)
        anchor = ppr.find(_w("sectPr"))
        if anchor is None:
            anchor = ppr.find(_w("pPrChange"))
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)
    rpr.insert(0, mark)


def _row_mark(row: _Element, mark: _Element) -> None:
    trpr = row.find(TRPR)
    if trpr is None:
        trpr = _new(TRPR)
        before = row.find(_w("tblPrEx"))
        if before is None:
            row.insert(0, trpr)
        else:
            before.addnext(trpr)
    change = trpr.find(_w("trPrChange"))
    if change is None:
        trpr.append(mark)
    else:
        change.addprevious(mark)


class Redliner:
    """Compare the earlier body with the later one and write the revisions into the later."""

    def __init__(self, stamp: Stamp, numbering: Numbering, first_id: int) -> None:
        self.marks = Marks(stamp, first_id)
        self.numbering = numbering
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
                    result.append(self.inserted(new_block))
                elif new_block is None and old_block is not None:
                    result.append(self.deleted(old_block))
                elif old_block is not None and new_block is not None:
                    result.append(self.changed(old_block, new_block))
        return result

    def _key(self, block: _Element) -> tuple[object, ...]:
        cached = self._keys.get(id(block))
        if cached is not None:
            return cached[1]
        key: tuple[object, ...]
        if block.tag == P:
            key = ("p", *_paragraph_key(block))
        elif block.tag == TBL:
            key = ("tbl", *(self._row_key(row) for row in block.iter(TR)))
        else:
            key = (_local(block), etree.tostring(block, encoding="unicode"))
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
        words = _words(_text(block))
        self._words[id(block)] = (block, words)
        return words

    def _similarity(self, old: _Element, new: _Element) -> float:
        if old.tag != new.tag:
            return 0.0
        if old.tag == TBL:
            return _table_similarity(old, new, self._row_key)
        if old.tag == TR and len(old.findall(TC)) != len(new.findall(TC)):
            return 0.0
        old_words, new_words = self._word_list(old), self._word_list(new)
        if not old_words and not new_words:
            return 1.0 if old.tag != P or _style(old) == _style(new) else 0.0
        matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            return 0.0
        return matcher.ratio()

    def _compatible(self, old: _Element, new: _Element) -> bool:
        """One block replaced by one block: shown word by word when they are of the same kind
        (style, width) and short (a table cell's « 15 » become « 20 ») or alike enough."""
        if old.tag != new.tag:
            return False
        if old.tag == P and _style(old) != _style(new):
            return False
        if old.tag == TR and len(old.findall(TC)) != len(new.findall(TC)):
            return False
        if old.tag == TBL:
            grid = f"{_w('tblGrid')}/{_w('gridCol')}"
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
        return self.inserted(new)  # pragma: no cover - csi-gen writes paragraphs and tables

    def inserted(self, block: _Element) -> _Element:
        """A block of the later version only: every run, paragraph mark and row inserted."""
        self._mark_block(block, "ins")
        return block

    def deleted(self, block: _Element) -> _Element:
        """A block of the earlier version only, brought back deleted."""
        block = copy.deepcopy(block)
        _strip_foreign(block)
        self.numbering.defer(block)
        for run in block.iter(R):
            _delete_run_contents(run)
        self._mark_block(block, "del")
        return block

    def _mark_block(self, block: _Element, kind: str) -> None:
        if block.tag == TBL:
            for row in block.iter(TR):
                _row_mark(row, self.marks.new(kind))
        for paragraph in block.iter(P):
            self._wrap_runs(paragraph, kind)
            _paragraph_mark(paragraph, self.marks.new(kind))

    def _wrap_runs(self, container: _Element, kind: str) -> None:
        """Wrap each sequence of runs of ``container`` (and of its hyperlinks…) in one mark."""
        group: list[_Element] = []

        def flush() -> None:
            if group:
                mark = self.marks.new(kind)
                group[0].addprevious(mark)
                for run in group:
                    mark.append(run)
                group.clear()

        for child in list(container):
            if child.tag == R:
                group.append(child)
                continue
            flush()
            if child.tag not in (PPR, *BOOKMARKS, *REVISION_TAGS, TBL):
                self._wrap_runs(child, kind)
        flush()

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
        result = _new(P)
        ppr = new.find(PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            result.append(ppr)
            if _ppr_key(old) != _ppr_key(new):
                self._ppr_change(ppr, old.find(PPR))
        for element in self._emit(items):
            result.append(element)
        return result

    def _ppr_change(self, ppr: _Element, old_ppr: _Element | None) -> None:
        change = self.marks.new("pPrChange")
        previous = etree.SubElement(change, PPR)
        for child in old_ppr if old_ppr is not None else ():
            if child.tag not in (RPR, _w("sectPr"), _w("pPrChange")):
                previous.append(copy.deepcopy(child))
        self.numbering.defer(previous)
        ppr.append(change)

    def _emit(self, items: list[tuple[Token, str | None, Token | None]]) -> list[_Element]:
        """Rebuild paragraph children: runs grouped by formatting, wrapped by revision."""
        children: list[_Element] = []
        wrapper: _Element | None = None
        run: _Element | None = None
        run_signature: tuple[object, ...] | None = None
        for token, kind, before in items:
            if kind == "del" and token.is_bookmark:
                continue  # the earlier version's bookmarks are not the later one's
            if not token.in_run:
                assert token.element is not None
                element = copy.deepcopy(token.element)
                if kind == "del":
                    _strip_foreign(element)
                    for inner in element.iter(R):
                        _delete_run_contents(inner)
                if kind is not None and not token.is_bookmark:
                    self._wrap_runs(element, kind)
                children.append(element)
                wrapper = run = run_signature = None
                continue
            previous = before if before is not None and before.rpr_key != token.rpr_key else None
            signature = (kind, token.rpr_key, previous.rpr_key if previous else None)
            if run is None or signature != run_signature:
                run = self._new_run(token, previous)
                run_signature = signature
                if kind is None:
                    wrapper = None
                    children.append(run)
                else:
                    if wrapper is None or _local(wrapper) != kind:
                        wrapper = self.marks.new(kind)
                        children.append(wrapper)
                    wrapper.append(run)
            self._append_to_run(run, token, kind)
        return children

    def _new_run(self, token: Token, before: Token | None) -> _Element:
        run = _new(R)
        rpr = copy.deepcopy(token.rpr) if token.rpr is not None else None
        if before is not None:
            if rpr is None:
                rpr = _new(RPR)
            change = self.marks.new("rPrChange")
            previous = etree.SubElement(change, RPR)
            for child in before.rpr if before.rpr is not None else ():
                if child.tag != _w("rPrChange"):
                    previous.append(copy.deepcopy(child))
            rpr.append(change)
        if rpr is not None:
            run.append(rpr)
        return run

    @staticmethod
    def _append_to_run(run: _Element, token: Token, kind: str | None) -> None:
        if token.element is not None:
            element = copy.deepcopy(token.element)
            run.append(element)
            if kind == "del":
                _strip_foreign(element)
                _delete_run_contents(run)
            return
        tag = _w("delText") if kind == "del" else T
        last = run[-1] if len(run) else None
        if last is not None and last.tag == tag:
            last.text = (last.text or "") + token.text
            return
        text = etree.SubElement(run, tag)
        text.text = token.text
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

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
                    self._mark_row(new_row, "ins")
                    result.append(new_row)
                elif new_row is None and old_row is not None:
                    result.append(self._deleted_row(old_row))
                elif old_row is not None and new_row is not None:
                    result.append(self._row(old_row, new_row))
        return result

    def _mark_row(self, row: _Element, kind: str) -> None:
        _row_mark(row, self.marks.new(kind))
        for paragraph in row.iter(P):
            self._wrap_runs(paragraph, kind)
            _paragraph_mark(paragraph, self.marks.new(kind))

    def _deleted_row(self, row: _Element) -> _Element:
        row = copy.deepcopy(row)
        _strip_foreign(row)
        self.numbering.defer(row)
        for run in row.iter(R):
            _delete_run_contents(run)
        self._mark_row(row, "del")
        return row

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
        return len(table.findall(f"{_w('tblGrid')}/{_w('gridCol')}"))

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
    return [c for c in document.element.body if c.tag != _w("sectPr")]


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
    ids = [int(v) for e in body.iter() if (v := e.get(_w("id"))) is not None and v.isdigit()]
    numbering = Numbering(_numbering(old), _numbering(new))
    redliner = Redliner(stamp, numbering, max(ids, default=0) + 1)
    blocks = redliner.blocks(_body_blocks(old), _body_blocks(new))
    numbering.resolve()
    section = body.find(_w("sectPr"))
    for child in list(body):
        body.remove(child)
    for block in blocks:
        body.append(block)
    if section is not None:
        body.append(section)
    return redliner.marks.count
