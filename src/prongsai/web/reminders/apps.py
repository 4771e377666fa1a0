from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "prongsai.web.reminders"
    label = "reminders"
    verbose_name = "การแจ้งเตือน"
