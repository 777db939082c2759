"""The iCalendar files: invitations in mail, one date's .ics, and the private feed; each parsed with icalendar."""

from datetime import UTC, timedelta

import pytest
from icalendar import Calendar

from portal.blueprints.activities import ical
from portal.blueprints.activities import registrations as ops
from portal.blueprints.admin.operations import disable_user
from portal.blueprints.auth.operations_passwords import reset_password
from portal.core.dbtypes import utcnow
from tests.activities.conftest import events, make_activity, make_registration
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')


def parse(content) -> Calendar:
    return Calendar.from_ical(content if isinstance(content, bytes) else content.encode())


def vevents(cal: Calendar) -> list:
    return list(cal.walk('VEVENT'))


def test_a_confirmation_carries_a_request_with_every_field(db, event, employer, outbox):
    slot = event.slots[0]
    registration = ops.register_user(employer, slot)

    cal = parse(outbox[0].attachments[0]['content'])

    assert str(cal['METHOD']) == 'REQUEST'
    assert str(cal['VERSION']) == '2.0'
    [vevent] = vevents(cal)
    assert str(vevent['UID']) == f'slot-{slot.id}-registration-{registration.id}@kansenkamer'
    start, end = vevent.decoded('DTSTART'), vevent.decoded('DTEND')
    assert (start, end) == (slot.starts_at, slot.ends_at)
    assert start.utcoffset() == timedelta(0)
    assert vevent.to_ical().decode().count('Z\r\n') >= 2  # written in UTC
    assert str(vevent['SUMMARY']) == event.title
    assert str(vevent['LOCATION']) == event.location
    url = ical.activity_url(event)
    assert str(vevent['URL']) == url
    assert url.startswith('http')
    assert event.description in str(vevent['DESCRIPTION'])
    assert url in str(vevent['DESCRIPTION'])
    assert str(vevent['STATUS']) == 'CONFIRMED'
    assert str(vevent['ATTENDEE']) == f'mailto:{employer.email}'
    assert str(vevent['ORGANIZER']).startswith('mailto:')


def test_an_online_activity_gives_its_link_as_the_place(db, region, employer, outbox):
    online = make_activity(db, kind='workshop', region=region, location=None, online_url='https://meet.example.nl/ab')
    ops.register_user(employer, online.slots[0])

    [vevent] = vevents(parse(outbox[0].attachments[0]['content']))

    assert str(vevent['LOCATION']) == 'https://meet.example.nl/ab'
    assert 'https://meet.example.nl/ab' in str(vevent['DESCRIPTION'])


def test_a_cancellation_keeps_the_uid_and_cancels_the_event(db, slot, host, staff, candidate, outbox):
    registration = ops.register_candidate(staff, slot, candidate)
    ops.cancel_registration(host, registration, reason='Gesloten')

    invitation, cancellation = (parse(m.attachments[0]['content']) for m in outbox)

    assert str(cancellation['METHOD']) == 'CANCEL'
    [before], [after] = vevents(invitation), vevents(cancellation)
    assert str(after['UID']) == str(before['UID'])
    assert str(after['STATUS']) == 'CANCELLED'
    assert int(after['SEQUENCE']) > int(before['SEQUENCE'])
    assert outbox[1].attachments[0]['filename'] == 'cancellation.ics'


def test_a_job_seekers_invitation_names_the_code_only(db, slot, staff, candidate, outbox):
    ops.register_candidate(staff, slot, candidate)

    [vevent] = vevents(parse(outbox[0].attachments[0]['content']))

    assert candidate.code in str(vevent['DESCRIPTION'])
    assert candidate.first_name not in outbox[0].attachments[0]['content']


def test_a_dutch_recipient_gets_a_dutch_file_name(db, event):
    person = make_user(db, locale='nl')
    registration = make_registration(db, event.slots[0], user=person)

    attachment = ical.invitation(registration, recipient=person)

    assert attachment['filename'] == 'uitnodiging.ics'
    assert len(vevents(parse(attachment['content']))) == 1


def test_one_dates_ics_is_published_without_a_registration(db, event):
    slot = event.slots[0]

    cal = parse(ical.slot_ics(slot))

    assert str(cal['METHOD']) == 'PUBLISH'
    [vevent] = vevents(cal)
    assert str(vevent['UID']) == f'slot-{slot.id}@kansenkamer'
    assert 'ATTENDEE' not in vevent


# The feed -------------------------------------------------------------------------------------------------

def test_the_feed_holds_the_users_seats_and_waiting_places_from_thirty_days_ago(db, region, employer):
    other = make_user(db)
    seat = make_activity(db, kind='workshop', region=region, title='Zitplaats')
    waiting = make_activity(db, kind='workshop', region=region, title='Wachtlijst')
    recent = make_activity(db, kind='workshop', region=region, title='Vorige week',
                           slots=[{'starts_at': utcnow() - timedelta(days=7)}])
    old = make_activity(db, kind='workshop', region=region, title='Lang geleden',
                        slots=[{'starts_at': utcnow() - timedelta(days=40)}])
    own_cancel = make_activity(db, kind='workshop', region=region, title='Zelf afgemeld')
    called_off = make_activity(db, kind='workshop', region=region, title='Afgelast', state='cancelled')
    make_registration(db, seat.slots[0], user=employer)
    make_registration(db, waiting.slots[0], user=employer, state='waitlisted')
    make_registration(db, recent.slots[0], user=employer, state='attended')
    make_registration(db, old.slots[0], user=employer)
    make_registration(db, own_cancel.slots[0], user=employer, state='cancelled')
    make_registration(db, called_off.slots[0], user=employer, state='cancelled')
    make_registration(db, seat.slots[0], user=other)

    cal = parse(ical.feed(employer))

    shown = {str(e['SUMMARY']): str(e['STATUS']) for e in vevents(cal)}
    assert shown == {'Zitplaats': 'CONFIRMED', 'Wachtlijst': 'TENTATIVE', 'Vorige week': 'CONFIRMED',
                     'Afgelast': 'CANCELLED'}
    assert str(cal['X-WR-CALNAME']) == 'Kansenkamer activities'
    assert all(str(e['URL']).startswith('http') for e in vevents(cal))


def test_the_feed_token_is_derived_and_checked(db, employer, app):
    assert ical.feed_token(employer) is None
    ical.ensure_calendar_key(employer)
    token = ical.feed_token(employer)

    assert token.startswith(f'{employer.id}-')
    assert employer.calendar_key not in token
    assert ical.user_for_token(token) is employer
    for wrong in (token[:-1] + ('0' if token[-1] != '0' else '1'), f'{employer.id}-', 'abc-def', '', token + 'x',
                  f'{employer.id + 1}-{token.split("-", 1)[1]}', '99999999999999-abc'):
        assert ical.user_for_token(wrong) is None


def test_the_token_depends_on_the_secret_key(db, employer, app, monkeypatch):
    ical.ensure_calendar_key(employer)
    token = ical.feed_token(employer)

    monkeypatch.setitem(app.config, 'SECRET_KEY', 'another-secret')

    assert ical.user_for_token(token) is None


def test_resetting_makes_the_old_token_useless_and_is_audited(db, employer):
    assert ical.ensure_calendar_key(employer) is True
    assert ical.ensure_calendar_key(employer) is False
    old = ical.feed_token(employer)

    ical.reset_calendar_key(employer)

    assert ical.user_for_token(old) is None
    assert ical.user_for_token(ical.feed_token(employer)) is employer
    assert len(events(db, 'calendar.create_key')) == 1
    assert len(events(db, 'calendar.reset_key')) == 1


def test_a_password_reset_or_disabling_cuts_off_a_copied_feed_address(db, employer, outbox):
    ical.ensure_calendar_key(employer)
    copied = ical.feed_token(employer)

    reset_password(employer, 'een heel nieuw wachtwoord 42')

    assert ical.user_for_token(copied) is None
    assert ical.user_for_token(ical.feed_token(employer)) is employer
    before_disable = ical.feed_token(employer)
    disable_user(None, employer)
    employer.is_enabled = True  # enabled again: the address from before still does not work
    assert ical.user_for_token(before_disable) is None


def test_a_disabled_account_has_no_feed(db, employer):
    ical.ensure_calendar_key(employer)
    token = ical.feed_token(employer)
    employer.is_enabled = False

    assert ical.user_for_token(token) is None


def test_feed_times_are_utc(db, region, employer):
    activity = make_activity(db, kind='workshop', region=region)
    make_registration(db, activity.slots[0], user=employer, state='confirmed')

    [vevent] = vevents(parse(ical.feed(employer)))

    assert vevent.decoded('DTSTART').tzinfo is not None
    assert vevent.decoded('DTSTART').astimezone(UTC) == activity.slots[0].starts_at


def test_the_sender_attaches_the_invitation(db, event, employer, outbox, smtp_server):
    from portal.core.mail import send_pending

    ops.register_user(employer, event.slots[0])
    db.session.commit()

    report = send_pending()

    assert report.sent == 1
    [received] = smtp_server.received
    [part] = list(received.message.iter_attachments())
    assert part.get_content_type() == 'text/calendar'
    assert part.get_param('method') == 'REQUEST'
    assert part.get_filename() == 'invitation.ics'
    [vevent] = vevents(parse(part.get_payload(decode=True)))
    assert str(vevent['SUMMARY']) == event.title
    assert 'You have a place at' in received.text()
