"""No character from outside Thai, Latin, digits and common punctuation in the sources: a letter of another script
typed with the wrong keyboard layout (the Arabic meem once in "ปีงบประมาณ") looks right and reads wrong."""

from __future__ import annotations

from pathlib import Path

from tests.support.text_scan import foreign_characters

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".yaml", ".yml", ".csv", ".svg"}


def _sources() -> list[Path]:
    """The product's own files (templates, Python, frameworks, samples, styles); tests hold foreign bytes on purpose."""
    files = [p for p in (ROOT / "src" / "prongsai").rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    return [p for p in files if "__pycache__" not in p.parts]


def test_sources_carry_only_thai_latin_and_common_punctuation() -> None:
    sources = _sources()
    assert any(p.suffix == ".html" for p in sources) and any(p.suffix == ".py" for p in sources)
    found = []
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if odd := foreign_characters(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {', '.join(odd)}")
    assert not found, "\n".join(found)
