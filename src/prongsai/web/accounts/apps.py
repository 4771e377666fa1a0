from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.web.accounts"
    label = "accounts"
    verbose_name = "ผู้ใช้และบทบาท"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the login receiver)
