"""Fixtures for the My account tests."""

import pytest

from tests.admin.conftest import post, request_context  # noqa: F401 (shared fixtures)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    """The limiter counts per user id, and ids repeat between tests on SQLite."""
    from portal.extensions import limiter

    with app.app_context():
        limiter.reset()
    return
