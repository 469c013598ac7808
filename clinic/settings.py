"""Django settings for Ekbom. Every value comes from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from clinic.env import env_bool, env_int, env_list, env_str
from clinic.interop.cds_clients import parse_clients

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "auditlog",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "clinic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that can answer (WhiteNoise, CommonMiddleware, the login requirement), so
    # a CDS Hooks preflight is answered and every CDS response carries its CORS headers; after
    # SecurityMiddleware, so plain HTTP is still redirected to HTTPS.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Inside SessionMiddleware, so the session it marks for saving is saved on the way out.
    "clinic.middleware.IdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "clinic.middleware.PrivateNoStoreMiddleware",
    "clinic.middleware.OutOfRangeParametersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic.middleware.ContentSecurityPolicyMiddleware",
    # Records the user and the trusted client address (clinic.audit.client_ip) on audit entries.
    "clinic.audit.AuditlogMiddleware",
    # Last, so a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Without DATABASE_URL, a SQLite file in the project folder: zero set-up on a laptop.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler added ~290 ms to a 33 ms caseload query at 100,000 patients
    # (EXPLAIN ANALYZE); the workspace's short queries never repay the compilation. Nor do they
    # repay a parallel worker: starting one took the caseload's page query from 2-3 ms to 9-10
    # ms at 100,000 patients, and its second process took a core from the other requests.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c max_parallel_workers_per_gather=0"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # A transaction takes the write lock when it begins, so two writers queue for it
            # instead of one failing with "database is locked" when it upgrades a read lock.
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for the lock before giving up.
            "timeout": env_int("EKBOM_SQLITE_TIMEOUT", 20, minimum=1),
            # Readers never wait for a writer, nor a writer for readers.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out account before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "clinic:caseload"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after this much inactivity: every request pushes the expiry forward.
SESSION_COOKIE_AGE = env_int("EKBOM_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# Renewed by use, written at most once a minute (clinic.middleware.IdleTimeoutMiddleware).
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Transport security: on by default outside DEBUG; behind a TLS-terminating proxy, set
# DJANGO_SECURE_PROXY_SSL_HEADER so Django knows the original request was HTTPS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login throttling: lock the username from that address after repeated failures.
AXES_FAILURE_LIMIT = env_int("EKBOM_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("EKBOM_LOGIN_LOCKOUT_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("EKBOM_PROXY_COUNT", 0)
# One rule for the client address in lockouts and the audit trail: X-Forwarded-For is trusted
# only for EKBOM_PROXY_COUNT proxy hops, so a client cannot forge its address.
AXES_CLIENT_IP_CALLABLE = "clinic.audit.client_ip"

# A password-reset request takes at least this long, whether or not the address exists.
PASSWORD_RESET_MIN_SECONDS = 1.0

# Password-reset email. Without DJANGO_EMAIL_BACKEND, development prints mail to the console;
# production sends through SMTP (a failed send is logged, the page still answers).
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set at most one of DJANGO_EMAIL_USE_TLS and DJANGO_EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "ekbom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A reset link stays valid this long (Django's default is three days).
PASSWORD_RESET_TIMEOUT = env_int("EKBOM_PASSWORD_RESET_HOURS", 2, minimum=1) * 3600

# Background tasks (clinic/tasks.py). "immediate" runs each task in the process that enqueues it,
# so `make run` needs no worker; "database" queues them for `manage.py worker` processes.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks = env_str("EKBOM_TASKS", "immediate")
if _tasks not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"EKBOM_TASKS must be one of {', '.join(TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks]}}
# The hour (clinic time) of the daily findings refresh that workers schedule.
EKBOM_REFRESH_HOUR = env_int("EKBOM_REFRESH_HOUR", 2, minimum=0)
if EKBOM_REFRESH_HOUR > 23:
    raise ImproperlyConfigured("EKBOM_REFRESH_HOUR must be an hour from 0 to 23")
# CDS Hooks: the EHRs allowed to call the service (a JSON list; see clinic/interop/cds_clients.py)
# and the public base URL the tokens' `aud` names (default: the URL the request came to).
try:
    CDS_HOOKS_CLIENTS = parse_clients(env_str("EKBOM_CDS_CLIENTS"))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
CDS_HOOKS_BASE_URL = env_str("EKBOM_CDS_BASE_URL")
# CORS, as the CDS Hooks specification asks: EHRs and the public sandbox call the service from
# the browser. Only the /cds-services URLs, any origin: a call authenticates with its JWT, never
# a cookie, so no credentials are allowed and the workspace answers no other origin.
CORS_URLS_REGEX = r"^/cds-services(/[^/]+)?/?$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "POST", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "authorization", "content-type")

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("EKBOM_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed from the npm registry by the set-up targets (package-lock.json), never a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
