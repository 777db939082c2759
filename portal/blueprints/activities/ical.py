"""iCalendar for activities: the invitation a confirmation mail carries, a single date's .ics, and each
user's private calendar feed.

Built with the `icalendar` package. Times are written in UTC; every event links back to the activity.
A registration's event keeps one UID for its whole life (slot and registration), and its SEQUENCE rises with
every change of the date's time or place and with its cancellation, so a calendar that received the invitation
replaces it with the new one or the cancellation.

The feed's URL carries `<user id>-<HMAC of the user id, their session version and their calendar key under
SECRET_KEY>`: the key alone (a database leak) does not give the URL, and a new key, or anything that ends the
user's sessions (a password reset, disabling the account), makes the old URL answer 404.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from email.utils import parseaddr

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import SEATED_STATES, Activity, ActivitySlot, Registration, RegistrationState
from portal.models.moderation import PostingState

PRODID = '-//Kansenkamer//Activiteiten//NL'
UID_DOMAIN = 'kansenkamer'
#: the feed shows dates from this long ago on
FEED_PAST = timedelta(days=30)
#: a registration in these states appears in the feed, as TENTATIVE
TENTATIVE_STATES = frozenset({RegistrationState.WAITLISTED, RegistrationState.PENDING})
CONTENT_TYPE = 'text/calendar; charset=utf-8'


def activity_url(activity: Activity, *, external: bool = True) -> str:
    """The activity's page; while it does not exist yet, the user's registrations."""
    if 'activities.view_activity' in current_app.view_functions:
        return url_for('activities.view_activity', activity_id=activity.id, _external=external)
    return url_for('activities.my_registrations', _external=external)


def uid(slot: ActivitySlot, registration: Registration | None = None) -> str:
    if registration is None:
        return f'slot-{slot.id}@{UID_DOMAIN}'
    return f'slot-{slot.id}-registration-{registration.id}@{UID_DOMAIN}'


def _organizer(activity: Activity) -> vCalAddress:
    _name, address = parseaddr(current_app.config.get('MAIL_DEFAULT_SENDER') or '')
    organizer = vCalAddress(f'mailto:{address or "noreply@kansenkamer.localhost"}')
    host = activity.organisation.name if activity.organisation is not None else activity_region_name(activity)
    organizer.params['cn'] = vText(host)
    return organizer


def activity_region_name(activity: Activity) -> str:
    from portal.models.tenancy import Region

    region = db.session.get(Region, activity.region_id)
    return region.name if region is not None else 'Kansenkamer'


def sequence(slot: ActivitySlot, registration: Registration | None = None) -> int:
    """The event's SEQUENCE (RFC 5545): the date's own, raised on every change of its time or place and when it
    is called off; one more for a registration cancelled or declined on its own, so a calendar replaces the
    invitation it holds with the cancellation."""
    withdrawn = registration is not None and registration.state in {RegistrationState.CANCELLED,
                                                                     RegistrationState.DECLINED}
    return slot.sequence + (1 if withdrawn else 0)


def slot_event(slot: ActivitySlot, *, registration: Registration | None = None, url: str,
               attendee: str | None = None, now: datetime | None = None) -> Event:
    """One VEVENT for `slot` (for `registration` when given): UTC times, place or online link, a link back."""
    activity = slot.activity
    shown = activity.public
    event = Event()
    event.add('uid', uid(slot, registration))
    event.add('dtstamp', now or utcnow())
    event.add('dtstart', slot.starts_at)
    event.add('dtend', slot.ends_at)
    event.add('summary', shown.title)
    event.add('location', shown.place)
    description = [shown.description.strip()]
    if registration is not None and registration.candidate is not None:
        description.append(_('Registered for job seeker %(code)s.', code=registration.candidate.code))
    if shown.online_url:
        description.append(_('Online: %(url)s', url=shown.online_url))
    description.append(url)
    event.add('description', '\n\n'.join(description))
    event.add('url', url)
    event.add('organizer', _organizer(activity))
    cancelled = activity.state == PostingState.CANCELLED or slot.is_cancelled or (
        registration is not None and registration.state in {RegistrationState.CANCELLED, RegistrationState.DECLINED})
    if cancelled:
        event.add('status', 'CANCELLED')
    elif registration is not None and registration.state in TENTATIVE_STATES:
        event.add('status', 'TENTATIVE')
    else:
        event.add('status', 'CONFIRMED')
    event.add('sequence', sequence(slot, registration))
    if attendee:
        address = vCalAddress(f'mailto:{attendee}')
        address.params['partstat'] = vText('DECLINED' if cancelled else 'ACCEPTED')
        address.params['rsvp'] = vText('FALSE')
        event.add('attendee', address)
    return event


def calendar(events: list[Event], *, method: str | None = None, name: str | None = None) -> bytes:
    cal = Calendar()
    cal.add('prodid', PRODID)
    cal.add('version', '2.0')
    cal.add('calscale', 'GREGORIAN')
    if method:
        cal.add('method', method)
    if name:
        cal.add('x-wr-calname', name)
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def invitation(registration: Registration, *, recipient: User, external: bool = True) -> dict:
    """The mail attachment for `registration`: METHOD REQUEST, or CANCEL once it (or its activity) is called off."""
    slot = registration.slot
    with force_locale(recipient.locale):
        event = slot_event(slot, registration=registration, url=activity_url(slot.activity, external=external),
                           attendee=recipient.email)
        cancelled = event.get('status') == 'CANCELLED'
        method = 'CANCEL' if cancelled else 'REQUEST'
        content = calendar([event], method=method).decode('utf-8')
    filename = 'afmelding.ics' if cancelled else 'uitnodiging.ics'
    if recipient.locale == 'en':
        filename = 'cancellation.ics' if cancelled else 'invitation.ics'
    return {'filename': filename, 'content_type': f'text/calendar; method={method}; charset=utf-8',
            'content': content}


def slot_ics(slot: ActivitySlot, *, registration: Registration | None = None) -> bytes:
    """A single date to add to one's calendar (with the user's own registration when they have one)."""
    event = slot_event(slot, registration=registration, url=activity_url(slot.activity))
    return calendar([event], method='PUBLISH')


# The private feed ------------------------------------------------------------------------------------

def _signature(user: User) -> str:
    secret = current_app.config['SECRET_KEY'].encode()
    message = f'calendar:{user.id}:{user.session_version}:{user.calendar_key}'
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()[:40]


def feed_token(user: User) -> str | None:
    if not user.calendar_key:
        return None
    return f'{user.id}-{_signature(user)}'


def user_for_token(token: str) -> User | None:
    """The active user whose current feed token this is; None for a forged, old or malformed one."""
    user_id, _dash, signature = token.partition('-')
    if not user_id.isdigit() or not signature or len(user_id) > 12:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or not user.calendar_key:
        return None
    if not hmac.compare_digest(signature, _signature(user)):
        return None
    return user


def ensure_calendar_key(actor: User) -> bool:
    """Give the user a calendar key when they have none yet; True when one was made."""
    if actor.calendar_key:
        return False
    actor.calendar_key = secrets.token_urlsafe(32)
    db.session.flush()
    record_event('calendar.create_key', actor=actor, obj=actor)
    return True


def reset_calendar_key(actor: User) -> None:
    """A new key: the old feed URL stops working at once."""
    actor.calendar_key = secrets.token_urlsafe(32)
    db.session.flush()
    record_event('calendar.reset_key', actor=actor, obj=actor)


def feed_registrations(user: User, now: datetime | None = None) -> list[Registration]:
    """The user's own registrations that belong in their feed: seated or waiting, and those of activities or
    dates that were called off (shown as cancelled), for dates from 30 days ago on."""
    since = (now or utcnow()) - FEED_PAST
    shown = SEATED_STATES | TENTATIVE_STATES
    return list(db.session.scalars(
        select(Registration).join(ActivitySlot).join(Activity)
        .where(Registration.user_id == user.id, ActivitySlot.starts_at >= since,
               or_(Registration.state.in_(shown),
                   (Registration.state == RegistrationState.CANCELLED)
                   & or_(Activity.state == PostingState.CANCELLED, ActivitySlot.cancelled_at.is_not(None))))
        .options(joinedload(Registration.slot).joinedload(ActivitySlot.activity))
        .order_by(ActivitySlot.starts_at, Registration.id)))


def feed(user: User, now: datetime | None = None) -> bytes:
    with force_locale(user.locale):
        events = [slot_event(r.slot, registration=r, url=activity_url(r.slot.activity), now=now)
                  for r in feed_registrations(user, now)]
        name = _('Kansenkamer activities')
    return calendar(events, method='PUBLISH', name=name)
