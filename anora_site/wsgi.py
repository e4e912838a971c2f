"""WSGI entry point for gunicorn: ``gunicorn anora_site.wsgi``."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anora_site.settings.prod")
application = get_wsgi_application()
