"""Forgot password and the reset link, as a visitor sees them."""

import pytest

from portal.blueprints.auth import operations_passwords
from portal.core.passwords import verify_password
from tests.auth.conftest import actions
from tests.factories import make_user

NEW_PASSWORD = 'een lange zin als wachtwoord'


def _reset_link(outbox) -> str:
    return '/wachtwoord-herstellen/' + outbox[-1].body_text.split('/wachtwoord-herstellen/')[1].split()[0]


def test_the_forgot_password_page_asks_for_an_address(client):
    page = client.get('/wachtwoord-vergeten').text
    assert '<h1 class="utrecht-heading-1">Forgot your password?</h1>' in page
    assert 'for="email"' in page


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_owner_mail(db, client, post, outbox):
    owner = make_user(db, email='bea@bakkerij.nl')
    known = post('/wachtwoord-vergeten', {'email': 'bea@bakkerij.nl'})
    unknown = post('/wachtwoord-vergeten', {'email': 'niemand@bakkerij.nl'})
    assert (known.status_code, known.location) == (unknown.status_code, unknown.location) == \
        (302, '/wachtwoord-vergeten/verstuurd')
    assert [(m.recipient, m.template) for m in outbox] == [(owner.email, 'auth/reset_password')]
    assert 'If this email address belongs to an account' in client.get(known.location).text


def test_a_bad_address_re_renders_the_form(client, post):
    response = post('/wachtwoord-vergeten', {'email': 'geen adres'})
    assert response.status_code == 200
    assert 'Fill in a valid email address' in response.text


def test_the_link_sets_a_new_password_once(db, client, post, outbox):
    user = make_user(db, email='bea@bakkerij.nl', verified=False)
    post('/wachtwoord-vergeten', {'email': user.email})
    link = _reset_link(outbox)
    page = client.get(link)
    assert page.status_code == 200
    assert 'Choose a new password' in page.text
    assert 'bea@bakkerij.nl' in page.text
    response = post(link, {'password': NEW_PASSWORD, 'password_repeat': NEW_PASSWORD})
    assert response.status_code == 302
    assert response.location == '/inloggen'
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert user.is_email_verified
    assert 'user.reset_password' in actions(db)
    assert outbox[-1].template == 'auth/password_changed'
    again = client.get(link)
    assert again.status_code == 400
    assert 'This link no longer works' in again.text
    assert 'href="/wachtwoord-vergeten"' in again.text


@pytest.mark.parametrize(('password', 'repeat', 'error'), [
    ('kort', 'kort', 'at least 12 characters'), (NEW_PASSWORD, 'iets anders', 'not the same'),
    ('bea@bakkerij.nl', 'bea@bakkerij.nl', 'may not be your email address'),
])
def test_a_bad_new_password_re_renders_with_the_error(db, app, client, post, password, repeat, error):
    user = make_user(db, email='bea@bakkerij.nl')
    with app.test_request_context():
        link = '/wachtwoord-herstellen/' + operations_passwords.reset_token(user)
    response = post(link, {'password': password, 'password_repeat': repeat})
    assert response.status_code == 200
    assert error in response.text
    assert actions(db) == []


def test_resetting_signs_out_this_and_every_other_session(db, app, client, login, post, outbox):
    user = login(make_user(db))
    with app.test_request_context():
        link = '/wachtwoord-herstellen/' + operations_passwords.reset_token(user)
    post(link, {'password': NEW_PASSWORD, 'password_repeat': NEW_PASSWORD})
    assert user.session_version == 2
    assert client.get('/inloggen').status_code == 200  # signed out


def test_a_welcome_link_asks_to_choose_a_first_password(db, app, client):
    user = make_user(db)
    with app.test_request_context():
        link = '/wachtwoord-herstellen/' + operations_passwords.reset_token(user, welcome=True)
    assert 'Choose your password' in client.get(link).text
