"""Make สระอำ searchable in PDFs: one glyph per ำ cluster, added to TH Sarabun New at set-up time.

Root cause (issue 13): HarfBuzz's Thai shaper always splits ำ (U+0E33) into NIKHAHIT (U+0E4D) + SARA AA (U+0E32),
moving the nikhahit before a tone mark, all in one cluster. WeasyPrint's PDF text layer (ToUnicode) maps each glyph
id to text once, the first time it is drawn, and gives a many-glyph cluster's text to its last glyph. So the
plain า glyph became "ำ" wherever the first า of a document was part of an ำ ("กำหนด ... การ" reads "กำร"), and a
tone mark drawn first inside an ำ cluster became empty everywhere ("น้ำ" reads "นำ").

The fix keeps every ำ cluster one glyph: a ligature lookup run after the font's own lookups turns each
[nikhahit variant, (tone mark variant,) sara aa] that the font produces into a composite glyph of exactly those
outlines at the same places (the font positions marks by its own substitutions, with no GPOS anchors, so the
drawing is unchanged). A one-glyph cluster is mapped to its whole text ("ำ", "้ำ"), and the plain า glyph is
only ever drawn for า.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.otTables import GSUB, Ligature

MARKER = "prongsai-am-ligatures"
NIKHAHIT = re.compile(r"uni0E4D(\.alt\d*)?$")
TONE = re.compile(r"uni0E4[89AB](\.alt\d*)?$")
SARA_AA = "uni0E32"
# Per-glyph device tables: optional, and they would need a row for every added glyph.
DEVICE_TABLES = ("hdmx", "LTSH", "VDMX")


def patch_sara_am(path: Path) -> bool:
    """Add the ำ ligatures to the font file at `path` in place; False when the font is not one this fits (no
    SARA AA or NIKHAHIT glyph, or marks placed by GPOS anchors, where a composite would misplace them)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import otTables
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    font = TTFont(path)
    order = font.getGlyphOrder()
    if MARKER in order_names(font):
        return True
    gpos_features = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord} if "GPOS" in font else set()
    if SARA_AA not in order or "GSUB" not in font or gpos_features & {"mark", "mkmk"}:
        return False
    niks = [g for g in order if NIKHAHIT.match(g)]
    tones = [g for g in order if TONE.match(g)]
    glyf, hmtx = font["glyf"], font["hmtx"]
    ligatures: dict[str, list[tuple[list[str], str]]] = {}
    new_names: list[str] = [MARKER]
    for nik in niks:
        for tone in [None, *tones]:
            parts = [nik, tone, SARA_AA] if tone else [nik, SARA_AA]
            name = "uni0E33.am." + "_".join(p.removeprefix("uni") for p in parts[:-1])
            composite = Glyph()
            composite.numberOfContours = -1
            composite.components = []
            for part in parts:
                component = GlyphComponent()
                component.glyphName, component.x, component.y, component.flags = part, 0, 0, 0
                composite.components.append(component)
            new_names.append(name)
            glyf.glyphs[name] = composite
            hmtx.metrics[name] = hmtx.metrics[SARA_AA]
            ligatures.setdefault(nik, []).append((parts[1:], name))
    empty = Glyph()
    glyf.glyphs[MARKER] = empty  # an empty glyph whose name says the font is patched
    hmtx.metrics[MARKER] = (0, 0)
    font.setGlyphOrder(order + new_names)
    for tag in DEVICE_TABLES:
        if tag in font:
            del font[tag]
    for name in new_names[1:]:
        glyf.glyphs[name].recalcBounds(glyf)
        hmtx.metrics[name] = (hmtx.metrics[SARA_AA][0], glyf.glyphs[name].xMin)

    subst = otTables.LigatureSubst()
    subst.ligatures = {
        first: [_ligature(components, glyph) for components, glyph in sorted(rows, key=lambda r: -len(r[0]))]
        for first, rows in ligatures.items()
    }
    lookup = otTables.Lookup()
    lookup.LookupType, lookup.LookupFlag, lookup.SubTable, lookup.SubTableCount = 4, 0, [subst], 1
    gsub = font["GSUB"].table
    gsub.LookupList.Lookup.append(lookup)
    gsub.LookupList.LookupCount = len(gsub.LookupList.Lookup)
    index = len(gsub.LookupList.Lookup) - 1  # last, so it sees the font's own variants of the marks
    for number in sorted(_thai_features(gsub)):  # the features the font applies to Thai (TH Sarabun New: liga)
        feature = gsub.FeatureList.FeatureRecord[number].Feature
        feature.LookupListIndex.append(index)
        feature.LookupCount = len(feature.LookupListIndex)
    if "post" in font and font["post"].formatType == 3:
        font["post"].formatType = 2  # keep glyph names, so the marker is found again
    font.save(path)
    return True


def _thai_features(gsub: GSUB) -> set[int]:
    """Indices of the feature records that the Thai and default scripts' language systems use."""
    found: set[int] = set()
    for record in gsub.ScriptList.ScriptRecord:
        if record.ScriptTag not in ("thai", "DFLT"):
            continue
        systems = [record.Script.DefaultLangSys, *(r.LangSys for r in record.Script.LangSysRecord)]
        for system in systems:
            if system is not None:
                found.update(system.FeatureIndex)
    return found


def order_names(font: TTFont) -> set[str]:
    """The glyph names of a font (to find the marker of an already patched one)."""
    return set(font.getGlyphOrder())


def _ligature(components: list[str], glyph: str) -> Ligature:
    from fontTools.ttLib.tables import otTables

    ligature = otTables.Ligature()
    ligature.Component, ligature.CompCount, ligature.LigGlyph = components, len(components) + 1, glyph
    return ligature
