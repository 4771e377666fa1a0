"""The frameworks shipped with Prongsai, one file per BE fiscal year, loaded once and cached."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from .loader import load_framework_file
from .model import Framework
from .problems import InputError, Problem

# Readers for an administrator's framework file by suffix, registered by adapters (the spreadsheet reader,
# frameworkfile/, cannot be imported here: the domain core does not depend on openpyxl).
_FILE_READERS: dict[str, Callable[[Path], Framework]] = {}


def register_framework_reader(suffix: str, reader: Callable[[Path], Framework]) -> None:
    """Make `framework_for(year, FILE)` read files ending in `suffix` (".xlsx") with `reader`."""
    _FILE_READERS[suffix.lower()] = reader


def load_framework_any(path: str | Path) -> Framework:
    """An administrator's framework file, read by the reader registered for its suffix, else as YAML/JSON."""
    path = Path(path)
    reader = _FILE_READERS.get(path.suffix.lower(), load_framework_file)
    return reader(path)


def _directory() -> Path:
    return Path(str(resources.files("prongsai") / "frameworks"))


def shipped_years() -> list[int]:
    """BE years that have a framework file in the package, oldest first."""
    years = []
    for path in _directory().glob("fy*.yaml"):
        stem = path.stem[2:]
        if stem.isdigit():
            years.append(int(stem))
    return sorted(years)


@cache
def shipped_framework(year: int) -> Framework:
    """The shipped framework of a BE year; InputError naming the years we have when there is none."""
    path = _directory() / f"fy{year}.yaml"
    if not path.is_file():
        have = ", ".join(str(y) for y in shipped_years())
        raise InputError(
            [
                Problem(
                    f"ไม่มีกรอบการประเมินของปีงบประมาณ {year} ในโปรแกรม",
                    expected=f"ปีที่มี: {have} หรือระบุไฟล์กรอบด้วย --framework FILE",
                )
            ]
        )
    return load_framework_file(path)


class FrameworkProvider(Protocol):
    """Frameworks published outside the package (the web system's uploaded versions): consulted before the
    shipped files, so an administrator's published version of a year is the one every caller scores with."""

    def published_framework(self, year: int) -> Framework | None: ...

    def published_years(self) -> list[int]: ...


_providers: list[FrameworkProvider] = []


def register_provider(provider: FrameworkProvider) -> Callable[[], None]:
    """Consult `provider` first from now on (the web app registers one at start-up); returns its unregistration."""
    _providers.insert(0, provider)
    return lambda: _providers.remove(provider) if provider in _providers else None


def available_years() -> list[int]:
    """Every BE year with a framework: shipped or published by a registered provider, oldest first."""
    years = set(shipped_years())
    for provider in _providers:
        years.update(provider.published_years())
    return sorted(years)


def framework_for(year: int, framework_file: str | Path | None = None) -> Framework:
    """The framework to use: a file given by an administrator, else a published version, else the shipped one."""
    if framework_file is None:
        for provider in _providers:
            published = provider.published_framework(year)
            if published is not None:
                return published
        return shipped_framework(year)
    framework = load_framework_any(framework_file)
    if framework.year != year:
        raise InputError(
            [
                Problem(
                    f"ไฟล์กรอบเป็นของปี {framework.year} แต่สั่งให้ประเมินปี {year}",
                    file=Path(framework_file).name,
                    column="year",
                    expected=f"year: {year}",
                )
            ]
        )
    return framework
