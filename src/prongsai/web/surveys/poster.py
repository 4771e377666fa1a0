"""The round's QR code (PNG, for pasting into the agency's own documents) and a printable A4 Thai poster (PDF,
laid out by WeasyPrint in TH Sarabun New like the reports)."""

from __future__ import annotations

import io
import logging
from html import escape

TOOL_AUDIENCE = {"IIT": "บุคลากรของหน่วยงาน (ผู้มีส่วนได้ส่วนเสียภายใน)", "EIT": "ผู้รับบริการและผู้มาติดต่อ (ผู้มีส่วนได้ส่วนเสียภายนอก)"}


def qr_png(url: str, scale: int = 12) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _qr_svg(url: str) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")


def poster_pdf(*, agency: str, year: int, tool: str, url: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from ...reports.fonts import use_private_fontconfig
    from ...reports.render_html import FAMILY, _font_faces  # the report's own font faces, so the poster matches

    use_private_fontconfig()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = f"""<!doctype html><html lang="th"><head><meta charset="utf-8"><style>
{_font_faces()}
@page {{ size: A4; margin: 2cm; }}
body {{ font-family: "{FAMILY}"; font-size: 20pt; text-align: center; color: #111; }}
h1 {{ font-size: 34pt; margin: 0 0 6pt; }} h2 {{ font-size: 26pt; margin: 0 0 18pt; font-weight: normal; }}
.qr svg {{ width: 11cm; height: 11cm; }} .url {{ font-size: 16pt; word-break: break-all; }}
.note {{ font-size: 16pt; margin-top: 18pt; }}
</style></head><body>
<h1>ขอเชิญร่วมตอบแบบสำรวจ</h1>
<h2>{escape(agency)}<br>ปีงบประมาณ {year}</h2>
<p>สำหรับ{escape(TOOL_AUDIENCE[tool])}</p>
<div class="qr">{_qr_svg(url)}</div>
<p>สแกนคิวอาร์โค้ดด้วยโทรศัพท์ หรือเปิดที่อยู่</p>
<p class="url">{escape(url)}</p>
<p class="note">ไม่ต้องเข้าสู่ระบบ และไม่เก็บชื่อ อีเมล หรือที่อยู่ไอพีของผู้ตอบ<br>
แบบสำรวจนี้หน่วยงานจัดทำเองเพื่อเตรียมความพร้อมก่อนการประเมิน ITA ไม่ใช่แบบวัดของสำนักงาน ป.ป.ช.</p>
</body></html>"""
    return HTML(string=html).write_pdf(font_config=FontConfiguration())
