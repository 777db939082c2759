"""The calendar pages: one date's .ics for whoever may see it, the public feed behind its token, and the
settings page that makes and resets the token."""

import re

from icalendar import Calendar

from portal.blueprints.activities import ical
from tests.activities.conftest import events, make_registration

SETTINGS = '/account/agenda'
FEED = re.compile(r'value="(http[^"]+/agenda/([^"]+)\.ics)"')


def feed_address(client) -> tuple[str, str]:
    page = client.get(SETTINGS).get_data(as_text=True)
    url, token = FEED.search(page).groups()
    return url, token


def test_the_settings_page_makes_a_key_once_and_shows_the_private_address(db, client, login, employer):
    login(employer)

    url, token = feed_address(client)

    db.session.refresh(employer)
    assert employer.calendar_key is not None
    assert token == ical.feed_token(employer)
    assert employer.calendar_key not in url
    assert feed_address(client) == (url, token)
    assert len(events(db, 'calendar.create_key')) == 1
    assert 'webcal://' in client.get(SETTINGS).get_data(as_text=True)


def test_the_feed_answers_without_signing_in_and_holds_the_registrations(app, db, client, login, event, employer):
    make_registration(db, event.slots[0], user=employer)
    login(employer)
    _url, token = feed_address(client)

    response = app.test_client().get(f'/agenda/{token}.ics')  # a calendar app: no session

    assert response.status_code == 200
    assert response.mimetype == 'text/calendar'
    assert 'no-store' in response.headers['Cache-Control']
    cal = Calendar.from_ical(response.data)
    assert [str(e['SUMMARY']) for e in cal.walk('VEVENT')] == [event.title]


def test_a_reset_makes_a_new_address_and_the_old_one_404(db, client, login, post, employer):
    login(employer)
    _old_url, old = feed_address(client)

    response = post(SETTINGS)

    assert response.status_code == 302
    _new_url, new = feed_address(client)
    assert new != old
    assert client.get(f'/agenda/{old}.ics').status_code == 404
    assert client.get(f'/agenda/{new}.ics').status_code == 200
    assert len(events(db, 'calendar.reset_key')) == 1


def test_a_reset_without_the_csrf_token_changes_nothing(db, client, login, employer):
    login(employer)
    _url, token = feed_address(client)

    client.post(SETTINGS)

    assert feed_address(client)[1] == token


def test_made_up_tokens_are_404(db, client, employer):
    for token in ('1-abc', 'abc', f'{employer.id}-' + '0' * 40):
        assert client.get(f'/agenda/{token}.ics').status_code == 404


def test_the_settings_page_needs_signing_in(db, client):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert '/inloggen' in response.headers['Location']


def test_one_dates_ics_for_whoever_may_see_it(db, client, login, event, employer, other_employer):
    slot = event.slots[0]
    registration = make_registration(db, slot, user=employer)
    login(employer)

    response = client.get(f'/activiteiten/tijdslot/{slot.id}.ics')

    assert response.status_code == 200
    assert response.mimetype == 'text/calendar'
    assert 'attachment' in response.headers['Content-Disposition']
    [vevent] = Calendar.from_ical(response.data).walk('VEVENT')
    assert str(vevent['UID']) == f'slot-{slot.id}-registration-{registration.id}@kansenkamer'
    login(other_employer)
    assert client.get(f'/activiteiten/tijdslot/{slot.id}.ics').status_code == 404
