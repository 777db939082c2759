"""My account pages: what each person sees, and every form with good and bad input."""

import json

import pytest
from flask_login.utils import _create_identifier
from sqlalchemy import select

from portal.core.passwords import verify_password
from portal.models.audit import AuditEvent
from tests.factories import (
    PASSWORD,
    add_member,
    make_admin,
    make_employer,
    make_organisation,
    make_staff,
    make_user,
)

NEW_PASSWORD = 'een nieuw en lang wachtwoord'
PAGES = ['/account/', '/account/gegevens', '/account/wachtwoord', '/account/e-mailadres', '/account/verwijderen']


def owner(db, **user_fields):
    user = make_user(db, **user_fields)
    make_organisation(db, owner=user, name='Bakkerij De Korrel')
    db.session.refresh(user)
    return user


def last_event(db, action: str) -> AuditEvent | None:
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))


@pytest.mark.parametrize('path', PAGES + ['/account/mijn-gegevens.json'])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith('/inloggen')


@pytest.mark.parametrize('make', [make_user, make_employer, make_staff, make_admin])
def test_every_signed_in_person_can_open_every_page(db, client, login, make):
    login(make(db))
    for path in PAGES:
        assert client.get(path).status_code == 200, path


def test_an_employer_sees_their_organisation_and_role_but_no_two_step(db, client, login):
    login(owner(db, locale='en', name='Olga Owner'))
    page = client.get('/account/').text
    assert 'Olga Owner' in page
    assert '(confirmed)' in page
    assert 'Bakkerij De Korrel: owner' in page
    assert 'Two-step sign-in' not in page
    assert 'href="/account/mijn-gegevens.json"' in page


def test_staff_see_their_region_and_are_asked_to_turn_on_two_step(db, client, login):
    staff = login(make_staff(db, kind='coordinator', locale='en'))
    page = client.get('/account/').text
    assert f'You are a coordinator in the region {staff.staff_role.region.name}.' in page
    assert 'Two-step sign-in is off.' in page
    assert 'href="/tweestaps/instellen"' in page


def test_admins_with_two_step_see_that_it_is_on(db, client, login):
    admin = make_admin(db, locale='en')
    admin.totp_secret, admin.totp_enabled_at = 'JBSWY3DPEHPK3PXP', admin.created_at
    login(admin)
    assert 'Two-step sign-in is on' in client.get('/account/').text


def test_an_unverified_user_can_have_the_link_sent_again(db, client, login, post, outbox):
    user = login(make_user(db, verified=False, locale='en'))
    assert '(not confirmed yet)' in client.get('/account/').text
    response = post('/account/bevestigingsmail', follow_redirects=True)
    assert f'We have sent the link again to {user.email}.' in response.text
    assert [(m.recipient, m.template) for m in outbox] == [(user.email, 'auth/verify_email')]


# Name and language -------------------------------------------------------------------------------

def test_change_name_and_language(db, client, login, post):
    user = login(make_user(db, name='Oud', locale='nl'))
    response = post('/account/gegevens', data={'name': 'Nieuw', 'locale': 'en'})
    assert response.status_code == 302
    assert response.location == '/account/'
    assert (user.name, user.locale) == ('Nieuw', 'en')
    assert 'lang=en;' in response.headers['Set-Cookie']
    page = client.get('/account/')
    assert '<html lang="en"' in page.text  # the user's setting wins from here on
    assert 'Your details have been saved.' in page.text  # the message speaks the new language too
    assert last_event(db, 'user.update_profile').actor_id == user.id


def test_an_empty_name_re_renders_with_the_error(db, client, login, post):
    user = login(make_user(db, name='Blijft', locale='en'))
    response = post('/account/gegevens', data={'name': '  ', 'locale': 'en'})
    assert response.status_code == 200
    assert 'Fill in your name.' in response.text
    assert 'aria-invalid="true"' in response.text
    assert user.name == 'Blijft'


# Password ----------------------------------------------------------------------------------------

def test_change_password_keeps_this_session_and_ends_the_others(app, db, client, login, post, outbox):
    user = login(make_user(db, locale='en'))
    other = app.test_client()
    with app.test_request_context(environ_base=other.environ_base):
        identifier = _create_identifier()
    with other.session_transaction() as session:
        session.update({'_user_id': user.get_id(), '_fresh': True, '_id': identifier})
    assert other.get('/account/').status_code == 200

    response = post('/account/wachtwoord', data={'current_password': PASSWORD, 'password': NEW_PASSWORD,
                                                 'password_repeat': NEW_PASSWORD})
    assert response.status_code == 302
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert client.get('/account/').status_code == 200
    assert other.get('/account/').status_code == 302
    assert [m.template for m in outbox] == ['account/password_changed']
    assert last_event(db, 'user.change_password').actor_id == user.id


@pytest.mark.parametrize(('data', 'message'), [
    ({'current_password': 'fout wachtwoord', 'password': NEW_PASSWORD, 'password_repeat': NEW_PASSWORD},
     'This is not your current password.'),
    ({'current_password': PASSWORD, 'password': 'kort', 'password_repeat': 'kort'}, 'Use at least 12 characters.'),
    ({'current_password': PASSWORD, 'password': NEW_PASSWORD, 'password_repeat': NEW_PASSWORD + 'x'},
     'The two passwords are not the same.'),
])
def test_a_bad_password_change_re_renders_with_the_error(db, client, login, post, data, message):
    user = login(make_user(db, locale='en'))
    response = post('/account/wachtwoord', data=data)
    assert response.status_code == 200
    assert message in response.text
    assert NEW_PASSWORD not in response.text  # passwords are never sent back
    assert verify_password(user.password_hash, PASSWORD)


# Email -------------------------------------------------------------------------------------------

def test_change_email_sends_a_link_and_changes_nothing_yet(db, client, login, post, outbox):
    user = login(make_user(db, email='oud@example.nl', locale='en'))
    response = post('/account/e-mailadres', data={'email': 'nieuw@example.nl', 'current_password': PASSWORD},
                    follow_redirects=True)
    assert 'We have sent a link to nieuw@example.nl.' in response.text
    assert user.email == 'oud@example.nl'
    assert [(m.recipient, m.template) for m in outbox] == [('nieuw@example.nl', 'auth/verify_email'),
                                                          ('oud@example.nl', 'account/email_change_requested')]


@pytest.mark.parametrize(('email', 'password', 'message'), [
    ('bezet@example.nl', PASSWORD, 'This email address cannot be used. Choose another one.'),
    ('eigen@example.nl', PASSWORD, 'This is already your email address.'),
    ('geen-adres', PASSWORD, 'Fill in a valid email address'),
    ('nieuw@example.nl', 'fout wachtwoord', 'This is not your current password.'),
])
def test_a_bad_email_change_re_renders_with_the_error(db, client, login, post, email, password, message):
    make_user(db, email='bezet@example.nl')
    login(make_user(db, email='eigen@example.nl', locale='en'))
    response = post('/account/e-mailadres', data={'email': email, 'current_password': password})
    assert response.status_code == 200
    assert message in response.text
    assert f'value="{email}"' in response.text


# My data -----------------------------------------------------------------------------------------

def test_download_my_data(db, client, login):
    user = login(owner(db, name='Dirk Data'))
    response = client.get('/account/mijn-gegevens.json')
    assert response.status_code == 200
    assert response.mimetype == 'application/json'
    assert response.headers['Content-Disposition'].startswith('attachment;')
    assert response.headers['Cache-Control'] == 'no-store'
    data = json.loads(response.text)
    assert data['profile']['name'] == 'Dirk Data'
    assert data['organisations'][0]['organisation'] == 'Bakkerij De Korrel'
    assert user.password_hash not in response.text
    assert last_event(db, 'user.export_data').actor_id == user.id


# Deleting the account ----------------------------------------------------------------------------

def test_delete_my_account(db, client, login, post, outbox):
    user = login(owner(db, locale='en'))
    organisation = user.memberships[0].organisation
    response = post('/account/verwijderen', data={'current_password': PASSWORD})
    assert response.status_code == 302
    assert response.location == '/'
    assert user.deleted_at is not None
    assert user.email.endswith('@invalid')
    assert organisation.memberships == []
    assert 'Your account has been deleted.' in client.get('/').text  # in their language, though signed out
    assert client.get('/account/').status_code == 302  # signed out
    assert [m.template for m in outbox] == ['account/deleted']


def test_delete_needs_the_password(db, client, login, post):
    user = login(make_user(db, locale='en'))
    response = post('/account/verwijderen', data={'current_password': 'fout wachtwoord'})
    assert response.status_code == 200
    assert 'This is not your current password.' in response.text
    assert user.deleted_at is None


def test_an_owner_with_colleagues_is_told_to_hand_over_first(db, client, login, post):
    user = login(owner(db, locale='en'))
    add_member(db, user.memberships[0].organisation, make_user(db))
    page = client.get('/account/verwijderen')
    assert 'Make one of your colleagues the owner first' in page.text
    assert 'Bakkerij De Korrel' in page.text
    assert 'name="current_password"' not in page.text
    response = post('/account/verwijderen', data={'current_password': PASSWORD}, follow_redirects=True)
    assert 'You own an organisation that has other members.' in response.text
    assert user.deleted_at is None
