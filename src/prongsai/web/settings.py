"""Django settings, read from environment variables so one package serves a laptop demo and a deployment.

PRONGSAI_DEBUG (off unless set to 1; `make run` sets it), PRONGSAI_SECRET_KEY (required when debug is off),
PRONGSAI_ALLOWED_HOSTS (comma separated), DATABASE_URL (PostgreSQL or SQLite URL; default SQLite file under
PRONGSAI_DATA_DIR), PRONGSAI_HTTPS (secure cookies and HSTS; default on unless debug), PRONGSAI_UPLOAD_MAX_BYTES,
the e-mail of the daily digest (PRONGSAI_EMAIL_*, PRONGSAI_BASE_URL). See docs/web.md.
PRONGSAI_EVIDENCE_MAX_BYTES and PRONGSAI_MEDIA_ROOT (evidence files; default PRONGSAI_DATA_DIR/media).
See docs/web.md.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PRONGSAI_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = _flag("PRONGSAI_DEBUG", False)
SECRET_KEY = os.environ.get("PRONGSAI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("ตั้งค่า PRONGSAI_SECRET_KEY ก่อนเปิดระบบโดยปิดโหมด debug (ดู docs/web.md)")
    SECRET_KEY = "prongsai-debug-only-not-secret"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("PRONGSAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("PRONGSAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "prongsai.web.core",
    "prongsai.web.organisations",
    "prongsai.web.accounts",
    "prongsai.web.audit",
    "prongsai.web.assessments",
    "prongsai.web.dashboards",
    "prongsai.web.api",
    "prongsai.web.reminders",
    "prongsai.web.kpi",
    "prongsai.web.oitboard",
    "prongsai.web.plans",
    "prongsai.web.surveys",
    "prongsai.web.frameworks",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "prongsai.web.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",  # every view needs a login unless @login_not_required
    "prongsai.web.accounts.middleware.ScopeMiddleware",  # request.scope: what the signed-in user may see and do
    "prongsai.web.core.digits.ThaiDigitsMiddleware",  # the reader's Thai-digit preference for figures and dates
    "django.contrib.messages.middleware.MessageMiddleware",
    "prongsai.web.accounts.middleware.PasswordChangeRequiredMiddleware",  # temporary passwords are changed first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused login into the lockout page (accounts/throttle.py)
]

ROOT_URLCONF = "prongsai.web.urls"
WSGI_APPLICATION = "prongsai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.web.core.context.navigation",
            ],
            # Figures, BE dates and Thai names (fmt2, thaidate, thaidatetime, person, ...) in every template.
            "builtins": ["prongsai.web.core.templatetags.prongsai"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'prongsai.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL: readers never wait for a writer and a writer never waits for readers; writers queue for up to `timeout`
    # seconds (the busy timeout) instead of failing with "database is locked", and take the write lock when their
    # transaction begins (IMMEDIATE), so no transaction fails half-way for a lock it could not upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: Argon2id first (argon2-cffi); older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Django's validators with formal Thai messages and rules (accounts/validators.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "prongsai.web.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "prongsai.web.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "prongsai.web.accounts.validators.CommonPasswordValidator"},
    {"NAME": "prongsai.web.accounts.validators.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttle (django-axes, accounts/throttle.py): each (user name, client address) pair may try
# PRONGSAI_LOGIN_FAILURE_LIMIT times; then that pair waits PRONGSAI_LOGIN_COOLOFF seconds after its last counted try.
# The real user elsewhere, or another user at the same address, is never held up. The client address is the
# connection's, or what a proxy listed in PRONGSAI_TRUSTED_PROXIES (addresses or networks) wrote into X-Forwarded-For.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PRONGSAI_LOGIN_COOLOFF_SECONDS = int(os.environ.get("PRONGSAI_LOGIN_COOLOFF", "300"))
PRONGSAI_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("PRONGSAI_TRUSTED_PROXIES", "").split(",") if p.strip()]
for _proxy in PRONGSAI_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"PRONGSAI_TRUSTED_PROXIES: '{_proxy}' ไม่ใช่ที่อยู่ IP หรือเครือข่าย เช่น 10.0.0.5 หรือ "
            "10.1.0.0/16 (คั่นหลายค่าด้วยจุลภาค)"
        ) from None
AXES_HANDLER = "prongsai.web.accounts.throttle.CountFirstHandler"
AXES_USERNAME_FORM_FIELD = "username"  # axes' default, written out: counted_username reads it
AXES_FAILURE_LIMIT = int(os.environ.get("PRONGSAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = "prongsai.web.accounts.throttle.cool_off_of_request"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "prongsai.web.accounts.throttle.counted_username"
AXES_CLIENT_IP_CALLABLE = "prongsai.web.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "prongsai.web.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused try does not make the pause longer
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept (the audit log records changes, not visits)
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

# Sessions, cookies and headers.
HTTPS = _flag("PRONGSAI_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "prongsai_session"
CSRF_COOKIE_NAME = "prongsai_csrf"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_SSL_REDIRECT = _flag("PRONGSAI_SSL_REDIRECT", False)
if _flag("PRONGSAI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads: result files are small; anything larger is refused before it is read.
UPLOAD_MAX_BYTES = int(os.environ.get("PRONGSAI_UPLOAD_MAX_BYTES", str(2 * 1024 * 1024)))
UPLOAD_EXTENSIONS = (".csv", ".xlsx")

# The OIT board's link-check button fetches within the request: seconds per link, links at a time, and a hard bound
# on the whole run, far below `prongsai serve`'s 120 s worker timeout (links not reached are checked first next time).
OIT_LINK_TIMEOUT = float(os.environ.get("PRONGSAI_OIT_LINK_TIMEOUT", "5"))
OIT_LINK_CONCURRENCY = int(os.environ.get("PRONGSAI_OIT_LINK_CONCURRENCY", "4"))
OIT_LINK_BUDGET = float(os.environ.get("PRONGSAI_OIT_LINK_BUDGET", "20"))
# The link checker never opens internal addresses (docs/security.md, "ตัวตรวจลิงก์"), except these intranet host
# names (`host` or `host:port`, comma separated); LINKCHECK_PORTS adds ports to 80 and 443 for every host.
LINKCHECK_ALLOW_HOSTS = [h for h in os.environ.get("PRONGSAI_LINKCHECK_ALLOW_HOSTS", "").replace(",", " ").split()]
LINKCHECK_PORTS = [int(p) for p in os.environ.get("PRONGSAI_LINKCHECK_PORTS", "").replace(",", " ").split()]
# Evidence files of plan progress (PDF, DOCX, XLSX, JPG, PNG, checked by content) are stored under MEDIA_ROOT and
# served only through a permission-checked view: there is no MEDIA_URL, nothing under it is public.
EVIDENCE_MAX_BYTES = int(os.environ.get("PRONGSAI_EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))
MEDIA_ROOT = Path(os.environ.get("PRONGSAI_MEDIA_ROOT", DATA_DIR / "media")).resolve()
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# Stored files and the folders made for them are for the system's own user only (docs/security.md).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 512 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# E-mail (the daily digest of `send_digest`): printed to the console unless a backend is set. PRONGSAI_EMAIL_BACKEND
# takes `console`, `smtp`, `file` (one file per message under PRONGSAI_DATA_DIR/mail) or a backend's dotted path.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
_email_backend = os.environ.get("PRONGSAI_EMAIL_BACKEND", "").strip() or "console"
EMAIL_BACKEND = EMAIL_BACKENDS.get(_email_backend, _email_backend)
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_HOST = os.environ.get("PRONGSAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PRONGSAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PRONGSAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PRONGSAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("PRONGSAI_EMAIL_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = _flag("PRONGSAI_EMAIL_SSL", False)  # TLS from the start, usually port 465
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("PRONGSAI_EMAIL_FROM", "ระบบโปร่งใส <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open the system at, for the links in e-mails (no trailing slash needed).
# Answers one survey round accepts in a minute before refusing for the rest of it: a flood stopper, far above any
# real survey (docs/survey.md).
PRONGSAI_SURVEY_RATE_PER_MINUTE = int(os.environ.get("PRONGSAI_SURVEY_RATE_PER_MINUTE", "600"))
PRONGSAI_BASE_URL = os.environ.get("PRONGSAI_BASE_URL", "http://127.0.0.1:8000").strip().rstrip("/")

# Django's cache framework: the survey rate limit (`default`) and what is computed from results (`results`, see
# core/cache.py; every key carries the results version, so no entry outlives a change). Each process keeps its own
# memory cache unless PRONGSAI_CACHE_BACKEND names a shared one for several workers (docs/decisions.md), e.g.
# django.core.cache.backends.redis.RedisCache with PRONGSAI_CACHE_LOCATION=redis://127.0.0.1:6379/1.
_cache_backend = os.environ.get("PRONGSAI_CACHE_BACKEND", "").strip()
_cache_location = os.environ.get("PRONGSAI_CACHE_LOCATION", "").strip()
CACHES: dict[str, dict[str, object]] = {}
for _name in ("default", "results"):
    if _cache_backend:
        CACHES[_name] = {"BACKEND": _cache_backend, "LOCATION": _cache_location, "KEY_PREFIX": f"prongsai-{_name}"}
    else:
        CACHES[_name] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"prongsai-{_name}"}
        if _name == "results":  # pages of tens of KiB: a few hundred, least recently used out first
            CACHES[_name]["OPTIONS"] = {"MAX_ENTRIES": 512}
CACHES["results"]["TIMEOUT"] = 3600  # entries are never stale (versioned keys); the timeout only frees memory

LANGUAGE_CODE = "th"
# Formal Thai for the form and password messages Django does not translate (web/locale/th, ahead of Django's own).
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("PRONGSAI_STATIC_ROOT") or None  # only for `collectstatic` behind a web server
# Static files (CSS, JS, fonts) are served by the application itself through WhiteNoise, straight from the
# package: no CDN and no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

# Refused requests (4xx) are logged as one line without a traceback (core/logs.py): on the request loggers, and on
# the handler for the django.security.* loggers below them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refused": {"()": "prongsai.web.core.logs.RefusedWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refused"]}},
    "loggers": {"django.request": {"filters": ["refused"]}, "django.security": {"filters": ["refused"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("PRONGSAI_LOG_LEVEL", "WARNING")},
}
