from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "prongsai.web.api"
    label = "api"
    verbose_name = "API"
