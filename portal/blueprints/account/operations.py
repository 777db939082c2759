"""My account: the changes a person makes to their own account, including deleting it.

Each function takes the user acting on their own account, flushes, writes its audit row and
queues its mail; the caller commits.
"""

from flask_babel import lazy_gettext as _l

from portal.blueprints.account.export import collect_user_data
from portal.blueprints.activities.registrations import cancel_future_registrations
from portal.blueprints.auth.operations import send_verification_mail
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.passwords import hash_password, password_problem
from portal.extensions import db
from portal.models.accounts import User, normalise_email
from portal.models.organisations import Organisation

LOCALES = ('nl', 'en')


class NotAllowed(Exception):
    """The change is not allowed now; `message` is a translatable text for the user."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def update_profile(user: User, *, name: str, locale: str) -> dict[str, list[str]]:
    """Change one's name and language; returns what changed as {field: [old, new]}."""
    if locale not in LOCALES:
        raise ValueError(f'unknown locale {locale!r}')
    changes = {}
    for key, value in (('name', name.strip()), ('locale', locale)):
        if getattr(user, key) != value:
            changes[key] = [getattr(user, key), value]
            setattr(user, key, value)
    if changes:
        db.session.flush()
        # which fields changed, not the old name: the trail outlives a deleted account
        details = {'changed': sorted(changes)}
        if 'locale' in changes:
            details['locale'] = changes['locale']
        record_event('user.update_profile', actor=user, obj=user, details=details)
    return changes


def change_password(user: User, *, new_password: str) -> None:
    """Set a new password and end every session of this account (the caller signs this one in again).

    The caller has checked the current password; the rules are checked here as well, so no
    caller can store a password the sign-up form would refuse.
    """
    problem = password_problem(new_password, user.email)
    if problem:
        raise NotAllowed(problem)
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    db.session.flush()
    record_event('user.change_password', actor=user, obj=user)
    queue_mail(user.email, 'account/password_changed', locale=user.locale, user=user)


def request_email_change(user: User, *, new_email: str) -> str:
    """Send a confirmation link to the new address; the email changes only when it is opened.

    The old address is told, so a person whose session was taken over hears of it.
    """
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise NotAllowed(_l('This is already your email address.'))
    if User.email_taken(new_email):
        raise NotAllowed(_l('This email address cannot be used. Choose another one.'))
    send_verification_mail(user, email=new_email)
    record_event('user.request_email_change', actor=user, obj=user, details={'new_email': new_email})
    queue_mail(user.email, 'account/email_change_requested', locale=user.locale, user=user, new_email=new_email)
    return new_email


def resend_verification(user: User) -> None:
    if user.is_email_verified:
        raise NotAllowed(_l('Your email address has already been confirmed.'))
    send_verification_mail(user)


def organisations_to_hand_over(user: User) -> list[Organisation]:
    """Organisations this user owns that still have other active members: someone must take over first."""
    return [membership.organisation for membership in user.active_memberships
            if membership.is_owner and any(other.user_id != user.id
                                           for other in membership.organisation.active_members)]


def delete_account(user: User) -> None:
    """Remove the person's personal data but keep the records they made, shown as a former member.

    The row stays (other records point to it, and the audit trail outlives accounts); what
    identified the person is wiped and the account can never sign in again.
    """
    if user.deleted_at is not None:
        raise NotAllowed(_l('This account has already been deleted.'))
    if organisations_to_hand_over(user):
        raise NotAllowed(_l('You own an organisation that has other members. Make one of them the owner first.'))
    cancel_future_registrations(user, user=user, reason='account_deleted')  # their seats go to the next in line
    # the goodbye goes to the address that is about to be wiped
    queue_mail(user.email, 'account/deleted', locale=user.locale, user=user)
    memberships = list(user.memberships)
    organisations = sorted(membership.organisation_id for membership in memberships)
    for membership in memberships:
        # deleted outright: it has two parents, so taking it out of one collection would orphan nothing
        db.session.delete(membership)
    for code in list(user.recovery_codes):
        db.session.delete(code)
    if user.staff_role is not None:
        db.session.delete(user.staff_role)
    db.session.flush()
    db.session.expire(user, ['memberships', 'recovery_codes', 'staff_role'])
    for membership in memberships:
        db.session.expire(membership.organisation, ['memberships'])
    user.name = ''
    user.email = f'deleted-{user.id}@invalid'
    user.password_hash = None
    user.email_verified_at = None
    user.totp_secret = None
    user.totp_enabled_at = None
    user.is_admin = False
    user.is_enabled = False
    user.current_organisation_id = None
    user.failed_sign_ins = 0
    user.locked_until = None
    user.deleted_at = utcnow()
    user.session_version += 1
    db.session.flush()
    record_event('user.delete', actor=user, obj=user, details={'organisations': organisations})


def export_data(user: User) -> dict:
    """Everything the portal holds about `user`; the download itself is recorded."""
    data = collect_user_data(user)
    record_event('user.export_data', actor=user, obj=user)
    return data
