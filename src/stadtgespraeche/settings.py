"""The one settings module of Stadtgespräche, driven by environment variables.

Every variable is documented in docs/configuration.md. Defaults give a working
single-machine install on SQLite; production sets SECRET_KEY, ALLOWED_HOSTS and
usually DATABASE_URL.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return a string variable; NAME_FILE (a path) wins over NAME, for container secrets."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
DEMO = env_bool("STADTGESPRAECHE_DEMO", default=False)
DATA_DIR = Path(env_str("DATA_DIR", str(REPO_DIR / "var"))).resolve()

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (or SECRET_KEY_FILE) "
            "unless DEBUG or STADTGESPRAECHE_DEMO is on."
        )
    SECRET_KEY = "insecure-demo-key-only-for-local-use-never-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or DEMO else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "stadtgespraeche.core",
    "stadtgespraeche.operations",
    "stadtgespraeche.accounts",
    "stadtgespraeche.notifications",
    "stadtgespraeche.discussions",
    "stadtgespraeche.topics",
    "stadtgespraeche.municipalities",
    "stadtgespraeche.people",
    "stadtgespraeche.network",
    "stadtgespraeche.contacts",
    "stadtgespraeche.events",
    "stadtgespraeche.registrations",
    "stadtgespraeche.rooms",
    "stadtgespraeche.questions",
    "stadtgespraeche.documentation",
    "stadtgespraeche.wishes",
    "stadtgespraeche.knowledge",
    "stadtgespraeche.oparl",
    "stadtgespraeche.search",
    "stadtgespraeche.pages",
    "stadtgespraeche.dashboard",
    "stadtgespraeche.reports",
    "stadtgespraeche.demo",
]

MIDDLEWARE = [
    "stadtgespraeche.operations.logs.RequestIdMiddleware",
    "stadtgespraeche.operations.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Anonymous pages from memory, before sessions, authentication and templates; inside the
    # middleware above, so cached answers get the security headers too (core/response_cache.py).
    "stadtgespraeche.core.response_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stadtgespraeche.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stadtgespraeche.accounts.middleware.SessionAgeMiddleware",
    "stadtgespraeche.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "stadtgespraeche.urls"
WSGI_APPLICATION = "stadtgespraeche.wsgi.application"
ASGI_APPLICATION = "stadtgespraeche.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stadtgespraeche.core.context_processors.site",
                "stadtgespraeche.notifications.context_processors.unread",
            ],
        },
    },
]

FORM_RENDERER = "stadtgespraeche.core.forms.KernFormRenderer"

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Kept connections are checked before a request reuses them, so a restarted PostgreSQL
    # costs no failed request; a server that does not answer fails within the timeout
    # (the 503 page of core.errors), not after the operating system's minutes.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", default=2)
        )
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "stadtgespraeche.sqlite3",
            # Kept per worker: opening a connection per request (PRAGMAs, and a WAL
            # checkpoint whenever the last connection closes) cost more than most pages.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", default=60),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "stadtgespraeche_cache",
    }
}

# The anonymous response cache (docs/operations.md): seconds a stored page is served at most
# (0 switches the cache off), memory per server process, and the file whose modification time
# is the content generation every write to public content changes (core/generation.py).
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", default=60)
RESPONSE_CACHE_MAX_MB = env_int("RESPONSE_CACHE_MAX_MB", default=64)
CONTENT_GENERATION_FILE = Path(
    env_str("CONTENT_GENERATION_FILE", str(DATA_DIR / "content-generation"))
)

# Background tasks (docs/operations.md): a queue in the database, run by
# `stadtgespraeche worker`; the immediate backend runs each task in the caller's process.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# /health/ready (docs/operations.md): the least free space in DATA_DIR and the longest wait of
# a due task before the check reports it.
HEALTH_MIN_FREE_DISK_MB = env_int("HEALTH_MIN_FREE_DISK_MB", default=500)
HEALTH_MAX_QUEUE_AGE_SECONDS = env_int("HEALTH_MAX_QUEUE_AGE_SECONDS", default=600)
# Council PDFs without OParl `text` are downloaded after an import up to this size (MB) and
# their text extracted (docs/oparl.md); 0 switches the downloads off.
OPARL_FILE_MAX_MB = env_int("OPARL_FILE_MAX_MB", default=20)
# Shrink guard of full crawls (docs/oparl.md): a list that had more than this many live
# objects and now returns fewer than this percentage of them soft-deletes nothing.
OPARL_SHRINK_MIN_OBJECTS = env_int("OPARL_SHRINK_MIN_OBJECTS", default=100)
OPARL_SHRINK_PERCENT = env_int("OPARL_SHRINK_PERCENT", default=50)
# Days a finished task (with a queued mail's text) is kept (core.prune_task_results).
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", default=2)
# A task still running after this many minutes lost its worker and is queued again
# (core.requeue_abandoned_tasks), at most until it was started TASK_MAX_STARTS times.
TASK_ABANDONED_AFTER_MINUTES = env_int("TASK_ABANDONED_AFTER_MINUTES", default=15)
TASK_MAX_STARTS = env_int("TASK_MAX_STARTS", default=3)
# Attempts to deliver one e-mail before it is given up (retries 1, 2, 4 … 60 minutes apart).
MAIL_DELIVERY_ATTEMPTS = env_int("MAIL_DELIVERY_ATTEMPTS", default=24)

# --- Accounts and security ------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "stadtgespraeche.accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "stadtgespraeche.accounts.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:overview"
LOGOUT_REDIRECT_URL = "pages:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", default=14)
ACCOUNT_DELETION_GRACE_DAYS = env_int("ACCOUNT_DELETION_GRACE_DAYS", default=14)
# Login throttling (accounts/throttling.py, docs/accounts.md): failed logins per address per
# hour (a town hall behind one NAT stays below it), failures of one account before its waits
# start (2, 4, 8 … seconds, at most LOGIN_ACCOUNT_MAX_DELAY_SECONDS), how long an account's
# failures are remembered, and how long an address a person logged in from stays exempt.
LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = env_int("LOGIN_FAILURES_PER_ADDRESS_PER_HOUR", default=300)
LOGIN_ACCOUNT_FREE_FAILURES = env_int("LOGIN_ACCOUNT_FREE_FAILURES", default=5)
LOGIN_ACCOUNT_MAX_DELAY_SECONDS = env_int("LOGIN_ACCOUNT_MAX_DELAY_SECONDS", default=300)
LOGIN_ACCOUNT_FAILURE_MEMORY_HOURS = env_int("LOGIN_ACCOUNT_FAILURE_MEMORY_HOURS", default=24)
LOGIN_KNOWN_ADDRESS_DAYS = env_int("LOGIN_KNOWN_ADDRESS_DAYS", default=30)
# Session lifetimes from login (accounts.middleware.SessionAgeMiddleware): organisers, who
# can do everything, get a shorter one; a role change applies to the running session.
SESSION_AGE_HOURS = env_int("SESSION_AGE_HOURS", default=14 * 24)
SESSION_AGE_ORGANISER_HOURS = env_int("SESSION_AGE_ORGANISER_HOURS", default=8)
SESSION_COOKIE_AGE = SESSION_AGE_HOURS * 60 * 60
# Discussions (docs/discussions.md): edit window, posts per person per ten minutes, page size.
DISCUSSIONS_EDIT_WINDOW_MINUTES = env_int("DISCUSSIONS_EDIT_WINDOW_MINUTES", default=15)
DISCUSSIONS_POST_RATE_LIMIT = env_int("DISCUSSIONS_POST_RATE_LIMIT", default=10)
DISCUSSIONS_POSTS_PER_PAGE = env_int("DISCUSSIONS_POSTS_PER_PAGE", default=25)

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", default=False) else None
)
_SECURE = not (DEBUG or DEMO)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_SECURE)
# Load balancers probe the health endpoints over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_SECURE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=_SECURE)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- E-mail -------------------------------------------------------------
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends."
    + ("console.EmailBackend" if DEBUG or DEMO else "smtp.EmailBackend"),
)
_EMAIL_OPTIONS: dict[str, object] = {}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", default=25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "use_ssl": env_bool("EMAIL_USE_SSL", default=False),
        "timeout": env_int("EMAIL_TIMEOUT", default=20),
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Smarte Stadtgespräche <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ORGANISER_EMAIL = env_str("ORGANISER_EMAIL", "stadtgespraeche@example.org")

# Online rooms (events/rooms): defaults for series that use BigBlueButton; see docs/rooms.md.
BBB_URL = env_str("BBB_URL")
BBB_SECRET = env_str("BBB_SECRET")
BBB_CHECKSUM_ALGORITHM = env_str("BBB_CHECKSUM_ALGORITHM", "sha1")
if BBB_CHECKSUM_ALGORITHM not in {"sha1", "sha256"}:
    raise ImproperlyConfigured("BBB_CHECKSUM_ALGORITHM must be sha1 or sha256.")
# BigBlueButton servers per series: JSON {"<series slug>": {"url", "secret", "checksum"}}
# (docs/rooms.md); a series not listed uses BBB_URL/BBB_SECRET/BBB_CHECKSUM_ALGORITHM.
try:
    BBB_SERVERS = json.loads(env_str("BBB_SERVERS") or "{}")
except ValueError as exc:
    raise ImproperlyConfigured("BBB_SERVERS must be a JSON object.") from exc
if not isinstance(BBB_SERVERS, dict) or not all(
    isinstance(server, dict) and server.get("checksum", "sha1") in {"sha1", "sha256"}
    for server in BBB_SERVERS.values()
):
    raise ImproperlyConfigured(
        'BBB_SERVERS must map series slugs to {"url", "secret", "checksum": sha1|sha256}.'
    )

# Notifications (docs/notifications.md): when digests go out (local time, Europe/Berlin),
# an optional mailto address for List-Unsubscribe, and how long unsubscribe links work.
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", default=7)
NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY = env_int("NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY", default=0)
NOTIFICATIONS_UNSUBSCRIBE_MAILTO = env_str("NOTIFICATIONS_UNSUBSCRIBE_MAILTO")
NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS = env_int(
    "NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS", default=365
)
if not 0 <= NOTIFICATIONS_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("NOTIFICATIONS_DIGEST_HOUR must be between 0 and 23.")
if not 0 <= NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY <= 6:
    raise ImproperlyConfigured("NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY must be between 0 and 6.")

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Files served only through permission-checking views (event documentation); never public.
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
# Largest accepted attachment or slides file of an event's documentation (docs/events.md).
EVENT_DOCUMENT_MAX_MB = env_int("EVENT_DOCUMENT_MAX_MB", default=20)
NODE_MODULES = REPO_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Static files are served by WhiteNoise from the app server (docs/operations.md). In
# production `collectstatic` writes them with content-hashed names and gzip/brotli copies
# (cached for a year by browsers); in debug and demo mode they come straight from the
# sources, so nothing needs collecting.
_DEV = DEBUG or DEMO
STORAGES = {
    "default": {"BACKEND": "stadtgespraeche.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if _DEV
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = _DEV
WHITENOISE_AUTOREFRESH = _DEV

# Backups (`stadtgespraeche backup`): where archives go; PostgreSQL client tools' directory.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(DATA_DIR / "backups"))).resolve()
PG_BIN_DIR = env_str("PG_BIN_DIR")

# --- Serving (`stadtgespraeche serve`, docs/operations.md) -------------------------------
SERVE_BIND = env_str("SERVE_BIND", "127.0.0.1:8000")
SERVE_WORKERS = env_int("SERVE_WORKERS", default=min(2 * (os.cpu_count() or 1) + 1, 9))
SERVE_THREADS = env_int("SERVE_THREADS", default=1)
SERVE_TIMEOUT = env_int("SERVE_TIMEOUT", default=30)
SERVE_ACCESS_LOG = env_bool("SERVE_ACCESS_LOG", default=True)
# Largest request body accepted at all (uploads included): 413 above it.
MAX_REQUEST_BODY_MB = env_int("MAX_REQUEST_BODY_MB", default=EVENT_DOCUMENT_MAX_MB + 5)

# Log lines carry the request id (operations/logs.py); LOG_FORMAT=json writes JSON lines.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "stadtgespraeche.operations.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "stadtgespraeche.operations.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # httpx logs every request URL at INFO: BigBlueButton URLs carry checksums and the
    # moderator password (docs/rooms.md), so only its warnings are logged.
    # WeasyPrint logs every rendering step at INFO; only its warnings matter in operation.
    "loggers": {
        "httpx": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
