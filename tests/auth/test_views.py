"""Sign-in, sign-out, registration and email verification pages."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.blueprints.auth import operations
from portal.core.dbtypes import utcnow
from portal.models.accounts import User
from portal.models.organisations import Organisation
from tests.auth.conftest import actions
from tests.factories import PASSWORD, make_admin, make_employer, make_organisation, make_staff, make_user

NEW_PASSWORD = 'een lange zin als wachtwoord'


def sign_in(post, email, password=PASSWORD, url='/inloggen', **extra):
    return post(url, {'email': email, 'password': password, **extra})


# Sign-in ------------------------------------------------------------------------------------

def test_the_sign_in_page_has_labelled_fields_and_links(client):
    page = client.get('/inloggen').text
    assert '<h1 class="utrecht-heading-1">Sign in</h1>' in page
    for field in ('email', 'password', 'remember'):
        assert f'for="{field}"' in page
    assert 'href="/wachtwoord-vergeten"' in page
    assert 'href="/registreren"' in page


@pytest.mark.parametrize(('maker', 'home'), [
    (make_staff, '/medewerkers/organisaties'), (make_admin, '/beheer/'), (make_employer, '/organisatie/'),
    (make_user, '/account/'),
])
def test_each_role_lands_on_its_own_home(db, app, client, post, maker, home):
    user = maker(db)
    response = sign_in(post, user.email)
    assert response.status_code == 302
    with app.test_request_context():
        from portal.blueprints.auth.views import home_for

        assert response.location == home_for(user)
    assert actions(db) == ['user.sign_in']


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(db, client, post):
    make_user(db, email='bea@bakkerij.nl')
    wrong = sign_in(post, 'bea@bakkerij.nl', 'not the password')
    unknown = sign_in(post, 'niemand@bakkerij.nl', 'not the password')
    assert wrong.status_code == unknown.status_code == 200
    assert 'Email address or password is not correct.' in wrong.text
    assert _main(wrong.text) == _main(unknown.text).replace('niemand@', 'bea@')


def _main(page: str) -> str:
    page = re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', '', page)
    return page.split('<main', 1)[1].split('</main>', 1)[0]


def test_bad_input_re_renders_with_errors_and_keeps_the_email(client, post):
    response = sign_in(post, 'geen-adres', '')
    assert response.status_code == 200
    assert 'Fill in a valid email address' in response.text
    assert 'Fill in your password.' in response.text
    assert 'value="geen-adres"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_lock_out_after_the_threshold_mails_and_shows_the_lock(db, app, client, post, outbox):
    user = make_user(db, email='bea@bakkerij.nl')
    for _ in range(app.config['LOCKOUT_THRESHOLD'] - 1):
        assert 'not correct' in sign_in(post, user.email, 'wrong password!').text
    assert 'blocked for a while' in sign_in(post, user.email, 'wrong password!').text
    assert [m.template for m in outbox] == ['auth/locked']
    assert 'user.locked' in actions(db)
    # even the right password is refused now, and nobody is signed in
    response = sign_in(post, user.email)
    assert response.status_code == 200
    assert 'blocked for a while' in response.text
    assert client.get('/account/').status_code == 302


def test_a_locked_account_signs_in_again_when_the_lock_has_passed(db, client, post):
    user = make_user(db, locked_until=utcnow() - timedelta(seconds=1))
    assert sign_in(post, user.email).status_code == 302


def test_next_on_this_site_is_followed(db, client, post):
    user = make_user(db)
    response = sign_in(post, user.email, url='/inloggen?next=/account/gegevens%3Fx%3D1')
    assert response.location == '/account/gegevens?x=1'


@pytest.mark.parametrize('target', ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:x'])
def test_next_off_site_is_ignored(db, client, csrf_token, target):
    user = make_user(db)
    response = client.post('/inloggen', query_string={'next': target}, data={
        'email': user.email, 'password': PASSWORD, 'csrf_token': csrf_token()})
    assert response.status_code == 302
    assert response.location == '/account/'


def test_remember_me_sets_the_remember_cookie(db, app, client, post):
    user = make_user(db)
    sign_in(post, user.email, remember='y')
    cookie = client.get_cookie(app.config.get('REMEMBER_COOKIE_NAME', 'remember_token'))
    assert cookie is not None
    assert cookie.value.startswith(f'{user.id}:')


def test_without_remember_me_there_is_no_remember_cookie(db, app, client, post):
    sign_in(post, make_user(db).email)
    assert client.get_cookie('remember_token') is None


def test_a_session_ends_when_the_session_version_moves_on(db, client, login):
    user = make_user(db)
    login(user)
    assert client.get('/inloggen').status_code == 302  # signed in: sent home
    user.session_version += 1  # a password reset elsewhere
    db.session.flush()
    assert client.get('/inloggen').status_code == 200  # signed out: the form again


def test_sign_out_is_a_post_with_csrf_and_is_recorded(db, client, login, post):
    user = make_user(db)
    login(user)
    assert client.get('/uitloggen').status_code == 405
    assert client.post('/uitloggen').status_code == 400  # no CSRF token
    response = post('/uitloggen')
    assert response.status_code == 302
    assert response.location == '/'
    assert actions(db) == ['user.sign_out']
    assert client.get('/inloggen').status_code == 200


# Registration -------------------------------------------------------------------------------

@pytest.fixture
def form(region):
    return {'name': 'Bea Bol', 'email': 'bea@bakkerijbol.nl', 'password': NEW_PASSWORD,
            'password_repeat': NEW_PASSWORD, 'organisation_name': 'Bakkerij Bol B.V.', 'kvk_number': '6959 9084',
            'vestigingsnummer': '', 'sbi_section': 'G', 'sbi_code': '47.24', 'size_class': '10-49',
            'municipality': str(region.municipalities[0].id), 'postcode': 'nl-7772ab', 'website': 'bakkerijbol.nl'}


def test_the_registration_page_groups_municipalities_by_region(db, client, region):
    page = client.get('/registreren').text
    assert page.count('<legend') >= 2
    assert 'About you' in page
    assert 'Your organisation' in page
    assert '<optgroup label="Vechtdal">' in page
    assert all(m.name in page for m in region.municipalities)
    assert 'H – Transportation and storage' in page
    assert '10 to 49 people' in page


def test_registering_creates_the_organisation_and_shows_check_your_mail(db, client, post, form, region, outbox):
    response = post('/registreren', form)
    assert response.status_code == 302
    assert response.location == '/registreren/controleer-uw-mail?soort=nieuw'
    organisation = Organisation.by_kvk('69599084')
    assert organisation.visiting_postcode == '7772 AB'
    assert organisation.website == 'https://bakkerijbol.nl'
    assert organisation.sbi_code == '4724'
    assert organisation.region_id == region.id
    user = User.by_email('bea@bakkerijbol.nl')
    assert user.locale == 'en'  # the language the page was shown in
    assert [m.template for m in outbox] == ['auth/verify_email']
    page = client.get(response.location).text
    assert 'Check your mail' in page
    assert 'checks your organisation' in page


def test_registration_in_dutch_sets_a_dutch_locale(db, client, post, form, outbox):
    post('/registreren', form, headers={'Accept-Language': 'nl'})
    assert User.by_email('bea@bakkerijbol.nl').locale == 'nl'


@pytest.mark.parametrize(('field', 'value', 'error'), [
    ('kvk_number', '1234567', 'exactly 8 digits'), ('kvk_number', '12345678901', 'exactly 8 digits'),
    ('vestigingsnummer', '1234', 'exactly 12 digits'), ('postcode', 'SA', 'Dutch postcode'),
    ('sbi_code', '4941', 'does not belong'), ('website', 'ftp://x.nl', 'web address'),
    ('password', 'kort', 'at least 12 characters'), ('password_repeat', 'iets anders dan dat', 'not the same'),
    ('municipality', '', 'Choose the municipality'), ('municipality', '999999', 'Choose one of the options'),
    ('sbi_section', 'Z', 'Choose one of the options'), ('name', '', 'Fill in your name'),
])
def test_bad_registration_input_re_renders_with_the_error_and_keeps_the_rest(db, client, post, form, field, value,
                                                                            error):
    response = post('/registreren', {**form, field: value})
    assert response.status_code == 200
    assert error.lower() in response.text.lower()
    assert 'value="Bakkerij Bol B.V."' in response.text or field == 'organisation_name'
    assert NEW_PASSWORD not in response.text  # passwords are never sent back
    assert Organisation.by_kvk('69599084') is None


def test_the_password_may_not_be_the_email_address(db, client, post, form):
    response = post('/registreren', {**form, 'password': 'Bea@BakkerijBol.nl', 'password_repeat': 'Bea@BakkerijBol.nl'})
    assert 'may not be your email address' in response.text


def test_a_taken_email_answers_exactly_like_a_new_registration(db, client, post, form, outbox):
    owner = make_user(db, email='bea@bakkerijbol.nl', locale='nl')
    taken = post('/registreren', form)
    second = post('/registreren', {**form, 'email': 'nieuw@bakkerijbol.nl', 'kvk_number': '12345678'})
    assert (taken.status_code, taken.location) == (second.status_code, second.location)
    assert [(m.recipient, m.template) for m in outbox] == [(owner.email, 'auth/register_taken'),
                                                           ('nieuw@bakkerijbol.nl', 'auth/verify_email')]
    assert Organisation.by_kvk('69599084') is None


def test_a_known_kvk_number_becomes_a_join_request(db, client, post, form, region, outbox):
    owner = make_user(db, email='olga@bakkerijbol.nl')
    make_organisation(db, region=region, owner=owner, kvk_number='69599084')
    response = post('/registreren', form)
    assert response.location.endswith('soort=lid-worden')
    assert 'We asked its owner to let you join' in client.get(response.location).text
    assert db.session.scalar(select(func.count(Organisation.id))) == 1
    assert {m.template for m in outbox} == {'auth/join_request', 'auth/verify_email'}


def test_signed_in_users_are_sent_home_from_registration(db, client, login):
    login(make_employer(db))
    assert client.get('/registreren').location == '/organisatie/'


# Email verification -------------------------------------------------------------------------

def _link(outbox) -> str:
    return '/e-mail-bevestigen/' + outbox[-1].body_text.split('/e-mail-bevestigen/')[1].split()[0]


def test_the_link_in_the_mail_verifies_the_address(db, client, post, form, outbox):
    post('/registreren', form)
    page = client.get(_link(outbox))
    assert page.status_code == 200
    assert 'Email address confirmed' in page.text
    assert User.by_email('bea@bakkerijbol.nl').is_email_verified
    assert client.get(_link(outbox)).status_code == 200  # opening it again is fine
    assert actions(db).count('user.verify_email') == 1


def test_a_broken_link_gets_a_friendly_page_with_a_way_out(db, client):
    page = client.get('/e-mail-bevestigen/not-a-token')
    assert page.status_code == 400
    assert 'This link no longer works' in page.text
    assert 'href="/e-mail-bevestigen"' in page.text


def test_an_email_change_link_moves_the_account_and_keeps_this_session(db, app, client, login, outbox):
    user = login(make_user(db, locale='en', email='oud@bakkerij.nl'))
    with app.test_request_context():
        operations.send_verification_mail(user, email='nieuw@bakkerij.nl')
    page = client.get(_link(outbox))
    assert 'now uses nieuw@bakkerij.nl' in page.text
    assert user.email == 'nieuw@bakkerij.nl'
    assert user.session_version == 2
    assert client.get('/inloggen').status_code == 302  # still signed in, under the new version


def test_unverified_users_can_ask_for_a_new_link(db, client, login, post, outbox):
    user = login(make_user(db, locale='en', verified=False))
    assert 'Send a new link' in client.get('/e-mail-bevestigen').text
    response = post('/e-mail-bevestigen')
    assert response.status_code == 302
    assert [(m.recipient, m.template) for m in outbox] == [(user.email, 'auth/verify_email')]


def test_verified_users_and_visitors_do_not_get_a_new_link(db, client, login):
    assert client.get('/e-mail-bevestigen').location.startswith('/inloggen')
    login(make_user(db))
    assert client.get('/e-mail-bevestigen').status_code == 302
