"""Install TH Sarabun New for the reports at set-up time, from a registry, and write a private fontconfig file.

No font file is committed to the project. The real TH Sarabun New v1.35 (GPL-2+ with the font exception) is
taken from a PyPI wheel that ships it (`pip download --no-deps`, never installed as a package). When PyPI cannot
serve it, Debian's Laksaman (fonts-tlwg-laksaman-ttf, "based on TH Sarabun New", same outlines scaled by 1.5)
is rescaled to TH Sarabun New's metrics with fontTools and renamed. Either way the ำ ligatures of fontpatch.py are
added, so `pdftotext` reads "การ" and "น้ำ" right. Run as
`python -m prongsai.reports.fontsetup DEST` (the Makefile does, into `.venv/share/fonts/prongsai`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .fontpatch import patch_sara_am
from .fonts import FAMILY, FONTCONFIG_NAME, SOURCE_NAME, STYLES, font_file_name

WHEEL = "odoo-addon-l10n-th-base-utils==19.0.2.0.0"
LAKSAMAN_DIR = Path("/usr/share/fonts/truetype/tlwg")
LAKSAMAN_FILES = {
    "Regular": "Laksaman.ttf",
    "Bold": "Laksaman-Bold.ttf",
    "Italic": "Laksaman-Italic.ttf",
    "BoldItalic": "Laksaman-BoldItalic.ttf",
}
LAKSAMAN_SCALE_EM = 1500  # Laksaman is TH Sarabun New x 1.5 on a 1000 em; a 1500 em restores the metrics


def _family(path: Path) -> str:
    """The family name (name ID 1) a font file declares."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return str(font["name"].getDebugName(1) or "")


def from_wheel(dest: Path) -> bool:
    """Download the wheel (no dependencies, not installed) and extract the four TH Sarabun New files."""
    with tempfile.TemporaryDirectory(prefix="prongsai-fonts-") as tmp:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, WHEEL]
        if subprocess.run(command, check=False).returncode != 0:
            return False
        wheels = list(Path(tmp).glob("*.whl"))
        if not wheels:
            return False
        with zipfile.ZipFile(wheels[0]) as archive:
            names = {Path(n).name: n for n in archive.namelist() if "/THSarabunNew/" in n}
            for style in STYLES:
                member = names.get(font_file_name(style))
                if member is None:
                    return False
                target = dest / font_file_name(style)
                with archive.open(member) as source, target.open("wb") as out:
                    shutil.copyfileobj(source, out)
    return all(_family(dest / font_file_name(s)) == FAMILY for s in STYLES)


def from_laksaman(dest: Path) -> bool:
    """Rescale Debian's Laksaman (a TH Sarabun New clone) to a 1500-unit em and rename it TH Sarabun New."""
    from fontTools.ttLib import TTFont

    if not all((LAKSAMAN_DIR / name).exists() for name in LAKSAMAN_FILES.values()):
        return False
    for style, name in LAKSAMAN_FILES.items():
        with TTFont(LAKSAMAN_DIR / name) as font:
            font["head"].unitsPerEm = LAKSAMAN_SCALE_EM
            subfamily = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[style]
            table = font["name"]
            table.removeNames(nameID=16)
            table.removeNames(nameID=17)
            table.setName(FAMILY, 1, 3, 1, 0x409)
            table.setName(subfamily, 2, 3, 1, 0x409)
            table.setName(f"{FAMILY} {subfamily} (Laksaman rescaled)", 4, 3, 1, 0x409)
            table.setName(f"THSarabunNew-{style}", 6, 3, 1, 0x409)
            table.setName(f"Laksaman rescaled to TH Sarabun New metrics by Prongsai set-up ({style})", 3, 3, 1, 0x409)
            font.save(dest / font_file_name(style))
    return True


def fontconfig_xml(dest: Path) -> str:
    """A fontconfig file that adds `dest` to the system fonts and maps the usual TH Sarabun names to it."""
    aliases = "".join(
        f'  <alias binding="same"><family>{name}</family><prefer><family>{FAMILY}</family></prefer></alias>\n'
        for name in ("TH SarabunPSK", "TH SarabunIT๙", "TH Sarabun")
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{dest}</dir>\n  <cachedir>{dest / 'cache'}</cachedir>\n{aliases}</fontconfig>\n"
    )


def install(dest: Path) -> str:
    """Put the four styles and fonts.conf in `dest`; returns where the fonts came from."""
    dest = dest.resolve()
    dest.mkdir(parents=True, exist_ok=True)
    if from_wheel(dest):
        source = f"PyPI wheel {WHEEL}: TH Sarabun New v1.35, GPL-2+ with font exception"
    elif from_laksaman(dest):
        source = "Debian fonts-tlwg-laksaman-ttf rescaled (unitsPerEm 1500) and renamed: GPL-2+ with font exception"
    else:
        raise SystemExit(
            "fontsetup: could not get TH Sarabun New: PyPI did not serve "
            f"{WHEEL} and Laksaman is not installed (apt-get install fonts-tlwg-laksaman-ttf)"
        )
    patched = [style for style in STYLES if patch_sara_am(dest / font_file_name(style))]
    if patched:
        source += f"; ำ ligatures added for a searchable PDF text layer ({', '.join(patched)}; reports/fontpatch.py)"
    (dest / FONTCONFIG_NAME).write_text(fontconfig_xml(dest), encoding="utf-8")
    (dest / SOURCE_NAME).write_text(source + "\n", encoding="utf-8")
    fc_cache = shutil.which("fc-cache")
    if fc_cache:
        env = {**os.environ, "FONTCONFIG_FILE": str(dest / FONTCONFIG_NAME)}
        subprocess.run(
            [fc_cache, str(dest)], check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    return source


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dest", type=Path, help="directory for the font files and fonts.conf")
    args = parser.parse_args(argv)
    print(f"fontsetup: {install(args.dest)} -> {args.dest}")


if __name__ == "__main__":
    main()
