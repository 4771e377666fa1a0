"""The agency blocks of a batch file's rows: what each distinct cell means, learned the first time it is seen, and
each agency's rows read through those answers in C-level passes (the bulk reader's inner part, see columnar.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress
from operator import getitem
from typing import Any, NamedTuple

from ..ita.model import Framework
from ..ita.results import ResultSet
from .result_cells import (
    LEVEL,
    OIT_ITEM,
    QUESTION,
    SUB_INDICATOR,
    CodeClassifier,
    level_cell,
    oit_item_cell,
    score_cell,
    sub_indicator_cell,
)
from .values import CHANNEL_WORDS, clean

# How a score cell is read, by kind of code (with the readers of result_cells, as results_reader reads it).
NUMBER, PASS_FAIL, NUMBER_OR_POINTS, LEVEL_WORD = range(4)
_CHECK_OF_KIND = {OIT_ITEM: PASS_FAIL, SUB_INDICATOR: NUMBER_OR_POINTS, LEVEL: LEVEL_WORD}


class Defer(Exception):
    """The row-by-row reader must decide on this file (and word any problem in it)."""


def cell_text(raw: bytes | str, limit: int) -> str:
    """A raw cell as text; Defer if it is not UTF-8 or is longer than csv allows (the row reader says so)."""
    if len(raw) > limit:
        raise Defer
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode()
    except UnicodeDecodeError:
        raise Defer from None


class Route(NamedTuple):
    """Where a slot's value goes: to the scores, the reported figures, a channel's scores, or the reported level."""

    kind: str  # "scores", "reported", "channel" or "level"
    code: str = ""
    channel: str = ""


class BlockTemplate(NamedTuple):
    """What the last block's codes meant: its code cells, their slots and score readers, the slots that are not
    question or item scores, an empty value for each slot, and whether a slot came twice (a duplicate code)."""

    keys: Sequence[Any]
    slots: list[str]
    readers: list[dict[Any, Any]]
    specials: list[str]
    empty: dict[str, Any]
    repeated: bool


class BlockReader:
    """Reads agency blocks through what each distinct cell means, learned the first time it is seen."""

    def __init__(self, framework: Framework, limit: int):
        self.framework = framework
        self.limit = limit
        self.codes = CodeClassifier(framework)
        self.slot_of: dict[Any, str] = {}  # code (or code, channel) cell -> where its value goes
        self.reader_of: dict[Any, dict[Any, Any]] = {}  # code cell -> the score texts it accepts, read
        self.routes: dict[str, Route] = {}  # slot -> where its value goes
        self.specials: set[str] = set()  # slots that are not question or item scores
        self.accepted: list[dict[Any, Any]] = [{}, {}, {}, {}]  # by NUMBER, PASS_FAIL, ...: score text -> value
        self.seen: set[Any] = set()
        self.blank: set[Any] = set()
        self.template: BlockTemplate | None = None  # what the last block's codes meant

    def blocks(self, columns: Sequence[Sequence[Any]], roles: dict[str, int]) -> Iterator[tuple[str, ResultSet, int]]:
        """Each agency block as (agency, its ResultSet, rows read); Defer on a bad row."""
        agency_col, code_col, score_col = columns[roles["agency"]], columns[roles["code"]], columns[roles["score"]]
        keys = code_col
        if "channel" in roles:
            channel_col = columns[roles["channel"]]
            if any(clean(cell_text(raw, self.limit)) for raw in set(channel_col)):
                keys = list(zip(code_col, channel_col, strict=True))
        names: dict[Any, str] = {}
        for start, stop in _runs(agency_col):
            raw_name = agency_col[start]
            name = names.get(raw_name)
            if name is None:
                name = names[raw_name] = clean(cell_text(raw_name, self.limit))
            placed, specials = self.block(keys[start:stop], score_col[start:stop])
            if not placed:
                continue  # every score of this block was left blank
            if not name:
                raise Defer  # rows without an agency name
            rows = len(placed)
            # Reported figures, channels and the level leave `placed` in row order; the rest are scores.
            others = [(slot, placed.pop(slot)) for slot in specials]
            result = ResultSet(agency=name, scores=placed)
            for slot, value in others:
                self.place(result, slot, value)
            yield name, result, rows

    def block(self, keys: Sequence[Any], texts: Sequence[Any]) -> tuple[dict[str, Any], list[str]]:
        """One agency's values by slot, in row order, and its non-score slots in row order; Defer on a bad row."""
        try:
            return self.fast_block(keys, texts)
        except KeyError:
            pass
        for key in set(keys).difference(self.slot_of):
            self.learn_key(key)
        for raw in set(texts).difference(self.seen):
            self.learn_text(raw)
        if not self.blank.isdisjoint(texts):  # template rows left blank are skipped, whatever their code
            keep = [raw not in self.blank for raw in texts]
            keys, texts = list(compress(keys, keep)), list(compress(texts, keep))
            if not texts:
                return {}, []
        try:
            return self.fast_block(keys, texts)
        except KeyError:
            raise Defer from None  # an unknown code, or a score that does not suit its code

    def fast_block(self, keys: Sequence[Any], texts: Sequence[Any]) -> tuple[dict[str, Any], list[str]]:
        """The block read through the template of the block before when its codes are the same (usually)."""
        template = self.template
        if template is None or keys != template.keys:
            slots = list(map(self.slot_of.__getitem__, keys))
            readers = list(map(self.reader_of.__getitem__, keys))
            specials = [slot for slot in slots if slot in self.specials] if self.specials else []
            empty = dict.fromkeys(slots)
            template = self.template = BlockTemplate(keys, slots, readers, specials, empty, len(empty) != len(slots))
        placed = template.empty.copy()  # the slots already in place: filling them in is cheaper than a new dict
        # KeyError: a code or score text not seen yet, a blank score, or a score that does not suit its code
        placed.update(zip(template.slots, map(getitem, template.readers, texts), strict=True))
        if template.repeated:
            raise Defer  # a code given twice for this agency
        return placed, template.specials

    def learn_key(self, key: Any) -> None:
        """What a code cell (with its channel cell, if any) means; unknown codes stay unlearned (KeyError later)."""
        raw_code, raw_channel = key if isinstance(key, tuple) else (key, None)
        text = clean(cell_text(raw_code, self.limit))
        kind_code = self.codes.classify(text) if text else None
        if kind_code is None:
            return
        kind, code = kind_code
        slot = code
        route = (
            Route("level") if kind == LEVEL else Route("scores" if kind in (QUESTION, OIT_ITEM) else "reported", code)
        )
        word = clean(cell_text(raw_channel, self.limit)).lower() if raw_channel is not None else ""
        if word:
            channel = CHANNEL_WORDS.get(word)
            if channel is None or kind != QUESTION or not code.startswith("E") or not self.framework.eit_channels:
                return
            slot = f"{code}@{channel}"
            route = Route("channel", code, channel)
        self.slot_of[key] = slot
        self.reader_of[key] = self.accepted[_CHECK_OF_KIND.get(kind, NUMBER)]
        self.routes[slot] = route
        if route.kind != "scores":
            self.specials.add(slot)

    def learn_text(self, raw: Any) -> None:
        """Which kinds of code a score text suits, and its value for each (as results_reader reads it)."""
        self.seen.add(raw)
        text = clean(cell_text(raw, self.limit))
        if not text:
            self.blank.add(raw)
            return
        readers = (
            (NUMBER, score_cell(text)),
            (NUMBER_OR_POINTS, sub_indicator_cell(text)),
            (PASS_FAIL, oit_item_cell(text)),
            (LEVEL_WORD, level_cell(text, self.codes.levels)),
        )
        for check, value in readers:
            if value is not None:
                self.accepted[check][raw] = value

    def place(self, result: ResultSet, slot: str, value: Any) -> None:
        """Put one value where the row reader puts it; Defer if that place is taken (a duplicate)."""
        route = self.routes[slot]
        if route.kind == "level":
            if result.reported_level is not None:
                raise Defer
            result.reported_level = value
            return
        if route.kind == "channel":
            target = result.channel_scores.setdefault(route.channel, {})
        else:
            target = result.scores if route.kind == "scores" else result.reported
        if route.code in target:
            raise Defer
        target[route.code] = value


def merge_blocks(into: ResultSet, more: ResultSet) -> None:
    """Add a later block of the same agency, in row order; Defer if a code comes twice (the row reader says so)."""
    pairs = [(into.scores, more.scores), (into.reported, more.reported)]
    pairs += [(into.channel_scores.setdefault(ch, {}), per) for ch, per in more.channel_scores.items()]
    for target, values in pairs:
        if not target.keys().isdisjoint(values):
            raise Defer
        target.update(values)
    if more.reported_level is not None:
        if into.reported_level is not None:
            raise Defer
        into.reported_level = more.reported_level


def _runs(column: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """(start, stop) of each run of equal cells; a run as long as the one before is checked in one C-level pass."""
    size = len(column)
    start, step = 0, 0
    while start < size:
        first = column[start]
        stop = start + step
        if not (
            step
            and stop <= size
            and (stop == size or column[stop] != first)
            and column[start:stop].count(first) == step
        ):
            stop = start + 1
            while stop < size and column[stop] == first:
                stop += 1
        yield start, stop
        start, step = stop, stop - start
