"""Which characters and words the product may show or carry in its sources: Thai, Latin, digits and common
punctuation and symbols; Latin words only where they are codes, format names or allowed names. Anything else (an
Arabic letter typed by a slip of the keyboard layout, a Cyrillic look-alike, an English label) is a bug."""

from __future__ import annotations

import re
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


# Latin words the interface may show: codes of the ITA, names of file formats and of the product.
ALLOWED_WORDS = {
    "IIT",
    "EIT",
    "OIT",
    "ITA",
    "NACC",
    "PDF",
    "DOCX",
    "XLSX",
    "CSV",
    "JSON",
    "HTML",
    "URL",
    "API",
    "KPI",
    "OK",
    "Prongsai",
    "TOTAL",
    "LEVEL",
    "EIT_PUBLIC",
    "EIT_SURVEY",
    "AA",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "Excel",
    "UTF",
    "TIS",
    "cp874",
    "Bearer",
    "token",
    "http",
    "https",
    "www",
    "v1",
    "json",
    "openapi",
    "year",
    "agency",
    "code",
    "score",
    "channel",
    "ind",
    "CE",
    "BE",
    "Windows",
    "Word",
    "JPG",
    "PNG",
    "ITAS",
    "Apache",
    "DOC",
    "XLS",
    "YAML",
    "QR",
}
_CODE = re.compile(r"^(I|E|O|IND)\d{1,2}$")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PATHISH = re.compile(r"(?:https?://|/)[\w./?=&%#-]*")


def latin_words(text: str, allowed: set[str]) -> list[str]:
    """Latin-only words of a text that are neither codes nor in the allowed list (addresses and paths dropped)."""
    text = _PATHISH.sub(" ", _EMAIL.sub(" ", text))
    found = []
    for word in LATIN_WORD.findall(text):
        if word in allowed or word.upper() in allowed or _CODE.match(word.upper()):
            continue
        found.append(word)
    return found
