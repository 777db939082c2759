"""The dates of an activity: adding, changing and removing them with the activity, and calling one off.

A date's seats and times change under the slot's row lock (ActivitySlot.locked), so a registration arriving at
the same moment waits and then sees the new numbers; more places hand seats to the waiting list at once. A date
with registrations still in play is never removed silently: the host cancels it (everyone is told why, the
waiting list first so no seat is handed to someone cancelled a moment later) or cancels the activity.
"""

from datetime import datetime

from flask_babel import force_locale, format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.activities import ical, notices, offering, policy
from portal.blueprints.activities.offering import ActivityRefused
from portal.blueprints.activities.registrations import CANCELLABLE_STATES, cancel_registration, promote_waiting
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import LIVE_STATES, Activity, ActivitySlot, Registration, RegistrationState
from portal.models.moderation import PostingState


def check_row(row: dict, now: datetime, *, moved: bool = True) -> None:
    if not offering.MIN_SEATS <= (row.get('seats') or 0) <= offering.MAX_SEATS:
        raise ActivityRefused(_l('Fill in a number from 1 to 500.'))
    if row['ends_at'] <= row['starts_at']:
        raise ActivityRefused(_l('The end time must be after the start time.'))
    if row['registration_closes_at'] > row['starts_at']:
        raise ActivityRefused(_l('Registration must close before the start.'))
    if moved and row['starts_at'] <= now:
        raise ActivityRefused(_l('Choose a date and time in the future.'))


def new_slot(activity: Activity, row: dict, now: datetime) -> ActivitySlot:
    check_row(row, now)
    slot = ActivitySlot(starts_at=row['starts_at'], ends_at=row['ends_at'], seats=row['seats'],
                        registration_closes_at=row['registration_closes_at'])
    activity.slots.append(slot)
    return slot


def update_slots(activity: Activity, rows: list[dict], now: datetime, *, published: bool
                  ) -> tuple[list[ActivitySlot], int, list[int]]:
    """Apply the rows: new dates, changed ones (under the slot's lock), removed ones; dates not in the rows stay.

    Call with the activity's row locked (Activity.locked); the slots are locked here in id order, as
    cancel_activity locks them, so two changes to one activity never wait on each other crosswise.
    """
    by_id = {slot.id: slot for slot in activity.dates}
    if any(row.get('id') is not None and row['id'] not in by_id for row in rows):
        raise ActivityRefused(_l('This date no longer exists.'))
    for slot_id in sorted({row['id'] for row in rows if row.get('id') is not None}):
        ActivitySlot.locked(slot_id)  # re-read into by_id's objects
    moved, added, removed = [], 0, []
    for row in rows:
        if row.get('id') is None:
            new_slot(activity, row, now)
            added += 1
            continue
        slot = by_id[row['id']]
        if row.get('remove'):
            _remove_slot(activity, slot, now)
            removed.append(row['id'])
            continue
        times_moved = (row['starts_at'], row['ends_at']) != (slot.starts_at, slot.ends_at)
        values = (row['starts_at'], row['ends_at'], row['seats'], row['registration_closes_at'])
        if values == (slot.starts_at, slot.ends_at, slot.seats, slot.registration_closes_at):
            continue
        if slot.has_started(now):
            raise ActivityRefused(_l('A date that has started cannot be changed.'))
        check_row(row, now, moved=times_moved)
        if row['seats'] < slot.confirmed_count:
            raise ActivityRefused(_l('%(count)s people already have a place on this date: keep at least that many '
                                     'places.', count=slot.confirmed_count))
        more_seats = row['seats'] > slot.seats
        slot.starts_at, slot.ends_at, slot.seats, slot.registration_closes_at = values
        if times_moved:
            raise_sequence([slot])
            slot.reminder_sent_at = None  # reminded again before the new time
            moved.append(slot)
        db.session.flush()
        if published and more_seats:
            promote_waiting(slot, now)
    return moved, added, removed


def _live(slot: ActivitySlot) -> list[Registration]:
    return list(db.session.scalars(select(Registration).where(Registration.slot_id == slot.id,
                                                              Registration.state.in_(LIVE_STATES))
                                   .order_by(Registration.id)))


def _remove_slot(activity: Activity, slot: ActivitySlot, now: datetime) -> None:
    if slot.has_started(now):
        raise ActivityRefused(_l('A date that has started cannot be removed.'))
    if _live(slot):
        raise ActivityRefused(_l('People are registered for this date, so it cannot simply be removed. Cancel '
                                 'the date (everyone registered is told why) or cancel the activity.'))
    activity.slots.remove(slot)
    db.session.flush()


def raise_sequence(slots: list[ActivitySlot]) -> None:
    """A date's time or place changed, or it was called off: calendars replace the events they hold of it."""
    for slot in slots:
        slot.sequence += 1


def refresh_versions(activity: Activity) -> None:
    """Dates and places apply at once, so the approved version and the one under review follow them. A staff event
    or network meeting changes at once in full: its published version is the row."""
    dates = activity.snapshot()['slots']
    if activity.state == PostingState.PUBLISHED and not activity.is_moderated:
        activity.published_snapshot = activity.snapshot()
    elif activity.published_snapshot is not None:
        activity.published_snapshot = {**activity.published_snapshot, 'slots': dates}
    review = activity.pending_review
    if review is not None:
        review.snapshot = {**review.snapshot, 'slots': dates}
    db.session.flush()


def tell_changed(actor: User, activity: Activity, moved: list[ActivitySlot], *, place_changed: bool,
                  now: datetime) -> None:
    """Mail everyone registered for a date that moved (or for any date to come, when the place changed)."""
    slots = [s for s in activity.dates if s.starts_at > now] if place_changed else moved
    told = []
    for slot in slots:
        for registration in _live(slot):
            recipient = notices.recipient_of(registration)
            if recipient is None:
                continue
            attachments = ([ical.invitation(registration, recipient=recipient)]
                           if registration.state == RegistrationState.CONFIRMED else None)
            queue_mail(recipient.email, 'activities_host/details_changed', locale=recipient.locale,
                       region_id=activity.region_id, attachments=attachments, user=recipient, activity=activity,
                       registration=registration,
                       code=registration.candidate.code if registration.candidate is not None else None,
                       when=_when(slot, recipient), place=activity.public.place,
                       url=ical.activity_url(activity), time_changed=slot in moved, place_changed=place_changed)
            told.append(registration.id)
    record_event('activity.details_changed', actor=actor, obj=activity,
                 details={'slot_ids': [s.id for s in moved], 'place_changed': place_changed,
                          'registration_ids': told})


def _when(slot: ActivitySlot, recipient: User) -> str:
    with force_locale(recipient.locale):
        return format_datetime(slot.starts_at, notices.WHEN_FORMAT)


def cancel_slot(actor: User, slot: ActivitySlot, *, reason: str) -> int:
    """Call off one date: it is marked cancelled (kept, with its registrations, for everyone's history and the
    calendar feed), and every registration still in play is cancelled and told why.

    The activity's row and then the slot's are locked before anything is read, so a registration committed a
    moment ago is cancelled too, and one arriving now is refused. The waiting list is cancelled first; nobody is
    promoted on a date called off. Returns how many registrations were cancelled.
    """
    activity = Activity.locked(slot.activity_id)
    slot = ActivitySlot.locked(slot.id) if activity is not None else None
    if slot is None or slot.is_cancelled:
        raise ActivityRefused(_l('This date no longer exists.'))
    if not policy.can_manage(actor, activity):
        raise ActivityRefused(_l('Only the host or staff of the region can do this.'))
    reason = (reason or '').strip()
    if not reason:
        raise ActivityRefused(_l('Give a reason: everyone registered reads it.'))
    now = utcnow()
    if slot.has_started(now):
        raise ActivityRefused(_l('This date has already started.'))
    if activity.is_cancelled:
        raise ActivityRefused(_l('This activity has been cancelled.'))
    if len(activity.dates) < 2:
        raise ActivityRefused(_l('This is the only date: cancel the activity instead.'))
    slot.cancelled_at = now
    raise_sequence([slot])
    db.session.flush()
    order = {RegistrationState.WAITLISTED: 0, RegistrationState.PENDING: 1, RegistrationState.CONFIRMED: 2}
    live = sorted((r for r in _live(slot) if r.state in CANCELLABLE_STATES), key=lambda r: (order[r.state], r.id))
    for registration in live:
        cancel_registration(actor, registration, reason=reason)  # it tells whoever made the registration
    record_event('activity.cancel_slot', actor=actor, obj=activity,
                 details={'slot_id': slot.id, 'starts_at': slot.starts_at.isoformat(), 'has_reason': True,
                          'registration_ids': [r.id for r in live]})
    refresh_versions(activity)
    return len(live)

