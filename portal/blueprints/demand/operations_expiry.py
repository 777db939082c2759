"""The hourly job's operations: needs past their end date expire, and needs that end soon get a reminder.

Like every operation they flush and never commit; portal/blueprints/demand/jobs.py runs them and commits.
"""

from datetime import datetime, timedelta

from flask import url_for
from sqlalchemy import select, update

from portal.blueprints.demand.operations import REMINDER_DAYS, today
from portal.core.audit import record_event
from portal.core.mail import queue_mail
from portal.extensions import db
from portal.models.accounts import User
from portal.models.demand import EXPIRING_STATES, REMINDED_STATES, StaffingNeed
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState


def expire_needs(now: datetime) -> int:
    """Needs past their end date expire: nobody sees them any more, and a review still waiting is called off."""
    needs = list(db.session.scalars(
        select(StaffingNeed).where(StaffingNeed.state.in_(EXPIRING_STATES), StaffingNeed.ends_on < today(now))
        .order_by(StaffingNeed.id)))
    if not needs:
        return 0
    db.session.execute(
        update(Review).where(Review.posting_kind == PostingKind.NEED, Review.posting_id.in_([n.id for n in needs]),
                             Review.state == ReviewState.PENDING)
        .values(state=ReviewState.CANCELLED).execution_options(synchronize_session=False))
    for need in needs:
        previous = need.state
        need.state = PostingState.EXPIRED
        db.session.flush()
        record_event('need.expire', actor=None, obj=need,
                     details={'previous_state': previous.value, 'ends_on': need.ends_on.isoformat()})
    return len(needs)


def _reminder_recipient(need: StaffingNeed) -> User | None:
    """Whoever made it, while they still work there; otherwise the organisation's owner."""
    creator = need.created_by
    if creator is not None and creator.is_active and creator.membership_of(need.organisation) is not None:
        return creator
    return need.organisation.owner


def send_expiry_reminders(now: datetime, *, external: bool = True) -> int:
    """Mail the people whose need ends within two weeks, once, with a link to the page that renews it.

    Links are built with url_for, so a request context must be active (the job makes one from
    PORTAL_URL); `external=False` gives paths only, when the portal's address is unknown.
    """
    day = today(now)
    needs = list(db.session.scalars(
        select(StaffingNeed).where(StaffingNeed.state.in_(REMINDED_STATES),
                                   StaffingNeed.expiry_reminder_sent_at.is_(None),
                                   StaffingNeed.ends_on >= day,
                                   StaffingNeed.ends_on <= day + timedelta(days=REMINDER_DAYS))
        .order_by(StaffingNeed.id)))
    sent = 0
    for need in needs:
        need.expiry_reminder_sent_at = now
        recipient = _reminder_recipient(need)
        if recipient is not None:
            queue_mail(recipient.email, 'demand/expiry_reminder', locale=recipient.locale, region_id=need.region_id,
                       user=recipient, need=need, days_left=(need.ends_on - day).days,
                       url=url_for('demand.view_need', posting_id=need.id, _external=external, _anchor='verlengen'))
            sent += 1
        db.session.flush()
        record_event('need.remind_expiry', actor=None, obj=need,
                     details={'recipient_id': recipient.id if recipient else None,
                              'ends_on': need.ends_on.isoformat()})
    return sent
