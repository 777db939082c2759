"""Calling a whole activity off: every registration still in play on a date to come is cancelled and told why.

The activity's row is locked first (FOR UPDATE), then its slots in id order, as every operation takes them, so a
registration waiting on those locks sees the activity cancelled. Plain function; it flushes and never commits.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.activities import notices, policy
from portal.blueprints.activities.seats import (
    CANCELLABLE_ACTIVITY_STATES,
    CANCELLABLE_STATES,
    RegistrationRefused,
    lock_activity,
    recount,
)
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import SEATED_STATES, Activity, ActivitySlot, Registration, RegistrationState
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState


def cancel_activity(actor: User, activity: Activity, *, reason: str) -> int:
    """Call the activity off: every live registration of a date still to come is cancelled and told why.

    Returns how many registrations were cancelled. Dates already past keep their registrations. The activity's
    row is locked first, then its slots in id order (as every operation does), so a registration that waited
    for this one sees the activity cancelled.
    """
    activity = lock_activity(activity.id)
    if not policy.can_manage(actor, activity):
        raise RegistrationRefused(_l('Only the host or staff of the region can do this.'))
    if activity.state not in CANCELLABLE_ACTIVITY_STATES:
        raise RegistrationRefused(_l('This activity cannot be cancelled in its current state.'))
    reason = (reason or '').strip()
    if not reason:
        raise RegistrationRefused(_l('Give a reason: everyone registered reads it.'))
    now = utcnow()
    review = Review.pending_for(PostingKind.ACTIVITY, activity.id, lock=True)
    if review is not None:
        review.state = ReviewState.CANCELLED
    previous = activity.state
    activity.state = PostingState.CANCELLED
    activity.cancelled_at = now
    activity.cancel_reason = reason
    cancelled = []
    for slot_id in sorted(s.id for s in activity.dates):
        slot = ActivitySlot.locked(slot_id)
        if slot is None or slot.starts_at <= now:
            continue
        slot.sequence += 1  # calendars replace its events with the cancellation
        live = list(db.session.scalars(select(Registration).where(Registration.slot_id == slot.id,
                                                                  Registration.state.in_(CANCELLABLE_STATES))
                                       .order_by(Registration.id)))
        for registration in live:
            cancelled.append((registration, registration.state))
            registration.state = RegistrationState.CANCELLED
            registration.cancelled_at = now
            registration.cancelled_by_id = actor.id
            registration.cancel_reason = reason
        recount(slot)
    db.session.flush()
    record_event('activity.cancel', actor=actor, obj=activity,
                 details={'previous_state': previous.value, 'has_reason': True,
                          'registration_ids': [r.id for r, _previous in cancelled]})
    for registration, previous in cancelled:
        # a calendar holds an invitation only for a seat: pending and waiting registrations never had one
        notices.tell_registrant(registration, 'activity_cancelled', attach=previous in SEATED_STATES, reason=reason)
    return len(cancelled)
