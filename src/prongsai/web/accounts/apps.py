from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.web.accounts"
    label = "accounts"
    verbose_name = "ผู้ใช้และบทบาท"
