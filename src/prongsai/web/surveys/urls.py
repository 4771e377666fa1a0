"""Routes of the survey pages; `s/<public_id>/` is the only page of the system open without a login."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("agencies/<int:org_id>/surveys/", views.agency_surveys, name="surveys"),
    path("surveys/<int:round_id>/", views.round_page, name="survey_round"),
    path("surveys/<int:round_id>/close/", views.round_close, name="survey_close"),
    path("surveys/<int:round_id>/qr.png", views.round_qr, name="survey_qr"),
    path("surveys/<int:round_id>/poster.pdf", views.round_poster, name="survey_poster"),
    path("surveys/<int:round_id>/export.<str:fmt>", views.round_export, name="survey_export"),
    path("s/<str:public_id>/", views.public_form, name="survey_public"),
]
