"""Someone who leaves frees their seats: a deleted or disabled account, a job seeker whose consent to activities was
withdrawn or who left the caseload. Every registration of theirs still in play on a date to come is cancelled
(cancel_future_registrations), the first in line moves up and is mailed, and dates that have started keep theirs."""

from datetime import timedelta

import pytest

from portal.blueprints.account.operations import delete_account
from portal.blueprints.activities.registrations import cancel_future_registrations
from portal.blueprints.admin.operations import disable_user
from portal.core.dbtypes import utcnow
from portal.models.activities import RegistrationState
from tests.activities.conftest import events, make_activity_candidate, make_registration, make_slot
from tests.factories import make_admin, make_user

pytestmark = pytest.mark.usefixtures('request_context')


@pytest.fixture
def full(db, event):
    """The staff's workshop: its two seats taken, and one person waiting."""
    slot = event.slots[0]
    seated = [make_registration(db, slot, user=make_user(db, locale='en')) for _ in range(2)]
    waiting = make_registration(db, slot, user=make_user(db, locale='en'), state='waitlisted')
    return slot, seated, waiting


def test_a_users_future_registrations_are_cancelled_and_the_next_in_line_moves_up(db, event, full, outbox):
    slot, (leaving, staying), waiting = full
    later = make_slot(db, event, days_ahead=21)
    pending = make_registration(db, later, user=leaving.user, state='waitlisted')
    started = make_slot(db, event, starts_at=utcnow() - timedelta(hours=1))
    past = make_registration(db, started, user=leaving.user)

    count = cancel_future_registrations(None, user=leaving.user, reason='account_disabled')

    assert count == 2
    assert (leaving.state, pending.state) == (RegistrationState.CANCELLED, RegistrationState.CANCELLED)
    assert leaving.cancel_reason == 'account_disabled'
    assert past.state == RegistrationState.CONFIRMED
    assert staying.state == RegistrationState.CONFIRMED
    assert waiting.state == RegistrationState.CONFIRMED
    assert slot.confirmed_count == 2
    assert [(m.recipient, m.template) for m in outbox] == [(waiting.user.email, 'activities/registration_promoted')]
    cancels = events(db, 'registration.cancel')
    assert [e.details['leaving'] for e in cancels] == ['account_disabled'] * 2
    assert events(db, 'registration.promote')


def test_a_job_seekers_registrations_are_cancelled_when_they_leave(db, activity, candidate, staff, outbox):
    registration = make_registration(db, activity.slots[0], candidate=candidate, registered_by=staff)
    other = make_registration(db, activity.slots[0], candidate=make_activity_candidate(db, region=staff.region),
                              registered_by=staff)

    assert cancel_future_registrations(staff, candidate=candidate, reason='consent_withdrawn') == 1
    assert registration.state == RegistrationState.CANCELLED
    assert registration.cancelled_by_id == staff.id
    assert other.state == RegistrationState.CONFIRMED
    assert outbox == []


def test_deleting_an_account_frees_its_seats(db, full, outbox):
    slot, (leaving, _), waiting = full

    delete_account(leaving.user)

    assert leaving.state == RegistrationState.CANCELLED
    assert waiting.state == RegistrationState.CONFIRMED
    assert 'activities/registration_promoted' in [m.template for m in outbox]


def test_disabling_an_account_frees_its_seats(db, full, outbox):
    slot, (leaving, _), waiting = full

    disable_user(make_admin(db), leaving.user)

    assert leaving.state == RegistrationState.CANCELLED
    assert waiting.state == RegistrationState.CONFIRMED


def test_it_needs_one_person_and_a_known_reason(db, full):
    _, (leaving, _), _ = full
    with pytest.raises(ValueError, match='LEAVING_REASONS'):
        cancel_future_registrations(None, reason='account_deleted')
    with pytest.raises(ValueError, match='LEAVING_REASONS'):
        cancel_future_registrations(None, user=leaving.user, reason='Zomaar')


def test_the_colleague_who_registered_a_leaving_job_seeker_is_told(db, activity, candidate, staff, coordinator,
                                                                   outbox):
    registration = make_registration(db, activity.slots[0], candidate=candidate, registered_by=staff)

    cancel_future_registrations(coordinator, candidate=candidate, reason='left_caseload')

    assert registration.state == RegistrationState.CANCELLED
    [message] = outbox
    assert (message.recipient, message.template) == (staff.email, 'activities/registration_cancelled_by_colleague')
    assert 'left_caseload' not in message.body_text
