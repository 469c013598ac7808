"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from clinic.startup import freeze_start_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()
# gunicorn loads this module in each worker, after the fork.
freeze_start_up()
