"""Time `framework fit` on 2568's 28 items: one, three and 34 generated agencies, sub-indicators reported or not.

Run: `.venv/bin/python bench/grouping_fit.py`. Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import random
import statistics
import time

from prongsai.ita.grouping_fit import Observation, fit_groupings
from prongsai.ita.library import shipped_framework

H1 = {
    "9.1": (1, 4),
    "9.2": (5, 11),
    "9.3": (12, 13),
    "9.4": (14, 16),
    "9.5": (17, 20),
    "10.1": (21, 24),
    "10.2": (25, 28),
}


def _agency(rng: random.Random, name: str, with_subs: bool) -> Observation:
    items = {f"O{n}": 0.0 if rng.random() < 0.15 else 100.0 for n in range(1, 29)}
    subs = {code: sum(items[f"O{n}"] for n in range(a, b + 1)) / (b - a + 1) for code, (a, b) in H1.items()}
    ind9 = statistics.mean(v for c, v in subs.items() if c.startswith("9."))
    ind10 = statistics.mean(v for c, v in subs.items() if c.startswith("10."))
    reported = {"IND9": round(ind9, 2), "IND10": round(ind10, 2), "OIT": round((ind9 + ind10) / 2, 2)}
    if with_subs:
        reported |= {c: round(v, 2) for c, v in subs.items()}
    return Observation(name, items, reported)


def main() -> None:
    framework = shipped_framework(2568)
    rng = random.Random(2568)
    print("| agencies | sub-indicators reported | counts tried | splits fitting | nodes | wall min / median (s) |")
    print("|---|---|---|---|---|---|")
    for agencies, with_subs, counts in (
        (1, True, None),
        (3, True, None),
        (34, True, None),
        (1, False, {9: (5,), 10: (2,)}),
        (34, False, {9: (4, 5, 6), 10: (1, 2, 3)}),
    ):
        observations = [_agency(rng, f"a{i}", with_subs) for i in range(agencies)]
        times, report = [], None
        for _ in range(3):
            start = time.perf_counter()
            report = fit_groupings(framework, observations, sub_counts=counts)
            times.append(time.perf_counter() - start)
        assert report is not None
        tried = ", ".join(f"{n}: {c[0]}-{c[-1]}" for n, c in report.sub_counts.items())
        print(
            f"| {agencies} | {'yes' if with_subs else 'no'} | {tried} | {report.contiguous_count:,}"
            f"{'' if report.complete else ' (stopped)'} | {report.nodes:,} | {min(times):.2f} / "
            f"{statistics.median(times):.2f} |"
        )


if __name__ == "__main__":
    main()
