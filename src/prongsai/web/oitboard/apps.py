from django.apps import AppConfig


class OitBoardConfig(AppConfig):
    name = "prongsai.web.oitboard"
    label = "oitboard"
    verbose_name = "กระดานเตรียมข้อมูล OIT"

    def ready(self) -> None:
        """Give the daily digest the board's open items (see reminders.sources)."""
        from ..reminders.sources import register
        from .reminders import due_items

        register("oitboard", due_items)
