"""Getting in: employer registration, email verification, sign-in with lock-out, and sign-out.

Password reset lives in operations_passwords.py, two-step sign-in in operations_two_step.py,
invitations in operations_invitations.py.
"""

import enum
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

# send_password_reset is re-exported: admin-made accounts get the welcome variant from here too
from portal.blueprints.auth.operations_passwords import reset_url, send_password_reset  # noqa: F401
from portal.core import tokens
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password
from portal.extensions import db
from portal.models.accounts import User, normalise_email
from portal.models.organisations import (
    MemberRole,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
    SizeClass,
)
from portal.models.tenancy import Municipality

VERIFY_EMAIL = 'verify-email'
DEMO_DOMAIN = 'demo.kansenkamer.nl'


# Registration --------------------------------------------------------------------------

@dataclass
class OrganisationDetails:
    """What the registration form says about the organisation, already normalised."""

    name: str
    kvk_number: str
    sbi_section: str
    size_class: str
    municipality_id: int
    visiting_postcode: str
    vestigingsnummer: str | None = None
    sbi_code: str | None = None
    website: str | None = None


class RegistrationOutcome(enum.StrEnum):
    NEW_ORGANISATION = 'new_organisation'
    JOIN_REQUESTED = 'join_requested'
    EMAIL_TAKEN = 'email_taken'


@dataclass
class Registration:
    outcome: RegistrationOutcome
    #: whether the KvK number already had an organisation; the only thing the registrant's page may depend on
    organisation_exists: bool
    user: User | None = None


def register_employer(*, name: str, email: str, password: str, locale: str,
                      organisation: OrganisationDetails) -> Registration:
    """A new person with a new organisation (they own it), or asking to join the one with that KvK number.

    A taken email address creates nothing: its owner is told by mail, and the registrant sees the
    same page as anyone else, so the form never reveals who has an account.
    """
    email = normalise_email(email)
    existing = User.by_email(email)
    found = Organisation.by_kvk(organisation.kvk_number)
    if existing is not None:
        hash_password(password)  # take as long as a real registration
        queue_mail(existing.email, 'auth/register_taken', locale=existing.locale, name=existing.name,
                   sign_in_url=url_for('auth.sign_in', _external=True),
                   reset_url=url_for('auth.forgot_password', _external=True))
        record_event('user.register_existing_email', actor=None, obj=existing)
        return Registration(RegistrationOutcome.EMAIL_TAKEN, found is not None)

    user = User(email=email, name=name, password_hash=hash_password(password), locale=locale)
    db.session.add(user)
    db.session.flush()
    created = _create_organisation(user, organisation) if found is None else None
    if created is None:
        _request_membership(user, found or Organisation.by_kvk(organisation.kvk_number))
        outcome = RegistrationOutcome.JOIN_REQUESTED
    else:
        outcome = RegistrationOutcome.NEW_ORGANISATION
    send_verification_mail(user)
    return Registration(outcome, outcome == RegistrationOutcome.JOIN_REQUESTED, user)


def _create_organisation(user: User, details: OrganisationDetails) -> Organisation | None:
    """The new organisation, pending verification; None when another registration took the KvK number first."""
    municipality = db.session.get(Municipality, details.municipality_id)
    if municipality is None:
        raise ValueError(f'unknown municipality {details.municipality_id}')
    organisation = Organisation(
        name=details.name, kvk_number=details.kvk_number, vestigingsnummer=details.vestigingsnummer,
        sbi_section=details.sbi_section, sbi_code=details.sbi_code, size_class=SizeClass(details.size_class),
        municipality=municipality, region_id=municipality.region_id, visiting_postcode=details.visiting_postcode,
        website=details.website, status=OrganisationStatus.PENDING)
    try:
        # The unique KvK number decides a race between two registrations for the same organisation.
        with db.session.begin_nested():
            organisation.memberships.append(Membership(user=user, role=MemberRole.OWNER,
                                                       status=MembershipStatus.ACTIVE))
            db.session.add(organisation)
            db.session.flush()
    except IntegrityError:
        return None
    user.current_organisation_id = organisation.id
    record_event('organisation.register', actor=user, obj=organisation,
                 details={'kvk_number': organisation.kvk_number})
    return organisation


def _request_membership(user: User, organisation: Organisation) -> Membership:
    membership = Membership(user=user, organisation=organisation, role=MemberRole.MEMBER,
                            status=MembershipStatus.REQUESTED)
    db.session.add(membership)
    db.session.flush()
    record_event('organisation.request_join', actor=user, obj=organisation, details={'membership_id': membership.id})
    owner = organisation.owner
    if owner is not None:
        queue_mail(owner.email, 'auth/join_request', locale=owner.locale, region_id=organisation.region_id,
                   name=owner.name, requester_name=user.name, requester_email=user.email,
                   organisation_name=organisation.name, url=url_for('organisations.overview', _external=True))
    return membership


# Email verification --------------------------------------------------------------------

def send_verification_mail(user: User, email: str | None = None) -> None:
    """Mail a link that confirms `email` (default: the user's own address) for `user`.

    With another address this is the second half of changing one's email: the link carries the
    new address and the session version, and only when it is opened does the account change.
    """
    target = normalise_email(email or user.email)
    token = tokens.make_token(VERIFY_EMAIL, {'id': user.id, 'email': target, 'v': user.session_version})
    queue_mail(target, 'auth/verify_email', locale=user.locale, name=user.name, is_change=target != user.email,
               url=url_for('auth.verify_email', token=token, _external=True),
               days=tokens.EMAIL_VERIFICATION_MAX_AGE // 86400)


def read_verification_token(token: str) -> tuple[User, str, int | None] | None:
    """The user, the address to confirm and the session version in a verification link; None when invalid."""
    payload = tokens.read_token(VERIFY_EMAIL, token, tokens.EMAIL_VERIFICATION_MAX_AGE)
    if not isinstance(payload, dict) or not isinstance(payload.get('id'), int) or not payload.get('email'):
        return None
    user = db.session.get(User, payload['id'])
    if user is None or not user.is_active:
        return None
    return user, str(payload['email']), payload.get('v')


class VerifyOutcome(enum.StrEnum):
    VERIFIED = 'verified'
    ALREADY_VERIFIED = 'already_verified'
    CHANGED = 'changed'
    #: another account has the new address by now
    TAKEN = 'taken'
    #: an older change link: the address or password changed since it was sent
    STALE = 'stale'


def verify_email(user: User, email: str, *, version: int | None) -> VerifyOutcome:
    """Confirm `email` for `user`; when it is a new address, the account moves to it (idempotent)."""
    email = normalise_email(email)
    if email == user.email:
        if user.is_email_verified:
            return VerifyOutcome.ALREADY_VERIFIED
        user.email_verified_at = utcnow()
        record_event('user.verify_email', actor=user, obj=user)
        return VerifyOutcome.VERIFIED
    if version != user.session_version:
        return VerifyOutcome.STALE
    if User.email_taken(email):
        return VerifyOutcome.TAKEN
    old_email = user.email
    user.email = email
    user.email_verified_at = utcnow()
    user.session_version += 1  # every other session signs in again
    db.session.flush()
    record_event('user.change_email', actor=user, obj=user, details={'old_email': old_email, 'new_email': email})
    queue_mail(old_email, 'auth/email_changed', locale=user.locale, name=user.name, new_email=email)
    return VerifyOutcome.CHANGED


# Signing in and out --------------------------------------------------------------------

class SignInOutcome(enum.StrEnum):
    SIGNED_IN = 'signed_in'
    SECOND_STEP = 'second_step'
    WRONG = 'wrong'
    #: the account is locked; only told when the password was right, or on the attempt that locked it
    LOCKED = 'locked'


@dataclass
class SignInAttempt:
    outcome: SignInOutcome
    user: User | None = None


def sign_in_with_password(email: str, password: str) -> SignInAttempt:
    """Check an email and password, counting failures towards a lock-out.

    Unknown addresses cost as much time as known ones and get the same answer. With two-step
    sign-in enrolled, a right password only opens the second step (SECOND_STEP).
    """
    now = utcnow()
    # The row lock keeps the failure count right when attempts arrive on several servers at once.
    user = db.session.scalar(select(User).where(User.email == normalise_email(email))
                             .with_for_update().execution_options(populate_existing=True))
    if user is None or not user.is_active or not user.password_hash:
        verify_password(DUMMY_HASH, password)
        return SignInAttempt(SignInOutcome.WRONG)
    correct = verify_password(user.password_hash, password)
    if user.is_locked(now):
        return SignInAttempt(SignInOutcome.LOCKED if correct else SignInOutcome.WRONG, user)
    if not correct:
        locked = record_failed_attempt(user, now)
        return SignInAttempt(SignInOutcome.LOCKED if locked else SignInOutcome.WRONG, user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if needs_second_step(user):
        db.session.flush()
        return SignInAttempt(SignInOutcome.SECOND_STEP, user)
    complete_sign_in(user, method='password')
    return SignInAttempt(SignInOutcome.SIGNED_IN, user)


def record_failed_attempt(user: User, now: datetime) -> bool:
    """Count a wrong password or code; at the threshold lock the account, mail its owner, and return True."""
    user.failed_sign_ins += 1
    if user.failed_sign_ins < current_app.config['LOCKOUT_THRESHOLD']:
        db.session.flush()
        return False
    lockout_time = current_app.config['LOCKOUT_TIME']
    user.locked_until = now + lockout_time
    user.failed_sign_ins = 0
    db.session.flush()
    queue_mail(user.email, 'auth/locked', locale=user.locale, name=user.name, reset_url=reset_url(user),
               minutes=int(lockout_time.total_seconds() // 60))
    record_event('user.locked', actor=None, obj=user, details={'locked_until': user.locked_until.isoformat()})
    return True


def is_demo_account(user: User) -> bool:
    domain = user.email.rpartition('@')[2]
    return domain == DEMO_DOMAIN or domain.endswith('.' + DEMO_DOMAIN)


def needs_second_step(user: User) -> bool:
    """Two-step users enter a code, except demo accounts where the settings allow it (development only)."""
    if not user.has_two_step:
        return False
    return not (current_app.config['DEMO_STAFF_SKIP_TWO_STEP'] and is_demo_account(user))


def complete_sign_in(user: User, *, method: str) -> None:
    """The user proved who they are (by `method`): clear the failure count and record the sign-in."""
    user.failed_sign_ins = 0
    user.last_sign_in_at = utcnow()
    db.session.flush()
    record_event('user.sign_in', actor=user, obj=user, details={'method': method})


def sign_out_user(user: User) -> None:
    record_event('user.sign_out', actor=user, obj=user)
