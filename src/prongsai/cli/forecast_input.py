"""`prongsai report --forecast-survey FILE`: the agency's own survey scores of the year being prepared, read as
results files (the output of `prongsai survey score`) and turned into the forecast section of the report."""

from __future__ import annotations

from pathlib import Path

from ..importing.results_reader import read_results
from ..ita.forecast import Forecast, forecast
from ..ita.library import framework_for
from ..ita.problems import InputError, Problem
from ..ita.scoring import Assessment

SURVEY_TOOLS = ("IIT", "EIT")


def forecast_from_files(files: list[Path], year: int, official: Assessment) -> Forecast | None:
    """The forecast of `year` from the question scores in `files`, with `official` (the assessed year's result)
    standing in for any tool the files do not cover; None when no file is given."""
    if not files:
        return None
    fw = framework_for(year)
    survey: dict[str, dict[str, float]] = {}
    for path in files:
        read = read_results(path, fw)
        found = 0
        for results in read.by_agency.values():
            for code, value in results.scores.items():
                item = fw.items.get(code)
                if item is not None and item.tool in SURVEY_TOOLS:
                    survey.setdefault(item.tool, {})[code] = value
                    found += 1
        if not found:
            raise InputError(
                [
                    Problem(
                        f"ไม่พบคะแนนรายข้อของแบบวัด IIT หรือ EIT ของปี {year} ในไฟล์",
                        file=path.name,
                        expected="ไฟล์คะแนนรายข้อที่ได้จากคำสั่ง prongsai survey score",
                    )
                ]
            )
    return forecast(fw, survey=survey, previous=official)
