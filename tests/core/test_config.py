"""Settings: production refuses to start without safe secrets, and says why in one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import DEVELOPMENT_SECRET_KEY, ConfigError, ProductionConfig, config_for, database_url

REPO_ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = 'x' * 32
GOOD_DATABASE = 'postgres://kk:pw@db.example/kansenkamer'


@pytest.fixture
def clean_env(monkeypatch):
    for name in ('SECRET_KEY', 'DATABASE_URL', 'PORTAL_ENV', 'PROXY_COUNT', 'REDIS_URL'):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def production_error(monkeypatch, **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        config_for('production')
    message = str(info.value)
    assert '\n' not in message, 'a ConfigError is one line, so it reads well in a deployment log'
    return message


def test_production_refuses_a_missing_secret_key(clean_env):
    assert 'SECRET_KEY' in production_error(clean_env, DATABASE_URL=GOOD_DATABASE)


def test_production_refuses_the_development_secret_key(clean_env):
    assert 'SECRET_KEY' in production_error(clean_env, SECRET_KEY=DEVELOPMENT_SECRET_KEY, DATABASE_URL=GOOD_DATABASE)


def test_production_refuses_a_short_secret_key(clean_env):
    message = production_error(clean_env, SECRET_KEY='x' * 31, DATABASE_URL=GOOD_DATABASE)
    assert 'SECRET_KEY' in message
    assert 'short' in message


def test_production_refuses_a_missing_database_url(clean_env):
    message = production_error(clean_env, SECRET_KEY=GOOD_SECRET)
    assert 'DATABASE_URL' in message
    assert 'SECRET_KEY' not in message


def test_production_starts_with_a_secret_key_and_database_url(clean_env):
    clean_env.setenv('SECRET_KEY', GOOD_SECRET)
    clean_env.setenv('DATABASE_URL', GOOD_DATABASE)
    settings = config_for('production')
    assert isinstance(settings, ProductionConfig)
    assert settings.SECRET_KEY == GOOD_SECRET
    assert settings.SQLALCHEMY_DATABASE_URI == 'postgresql+psycopg://kk:pw@db.example/kansenkamer'
    assert settings.HSTS is True
    assert settings.SEED_DEMO_ALLOWED is False
    assert settings.DEV_MAILBOX is False


def test_portal_env_chooses_the_settings(clean_env):
    clean_env.setenv('PORTAL_ENV', 'testing')
    assert config_for().TESTING is True


def test_an_unknown_portal_env_is_a_config_error(clean_env):
    clean_env.setenv('PORTAL_ENV', 'staging')
    with pytest.raises(ConfigError, match='PORTAL_ENV'):
        config_for()


def test_development_runs_without_any_secret(clean_env):
    settings = config_for('development')
    assert settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY
    assert settings.SQLALCHEMY_DATABASE_URI.startswith('sqlite:///')


@pytest.mark.parametrize(('given', 'expected'), [
    ('postgres://u:p@host:5432/kk', 'postgresql+psycopg://u:p@host:5432/kk'),
    ('postgresql://u:p@host/kk', 'postgresql+psycopg://u:p@host/kk'),
    ('postgresql+psycopg://u@host/kk', 'postgresql+psycopg://u@host/kk'),
    ('sqlite:////tmp/kk.sqlite', 'sqlite:////tmp/kk.sqlite'),
    ('', None),
    (None, None),
])
def test_database_url_uses_the_psycopg3_driver(given, expected):
    assert database_url(given) == expected


def _import_wsgi(**env: str) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items()
                   if name not in {'SECRET_KEY', 'DATABASE_URL', 'PORTAL_ENV', 'PROXY_COUNT', 'FLASK_APP'}}
    environment.update(env)
    return subprocess.run([sys.executable, '-c', 'import wsgi'], cwd=REPO_ROOT, env=environment,
                          capture_output=True, text=True, timeout=60, check=False)


def test_wsgi_exits_with_one_clear_line_without_a_secret_key():
    result = _import_wsgi(PORTAL_ENV='production', DATABASE_URL=GOOD_DATABASE)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines, 'wsgi must say why it does not start'
    assert 'SECRET_KEY' in lines[-1]
    assert lines[-1].startswith('Kansenkamer cannot start')
    assert 'Traceback' not in result.stderr


def test_wsgi_names_a_missing_database_url():
    result = _import_wsgi(PORTAL_ENV='production', SECRET_KEY=GOOD_SECRET)
    assert result.returncode == 1
    assert 'DATABASE_URL' in result.stderr.strip().splitlines()[-1]


def test_wsgi_starts_with_production_settings(tmp_path):
    result = _import_wsgi(PORTAL_ENV='production', SECRET_KEY=GOOD_SECRET,
                          DATABASE_URL=f'sqlite:///{tmp_path / "kk.sqlite"}')
    assert result.returncode == 0, result.stderr
