"""`flask seed-demo` adds activities of every kind in both demo regions: dates to come (some nearly full, one full
with a waiting list), an offer that needs approval, one waiting for review, a draft, a cancelled one, and past
dates with attendance, feedback and ratings; registrations hold exactly the seats they count. Running it again
changes nothing (also for the network and buddy data, counted here) and no mail is queued."""

import json
import re
from collections import Counter
from datetime import timedelta

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.blueprints.network.queries_members import meetings
from portal.core.demo_activities import ensure_consents
from portal.core.demo_demand import REVIEWERS
from portal.data import demo_activities as data
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import (
    SEATED_STATES,
    Activity,
    ActivityFeedback,
    ActivityKind,
    ActivitySlot,
    Audience,
    FeedbackForm,
    Registration,
    RegistrationState,
)
from portal.models.audit import AuditEvent
from portal.models.buddies import BuddyOffer, BuddyPairing
from portal.models.caseload import CandidateConsent, CandidateStatus, ConsentScope
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from portal.models.network import Network, NetworkMembership, NetworkPledge
from portal.models.organisations import Organisation
from portal.models.outbox import OutboxMessage
from portal.models.tenancy import Region
from tests.core.conftest import app_on_database, empty_database
from tests.factories import make_candidate, make_region, make_staff

MODELS = (Activity, ActivitySlot, Registration, ActivityFeedback, Review, AuditEvent, CandidateConsent, Organisation,
          NetworkMembership, NetworkPledge, BuddyOffer, BuddyPairing, User)
R = RegistrationState
DATES = sum(len(spec['dates']) for spec in data.ACTIVITIES)


def seed(app: Flask):
    with app.app_context():
        return app.test_cli_runner().invoke(args=['seed-demo'])


def counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in MODELS}


@pytest.fixture(scope='module')
def seeded(tmp_path_factory):
    """One database of the run's kind seeded twice for the module: what each run said and the counts after each."""
    monkeypatch = pytest.MonkeyPatch()
    with empty_database(tmp_path_factory.mktemp('activities'), 'activities') as url, \
            app_on_database(url, monkeypatch) as app:
        with app.app_context():
            flask_migrate.upgrade()
        first = seed(app)
        with app.app_context():
            after_first = counts()
        second = seed(app)
        with app.app_context():
            after_second = counts()
        yield app, first, second, after_first, after_second
    monkeypatch.undo()


@pytest.fixture
def ctx(seeded):
    with seeded[0].app_context():
        yield
        db.session.rollback()


def activities(**where) -> list[Activity]:
    query = select(Activity).order_by(Activity.id)
    for name, value in where.items():
        query = query.where(getattr(Activity, name) == value)
    return list(db.session.scalars(query))


def slots() -> list[ActivitySlot]:
    return list(db.session.scalars(select(ActivitySlot).order_by(ActivitySlot.id)))


def now():
    from portal.core.dbtypes import utcnow
    return utcnow()


def test_seed_demo_reports_what_it_made_and_then_nothing(seeded):
    _, first, second, _, _ = seeded
    assert first.exit_code == 0, first.output
    assert f'activities: {len(data.ACTIVITIES)} activities with {DATES} dates and ' in first.output
    assert f'buddies: {len(data.BUDDY_OFFERS)} offers and {len(data.PAIRINGS)} pairings created' in first.output
    assert (f'network: {len(data.ORGANISATIONS)} organisations added; Vechtdalkamer got {len(data.NEW_MEMBERS)} '
            f'members, {len(data.DIRECTORY)} directory entries, {len(data.PLEDGES)} pledges for this year and 1 '
            'request to join') in first.output
    assert second.exit_code == 0, second.output
    assert ('activities: 0 activities with 0 dates and 0 registrations created; 0 job seekers consented to '
            'activities') in second.output
    assert 'buddies: 0 offers and 0 pairings created' in second.output
    assert 'Vechtdalkamer got 0 members, 0 directory entries, 0 pledges for this year and 0 request to join' \
        in second.output


def test_running_it_twice_changes_nothing_and_sends_no_mail(seeded, ctx):
    _, first, _, after_first, after_second = seeded
    assert after_first == after_second
    assert after_first['Activity'] == len(data.ACTIVITIES)
    assert after_first['ActivitySlot'] == DATES
    made = int(re.search(r'(\d+) registrations created', first.output).group(1))
    assert after_first['Registration'] >= made > 100  # the buddies seeder adds the steps job seekers took
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0


# Activities ------------------------------------------------------------------------------------------

def test_every_kind_is_published_in_both_regions_and_every_state_appears(ctx):
    for slug in ('vechtdal', 'drechtsteden'):
        region = Region.by_slug(slug)
        published = activities(region_id=region.id, state=PostingState.PUBLISHED)
        assert {a.kind for a in published} == set(ActivityKind), slug
        assert any(a.organisation_id is None and a.kind == ActivityKind.WORKSHOP for a in published)  # the region's
    states = Counter(a.state for a in activities())
    assert states[PostingState.PENDING] == states[PostingState.DRAFT] == states[PostingState.CANCELLED] == 1
    assert {a.audience for a in activities()} == set(Audience)
    assert any(a.online_url and not a.location for a in activities())


def test_every_registration_state_appears_and_seats_hold(ctx):
    assert set(db.session.scalars(select(Registration.state).distinct())) == set(RegistrationState)
    for slot in slots():
        seated = [r for r in slot.registrations if r.state in SEATED_STATES]
        assert slot.confirmed_count == len(seated) <= slot.seats, slot.id
        if slot.registrations and slot.activity.state == PostingState.PUBLISHED:
            # a seat left free while people wait would have gone to the first in line
            assert not (slot.free_seats and slot.waiting_count and slot.starts_at > now()), slot.id


def test_one_full_date_has_exactly_its_seats_confirmed_and_a_waiting_list_and_some_are_nearly_full(ctx):
    upcoming = [s for s in slots() if s.starts_at > now() and s.activity.state == PostingState.PUBLISHED]
    full = [s for s in upcoming if s.waiting_count]
    assert len(full) == 1
    [slot] = full
    confirmed = [r for r in slot.registrations if r.state == R.CONFIRMED]
    assert len(confirmed) == slot.confirmed_count == slot.seats
    waiting = sorted((r for r in slot.registrations if r.state == R.WAITLISTED), key=lambda r: r.id)
    assert [r.waitlist_position for r in waiting] == list(range(1, len(waiting) + 1))
    assert len(waiting) >= 2
    # someone cancelled and the first in line moved up
    assert any(r.state == R.CANCELLED for r in slot.registrations)
    promoted = db.session.scalars(select(AuditEvent.object_id).where(AuditEvent.action == 'registration.promote'))
    assert {int(i) for i in promoted} & {r.id for r in confirmed}
    nearly_full = [s for s in upcoming if 0 < s.free_seats <= 2 and s.confirmed_count >= s.seats / 2]
    assert len(nearly_full) >= 4


def test_werkgever_hosts_a_meeloopdag_on_six_dates_to_come(ctx):
    organisation = User.by_email('werkgever@demo.kansenkamer.nl').current_organisation
    [meeloopdag] = [a for a in activities(organisation_id=organisation.id) if a.kind == ActivityKind.JOB_SHADOWING]
    assert meeloopdag.state == PostingState.PUBLISHED
    assert sum(s.starts_at > now() for s in meeloopdag.slots) == 6
    assert all(s.starts_at.weekday() < 5 for s in meeloopdag.slots)
    assert any(s.starts_at < now() for s in meeloopdag.slots)


def test_employers_offers_went_through_review_and_staff_events_were_published_directly(ctx):
    reviewers = {User.by_email(email).id for email in REVIEWERS.values()}
    for activity in activities():
        reviews = list(db.session.scalars(select(Review).where(Review.posting_kind == PostingKind.ACTIVITY,
                                                               Review.posting_id == activity.id)))
        actions = set(db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.object_type == 'Activity', AuditEvent.object_id == str(activity.id))))
        assert 'activity.create' in actions
        moderated = activity.organisation_id is not None and activity.kind != ActivityKind.NETWORK_MEETING
        if activity.state == PostingState.DRAFT:
            assert reviews == []
            assert activity.published_at is None
        elif activity.state == PostingState.PENDING:
            assert [r.state for r in reviews] == [ReviewState.PENDING]
        elif moderated:
            [review] = reviews
            assert review.state == ReviewState.APPROVED
            assert review.decided_by_id in reviewers
            assert activity.published_snapshot == review.snapshot
            assert 'activity.approve' in actions
        else:
            assert reviews == []
            assert 'activity.publish' in actions
        if activity.published_at is not None:
            assert activity.published_at < min(s.starts_at for s in activity.slots) - timedelta(days=10)


def test_the_cancelled_activity_cancelled_everyone_and_told_why(ctx):
    [activity] = activities(state=PostingState.CANCELLED)
    assert activity.cancelled_at is not None
    assert activity.cancel_reason
    registrations = [r for s in activity.slots for r in s.registrations]
    assert len(registrations) >= 3
    assert all(r.state == R.CANCELLED and r.cancel_reason == activity.cancel_reason for r in registrations)
    assert all(s.confirmed_count == 0 for s in activity.slots)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == 'activity.cancel'))
    assert sorted(event.details['registration_ids']) == sorted(r.id for r in registrations)


def test_the_offer_that_needs_approval_has_requests_waiting_and_one_declined(ctx):
    [activity] = [a for a in activities(state=PostingState.PUBLISHED) if a.requires_approval]
    upcoming = [r for s in activity.slots if s.starts_at > now() for r in s.registrations]
    states = Counter(r.state for r in upcoming)
    assert states[R.PENDING] >= 2
    assert states[R.CONFIRMED] >= 2
    [declined] = [r for r in upcoming if r.state == R.DECLINED]
    assert declined.cancel_reason


def test_past_dates_have_attendance_feedback_and_ratings(ctx):
    past = [s for s in slots() if s.starts_at < now()]
    assert len(past) >= 10
    for slot in past:
        assert slot.activity.state == PostingState.PUBLISHED
        assert slot.registrations
        assert slot.reminder_sent_at is not None
        for registration in slot.registrations:
            assert registration.state in (R.ATTENDED, R.NO_SHOW)
            assert slot.starts_at < registration.attendance_marked_at < now()
            if registration.candidate is not None:
                assert (registration.feedback is not None) == (registration.state == R.ATTENDED)
            else:
                assert (registration.rating is not None) == (registration.state == R.ATTENDED)
    interviews = [r.feedback for s in past for r in s.registrations
                  if r.feedback and s.activity.kind == ActivityKind.PRACTICE_INTERVIEW]
    assert len(interviews) >= 4
    for feedback in interviews:
        assert feedback.form == FeedbackForm.PRACTICE_INTERVIEW
        assert all(1 <= feedback.answers[key] <= 5
                   for key in ('preparation', 'presentation', 'motivation', 'questions_asked'))
        assert isinstance(feedback.answers['would_invite'], bool)
        assert feedback.answers['points_to_work_on']
        assert feedback.author_id == feedback.registration.slot.activity.organisation.owner.id
    general = db.session.scalars(select(ActivityFeedback).where(ActivityFeedback.form == FeedbackForm.GENERAL))
    assert all(f.answers['next_step'] and f.answers['how_it_went'] for f in general)
    ratings = [r.rating for s in past for r in s.registrations if r.rating]
    assert len(ratings) >= 10
    assert set(ratings) <= {1, 2, 3, 4, 5}
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == 'activity_feedback.created')) == db.session.scalar(select(func.count(ActivityFeedback.id)))


def test_job_seekers_registered_are_active_consenting_and_of_the_region(ctx):
    registered = [r for r in db.session.scalars(select(Registration)) if r.candidate is not None]
    assert len({r.candidate_id for r in registered}) >= 60
    for registration in registered:
        candidate, activity = registration.candidate, registration.slot.activity
        assert activity.audience == Audience.JOB_SEEKERS
        assert candidate.region_id == activity.region_id == registration.registered_by.staff_region_id
        assert candidate.status == CandidateStatus.ACTIVE
        assert candidate.has_consent(ConsentScope.ACTIVITIES)
        assert candidate.created_at < registration.created_at < registration.slot.starts_at
    users = [r for r in db.session.scalars(select(Registration)) if r.user is not None]
    assert all(r.slot.activity.audience != Audience.JOB_SEEKERS and r.registered_by_id == r.user_id for r in users)


def test_the_network_meetings_two_past_with_minutes_two_to_come_and_werkgever2_is_coming(ctx):
    network = db.session.scalar(select(Network).where(Network.name == 'Vechtdalkamer'))
    upcoming, past = meetings([network.id])
    assert len(upcoming) == len(past) == 2
    assert all(m.activity.agenda and m.activity.minutes for m in past)
    assert all(m.activity.agenda and not m.activity.minutes for m in upcoming)
    assert all(m.activity.audience == Audience.NETWORK for m in upcoming + past)
    assert network.chair_organisation_id == upcoming[0].activity.organisation_id
    werkgever2 = User.by_email('werkgever2@demo.kansenkamer.nl')
    coming = [r for m in upcoming for s in m.activity.slots for r in s.registrations if r.user_id == werkgever2.id]
    assert [r.state for r in coming] == [R.CONFIRMED]
    drechtsteden = db.session.scalar(select(Network).where(Network.name == 'Drechtsteden Werkt'))
    assert meetings([drechtsteden.id])[0]


def test_every_registration_and_its_steps_are_audited_and_dated_in_the_past(ctx):
    registrations = list(db.session.scalars(select(Registration)))
    audited = Counter(int(i) for i in db.session.scalars(select(AuditEvent.object_id).where(
        AuditEvent.action == 'registration.register')))
    assert all(audited[r.id] == 1 for r in registrations)
    marked = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == 'registration.attendance'))
    assert marked == sum(r.state in (R.ATTENDED, R.NO_SHOW) for r in registrations)
    latest = db.session.scalar(select(func.max(AuditEvent.occurred_at)).where(
        AuditEvent.action.like('registration.%') | AuditEvent.action.like('activity%')))
    assert latest < now() - timedelta(minutes=30)  # each step is dated when it happened, not when it was seeded
    for registration in registrations:
        assert registration.created_at < now() - timedelta(minutes=30)
        if registration.confirmed_at:
            assert registration.created_at <= registration.confirmed_at < registration.slot.starts_at


def test_no_job_seekers_first_name_in_anything_a_host_sees(ctx):
    def texts(value) -> str:
        return json.dumps(value, ensure_ascii=False) if value is not None else ''

    for registration in db.session.scalars(select(Registration).where(Registration.candidate_id.is_not(None))):
        name = re.compile(rf'\b{re.escape(registration.candidate.first_name)}\b')
        activity = registration.slot.activity
        seen = [registration.cancel_reason, registration.rating_comment, activity.title, activity.description,
                activity.location, activity.cancel_reason,
                texts(registration.feedback.answers if registration.feedback else None)]
        assert not any(name.search(text or '') for text in seen), registration.id
    for pairing in db.session.scalars(select(BuddyPairing)):
        name = re.compile(rf'\b{re.escape(pairing.candidate.first_name)}\b')
        seen = [pairing.meeting_place, pairing.strengths, pairing.to_work_on, pairing.next_step_note,
                pairing.stop_reason]
        assert not any(name.search(text or '') for text in seen), pairing.id
        assert (pairing.shared_name is not None) == pairing.has_identity


# Consent to activities -----------------------------------------------------------------------------------

def test_ensure_consents_records_consent_for_the_first_active_job_seekers_only_until_enough_have_it(db):
    region = make_region(db)
    staff = make_staff(db, region=region)
    candidates = [make_candidate(db, region=region, accountmanager=staff) for _ in range(4)]
    candidates[2].status = CandidateStatus.PAUSED
    db.session.flush()
    assert ensure_consents(region, at_least=2) == 2
    consenting = [c for c in candidates if c.has_consent(ConsentScope.ACTIVITIES)]
    assert consenting == [candidates[0], candidates[1]]
    rows = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == 'candidate.consent_recorded',
                                                            AuditEvent.region_id == region.id)))
    assert {int(row.object_id) for row in rows} == {candidates[0].id, candidates[1].id}
    assert all(row.details['scope'] == 'activities' and row.occurred_at < now() - timedelta(days=59) for row in rows)
    assert ensure_consents(region, at_least=2) == 0
    assert ensure_consents(region, at_least=3) == 1
    assert candidates[3].has_consent(ConsentScope.ACTIVITIES)
    assert not candidates[2].has_consent(ConsentScope.ACTIVITIES)
