"""Rate limits on sign-in, registration and reset requests: per address of the visitor and per account."""

import pytest

from portal.extensions import limiter


@pytest.fixture
def limits(app, monkeypatch):
    """Small limits, so a test reaches them in a few requests."""
    def set_limits(**values):
        for name, value in values.items():
            monkeypatch.setitem(app.config, name, value)
    return set_limits


def test_the_limiter_is_on_in_these_tests(app):
    assert app.config['RATELIMIT_ENABLED'] is True
    assert limiter.enabled


def test_sign_in_is_limited_per_ip_with_a_clear_page(db, client, post, limits):
    limits(RATELIMIT_SIGN_IN='3 per minute', RATELIMIT_SIGN_IN_ACCOUNT='100 per hour')
    for n in range(3):
        assert post('/inloggen', {'email': f'iemand{n}@example.nl', 'password': 'x'}).status_code == 200
    response = post('/inloggen', {'email': 'nog-iemand@example.nl', 'password': 'x'})
    assert response.status_code == 429
    assert 'Too many attempts' in response.text
    assert '<h1' in response.text
    assert client.get('/inloggen').status_code == 200  # only the POST is limited


def test_sign_in_is_limited_per_account_from_any_address(db, client, post, limits):
    limits(RATELIMIT_SIGN_IN='100 per minute', RATELIMIT_SIGN_IN_ACCOUNT='2 per hour')
    for ip in ('10.0.0.1', '10.0.0.2'):
        assert post('/inloggen', {'email': 'doel@example.nl', 'password': 'x'},
                    environ_base={'REMOTE_ADDR': ip}).status_code == 200
    assert post('/inloggen', {'email': ' DOEL@example.nl', 'password': 'x'},
                environ_base={'REMOTE_ADDR': '10.0.0.3'}).status_code == 429
    assert post('/inloggen', {'email': 'ander@example.nl', 'password': 'x'},
                environ_base={'REMOTE_ADDR': '10.0.0.3'}).status_code == 200


def test_registration_is_limited(db, client, post, limits):
    limits(RATELIMIT_REGISTER='2 per hour')
    for _ in range(2):
        assert post('/registreren', {'email': 'x'}).status_code == 200
    assert post('/registreren', {'email': 'y'}).status_code == 429


def test_reset_requests_are_limited_per_account(db, client, post, limits):
    limits(RATELIMIT_RESET='100 per hour', RATELIMIT_RESET_ACCOUNT='2 per hour')
    for _ in range(2):
        assert post('/wachtwoord-vergeten', {'email': 'niemand@example.nl'}).status_code == 302
    assert post('/wachtwoord-vergeten', {'email': 'niemand@example.nl'}).status_code == 429
    assert post('/wachtwoord-vergeten', {'email': 'ander@example.nl'}).status_code == 302


def test_the_default_limits_hold_too(db, app, client, post):
    """The configured default for sign-in per address: the next attempt after it is refused."""
    per_minute = int(app.config['RATELIMIT_SIGN_IN'].split(' per minute')[0])
    for n in range(per_minute):
        assert post('/inloggen', {'email': f'iemand{n}@example.nl', 'password': 'x'}).status_code == 200
    assert post('/inloggen', {'email': 'laatste@example.nl', 'password': 'x'}).status_code == 429
