from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "prongsai.web.plans"
    label = "plans"
    verbose_name = "แผนมาตรการและการรายงานผล"

    def ready(self) -> None:
        """Feed the daily digest with open plan steps (see reminders.sources)."""
        from ..reminders.sources import register
        from .reminders import due_steps

        register("plans.steps", due_steps)
