"""Scores as officers type them: a percent sign and a decimal comma are accepted where they cannot mean anything
else; "1,234" (thousands separator or decimal comma?) is refused with a Thai reason, never guessed."""

from __future__ import annotations

import pytest

from prongsai.importing.values import ambiguous_number, parse_number, parse_pass_fail


@pytest.mark.parametrize(
    "text, value",
    [
        ("85.5", 85.5),
        ("85.5%", 85.5),
        ("85.5 %", 85.5),
        ("85,5", 85.5),
        ("85,50", 85.5),
        ("85,5%", 85.5),
        ("100%", 100.0),
        ("0,25", 0.25),
    ],
)
def test_unambiguous_forms_are_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,234", "1,234.5", "85%%", "%", "8 5", "85.5.1", "1.234,5", "nan%", "abc%"])
def test_ambiguous_or_odd_forms_are_not(text):
    assert parse_number(text) is None


def test_thousands_look_alikes_are_named_ambiguous():
    assert ambiguous_number("1,234") and ambiguous_number("12,345%")
    assert not ambiguous_number("85,5") and not ambiguous_number("85.5%")


def test_oit_item_given_as_percent():
    assert parse_pass_fail("100%") == 100.0 and parse_pass_fail("0%") == 0.0 and parse_pass_fail("50%") is None
