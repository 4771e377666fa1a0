"""`score-batch` end to end: read every agency, score each with the engine, write one row per agency.

A national file is read in bulk (importing.columnar), a chunk of about 1 MiB at a time, each agency scored as
soon as its rows are read. On Linux with more than one core, forked processes take chunks from a shared queue
(a pipe of chunk numbers) until none are left, so a busy core simply takes fewer. Every chunk is checked as
strictly as the whole file; if any finds anything irregular, the row-by-row reader reads the whole file and names
every problem. Nothing is written unless every agency was scored.
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
_TOKEN = 4  # bytes of one chunk number in the queue; a whole queue fits in a pipe's 64 KiB
_MAX_QUEUED = 2**16 // _TOKEN

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
    big = len(batch.data) - batch.begin >= PARALLEL_FROM_BYTES and len(chunks) <= _MAX_QUEUED
    workers = min(jobs, len(chunks)) if big and _can_fork() else 1

    def work(numbers: Iterable[int], report: Progress | None = None) -> list[tuple[int, _Part]]:
        """Read and score the chunks numbered `numbers` (one reader learns for all of them)."""
        reader = batch.reader()
        done = []
        agencies = 0
        for number in numbers:
            blocks = batch.blocks(reader, *chunks[number])
            done.append((number, _score_blocks(framework, blocks, tolerance, as_text)))
            agencies += len(done[-1][1].names)
            if report is not None:
                report(agencies, len(done))
        return done

    def report(agencies: int, chunks_done: int) -> None:
        """This process's progress, taken for everyone's: the others go about as fast."""
        total = round(agencies * len(chunks) / chunks_done)
        progress(min(agencies * workers, total), total)  # type: ignore[misc]

    mine = None if progress is None else report
    try:
        answers = work(range(len(chunks)), mine) if workers == 1 else _side_by_side(work, len(chunks), workers, mine)
        parts = [part for _, part in sorted(answers, key=lambda answer: answer[0])]
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


def _side_by_side(
    work: Callable[..., list[tuple[int, _Part]]], count: int, workers: int, report: Progress | None
) -> list[tuple[int, _Part]]:
    """Chunks 0..count-1 read and scored by this process and workers-1 forked ones, each taking the next chunk
    number from a shared pipe until it is empty. A child that fails leaves its chunks to this process."""
    queue_out, queue_in = os.pipe()
    try:
        numbers = b"".join(n.to_bytes(_TOKEN, "little") for n in range(count))
        while numbers:  # fits in the pipe: it never blocks
            numbers = numbers[os.write(queue_in, numbers) :]
        os.close(queue_in)
        queue_in = -1

        def taken() -> Iterator[int]:
            while len(token := os.read(queue_out, _TOKEN)) == _TOKEN:  # reads this small are whole: no chunk twice
                yield int.from_bytes(token, "little")

        children = [_fork(lambda: work(taken())) for _ in range(workers - 1)]
        answers: list[tuple[int, _Part]] = []
        try:
            answers += work(taken(), report)
            while children:
                answers += _join(*children.pop(0))  # type: ignore[arg-type]
        finally:
            for pid, read_end in children:  # only when this process stopped early: those answers are not needed
                os.close(read_end)
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
    finally:
        os.close(queue_out)
        if queue_in >= 0:
            os.close(queue_in)
    got = {number for number, _ in answers}
    return answers + work(n for n in range(count) if n not in got)


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


def _fork(work: Callable[[], object]) -> tuple[int, int]:
    """Run `work` in a forked child; (pid, pipe) to read its pickled answer from. Defer and _AgencyAgain travel
    back as such; anything else ends the child with nothing said (its parent then does its chunks)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe and leave without running the parent's clean-up
        status = 0
        try:
            os.close(read_end)
            try:
                answer: tuple[str, object] = ("ok", work())
            except (Defer, _AgencyAgain) as exc:
                answer = (type(exc).__name__, None)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _join(pid: int, read_end: int) -> object:
    """The child's answer (an empty one if it failed); Defer or _AgencyAgain raised again here."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return []
    kind, value = pickle.loads(data)
    if kind == "Defer":
        raise Defer
    if kind == "_AgencyAgain":
        raise _AgencyAgain
    return value


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
