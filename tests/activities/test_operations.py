"""Offering activities (operations.py, operations_slots.py): who may offer what, drafts, submitting, publishing,
changing dates and place with the mail it causes, removing and cancelling a date, withdrawing and deleting."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.activities import operations as ops
from portal.blueprints.activities.offering import ActivityRefused
from portal.blueprints.activities.operations_slots import new_slot
from portal.blueprints.demand import moderation
from portal.blueprints.demand.moderation import ModerationRefused
from portal.core.dbtypes import utcnow
from portal.extensions import db as _db
from portal.models.activities import Activity, ActivitySlot, Audience, Registration, RegistrationState
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from portal.models.network import Network
from tests.activities.conftest import events, make_activity, make_activity_candidate, make_registration
from tests.factories import make_organisation, make_staff, make_user

pytestmark = pytest.mark.usefixtures('request_context', 'host_organisation')


def row(days: float = 7, hours: float = 3, seats: int = 10, slot_id: int | None = None, **extra) -> dict:
    starts = (utcnow() + timedelta(days=days)).replace(second=0, microsecond=0)
    return {'id': slot_id, 'remove': False, 'starts_at': starts, 'ends_at': starts + timedelta(hours=hours),
            'seats': seats, 'registration_closes_at': starts - timedelta(days=1), **extra}


def same(slot: ActivitySlot, **changes) -> dict:
    """A row that leaves `slot` as it is, except for `changes`."""
    values = {'id': slot.id, 'remove': False, 'starts_at': slot.starts_at, 'ends_at': slot.ends_at,
              'seats': slot.seats, 'registration_closes_at': slot.registration_closes_at}
    return {**values, **changes}


def fields(**changes) -> dict:
    values = {'kind': 'job_shadowing', 'title': 'Meeloopdag bij de bakker', 'description': 'Een dag meebakken.',
              'location': 'Industrieweg 1, Hardenberg', 'online_url': None, 'audience': 'job_seekers',
              'requires_approval': False, 'network_id': None, 'agenda': None, 'minutes': None}
    return {**values, **changes}


def fields_of(activity: Activity, **changes) -> dict:
    values = {name: getattr(activity, name) for name in ops.FIELDS}
    values['kind'], values['audience'] = activity.kind.value, activity.audience.value
    return {**values, **changes}


# Creating --------------------------------------------------------------------------------------------

def test_an_employer_saves_a_draft_with_several_dates(db, host, host_organisation):
    activity = ops.create_activity(host, slots=[row(7), row(14), row(21, seats=4)], **fields())

    assert activity.state == PostingState.DRAFT
    assert activity.organisation_id == host_organisation.id
    assert activity.region_id == host_organisation.region_id
    assert [s.seats for s in activity.slots] == [10, 10, 4]
    assert activity.published_snapshot is None
    [event] = events(db, 'activity.create')
    assert event.details == {'kind': 'job_shadowing', 'audience': 'job_seekers', 'slots': 3}


def test_an_employer_sends_an_offer_for_review(db, host):
    activity = ops.create_activity(host, slots=[row()], send=True, **fields())

    assert activity.state == PostingState.PENDING
    review = activity.pending_review
    assert review.posting_kind == PostingKind.ACTIVITY
    assert review.snapshot['title'] == 'Meeloopdag bij de bakker'
    assert len(review.snapshot['slots']) == 1
    assert events(db, 'activity.submit')


def test_an_unverified_organisation_keeps_drafts_but_cannot_send(db, region):
    user = make_user(db, locale='en')
    make_organisation(db, region=region, owner=user, status='pending')
    db.session.refresh(user)

    draft = ops.create_activity(user, slots=[row()], **fields())
    assert draft.state == PostingState.DRAFT
    with pytest.raises(ModerationRefused):
        ops.create_activity(user, slots=[row()], send=True, **fields())


@pytest.mark.parametrize('changes', [
    {'kind': 'network_meeting'},
    {'audience': 'network'},
])
def test_an_employer_offers_only_employer_kinds_and_audiences(db, host, changes):
    with pytest.raises(ActivityRefused):
        ops.create_activity(host, slots=[row()], **fields(**changes))


def test_an_accountmanager_organises_a_workshop_for_job_seekers_that_is_published_at_once(db, staff):
    activity = ops.create_activity(staff, slots=[row()], send=True, **fields(kind='workshop'))

    assert activity.state == PostingState.PUBLISHED
    assert activity.organisation_id is None
    assert activity.region_id == staff.staff_region_id
    assert activity.published_snapshot['title'] == 'Meeloopdag bij de bakker'
    assert activity.pending_review is None
    [event] = events(db, 'activity.publish')
    assert event.actor_id == staff.id


def test_an_accountmanager_cannot_organise_for_others_than_job_seekers(db, staff):
    with pytest.raises(ActivityRefused):
        ops.create_activity(staff, slots=[row()], **fields(kind='workshop', audience='signed_in'))


def test_a_coordinator_plans_a_network_meeting_for_its_members(db, coordinator, region):
    network = Network(region_id=region.id, name='Vechtdalkamer')
    db.session.add(network)
    db.session.flush()

    activity = ops.create_activity(coordinator, slots=[row()], send=True,
                                   **fields(kind='network_meeting', audience='signed_in', network_id=network.id,
                                            agenda='1. Opening'))

    assert activity.audience == Audience.NETWORK
    assert activity.network_id == network.id
    assert activity.organisation_id is None
    assert activity.agenda == '1. Opening'
    assert activity.state == PostingState.PUBLISHED


def test_the_chair_organisation_plans_meetings_of_its_network_without_review(db, host, host_organisation, region):
    network = Network(region_id=region.id, name='Vechtdalkamer', chair_organisation_id=host_organisation.id)
    other = Network(region_id=region.id, name='Ander netwerk')
    db.session.add_all([network, other])
    db.session.flush()

    activity = ops.create_activity(host, slots=[row()], send=True,
                                   **fields(kind='network_meeting', network_id=network.id))

    assert activity.organisation_id == host_organisation.id
    assert activity.state == PostingState.PUBLISHED
    assert activity.pending_review is None
    with pytest.raises(ActivityRefused):
        ops.create_activity(host, slots=[row()], **fields(kind='network_meeting', network_id=other.id))


@pytest.mark.parametrize(('changes', 'rows'), [
    ({'location': None, 'online_url': None}, None),
    ({'location': None, 'online_url': 'http://meet.example.nl/abc'}, None),
    ({}, []),
    ({}, [row(days=-1)]),
    ({}, [row(hours=-1)]),
    ({}, [row(seats=0)]),
    ({}, [row(seats=501)]),
    ({}, [row(registration_closes_at=utcnow() + timedelta(days=30))]),
])
def test_what_an_activity_needs(db, host, changes, rows):
    with pytest.raises(ActivityRefused):
        ops.create_activity(host, slots=[row()] if rows is None else rows, **fields(**changes))
    assert db.session.scalar(select(Activity.id)) is None


def test_an_online_activity_needs_no_address(db, host):
    activity = ops.create_activity(host, slots=[row()], **fields(location=None,
                                                                 online_url='https://meet.example.nl/abc'))
    assert activity.online_url == 'https://meet.example.nl/abc'


# Changing -------------------------------------------------------------------------------------------

def test_moving_a_published_date_mails_everyone_registered_with_the_new_details(db, activity, host, staff, employer,
                                                                                outbox):
    slot = activity.slots[0]
    activity.audience = Audience.SIGNED_IN
    seated = make_registration(db, slot, user=employer)
    waiting = make_registration(db, slot, user=make_user(db, locale='en'), state='waitlisted')
    job_seeker = make_registration(db, slot, candidate=make_activity_candidate(db, region=staff.region),
                                   registered_by=staff)
    make_registration(db, slot, user=make_user(db), state='cancelled')
    later = slot.starts_at + timedelta(days=2)

    outcome = ops.update_activity(host, activity, slots=[same(slot, starts_at=later,
                                                               ends_at=later + timedelta(hours=2))],
                                  **fields_of(activity))

    assert outcome == 'saved'
    assert slot.starts_at == later
    assert activity.published_snapshot['slots'][0]['starts_at'] == later.isoformat()
    mails = {m.recipient: m for m in outbox}
    assert set(mails) == {employer.email, waiting.user.email, staff.email}
    assert all(m.template == 'activities_host/details_changed' for m in outbox)
    assert mails[employer.email].attachments
    assert 'BEGIN:VEVENT' in mails[employer.email].attachments[0]['content']
    assert not mails[waiting.user.email].attachments
    assert job_seeker.candidate.code in mails[staff.email].body_text
    [event] = events(db, 'activity.details_changed')
    assert event.details['slot_ids'] == [slot.id]
    assert event.details['place_changed'] is False
    assert sorted(event.details['registration_ids']) == sorted([seated.id, waiting.id, job_seeker.id])


def test_a_new_place_of_a_staff_event_mails_the_registered_of_every_date_to_come(db, region, staff, outbox):
    activity = make_activity(db, region=region, created_by=staff, audience='job_seekers')
    second = new_slot(activity, row(14), utcnow())
    db.session.flush()
    first = activity.slots[0]
    make_registration(db, first, candidate=make_activity_candidate(db, region=staff.region), registered_by=staff)
    make_registration(db, second, candidate=make_activity_candidate(db, region=staff.region), registered_by=staff)

    outcome = ops.update_activity(staff, activity, slots=[], **fields_of(activity, location='Nieuwe Weg 2, Ommen'))

    assert outcome == 'saved'
    assert activity.public.location == 'Nieuwe Weg 2, Ommen'
    assert activity.published_snapshot['location'] == 'Nieuwe Weg 2, Ommen'

    assert [m.template for m in outbox] == ['activities_host/details_changed'] * 2
    assert all('Nieuwe Weg 2, Ommen' in m.body_text for m in outbox)
    [event] = events(db, 'activity.details_changed')
    assert event.details['place_changed'] is True


def test_a_draft_changes_without_mail(db, host, outbox):
    activity = ops.create_activity(host, slots=[row()], **fields())
    slot = activity.slots[0]

    ops.update_activity(host, activity, slots=[same(slot, starts_at=slot.starts_at + timedelta(hours=1),
                                                    ends_at=slot.ends_at + timedelta(hours=1))],
                        **fields_of(activity, title='Nieuwe titel'))

    assert activity.title == 'Nieuwe titel'
    assert outbox == []
    [event] = events(db, 'activity.update')
    assert event.details['fields'] == ['title']
    assert event.details['slots_moved'] == [slot.id]


def test_more_places_go_to_the_waiting_list_at_once(db, activity, host, outbox):
    slot = activity.slots[0]
    slot.seats = 1
    make_registration(db, slot, user=make_user(db))
    waiting = make_registration(db, slot, user=make_user(db, locale='en'), state='waitlisted')

    ops.update_activity(host, activity, slots=[same(slot, seats=2)], **fields_of(activity))

    assert waiting.state == RegistrationState.CONFIRMED
    assert slot.confirmed_count == 2
    assert [m.template for m in outbox] == ['activities/registration_promoted']


def test_fewer_places_than_people_seated_is_refused(db, activity, host):
    slot = activity.slots[0]
    for _ in range(3):
        make_registration(db, slot, user=make_user(db))

    with pytest.raises(ActivityRefused, match='3 (people|mensen)'):
        ops.update_activity(host, activity, slots=[same(slot, seats=2)], **fields_of(activity))


def test_a_date_with_registrations_is_not_removed_but_an_empty_one_is(db, activity, host):
    busy = activity.slots[0]
    empty = new_slot(activity, row(14), utcnow())
    db.session.flush()
    make_registration(db, busy, user=make_user(db))

    with pytest.raises(ActivityRefused, match='cannot simply be removed'):
        ops.update_activity(host, activity, slots=[{'id': busy.id, 'remove': True}], **fields_of(activity))
    ops.update_activity(host, activity, slots=[{'id': empty.id, 'remove': True}], **fields_of(activity))

    assert [s.id for s in activity.slots] == [busy.id]
    with pytest.raises(ActivityRefused):
        ops.update_activity(host, activity, slots=[{'id': busy.id, 'remove': True}], **fields_of(activity))


def test_a_date_of_another_activity_is_not_touched(db, activity, host):
    other = make_activity(db, region=activity.organisation.region, kind='workshop')
    with pytest.raises(ActivityRefused):
        ops.update_activity(host, activity, slots=[{'id': other.slots[0].id, 'remove': True}],
                            **fields_of(activity))


def test_a_published_activity_keeps_its_kind_and_audience(db, activity, host):
    with pytest.raises(ActivityRefused, match='cannot change'):
        ops.update_activity(host, activity, slots=[], **fields_of(activity, audience='signed_in'))
    with pytest.raises(ActivityRefused, match='cannot change'):
        ops.update_activity(host, activity, slots=[], **fields_of(activity, kind='company_tour'))


def test_only_the_host_changes_an_activity(db, activity, employer, staff):
    with pytest.raises(ActivityRefused):
        ops.update_activity(employer, activity, slots=[], **fields_of(activity))
    with pytest.raises(ActivityRefused):
        ops.update_activity(staff, activity, slots=[], **fields_of(activity))


def test_a_draft_sent_after_changes_waits_for_review(db, host):
    activity = ops.create_activity(host, slots=[row()], **fields())
    outcome = ops.update_activity(host, activity, slots=[], send=True, **fields_of(activity))
    assert outcome == 'submitted'
    assert activity.state == PostingState.PENDING


# Publishing, withdrawing, deleting ---------------------------------------------------------------------------

def test_an_employers_offer_is_never_published_without_review(db, host):
    activity = ops.create_activity(host, slots=[row()], **fields())
    with pytest.raises(ActivityRefused):
        ops.publish_activity(host, activity)
    assert activity.state == PostingState.DRAFT


def test_a_staff_draft_is_published_by_a_colleague_of_the_region(db, staff, region):
    activity = ops.create_activity(staff, slots=[row()], **fields(kind='workshop'))
    colleague = make_staff(db, region=region)

    ops.publish_activity(colleague, activity)

    assert activity.state == PostingState.PUBLISHED
    with pytest.raises(ActivityRefused):
        ops.publish_activity(colleague, activity)


def test_an_offer_waiting_for_review_is_withdrawn_and_its_review_cancelled(db, host):
    activity = ops.create_activity(host, slots=[row()], send=True, **fields())
    review = activity.pending_review

    ops.withdraw_activity(host, activity)

    assert activity.state == PostingState.WITHDRAWN
    assert review.state == ReviewState.CANCELLED
    assert events(db, 'activity.withdraw')


def test_a_published_offer_is_cancelled_not_withdrawn(db, activity, host):
    with pytest.raises(ActivityRefused):
        ops.withdraw_activity(host, activity)
    with pytest.raises(ModerationRefused, match='cancelled instead'):
        moderation.withdraw(host, activity)
    assert activity.state == PostingState.PUBLISHED


def test_a_draft_never_sent_is_deleted_with_its_dates(db, host):
    activity = ops.create_activity(host, slots=[row(), row(8)], **fields())
    activity_id = activity.id

    ops.delete_activity(host, activity)

    assert _db.session.get(Activity, activity_id) is None
    assert db.session.scalar(select(ActivitySlot.id).where(ActivitySlot.activity_id == activity_id)) is None
    [event] = events(db, 'activity.delete')
    assert event.details == {'title': 'Meeloopdag bij de bakker'}


def test_a_sent_offer_is_not_deleted(db, host):
    activity = ops.create_activity(host, slots=[row()], send=True, **fields())
    with pytest.raises(ActivityRefused):
        ops.delete_activity(host, activity)
    assert db.session.scalar(select(Review.id).where(Review.posting_id == activity.id)) is not None


# Cancelling one date ------------------------------------------------------------------------------------

def test_cancelling_a_date_cancels_its_registrations_with_the_reason_and_keeps_it_marked(db, activity, host, outbox):
    slot = activity.slots[0]
    keep = new_slot(activity, row(14), utcnow())
    slot.seats = 1
    people = [make_user(db, locale='en') for _ in range(3)]
    seated = make_registration(db, slot, user=people[0])
    waiting = [make_registration(db, slot, user=person, state='waitlisted') for person in people[1:]]
    slot_id = slot.id

    count = ops.cancel_slot(host, slot, reason='De bakkerij is verbouwd.')

    assert count == 3
    assert [s.id for s in activity.dates] == [keep.id]
    assert db.session.get(ActivitySlot, slot_id).cancelled_at is not None
    assert {r.state for r in [seated, *waiting]} == {RegistrationState.CANCELLED}
    assert slot.confirmed_count == 0
    assert {m.recipient for m in outbox} == {p.email for p in people}
    assert all(m.template == 'activities/registration_cancelled' for m in outbox)
    assert all('De bakkerij is verbouwd.' in m.body_text for m in outbox)
    # nobody on the waiting list was handed the seat on the way out
    assert not [m for m in outbox if m.template == 'activities/registration_promoted']
    [event] = events(db, 'activity.cancel_slot')
    assert event.details['registration_ids'] == [waiting[0].id, waiting[1].id, seated.id]
    assert event.details['has_reason'] is True
    assert activity.published_snapshot['slots'] == activity.snapshot()['slots']


def test_a_colleague_who_registered_a_job_seeker_hears_of_the_cancelled_date(db, activity, staff, region, outbox):
    new_slot(activity, row(14), utcnow())
    slot = activity.slots[0]
    colleague = make_staff(db, region=region, locale='en')
    candidate = make_activity_candidate(db, region=region, accountmanager=colleague)
    make_registration(db, slot, candidate=candidate, registered_by=colleague)

    ops.cancel_slot(staff, slot, reason='Er zijn te weinig begeleiders.')

    [message] = outbox
    assert message.recipient == colleague.email
    assert candidate.code in message.body_text


@pytest.mark.parametrize('problem', ['only_date', 'no_reason', 'started', 'not_host'])
def test_when_a_date_cannot_be_cancelled(db, activity, host, employer, problem, outbox):
    slot = activity.slots[0]
    if problem != 'only_date':
        new_slot(activity, row(14), utcnow())
    if problem == 'started':
        slot.starts_at = utcnow() - timedelta(hours=1)
        slot.registration_closes_at = slot.starts_at
    registration = make_registration(db, slot, user=make_user(db))
    actor = employer if problem == 'not_host' else host

    with pytest.raises(ActivityRefused):
        ops.cancel_slot(actor, slot, reason='' if problem == 'no_reason' else 'Een reden.')

    assert registration.state == RegistrationState.CONFIRMED
    assert outbox == []
    assert db.session.scalar(select(Registration.id).where(Registration.slot_id == slot.id)) == registration.id
