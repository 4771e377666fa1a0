"""Demo data: the seed agencies with their real published figures (the CSV files of prongsai/samples), a demo
province of 35 agencies with four years of plausible results generated deterministically, and a demo user for
every role. Everything is written through the same services as the pages, so the demo is checked like real
input. The demo province and its agencies are fictional ("จังหวัดสาธิต"); only the seed agencies are real."""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction

from ...importing.results_reader import read_results
from ...ita.library import framework_for
from ...ita.model import Framework
from ..accounts.models import ADMIN, AGENCY_ADMIN, AGENCY_EDITOR, AGENCY_VIEWER, OVERSIGHT
from ..accounts.services import create_member
from ..assessments.result_rows import rows_from_results
from ..assessments.services import save_assessment
from ..kpi.demo import load_kpi_demo
from ..oitboard.demo import load_oit_demo
from ..organisations.models import Organisation
from ..organisations.services import create_organisation
from ..plans.demo import load_plan_demo

DEMO_PASSWORD = "prongsai-demo-2569"
DEMO_YEARS = (2565, 2566, 2567, 2568)
NATIONAL = "ภาพรวมระดับประเทศ"
MINISTRY = "กระทรวงมหาดไทย"
DEMO_PROVINCE = "จังหวัดสาธิต"
PHITSANULOK = "องค์การบริหารส่วนจังหวัดพิษณุโลก"
ANGTHONG = "องค์การบริหารส่วนจังหวัดอ่างทอง"
AYUTTHAYA = "จังหวัดพระนครศรีอยุธยา"
SEED_RESULTS = [  # (agency, year, sample file): the published figures of seeds 000, 002 and 004
    (PHITSANULOK, 2564, "phitsanulok_pao_2564.csv"),
    (PHITSANULOK, 2565, "phitsanulok_pao_2565.csv"),
    (ANGTHONG, 2566, "angthong_pao_2566.csv"),
    (AYUTTHAYA, 2564, "ayutthaya_province_2564.csv"),
]
DEMO_AGENCY_KINDS = [
    "สำนักงานจังหวัด",
    "ที่ทำการปกครองจังหวัด",
    "สำนักงานสาธารณสุขจังหวัด",
    "สำนักงานเกษตรจังหวัด",
    "สำนักงานพัฒนาชุมชนจังหวัด",
    "สำนักงานพาณิชย์จังหวัด",
    "สำนักงานแรงงานจังหวัด",
    "สำนักงานจัดหางานจังหวัด",
    "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด",
    "สำนักงานประกันสังคมจังหวัด",
    "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
    "สำนักงานการท่องเที่ยวและกีฬาจังหวัด",
    "สำนักงานวัฒนธรรมจังหวัด",
    "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด",
    "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด",
    "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด",
    "สำนักงานโยธาธิการและผังเมืองจังหวัด",
    "สำนักงานที่ดินจังหวัด",
    "สำนักงานคลังจังหวัด",
    "สำนักงานสถิติจังหวัด",
    "สำนักงานประชาสัมพันธ์จังหวัด",
    "สำนักงานปศุสัตว์จังหวัด",
    "สำนักงานประมงจังหวัด",
    "สำนักงานสหกรณ์จังหวัด",
    "สำนักงานเกษตรและสหกรณ์จังหวัด",
    "สำนักงานพลังงานจังหวัด",
    "สำนักงานอุตสาหกรรมจังหวัด",
    "สำนักงานขนส่งจังหวัด",
    "สำนักงานยุติธรรมจังหวัด",
    "สำนักงานคุมประพฤติจังหวัด",
    "สำนักงานศึกษาธิการจังหวัด",
    "สำนักงานพระพุทธศาสนาจังหวัด",
    "แขวงทางหลวงชนบทจังหวัด",
    "องค์การบริหารส่วนจังหวัด",
    "เรือนจำจังหวัด",
]
WORKGROUPS = ["สำนักปลัด", "กองคลัง", "กองยุทธศาสตร์และงบประมาณ"]


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    where: str
    full_name: str


DEMO_USERS = [
    DemoUser("admin", ADMIN, "", "ผู้ดูแลระบบ (สาธิต)"),
    DemoUser("oversight", OVERSIGHT, NATIONAL, "ผู้กำกับดูแลระดับประเทศ (สาธิต)"),
    DemoUser("ministry", OVERSIGHT, MINISTRY, "ผู้กำกับดูแลกระทรวง (สาธิต)"),
    DemoUser("province", OVERSIGHT, DEMO_PROVINCE, "ผู้กำกับดูแลจังหวัด (สาธิต)"),
    DemoUser("angthong_admin", AGENCY_ADMIN, ANGTHONG, "ผู้ดูแลหน่วยงาน อบจ.อ่างทอง (สาธิต)"),
    DemoUser("angthong_editor", AGENCY_EDITOR, ANGTHONG, "ผู้บันทึกข้อมูล อบจ.อ่างทอง (สาธิต)"),
    DemoUser("angthong_viewer", AGENCY_VIEWER, ANGTHONG, "ผู้ดูข้อมูล อบจ.อ่างทอง (สาธิต)"),
    DemoUser("phitsanulok_editor", AGENCY_EDITOR, PHITSANULOK, "ผู้บันทึกข้อมูล อบจ.พิษณุโลก (สาธิต)"),
    DemoUser("demo_editor", AGENCY_EDITOR, "สำนักงานสาธารณสุขจังหวัดสาธิต", "ผู้บันทึกข้อมูลหน่วยงานสาธิต"),
]


def sample_path(name: str) -> Path:
    return Path(str(resources.files("prongsai") / "samples" / name))


def _clip(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return round(max(low, min(high, value)), 2)


def generated_rows(fw: Framework, rng: random.Random, quality: float) -> list[dict[str, Any]]:
    """Plausible question-level results of one agency for one year: survey questions around `quality` (EIT a
    little lower, with the two channels of 2566 on apart), OIT items passed more often by better agencies.
    Years whose OIT grouping is not known (2567 on) get indicators 9 and 10 as reported figures instead."""
    rows: list[dict[str, Any]] = []
    for item in fw.items_of_tool("IIT"):
        rows.append({"code": item.code, "score": _clip(rng.gauss(quality + 1.5, 4.0), 40), "channel": ""})
    for item in fw.items_of_tool("EIT"):
        base = rng.gauss(quality - 1.0, 4.5)
        if fw.eit_channels:
            rows.append({"code": item.code, "score": _clip(base + rng.gauss(3.0, 2.0), 40), "channel": "public"})
            rows.append({"code": item.code, "score": _clip(base - rng.gauss(4.0, 2.5), 40), "channel": "survey"})
        else:
            rows.append({"code": item.code, "score": _clip(base, 40), "channel": ""})
    pass_rate = max(0.55, min(0.995, 0.70 + (quality - 78) / 18 * 0.29))
    oit_known = all(
        fw.indicators[n].mapping_status != "unknown" and fw.indicators[n].sub_indicators
        for n in fw.tools["OIT"].indicators
    )
    if oit_known:
        for item in fw.items_of_tool("OIT"):
            rows.append({"code": item.code, "score": 100 if rng.random() < pass_rate else 0, "channel": ""})
    else:
        for number in fw.tools["OIT"].indicators:
            rows.append({"code": f"IND{number}", "score": _clip(rng.gauss(pass_rate * 100, 5.0), 0), "channel": ""})
    return rows


def sample_rows(year: int, file: str) -> list[dict[str, Any]]:
    """Canonical rows of a bundled sample file (the published figures of a seed agency)."""
    read = read_results(sample_path(file), framework_for(year))
    return rows_from_results(next(iter(read.by_agency.values())))


@transaction.atomic
def load_demo(*, password: str = DEMO_PASSWORD, agencies: int = len(DEMO_AGENCY_KINDS)) -> list[DemoUser]:
    """Create the demo tree, results and users in an empty database; returns the demo logins."""
    if Organisation.objects.exists():
        raise RuntimeError("ฐานข้อมูลมีข้อมูลอยู่แล้ว จึงไม่เพิ่มข้อมูลสาธิต")
    national = create_organisation(actor=None, name=NATIONAL, kind="national", parent=None)
    ministry = create_organisation(actor=None, name=MINISTRY, kind="ministry", parent=national)
    seeds = {
        name: create_organisation(actor=None, name=name, kind="agency", parent=ministry)
        for name in (PHITSANULOK, ANGTHONG, AYUTTHAYA)
    }
    for group in WORKGROUPS:
        create_organisation(actor=None, name=group, kind="workgroup", parent=seeds[ANGTHONG])
    for agency, year, file in SEED_RESULTS:
        save_assessment(
            actor=None,
            organisation=seeds[agency],
            year=year,
            rows=sample_rows(year, file),
            source="demo",
            source_name=file,
        )
    province = create_organisation(actor=None, name=DEMO_PROVINCE, kind="province", parent=national)
    demo_agencies = []
    for index, kind in enumerate(DEMO_AGENCY_KINDS[:agencies]):
        org = create_organisation(actor=None, name=f"{kind}สาธิต", kind="agency", parent=province)
        demo_agencies.append(org)
        rng = random.Random(f"prongsai-demo-{index}")
        quality = rng.uniform(80.5, 96.0)
        for offset, year in enumerate(DEMO_YEARS):
            year_rng = random.Random(f"prongsai-demo-{index}-{year}")
            rows = generated_rows(framework_for(year), year_rng, quality + offset * rng.uniform(-0.5, 1.8))
            save_assessment(
                actor=None, organisation=org, year=year, rows=rows, source="demo", source_name="ข้อมูลสาธิตที่สร้างขึ้น"
            )
    places = {
        NATIONAL: national,
        MINISTRY: ministry,
        DEMO_PROVINCE: province,
        **seeds,
        **{o.name: o for o in demo_agencies},
    }
    for user in DEMO_USERS:
        if user.where and user.where not in places:
            continue
        create_member(
            actor=None,
            organisation=places.get(user.where),
            username=user.username,
            password=password,
            role=user.role,
            full_name=user.full_name,
            email=f"{user.username}@demo.prongsai.example",
            validate=False,
        )
    load_kpi_demo(province)
    load_oit_demo(ANGTHONG)
    load_plan_demo(seeds[ANGTHONG])
    return list(DEMO_USERS)
