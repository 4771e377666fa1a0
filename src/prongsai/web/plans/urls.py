"""Routes of the measures plan and its progress; included by web/urls.py (and so walked by the permission matrix)."""

from __future__ import annotations

from django.urls import path

from . import measure_views, plan_views, progress_views

urlpatterns = [
    path("agencies/<int:org_id>/plans/", plan_views.agency_plans, name="plans"),
    path("plans/<int:plan_id>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/plan.xlsx", plan_views.plan_export, name="plan_export"),
    path("plans/<int:plan_id>/import/", plan_views.plan_import, name="plan_import"),
    path("plans/<int:plan_id>/document/<str:fmt>/", plan_views.plan_document, name="plan_document"),
    path("plans/<int:plan_id>/roll/", plan_views.plan_roll, name="plan_roll"),
    path("plans/<int:plan_id>/measures/new/", measure_views.measure_new, name="measure_new"),
    path("measures/<int:measure_id>/", measure_views.measure_edit, name="measure"),
    path("measures/<int:measure_id>/delete/", measure_views.measure_delete, name="measure_delete"),
    path("measures/<int:measure_id>/move/", measure_views.measure_move, name="measure_move"),
    path("measures/<int:measure_id>/steps/new/", measure_views.step_new, name="step_new"),
    path("steps/<int:step_id>/", measure_views.step_change, name="step"),
    path("plans/<int:plan_id>/progress/<int:quarter>/", progress_views.plan_progress, name="plan_progress"),
    path(
        "plans/<int:plan_id>/progress/<int:quarter>/report/<str:fmt>/",
        plan_views.progress_report,
        name="progress_report",
    ),
    path(
        "plans/<int:plan_id>/progress/year/report/<str:fmt>/",
        plan_views.progress_report_year,
        name="progress_report_year",
    ),
    path(
        "measures/<int:measure_id>/progress/<int:quarter>/",
        progress_views.measure_progress_page,
        name="measure_progress",
    ),
    path(
        "measures/<int:measure_id>/progress/<int:quarter>/evidence/", progress_views.evidence_new, name="evidence_new"
    ),
    path("evidence/<int:evidence_id>/revise/", progress_views.evidence_revise, name="evidence_revise"),
    path("evidence/files/<int:revision_id>/", progress_views.evidence_download, name="evidence_download"),
]
