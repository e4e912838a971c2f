"""Settings shared by every environment, read from the environment where they vary.

Environment variables:
    DATABASE_URL   database connection (default: SQLite file in ``var/``)
    SECRET_KEY     signing key (dev and test generate one in ``var/``; prod refuses to start without it)
    DEBUG          "1"/"true" turns debug on; off by default
    ALLOWED_HOSTS  comma-separated host names
    CACHE_URL      redis://… for a shared cache; default is a local in-memory cache
    CACHE_KEY_PREFIX  prefix of this site's cache keys, for two sites (or test runs) sharing one Redis
    IMPORT_MAX_BYTES  largest article file accepted by the importer (default 2 MB)
    IMPORT_FALLBACK_ENCODING  how non-UTF-8 text is decoded (default cp1252, i.e. Windows-1252)
    CONSENSUS_BACKEND "auto" (default), "minilm" or "lexical": the similarity behind consensus matching
    TWO_PERSON_RULE   "0" lets the submitter publish their own submission (single-person sites)
    EXPLAINER_LOCK_WAIT  seconds an editor's change waits for a running consensus build (default 10)
"""
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """Return the development key kept in ``var/``, creating it on first use."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database_config(url: str | None) -> dict:
    """Turn ``DATABASE_URL`` into Django's DATABASES entry, with SQLite tuned for concurrent writers."""
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'anora.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=0 if url.startswith("sqlite") else 60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # Writers queue on the lock instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        }
    return config


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"],
         "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "")}
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "anora"}
    )
}
DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "markdownx",
    "axes",
    "django_tasks_db",
    "articles",
    "claims",
    "anora_site",
]
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
LOGIN_URL = "admin:login"
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "anora_site.middleware.ReopenedDraftMiddleware",  # after messages and the user: it adds a message for them
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "anora_site.middleware.DatabaseBusyMiddleware",
]
ROOT_URLCONF = "anora_site.urls"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "same-origin"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WSGI_APPLICATION = "anora_site.wsgi.application"
X_FRAME_OPTIONS = "DENY"

# Third-party settings

AXES_COOLOFF_TIME = 1  # hours
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

MARKDOWNX_MARKDOWNIFY_FUNCTION = "claims.markdown.render_markdown"
MARKDOWNX_UPLOAD_MAX_SIZE = 0  # image uploads are switched off: explainers carry no images
MARKDOWNX_UPLOAD_CONTENT_TYPES: list[str] = []

# Project settings

# Similarity behind consensus matching: "auto" (the packaged MiniLM model when installed, else lexical),
# "minilm" or "lexical" (character TF-IDF and word alignment; numpy and scikit-learn only).
CONSENSUS_BACKEND = os.environ.get("CONSENSUS_BACKEND", "auto")

# Text that is not UTF-8 is decoded with this encoding (what mislabelled web pages most often are), and says so.
IMPORT_FALLBACK_ENCODING = os.environ.get("IMPORT_FALLBACK_ENCODING", "cp1252")
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "600"))
TWO_PERSON_RULE = env_bool("TWO_PERSON_RULE", default=True)
# How long an editor's change (or an import) waits for the explainer's write lock, held by a running consensus
# build, before it is refused with a clear message (PostgreSQL; SQLite writers queue on its busy timeout).
EXPLAINER_LOCK_WAIT = float(os.environ.get("EXPLAINER_LOCK_WAIT", "10"))
