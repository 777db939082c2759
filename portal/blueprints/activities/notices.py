"""The mail registrations cause, each in its recipient's language, confirmations with an .ics invitation.

A registration's mail goes to the person registered, or, for a job seeker (who never signs in), to the
staff member who registered them, else the job seeker's accountmanager. Job seekers appear by code.
"""

from flask_babel import force_locale, format_datetime

from portal.blueprints.activities import ical
from portal.core.mail import queue_mail
from portal.models.accounts import User
from portal.models.activities import Activity, Registration

#: how a date reads in mail: "dinsdag 1 december 2026 09:30" in the portal's time zone
WHEN_FORMAT = 'EEEE d MMMM y, HH:mm'


def recipient_of(registration: Registration) -> User | None:
    """Who hears about a registration: the user, or the staff member behind a job seeker's."""
    if registration.user is not None:
        return registration.user if registration.user.is_active else None
    for staff in (registration.registered_by, registration.candidate.accountmanager):
        if staff is not None and staff.is_active and staff.staff_region_id == registration.candidate.region_id:
            return staff
    return None


def host_contact(activity: Activity) -> User | None:
    """Who hears about the activity's registrations: its maker while still a host, else the organisation's owner."""
    maker = activity.created_by
    if maker is not None and maker.is_active and activity.is_own(maker):
        return maker
    if activity.organisation is not None:
        return activity.organisation.owner
    return None


def _queue(recipient: User, template: str, registration: Registration, *, attach: bool = False,
           external: bool = True, **context) -> None:
    slot = registration.slot
    activity = slot.activity
    attachments = [ical.invitation(registration, recipient=recipient, external=external)] if attach else None
    with force_locale(recipient.locale):
        url = ical.activity_url(activity, external=external)
        when = format_datetime(slot.starts_at, WHEN_FORMAT)
    queue_mail(recipient.email, f'activities/{template}', locale=recipient.locale, region_id=activity.region_id,
               attachments=attachments, user=recipient, registration=registration, slot=slot, activity=activity,
               code=registration.candidate.code if registration.candidate is not None else None, url=url,
               when=when, place=activity.public.place, **context)


def tell_registrant(registration: Registration, template: str, *, attach: bool = False, external: bool = True,
                    **context) -> bool:
    """Mail whoever answers for `registration`; False when nobody can be reached."""
    recipient = recipient_of(registration)
    if recipient is None:
        return False
    _queue(recipient, template, registration, attach=attach, external=external, **context)
    return True


def tell_host(registration: Registration, template: str, **context) -> bool:
    recipient = host_contact(registration.slot.activity)
    if recipient is None:
        return False
    _queue(recipient, template, registration, **context)
    return True
