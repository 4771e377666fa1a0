"""WSGI entry point (waitress in `prongsai serve`, or any WSGI server in a deployment)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
application = get_wsgi_application()
