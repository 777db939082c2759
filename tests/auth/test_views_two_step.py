"""Two-step sign-in as staff and employers see it: enrolling, signing in with a code, and the staff rule."""

import re

import pyotp
import pytest

from portal.blueprints.auth.views_two_step import SETUP_SECRET
from tests.auth.conftest import actions
from tests.factories import PASSWORD, make_admin, make_staff, make_user


def sign_in(post, user, **extra):
    return post('/inloggen', {'email': user.email, 'password': PASSWORD, **extra})


def enrol(client, post, user) -> list[str]:
    client.get('/tweestaps/instellen')
    with client.session_transaction() as session:
        secret = session[SETUP_SECRET]
    page = post('/tweestaps/instellen', {'code': pyotp.TOTP(secret).now()}).text
    return re.findall(r'<code class="utrecht-code">([a-z0-9-]+)</code>', page)


def test_the_setup_page_shows_a_qr_code_and_the_key_in_groups(db, client, login):
    login(make_user(db, locale='en'))
    page = client.get('/tweestaps/instellen').text
    assert '<img class="kk-qr" src="data:image/svg+xml;base64,' in page
    assert 'alt="QR code that adds Kansenkamer to your authenticator app"' in page
    with client.session_transaction() as session:
        secret = session[SETUP_SECRET]
    grouped = ' '.join(secret[i:i + 4] for i in range(0, len(secret), 4))
    assert grouped in page
    assert client.get('/tweestaps/instellen').text.count(grouped) == 1  # the same secret until it is confirmed


def test_setup_needs_a_signed_in_user(client):
    assert client.get('/tweestaps/instellen').location.startswith('/inloggen')


def test_a_wrong_code_re_renders_the_setup(db, client, login, post):
    user = login(make_user(db, locale='en'))
    response = post('/tweestaps/instellen', {'code': '12345'})
    assert response.status_code == 200
    assert 'This code is not correct' in response.text
    assert not user.has_two_step


def test_enrolling_shows_ten_recovery_codes_once(db, client, login, post, outbox):
    user = login(make_user(db, locale='en'))
    codes = enrol(client, post, user)
    assert len(codes) == 10
    assert user.has_two_step
    assert 'user.two_step_enable' in actions(db)
    with client.session_transaction() as session:
        assert SETUP_SECRET not in session
    manage = client.get('/tweestaps/instellen').text
    assert 'Two-step sign-in is on since' in manage
    assert not any(code in manage for code in codes)


def test_sign_in_with_two_step_asks_for_the_code_then_follows_next(db, client, post):
    staff = make_staff(db, two_step=True)
    response = post('/inloggen?next=/account/', {'email': staff.email, 'password': PASSWORD, 'remember': 'y'})
    assert response.location == '/inloggen/tweestaps'
    assert client.get('/account/').status_code == 302  # not signed in yet
    assert actions(db) == []
    assert 'authenticator app' in client.get('/inloggen/tweestaps').text
    response = post('/inloggen/tweestaps', {'code': pyotp.TOTP(staff.totp_secret).now()})
    assert response.location == '/account/'
    assert client.get_cookie('remember_token') is not None
    assert actions(db) == ['user.sign_in']


def test_a_recovery_code_signs_in_once(db, client, login, post, outbox):
    user = login(make_user(db))
    codes = enrol(client, post, user)
    post('/uitloggen')
    sign_in(post, user)
    response = post('/inloggen/tweestaps', {'code': codes[0]})
    assert response.status_code == 302
    assert response.location == '/account/'
    post('/uitloggen')
    sign_in(post, user)
    response = post('/inloggen/tweestaps', {'code': codes[0]})
    assert response.status_code == 200
    assert 'This code is not correct' in response.text


def test_five_wrong_codes_end_the_pending_sign_in_and_lock_the_account(db, client, post, outbox):
    staff = make_staff(db, two_step=True)
    sign_in(post, staff)
    for _ in range(4):
        assert 'not correct' in post('/inloggen/tweestaps', {'code': '000000'}).text
    response = post('/inloggen/tweestaps', {'code': '000000'})
    assert response.location == '/inloggen'
    assert client.get('/inloggen/tweestaps').location == '/inloggen'
    assert staff.is_locked()
    assert [m.template for m in outbox] == ['auth/locked']


def test_replaying_the_pending_sign_in_does_not_reset_the_count(db, client, post, outbox):
    """The session cookie is the client's: wrong codes are counted on the account too."""
    staff = make_staff(db, two_step=True)
    sign_in(post, staff)
    pending = client.get_cookie('session').value
    for _ in range(4):
        client.set_cookie('session', pending)
        post('/inloggen/tweestaps', {'code': '000000'})
    client.set_cookie('session', pending)
    response = post('/inloggen/tweestaps', {'code': '000000'})
    assert response.location == '/inloggen'
    assert staff.is_locked()


def test_the_second_step_without_a_first_is_sent_to_sign_in(client):
    assert client.get('/inloggen/tweestaps').location == '/inloggen'


def test_demo_staff_skip_the_second_step_in_development_settings(db, app, client, post, monkeypatch):
    staff = make_staff(db, two_step=True, email='am@demo.kansenkamer.nl')
    monkeypatch.setitem(app.config, 'DEMO_STAFF_SKIP_TWO_STEP', True)
    assert sign_in(post, staff).location == '/medewerkers/organisaties'
    post('/uitloggen')
    monkeypatch.setitem(app.config, 'DEMO_STAFF_SKIP_TWO_STEP', False)
    assert sign_in(post, staff).location == '/inloggen/tweestaps'


@pytest.mark.parametrize('maker', [make_staff, make_admin])
def test_staff_without_two_step_are_sent_to_set_it_up_where_required(db, app, client, login, monkeypatch, maker):
    login(maker(db))
    monkeypatch.setitem(app.config, 'REQUIRE_STAFF_TWO_STEP', True)
    page = '/medewerkers/organisaties' if maker is make_staff else '/beheer/'
    response = client.get(page)
    assert response.status_code == 302
    assert response.location.startswith('/tweestaps/instellen?next=')
    assert client.get(response.location).status_code == 200  # the setup page itself stays open


def test_staff_with_two_step_pass_where_it_is_required(db, app, client, login, monkeypatch):
    login(make_staff(db, two_step=True))
    monkeypatch.setitem(app.config, 'REQUIRE_STAFF_TWO_STEP', True)
    response = client.get('/medewerkers/organisaties')
    assert not (response.status_code == 302 and '/tweestaps/' in response.location)


def test_in_development_settings_staff_may_go_without(db, client, login):
    login(make_staff(db))
    response = client.get('/medewerkers/organisaties')
    assert not (response.status_code == 302 and '/tweestaps/' in (response.location or ''))


def test_an_employer_turns_two_step_off_with_their_password(db, client, login, post, outbox):
    user = login(make_user(db, locale='en'))
    enrol(client, post, user)
    assert 'Turn off two-step sign-in' in client.get('/tweestaps/instellen').text
    wrong = post('/tweestaps/uitzetten', {'password': 'not my password'})
    assert wrong.status_code == 200
    assert 'This password is not correct.' in wrong.text
    assert user.has_two_step
    assert post('/tweestaps/uitzetten', {'password': PASSWORD}).location == '/tweestaps/instellen'
    assert not user.has_two_step
    assert 'user.two_step_disable' in actions(db)


def test_staff_cannot_turn_two_step_off_where_it_is_required(db, app, client, login, post, monkeypatch):
    staff = login(make_staff(db, locale='en', two_step=True))
    monkeypatch.setitem(app.config, 'REQUIRE_STAFF_TWO_STEP', True)
    page = client.get('/tweestaps/instellen').text
    assert 'must keep two-step sign-in on' in page
    assert 'name="password"' not in page
    assert post('/tweestaps/uitzetten', {'password': PASSWORD}).status_code == 403
    assert staff.has_two_step


def test_new_recovery_codes_are_shown_once(db, client, login, post, outbox):
    user = login(make_user(db))
    old = enrol(client, post, user)
    page = post('/tweestaps/herstelcodes').text
    new = re.findall(r'<code class="utrecht-code">([a-z0-9-]+)</code>', page)
    assert len(new) == 10
    assert not set(new) & set(old)
