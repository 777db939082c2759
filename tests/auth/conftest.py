"""Fixtures for the sign-in, registration and two-step tests.

Rate limits stay on here (they are part of what is tested); tests/conftest.py empties the
limiter before every test so one test's attempts never count against the next.
"""

import pytest
from sqlalchemy import select

from portal.models.audit import AuditEvent
from tests.factories import make_region


@pytest.fixture
def client(app, db):
    """The test client, reading pages in English so tests can use the msgids."""
    client = app.test_client()
    client.environ_base['HTTP_ACCEPT_LANGUAGE'] = 'en'
    return client


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal', municipalities=2)


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
