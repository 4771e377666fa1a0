"""Routes of the oversight pages beside the score dashboard (work status, years, weak-point export)."""

from __future__ import annotations

from django.urls import path

from . import work_views

urlpatterns = [
    path("dashboards/<int:org_id>/work/", work_views.work, name="dashboard_work"),
    path("dashboards/<int:org_id>/work/export.<str:fmt>", work_views.work_export, name="dashboard_work_export"),
    path("dashboards/<int:org_id>/years/", work_views.history, name="dashboard_years"),
    path("dashboards/<int:org_id>/years/export.<str:fmt>", work_views.history_export, name="dashboard_years_export"),
    path("dashboards/<int:org_id>/weak/export.<str:fmt>", work_views.weak_export, name="dashboard_weak_export"),
]
