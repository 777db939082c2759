"""Fixtures for the whole suite.

The database is the one TEST_DATABASE_URL names (PostgreSQL in the second pass of
`make test`), else a fresh SQLite file. Its schema is built by the Alembic migrations, as in
production; each test then runs inside a transaction that is rolled back.
"""

import os
import secrets
from collections.abc import Iterator

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import g, request_started
from flask_login.utils import _create_identifier
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from portal import create_app
from portal.extensions import db as _db
from portal.extensions import limiter
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
    # The `db` fixture keeps one app context open for the whole test, and Flask reuses it for
    # the test client's requests; give each request a fresh `g` as in production, so the
    # signed-in user, the language and the region are worked out anew for every request.
    request_started.connect(_fresh_request_globals, app)
    yield app
    with app.app_context():
        _db.engine.dispose()


def _fresh_request_globals(sender, **extra) -> None:
    g.__dict__.clear()


class _ConnectionBoundSession(FlaskSQLAlchemySession):
    """Flask-SQLAlchemy's Session, but on the connection it was given.

    Flask-SQLAlchemy 3 picks the app's engine in get_bind() and ignores the session's `bind`
    (pallets-eco/flask-sqlalchemy#1167), so without this every commit in a test was real.
    """

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind if bind is not None else self.bind


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
        _db.session = _db._make_scoped_session({'bind': connection, 'join_transaction_mode': 'create_savepoint',
                                                'class_': _ConnectionBoundSession})
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


# --- SMTP: a real server on loopback for the tests that send, and a guard for all the others ------------
# Flask-Mail copies the MAIL_* settings into app.extensions['mail'] at init_app, and under TESTING it
# suppresses sending altogether; `smtp_server` therefore points that state (not only app.config) at its
# own aiosmtpd and turns suppression off, and monkeypatch restores both after the test.

import email  # noqa: E402
import email.message  # noqa: E402
import email.policy  # noqa: E402
import smtplib  # noqa: E402
import socket  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402
from flask_mail import email_dispatched  # noqa: E402


@dataclass
class ReceivedMail:
    """One message as the SMTP server received it."""

    sender: str
    recipients: list[str]
    message: email.message.EmailMessage

    def text(self) -> str:
        """The plain-text part, decoded."""
        return self.message.get_body(preferencelist=('plain',)).get_content()


class _Collector:
    """aiosmtpd handler that keeps every envelope it accepts."""

    def __init__(self) -> None:
        self.received: list[ReceivedMail] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.refused:
            return '550 5.1.1 No such mailbox here'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope) -> str:
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.received.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return '250 Message accepted for delivery'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class SMTPServer:
    """An aiosmtpd server on 127.0.0.1 that a test can stop and start again on the same port."""

    host = '127.0.0.1'

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = _Collector()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[ReceivedMail]:
        return self.handler.received

    def refuse(self, address: str) -> None:
        """Answer RCPT TO for `address` with 550, as a server does for a mailbox that does not exist."""
        self.handler.refused.add(address)

    @property
    def is_running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        # A stopped Controller has closed its event loop, so every start gets a new one.
        self._controller = Controller(self.handler, hostname=self.host, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(app, monkeypatch) -> Iterator[SMTPServer]:
    """A running SMTP server that the app sends to; `.received` holds what arrived, `.stop()`/`.start()`."""
    server = SMTPServer()
    server.start()
    state = app.extensions['mail']
    monkeypatch.setattr(state, 'server', server.host)
    monkeypatch.setattr(state, 'port', server.port)
    monkeypatch.setattr(state, 'suppress', False)
    monkeypatch.setitem(app.config, 'MAIL_SERVER', server.host)
    monkeypatch.setitem(app.config, 'MAIL_PORT', server.port)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def smtp_guard(request, monkeypatch):
    """Fail a test that sends mail (opens an SMTP connection, or hands a message to Flask-Mail, which
    under TESTING would silently drop it) unless it uses the `smtp_server` fixture.

    The connection is refused as if the server were down, so the code under test takes its normal
    error path, and the test fails at teardown with what it tried to reach.
    """
    if 'smtp_server' in request.fixturenames:
        yield
        return
    attempts: list[str] = []

    def refuse(self, host='localhost', port=0, source_address=None):
        attempts.append(f'an SMTP connection to {host}:{port}')
        raise ConnectionRefusedError(f'SMTP is off limits in this test (it does not use smtp_server): {host}:{port}')

    def dispatched(app, message) -> None:
        attempts.append(f'Flask-Mail sending {message.subject!r} to {", ".join(message.recipients)}')

    monkeypatch.setattr(smtplib.SMTP, 'connect', refuse)
    with email_dispatched.connected_to(dispatched):
        yield
    if attempts:
        pytest.fail('test sent mail it did not expect (' + '; '.join(attempts) + '); use the smtp_server fixture',
                    pytrace=False)


# Signing in -------------------------------------------------------------------------------

@pytest.fixture
def login(client):
    """`login(user)` signs `user` in on the test client without the sign-in form (which has its own tests)."""
    def sign_in(user):
        # strong session protection compares this with the client's own address and user agent
        with client.application.test_request_context(environ_base=client.environ_base):
            identifier = _create_identifier()
        with client.session_transaction() as session:
            session['_user_id'] = user.get_id()
            session['_fresh'] = True
            session['_id'] = identifier
        return user
    return sign_in


# Forms and links --------------------------------------------------------------------------

@pytest.fixture
def csrf_token(client):
    """A valid CSRF token for the client's session, made as Flask-WTF makes them (CSRF stays on in tests)."""
    def token() -> str:
        with client.session_transaction() as session:
            raw = session.setdefault('csrf_token', secrets.token_hex(20))
        return URLSafeTimedSerializer(client.application.secret_key, salt='wtf-csrf-token').dumps(raw)
    return token


@pytest.fixture
def post(client, csrf_token):
    """`post(url, data)` submits a form as a browser does, with a valid CSRF token."""
    def send(url: str, data: dict | None = None, **kwargs):
        return client.post(url, data={**(data or {}), 'csrf_token': csrf_token()}, **kwargs)
    return send


@pytest.fixture
def request_context(app, db):
    """Operations build links in mail with url_for(..., _external=True), which needs a request."""
    with app.test_request_context('/'):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    """Rate limits count per address and per account, and ids repeat between tests: start each test afresh."""
    with app.app_context():
        limiter.reset()
