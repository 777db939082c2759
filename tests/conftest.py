"""Fixtures for the whole suite.

The database is the one TEST_DATABASE_URL names (PostgreSQL in the second pass of
`make test`), else a fresh SQLite file. Its schema is built by the Alembic migrations, as in
production; each test then runs inside a transaction that is rolled back.
"""

import os
from collections.abc import Iterator

import flask_migrate
import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from portal import create_app
from portal.extensions import db as _db
from portal.models.outbox import OutboxMessage


def skip_or_fail(reason: str) -> None:
    """Skip with a visible reason on a developer's machine; in CI a missing service is a failure."""
    if os.environ.get('CI', '').lower() in {'1', 'true', 'yes'}:
        pytest.fail(f'{reason} (CI must run these tests, not skip them)', pytrace=False)
    pytest.skip(reason)


def database_kind() -> str:
    url = os.environ.get('TEST_DATABASE_URL', '')
    return 'postgresql' if url.startswith('postgres') else 'sqlite'


def _prepare_postgres(url: str) -> None:
    """Create the test database if needed and empty it, so the migrations start from nothing."""
    target = make_url(url)
    admin = sa.create_engine(target.set(database='postgres'), isolation_level='AUTOCOMMIT')
    try:
        with admin.connect() as conn:
            exists = conn.scalar(sa.text('SELECT 1 FROM pg_database WHERE datname = :name'),
                                 {'name': target.database})
            if not exists:
                conn.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    except sa.exc.OperationalError as exc:
        skip_or_fail(f'PostgreSQL is not reachable at {target.render_as_string()}: {exc.orig}')
    finally:
        admin.dispose()
    engine = sa.create_engine(target)
    with engine.begin() as conn:
        conn.execute(sa.text('DROP SCHEMA public CASCADE'))
        conn.execute(sa.text('CREATE SCHEMA public'))
    engine.dispose()


@pytest.fixture(scope='session')
def database_url(tmp_path_factory) -> str:
    url = os.environ.get('TEST_DATABASE_URL')
    if url and url.startswith('postgres'):
        _prepare_postgres(url)
        return url
    return f'sqlite:///{tmp_path_factory.mktemp("db") / "test.sqlite"}'


@pytest.fixture(scope='session')
def app(database_url: str):
    previous = os.environ.get('TEST_DATABASE_URL')
    os.environ['TEST_DATABASE_URL'] = database_url
    try:
        app = create_app('testing')
    finally:
        if previous is None:
            os.environ.pop('TEST_DATABASE_URL')
        else:
            os.environ['TEST_DATABASE_URL'] = previous
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app) -> Iterator:
    """The database inside a transaction that is rolled back after the test.

    Code under test may commit: with create_savepoint its commits end a SAVEPOINT, and the
    outer transaction still undoes everything.
    """
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        _db.session = _db._make_scoped_session({'bind': connection, 'join_transaction_mode': 'create_savepoint'})
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def outbox() -> list[OutboxMessage]:
    """Mail queued during the test. Asking for it tells the mail guard this test expects mail."""
    return _queued


_queued: list[OutboxMessage] = []


@event.listens_for(Session, 'after_flush')
def _collect_queued_mail(session, flush_context) -> None:
    _queued.extend(obj for obj in session.new if isinstance(obj, OutboxMessage))


@pytest.fixture(autouse=True)
def mail_guard(request):
    """Fail a test that queues mail without saying it expects mail (by using the `outbox` fixture)."""
    _queued.clear()
    yield
    if _queued and 'outbox' not in request.fixturenames:
        templates = ', '.join(sorted({message.template for message in _queued}))
        _queued.clear()
        pytest.fail(f'test queued mail it did not expect ({templates}); use the outbox fixture to assert on it')
    _queued.clear()
