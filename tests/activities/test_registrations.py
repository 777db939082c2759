"""Registering: seats, the waiting list, approval, cancellation by either side, and attendance."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.activities import registrations as ops
from portal.blueprints.activities.registrations import RegistrationRefused
from portal.core.dbtypes import utcnow
from portal.models.activities import ActivitySlot, RegistrationState
from portal.models.caseload import CandidateStatus
from portal.models.moderation import PostingState
from tests.activities.conftest import events, make_activity, make_activity_candidate, make_registration
from tests.factories import make_candidate, make_user

pytestmark = pytest.mark.usefixtures('request_context')


def states(slot) -> list[str]:
    return [r.state.value for r in sorted(slot.registrations, key=lambda r: r.id)]


# Registering oneself ----------------------------------------------------------------------------------

def test_a_user_in_the_audience_gets_a_seat_and_an_invitation(db, event, employer, outbox):
    slot = event.slots[0]

    registration = ops.register_user(employer, slot)

    assert registration.state == RegistrationState.CONFIRMED
    assert registration.confirmed_at is not None
    assert registration.registered_by_id == employer.id
    assert slot.confirmed_count == 1
    [message] = outbox
    assert message.recipient == employer.email
    assert message.template == 'activities/registration_confirmed'
    assert 'Workshop inclusief werven' in message.subject
    [attachment] = message.attachments
    assert attachment['filename'] == 'invitation.ics'
    assert attachment['content_type'].startswith('text/calendar; method=REQUEST')
    assert 'BEGIN:VEVENT' in attachment['content']
    [event_row] = events(db, 'registration.register')
    assert event_row.region_id == event.region_id
    assert event_row.details['state'] == 'confirmed'


def test_a_full_slot_puts_people_on_the_waiting_list_in_order(db, event, outbox):
    slot = event.slots[0]  # two seats
    people = [make_user(db, locale='en') for _ in range(4)]
    for person in people:
        _employ(db, person, event.region_id)

    made = [ops.register_user(person, slot) for person in people]

    assert [r.state for r in made] == [RegistrationState.CONFIRMED] * 2 + [RegistrationState.WAITLISTED] * 2
    assert slot.confirmed_count == 2
    assert [ops.waitlist_position(r) for r in made[2:]] == [1, 2]
    waiting = [m for m in outbox if m.template == 'activities/registration_waitlisted']
    assert [m.recipient for m in waiting] == [people[2].email, people[3].email]
    assert 'number 2 on the waiting list' in waiting[1].body_text
    assert not waiting[0].attachments


def test_registering_twice_is_refused(db, event, employer, outbox):
    slot = event.slots[0]
    ops.register_user(employer, slot)

    with pytest.raises(RegistrationRefused, match='already registered'):
        ops.register_user(employer, slot)
    assert slot.confirmed_count == 1


def test_the_database_refuses_a_second_live_registration_and_the_operation_says_so(db, event, employer, outbox,
                                                                                   monkeypatch):
    """Should the check before it be passed (two requests at once), the partial unique index answers."""
    slot = event.slots[0]
    ops.register_user(employer, slot)
    monkeypatch.setattr(ops.policy, 'registration_block', lambda *args: None)

    with pytest.raises(RegistrationRefused, match='already registered'):
        ops.register_user(employer, slot)


@pytest.mark.parametrize(('change', 'message'), [
    ({'state': 'cancelled'}, 'has been cancelled'),
    ({'state': 'draft'}, 'not open for registration'),
    ({'state': 'pending'}, 'not open for registration'),
])
def test_closed_activities_refuse(db, region, coordinator, employer, change, message):
    activity = make_activity(db, kind='workshop', region=region, **change)

    with pytest.raises(RegistrationRefused, match=message):
        ops.register_user(employer, activity.slots[0])


def test_a_started_date_and_a_passed_deadline_refuse(db, region, employer):
    activity = make_activity(db, kind='workshop', region=region, slots=[
        {'starts_at': utcnow() - timedelta(minutes=5)},
        {'days_ahead': 3, 'closes_at': utcnow() - timedelta(minutes=1)}])

    with pytest.raises(RegistrationRefused, match='already started'):
        ops.register_user(employer, activity.slots[0])
    with pytest.raises(RegistrationRefused, match='Registration closed on'):
        ops.register_user(employer, activity.slots[1])


def test_people_outside_the_audience_are_refused(db, region, other_employer, staff, host, activity):
    network_meeting = make_activity(db, kind='network_meeting', region=region)
    workshop = make_activity(db, kind='workshop', region=region)

    with pytest.raises(RegistrationRefused, match='not open to you'):
        ops.register_user(other_employer, workshop.slots[0])
    with pytest.raises(RegistrationRefused, match='not open to you'):
        ops.register_user(make_employer_of(db, region), network_meeting.slots[0])
    with pytest.raises(RegistrationRefused, match='accountmanager'):
        ops.register_user(staff, activity.slots[0])  # job seekers' activities take job seekers only
    own_open_day = make_activity(db, kind='open_day', organisation=activity.organisation, audience='employers')
    with pytest.raises(RegistrationRefused, match='You organise'):
        ops.register_user(host, own_open_day.slots[0])


def test_network_members_register_for_a_network_meeting(db, region, employer, outbox):
    from tests.activities.conftest import make_network_membership

    meeting = make_activity(db, kind='network_meeting', region=region)
    make_network_membership(db, employer.current_organisation, meeting.network)

    assert ops.register_user(employer, meeting.slots[0]).state == RegistrationState.CONFIRMED


# Approval ----------------------------------------------------------------------------------------------

def test_approval_needed_registrations_wait_without_a_seat_and_the_host_is_asked(db, region, employer, coordinator,
                                                                                 outbox):
    activity = make_activity(db, kind='workshop', region=region, requires_approval=True, created_by=coordinator,
                             slots=[{'seats': 1}])
    slot = activity.slots[0]

    registration = ops.register_user(employer, slot)

    assert registration.state == RegistrationState.PENDING
    assert slot.confirmed_count == 0
    assert sorted(m.template for m in outbox) == ['activities/approval_requested', 'activities/registration_pending']
    assert {m.recipient for m in outbox} == {employer.email, coordinator.email}


def test_approving_confirms_while_a_seat_is_free_then_waitlists(db, region, coordinator, outbox):
    activity = make_activity(db, kind='workshop', region=region, requires_approval=True, slots=[{'seats': 1}])
    slot = activity.slots[0]
    first, second = (make_registration(db, slot, user=_employ(db, make_user(db), region.id), state='pending')
                     for _ in range(2))

    ops.approve_registration(coordinator, first)
    ops.approve_registration(coordinator, second)

    assert (first.state, second.state) == (RegistrationState.CONFIRMED, RegistrationState.WAITLISTED)
    assert slot.confirmed_count == 1
    assert [m.template for m in outbox] == ['activities/registration_approved', 'activities/registration_waitlisted']
    assert outbox[0].attachments
    assert len(events(db, 'registration.approve')) == 2
    with pytest.raises(RegistrationRefused, match='not waiting for approval'):
        ops.approve_registration(coordinator, first)


def test_declining_needs_a_reason_and_mails_it(db, region, coordinator, outbox):
    activity = make_activity(db, kind='workshop', region=region, requires_approval=True)
    person = _employ(db, make_user(db, locale='en'), region.id)
    registration = make_registration(db, activity.slots[0], user=person, state='pending')

    with pytest.raises(RegistrationRefused, match='why you decline'):
        ops.decline_registration(coordinator, registration, reason='  ')
    ops.decline_registration(coordinator, registration, reason='Alleen voor leden van het netwerk.')

    assert registration.state == RegistrationState.DECLINED
    [message] = outbox
    assert message.recipient == person.email
    assert 'Alleen voor leden van het netwerk.' in message.body_text
    assert events(db, 'registration.decline')[0].details['has_reason'] is True


def test_only_the_host_or_staff_of_the_region_decide(db, region, employer, other_staff, activity):
    registration = make_registration(db, activity.slots[0], candidate=make_activity_candidate(db, region=region),
                                     state='pending')

    for outsider in (employer, other_staff):
        with pytest.raises(RegistrationRefused, match='Only the host or staff'):
            ops.approve_registration(outsider, registration)


# Job seekers --------------------------------------------------------------------------------------------

def test_staff_register_a_consenting_job_seeker_and_get_the_invitation(db, slot, staff, candidate, outbox):
    registration = ops.register_candidate(staff, slot, candidate)

    assert registration.state == RegistrationState.CONFIRMED
    assert (registration.candidate_id, registration.user_id, registration.registered_by_id) == (
        candidate.id, None, staff.id)
    [message] = outbox
    assert message.recipient == staff.email
    assert candidate.code in message.subject
    assert candidate.first_name not in message.body_text
    assert candidate.code in message.attachments[0]['content']
    assert events(db, 'registration.register')[0].details['candidate_code'] == candidate.code


def test_job_seekers_without_consent_or_not_active_are_refused(db, region, slot, staff):
    without = make_candidate(db, region=region)
    paused = make_activity_candidate(db, region=region, status=CandidateStatus.PAUSED)

    with pytest.raises(RegistrationRefused, match='consent'):
        ops.register_candidate(staff, slot, without)
    with pytest.raises(RegistrationRefused, match='active'):
        ops.register_candidate(staff, slot, paused)


def test_only_staff_of_the_job_seekers_region_register_them(db, slot, candidate, other_staff, host, other_region):
    stranger = make_activity_candidate(db, region=other_region)

    for actor in (other_staff, host):
        with pytest.raises(RegistrationRefused, match='Only staff of the region'):
            ops.register_candidate(actor, slot, candidate)
    with pytest.raises(RegistrationRefused, match='Only staff of the region'):
        ops.register_candidate(other_staff, slot, stranger)  # their own job seeker, another region's activity


def test_job_seekers_go_only_to_activities_for_job_seekers(db, event, staff, candidate):
    with pytest.raises(RegistrationRefused, match='not meant for job seekers'):
        ops.register_candidate(staff, event.slots[0], candidate)


def test_a_job_seeker_registered_twice_is_refused(db, slot, staff, candidate, outbox):
    ops.register_candidate(staff, slot, candidate)

    with pytest.raises(RegistrationRefused, match='already registered'):
        ops.register_candidate(staff, slot, candidate)


# Cancelling -------------------------------------------------------------------------------------------

def test_cancelling_a_seat_promotes_the_first_in_line_and_mails_them(db, event, outbox):
    slot = event.slots[0]
    people = [_employ(db, make_user(db, locale='en'), event.region_id) for _ in range(4)]
    made = [ops.register_user(p, slot) for p in people]
    outbox.clear()

    promoted = ops.cancel_registration(people[0], made[0])

    assert promoted is made[2]
    assert states(slot) == ['cancelled', 'confirmed', 'confirmed', 'waitlisted']
    assert slot.confirmed_count == 2
    assert ops.waitlist_position(made[3]) == 1
    [message] = outbox
    assert (message.recipient, message.template) == (people[2].email, 'activities/registration_promoted')
    assert message.attachments[0]['content_type'].startswith('text/calendar; method=REQUEST')
    assert [e.details['state'] for e in events(db, 'registration.promote')] == ['confirmed']
    assert events(db, 'registration.cancel')[0].details['by_host'] is False


def test_cancelling_a_waiting_place_promotes_nobody(db, event, outbox):
    slot = event.slots[0]
    people = [_employ(db, make_user(db), event.region_id) for _ in range(3)]
    made = [ops.register_user(p, slot) for p in people]

    assert ops.cancel_registration(people[2], made[2]) is None
    assert slot.confirmed_count == 2


def test_a_host_cancelling_gives_a_reason_that_is_mailed(db, slot, host, staff, candidate, outbox):
    registration = ops.register_candidate(staff, slot, candidate)
    outbox.clear()

    with pytest.raises(RegistrationRefused, match='why you cancel'):
        ops.cancel_registration(host, registration)
    ops.cancel_registration(host, registration, reason='De bakkerij is die dag gesloten.')

    assert registration.state == RegistrationState.CANCELLED
    assert registration.cancelled_by_id == host.id
    [message] = outbox
    assert message.recipient == staff.email
    assert 'De bakkerij is die dag gesloten.' in message.body_text
    assert 'METHOD:CANCEL' in message.attachments[0]['content']
    assert events(db, 'registration.cancel')[0].details['by_host'] is True


def test_a_colleague_cancels_without_a_reason_and_who_registered_them_is_told(db, slot, staff, coordinator,
                                                                             candidate, outbox):
    registration = ops.register_candidate(staff, slot, candidate)
    outbox.clear()

    ops.cancel_registration(coordinator, registration)  # a colleague of the same region

    assert registration.state == RegistrationState.CANCELLED
    [message] = outbox
    assert (message.recipient, message.template) == (staff.email, 'activities/registration_cancelled_by_colleague')
    assert candidate.code in message.body_text
    assert coordinator.display_name in message.body_text
    assert 'METHOD:CANCEL' in message.attachments[0]['content']


def test_staff_cancelling_their_own_job_seekers_registration_mail_nobody(db, slot, staff, candidate, outbox):
    registration = ops.register_candidate(staff, slot, candidate)
    outbox.clear()

    ops.cancel_registration(staff, registration)

    assert outbox == []


def test_others_cannot_cancel_and_a_cancelled_one_stays_cancelled(db, event, employer, other_employer, outbox):
    registration = ops.register_user(employer, event.slots[0])

    with pytest.raises(RegistrationRefused, match='cannot cancel'):
        ops.cancel_registration(other_employer, registration)
    ops.cancel_registration(employer, registration)
    with pytest.raises(RegistrationRefused, match='no longer be cancelled'):
        ops.cancel_registration(employer, registration)


def test_a_started_date_cannot_be_cancelled(db, region, employer):
    activity = make_activity(db, kind='workshop', region=region, slots=[{'starts_at': utcnow() - timedelta(hours=1)}])
    registration = make_registration(db, activity.slots[0], user=employer)

    with pytest.raises(RegistrationRefused, match='already started'):
        ops.cancel_registration(employer, registration)


def test_registering_again_after_cancelling_is_allowed(db, event, employer, outbox):
    slot = event.slots[0]
    first = ops.register_user(employer, slot)
    ops.cancel_registration(employer, first)

    again = ops.register_user(employer, slot)

    assert again.state == RegistrationState.CONFIRMED
    assert slot.confirmed_count == 1


# Attendance -------------------------------------------------------------------------------------------

def test_attendance_is_marked_after_the_start_only(db, region, host_organisation, host, staff, candidate):
    past = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() - timedelta(hours=2)}])
    future = make_activity(db, organisation=host_organisation)
    came = make_registration(db, past.slots[0], candidate=candidate, registered_by=staff)
    early = make_registration(db, future.slots[0], candidate=candidate, registered_by=staff)

    ops.mark_attendance(host, came, present=True)
    assert came.state == RegistrationState.ATTENDED
    ops.mark_attendance(staff, came, present=False)  # corrected
    assert came.state == RegistrationState.NO_SHOW
    assert came.attendance_marked_at is not None
    assert past.slots[0].confirmed_count == 1
    assert [e.details['present'] for e in events(db, 'registration.attendance')] == [True, False]
    with pytest.raises(RegistrationRefused, match='once the date has started'):
        ops.mark_attendance(host, early, present=True)


def test_attendance_needs_a_confirmed_registration_and_a_manager(db, region, host_organisation, host, employer,
                                                                 candidate):
    past = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() - timedelta(hours=2)}])
    waiting = make_registration(db, past.slots[0], candidate=candidate, state='waitlisted')

    with pytest.raises(RegistrationRefused, match='Only confirmed'):
        ops.mark_attendance(host, waiting, present=True)
    with pytest.raises(RegistrationRefused, match='Only the host'):
        ops.mark_attendance(employer, waiting, present=True)


# Cancelling the activity ---------------------------------------------------------------------------------

def test_cancelling_the_activity_cancels_and_mails_everyone_registered(db, region, host_organisation, host, staff,
                                                                       outbox):
    activity = make_activity(db, organisation=host_organisation, created_by=host,
                             slots=[{'seats': 1}, {'days_ahead': 14}, {'starts_at': utcnow() - timedelta(days=1)}])
    past, first, second = activity.slots  # in order of time
    seated = make_registration(db, first, candidate=make_activity_candidate(db, region=region), registered_by=staff)
    waiting = make_registration(db, first, candidate=make_activity_candidate(db, region=region), registered_by=staff,
                                state='waitlisted')
    later = make_registration(db, second, candidate=make_activity_candidate(db, region=region), registered_by=staff)
    attended = make_registration(db, past, candidate=make_activity_candidate(db, region=region), registered_by=staff,
                                 state='attended')

    with pytest.raises(RegistrationRefused, match='Give a reason'):
        ops.cancel_activity(host, activity, reason='')
    count = ops.cancel_activity(host, activity, reason='Wegens ziekte gaat het niet door.')

    assert count == 3
    assert activity.state == PostingState.CANCELLED
    assert activity.cancel_reason == 'Wegens ziekte gaat het niet door.'
    assert {r.state for r in (seated, waiting, later)} == {RegistrationState.CANCELLED}
    assert attended.state == RegistrationState.ATTENDED
    assert (first.confirmed_count, second.confirmed_count, past.confirmed_count) == (0, 0, 1)
    assert [m.template for m in outbox] == ['activities/activity_cancelled'] * 3
    assert {m.recipient for m in outbox} == {staff.email}
    assert [bool(m.attachments) for m in outbox] == [True, False, True]  # the waiting one never had a seat
    assert all('STATUS:CANCELLED' in m.attachments[0]['content'] for m in outbox if m.attachments)
    [row] = events(db, 'activity.cancel')
    assert sorted(row.details['registration_ids']) == sorted([seated.id, waiting.id, later.id])
    with pytest.raises(RegistrationRefused, match='cannot be cancelled'):
        ops.cancel_activity(host, activity, reason='Nogmaals')


def test_cancelling_an_activity_under_review_calls_off_the_review(db, host_organisation, host):
    from portal.models.moderation import PostingKind, Review, ReviewState

    activity = make_activity(db, organisation=host_organisation, state='pending')
    review = Review(posting_kind=PostingKind.ACTIVITY, posting_id=activity.id, organisation_id=host_organisation.id,
                    region_id=activity.region_id, snapshot=activity.snapshot())
    db.session.add(review)
    db.session.flush()

    assert ops.cancel_activity(host, activity, reason='Toch niet') == 0
    assert review.state == ReviewState.CANCELLED


def test_only_managers_cancel_an_activity(db, activity, employer):
    with pytest.raises(RegistrationRefused, match='Only the host'):
        ops.cancel_activity(employer, activity, reason='Nee')


def test_seats_are_recounted_from_the_registrations(db, event, employer, outbox):
    slot = event.slots[0]
    ops.register_user(employer, slot)
    slot.confirmed_count = 0  # drifted, somehow
    db.session.flush()

    assert ops.recount(slot) == 1
    assert db.session.scalar(select(ActivitySlot.confirmed_count).where(ActivitySlot.id == slot.id)) == 1


# helpers ----------------------------------------------------------------------------------------------------

def _employ(db, user, region_id):
    """Make `user` work for a new verified organisation of the region."""
    from portal.models.tenancy import Region
    from tests.factories import make_organisation

    region = db.session.get(Region, region_id)
    make_organisation(db, region=region, owner=user)
    db.session.refresh(user)
    return user


def make_employer_of(db, region):
    return _employ(db, make_user(db, locale='en'), region.id)
