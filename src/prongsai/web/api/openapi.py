"""The OpenAPI 3.1 document of the read-only API, written by hand (two routes do not need a generator)."""

from __future__ import annotations

from typing import Any


def openapi_document(server: str) -> dict[str, Any]:
    error = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
    summary = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "agency_id": {"type": "integer"},
            "agency": {"type": "string"},
            "year": {"type": "integer", "description": "ปีงบประมาณ พ.ศ."},
            "total": {"type": ["number", "null"]},
            "level": {"type": ["string", "null"]},
            "url": {"type": "string"},
        },
        "required": ["id", "agency_id", "agency", "year", "total", "level", "url"],
    }
    unauthorised = {
        "description": "ไม่มีโทเคนหรือโทเคนไม่ถูกต้อง",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Prongsai (โปร่งใส) API",
            "version": "1",
            "description": "API แบบอ่านอย่างเดียวสำหรับผลการประเมิน ITA ที่ผู้ถือโทเคนมีสิทธิ์เห็น ขอบเขตเดียวกับหน้าเว็บ",
        },
        "servers": [{"url": server}],
        "security": [{"token": []}],
        "paths": {
            "/api/v1/assessments/": {
                "get": {
                    "summary": "รายการผลการประเมินที่ผู้ใช้ของโทเคนมีสิทธิ์เห็น",
                    "operationId": "listAssessments",
                    "parameters": [
                        {
                            "name": "year",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string"},
                            "description": "ปีงบประมาณ พ.ศ. 2400-2700 หรือ ค.ศ. 1900-2157 "
                            "(ค.ศ. 2023 คือ พ.ศ. 2566) นำหน้าด้วย พ.ศ. หรือ ค.ศ. ได้ "
                            "ปีนอกช่วงถูกปฏิเสธ",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "รายการ",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "count": {"type": "integer"},
                                            "year": {
                                                "type": "object",
                                                "description": "ปีที่ระบบอ่านได้จาก year",
                                                "properties": {
                                                    "given": {"type": "string"},
                                                    "era": {"enum": ["BE", "CE"]},
                                                    "year_be": {"type": "integer"},
                                                    "note": {"type": "string"},
                                                },
                                            },
                                            "results": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Summary"},
                                            },
                                        },
                                        "required": ["count", "results"],
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "พารามิเตอร์ไม่ถูกต้อง",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        },
                        "401": unauthorised,
                    },
                }
            },
            "/api/v1/assessments/{id}/": {
                "get": {
                    "summary": "ผลการประเมินหนึ่งรายการ ในรูปแบบ prongsai-assessment/1 (เหมือน prongsai score --json)",
                    "operationId": "getAssessment",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                    "responses": {
                        "200": {
                            "description": "ผลการประเมิน",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}},
                        },
                        "401": unauthorised,
                        "404": {
                            "description": "ไม่พบ หรือไม่มีสิทธิ์เห็น",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        },
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer", "description": "โทเคนจากคำสั่ง prongsai web token USERNAME"}
            },
            "schemas": {
                "Error": error,
                "Summary": summary,
                "Assessment": {
                    "type": "object",
                    "description": "schema prongsai-assessment/1 ดู docs/json-output.md",
                    "properties": {
                        "schema": {"const": "prongsai-assessment/1"},
                        "year": {"type": "integer"},
                        "year_ce": {"type": "integer"},
                        "agency": {"type": ["string", "null"]},
                        "framework": {"type": "object"},
                        "total": {"type": ["number", "null"]},
                        "level": {"type": ["string", "null"]},
                        "level_reason": {"type": "string"},
                        "tools": {"type": "object"},
                        "eit_channels": {"type": "object"},
                        "indicators": {"type": "object"},
                        "sub_indicators": {"type": "object"},
                        "questions": {"type": "object"},
                        "channel_questions": {"type": "object"},
                        "oit_items": {"type": "object"},
                        "detail": {"type": "object"},
                        "reconciliation": {"type": "array", "items": {"type": "object"}},
                        "warnings": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": [
                        "schema",
                        "year",
                        "year_ce",
                        "agency",
                        "framework",
                        "total",
                        "level",
                        "level_reason",
                        "tools",
                        "indicators",
                        "reconciliation",
                        "warnings",
                    ],
                },
            },
        },
    }
