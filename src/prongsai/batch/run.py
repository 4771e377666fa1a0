"""`score-batch` end to end: read every agency, score each with the engine, write one row per agency.

A national file is read in bulk (importing.columnar), a chunk of about 1 MiB at a time, each agency scored as
soon as its rows are read. On Linux with more than one core, a ProcessPoolExecutor of forked processes takes the
chunks one at a time until none are left, so a busy core simply takes fewer. Every chunk is checked as
strictly as the whole file; if any finds anything irregular, the row-by-row reader reads the whole file and names
every problem. Nothing is written unless every agency was scored.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..exporting.batch_table import batch_columns, batch_row, csv_body, write_batch
from ..importing.columnar import BatchFile, BlockReader, Defer
from ..importing.results_reader import read_results
from ..ita.model import Framework
from ..ita.results import ResultSet
from ..ita.scoring import compute

if TYPE_CHECKING:  # multiprocessing and concurrent.futures are imported only when a batch runs side by side
    from multiprocessing.sharedctypes import Synchronized

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
    """The answer for some agencies: their names, rows read and agencies not reconciled, and their table rows,
    ready to write (as CSV text when the table is a CSV file)."""

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
    path: Path,
    framework: Framework,
    output: Path,
    *,
    tolerance: float,
    jobs: int = 1,
    progress: Progress | None = None,
) -> BatchSummary:
    """Score every agency of `path` and write the table to `output`; InputError (nothing written) on a bad row."""
    as_text = output.suffix.lower() != ".xlsx"
    with _collector_paused():
        found = _bulk(path, framework, tolerance, jobs, as_text, progress)
        if found is None:
            read = read_results(path, framework, require_agency=True)  # names every problem, or reads it all
            found = [_score(framework, read.by_agency.values(), read.rows_read, tolerance, as_text, progress)], 1
        parts, processes = found
        columns = batch_columns(sorted(framework.indicators))
        if as_text:
            write_batch([], columns, output, body=[part.text or "" for part in parts])
        else:
            write_batch([row for part in parts for row in part.rows or []], columns, output)
    return BatchSummary(
        sum(len(p.names) for p in parts), sum(p.rows_read for p in parts), sum(p.mismatched for p in parts), processes
    )


def _bulk(
    path: Path, framework: Framework, tolerance: float, jobs: int, as_text: bool, progress: Progress | None
) -> tuple[list[_Part], int] | None:
    """Every chunk's part in file order and the processes used, or None when the row reader must read the file."""
    try:
        batch = BatchFile.open(path, framework)
    except Defer:
        return None
    chunks = batch.chunks()
    big = len(batch.data) - batch.begin >= PARALLEL_FROM_BYTES
    workers = min(jobs, len(chunks)) if big and _can_fork() else 1
    readers: dict[int, BlockReader] = {}  # by process: one reader learns what the cells mean for all its chunks

    def one(number: int) -> _Part:
        """Read and score chunk `number` with this process's reader."""
        reader = readers.get(os.getpid())
        if reader is None:
            reader = readers[os.getpid()] = batch.reader()
        start, stop = chunks[number]
        return _score_blocks(framework, batch.blocks(reader, start, stop), tolerance, as_text)

    def report(agencies: int, chunks_done: int) -> None:
        """This process's progress, taken for everyone's: the other processes go about as fast."""
        if progress is not None:
            total = round(agencies * len(chunks) / chunks_done)
            progress(min(agencies * workers, total), total)

    try:
        if workers == 1:
            answers = _one_by_one(one, len(chunks), report)
        else:
            answers = _side_by_side(one, len(chunks), workers, report)
        parts = [answer.part for answer in sorted(answers, key=attrgetter("number"))]
        names = [name for part in parts for name in part.names]
        if len(set(names)) != len(names):
            raise _AgencyAgain  # in two chunks
    except _AgencyAgain:  # an agency's rows are not all together: gather them first
        try:
            by_agency, rows_read = batch.read()
        except Defer:
            return None
        return [_score(framework, by_agency.values(), rows_read, tolerance, as_text, progress)], 1
    except Defer:
        return None
    if not names:
        return None  # no scores at all: the row reader says so
    if progress is not None:
        progress(len(names), len(names))
    return parts, workers


class Answer(NamedTuple):
    """One chunk's part, with the chunk's number (answers come back in any order)."""

    number: int
    part: _Part


Report = Callable[[int, int], None]


class _Shared(NamedTuple):
    """The running batch, for the forked processes: they inherit it, so only the answers travel between them."""

    one: Callable[[int], _Part]  # reads and scores one chunk
    chunks: int  # chunks in all
    next_chunk: Synchronized[int]  # the number of the next chunk to take


_SHARED: _Shared | None = None


def _take_chunks(report: Report | None = None) -> list[Answer]:
    """Take the next chunk number until none is left, and read and score each chunk taken (in any process)."""
    if _SHARED is None:
        raise RuntimeError("score-batch: chunks taken without a batch")
    answers: list[Answer] = []
    agencies = 0
    while True:
        with _SHARED.next_chunk.get_lock():
            number = _SHARED.next_chunk.value
            _SHARED.next_chunk.value = number + 1
        if number >= _SHARED.chunks:
            return answers
        part = _SHARED.one(number)
        answers.append(Answer(number, part))
        agencies += len(part.names)
        if report is not None:
            report(agencies, len(answers))


def _one_by_one(one: Callable[[int], _Part], count: int, report: Report) -> list[Answer]:
    """Chunks 0..count-1 read and scored in this process, in order."""
    answers: list[Answer] = []
    agencies = 0
    for number in range(count):
        part = one(number)
        answers.append(Answer(number, part))
        agencies += len(part.names)
        report(agencies, len(answers))
    return answers


def _side_by_side(one: Callable[[int], _Part], count: int, workers: int, report: Report) -> list[Answer]:
    """Chunks 0..count-1 read and scored by this process and workers-1 forked ones (a ProcessPoolExecutor on the
    fork context), each taking the next chunk number when it is free, so a busy core simply takes fewer.

    Defer or _AgencyAgain from any chunk stops the batch (the caller decides what to read instead). The chunks of
    a process that failed otherwise (it ran out of memory, or died) are scored here afterwards.
    """
    import multiprocessing  # here, not at the top: a one-process batch starts ~20 ms sooner without them
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED
    context = multiprocessing.get_context("fork")
    shared = _SHARED = _Shared(one, count, context.Value("i", 0))
    answers: list[Answer] = []
    try:
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            others = [pool.submit(_take_chunks) for _ in range(workers - 1)]
            try:
                answers += _take_chunks(report)
                for future in others:
                    try:
                        answers += future.result()
                    except (Defer, _AgencyAgain):
                        raise
                    except Exception:  # its chunks are scored again below, where an error would show
                        continue
            finally:  # when this process stopped early, the others take no more chunks
                with shared.next_chunk.get_lock():
                    shared.next_chunk.value = count
    finally:
        _SHARED = None
    got = {answer.number for answer in answers}
    return answers + [Answer(number, one(number)) for number in range(count) if number not in got]


def _score_blocks(
    framework: Framework, blocks: Iterator[tuple[str, ResultSet, int]], tolerance: float, as_text: bool
) -> _Part:
    """Score each agency of a chunk as soon as its block is read, so result sets are never all held at once."""
    names: list[str] = []
    seen: set[str] = set()
    rows = []
    rows_read = mismatched = 0
    for name, results, read in blocks:
        if name in seen:
            raise _AgencyAgain
        seen.add(name)
        names.append(name)
        rows_read += read
        computation = compute(framework, results, tolerance=tolerance)
        mismatched += bool(computation.mismatches)
        rows.append(batch_row(computation))
    return _Part(names, rows_read, mismatched, rows, as_text)


def _score(
    framework: Framework,
    results: Iterable[ResultSet],
    rows_read: int,
    tolerance: float,
    as_text: bool,
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
