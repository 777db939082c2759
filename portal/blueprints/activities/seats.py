"""The seat mechanics every registration operation shares, always under the slot's row lock.

`lock_slot` takes the locks (SELECT … FOR KEY SHARE of the activity, then FOR UPDATE of the slot on PostgreSQL)
and re-reads both; everything after it decides on fresh data and `recount` sets `confirmed_count` from the
seated registrations before commit.
Plain functions; they flush and never commit.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.blueprints.activities import notices
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import (
    SEATED_STATES,
    Activity,
    ActivitySlot,
    Registration,
    RegistrationState,
    waitlist_order,
)
from portal.models.moderation import PostingState

#: a registration in these states can still be cancelled (before the date starts)
CANCELLABLE_STATES = frozenset({RegistrationState.PENDING, RegistrationState.CONFIRMED,
                                RegistrationState.WAITLISTED})
#: an activity in these states can be called off
CANCELLABLE_ACTIVITY_STATES = frozenset({PostingState.PUBLISHED, PostingState.PENDING,
                                         PostingState.CHANGES_REQUESTED})


class RegistrationRefused(OperationRefused):
    pass


def lock_activity(activity_id: int) -> Activity:
    """The activity re-read with its row locked for a change (before any of its slots' locks)."""
    activity = Activity.locked(activity_id)
    if activity is None:
        raise RegistrationRefused(_l('This activity no longer exists.'))
    return activity


def lock_slot(slot_id: int) -> ActivitySlot:
    """The slot and its activity re-read under their locks: the activity's first (shared, so registrations on
    other dates go on), then the slot's. A registration that waited here for `cancel_activity` sees it cancelled."""
    activity_id = db.session.scalar(select(ActivitySlot.activity_id).where(ActivitySlot.id == slot_id))
    activity = Activity.locked(activity_id, share=True) if activity_id is not None else None
    slot = ActivitySlot.locked(slot_id) if activity is not None else None
    if slot is None:  # deleted while we looked
        raise RegistrationRefused(_l('This date no longer exists.'))
    return slot


def reread(registration: Registration) -> Registration:
    """The registration as committed now: read after the slot's lock, so nobody changes it under us."""
    db.session.refresh(registration)
    return registration


def recount(slot: ActivitySlot) -> int:
    """Set `confirmed_count` from the seated registrations (call with the slot locked)."""
    db.session.flush()
    slot.confirmed_count = db.session.scalar(
        select(func.count(Registration.id)).where(Registration.slot_id == slot.id,
                                                  Registration.state.in_(SEATED_STATES)))
    db.session.flush()
    return slot.confirmed_count


def audit(action: str, actor: User | None, registration: Registration, **details) -> None:
    slot = registration.slot
    details = {'slot_id': slot.id, 'activity_id': slot.activity_id, 'state': registration.state.value, **details}
    if registration.candidate is not None:
        details['candidate_code'] = registration.candidate.code
    record_event(action, actor=actor, obj=registration, region_id=slot.activity.region_id, details=details)


def seat_or_wait(slot: ActivitySlot, registration: Registration, now: datetime) -> None:
    if slot.confirmed_count < slot.seats:
        registration.state = RegistrationState.CONFIRMED
        registration.confirmed_at = now
        slot.confirmed_count += 1  # recount() makes it exact before commit
    else:
        registration.state = RegistrationState.WAITLISTED
        registration.waitlisted_at = now  # the line's order: behind everyone already waiting


def add_registration(slot: ActivitySlot, now: datetime, **registrant) -> Registration:
    registration = Registration(**registrant)
    if slot.activity.public.requires_approval:
        registration.state = RegistrationState.PENDING
    else:
        seat_or_wait(slot, registration, now)
    try:
        with db.session.begin_nested():
            registration.slot = slot
            db.session.add(registration)
            db.session.flush()
    except IntegrityError as exc:
        # the partial unique index: this person is already on this date (a double click, a second tab)
        raise RegistrationRefused(_l('This person is already registered for this date.')) from exc
    recount(slot)
    return registration


def promote_waiting(slot: ActivitySlot, now: datetime | None = None) -> list[Registration]:
    """Give free seats to the first in line (the slot must be locked), and tell them with the invitation."""
    now = now or utcnow()
    promoted = []
    taken = recount(slot)  # a seat just freed counts even when nobody moves up
    if slot.activity.state != PostingState.PUBLISHED or slot.is_cancelled or slot.starts_at <= now:
        return promoted
    free = slot.seats - taken
    if free <= 0:
        return promoted
    waiting = list(db.session.scalars(
        select(Registration).where(Registration.slot_id == slot.id, Registration.state == RegistrationState.WAITLISTED)
        .order_by(*waitlist_order()).limit(free).with_for_update()))
    for registration in waiting:
        registration.state = RegistrationState.CONFIRMED
        registration.confirmed_at = now
        promoted.append(registration)
    recount(slot)
    for registration in promoted:
        audit('registration.promote', None, registration)
        notices.tell_registrant(registration, 'registration_promoted', attach=True)
    return promoted
