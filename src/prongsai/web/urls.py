"""Every route of the web application. The permission matrix test walks this URLconf, so a new route is checked
against every role as soon as it is added (tests/integration/test_permission_matrix.py)."""

from __future__ import annotations

from django.urls import include, path

from .accounts import views as accounts
from .api import token_pages
from .api import views as api
from .assessments import views as assessments
from .audit import views as audit
from .core import views as core
from .dashboards import views as dashboards
from .kpi import views as kpi

urlpatterns = [
    path("", core.home, name="home"),
    path("preferences/", core.preferences, name="preferences"),
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/password/", accounts.PasswordChange.as_view(), name="password_change"),
    path("accounts/tokens/", token_pages.tokens, name="tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", token_pages.token_revoke, name="token_revoke"),
    path("organisations/<int:org_id>/members/", accounts.members, name="members"),
    path("organisations/<int:org_id>/members/<int:member_id>/", accounts.member_change, name="member_change"),
    path(
        "organisations/<int:org_id>/members/<int:member_id>/password/", accounts.member_password, name="member_password"
    ),
    path("agencies/<int:org_id>/", assessments.agency_home, name="agency"),
    path("agencies/<int:org_id>/upload/", assessments.upload, name="upload"),
    path("agencies/<int:org_id>/enter/<int:year>/", assessments.enter, name="enter"),
    path("agencies/<int:org_id>/confirm/", assessments.confirm, name="confirm"),
    path("results-template/<int:year>/<str:fmt>/", assessments.result_template, name="result_template"),
    path("assessments/<int:assessment_id>/", assessments.assessment_page, name="assessment"),
    path("assessments/<int:assessment_id>/download/<str:fmt>/", assessments.download, name="download"),
    path("assessments/<int:assessment_id>/delete/", assessments.delete, name="assessment_delete"),
    path("dashboards/<int:org_id>/", dashboards.dashboard, name="dashboard"),
    path("dashboards/<int:org_id>/export.<str:fmt>", dashboards.export, name="dashboard_export"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("kpi/<int:org_id>/", kpi.kpi_index, name="kpi"),
    path("kpi/<int:org_id>/<int:year>/", kpi.kpi_year, name="kpi_year"),
    path("api/", api.api_help, name="api_help"),
    path("api/v1/openapi.json", api.openapi, name="openapi"),
    path("api/v1/assessments/", api.assessment_list, name="api_assessments"),
    path("api/v1/assessments/<int:assessment_id>/", api.assessment_detail, name="api_assessment"),
    path("", include("prongsai.web.oitboard.urls")),
    path("", include("prongsai.web.plans.urls")),
    path("", include("prongsai.web.frameworks.urls")),
    path("", include("prongsai.web.dashboards.urls")),
    path("", include("prongsai.web.surveys.urls")),
]

handler400 = "prongsai.web.core.errors.bad_request"
handler403 = "prongsai.web.core.errors.forbidden"
handler404 = "prongsai.web.core.errors.not_found"
