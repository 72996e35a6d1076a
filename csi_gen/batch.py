"""Build many contracts at once, one process per core; PDFs by one LibreOffice per worker.

A contract that fails does not stop the others: each outcome is reported, and the caller
decides the exit code.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from csi_gen.errors import CsiGenError


@dataclass(frozen=True)
class Outcome:
    source: Path
    identifiant: str
    docx: Path | None
    pdf: Path | None
    warnings: int
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def default_workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def build_one(source: Path, output_dir: Path) -> Outcome:
    """Build one contract's .docx; errors become the outcome's French message."""
    from csi_gen.build import build_contract

    started = time.perf_counter()
    try:
        built = build_contract(source, output_dir)
    except CsiGenError as error:
        return Outcome(
            source, source.stem, None, None, 0, time.perf_counter() - started, str(error)
        )
    return Outcome(source, source.stem, built.docx, None, len(built.warnings), built.seconds)


def build_many(
    sources: Sequence[Path],
    output_dir: Path,
    workers: int,
    pdf: bool = False,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Build every contract with ``workers`` processes; outcomes in the order of ``sources``."""
    outcomes: dict[Path, Outcome] = {}
    if workers <= 1 or len(sources) <= 1:
        for source in sources:
            outcomes[source] = build_one(source, output_dir)
            on_done(outcomes[source])
    else:
        # The first contract is built here: it loads the libraries, the compiled templates
        # and the validator, which forked workers then inherit instead of loading them again.
        first, rest = sources[0], sources[1:]
        outcomes[first] = build_one(first, output_dir)
        on_done(outcomes[first])
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
            futures = {pool.submit(build_one, s, output_dir): s for s in rest}
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                on_done(outcome)
    ordered = [outcomes[s] for s in sources]
    if pdf:
        ordered = _convert(ordered, workers)
    return ordered


def _context() -> multiprocessing.context.BaseContext | None:
    """Fork where it is safe, so that workers start warm; the platform's default elsewhere."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return None


def _convert(outcomes: list[Outcome], workers: int) -> list[Outcome]:
    """PDFs for the built documents: each worker drives one LibreOffice for its share."""
    from csi_gen.pdf import convert_many

    built = [o for o in outcomes if o.docx is not None]
    chunks = [built[i::workers] for i in range(max(1, workers)) if built[i::workers]]
    results: dict[Path, Outcome] = {}

    def convert(chunk: list[Outcome]) -> None:
        started = time.perf_counter()
        pairs = [(o.docx, o.docx.with_suffix(".pdf")) for o in chunk if o.docx]
        try:
            convert_many(pairs)
        except CsiGenError as error:
            for outcome in chunk:
                results[outcome.source] = replace(outcome, error=str(error))
            return
        share = (time.perf_counter() - started) / max(len(chunk), 1)
        for outcome in chunk:
            assert outcome.docx is not None
            results[outcome.source] = replace(
                outcome, pdf=outcome.docx.with_suffix(".pdf"), seconds=outcome.seconds + share
            )

    with ThreadPoolExecutor(max_workers=max(1, len(chunks))) as pool:
        list(pool.map(convert, chunks))
    return [results.get(o.source, o) for o in outcomes]
