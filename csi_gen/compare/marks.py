"""Revision marks: who and when, list numbering brought back, blocks and runs marked.

``w:ins`` and ``w:del`` around runs, the paragraph mark of a paragraph added or removed as
a whole, ``w:trPr/w:ins|w:del`` for table rows, ``w:rPrChange`` and ``w:pPrChange`` for
formatting that changed: each with an id unique in the document, the author and the date.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from lxml import etree

from csi_gen.compare.tokens import (
    BOOKMARKS,
    PPR,
    REVISION_TAGS,
    RPR,
    TBL,
    TR,
    TRPR,
    VAL,
    P,
    R,
    T,
    Token,
    local,
)
from csi_gen.document import ooxml
from csi_gen.document.ooxml import W, w

if TYPE_CHECKING:
    from lxml.etree import _Element


def new_element(tag: str) -> _Element:
    """A new WordprocessingML element, declaring the ``w`` prefix as the document does."""
    return etree.Element(tag, nsmap={"w": W})


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
        element = new_element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
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
        num = paragraph.find(f"{PPR}/{w('numPr')}/{w('numId')}")
        return None if num is None else str(num.get(VAL))

    def learn(self, old: _Element, new: _Element) -> None:
        """Two paragraphs found equal: their list instances are the same list."""
        for old_p, new_p in zip(old.iter(P), new.iter(P), strict=False):
            old_id, new_id = self._num_id(old_p), self._num_id(new_p)
            if old_id is not None and new_id is not None:
                self.mapping.setdefault(old_id, new_id)

    def defer(self, content: _Element) -> None:
        """Earlier-version content: its numIds are rewritten once every pair is known."""
        self.pending.extend(content.iter(w("numId")))

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
        definition = self.old.find(f"{w('num')}[@{w('numId')}='{old_id}']")
        if definition is None:
            return old_id
        ids = [int(n.get(w("numId"))) for n in self.new.findall(w("num"))]
        new_id = str(max(ids, default=0) + 1)
        copied = copy.deepcopy(definition)
        copied.set(w("numId"), new_id)
        abstract = copied.find(w("abstractNumId"))
        if abstract is not None:
            abstract.set(VAL, self._abstract(str(abstract.get(VAL))))
        self.new.append(copied)
        self.mapping[old_id] = new_id
        return new_id

    def _abstract(self, old_id: str) -> str:
        assert self.old is not None and self.new is not None
        path = f"{w('abstractNum')}[@{w('abstractNumId')}='{old_id}']"
        if self.new.find(path) is not None:
            return old_id  # same master template: the same definitions
        definition = self.old.find(path)
        if definition is None:
            return old_id
        ids = [int(n.get(w("abstractNumId"))) for n in self.new.findall(w("abstractNum"))]
        new_id = str(max(ids, default=-1) + 1)
        copied = copy.deepcopy(definition)
        copied.set(w("abstractNumId"), new_id)
        first_num = self.new.find(w("num"))
        if first_num is None:
            self.new.append(copied)
        else:
            first_num.addprevious(copied)
        return new_id


def delete_run_contents(run: _Element) -> None:
    """Turn a run's text into deleted text; a chart becomes a deleted mention of it."""
    for child in list(run):
        name = local(child)
        if name == "t":
            child.tag = w("delText")
        elif name == "instrText":
            child.tag = w("delInstrText")
        elif name == "drawing":
            descriptions = [e.get("descr") for e in child.iter() if local(e) == "docPr"]
            replacement = new_element(w("delText"))
            replacement.text = f"[graphique : {descriptions[0]}]" if descriptions else "[graphique]"
            replacement.set(ooxml.XML_SPACE, "preserve")
            child.addprevious(replacement)
            run.remove(child)


def strip_foreign(content: _Element) -> None:
    """Earlier-version content loses its bookmarks and relationships (they are the later one's)."""
    for bookmark in list(content.iter(*BOOKMARKS)):
        parent = bookmark.getparent()
        if parent is not None:
            parent.remove(bookmark)
    for element in content.iter():
        for name in list(element.attrib):
            if name.startswith(f"{{{ooxml.R}}}"):
                del element.attrib[name]


def paragraph_mark(paragraph: _Element, mark: _Element) -> None:
    """Put ``w:ins``/``w:del`` on the paragraph mark (``w:pPr/w:rPr``)."""
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = new_element(PPR)
        paragraph.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = new_element(RPR)
        anchor = ppr.find(w("sectPr"))
        if anchor is None:
            anchor = ppr.find(w("pPrChange"))
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)
    rpr.insert(0, mark)


def row_mark(row: _Element, mark: _Element) -> None:
    trpr = row.find(TRPR)
    if trpr is None:
        trpr = new_element(TRPR)
        before = row.find(w("tblPrEx"))
        if before is None:
            row.insert(0, trpr)
        else:
            before.addnext(trpr)
    change = trpr.find(w("trPrChange"))
    if change is None:
        trpr.append(mark)
    else:
        change.addprevious(mark)


class Reviser:
    """Writes revisions into the later document: blocks inserted or deleted, runs emitted."""

    def __init__(self, stamp: Stamp, numbering: Numbering, first_id: int) -> None:
        self.marks = Marks(stamp, first_id)
        self.numbering = numbering

    def inserted(self, block: _Element) -> _Element:
        """A block of the later version only: every run, paragraph mark and row inserted."""
        self.mark_block(block, "ins")
        return block

    def deleted(self, block: _Element) -> _Element:
        """A block of the earlier version only, brought back deleted."""
        block = copy.deepcopy(block)
        strip_foreign(block)
        self.numbering.defer(block)
        for run in block.iter(R):
            delete_run_contents(run)
        self.mark_block(block, "del")
        return block

    def mark_block(self, block: _Element, kind: str) -> None:
        if block.tag == TBL:
            for row in block.iter(TR):
                row_mark(row, self.marks.new(kind))
        for paragraph in block.iter(P):
            self.wrap_runs(paragraph, kind)
            paragraph_mark(paragraph, self.marks.new(kind))

    def wrap_runs(self, container: _Element, kind: str) -> None:
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
                self.wrap_runs(child, kind)
        flush()

    def ppr_change(self, ppr: _Element, old_ppr: _Element | None) -> None:
        change = self.marks.new("pPrChange")
        previous = etree.SubElement(change, PPR)
        for child in old_ppr if old_ppr is not None else ():
            if child.tag not in (RPR, w("sectPr"), w("pPrChange")):
                previous.append(copy.deepcopy(child))
        self.numbering.defer(previous)
        ppr.append(change)

    def emit(self, items: list[tuple[Token, str | None, Token | None]]) -> list[_Element]:
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
                    strip_foreign(element)
                    for inner in element.iter(R):
                        delete_run_contents(inner)
                if kind is not None and not token.is_bookmark:
                    self.wrap_runs(element, kind)
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
                    if wrapper is None or local(wrapper) != kind:
                        wrapper = self.marks.new(kind)
                        children.append(wrapper)
                    wrapper.append(run)
            self._append_to_run(run, token, kind)
        return children

    def _new_run(self, token: Token, before: Token | None) -> _Element:
        run = new_element(R)
        rpr = copy.deepcopy(token.rpr) if token.rpr is not None else None
        if before is not None:
            if rpr is None:
                rpr = new_element(RPR)
            change = self.marks.new("rPrChange")
            previous = etree.SubElement(change, RPR)
            for child in before.rpr if before.rpr is not None else ():
                if child.tag != w("rPrChange"):
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
                strip_foreign(element)
                delete_run_contents(run)
            return
        tag = w("delText") if kind == "del" else T
        last = run[-1] if len(run) else None
        if last is not None and last.tag == tag:
            last.text = (last.text or "") + token.text
            return
        text = etree.SubElement(run, tag)
        text.text = token.text
        text.set(ooxml.XML_SPACE, "preserve")

    def mark_row(self, row: _Element, kind: str) -> None:
        row_mark(row, self.marks.new(kind))
        for paragraph in row.iter(P):
            self.wrap_runs(paragraph, kind)
            paragraph_mark(paragraph, self.marks.new(kind))

    def deleted_row(self, row: _Element) -> _Element:
        row = copy.deepcopy(row)
        strip_foreign(row)
        self.numbering.defer(row)
        for run in row.iter(R):
            delete_run_contents(run)
        self.mark_row(row, "del")
        return row
