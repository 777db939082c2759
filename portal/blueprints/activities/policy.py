"""Who may see an activity, register for one of its dates, and manage its registrations.

One place for these rules: the views, the operations and the templates all ask here. An activity
outside the user's reach does not exist for them (404); a date they may see but not register for
gets a reason they can read (`registration_block`).
"""

from datetime import datetime

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.activities import LIVE_STATES, Activity, ActivitySlot, Audience, Registration
from portal.models.moderation import PostingState
from portal.models.network import NetworkMembership, NetworkMemberStatus

#: states in which people outside the host see the activity
VISIBLE_STATES = frozenset({PostingState.PUBLISHED, PostingState.CANCELLED})


def is_staff_of_region(user, activity: Activity) -> bool:
    return user.is_authenticated and user.staff_region_id is not None and user.staff_region_id == activity.region_id


def is_host(user, activity: Activity) -> bool:
    """The host organisation's people; for the region's own events, the region's staff."""
    return activity.is_own(user)


def can_manage(user, activity: Activity) -> bool:
    """Approve, decline and cancel registrations, mark attendance, cancel the activity: host or staff of region."""
    return is_host(user, activity) or is_staff_of_region(user, activity)


def works_in_region(user, region_id: int) -> bool:
    """A verified user with an active membership of a verified organisation of the region."""
    if not user.is_authenticated or not user.is_email_verified:
        return False
    return any(m.organisation.region_id == region_id and m.organisation.is_verified for m in user.active_memberships)


def in_network(user, activity: Activity) -> bool:
    """A member of a verified organisation that sits in the activity's network."""
    if activity.network_id is None or not user.is_authenticated or not user.is_email_verified:
        return False
    organisation_ids = [m.organisation_id for m in user.active_memberships if m.organisation.is_verified]
    if not organisation_ids:
        return False
    return db.session.scalar(
        select(NetworkMembership.id).where(NetworkMembership.network_id == activity.network_id,
                                           NetworkMembership.organisation_id.in_(organisation_ids),
                                           NetworkMembership.status == NetworkMemberStatus.ACTIVE).limit(1)) is not None


def in_audience(user, activity: Activity) -> bool:
    """Whether the user is someone the activity is for (job seekers never sign in: staff register them)."""
    if activity.audience == Audience.JOB_SEEKERS:
        return False
    if activity.audience == Audience.NETWORK:
        return in_network(user, activity) or is_staff_of_region(user, activity)
    if activity.audience == Audience.EMPLOYERS:
        return works_in_region(user, activity.region_id) or in_network(user, activity)
    # everyone signed in, within the region: its staff, its organisations' people, the network's members
    return (is_staff_of_region(user, activity) or works_in_region(user, activity.region_id)
            or in_network(user, activity))


def can_see(user, activity: Activity) -> bool:
    """Host and staff of the region always; the audience once it is published (or called off)."""
    if not user.is_authenticated:
        return False
    if can_manage(user, activity):
        return True
    if activity.state not in VISIBLE_STATES:
        return False
    return in_audience(user, activity) or has_registration(user, activity)


def has_registration(user, activity: Activity) -> bool:
    """The user registered for one of its dates (they keep seeing it, even if they left the audience since)."""
    return db.session.scalar(
        select(Registration.id).join(ActivitySlot)
        .where(ActivitySlot.activity_id == activity.id, Registration.user_id == user.id).limit(1)) is not None


def can_register_candidates(user, activity: Activity) -> bool:
    """Staff of the region, for a published activity whose audience is job seekers."""
    return (is_staff_of_region(user, activity) and activity.audience == Audience.JOB_SEEKERS
            and activity.state == PostingState.PUBLISHED)


def live_registration(slot: ActivitySlot, *, user=None, candidate=None) -> Registration | None:
    """The registration still in play for this person on this date, if any."""
    query = select(Registration).where(Registration.slot_id == slot.id, Registration.state.in_(LIVE_STATES))
    if user is not None:
        query = query.where(Registration.user_id == user.id)
    else:
        query = query.where(Registration.candidate_id == candidate.id)
    return db.session.scalar(query.limit(1))


def slot_block(slot: ActivitySlot, now: datetime | None = None) -> str | None:
    """Why nobody can register for this date now (cancelled, the date called off, not published, started,
    closed), or None."""
    now = now or utcnow()
    activity = slot.activity
    if activity.state == PostingState.CANCELLED:
        return str(_l('This activity has been cancelled.'))
    if slot.is_cancelled:
        return str(_l('This date has been cancelled.'))
    if activity.state != PostingState.PUBLISHED:
        return str(_l('This activity is not open for registration.'))
    if slot.starts_at <= now:
        return str(_l('This date has already started.'))
    if slot.registration_closes_at <= now:
        return str(_l('Registration closed on %(moment)s.', moment=format_datetime(slot.registration_closes_at,
                                                                                  'd MMMM y, HH:mm')))
    return None


def registration_block(user, slot: ActivitySlot, now: datetime | None = None, *, audience: bool | None = None,
                       registered: bool | None = None) -> str | None:
    """None when `user` may register themselves for `slot` now; otherwise why not, to show them.

    A page listing many dates passes what it read once for all of them: whether the user is in the activity's
    `audience`, and whether they are `registered` for this date already.
    """
    if not user.is_authenticated:
        return str(_l('Sign in to register.'))
    activity = slot.activity
    blocked = slot_block(slot, now)
    if blocked is not None:
        return blocked
    if activity.audience == Audience.JOB_SEEKERS:
        return str(_l('Job seekers take part through their accountmanager, who registers them.'))
    if activity.organisation_id is not None and is_host(user, activity):
        return str(_l('You organise this activity.'))
    if not user.is_email_verified:
        return str(_l('Confirm your email address first: open the link in the mail we sent you.'))
    if not (in_audience(user, activity) if audience is None else audience):
        return str(_l('This activity is not open to you.'))
    if (live_registration(slot, user=user) is not None) if registered is None else registered:
        return str(_l('You are already registered for this date.'))
    return None


def can_cancel(user, registration: Registration) -> bool:
    """The registrant, staff of the job seeker's region (who registered them), or whoever manages the activity."""
    if not user.is_authenticated:
        return False
    return is_own_registration(user, registration) or can_manage(user, registration.slot.activity)


def is_own_registration(user, registration: Registration) -> bool:
    """The user's own, or (for staff) a job seeker of their region's caseload."""
    if registration.user_id is not None:
        return registration.user_id == user.id
    return user.staff_region_id is not None and user.staff_region_id == registration.candidate.region_id


def can_view_registration(user, registration: Registration) -> bool:
    return can_cancel(user, registration)
