"""Amparo settings. Everything that differs between machines comes from the environment.

Development defaults are safe to run locally (SQLite under var/). Production sets
DJANGO_ENV=production, which turns on HTTPS-only cookies, HSTS and refuses the
development secret key.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from amparo.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("AMPARO_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_str("DJANGO_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)

_DEV_SECRET = "amparo-development-only-secret-key-do-not-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise RuntimeError("DJANGO_SECRET_KEY must be set to a long random value in production")

# The CIAM's number, offered by the alert button when the network fails (domain.md §6).
CIAM_PHONE = env_str("AMPARO_CIAM_PHONE", "+15206237874")
# Where the public pages are reached from outside (links in messages to families).
PUBLIC_URL = env_str("AMPARO_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "amparo.core",
    "amparo.network",
    "amparo.accounts",
    "amparo.audit",
    "amparo.people",
    "amparo.cases",
    "amparo.notifications",
    "amparo.hotline",
    "amparo.guidance",
    "amparo.outreach",
    "amparo.support",
    "amparo.detention",
    "amparo.legal",
    "amparo.alerts",
    "amparo.dashboard",
    "amparo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "amparo.core.middleware.NoStoreMiddleware",
    "amparo.audit.origin.RequestOriginMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "amparo.accounts.sessions.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "amparo.accounts.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amparo.accounts.context_processors.actor",
                "amparo.dashboard.context_processors.navigation",
                "amparo.core.context_processors.languages",
            ],
        },
    },
]

# Forms render through Jinja2 (see amparo/core/forms.py); pages stay Django templates.
FORM_RENDERER = "amparo.core.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; production uses PostgreSQL through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'amparo.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE lets the web server and the task worker share the file without
    # "database is locked" errors on concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks -------------------------------------------------------------------------
# The database backend enqueues a job in the same transaction as the data it concerns.
TASKS = {
    "default": {
        "BACKEND": env_str("AMPARO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "notifications"],
    }
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock an account (and the address it came from) after repeated failures, for an hour.
AXES_FAILURE_LIMIT = env_int("AMPARO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Failures from one address across every account and browser (password spraying). Higher
# than the per-account limit because a consulate's staff share one public address.
AMPARO_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("AMPARO_LOGIN_ADDRESS_FAILURE_LIMIT", 10)

OTP_TOTP_ISSUER = "Amparo SRE"

# Sessions end after 15 idle minutes: a request pushes the expiry forward when the last
# push is a minute old or more (amparo.accounts.sessions), not on every request.
SESSION_COOKIE_AGE = env_int("AMPARO_SESSION_IDLE_SECONDS", 15 * 60)
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up if it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files live outside the web root and are served only through audited views.
MEDIA_ROOT = Path(env_str("AMPARO_PRIVATE_MEDIA_DIR", str(VAR_DIR / "private")))

# --- Security ---------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Outgoing mail and SMS -------------------------------------------------------------------
# Development prints mail to the console; production sends through SMTP.
_SMTP_OPTIONS = {
    "host": env_str("AMPARO_SMTP_HOST", "localhost"),
    "port": env_int("AMPARO_SMTP_PORT", 587),
    "username": env_str("AMPARO_SMTP_USER"),
    "password": env_str("AMPARO_SMTP_PASSWORD"),
    "use_tls": env_bool("AMPARO_SMTP_TLS", True),
    "timeout": 10,
}
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": _SMTP_OPTIONS}
        if env_bool("AMPARO_SMTP", PRODUCTION)
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env_str("AMPARO_FROM_EMAIL", "Amparo <no-responder@amparo.example>")
# Dotted path of the SMS provider class; empty = the local outbox (development/demo only).
AMPARO_SMS_PROVIDER = env_str("AMPARO_SMS_PROVIDER", "")
# Web Push (VAPID, RFC 8292). The private key is a PEM; without one, development derives a
# key from SECRET_KEY and production sends no push. Apple refuses a subject that is not a
# real mailto: or https: address.
AMPARO_VAPID_PRIVATE_KEY = env_str("AMPARO_VAPID_PRIVATE_KEY", "")
AMPARO_VAPID_SUBJECT = env_str("AMPARO_VAPID_SUBJECT", "mailto:proteccion@amparo.example")
# The only hosts push messages are posted to: a subscription naming another host is refused,
# so nobody can make the server send requests wherever they like.
AMPARO_PUSH_SERVICE_HOSTS = env_list("AMPARO_PUSH_SERVICE_HOSTS", [
    "fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com",
    "*.notify.windows.com", "*.push.apple.com",
])  # fmt: skip

# --- Logging: never personal values, only ids and outcomes ------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("AMPARO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO (the printable case file).
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "amparo.core.api_types.LimitOffset"
AUTH_USER_MODEL = "accounts.User"
