"""Years given as BE or CE, with Thai digits and prefixes."""

import pytest

from prongsai.ita.problems import InputError
from prongsai.ita.years import parse_year


@pytest.mark.parametrize(
    ("given", "expected"),
    [("2566", 2566), ("2023", 2566), (2021, 2564), ("๒๕๖๖", 2566), ("พ.ศ. 2566", 2566), ("ค.ศ. 2023", 2566)],
)
def test_parse_year(given, expected):
    assert parse_year(given) == expected


@pytest.mark.parametrize("given", ["", "abc", "1800", "99999", "ค.ศ. 2566"])
def test_bad_years(given):
    with pytest.raises(InputError):
        parse_year(given)
