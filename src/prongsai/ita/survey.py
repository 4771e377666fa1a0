"""Score an agency's own (mock) IIT or EIT survey from its respondents' raw answers, the way the framework says
NACC turns answers into question scores: each answer through its scale (reversed scales for negatively worded
questions, yes/no scales with their direction), a multi-part question as the mean of its parts per respondent,
and a question score as the mean over the respondents who answered it.

Pure: the caller gives the header and the rows of a respondents table (as Google Forms or Microsoft Forms export
them) and an optional column-to-code mapping; every unreadable answer is located by row and column."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Framework, Item, Scale
from .numbers import round2, to_arabic_digits
from .problems import InputError, Problem

# Common ways respondents' tools write the official answer words, normalised as `_key` does.
_VARIANTS = {
    "น้อยที่สุด": "น้อยที่สุดหรือไม่มีเลย",
    "ไม่มีเลย": "น้อยที่สุดหรือไม่มีเลย",
    "น้อยที่สุด/ไม่มีเลย": "น้อยที่สุดหรือไม่มีเลย",
    "ใช่": "มี",
    "ไม่ใช่": "ไม่มี",
    "yes": "มี",
    "no": "ไม่มี",
}
_YES_NO = ("มี", "ไม่มี")
_INFERRED = "research §7.1 (the SDU replica of the 2564 IIT form); equal steps inferred; see docs/survey.md"
# The default answer scales, used by `--assume-scale` in a year whose framework declares none (2566 on): the
# 4-level scale at 0/33.33/66.67/100, reversed for negatively worded questions, and มี/ไม่มี in both directions.
DEFAULT_SCALES = {
    "likert4": Scale({"น้อยที่สุดหรือไม่มีเลย": 0.0, "น้อย": 33.33, "มาก": 66.67, "มากที่สุด": 100.0}, "inferred", _INFERRED),
    "likert4_reversed": Scale(
        {"น้อยที่สุดหรือไม่มีเลย": 100.0, "น้อย": 66.67, "มาก": 33.33, "มากที่สุด": 0.0}, "inferred", _INFERRED
    ),
    "yes_good": Scale({"มี": 100.0, "ไม่มี": 0.0}, "inferred", _INFERRED),
    "yes_bad": Scale({"มี": 0.0, "ไม่มี": 100.0}, "inferred", _INFERRED),
}
_CODE = re.compile(
    r"^([IE])\s*0*(\d{1,2})(?:\s*[._/\-]\s*(\d{1,2})(?!\d)|\s*\(\s*(\d{1,2})\s*\))?(?=$|[^\d])", re.IGNORECASE
)
_BRACKET = re.compile(r"\[([^\[\]]*)\]\s*$")
_DECORATION = re.compile(r"^\(?\d\)?[.):\-\s]+|\s*\(\d\)$")


def _key(text: str) -> str:
    """An answer or header reduced for comparison: no spaces, Arabic digits, Latin in lower case (Thai is never
    normalised beyond that, so สระอำ and tone marks stay as typed)."""
    return re.sub(r"\s+", "", to_arabic_digits(text)).casefold()


@dataclass(frozen=True)
class Target:
    """What one column of the respondents table answers: a question, and for a multi-part one its part (0-based)."""

    code: str
    part: int | None = None

    @property
    def label(self) -> str:
        return self.code if self.part is None else f"{self.code}.{self.part + 1}"


@dataclass(frozen=True)
class QuestionScore:
    code: str
    title: str | None
    score: float | None  # None when nobody answered it
    respondents: int  # respondents with at least one part answered
    blanks: int  # respondents who left every part blank
    partial: int  # respondents who left some parts blank (multi-part questions)


@dataclass
class SurveyScores:
    year: int
    tool: str
    file: str
    respondents: int
    questions: list[QuestionScore]
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def canonical_rows(self) -> list[tuple[str, str]]:
        """The question scores as rows of the canonical result format (`code,score`), unanswered ones left out."""
        return [(q.code, f"{round2(q.score):.2f}") for q in self.questions if q.score is not None]


def tool_questions(framework: Framework, tool: str) -> list[Item]:
    """The tool's questions in number order (I1, I2, ... I30), whatever order the framework file lists them in."""
    return sorted((item for item in framework.items.values() if item.tool == tool), key=lambda i: int(i.code[1:]))


def parse_target(text: str) -> tuple[str, int | None] | None:
    """A code such as `I1`, `i01`, `I1.2`, `I1 (2)` or `E10` at the start of a text, with its part number (1-based)."""
    found = _CODE.match(to_arabic_digits(text.strip()))
    if not found:
        return None
    part = found.group(3) or found.group(4)
    return f"{found.group(1).upper()}{int(found.group(2))}", int(part) if part else None


def match_columns(
    framework: Framework, tool: str, header: list[str], file: str, mapping: Mapping[str, str] | None = None
) -> tuple[dict[int, Target], list[str], list[Problem]]:
    """Which question (and part) each column answers: by the mapping file first, then by a code at the start of
    the header, then by the question's text (a Google Forms grid writes `text [part]`). Other columns (time
    stamp, e-mail) are ignored and listed."""
    questions = {item.code: item for item in tool_questions(framework, tool)}
    by_title = {_key(item.title): item.code for item in questions.values() if item.title}
    keyed_mapping = {_key(k): v for k, v in (mapping or {}).items()}
    targets: dict[int, Target] = {}
    taken: dict[Target, str] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for index, raw in enumerate(header):
        name = str(raw).strip()
        bracket = _BRACKET.search(name)
        part_text = bracket.group(1) if bracket else None
        stem = name[: bracket.start()].strip() if bracket else name
        found: tuple[str, int | None] | None = None
        if _key(name) in keyed_mapping:
            found = parse_target(keyed_mapping[_key(name)])
            if found is None:
                problems.append(
                    Problem(
                        f"ไฟล์จับคู่ระบุรหัส '{keyed_mapping[_key(name)]}' ที่อ่านไม่ได้",
                        file=file,
                        column=name,
                        expected=f"รหัสข้อ เช่น {tool[0]}1 หรือ {tool[0]}1.2",
                    )
                )
                continue
        else:
            found = parse_target(stem)
            if found is None and _key(stem) in by_title:
                found = (by_title[_key(stem)], None)
        if found is None:
            if name:
                ignored.append(name)
            continue
        code, number = found
        item = questions.get(code)
        if item is None:
            ignored.append(name)
            continue
        target, problem = _target(item, number, part_text, file, name)
        if problem:
            problems.append(problem)
            continue
        assert target is not None
        if target in taken:
            problems.append(
                Problem(
                    f"คอลัมน์นี้ตอบข้อ {target.label} ซ้ำกับคอลัมน์ '{taken[target]}'",
                    file=file,
                    column=name,
                    expected="หนึ่งคอลัมน์ต่อหนึ่งข้อหรือหนึ่งประเด็นย่อย",
                )
            )
            continue
        taken[target] = name
        targets[index] = target
    if not targets and not problems:
        problems.append(
            Problem(
                f"ไม่พบคอลัมน์ของข้อคำถาม {tool} ในหัวตาราง",
                file=file,
                row=1,
                expected=f"หัวคอลัมน์ขึ้นต้นด้วยรหัสข้อ เช่น {tool[0]}1, หรือข้อความของข้อคำถาม หรือระบุไฟล์จับคู่ --mapping",
            )
        )
    return targets, ignored, problems


def _target(
    item: Item, number: int | None, part_text: str | None, file: str, column: str
) -> tuple[Target | None, Problem | None]:
    """The part a column answers, by its number or by the text in brackets, checked against the question."""
    parts = item.parts
    if number is None and part_text is not None and parts:
        wanted = _key(part_text)
        matches = [i for i, part in enumerate(parts) if _key(part.text) == wanted]
        if matches:
            return Target(item.code, matches[0]), None
        return None, Problem(
            f"ข้อ {item.code} ไม่มีประเด็นย่อย '{part_text}'",
            file=file,
            column=column,
            expected="; ".join(p.text for p in parts),
        )
    if parts:
        if number is None:
            return None, Problem(
                f"ข้อ {item.code} มี {len(parts)} ประเด็นย่อย คอลัมน์ต้องบอกว่าตอบประเด็นใด",
                file=file,
                column=column,
                expected=f"{item.code}.1 ถึง {item.code}.{len(parts)} หรือ ข้อความ [ประเด็นย่อย]",
            )
        if not 1 <= number <= len(parts):
            return None, Problem(
                f"ข้อ {item.code} ไม่มีประเด็นย่อยที่ {number}",
                file=file,
                column=column,
                expected=f"{item.code}.1 ถึง {item.code}.{len(parts)}",
            )
        return Target(item.code, number - 1), None
    if number not in (None, 1):
        return None, Problem(f"ข้อ {item.code} ไม่มีประเด็นย่อย", file=file, column=column, expected=item.code)
    return Target(item.code), None


def scale_of(framework: Framework, target: Target) -> str | None:
    item = framework.items[target.code]
    if target.part is not None:
        return item.parts[target.part].scale or item.scale
    return item.scale


def answer_value(scale: Scale, raw: Any) -> float | None:
    """The 0-100 score of one answer on `scale`, or None when the answer is not one the scale knows. Accepted:
    the scale's answer words and their common variants, the level number (1 = the first answer of the scale, as
    a linear-scale question exports it), and for a มี/ไม่มี scale 1 and 0."""
    answers = {_key(word): value for word, value in scale.answers.items()}
    if isinstance(raw, bool):
        return None
    numeric = isinstance(raw, int | float) and float(raw).is_integer()
    text = str(int(raw)) if numeric else str(raw)
    key = _key(text)
    for candidate in (key, _key(_DECORATION.sub("", text.strip())) if text.strip() else key):
        word = _VARIANTS.get(candidate, candidate)
        if _key(word) in answers:
            return answers[_key(word)]
    words = list(scale.answers)
    if set(words) == set(_YES_NO) and key in ("1", "0"):
        return scale.answers["มี" if key == "1" else "ไม่มี"]
    if key.isascii() and key.isdigit() and 1 <= int(key) <= len(words):  # not a superscript digit, which int() refuses
        return scale.answers[words[int(key) - 1]]
    return None


def _expected(scale: Scale) -> str:
    words = list(scale.answers)
    numbers = "1 หรือ 0" if set(words) == set(_YES_NO) else f"ตัวเลข 1-{len(words)}"
    return f"{' / '.join(words)} หรือ {numbers}"


def score_survey(
    framework: Framework,
    tool: str,
    header: list[str],
    rows: Iterable[tuple[int, list[Any]]],
    *,
    file: str,
    column_label: Any = None,
    mapping: Mapping[str, str] | None = None,
    skip_bad: bool = False,
    assume_scale: str | None = None,
) -> SurveyScores:
    """Question scores of one tool from raw answers. InputError when columns cannot be matched, a question has no
    scale, or (unless `skip_bad`) any answer is unreadable; every problem is listed at once."""
    label = column_label or (lambda index: header[index] if index < len(header) else str(index + 1))
    targets, ignored, problems = match_columns(framework, tool, header, file, mapping)
    warnings: list[str] = []
    scales: dict[int, Scale] = {}
    assumed: list[str] = []
    known = {**DEFAULT_SCALES, **framework.scales}
    for index, target in targets.items():
        key = scale_of(framework, target)
        if key is None and assume_scale is not None:
            if assume_scale not in known:
                problems.append(
                    Problem(
                        f"ไม่มีมาตรวัด '{assume_scale}' ในกรอบปี {framework.year}",
                        column="--assume-scale",
                        expected=", ".join(known),
                    )
                )
                break
            key = assume_scale
            assumed.append(target.label)
        if key is None:
            problems.append(
                Problem(
                    f"ข้อ {target.label} ยังไม่มีมาตรวัดคำตอบในกรอบการประเมินปี {framework.year}",
                    file=file,
                    column=label(index),
                    expected="กำหนด scale ของข้อนี้ในไฟล์กรอบ (--framework) หรือใช้ --assume-scale",
                )
            )
            continue
        scales[index] = known[key]
    if assumed:
        warnings.append(
            f"ใช้มาตรวัด {assume_scale} กับข้อที่กรอบยังไม่ระบุมาตรวัด: {', '.join(assumed)}"
            " โปรดตรวจว่าไม่มีข้อที่ต้องกลับค่า (ข้อคำถามเชิงลบ)"
        )
    if problems:
        raise InputError(problems)
    per_question: dict[str, list[float]] = {}
    blanks: dict[str, int] = {}
    partial: dict[str, int] = {}
    parts_of = {code: sum(1 for t in targets.values() if t.code == code) for code in {t.code for t in targets.values()}}
    bad: list[Problem] = []
    respondents = 0
    for number, cells in rows:
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        respondents += 1
        answered: dict[str, list[float]] = {}
        for index, target in targets.items():
            cell = cells[index] if index < len(cells) else ""
            if cell is None or not str(cell).strip():
                continue
            value = answer_value(scales[index], cell)
            if value is None:
                bad.append(
                    Problem(
                        f"อ่านคำตอบ '{str(cell).strip()}' ของข้อ {target.label} ไม่ได้",
                        file=file,
                        row=number,
                        column=label(index),
                        expected=_expected(scales[index]),
                    )
                )
                continue
            answered.setdefault(target.code, []).append(value)
        for code in parts_of:
            values = answered.get(code)
            if not values:
                blanks[code] = blanks.get(code, 0) + 1
                continue
            if len(values) < parts_of[code]:
                partial[code] = partial.get(code, 0) + 1
            per_question.setdefault(code, []).append(sum(values) / len(values))
    if bad and not skip_bad:
        raise InputError(bad)
    if respondents == 0:
        raise InputError([Problem("ไม่มีผู้ตอบในไฟล์", file=file, expected="หนึ่งแถวต่อผู้ตอบหนึ่งคน ใต้หัวตาราง")])
    for code, count in parts_of.items():
        expected_parts = len(framework.items[code].parts) or 1
        if count < expected_parts:
            warnings.append(f"ข้อ {code} มีคอลัมน์ {count} จาก {expected_parts} ประเด็นย่อย คะแนนคิดจากประเด็นที่มี")
    order = [item.code for item in tool_questions(framework, tool)]
    missing = [code for code in order if code not in parts_of]
    if missing:
        warnings.append(f"ไม่มีคอลัมน์ของข้อ {', '.join(missing)} จึงไม่มีคะแนนของข้อเหล่านี้")
    questions = []
    for code in order:
        if code not in parts_of:
            continue
        values = per_question.get(code, [])
        questions.append(
            QuestionScore(
                code,
                framework.items[code].title,
                sum(values) / len(values) if values else None,
                len(values),
                blanks.get(code, 0),
                partial.get(code, 0),
            )
        )
    return SurveyScores(
        framework.year, tool, file, respondents, questions, skipped=bad, warnings=warnings, ignored_columns=ignored
    )
