"""Build many contracts at once, one process per core; PDFs by one LibreOffice per worker.

A contract that fails does not stop the others: each outcome is reported, and the caller
decides the exit code.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from csi_gen.errors import CsiGenError, error_line

if TYPE_CHECKING:
    from csi_gen.document.pdf import Converter
    from csi_gen.document.pdf_annexes import Joint
    from csi_gen.model import Contrat
    from csi_gen.numbering import Numerotation

    # The frozen numbers of an amended contract (``amend.consolidated.numbering``).
    Numbering = Callable[[Path, Contrat], Numerotation | None]


@dataclass(frozen=True)
class Outcome:
    """What became of one contract of a batch: its documents, or its error."""

    source: Path
    identifiant: str
    docx: Path | None
    pdf: Path | None
    warnings: int
    seconds: float
    error: str | None = None
    joints: tuple[Joint, ...] = ()  # the annexed documents the PDF takes the pages of

    @property
    def ok(self) -> bool:
        return self.error is None


def default_workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def build_one(source: Path, output_dir: Path, numbering: Numbering | None = None) -> Outcome:
    """Build one contract's .docx; errors become the outcome's French message."""
    from csi_gen.document.build import build_contract

    started = time.perf_counter()
    try:
        built = build_contract(source, output_dir, numbering=numbering)
    except CsiGenError as error:
        return Outcome(
            source, source.stem, None, None, 0, time.perf_counter() - started, str(error)
        )
    finally:
        _release_document()
    return Outcome(
        source,
        source.stem,
        built.docx,
        None,
        len(built.warnings),
        built.seconds,
        joints=built.joints,
    )


class _Collector:
    frozen = False


def _release_document() -> None:
    """Free the document just built, before the next one.

    Its objects hold one another (a part knows its package), so only the cycle collector
    frees them, and the CLI runs it seldom: a batch would hold several documents at once.
    After the first build, what every build shares (libraries, caches) is frozen out of
    the collector's sight, so that collecting only visits the last document: 50 contracts
    in one process peak at about 50 MB instead of 200, in the same time.
    """
    gc.collect()
    if not _Collector.frozen:
        gc.freeze()
        _Collector.frozen = True


def build_many(
    sources: Sequence[Path],
    output_dir: Path,
    workers: int,
    pdf: bool = False,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
    on_converted: Callable[[], None] = lambda: None,
    numbering: Numbering | None = None,
) -> list[Outcome]:
    """Build every contract with ``workers`` processes; outcomes in the order of ``sources``.

    ``on_done`` is called as each .docx is built (or fails). With ``pdf``, each written
    .docx goes at once to the least busy of one LibreOffice per worker, so that conversions
    overlap the builds; ``on_converted`` is called, from another thread, as each is done.
    ``numbering`` gives an amended contract its frozen numbers (``build_contract``).
    """
    outcomes: dict[Path, Outcome] = {}
    with contextlib.ExitStack() as stack:
        pdfs = None
        if pdf:
            pdfs = stack.enter_context(_Pdfs(min(workers, len(sources)), on_converted))

        def done(outcome: Outcome) -> None:
            outcomes[outcome.source] = outcome
            if pdfs is not None:
                pdfs.submit(outcome)
            on_done(outcome)

        if workers <= 1 or len(sources) <= 1:
            if pdfs is not None:
                pdfs.start()
            for source in sources:
                done(build_one(source, output_dir, numbering))
        else:
            # The first contract is built here: it loads the libraries, the compiled
            # templates and the validator, which forked workers then inherit.
            first, rest = sources[0], sources[1:]
            first_outcome = build_one(first, output_dir, numbering)
            with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
                futures = [pool.submit(build_one, s, output_dir, numbering) for s in rest]
                if pdfs is not None:
                    pdfs.start()  # after the fork: no thread of ours is copied into a worker
                done(first_outcome)
                for future in as_completed(futures):
                    done(future.result())
        ordered = [outcomes[s] for s in sources]
        if pdfs is not None:
            ordered = pdfs.finish(ordered)
    return ordered


def _context() -> multiprocessing.context.BaseContext | None:
    """Fork where it is safe, so that workers start warm; the platform's default elsewhere."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return None


class _Pdfs:
    """The batch's PDFs: one LibreOffice per worker, each fed documents as they are written."""

    def __init__(self, count: int, on_converted: Callable[[], None]) -> None:
        self.count = max(1, count)
        self.on_converted = on_converted
        self.converters: list[Converter] = []
        self.error: str | None = None
        self.started = time.perf_counter()
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> _Pdfs:
        return self

    def __exit__(self, *_: object) -> None:
        self._stack.close()

    def start(self) -> None:
        from csi_gen.document.pdf import Converter

        self.started = time.perf_counter()
        for _ in range(self.count):
            try:
                self.converters.append(self._stack.enter_context(Converter(self.on_converted)))
            except CsiGenError as error:  # no LibreOffice, or every profile in use
                self.error = str(error)
                break

    def submit(self, outcome: Outcome) -> None:
        if outcome.docx is not None and self.converters:
            converter = min(self.converters, key=lambda c: c.pending)
            converter.submit(outcome.docx, outcome.docx.with_suffix(".pdf"))

    def finish(self, outcomes: list[Outcome]) -> list[Outcome]:
        """The outcomes with their PDF, or with why it is missing."""
        results: dict[Path, str | None] = {}
        for converter in self.converters:
            results.update(converter.results())
        self._stack.close()
        built = [o for o in outcomes if o.docx is not None]
        share = (time.perf_counter() - self.started) / max(len(built), 1)
        finished = []
        for outcome in outcomes:
            if outcome.docx is None:
                finished.append(outcome)
                continue
            error = results.get(
                outcome.docx.resolve(), self.error or error_line("PDF non produit.")
            )
            seconds = outcome.seconds + share
            if error is None:
                pdf = outcome.docx.with_suffix(".pdf")
                error = _joined(pdf, outcome)
            if error is None:
                finished.append(replace(outcome, pdf=pdf, seconds=seconds))
            else:
                finished.append(replace(outcome, error=error, seconds=seconds))
        return finished


def _joined(pdf: Path, outcome: Outcome) -> str | None:
    """Join the annexed documents' pages to a converted PDF; why it failed, or None."""
    from csi_gen.document.pdf_annexes import join

    try:
        join(pdf, outcome.joints)
    except CsiGenError as error:
        return str(error)
    return None
