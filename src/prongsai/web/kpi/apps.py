from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "prongsai.web.kpi"
    label = "kpi"
    verbose_name = "ตัวชี้วัดการขับเคลื่อน ITA"
