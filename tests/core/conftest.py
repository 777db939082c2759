"""Fixtures for the foundation tests: extra app instances besides the session's `app`.

A test that needs its own routes or settings builds a fresh app with `make_app`; one that
needs the production settings uses `production_app`, which runs on its own SQLite file;
one that commits for real uses `isolated_app`, on an empty database of the run's kind.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db as _db
from tests.conftest import database_kind, skip_or_fail

#: long enough for ProductionConfig.validate()
PRODUCTION_SECRET_KEY = 'a-production-secret-that-is-long-enough-0123456789'


def _dispose(app: Flask) -> None:
    with app.app_context():
        _db.engine.dispose()


def _postgres_admin(url: str) -> sa.Engine:
    return sa.create_engine(make_url(url).set(database='postgres'), isolation_level='AUTOCOMMIT')


@contextmanager
def empty_database(tmp_path: Path, suffix: str) -> Iterator[str]:
    """The URL of a new, empty database of the same kind as this run's; dropped afterwards.

    On PostgreSQL it is the test database's name plus `_<suffix>`, created through the
    `postgres` maintenance database; on SQLite a new file.
    """
    if database_kind() != 'postgresql':
        yield f'sqlite:///{tmp_path / f"{suffix}.sqlite"}'
        return
    target = make_url(os.environ['TEST_DATABASE_URL'])
    fresh = target.set(database=f'{target.database}_{suffix}')
    admin = _postgres_admin(os.environ['TEST_DATABASE_URL'])
    try:
        with admin.connect() as conn:
            # a run that crashed may have left it behind
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{fresh.database}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{fresh.database}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        skip_or_fail(f'PostgreSQL is not reachable at {target.render_as_string()}: {exc.orig}')
    try:
        yield fresh.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{fresh.database}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def app_on_database(url: str, monkeypatch) -> Iterator[Flask]:
    """A testing app on the database at `url`; its connections are closed afterwards."""
    monkeypatch.setenv('TEST_DATABASE_URL', url)
    app = create_app('testing')
    try:
        yield app
    finally:
        _dispose(app)


@pytest.fixture
def make_app(app, database_url: str, monkeypatch) -> Iterator[Callable[..., Flask]]:
    """Build fresh testing apps on the suite's (already migrated) database.

    Routes may be added to the returned app before its first request; the session's `app`
    is never touched. Each request gets its own app context (unlike the session app's
    requests inside the `db` fixture, which share the fixture's context and so its `g`).
    """
    built: list[Flask] = []

    def build(**settings) -> Flask:
        monkeypatch.setenv('TEST_DATABASE_URL', database_url)
        fresh = create_app('testing')
        fresh.config.update(settings)
        built.append(fresh)
        return fresh

    yield build
    for fresh in built:
        _dispose(fresh)


@pytest.fixture
def production_app(monkeypatch, tmp_path) -> Iterator[Flask]:
    """The app under ProductionConfig, with its schema migrated into a temporary SQLite file."""
    for name in ('REDIS_URL', 'DEFAULT_REGION', 'PROXY_COUNT', 'TEST_DATABASE_URL'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('SECRET_KEY', PRODUCTION_SECRET_KEY)
    monkeypatch.setenv('DATABASE_URL', f'sqlite:///{tmp_path / "production.sqlite"}')
    app = create_app('production')
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    _dispose(app)


@pytest.fixture
def isolated_app(monkeypatch, tmp_path) -> Iterator[Flask]:
    """A migrated testing app on its own empty database, for tests whose code commits for real."""
    with empty_database(tmp_path, 'isolated') as url, app_on_database(url, monkeypatch) as app:
        with app.app_context():
            flask_migrate.upgrade()
        yield app
