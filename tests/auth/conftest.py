"""Fixtures for the sign-in, registration and two-step tests.

Rate limits stay on here (they are part of what is tested); the limiter is emptied around
every test so one test's attempts never count against the next.
"""

import secrets

import pytest
from flask_login.utils import _create_identifier
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from portal.extensions import limiter
from portal.models.audit import AuditEvent
from tests.factories import make_region


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    with app.app_context():
        limiter.reset()
    yield
    with app.app_context():
        limiter.reset()


@pytest.fixture
def client(app, db):
    """The test client, reading pages in English so tests can use the msgids."""
    client = app.test_client()
    client.environ_base['HTTP_ACCEPT_LANGUAGE'] = 'en'
    return client


@pytest.fixture
def request_context(app, db):
    """Operations build links in mail with url_for(..., _external=True), which needs a request."""
    with app.test_request_context('/'):
        yield


@pytest.fixture
def login(client):
    """`login(user)` without the form, with the identifier strong session protection expects from the client."""
    def sign_in(user):
        with client.application.test_request_context(environ_base=client.environ_base):
            identifier = _create_identifier()
        with client.session_transaction() as session:
            session['_user_id'] = user.get_id()
            session['_fresh'] = True
            session['_id'] = identifier
        return user
    return sign_in


@pytest.fixture
def csrf_token(client):
    """A valid CSRF token for the client's session, made the way Flask-WTF makes them (CSRF stays on in tests)."""
    def token() -> str:
        with client.session_transaction() as session:
            raw = session.setdefault('csrf_token', secrets.token_hex(20))
        return URLSafeTimedSerializer(client.application.secret_key, salt='wtf-csrf-token').dumps(raw)
    return token


@pytest.fixture
def post(client, csrf_token):
    """`post(url, data)`: a form post with a valid CSRF token."""
    def send(url: str, data: dict | None = None, **kwargs):
        return client.post(url, data={**(data or {}), 'csrf_token': csrf_token()}, **kwargs)
    return send


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal', municipalities=2)


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
