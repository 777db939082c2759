"""The hourly reminder job: everyone with a seat hears about a date ACTIVITY_REMINDER_BEFORE it starts.

`flask run-jobs` runs it outside any request, so the mail's links are built in a request made from
PORTAL_URL (as the demand job does). A slot is reminded once: `reminder_sent_at` is set in the same
transaction as the mail, and the slot's row is locked while that happens, so two runs cannot both send.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from portal.blueprints.activities import notices
from portal.core.audit import record_event
from portal.core.jobs import periodic_job
from portal.extensions import db
from portal.models.activities import Activity, ActivitySlot, Registration, RegistrationState
from portal.models.moderation import PostingState

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_BEFORE = timedelta(hours=24)


def reminder_before() -> timedelta:
    return current_app.config.get('ACTIVITY_REMINDER_BEFORE', DEFAULT_REMINDER_BEFORE)


def send_reminders(now: datetime, *, external: bool = True) -> tuple[int, int]:
    """Remind every confirmed registrant of slots that start within the reminder time and were not reminded
    yet; returns (slots, mails). Flushes, never commits."""
    due = list(db.session.scalars(
        select(ActivitySlot.id).join(Activity)
        .where(Activity.state == PostingState.PUBLISHED, ActivitySlot.reminder_sent_at.is_(None),
               ActivitySlot.cancelled_at.is_(None),
               ActivitySlot.starts_at > now, ActivitySlot.starts_at <= now + reminder_before())
        .order_by(ActivitySlot.starts_at, ActivitySlot.id)))
    slots = mails = 0
    for slot_id in due:
        slot = ActivitySlot.locked(slot_id)
        if slot is None or slot.reminder_sent_at is not None:
            continue  # another run got there first
        slot.reminder_sent_at = now
        confirmed = list(db.session.scalars(
            select(Registration).where(Registration.slot_id == slot.id,
                                       Registration.state == RegistrationState.CONFIRMED)
            .order_by(Registration.id)))
        sent = sum(notices.tell_registrant(r, 'reminder', external=external) for r in confirmed)
        db.session.flush()
        record_event('activity.remind', actor=None, obj=slot.activity,
                     details={'slot_id': slot.id, 'registrations': len(confirmed), 'mails': sent})
        slots += 1
        mails += sent
    return slots, mails


@periodic_job('activity-reminders', every=timedelta(hours=1))
def activity_reminders_job(now: datetime) -> str:
    base_url = current_app.config.get('PORTAL_URL')
    context = current_app.test_request_context(base_url=base_url) if base_url else current_app.test_request_context()
    with context:
        slots, mails = send_reminders(now, external=bool(base_url))
    db.session.commit()
    if mails and not base_url:
        logger.warning('PORTAL_URL is not set: %s activity reminders link to a path on the portal, not a full address',
                       mails)
    return f'{slots} dates reminded, {mails} reminders queued'
