from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "prongsai.web.core"
    label = "core"
    verbose_name = "ส่วนกลาง"
