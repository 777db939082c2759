"""Rules the form applies and the operations apply again: at most MAX_SLOTS dates on an activity, and a calendar
cancellation only for registrations that held a seat (pending and waiting ones never got an invitation)."""

import pytest

from portal.blueprints.activities import operations as ops
from portal.blueprints.activities import registrations as regs
from portal.blueprints.activities.offering import MAX_SLOTS, ActivityRefused
from tests.activities.conftest import make_registration
from tests.activities.test_operations import fields, fields_of, row, same
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')


def test_more_dates_than_max_slots_are_refused(db, host, host_organisation, activity):
    with pytest.raises(ActivityRefused, match=f'at most {MAX_SLOTS} dates'):
        ops.create_activity(host, slots=[row(2 + i / 10) for i in range(MAX_SLOTS + 1)], **fields())

    existing = [same(slot) for slot in activity.slots]
    more = [row(2 + i / 10) for i in range(MAX_SLOTS - len(existing) + 1)]
    with pytest.raises(ActivityRefused, match=f'at most {MAX_SLOTS} dates'):
        ops.update_activity(host, activity, slots=existing + more, **fields_of(activity))


def test_exactly_max_slots_dates_are_fine(db, host, host_organisation):
    activity = ops.create_activity(host, slots=[row(2 + i / 10) for i in range(MAX_SLOTS)], **fields())
    assert len(activity.dates) == MAX_SLOTS


def test_cancelling_an_activity_sends_a_calendar_cancellation_only_for_seats(db, event, coordinator, outbox):
    slot = event.slots[0]
    seated = make_registration(db, slot, user=make_user(db, locale='en'))
    waiting = make_registration(db, slot, user=make_user(db, locale='en'), state='waitlisted')
    pending = make_registration(db, slot, user=make_user(db, locale='en'), state='pending')

    regs.cancel_activity(coordinator, event, reason='De zaal is afgebrand.')

    attached = {m.recipient: bool(m.attachments) for m in outbox}
    assert attached == {seated.user.email: True, waiting.user.email: False, pending.user.email: False}
    assert 'METHOD:CANCEL' in next(m for m in outbox if m.attachments).attachments[0]['content']

