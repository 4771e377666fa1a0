from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prongsai.web.audit"
    label = "audit"
    verbose_name = "บันทึกการเปลี่ยนแปลง"
