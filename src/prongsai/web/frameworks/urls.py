"""Routes of the frameworks pages; included by web/urls.py (and so walked by the permission matrix)."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("frameworks/", views.frameworks, name="frameworks"),
    path("frameworks/upload/", views.upload, name="framework_upload"),
    path("frameworks/<int:year>/shipped/", views.shipped, name="framework_shipped"),
    path("frameworks/versions/<int:version_id>/", views.version, name="framework_version"),
    path("frameworks/versions/<int:version_id>/publish/", views.publish, name="framework_publish"),
    path("frameworks/versions/<int:version_id>/framework.yaml", views.download, name="framework_download"),
    path("assessments/<int:assessment_id>/rescore/", views.rescore, name="assessment_rescore"),
]
