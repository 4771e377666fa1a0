"""The forecast as template context, for the agency page (which every reader of the agency may open, oversight
users included): always labelled as a self-assessment."""

from __future__ import annotations

from typing import Any

from ...ita.forecast import LABEL
from ..frameworks.selectors import year_pass_mark
from ..organisations.models import Organisation
from .selectors import agency_forecast


def forecast_context(org: Organisation) -> dict[str, Any]:
    if org.kind != "agency":
        return {}
    found = agency_forecast(org)
    if found is None:
        return {}
    _, result = found
    return {
        "forecast": found,
        "forecast_pass_mark": year_pass_mark(found[0]),
        "label": LABEL,
        "sources": {tool: result.source_name(tool) for tool in ("IIT", "EIT", "OIT")},
        "fixes": sorted(result.fixes, key=lambda f: -f.gain)[:5],
    }
