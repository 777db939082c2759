"""Opening an invitation link: signed in as the invited person, with an account elsewhere, or new."""

from datetime import timedelta

import pytest

from portal.core.dbtypes import utcnow
from portal.core.tokens import random_token
from portal.models.accounts import User
from portal.models.organisations import Invitation
from tests.auth.conftest import actions
from tests.factories import make_organisation, make_user

NEW_PASSWORD = 'een lange zin als wachtwoord'


@pytest.fixture
def organisation(db):
    return make_organisation(db, owner=make_user(db), name='Bakkerij Bol')


@pytest.fixture
def link(db, organisation) -> str:
    token, token_hash = random_token()
    db.session.add(Invitation(organisation=organisation, email='cor@bakkerij.nl', token_hash=token_hash,
                              expires_at=utcnow() + timedelta(days=7)))
    db.session.flush()
    return f'/uitnodiging/{token}'


def test_the_invited_user_joins_with_one_button(db, client, login, post, link, organisation):
    user = login(make_user(db, locale='en', email='cor@bakkerij.nl'))
    page = client.get(link).text
    assert 'Join Bakkerij Bol' in page
    assert '<button type="submit"' in page
    response = post(link)
    assert response.status_code == 302
    assert response.location == '/organisatie/'
    assert user.membership_of(organisation) is not None
    assert actions(db) == ['organisation.join_by_invitation']
    assert client.get(link).status_code == 410  # used up


def test_someone_else_signed_in_is_told_the_invitation_is_not_theirs(db, client, login, post, link, organisation):
    user = login(make_user(db, locale='en', email='ander@bakkerij.nl'))
    assert 'This invitation is for someone else' in client.get(link).text
    post(link)
    assert user.membership_of(organisation) is None
    assert actions(db) == []


def test_an_existing_account_signs_in_first_and_comes_back(db, client, link):
    make_user(db, email='cor@bakkerij.nl')
    page = client.get(link).text
    assert 'Sign in first' in page
    assert f'href="/inloggen?next={link}"' in page.replace('%2F', '/')


def test_a_new_person_makes_an_account_and_joins(db, client, post, link, organisation):
    page = client.get(link).text
    assert 'Make your account for cor@bakkerij.nl' in page
    response = post(link, {'name': 'Cor Collega', 'password': NEW_PASSWORD, 'password_repeat': NEW_PASSWORD})
    assert response.location == '/organisatie/'
    user = User.by_email('cor@bakkerij.nl')
    assert user.is_email_verified
    assert user.locale == 'en'
    assert user.membership_of(organisation) is not None
    assert client.get('/inloggen').status_code == 302  # signed in


def test_bad_account_input_re_renders_with_the_error(db, client, post, link):
    response = post(link, {'name': 'Cor Collega', 'password': 'kort', 'password_repeat': 'kort'})
    assert response.status_code == 200
    assert 'at least 12 characters' in response.text
    assert 'value="Cor Collega"' in response.text
    assert User.by_email('cor@bakkerij.nl') is None


@pytest.mark.parametrize('closed', ['accepted_at', 'revoked_at', 'expires_at'])
def test_a_closed_invitation_gets_a_friendly_page(db, client, link, closed):
    invitation = db.session.scalars(db.select(Invitation)).one()
    setattr(invitation, closed, utcnow() - timedelta(minutes=1))
    db.session.flush()
    page = client.get(link)
    assert page.status_code == 410
    assert 'This invitation no longer works' in page.text


def test_an_unknown_token_gets_the_same_page(client):
    page = client.get('/uitnodiging/made-up')
    assert page.status_code == 410
    assert 'This invitation no longer works' in page.text
