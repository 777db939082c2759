"""What the activity pages read: the activities a user may see (as SQL, equal to policy.can_see for published
ones), the list's filters, the host's own offers, a date's counts and the ratings.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.core.dbtypes import TIMEZONE, utcnow
from portal.extensions import db
from portal.models.activities import (
    Activity,
    ActivityKind,
    ActivitySlot,
    Audience,
    Registration,
    RegistrationState,
    waitlist_order,
)
from portal.models.moderation import PostingState
from portal.models.network import NetworkMembership, NetworkMemberStatus
from portal.models.organisations import Organisation

PER_PAGE = 20
#: registrations a cancellation reaches
CANCELLABLE = (RegistrationState.PENDING, RegistrationState.CONFIRMED, RegistrationState.WAITLISTED)


def visible_clause(user):
    """A condition on Activity: the user may see it once it is published (policy.can_see, as one WHERE)."""
    if not user.is_authenticated:
        return false()
    conditions = []
    if user.staff_region_id is not None:
        conditions.append(Activity.region_id == user.staff_region_id)
    memberships = user.active_memberships
    if memberships:
        # the host's own people
        conditions.append(Activity.organisation_id.in_([m.organisation_id for m in memberships]))
    verified = [m.organisation for m in memberships if m.organisation.is_verified]
    if user.is_email_verified and verified:
        conditions.append(and_(Activity.region_id.in_({o.region_id for o in verified}),
                               Activity.audience.in_([Audience.EMPLOYERS, Audience.SIGNED_IN])))
        networks = select(NetworkMembership.network_id).where(
            NetworkMembership.organisation_id.in_([o.id for o in verified]),
            NetworkMembership.status == NetworkMemberStatus.ACTIVE)
        conditions.append(and_(Activity.network_id.in_(networks),
                               Activity.audience.in_([Audience.NETWORK, Audience.EMPLOYERS, Audience.SIGNED_IN])))
    # whoever registered keeps seeing it
    conditions.append(exists(select(Registration.id).join(ActivitySlot).where(
        ActivitySlot.activity_id == Activity.id, Registration.user_id == user.id)))
    return or_(*conditions)


@dataclass
class Filters:
    kind: ActivityKind | None = None
    municipality_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    free_only: bool = False
    #: staff: job-seeker activities of their region that are still open for registration
    for_job_seekers: bool = False


def _moment(day: date, end_of_day: bool = False) -> datetime:
    return datetime.combine(day, time.max if end_of_day else time.min, tzinfo=TIMEZONE)


def _upcoming_slots(filters: Filters, now: datetime):
    """The dates that make an activity show: still to end, within the date range, with places if asked."""
    conditions = [ActivitySlot.ends_at > now, ActivitySlot.cancelled_at.is_(None)]
    if filters.date_from:
        conditions.append(ActivitySlot.starts_at >= _moment(filters.date_from))
    if filters.date_to:
        conditions.append(ActivitySlot.starts_at <= _moment(filters.date_to, end_of_day=True))
    if filters.free_only or filters.for_job_seekers:
        conditions += [ActivitySlot.confirmed_count < ActivitySlot.seats, ActivitySlot.registration_closes_at > now,
                       ActivitySlot.starts_at > now]
    return conditions


def listing(user, filters: Filters, page: int, now: datetime | None = None) -> Pagination:
    """Published activities the user may see with a date to come (matching the filters), the soonest first."""
    now = now or utcnow()
    next_start = (select(ActivitySlot.activity_id, func.min(ActivitySlot.starts_at).label('next_start'))
                  .where(*_upcoming_slots(filters, now)).group_by(ActivitySlot.activity_id).subquery())
    query = (select(Activity).join(next_start, next_start.c.activity_id == Activity.id)
             .where(Activity.state == PostingState.PUBLISHED, visible_clause(user))
             .options(joinedload(Activity.organisation), selectinload(Activity.slots), selectinload(Activity.network))
             .order_by(next_start.c.next_start, Activity.id))
    if filters.kind is not None:
        query = query.where(Activity.kind == filters.kind)
    if filters.municipality_id is not None:
        query = query.where(Activity.organisation_id.in_(
            select(Organisation.id).where(Organisation.municipality_id == filters.municipality_id)))
    if filters.for_job_seekers:
        query = query.where(Activity.audience == Audience.JOB_SEEKERS, Activity.region_id == user.staff_region_id)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def upcoming_slots(activity: Activity, now: datetime | None = None) -> list[ActivitySlot]:
    now = now or utcnow()
    return [slot for slot in activity.dates if slot.ends_at > now]


def my_offers(user) -> list[Activity]:
    """The host's list: their current organisation's activities; for staff, their region's own events."""
    if user.is_staff:
        condition = and_(Activity.region_id == user.staff_region_id, Activity.organisation_id.is_(None))
    else:
        organisation = user.current_organisation
        if organisation is None:
            return []
        condition = Activity.organisation_id == organisation.id
    return list(db.session.scalars(select(Activity).where(condition).options(selectinload(Activity.slots))
                                   .order_by(Activity.updated_at.desc(), Activity.id.desc())))


@dataclass
class SlotCounts:
    confirmed: int = 0
    waiting: int = 0
    pending: int = 0
    attended: int = 0
    no_show: int = 0


def slot_counts(activity: Activity) -> dict[int, SlotCounts]:
    """Per date: places taken, waiting list, waiting for approval, attended and absent (one query)."""
    counts = {slot.id: SlotCounts() for slot in activity.dates}
    rows = db.session.execute(
        select(Registration.slot_id, Registration.state, func.count(Registration.id))
        .join(ActivitySlot).where(ActivitySlot.activity_id == activity.id)
        .group_by(Registration.slot_id, Registration.state))
    names = {RegistrationState.CONFIRMED: 'confirmed', RegistrationState.WAITLISTED: 'waiting',
             RegistrationState.PENDING: 'pending', RegistrationState.ATTENDED: 'attended',
             RegistrationState.NO_SHOW: 'no_show'}
    for slot_id, state, count in rows:
        name = names.get(RegistrationState(state))
        if name is not None and slot_id in counts:
            setattr(counts[slot_id], name, count)
    return counts


def live_count(activity: Activity, slot: ActivitySlot | None = None, now: datetime | None = None) -> int:
    """Registrations still in play on the dates to come (or on `slot`): who hears of a cancellation."""
    query = (select(func.count(Registration.id)).join(ActivitySlot)
             .where(ActivitySlot.activity_id == activity.id, ActivitySlot.starts_at > (now or utcnow()),
                    ActivitySlot.cancelled_at.is_(None), Registration.state.in_(CANCELLABLE)))
    if slot is not None:
        query = query.where(ActivitySlot.id == slot.id)
    return db.session.scalar(query)


@dataclass
class Listed:
    """The registrations of some dates for the host's list: per date in order, each with its registrant loaded, and
    the waiting-list position of each who waits."""

    rows: dict[int, list[Registration]]
    positions: dict[int, int]


def listed_registrations(slots: list[ActivitySlot]) -> Listed:
    """Two queries (and two to load the registrants) for any number of dates and registrations."""
    ids = [slot.id for slot in slots]
    rows = {slot_id: [] for slot_id in ids}
    if not ids:
        return Listed(rows, {})
    for registration in db.session.scalars(
            select(Registration).where(Registration.slot_id.in_(ids))
            .options(selectinload(Registration.candidate), selectinload(Registration.user))
            .order_by(Registration.slot_id, Registration.id)):
        rows[registration.slot_id].append(registration)
    position = func.row_number().over(partition_by=Registration.slot_id, order_by=waitlist_order())
    positions = dict(db.session.execute(
        select(Registration.id, position).where(Registration.slot_id.in_(ids),
                                                Registration.state == RegistrationState.WAITLISTED)).all())
    return Listed(rows, positions)


@dataclass
class Ratings:
    count: int
    average: float | None
    #: (rating, comment, when) of the ratings with a comment, newest first
    comments: list[tuple[int, str, datetime]]


def ratings(activity: Activity) -> Ratings:
    rated = list(db.session.execute(
        select(Registration.rating, Registration.rating_comment, Registration.rated_at).join(ActivitySlot)
        .where(ActivitySlot.activity_id == activity.id, Registration.rating.is_not(None))
        .order_by(Registration.rated_at.desc(), Registration.id.desc())))
    if not rated:
        return Ratings(0, None, [])
    average = round(sum(r.rating for r in rated) / len(rated), 1)
    return Ratings(len(rated), average, [(r.rating, r.rating_comment, r.rated_at) for r in rated if r.rating_comment])


def own_attended(user, activity: Activity) -> list[Registration]:
    """The user's own registrations for this activity that they attended: each may be rated."""
    if not user.is_authenticated:
        return []
    return list(db.session.scalars(
        select(Registration).join(ActivitySlot)
        .where(ActivitySlot.activity_id == activity.id, Registration.user_id == user.id,
               Registration.state == RegistrationState.ATTENDED)
        .options(joinedload(Registration.slot)).order_by(ActivitySlot.starts_at)))


def attended_job_seekers(activity: Activity) -> list[Registration]:
    """Job seekers who attended a date of the activity (the host writes feedback on each), with their feedback."""
    return list(db.session.scalars(
        select(Registration).join(ActivitySlot)
        .where(ActivitySlot.activity_id == activity.id, Registration.candidate_id.is_not(None),
               Registration.state == RegistrationState.ATTENDED)
        .options(joinedload(Registration.candidate), joinedload(Registration.feedback), joinedload(Registration.slot))
        .order_by(ActivitySlot.starts_at, Registration.id)))
