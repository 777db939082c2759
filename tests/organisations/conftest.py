"""Fixtures for the organisation tests (the staff tests import them too)."""

import secrets

import pytest
from itsdangerous import URLSafeTimedSerializer


@pytest.fixture
def request_context(app, db):
    """Operations build links in mail with url_for(..., _external=True), which needs a request."""
    with app.test_request_context('/'):
        yield


@pytest.fixture
def post(client):
    """`post(url, data)` submits a form as a browser does, with a valid CSRF token (CSRF stays on in tests)."""
    def send(url, data=None, **kwargs):
        with client.session_transaction() as session:
            raw = session.setdefault('csrf_token', secrets.token_hex(20))
        token = URLSafeTimedSerializer(client.application.secret_key, salt='wtf-csrf-token').dumps(raw)
        return client.post(url, data={**(data or {}), 'csrf_token': token}, **kwargs)
    return send
