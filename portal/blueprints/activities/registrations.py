"""Registrations that hold: seats, the waiting list, approval, cancellation and attendance.

Every change to who holds a seat locks the slot's row first (`lock_slot`: the activity's row FOR KEY SHARE, then
the slot's FOR UPDATE on PostgreSQL), re-reads what it decides on, then recounts `confirmed_count` in the same
transaction. So registrations from several app servers for one date queue up on that row and each sees the seats
the one before it took; the CHECK `confirmed_count <= seats` refuses anything that slips past, and the partial
unique indexes refuse a second live registration of one person. A full date puts people on the waiting list (in
the order they joined it); a freed seat goes to the first in line at once. Calling a whole activity off is in
calling_off.py.

Plain functions; the actor is passed in; they flush and never commit.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.activities import notices, policy
from portal.blueprints.activities.calling_off import cancel_activity  # noqa: F401 (part of this API)
from portal.blueprints.activities.seats import (  # noqa: F401 (promote_waiting, recount: part of this API)
    CANCELLABLE_ACTIVITY_STATES,
    CANCELLABLE_STATES,
    RegistrationRefused,
    add_registration,
    audit,
    lock_slot,
    promote_waiting,
    recount,
    reread,
    seat_or_wait,
)
from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import (
    SEATED_STATES,
    Activity,
    ActivitySlot,
    Audience,
    Registration,
    RegistrationState,
)
from portal.models.caseload import Candidate, CandidateStatus, ConsentScope
from portal.models.moderation import PostingState

#: why cancel_future_registrations cancels someone's registrations
LEAVING_REASONS = frozenset({'account_deleted', 'account_disabled', 'consent_withdrawn', 'left_caseload'})


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line."""
    return registration.waitlist_position


def _announce(registration: Registration) -> None:
    """The mail for a new registration's state: confirmed (with the invitation), waiting, or pending approval."""
    if registration.state == RegistrationState.CONFIRMED:
        notices.tell_registrant(registration, 'registration_confirmed', attach=True)
    elif registration.state == RegistrationState.WAITLISTED:
        notices.tell_registrant(registration, 'registration_waitlisted', position=waitlist_position(registration))
    else:
        notices.tell_registrant(registration, 'registration_pending')
        notices.tell_host(registration, 'approval_requested')


def register_user(actor: User, slot: ActivitySlot) -> Registration:
    """Register `actor` for `slot`: a seat, a place on the waiting list, or a request the host approves."""
    now = utcnow()
    slot = lock_slot(slot.id)
    block = policy.registration_block(actor, slot, now)
    if block is not None:
        raise RegistrationRefused(block)
    registration = add_registration(slot, now, user=actor, registered_by=actor)
    audit('registration.register', actor, registration)
    _announce(registration)
    return registration


def register_candidate(actor: User, slot: ActivitySlot, candidate: Candidate) -> Registration:
    """Staff register a job seeker of their caseload; the host sees them by code only."""
    now = utcnow()
    slot = lock_slot(slot.id)
    activity = slot.activity
    if actor.staff_region_id is None or actor.staff_region_id != candidate.region_id \
            or candidate.region_id != activity.region_id:
        raise RegistrationRefused(_l('Only staff of the region can register its job seekers.'))
    block = policy.slot_block(slot, now)
    if block is not None:
        raise RegistrationRefused(block)
    if activity.audience != Audience.JOB_SEEKERS:
        raise RegistrationRefused(_l('This activity is not meant for job seekers.'))
    if candidate.status != CandidateStatus.ACTIVE or candidate.anonymised_at is not None:
        raise RegistrationRefused(_l('Only job seekers who are active in the caseload can be registered.'))
    if not candidate.has_consent(ConsentScope.ACTIVITIES):
        raise RegistrationRefused(_l('Record the job seeker’s consent to take part in activities first.'))
    if policy.live_registration(slot, candidate=candidate) is not None:
        raise RegistrationRefused(_l('This person is already registered for this date.'))
    registration = add_registration(slot, now, candidate=candidate, registered_by=actor)
    audit('registration.register', actor, registration)
    _announce(registration)
    return registration


def cancel_registration(actor: User, registration: Registration, *, reason: str | None = None
                        ) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first in line, who is returned.

    The registrant (or the staff behind a job seeker) cancels without a reason; a host cancelling someone
    else's registration gives one, which is mailed to them.
    """
    now = utcnow()
    slot = lock_slot(registration.slot_id)
    registration = reread(registration)
    if not policy.can_cancel(actor, registration):
        raise RegistrationRefused(_l('You cannot cancel this registration.'))
    if registration.state not in CANCELLABLE_STATES:
        raise RegistrationRefused(_l('This registration can no longer be cancelled.'))
    if slot.starts_at <= now:
        raise RegistrationRefused(_l('This date has already started.'))
    by_host = not policy.is_own_registration(actor, registration)
    reason = (reason or '').strip() or None
    if by_host and reason is None:
        raise RegistrationRefused(_l('Tell the participant why you cancel their registration.'))
    previous = _cancel(actor, registration, now, reason=reason, by_host=by_host)
    if by_host:
        notices.tell_registrant(registration, 'registration_cancelled', attach=previous in SEATED_STATES,
                                reason=reason)
    else:
        _tell_colleague(actor, registration, previous, reason)
    promoted = promote_waiting(slot, now)
    return promoted[0] if promoted else None


def _cancel(actor: User | None, registration: Registration, now: datetime, *, reason: str | None,
            **details) -> RegistrationState:
    """Cancel it (the slot locked) and audit it; returns the state it had."""
    previous = registration.state
    registration.state = RegistrationState.CANCELLED
    registration.cancelled_at = now
    registration.cancelled_by_id = actor.id if actor is not None else None
    registration.cancel_reason = reason
    db.session.flush()
    # the words stay on the registration (cleared when a job seeker is anonymised), never in the audit trail
    audit('registration.cancel', actor, registration, previous_state=previous.value, has_reason=reason is not None,
          **details)
    return previous


def _tell_colleague(actor: User | None, registration: Registration, previous: RegistrationState,
                    reason: str | None) -> None:
    """A job seeker's registration cancelled by a colleague of the region: the staff member who made it (or the
    job seeker's accountmanager) is told, with the cancellation for their calendar when it held a seat."""
    if registration.candidate_id is None or actor is None:
        return
    recipient = notices.recipient_of(registration)
    if recipient is None or recipient.id == actor.id:
        return
    notices.tell_registrant(registration, 'registration_cancelled_by_colleague', attach=previous in SEATED_STATES,
                            reason=reason, colleague=actor.display_name)


def cancel_future_registrations(actor: User | None, *, user: User | None = None, candidate: Candidate | None = None,
                                reason: str) -> int:
    """Someone leaves: every registration of `user` (their account deleted or disabled) or of `candidate` (their
    consent to activities withdrawn, or they left the caseload) still in play on a date to come is cancelled, each
    under its slot's lock as cancel_registration does it, and a seat freed goes to the first in line. `reason` is
    one of LEAVING_REASONS; the person leaving is not mailed. Returns how many were cancelled."""
    if (user is None) == (candidate is None) or reason not in LEAVING_REASONS:
        raise ValueError('cancel_future_registrations needs a user or a candidate, and one of LEAVING_REASONS')
    now = utcnow()
    whose = Registration.user_id == user.id if user is not None else Registration.candidate_id == candidate.id
    rows = db.session.execute(
        select(Registration.id, Registration.slot_id).join(ActivitySlot)
        .where(whose, Registration.state.in_(CANCELLABLE_STATES), ActivitySlot.starts_at > now)
        .order_by(ActivitySlot.activity_id, ActivitySlot.id, Registration.id)).all()
    cancelled = 0
    for registration_id, slot_id in rows:
        slot = lock_slot(slot_id)
        registration = reread(db.session.get(Registration, registration_id))
        if registration.state not in CANCELLABLE_STATES or slot.starts_at <= now:
            continue
        previous = _cancel(actor, registration, now, reason=reason, by_host=False, leaving=reason)
        _tell_colleague(actor, registration, previous, None)
        promote_waiting(slot, now)
        cancelled += 1
    return cancelled


def approve_registration(actor: User, registration: Registration) -> Registration:
    """The host lets a pending registration in: a seat if one is free, else the waiting list."""
    now = utcnow()
    slot = lock_slot(registration.slot_id)
    registration = reread(registration)
    _check_manage(actor, slot.activity)
    if registration.state != RegistrationState.PENDING:
        raise RegistrationRefused(_l('This registration is not waiting for approval.'))
    block = _decision_block(slot, now)
    if block is not None:
        raise RegistrationRefused(block)
    seat_or_wait(slot, registration, now)
    recount(slot)
    audit('registration.approve', actor, registration)
    if registration.state == RegistrationState.CONFIRMED:
        notices.tell_registrant(registration, 'registration_approved', attach=True)
    else:
        notices.tell_registrant(registration, 'registration_waitlisted', position=waitlist_position(registration))
    return registration


def decline_registration(actor: User, registration: Registration, *, reason: str) -> Registration:
    """The host turns a pending registration down, with a reason the registrant reads."""
    now = utcnow()
    slot = lock_slot(registration.slot_id)
    registration = reread(registration)
    _check_manage(actor, slot.activity)
    if registration.state != RegistrationState.PENDING:
        raise RegistrationRefused(_l('This registration is not waiting for approval.'))
    reason = (reason or '').strip()
    if not reason:
        raise RegistrationRefused(_l('Tell the participant why you decline their registration.'))
    registration.state = RegistrationState.DECLINED
    registration.cancelled_at = now
    registration.cancelled_by_id = actor.id
    registration.cancel_reason = reason
    db.session.flush()
    audit('registration.decline', actor, registration, has_reason=True)
    notices.tell_registrant(registration, 'registration_declined', reason=reason)
    return registration


def mark_attendance(actor: User, registration: Registration, *, present: bool) -> Registration:
    """Once the date has started, the host or staff mark a seated registration present or absent (under the slot's
    lock, on the registration as committed: two quick clicks settle in order)."""
    slot = lock_slot(registration.slot_id)
    registration = reread(registration)
    _check_manage(actor, slot.activity)
    if registration.state not in SEATED_STATES:
        raise RegistrationRefused(_l('Only confirmed registrations can be marked present or absent.'))
    if slot.starts_at > utcnow():
        raise RegistrationRefused(_l('Attendance can be marked once the date has started.'))
    previous = registration.state
    registration.state = RegistrationState.ATTENDED if present else RegistrationState.NO_SHOW
    registration.attendance_marked_at = utcnow()
    db.session.flush()
    audit('registration.attendance', actor, registration, previous_state=previous.value, present=present)
    return registration


def _check_manage(actor: User, activity: Activity) -> None:
    if not policy.can_manage(actor, activity):
        raise RegistrationRefused(_l('Only the host or staff of the region can do this.'))


def _decision_block(slot: ActivitySlot, now: datetime) -> str | None:
    activity = slot.activity
    if activity.state == PostingState.CANCELLED:
        return str(_l('This activity has been cancelled.'))
    if slot.starts_at <= now:
        return str(_l('This date has already started.'))
    return None
