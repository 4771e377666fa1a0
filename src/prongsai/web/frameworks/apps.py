from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "prongsai.web.frameworks"
    label = "frameworks"
    verbose_name = "กรอบการประเมิน"

    def ready(self) -> None:
        """Make every framework lookup of this process use the published version of a year (see provider.py)."""
        from ...ita.library import register_provider
        from .provider import PROVIDER

        register_provider(PROVIDER)
