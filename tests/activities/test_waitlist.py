"""The waiting list goes by when each joined it (Registration.waitlisted_at), not by when they registered: an older
request the host approves into a full date joins the end of the line, behind people who were already waiting."""

from datetime import timedelta

import pytest

from portal.blueprints.activities import registrations as regs
from portal.core.dbtypes import utcnow
from portal.models.activities import RegistrationState
from tests.activities.conftest import make_activity, make_registration
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')


def test_an_older_request_approved_into_a_full_date_joins_the_end_of_the_line(db, region, host_organisation, host,
                                                                              outbox):
    activity = make_activity(db, organisation=host_organisation, created_by=host, audience='signed_in',
                             requires_approval=True, slots=[{'seats': 1}])
    slot = activity.slots[0]
    seated = make_registration(db, slot, user=make_user(db, locale='en'))
    request = make_registration(db, slot, user=make_user(db, locale='en'), state='pending')  # the older one
    waiting = make_registration(db, slot, user=make_user(db, locale='en'), state='waitlisted')
    waiting.waitlisted_at = utcnow() - timedelta(hours=1)

    regs.approve_registration(host, request)

    assert request.state == RegistrationState.WAITLISTED
    assert (waiting.waitlist_position, request.waitlist_position) == (1, 2)
    assert 'number 2' in outbox[-1].body_text
    promoted = regs.cancel_registration(seated.user, seated)
    assert promoted is waiting
    assert request.state == RegistrationState.WAITLISTED
    assert request.waitlist_position == 1


def test_joining_the_list_records_when(db, event, employer, outbox):
    slot = event.slots[0]
    for _ in range(slot.seats):
        make_registration(db, slot, user=make_user(db))

    registration = regs.register_user(employer, slot)

    assert registration.state == RegistrationState.WAITLISTED
    assert registration.waitlisted_at is not None
    assert registration.waitlist_position == 1
    assert [m.template for m in outbox] == ['activities/registration_waitlisted']
