"""A national batch file made up for the bulk-path tests: every item of a framework for many agencies, EIT per
channel, some TOTALs reported; shared by the reader's and the `prongsai batch` command's tests."""

from __future__ import annotations

from pathlib import Path

from prongsai.ita.model import Framework


def national_batch_file(tmp_path: Path, fw: Framework, agencies: int = 30, interleave: bool = False) -> Path:
    """A batch file of every item of `fw` for `agencies` agencies, EIT per channel, some TOTALs reported."""
    lines = []
    for n in range(agencies):
        for i, item in enumerate(fw.items.values()):
            value = ("100" if (n + i) % 3 else "0") if item.is_oit else f"{60 + (n * 13 + i * 7) % 40}.{n % 10}"
            if item.tool == "EIT":
                lines += [f"ก{n},{item.code},{value},public", f"ก{n},{item.code},{value},survey"]
            else:
                lines.append(f"ก{n},{item.code},{value},")
        if n % 4 == 0:
            lines.append(f"ก{n},TOTAL,90,")
    if interleave:
        lines.append("ก0,LEVEL,ผ่าน,")  # the first agency comes back at the very end
    source = tmp_path / "batch.csv"
    source.write_text("\n".join(["agency,code,score,channel", *lines]) + "\n", encoding="utf-8")
    return source
