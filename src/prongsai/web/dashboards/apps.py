from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "prongsai.web.dashboards"
    label = "dashboards"
    verbose_name = "ภาพรวมการกำกับดูแล"
