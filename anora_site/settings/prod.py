"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; HTTPS-only cookies, HSTS and a strict CSP.

Environment variables, beyond those in ``base``:
    SECURE_HSTS_SECONDS   how long browsers remember HTTPS-only (default one year)
    SECURE_HSTS_PRELOAD   "0" leaves ``preload`` out of the HSTS header (on by default; check --deploy wants it)
    SECURE_SSL_REDIRECT   "0" when the proxy in front already redirects http to https
"""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env_bool, env_list

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not env_list("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names (comma-separated) for production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not os.environ.get("CACHE_URL"):
    # Gunicorn workers, the task worker and management commands are separate processes: a per-process cache
    # would keep serving a page after another process invalidated it. Files on this host are shared by all.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
CSRF_COOKIE_SECURE = True
DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
