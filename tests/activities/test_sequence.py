"""iCalendar SEQUENCE: a date's events keep their UID, and their SEQUENCE rises with every change of the date's time
or place and when it is called off, so Outlook and Apple Calendar replace the invitation they hold instead of
ignoring the update. Moving a date also reminds its people again before the new time."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from portal.blueprints.activities import ical
from portal.blueprints.activities import operations as ops
from portal.blueprints.activities import registrations as regs
from portal.blueprints.demand import moderation
from portal.core.dbtypes import utcnow
from tests.activities.conftest import make_slot
from tests.activities.test_operations import fields_of, same

pytestmark = pytest.mark.usefixtures('request_context')


def vevent_of(message) -> dict:
    [event] = Calendar.from_ical(message.attachments[0]['content'].encode()).walk('VEVENT')
    return {'uid': str(event['UID']), 'sequence': int(event['SEQUENCE']), 'status': str(event['STATUS'])}


def test_a_moved_date_sends_the_same_event_with_a_higher_sequence_and_reminds_again(db, event, employer,
                                                                                     coordinator, outbox):
    slot = event.slots[0]
    regs.register_user(employer, slot)
    slot.reminder_sent_at = utcnow()
    first = vevent_of(outbox[0])
    later = slot.starts_at + timedelta(days=1)

    ops.update_activity(coordinator, event, slots=[same(slot, starts_at=later, ends_at=later + timedelta(hours=3))],
                        **fields_of(event))

    moved = vevent_of(outbox[-1])
    assert moved['uid'] == first['uid']
    assert (first['sequence'], moved['sequence']) == (0, 1)
    assert slot.reminder_sent_at is None


def test_a_new_place_raises_the_sequence_of_every_date_to_come(db, event, employer, coordinator, outbox):
    slot, other = event.slots[0], make_slot(db, event, days_ahead=14)
    regs.register_user(employer, other)

    ops.update_activity(coordinator, event, slots=[same(slot), same(other)],
                        **fields_of(event, location='Stadhuisplein 1, Ommen'))

    assert (slot.sequence, other.sequence) == (1, 1)
    assert vevent_of(outbox[-1])['sequence'] == 1


def test_seats_alone_leave_the_sequence(db, event, coordinator):
    slot = event.slots[0]
    ops.update_activity(coordinator, event, slots=[same(slot, seats=5)], **fields_of(event))
    assert slot.sequence == 0


def test_cancelling_a_date_or_the_activity_sends_a_cancellation_with_a_higher_sequence(db, event, employer,
                                                                                       coordinator, outbox):
    slot, other = event.slots[0], make_slot(db, event, days_ahead=14)
    regs.register_user(employer, slot)
    regs.register_user(employer, other)
    requests = [vevent_of(m) for m in outbox]

    ops.cancel_slot(coordinator, slot, reason='De zaal is dicht.')
    regs.cancel_activity(coordinator, event, reason='De spreker is ziek.')

    cancels = [vevent_of(m) for m in outbox[2:]]
    assert [c['status'] for c in cancels] == ['CANCELLED', 'CANCELLED']
    assert [c['uid'] for c in cancels] == [r['uid'] for r in requests]
    assert all(c['sequence'] > r['sequence'] for c, r in zip(cancels, requests, strict=True))
    [feed_event] = [e for e in Calendar.from_ical(ical.feed(employer)).walk('VEVENT')
                    if str(e['UID']) == requests[1]['uid']]
    assert int(feed_event['SEQUENCE']) == cancels[1]['sequence']


def test_a_registration_cancelled_on_its_own_supersedes_its_invitation(db, event, employer, coordinator, outbox):
    slot = event.slots[0]
    registration = regs.register_user(employer, slot)

    regs.cancel_registration(coordinator, registration, reason='Dubbel geboekt.')

    request, cancel = (vevent_of(m) for m in outbox)
    assert cancel['sequence'] == request['sequence'] + 1
    assert slot.sequence == 0  # the date itself did not change


def test_an_approved_new_place_raises_the_sequence(db, activity, host, staff, outbox):
    slot = activity.slots[0]
    ops.update_activity(host, activity, slots=[same(slot)], **fields_of(activity, location='Markt 3, Ommen'))
    assert slot.sequence == 0  # not while it waits for review

    moderation.approve(staff, activity)  # calls revision_approved with the version it replaced

    assert slot.sequence == 1
