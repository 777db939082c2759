"""Settings for Kansenkamer: one class per environment, every secret and URL from the environment."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / 'instance'

# Only ever used in development and tests; production refuses to start with it.
DEVELOPMENT_SECRET_KEY = 'dev-only-not-secret'  # noqa: S105


class ConfigError(RuntimeError):
    """A deployment setting is missing or unsafe; the message is one line that says which."""


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {'1', 'true', 'yes', 'on'}


def database_url(url: str | None) -> str | None:
    """Normalise a DATABASE_URL so plain `postgres://` URLs use the psycopg 3 driver."""
    if not url:
        return None
    for prefix in ('postgres://', 'postgresql://'):
        if url.startswith(prefix):
            return 'postgresql+psycopg://' + url[len(prefix):]
    return url


class Config:
    """Defaults shared by every environment; __init__ reads the environment when the app is created."""

    SQLALCHEMY_ENGINE_OPTIONS = {'pool_pre_ping': True}
    MAIL_TIMEOUT = 10
    # A message that keeps failing is retried with growing back-off, then marked failed.
    OUTBOX_MAX_ATTEMPTS = 8
    RATELIMIT_HEADERS_ENABLED = True

    BABEL_DEFAULT_LOCALE = 'nl'
    BABEL_DEFAULT_TIMEZONE = 'Europe/Amsterdam'
    LANGUAGES = ('nl', 'en')

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = 'Lax'
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = 'Lax'
    PREFERRED_URL_SCHEME = 'https'
    HSTS = False
    DEV_MAILBOX = False
    SEED_DEMO_ALLOWED = True
    DEFAULT_PROXY_COUNT = '0'
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # Staff and admins must set up two-step sign-in before any staff page (production only).
    REQUIRE_STAFF_TWO_STEP = False
    # Demo staff accounts may sign in without their second step (development only).
    DEMO_STAFF_SKIP_TWO_STEP = False
    # Sign-in protection: this many wrong passwords in a row lock the account for LOCKOUT_TIME.
    LOCKOUT_THRESHOLD = 5
    LOCKOUT_TIME = timedelta(minutes=15)
    # Flask-Limiter limits (per IP address, and per submitted email address).
    RATELIMIT_SIGN_IN = '10 per minute; 50 per hour'
    RATELIMIT_SIGN_IN_ACCOUNT = '20 per hour'
    RATELIMIT_REGISTER = '5 per hour; 20 per day'
    RATELIMIT_RESET = '5 per hour'
    RATELIMIT_RESET_ACCOUNT = '3 per hour'
    # Caseload: a candidate who left the caseload, or whose consent to be proposed was withdrawn and who
    # has no open proposal, is anonymised this many days later by `flask run-jobs` (outcome figures stay).
    CANDIDATE_ANONYMISE_AFTER = timedelta(days=90)
    # A proposal sent to an employer counts as waiting too long after this many days without an answer.
    PROPOSAL_ANSWER_WITHIN = timedelta(days=10)
    # The largest request the portal reads (a CSV import of candidates is the largest upload), in bytes.
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    # Monitoring never shows a group of fewer people than this.
    MONITORING_MIN_GROUP = 5
    # `flask run-jobs` reminds everyone registered this long before an activity starts.
    ACTIVITY_REMINDER_BEFORE = timedelta(hours=24)

    def __init__(self) -> None:
        env = os.environ
        self.SECRET_KEY = env.get('SECRET_KEY') or DEVELOPMENT_SECRET_KEY
        self.SQLALCHEMY_DATABASE_URI = (database_url(env.get('DATABASE_URL'))
                                        or f'sqlite:///{INSTANCE_DIR / "kansenkamer.sqlite"}')
        self.MAIL_SERVER = env.get('MAIL_SERVER', 'localhost')
        self.MAIL_PORT = int(env.get('MAIL_PORT', '25'))
        self.MAIL_USE_TLS = _bool('MAIL_USE_TLS')
        self.MAIL_USE_SSL = _bool('MAIL_USE_SSL')
        self.MAIL_USERNAME = env.get('MAIL_USERNAME')
        self.MAIL_PASSWORD = env.get('MAIL_PASSWORD')
        self.MAIL_DEFAULT_SENDER = env.get('MAIL_DEFAULT_SENDER', 'Kansenkamer <noreply@kansenkamer.localhost>')
        self.REDIS_URL = env.get('REDIS_URL')
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or 'memory://'
        # The region whose name and colours an anonymous visitor sees; the first region when unset.
        self.DEFAULT_REGION = env.get('DEFAULT_REGION')
        # How many reverse proxies stand in front of the app; their X-Forwarded-* headers are trusted.
        self.PROXY_COUNT = int(env.get('PROXY_COUNT', self.DEFAULT_PROXY_COUNT))
        # The portal's public address, for links in mail made outside a request (periodic jobs, the CLI).
        self.PORTAL_URL = env.get('PORTAL_URL')

    def validate(self) -> None:
        """Raise ConfigError when the settings are unsafe for this environment."""


class DevelopmentConfig(Config):
    DEBUG = False  # `flask run --debug` turns the debugger on explicitly
    DEMO_STAFF_SKIP_TWO_STEP = True
    # The development server speaks plain http on 127.0.0.1.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = 'http'
    DEV_MAILBOX = True


class TestingConfig(Config):
    TESTING = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = 'http'
    DEV_MAILBOX = True

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = 'testing-secret'  # noqa: S105
        self.SQLALCHEMY_DATABASE_URI = database_url(os.environ.get('TEST_DATABASE_URL')) or 'sqlite://'
        self.MAIL_SERVER = '127.0.0.1'
        self.MAIL_PORT = 1  # nothing listens there: a test that reaches SMTP starts its own server
        self.MAIL_USE_TLS = self.MAIL_USE_SSL = False
        self.RATELIMIT_STORAGE_URI = 'memory://'
        self.DEFAULT_REGION = None


class ProductionConfig(Config):
    HSTS = True
    REQUIRE_STAFF_TWO_STEP = True
    SEED_DEMO_ALLOWED = False
    DEFAULT_PROXY_COUNT = '1'  # gunicorn behind one reverse proxy that terminates TLS

    def validate(self) -> None:
        if self.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
            raise ConfigError('SECRET_KEY is missing or is the development default; set a long random SECRET_KEY.')
        if len(self.SECRET_KEY) < 32:
            raise ConfigError('SECRET_KEY is too short; use at least 32 random characters.')
        if not os.environ.get('DATABASE_URL'):
            raise ConfigError('DATABASE_URL is missing; production needs an explicit database (PostgreSQL).')


CONFIGS: dict[str, type[Config]] = {
    'development': DevelopmentConfig,
    'testing': TestingConfig,
    'production': ProductionConfig,
}


def config_for(name: str | None = None) -> Config:
    """The settings for `name`, or for PORTAL_ENV (default: development), read from the environment now."""
    name = name or os.environ.get('PORTAL_ENV', 'development')
    try:
        settings = CONFIGS[name]()
    except KeyError:
        raise ConfigError(f'PORTAL_ENV must be one of {", ".join(CONFIGS)}, not {name!r}.') from None
    settings.validate()
    return settings
