"""STAND-IN for the framework-file adapter of branch `frameworks` (YAML only): the web system's framework upload
is built and tested against this interface until that branch is merged; the lead takes the real package then.

Real interface: read_framework_bytes (YAML or XLSX), read_framework_path, framework_to_yaml (lossless),
write_framework_xlsx. Here: read_framework_bytes and read_framework_path for YAML/JSON, framework_to_yaml as a dump
of the source data kept when the file was read; an XLSX file gets a Thai InputError saying it is not supported.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import yaml

from ..ita.loader import framework_from_data
from ..ita.model import Framework
from ..ita.problems import InputError, Problem

_SOURCE = "_standin_source_data"


def read_framework_bytes(data: bytes, *, filename: str) -> Framework:
    """A framework from the bytes of a YAML/JSON file; InputError with Thai problems otherwise."""
    name = Path(filename).name or "framework.yaml"
    if name.lower().endswith(".xlsx"):
        raise InputError([Problem("ยังอ่านไฟล์ Excel ไม่ได้ในรุ่นนี้", file=name, expected="ไฟล์ .yaml")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"ไฟล์ไม่ใช่ข้อความ UTF-8 (ไบต์ที่ {exc.start})", file=name)]) from None
    try:
        raw = json.loads(text) if name.lower().endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else getattr(exc, "lineno", None)
        raise InputError([Problem(f"อ่านโครงสร้าง YAML/JSON ไม่ได้: {exc}", file=name, row=row)]) from None
    provisional = isinstance(raw, dict) and raw.get("status") == "provisional"
    loaded = dict(raw, status="partial") if provisional else raw  # the loader of main knows no 'provisional'
    framework = framework_from_data(loaded, file=name, origin=name)
    if provisional:
        framework = dataclasses.replace(framework, status="provisional")
    object.__setattr__(framework, _SOURCE, raw)
    return framework


def read_framework_path(path: str | Path) -> Framework:
    path = Path(path)
    return read_framework_bytes(path.read_bytes(), filename=path.name)


def framework_to_yaml(framework: Framework) -> str:
    """The YAML the framework was read from (only frameworks read through this module keep it)."""
    data: Any = getattr(framework, _SOURCE, None)
    if data is None:
        raise ValueError("stand-in: only frameworks read by read_framework_bytes can be written back")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
