"""Settings for Kompetenshandboken, read from the environment.

One file for every environment. Development defaults are safe to run locally; with DEBUG off the
process refuses to start unless a real secret key and allowed hosts are given.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Only used when DEBUG is on; production must provide DJANGO_SECRET_KEY.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment; anything but a known word is an error, not a guess."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from exc


DEBUG = env_bool("DJANGO_DEBUG", False)
# Production as the environment says it. Not the same as settings.DEBUG at run time: pytest-django
# turns DEBUG off for every test, this stays. What must never run on a real site (seed_demo)
# checks this.
PRODUCTION = not DEBUG

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

if DEBUG:
    SECRET_KEY = SECRET_KEY or _DEV_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if (
        len(SECRET_KEY) < 50
        or SECRET_KEY == _DEV_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when "
            'DJANGO_DEBUG is off. Generate one with: python -c "import secrets; '
            'print(secrets.token_urlsafe(64))" (for local development set DJANGO_DEBUG=1 instead).'
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must list the host names the site is served on "
            "(comma separated) when DJANGO_DEBUG is off."
        )

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The site's name in account mails; the sites framework's row takes it and SITE_URL's host and
# port after every migrate (core/sites.py).
SITE_NAME = "Kompetenshandboken"
# Shown in the accessibility statement: where readers report barriers.
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
    "ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@kompetenshandboken.example"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "markdownx",
    # django_tasks_db under a Swedish name in the admin.
    "core.apps.TasksDatabaseConfig",
    "core",
    "accounts",
    "methods",
    "companies",
    "trainers",
    "material",
    "content",
    # The open read API (/api/v1/, django-ninja): reads methods and companies, above both.
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzip for anonymous HTML (core/compression.py). Below whitenoise, which answers static
    # files precompressed before this is reached; above everything that writes the body.
    "core.compression.HtmlGZipMiddleware",
    # Page-cache hits for anonymous readers, answered before the session and everything below
    # (core/pagecache.py says what it does in their place).
    "core.pagecache.ServeCachedPages",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before any view, form or admin filter; after CSP, session and locale, so its 400 page has
    # the visitor's language and a nonce matching the CSP header.
    "core.middleware.RejectNulMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After AccountMiddleware: it opens the allauth request context the MFA pages use.
    "accounts.middleware.StaffMFARequiredMiddleware",
    # Last, so its process_exception sees a view's database errors first.
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "handbook_site.urls"
WSGI_APPLICATION = "handbook_site.wsgi.application"
ASGI_APPLICATION = "handbook_site.asgi.application"

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
                "methods.context_processors.site",
            ],
            # Django's i18n tags, with a literal {% translate %} translated once per language
            # (core/templatetags/i18n_constant.py).
            "libraries": {"i18n": "core.templatetags.i18n_constant"},
            # Django's {% url %} with the address remembered per process (core.reversing).
            "builtins": ["core.templatetags.url_memo"],
        },
    },
]
# The name "i18n" above is taken on purpose, which Django's check warns of (templates.W003);
# tests/test_i18n_constant.py checks that no other library name is taken twice.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Database: a SQLite file in the project by default, PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # Django's, keeping the query planner's statistics as the data grows (PRAGMA optimize).
    DATABASES["default"]["ENGINE"] = "core.dbbackends.sqlite3"
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    # Django's, with prepared statements for the queries run on nearly every request
    # (core.compiled); DATABASE_PREPARED_STATEMENTS=0 behind a PgBouncer that cannot keep them.
    DATABASES["default"]["ENGINE"] = "core.dbbackends.postgresql"
    # Fail fast when PostgreSQL is unreachable: the request gets the 503 page within seconds
    # (core.middleware.DatabaseUnavailableMiddleware) instead of hanging a worker.
    # With CONN_MAX_AGE and health checks Django opens a new connection by itself once the
    # database is back, without restarting the app server.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# allauth's backend (sign-in by e-mail address) as accounts.backends extends it: the session's
# user and what nearly every page asks about them in one query. First: force_login and allauth's
# login store it in the session. Django's own stays for the admin's login form.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "methods:home"

# django-allauth: e-mail is the login, verified before the account can be used.
SITE_ID = 1
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kompetenshandboken] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# Failed logins count per account and client address (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth's own rate limits ("amount/period/per", per = ip, key or user; several separated by
# commas). Over a limit allauth shows templates/429.html; too many failed logins show an error
# on the login form instead. Counted in Django's cache (see RATELIMIT_ENABLED below). Each value
# can be replaced through the environment, e.g. ACCOUNT_RATE_LIMIT_LOGIN_FAILED="5/m/ip,3/5m/key".
_ACCOUNT_RATE_LIMIT_DEFAULTS = {
    # Every login POST, per IP address (an office behind one address still has room).
    "login": "30/m/ip",
    # Failed logins: per IP address, and per account from one address (key = the e-mail address
    # typed and the client's address, accounts/adapter.py), so an attacker who types wrong
    # passwords for someone else's address locks out only themselves. The same
    # limit counts wrong two-factor codes (allauth.mfa has no key of its own for them; its key is
    # the user), at login, at reauthentication and when activating TOTP: five wrong codes lock the
    # code form for five minutes, a correct code clears the count.
    "login_failed": "10/m/ip,5/5m/key",
    # Sign-ups per IP address.
    "signup": "5/m/ip,30/h/ip",
    # Password reset requests per IP address and per e-mail address.
    "reset_password": "5/m/ip,20/h/ip,3/15m/key",
    # The page the reset link opens, per IP address.
    "reset_password_from_key": "20/m/ip",
    # Re-sending the confirmation mail: once per three minutes per e-mail address.
    "confirm_email": "1/3m/key",
    # Signed-in users.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_RATE_LIMITS = {
    action: os.environ.get(f"ACCOUNT_RATE_LIMIT_{action.upper()}", "").strip() or default
    for action, default in _ACCOUNT_RATE_LIMIT_DEFAULTS.items()
}
for _action, _rates in ACCOUNT_RATE_LIMITS.items():
    if not re.fullmatch(r"\d+/\d*[smhd]/(ip|key|user)(,\s*\d+/\d*[smhd]/(ip|key|user))*", _rates):
        raise ImproperlyConfigured(
            f"ACCOUNT_RATE_LIMIT_{_action.upper()} must look like '10/m/ip,5/5m/key', "
            f"got {_rates!r}."
        )

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes for
# when the phone is lost. No WebAuthn (security keys, passkeys).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kompetenshandboken"
# Swedish error messages and code fields with the digit keyboard (accounts/mfa.py).
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_FORMS = {
    "activate_totp": "accounts.mfa.SiteActivateTOTPForm",
    "authenticate": "accounts.mfa.SiteAuthenticateForm",
    "reauthenticate": "accounts.mfa.SiteReauthenticateForm",
}
# Editors, staff and superusers must activate TOTP before they can use the site (see
# accounts/middleware.py). On by default in production; off by default with DEBUG on, so that
# `make run`'s demo editors and the test suite sign in with a password alone. Set
# MFA_REQUIRED_FOR_STAFF=0 to switch the requirement off in production, or =1 to try it locally.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", not DEBUG)

# Internationalisation: Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as "30 nov. 2026" in Swedish and "30 Nov 2026" in English (handbook_site/formats/).
FORMAT_MODULE_PATH = "handbook_site.formats"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# Static files: hashed and compressed by whitenoise, all served from this site (no CDN).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# With DEBUG off, uploaded images are normally served by the proxy or object storage. SERVE_MEDIA
# lets Django serve MEDIA_ROOT/uploads/ itself (images only, nosniff): for a small installation,
# or several app servers sharing one media folder without a proxy rule (docs/deploy.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    # The media backend is a setting so it can move to object storage without code changes.
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "core.staticfiles.RememberedStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# E-mail: an SMTP server when EMAIL_HOST is set. Without one, development prints mails to the
# console; production refuses to start, since the console backend would write password-reset and
# confirmation links into the log. EMAIL_DISABLED=1 runs production without mail on purpose:
# messages are dropped and only their recipients and subject are logged (core/mail.py).
EMAIL_DISABLED = env_bool("EMAIL_DISABLED", False)
if EMAIL_DISABLED:
    _mailer = {"BACKEND": "core.mail.DiscardingBackend"}
elif os.environ.get("EMAIL_HOST"):
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["EMAIL_HOST"],
            "port": env_int("EMAIL_PORT", 587),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }
elif DEBUG:
    # Django's console backend, printing headers and bodies decoded (core/mail.py).
    _mailer = {"BACKEND": "core.mail.ReadableConsoleBackend"}
else:
    raise ImproperlyConfigured(
        "EMAIL_HOST must name an SMTP server when DJANGO_DEBUG is off: without one, mails (with "
        "their password-reset links) would be printed to the log. To run without e-mail on "
        "purpose, set EMAIL_DISABLED=1: mails are then dropped, and only recipients and subjects "
        "are logged."
    )
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kompetenshandboken <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mail): Django's tasks framework. With the database backend a mail server
# that is down delays mail instead of losing it; `manage.py db_worker` runs the queue.
# Development and tests run tasks at once.
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if TASKS_BACKEND == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}

# markdownx: the live preview goes through the one sanitising renderer.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "core.rendering.render_markdown"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_MAX_SIZE = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# An uploaded file is read only as far as the view it is sent to accepts (core/upload_limits.py);
# past that it is dropped, not spooled to disk. Django's own handlers keep what is within it.
FILE_UPLOAD_HANDLERS = [
    "core.upload_limits.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"]
# Decoded size limits, checked on the image header before any pixel is decoded (core/uploads.py).
# A handbook image is shown at most about 1,600 px wide and printed on A4 at 300 dpi
# (2,480 x 3,508 px = 8.7 million pixels); a 12-megapixel phone photo (4,032 x 3,024) must go in
# as it is. 4,096 x 4,096 pixels and 48 MB of decoded pixels cover all of that; a larger JPEG is
# decoded at half or a quarter of its size instead, other formats are refused.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 4096 * 4096)
IMAGE_MAX_DECODED_BYTES = env_int("IMAGE_MAX_DECODED_BYTES", 48 * 1024 * 1024)

# Films (material/). An uploaded film is MP4 or WebM up to FILM_MAX_BYTES and must have Swedish
# captions (WebVTT) up to FILM_CAPTIONS_MAX_BYTES. A film on another site is shown only from
# these hosts (https), and its player is framed only on the pages that show one
# (core/csp.py); the last host is the demo's municipality.
FILM_MAX_BYTES = env_int("FILM_MAX_BYTES", 500 * 1024 * 1024)
FILM_CAPTIONS_MAX_BYTES = env_int("FILM_CAPTIONS_MAX_BYTES", 256 * 1024)
FILM_EXTERNAL_HOSTS = env_list(
    "FILM_EXTERNAL_HOSTS",
    "www.youtube.com,youtube.com,youtu.be,vimeo.com,player.vimeo.com,play.orebro.se",
)

# Files attached to a method (material/): PDF, DOCX or ODT by their bytes, at most
# ATTACHMENT_MAX_BYTES; a DOCX or ODT (a zip) may unpack to at most ATTACHMENT_MAX_DECODED_BYTES
# in at most ATTACHMENT_MAX_MEMBERS parts.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
ATTACHMENT_MAX_DECODED_BYTES = env_int("ATTACHMENT_MAX_DECODED_BYTES", 100 * 1024 * 1024)
ATTACHMENT_MAX_MEMBERS = env_int("ATTACHMENT_MAX_MEMBERS", 2000)

# Security headers. The CSP allows no inline script; templates use the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The language preference (set by /sprak/<code>/) is kept for a year, not only until the
# browser closes (Django's default): a reader who chose English should not have to choose again.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Cache: Redis when REDIS_URL is set (e.g. redis://127.0.0.1:6379/0), shared by every worker process
# and every app server. Without Redis, production uses the database cache (the table core_cache,
# created by `migrate`): also shared by every process and server, only slower. Development keeps
# Django's per-process local memory. The anonymous page cache, the facet counts and every rate limit
# (the site's own and allauth's: login, two-factor codes, uploads, search) count in this one cache,
# so a limit holds however many processes serve the site; a per-process cache would let N worker
# processes through N times the limit. Sessions stay in the database either way: they are shared
# already, and a Redis restart must not sign everyone out; with Redis they are also read through it
# (cached_db: written to both, read from Redis first), which saves every signed-in page its session
# query. With Redis the site version is kept there too, so a cached page costs no database query
# (core/siteversion.py): one Redis server (no read replicas in LOCATION), best without persistence
# (it is a cache: restarted from a snapshot, it could miss a later publish for up to
# core.siteversion.VERSION_RECHECK_SECONDS).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
SESSION_ENGINE = "core.sessions.db"  # Django's, the session read compiled once (core.sessions)
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix://, got {REDIS_URL!r}."
        )
    CACHES = {
        "default": {
            # Django's Redis backend, failing open: a Redis outage makes the site slower, not
            # broken (core/cache.py).
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is unreachable instead of holding the request.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            # Several sites (or a staging copy) may share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kompetenshandboken"),
        }
    }
    SESSION_ENGINE = "core.sessions.cached_db"
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "core_cache",  # core.models.CacheEntry
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kompetenshandboken"),
        }
    }

# Rate limits. Counted in the shared cache above (Redis or, in production, the database), so
# they hold across worker processes and app servers.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
# Behind our own proxy every request comes from the proxy's address: then take the client from
# the first X-Forwarded-For entry. Only when the proxy sets (not appends to) that header.
RATELIMIT_TRUST_FORWARDED_FOR = env_bool(
    "RATELIMIT_TRUST_FORWARDED_FOR", env_bool("DJANGO_BEHIND_TLS_PROXY", False)
)
# allauth reads the client address itself: the last entry, added by our one proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if RATELIMIT_TRUST_FORWARDED_FOR else 0
# The site's own limits: at most RATE requests per PERIOD seconds (0 = no limit).
# Searches (/sok/ and /metoder/?q=...) per IP address.
RATELIMIT_SEARCH = env_int("RATELIMIT_SEARCH", 60)
RATELIMIT_SEARCH_PERIOD = env_int("RATELIMIT_SEARCH_PERIOD", 60)
# Image uploads in the editor, per user.
RATELIMIT_UPLOAD = env_int("RATELIMIT_UPLOAD", 20)
RATELIMIT_UPLOAD_PERIOD = env_int("RATELIMIT_UPLOAD_PERIOD", 10 * 60)
# Invitations sent from a company's member page, per user.
RATELIMIT_INVITE = env_int("RATELIMIT_INVITE", 20)
RATELIMIT_INVITE_PERIOD = env_int("RATELIMIT_INVITE_PERIOD", 60 * 60)
# The read API (/api/v1/), per client address: a client syncing the whole handbook a page of
# 100 at a time stays well inside it.
RATELIMIT_API = env_int("RATELIMIT_API", 120)
RATELIMIT_API_PERIOD = env_int("RATELIMIT_API_PERIOD", 60)
# Messages to trainers through the portal (trainers/), per signed-in user.
RATELIMIT_TRAINER_CONTACT = env_int("RATELIMIT_TRAINER_CONTACT", 10)
RATELIMIT_TRAINER_CONTACT_PERIOD = env_int("RATELIMIT_TRAINER_CONTACT_PERIOD", 60 * 60)
# Questions and study-visit requests to other companies (each mails their admins), per user.
RATELIMIT_QUESTION = env_int("RATELIMIT_QUESTION", 10)
RATELIMIT_QUESTION_PERIOD = env_int("RATELIMIT_QUESTION_PERIOD", 60 * 60)

# Pagination of the method list.
METHODS_PER_PAGE = 20

# Reading pages rendered for anonymous visitors are kept this many seconds at most
# (core/pagecache.py); any content change retires them at once. The limit only bounds
# how old relative times ("3 dagar sedan") can get. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# Comments: at most this many per user in ten minutes (counted in the database, so it holds
# across app servers).
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", 5)
# Deleted methods and comments stay restorable this many days; `manage.py purge_recycle_bin`
# (run daily by cron) then deletes them for good.
RECYCLE_BIN_DAYS = env_int("RECYCLE_BIN_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
