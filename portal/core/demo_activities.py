"""Demo activities for `flask seed-demo`: every kind of activity in both demo regions (portal/data/demo_activities.py),
the Vechtdalkamer's meetings among them, with dates in the coming weeks and in the past, and who comes.

Everything goes through the operations, run `as_of` the moment it happened and without mail: offering (and the
review, or publishing), registering (seats, the waiting list, approval, cancellation, promotion), attendance,
the host's feedback (the competence form for practice interviews) and ratings. Two things the operations only
do for dates to come are written with the rows they write: an activity whose first date is past (its review as
the demand seeder writes a posting's) and the registrations for past dates (through the same seat mechanics).
One fixed seed gives the same result on every machine; an activity whose title its region already has is left
alone, so running it again adds nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.blueprints.activities import followup, notices, registrations
from portal.blueprints.activities import operations as offer_ops
from portal.blueprints.activities.seats import add_registration, audit, recount, seat_or_wait
from portal.blueprints.caseload.operations import record_consent
from portal.blueprints.demand import moderation
from portal.core import demo_caseload, demo_demand  # noqa: F401 (the caseload is seeded first: its job seekers come)
from portal.core.audit import record_event
from portal.core.dbtypes import today, utcnow
from portal.core.demo import seeder
from portal.core.demo_network import as_of, demo_network, local, weekday
from portal.data import demo_activities as data
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import (
    Activity,
    ActivityKind,
    ActivitySlot,
    Audience,
    Registration,
    RegistrationState,
)
from portal.models.caseload import Candidate, CandidateStatus, ConsentScope
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation
from portal.models.tenancy import Region

SEED = 'kansenkamer-demo-activities'
#: job seekers consenting to activities a region needs for the demo's registrations
AT_LEAST = 40
R = RegistrationState


@dataclass
class Stage:
    """What the seeder knows while it fills one region."""

    region: Region
    rng: random.Random
    now: datetime
    #: active job seekers who consented to activities
    pool: list[Candidate]
    staff: User | None
    made: dict[str, int] = field(default_factory=lambda: {'activities': 0, 'dates': 0, 'registrations': 0})

    def between(self, start: datetime, end: datetime, count: int) -> list[datetime]:
        """`count` moments between `start` and `end`, in order, whole minutes."""
        span = max((end - start).total_seconds(), 60)
        return sorted((start + timedelta(seconds=self.rng.uniform(0, span))).replace(second=0, microsecond=0)
                      for _ in range(count))


def eligible(region_id: int) -> list[Candidate]:
    """Job seekers staff may register for activities and pair with a buddy, by id."""
    candidates = db.session.scalars(
        select(Candidate).where(Candidate.region_id == region_id, Candidate.status == CandidateStatus.ACTIVE,
                                Candidate.anonymised_at.is_(None))
        .options(selectinload(Candidate.consents)).order_by(Candidate.id))
    return [c for c in candidates if c.has_consent(ConsentScope.ACTIVITIES)]


def ensure_consents(region: Region, at_least: int = AT_LEAST) -> int:
    """Record consent to activities for active job seekers (lowest ids first) until `at_least` have it."""
    short = at_least - len(eligible(region.id))
    if short <= 0:
        return 0
    lacking = [c for c in db.session.scalars(
        select(Candidate).where(Candidate.region_id == region.id, Candidate.status == CandidateStatus.ACTIVE,
                                Candidate.anonymised_at.is_(None), Candidate.accountmanager_id.is_not(None))
        .order_by(Candidate.id)) if not c.has_consent(ConsentScope.ACTIVITIES)][:short]
    for candidate in lacking:
        with as_of(utcnow() - timedelta(days=60)):
            record_consent(candidate.accountmanager, candidate, scope=ConsentScope.ACTIVITIES.value,
                           given_on=today() - timedelta(days=60))
    return len(lacking)


# Activities ------------------------------------------------------------------------------------------

def _host(spec: dict[str, Any]) -> tuple[Organisation | None, User | None]:
    if '@' in spec['host']:
        return None, User.by_email(spec['host'])
    organisation = Organisation.by_kvk(spec['host'])
    return organisation, organisation.owner if organisation is not None else None


def _rows(stage: Stage, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The dates as the offer form gives them: a weekday, registration closing the day before."""
    rows = []
    for date_spec in spec['dates']:
        day = weekday(today(stage.now) + timedelta(days=date_spec['day']), forward=date_spec['day'] > 0)
        starts = local(day, date_spec['at'])
        rows.append({'starts_at': starts, 'ends_at': starts + timedelta(hours=date_spec['hours']),
                     'seats': date_spec['seats'], 'registration_closes_at': starts - timedelta(days=1)})
    return rows


def _create(stage: Stage, spec: dict[str, Any]) -> Activity | None:
    """The activity, offered and moderated (or published) through the operations on the days it happened.

    The offer operation takes dates to come only: an activity whose first date lies in the past is written with
    the rows those operations write, its review as the demand seeder writes a posting's.
    """
    organisation, maker = _host(spec)
    network = demo_network(stage.region.slug, spec['network']) if spec['network'] else None
    if maker is None or (spec['network'] and network is None):
        return None
    rows = _rows(stage, spec)
    age = max(spec['age'], 14 - min(d['day'] for d in spec['dates']))  # published well before its first date
    made, submitted = stage.now - timedelta(days=age + 2), stage.now - timedelta(days=age)
    fields = {'kind': spec['kind'], 'audience': spec['audience'], 'network_id': network.id if network else None,
              'title': spec['title'], 'description': spec['description'], 'location': spec['location'],
              'online_url': spec['online_url'], 'requires_approval': spec['approval'], 'agenda': spec['agenda'],
              'minutes': spec['minutes']}
    state = 'published' if spec['state'] == 'cancelled' else spec['state']
    moderated = organisation is not None and spec['kind'] != ActivityKind.NETWORK_MEETING
    if min(row['starts_at'] for row in rows) <= stage.now:
        return _written(stage, organisation, maker, network, rows, fields, state, age)
    with as_of(made):
        activity = offer_ops.create_activity(maker, slots=rows, **fields)
    if moderated and state != 'draft':
        with as_of(submitted):
            offer_ops.submit_activity(maker, activity)
        if state == 'published':
            with as_of(submitted + demo_demand.DECIDED_AFTER):
                moderation.approve(stage.staff, activity)
    elif state == 'published':
        with as_of(submitted):
            offer_ops.publish_activity(maker, activity)
    return activity


def _written(stage: Stage, organisation: Organisation | None, maker: User, network, rows: list[dict[str, Any]],
             fields: dict[str, Any], state: str, age: int) -> Activity:
    made = stage.now - timedelta(days=age + 2)
    activity = Activity(region_id=stage.region.id, organisation=organisation, network=network, created_by=maker,
                        state=PostingState.DRAFT, created_at=made, updated_at=made,
                        **{**fields, 'kind': ActivityKind(fields['kind']), 'audience': Audience(fields['audience'])})
    activity.slots = [ActivitySlot(confirmed_count=0, **row) for row in rows]
    db.session.add(activity)
    db.session.flush()
    demo_demand._event('create', maker, activity, made, kind=activity.kind.value, audience=activity.audience.value,
                       slots=len(activity.slots))
    if organisation is not None and activity.kind != ActivityKind.NETWORK_MEETING:
        lookups = demo_demand.Lookups(organisations={}, occupations={}, skills={}, municipalities={},
                                      reviewers={stage.region.id: stage.staff}, now=stage.now)
        demo_demand._moderate(activity, {'state': state, 'age': age, 'reason': None, 'revision': {}}, maker, lookups)
    elif state == 'published':
        published = stage.now - timedelta(days=age)
        activity.state, activity.published_at = PostingState.PUBLISHED, published
        activity.published_snapshot = activity.snapshot()
        demo_demand._event('publish', maker, activity, published, slots=len(activity.slots))
    activity.updated_at = activity.published_at or activity.submitted_at or made
    db.session.flush()
    return activity


# Who comes -------------------------------------------------------------------------------------------

def _registrants(stage: Stage, spec: dict[str, Any], since: datetime) -> list[User | Candidate]:
    """The users of the spec, or job seekers who were in the caseload `since` then."""
    if spec['users']:
        return [user for user in map(User.by_email, spec['users']) if user is not None]
    known = [c for c in stage.pool if c.created_at < since]
    return stage.rng.sample(known, k=min(spec['register'], len(known)))


def _staff_of(stage: Stage, candidate: Candidate) -> User | None:
    manager = candidate.accountmanager
    return manager if manager is not None and manager.staff_region_id == stage.region.id else stage.staff


def _register_ahead(stage: Stage, activity: Activity, slot: ActivitySlot, spec: dict[str, Any],
                    until: datetime) -> list[Registration]:
    """Registrations for a date to come, through the operations: seats, then the waiting list; then the host's
    approvals and refusals, and cancellations (which promote the first in line)."""
    host = notices.host_contact(activity)
    start = activity.published_at + timedelta(hours=2)
    people = _registrants(stage, spec, start)
    moments = iter(stage.between(start, until,
                                 len(people) + spec['approve'] + spec['decline'] + spec['cancel']))
    made = []
    for person in people:
        with as_of(next(moments)):
            if isinstance(person, User):
                made.append(registrations.register_user(person, slot))
            else:
                made.append(registrations.register_candidate(_staff_of(stage, person), slot, person))
    pending = [r for r in made if r.state == R.PENDING]
    for registration in pending[:spec['approve']]:
        with as_of(next(moments)):
            registrations.approve_registration(host, registration)
    for registration in pending[spec['approve']:spec['approve'] + spec['decline']]:
        with as_of(next(moments)):
            registrations.decline_registration(host, registration, reason=stage.rng.choice(data.DECLINE_REASONS))
    for registration in [r for r in made if r.state == R.CONFIRMED][:spec['cancel']]:
        actor = registration.user or _staff_of(stage, registration.candidate)
        with as_of(next(moments)):
            registrations.cancel_registration(actor, registration, reason=stage.rng.choice(data.CANCEL_REASONS))
    return made


def _came(stage: Stage, activity: Activity, slot: ActivitySlot, spec: dict[str, Any]) -> list[Registration]:
    """A past date: registrations through the seat mechanics (approved where the host approves), the reminder,
    attendance, the host's feedback on each job seeker who came, and the ratings of those who came."""
    host = notices.host_contact(activity)
    start = max(activity.published_at + timedelta(hours=2), slot.starts_at - timedelta(days=20))
    people = _registrants(stage, spec, start)
    made = []
    for person, when in zip(people, stage.between(start, slot.starts_at - timedelta(days=2), len(people)),
                            strict=True):
        with as_of(when):
            if isinstance(person, User):
                registration = add_registration(slot, when, user=person, registered_by=person)
            else:
                registration = add_registration(slot, when, candidate=person, registered_by=_staff_of(stage, person))
            audit('registration.register', registration.registered_by, registration)
        if registration.state == R.PENDING:
            with as_of(when + timedelta(hours=3)):
                seat_or_wait(slot, registration, when + timedelta(hours=3))
                recount(slot)
                audit('registration.approve', host, registration)
        made.append(registration)
    with as_of(slot.starts_at - timedelta(days=1)):
        slot.reminder_sent_at = slot.starts_at - timedelta(days=1)
        record_event('activity.remind', actor=None, obj=activity,
                     details={'slot_id': slot.id, 'registrations': len(made), 'mails': len(made)})
    absent = set(stage.rng.sample(range(len(made)), k=min(spec['no_show'], len(made))))
    with as_of(min(slot.ends_at + timedelta(hours=1), stage.now)):
        for index, registration in enumerate(made):
            registrations.mark_attendance(host, registration, present=index not in absent)
    for registration in made:
        if registration.state == R.ATTENDED:
            _after(stage, activity, slot, host, registration)
    return made


def _after(stage: Stage, activity: Activity, slot: ActivitySlot, host: User, registration: Registration) -> None:
    """The host's feedback on a job seeker who came, or the rating of an attendee who signed up themselves."""
    rng = stage.rng
    with as_of(min(slot.ends_at + timedelta(days=1, hours=rng.randint(0, 30)), stage.now - timedelta(hours=1))):
        if registration.candidate is None:
            followup.rate_activity(registration.user, registration, rating=rng.randint(3, 5),
                                   comment=rng.choice(data.RATING_COMMENTS))
        elif activity.kind == ActivityKind.PRACTICE_INTERVIEW:
            answers = {key: rng.randint(2, 5) for key in followup.COMPETENCE_KEYS}
            followup.save_feedback(host, registration, answers={
                **answers, 'points_to_work_on': rng.choice(data.INTERVIEW_POINTS), 'would_invite': rng.random() < 0.6})
        else:
            answers = dict(zip(followup.GENERAL_KEYS, rng.choice(data.GENERAL_FEEDBACK), strict=True))
            followup.save_feedback(host, registration,
                                   answers={**answers, 'next_step': rng.choice(data.FEEDBACK_NEXT_STEPS)})


def _fill(stage: Stage, activity: Activity, spec: dict[str, Any]) -> None:
    cancelled = spec['state'] == 'cancelled'
    until = stage.now - timedelta(days=3 if cancelled else 0, hours=1)
    for slot, date_spec in zip(activity.slots, spec['dates'], strict=True):
        stage.made['dates'] += 1
        if activity.state != PostingState.PUBLISHED:
            continue
        if slot.starts_at < stage.now:
            made = _came(stage, activity, slot, date_spec)
        else:
            made = _register_ahead(stage, activity, slot, date_spec, until)
        stage.made['registrations'] += len(made)
    if cancelled:
        with as_of(stage.now - timedelta(days=2)):
            registrations.cancel_activity(notices.host_contact(activity), activity, reason=spec['cancel_reason'])


def seed_region(region: Region, specs: list[dict[str, Any]], now: datetime) -> dict[str, int]:
    staff = User.by_email(demo_demand.REVIEWERS.get(region.slug, ''))
    consents = ensure_consents(region)
    stage = Stage(region=region, rng=random.Random(f'{SEED}-{region.slug}'), now=now,  # noqa: S311 (demo data)
                  pool=eligible(region.id), staff=staff)
    stage.made['consents'] = consents
    existing = set(db.session.scalars(select(Activity.title).where(Activity.region_id == region.id)))
    for spec in specs:
        if spec['title'] in existing:
            continue
        activity = _create(stage, spec)
        if activity is not None:
            stage.made['activities'] += 1
            _fill(stage, activity, spec)
    return stage.made


@seeder
def seed_activities() -> str:
    now = utcnow()
    totals = {'activities': 0, 'dates': 0, 'registrations': 0, 'consents': 0}
    for slug in dict.fromkeys(spec['region'] for spec in data.ACTIVITIES):
        region = Region.by_slug(slug)
        if region is None or User.by_email(demo_demand.REVIEWERS.get(slug, '')) is None:
            continue
        made = seed_region(region, [spec for spec in data.ACTIVITIES if spec['region'] == slug], now)
        for key, count in made.items():
            totals[key] += count
    return (f'activities: {totals["activities"]} activities with {totals["dates"]} dates and '
            f'{totals["registrations"]} registrations created; {totals["consents"]} job seekers consented to '
            f'activities')
