"""Where the reports find TH Sarabun New at run time, and how every renderer is pointed at it.

Set-up (`make setup`, see fontsetup.py) puts the four styles and a private fontconfig file in
`<prefix>/share/fonts/prongsai`; `PRONGSAI_FONT_DIR` overrides the place. WeasyPrint and LibreOffice find the
font through `FONTCONFIG_FILE`, matplotlib through `font_manager.addfont`; DOCX files only name the family.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FAMILY = "TH Sarabun New"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
FONTCONFIG_NAME = "fonts.conf"
SOURCE_NAME = "SOURCE.txt"
ENV_DIR = "PRONGSAI_FONT_DIR"


def font_file_name(style: str) -> str:
    return f"THSarabunNew-{style}.ttf"


def font_dir() -> Path:
    """The directory set-up installs the fonts into (or the one named by PRONGSAI_FONT_DIR)."""
    given = os.environ.get(ENV_DIR)
    return Path(given) if given else Path(sys.prefix) / "share" / "fonts" / "prongsai"


def font_files() -> dict[str, Path]:
    """Installed styles and their files; empty when set-up has not installed the fonts."""
    directory = font_dir()
    found = {style: directory / font_file_name(style) for style in STYLES}
    return {style: path for style, path in found.items() if path.exists()}


def fonts_installed() -> bool:
    return len(font_files()) == len(STYLES)


def fontconfig_file() -> Path | None:
    path = font_dir() / FONTCONFIG_NAME
    return path if path.exists() else None


def subprocess_env() -> dict[str, str]:
    """The environment for a child process (LibreOffice, fc-match) that must see the private fontconfig."""
    env = dict(os.environ)
    config = fontconfig_file()
    if config is not None:
        env["FONTCONFIG_FILE"] = str(config)
    return env


def use_private_fontconfig() -> None:
    """Point this process's fontconfig (used by Pango in WeasyPrint) at the private file, unless already set.

    Must run before Pango loads its first font; fontconfig reads the variable once.
    """
    config = fontconfig_file()
    if config is not None and "FONTCONFIG_FILE" not in os.environ:
        os.environ["FONTCONFIG_FILE"] = str(config)
