"""Which characters the product may show or carry in its sources: Thai, Latin, digits and common punctuation and
symbols. Anything else (an Arabic letter typed by a slip of the keyboard layout, a Cyrillic look-alike) is a bug."""

from __future__ import annotations

import unicodedata

# Symbols the interface and the documents use on purpose.
COMMON_SYMBOLS = set("§—–·≥≤…“”‘’→←↑↓⚠✓✗•○●›‹×÷±°«»")
# Characters the sources carry on purpose: invisible marks the importer strips (BOM, zero-width space and joiners,
# no-break space) and Thai digits.
INVISIBLE = set("\ufeff\u200b\u200c\u200d\u00a0")


def allowed(char: str) -> bool:
    """True for ASCII, Thai (U+0E00-U+0E7F), the common symbols and the invisible marks the importer strips."""
    return char.isascii() or "\u0e00" <= char <= "\u0e7f" or char in COMMON_SYMBOLS or char in INVISIBLE


def foreign_characters(text: str) -> list[str]:
    """Each character outside the allowed set, once, as 'U+0645 ARABIC LETTER MEEM'."""
    found: dict[str, None] = {}
    for char in text:
        if not allowed(char):
            found.setdefault(f"U+{ord(char):04X} {unicodedata.name(char, '?')}", None)
    return list(found)
