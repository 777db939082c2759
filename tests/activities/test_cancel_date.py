"""Calling off one date: it is locked before anything is read, then marked cancelled and kept with its
registrations (cancelled), so registrants keep the row and their calendar shows the event as cancelled; the
activity's list, page, counts, reminders and registration leave it out from then on."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from portal.blueprints.activities import ical, queries
from portal.blueprints.activities import operations as ops
from portal.blueprints.activities import registrations as regs
from portal.blueprints.activities.jobs import send_reminders
from portal.blueprints.activities.offering import ActivityRefused
from portal.blueprints.activities.seats import RegistrationRefused
from portal.core.dbtypes import utcnow
from portal.models.activities import ActivitySlot
from tests.activities.conftest import make_registration, make_slot
from tests.activities.test_locking import behind_the_back
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')

REASON = 'De oven is stuk.'


@pytest.fixture
def two_dates(db, event):
    """The staff's workshop (for everyone signed in) on a date a week ahead and one two weeks ahead."""
    return event.slots[0], make_slot(db, event, days_ahead=14, seats=2)


def test_a_cancelled_date_stays_with_its_registrations_and_the_feed_says_cancelled(db, event, two_dates, employer,
                                                                                   coordinator, outbox):
    slot, other = two_dates
    registration = regs.register_user(employer, slot)
    outbox.clear()

    ops.cancel_slot(coordinator, slot, reason=REASON)

    assert slot.is_cancelled
    assert registration.state.value == 'cancelled'
    assert registration in ical.feed_registrations(employer)
    [vevent] = Calendar.from_ical(ical.feed(employer)).walk('VEVENT')
    assert str(vevent['STATUS']) == 'CANCELLED'
    [message] = outbox
    [cancel] = Calendar.from_ical(message.attachments[0]['content'].encode()).walk('VEVENT')
    assert str(cancel['STATUS']) == 'CANCELLED'
    [download] = Calendar.from_ical(ical.slot_ics(slot)).walk('VEVENT')
    assert str(download['STATUS']) == 'CANCELLED'


def test_lists_pages_counts_and_reminders_leave_a_cancelled_date_out(db, app, client, login, event, two_dates,
                                                                      employer, coordinator):
    slot, other = two_dates
    ops.cancel_slot(coordinator, slot, reason=REASON)

    assert queries.upcoming_slots(event) == [other]
    assert list(queries.slot_counts(event)) == [other.id]
    assert queries.live_count(event, slot) == 0
    assert event.snapshot()['slots'] == [{'starts_at': other.starts_at.isoformat(),
                                          'ends_at': other.ends_at.isoformat(), 'seats': 2}]
    with pytest.raises(RegistrationRefused, match='date has been cancelled'):
        regs.register_user(employer, slot)
    assert send_reminders(slot.starts_at - timedelta(hours=1)) == (0, 0)
    db.session.commit()
    login(employer)
    page = client.get(f'/activiteiten/{event.id}').get_data(as_text=True)
    assert f'data-slot-id="{slot.id}"' not in page
    assert f'data-slot-id="{other.id}"' in page
    listing = client.get('/activiteiten?vrij=1').get_data(as_text=True)
    assert f'datetime="{other.starts_at.isoformat()}"' in listing


def test_the_date_is_locked_before_its_start_is_checked(db, event, two_dates, coordinator):
    slot, _ = two_dates
    started = utcnow() - timedelta(minutes=5)
    behind_the_back(db, ActivitySlot, slot.id, starts_at=started, ends_at=started + timedelta(hours=2),
                    registration_closes_at=started - timedelta(days=1))

    with pytest.raises(ActivityRefused, match='already started'):
        ops.cancel_slot(coordinator, slot, reason=REASON)
    assert not slot.is_cancelled


def test_a_registration_made_meanwhile_is_cancelled_and_told_too(db, event, two_dates, employer, coordinator,
                                                                  outbox):
    slot, _ = two_dates
    assert slot.registrations == []  # what the page read
    late = make_registration(db, slot, user=make_user(db, locale='en'))
    db.session.expire(slot, ['registrations'])

    assert ops.cancel_slot(coordinator, slot, reason=REASON) == 1
    assert late.state.value == 'cancelled'
    assert [m.recipient for m in outbox] == [late.user.email]


def test_a_date_already_cancelled_is_not_cancelled_again(db, event, two_dates, coordinator):
    slot, _ = two_dates
    make_slot(db, event, days_ahead=21)
    ops.cancel_slot(coordinator, slot, reason=REASON)

    with pytest.raises(ActivityRefused, match='no longer exists'):
        ops.cancel_slot(coordinator, slot, reason=REASON)


def test_the_last_date_in_play_is_not_cancelled_on_its_own(db, event, two_dates, coordinator):
    slot, other = two_dates
    ops.cancel_slot(coordinator, slot, reason=REASON)

    with pytest.raises(ActivityRefused, match='only date'):
        ops.cancel_slot(coordinator, other, reason=REASON)
