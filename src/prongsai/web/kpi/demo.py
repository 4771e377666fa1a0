"""Demo checklists for the demo province: 2568 fully met; 2569 part way, with the plan (level 2) still a draft
while level 3 is done, so the page shows a level that is complete but does not count yet. The notes are invented
for the fictional province (never copied from a seed)."""

from __future__ import annotations

from ..organisations.models import Organisation
from .services import mark_criterion

SITE = "https://demo.prongsai.example/ita"
EVIDENCE_2568 = {
    "review": (
        "ประชุมคณะทำงานขับเคลื่อน ITA ครั้งที่ 1/2568 เมื่อ 14 พฤศจิกายน 2567 ทบทวนข้อเสนอแนะจากผลปี 2567",
        [f"{SITE}/2568/review-minutes.pdf"],
    ),
    "plan": ("แผนขับเคลื่อนการยกระดับผลการประเมิน ITA ปี 2568 ลงนามเมื่อ 2 ธันวาคม 2567", [f"{SITE}/2568/plan.pdf"]),
    "cascade": ("คำสั่งมอบหมายผู้รับผิดชอบตัวชี้วัดให้ผู้อำนวยการกลุ่มงานทุกกลุ่มงาน", [f"{SITE}/2568/order.pdf"]),
    "web_admin": ("มอบหมายนักวิชาการคอมพิวเตอร์เป็นผู้ดูแลเว็บไซต์สำหรับข้อมูล OIT", []),
    "publicise": ("เผยแพร่แผนบนเว็บไซต์และแจ้งหน่วยงานในจังหวัดทางหนังสือเวียน", [f"{SITE}/2568/plan-news.html"]),
    "monitor": ("รายงานความก้าวหน้าต่อคณะทำงานในการประชุมครั้งที่ 2/2568", []),
    "itas_data": ("ส่งรายชื่อผู้มีส่วนได้ส่วนเสียภายในและภายนอกเข้าระบบ ITAS และแจ้งให้ตอบแบบวัด", []),
    "report": ("รายงานผลการดำเนินการตามแผนรอบ 6 เดือนต่อกระทรวงแล้ว", [f"{SITE}/2568/report-6m.pdf"]),
}
MET_2569 = ("review", "cascade", "web_admin")  # level 1 reached; level 3 complete but waiting for level 2
PLAN_DRAFT_2569 = "ร่างแผนขับเคลื่อนปี 2569 แล้ว อยู่ระหว่างเสนอหัวหน้าสำนักงานจังหวัดลงนาม"


def load_kpi_demo(province: Organisation) -> None:
    """Write the demo province's checklists through the service, as the system."""
    for key, (note, links) in EVIDENCE_2568.items():
        mark_criterion(actor=None, organisation=province, year=2568, criterion=key, met=True, note=note, links=links)
    for key in MET_2569:
        note = EVIDENCE_2568[key][0].replace("2568", "2569").replace("2567", "2568")
        mark_criterion(actor=None, organisation=province, year=2569, criterion=key, met=True, note=note)
    mark_criterion(actor=None, organisation=province, year=2569, criterion="plan", met=False, note=PLAN_DRAFT_2569)
