"""Fixtures for the administration tests (the My account tests use them too)."""

import re

import pytest

CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]* value="([^"]+)"')


@pytest.fixture
def request_context(app, db):
    """Operations build links for mail with url_for, as they do during a request."""
    with app.test_request_context():
        yield


@pytest.fixture
def post(client):
    """`post(url, data)` submits a form as a browser does: with the CSRF token of a page the user has open."""
    def send(url: str, data: dict | None = None, **kwargs):
        match = CSRF_TOKEN.search(client.get('/').text)
        token = match.group(1) if match else ''
        return client.post(url, data={**(data or {}), 'csrf_token': token}, **kwargs)
    return send
