"""`score-batch` end to end: read every agency, score each with the engine, write one row per agency.

A national file is read in bulk (importing.columnar) and, on Linux with more than one core, cut at agency
boundaries into parts that forked processes read, score and format side by side. Every part is checked as
strictly as the whole file; if any part finds anything irregular, the row-by-row reader reads the whole file and
names every problem. Nothing is written unless every agency was scored.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..exporting.batch_table import batch_columns, batch_row, csv_body, write_batch
from ..importing.columnar import BatchFile, Defer
from ..importing.results_reader import read_results
from ..ita.model import Framework
from ..ita.results import ResultSet
from ..ita.scoring import compute

# Below this many bytes of rows a second process costs more than it saves.
PARALLEL_FROM_BYTES = 4 * 2**20
MAX_AUTO_JOBS = 4

Progress = Callable[[int, int], None]


class BatchSummary:
    """What a batch run did, for the closing message."""

    def __init__(self, agencies: int, rows_read: int, mismatched: int, processes: int):
        self.agencies = agencies
        self.rows_read = rows_read
        self.mismatched = mismatched
        self.processes = processes


class _Part:
    """One part's answer: its agencies, rows read and agencies not reconciled, and its table rows, ready to write
    (as CSV text when the table is a CSV file)."""

    def __init__(self, names: list[str], rows_read: int, mismatched: int, rows: list[list[object]], as_text: bool):
        self.names = names
        self.rows_read = rows_read
        self.mismatched = mismatched
        self.text = csv_body(rows) if as_text else None
        self.rows = None if as_text else rows


class _AgencyAgain(Exception):
    """An agency has rows further down the file than its first block."""


def auto_jobs() -> int:
    """Processes to use when not told: the cores this process may run on (at most MAX_AUTO_JOBS), 1 without fork."""
    if not _can_fork():
        return 1
    return max(1, min(MAX_AUTO_JOBS, len(os.sched_getaffinity(0))))


def score_batch(
    path: Path, framework: Framework, output: Path, *, tolerance: float, jobs: int = 1,
    progress: Progress | None = None,
) -> BatchSummary:
    """Score every agency of `path` and write the table to `output`; InputError (nothing written) on a bad row."""
    as_text = output.suffix.lower() != ".xlsx"
    with _collector_paused():
        parts = _bulk(path, framework, tolerance, jobs, as_text, progress)
        if parts is None:
            read = read_results(path, framework, require_agency=True)  # names every problem, or reads it all
            parts = [_score(framework, read.by_agency.values(), read.rows_read, tolerance, as_text, progress)]
        columns = batch_columns(sorted(framework.indicators))
        if as_text:
            write_batch([], columns, output, body=[part.text or "" for part in parts])
        else:
            write_batch([row for part in parts for row in part.rows or []], columns, output)
    return BatchSummary(sum(len(p.names) for p in parts), sum(p.rows_read for p in parts),
                        sum(p.mismatched for p in parts), len(parts))


def _bulk(
    path: Path, framework: Framework, tolerance: float, jobs: int, as_text: bool, progress: Progress | None
) -> list[_Part] | None:
    """The parts scored from the bulk reader, or None when the row-by-row reader must read the file."""
    try:
        batch = BatchFile.open(path, framework)
    except Defer:
        return None
    size = len(batch.data) - batch.begin
    ranges = batch.parts(jobs if jobs > 1 and size >= PARALLEL_FROM_BYTES and _can_fork() else 1)

    def part(start: int, stop: int, report: Progress | None = None) -> _Part:
        try:
            return _score_blocks(framework, batch.blocks(start, stop), tolerance, as_text, report)
        except _AgencyAgain:  # an agency's rows are not all together: gather them first
            by_agency, rows_read = batch.read(start, stop)
            return _score(framework, by_agency.values(), rows_read, tolerance, as_text, report)

    scale = len(ranges)  # this process reports its own part, taken as a share of the whole
    report = None if progress is None else lambda done, total: progress(done * scale, total * scale)
    pending: list[tuple[int, int, tuple[int, int]]] = []  # forked children: pid, pipe, their part
    try:
        for r in ranges[1:]:
            pending.append((*_fork(lambda r=r: part(*r)), r))
        answers = [part(*ranges[0], report)]
        while pending:
            pid, read_end, r = pending.pop(0)
            answers.append(_join(pid, read_end, lambda r=r: part(*r)))  # type: ignore[arg-type]
    except Defer:
        return None
    finally:
        for pid, read_end, _ in pending:  # only when this process stopped early: those answers are not needed
            os.close(read_end)
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    names = [name for answer in answers for name in answer.names]
    if len(set(names)) != len(names):  # an agency's rows are in two parts: read the file as one part
        try:
            answers = [part(batch.begin, len(batch.data), progress)]
        except Defer:
            return None
    return answers


def _score_blocks(
    framework: Framework, blocks: Iterator[tuple[str, ResultSet, int, float]], tolerance: float, as_text: bool,
    progress: Progress | None,
) -> _Part:
    """Score each agency as soon as its block is read, so the file's result sets are never all held at once."""
    names: list[str] = []
    seen: set[str] = set()
    rows = []
    rows_read = mismatched = 0
    for name, results, read, share in blocks:
        if name in seen:
            raise _AgencyAgain
        seen.add(name)
        names.append(name)
        rows_read += read
        computation = compute(framework, results, tolerance=tolerance)
        mismatched += bool(computation.mismatches)
        rows.append(batch_row(computation))
        if progress is not None and len(rows) % 500 == 0:
            progress(len(rows), max(len(rows), round(len(rows) / share)))  # the total, estimated from the bytes read
    if not rows:
        raise Defer
    if progress is not None:
        progress(len(rows), len(rows))
    return _Part(names, rows_read, mismatched, rows, as_text)


def _score(
    framework: Framework, results: Iterable[ResultSet], rows_read: int, tolerance: float, as_text: bool,
    progress: Progress | None,
) -> _Part:
    """One row per agency, scored by the engine (score() and a batch compute the same figures)."""
    names: list[str] = []
    rows = []
    mismatched = 0
    everything = list(results)
    for index, result in enumerate(everything, start=1):
        computation = compute(framework, result, tolerance=tolerance)
        mismatched += bool(computation.mismatches)
        names.append(result.agency or "")
        rows.append(batch_row(computation))
        if progress is not None and index % 500 == 0:
            progress(index, len(everything))
    if progress is not None:
        progress(len(everything), len(everything))
    return _Part(names, rows_read, mismatched, rows, as_text)


def _can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _fork(work: Callable[[], object]) -> tuple[int, int]:
    """Run `work` in a forked child; (pid, pipe) to read its pickled answer from. Defer travels back as such."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe and leave without running the parent's clean-up
        status = 0
        try:
            os.close(read_end)
            try:
                answer: tuple[str, object] = ("ok", work())
            except Defer:
                answer = ("defer", None)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # anything else: the parent does this part itself
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _join(pid: int, read_end: int, again: Callable[[], object]) -> object:
    """The child's answer; Defer if it deferred; if it failed in any other way, `again()` in this process."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        kind, value = pickle.loads(data)
        if kind == "defer":
            raise Defer
        return value
    return again()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of acyclic objects are made (they are freed by refcount)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
