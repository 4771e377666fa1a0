"""`prongsai framework fit`: groupings of OIT items judged against published figures (2566 Ang Thong, 2568 H1/H2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from prongsai.ita.framework_data import framework_to_data
from prongsai.ita.library import shipped_framework
from tests.support.cli import SAMPLES, run_cli

ANGTHONG = SAMPLES / "angthong_pao_2566.csv"
GROUPING_2566 = {
    "9.1": "O1-O10",
    "9.2": "O11-O18",
    "9.3": "O19-O22",
    "9.4": "O23-O26",
    "9.5": "O27-O30",
    "10.1": "O31-O38",
    "10.2": "O39-O43",
}


def _fit(*args: object) -> dict:  # type: ignore[type-arg]
    result = run_cli("framework", "fit", *map(str, args), "--json")
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def _ranges(entry: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return dict(part.split(": ") for part in entry["description"].split("; "))


def test_the_2566_grouping_fits_seed_002_and_is_among_the_contiguous_splits() -> None:
    """Seed 002: O18 and O30 failed, indicator 9 = 92.50, indicator 10 = 100 (the figures in the sample file)."""
    data = _fit(ANGTHONG, "--year", "2566", "--subs", "9=5", "--subs", "10=2", "--show", "100000")
    assert data["checked_figures"] == ["IND10", "IND9"]
    own = data["judged"][0]
    assert own["kind"] == "framework" and own["fits"] is True and _ranges(own) == GROUPING_2566
    found = [_ranges(g) for g in data["contiguous"]["shown"]]
    assert GROUPING_2566 in found
    assert data["contiguous"]["complete"] is True and data["contiguous"]["fits"] == len(found)
    for grouping in found:  # every split that fits keeps both failed items in indicator 9
        assert all(not key.startswith("10.") or "O30" not in value for key, value in grouping.items())


def _ungrouped_2566(tmp_path: Path) -> Path:
    """The 2566 framework as it would be before the grouping was known: items unassigned, two candidates."""
    data = framework_to_data(shipped_framework(2566))
    items = []
    for indicator in data["indicators"]:
        if indicator["tool"] == "OIT":
            for sub in indicator["sub_indicators"]:
                items.extend(sub["items"])
            indicator["sub_indicators"] = []
            indicator["mapping_status"] = "unknown"
    data["unassigned_items"] = items
    alternative = dict(GROUPING_2566, **{"9.5": "O27-O29", "10.1": "O30-O38"})
    data["tools"]["OIT"]["candidate_groupings"] = [
        {
            "name": name,
            "status": "inferred",
            "sub_indicators": [{"code": code, "name": code, "items": span} for code, span in grouping.items()],
        }
        for name, grouping in (("school", GROUPING_2566), ("O30-in-10", alternative))
    ]
    path = tmp_path / "fy2566-ungrouped.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_2566_deduction_from_candidates_picks_the_grouping_in_use(tmp_path: Path) -> None:
    data = _fit(
        ANGTHONG,
        "--year",
        "2566",
        "--framework",
        _ungrouped_2566(tmp_path),
        "--subs",
        "9=5",
        "--subs",
        "10=2",
        "--show",
        "0",
    )
    verdicts = {v["name"]: v for v in data["judged"]}
    assert verdicts["school"]["fits"] is True
    wrong = verdicts["O30-in-10"]
    assert wrong["fits"] is False
    reasons = {m["code"]: m for m in wrong["mismatches"]}
    assert reasons["IND9"]["computed"] == pytest.approx((100 + 87.5 + 100 + 100 + 100) / 5)
    assert reasons["IND10"]["computed"] == pytest.approx((100 * 8 / 9 + 100) / 2, abs=1e-4)
    assert "แจ้ง 100.00 คำนวณได้ 94.44" in reasons["IND10"]["reason"]


H1 = {
    "9.1": "O1-O4",
    "9.2": "O5-O11",
    "9.3": "O12-O13",
    "9.4": "O14-O16",
    "9.5": "O17-O20",
    "10.1": "O21-O24",
    "10.2": "O25-O28",
}
H2 = {
    **{k: v for k, v in H1.items() if not k.startswith("10.")},
    "9.5": "O17-O19",
    "9.6": "O20",
    "10.1": "O21-O24",
    "10.2": "O25-O28",
}
FAILED_2568 = (
    {"O3", "O6", "O17", "O20", "O23"},
    {"O1", "O8", "O13", "O14", "O18", "O22", "O27"},
    {"O4", "O11", "O12", "O16", "O19", "O24", "O25", "O28", "O5"},
)


def _expand(span: str) -> list[str]:
    first, _, last = span.partition("-")
    return [f"O{n}" for n in range(int(first[1:]), int((last or first)[1:]) + 1)]


def _generated_2568(tmp_path: Path, grouping: dict[str, str], name: str, failed: set[str] = FAILED_2568[0]) -> Path:
    """A 2568 result as NACC would print it if `grouping` were the official one."""
    score = {f"O{n}": 0.0 if f"O{n}" in failed else 100.0 for n in range(1, 29)}
    subs = {code: sum(score[c] for c in _expand(span)) / len(_expand(span)) for code, span in grouping.items()}
    ind9 = sum(v for c, v in subs.items() if c.startswith("9.")) / sum(c.startswith("9.") for c in subs)
    ind10 = sum(v for c, v in subs.items() if c.startswith("10.")) / sum(c.startswith("10.") for c in subs)
    rows = [f"{c},{'ผ่าน' if v else 'ไม่ผ่าน'}" for c, v in score.items()]
    rows += [f"{c},{v:.2f}" for c, v in subs.items()]
    rows += [f"IND9,{ind9:.2f}", f"IND10,{ind10:.2f}", f"OIT,{(ind9 + ind10) / 2:.2f}"]
    path = tmp_path / f"{name}.csv"
    path.write_text("code,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("made_with", "other"), [("H1", "H2"), ("H2", "H1")])
def test_2568_results_made_with_one_candidate_pick_it_and_reject_the_other(
    tmp_path: Path, made_with: str, other: str
) -> None:
    grouping = H1 if made_with == "H1" else H2
    path = _generated_2568(tmp_path, grouping, made_with)
    data = _fit(path, "--year", "2568")
    verdicts = {v["name"]: v for v in data["judged"]}
    assert verdicts[made_with]["fits"] is True and verdicts[made_with]["mismatches"] == []
    assert verdicts[other]["fits"] is False
    codes = {m["code"] for m in verdicts[other]["mismatches"]}
    assert "9.5" in codes and "IND9" in codes
    if other == "H1":
        assert any(m["computed"] is None and m["code"] == "9.6" for m in verdicts["H1"]["mismatches"])
    # the contiguous search, pruned by the reported sub-indicators, keeps the grouping used among a few
    assert grouping in [_ranges(g) for g in data["contiguous"]["shown"]]
    assert 1 < data["contiguous"]["fits"] < 50 and data["contiguous"]["complete"] is True
    # three agencies with different failed items leave exactly the grouping used
    paths = [_generated_2568(tmp_path, grouping, f"{made_with}-{n}", failed) for n, failed in enumerate(FAILED_2568)]
    data = _fit(*paths, "--year", "2568")
    assert data["observations"] == 3 and data["contiguous"]["fits"] == 1
    assert _ranges(data["contiguous"]["shown"][0]) == grouping
    assert {v["name"]: v["fits"] for v in data["judged"]} == {made_with: True, other: False}


def test_several_agencies_are_read_and_the_text_output_names_the_verdicts(tmp_path: Path) -> None:
    first = _generated_2568(tmp_path, H1, "a")
    result = run_cli("framework", "fit", first, first, "--year", "2568")
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\n", " ")
    assert "ผล 2 หน่วยงาน" in text and "ตรงทุกค่า H1" in text and "ไม่ตรง H2" in text


def test_fit_needs_every_item_and_a_reported_figure(tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"
    path.write_text("code,score\nO1,ผ่าน\nIND9,90\n", encoding="utf-8")
    result = run_cli("framework", "fit", path, "--year", "2568")
    assert result.exit_code == 2 and "ไม่มีผลรายข้อ OIT ครบทุกข้อ" in result.stderr
    assert "Traceback" not in result.output
