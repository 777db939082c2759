"""Two-step sign-in with TOTP (pyotp): enrolling, the second step itself, recovery codes, turning it off."""

import enum
import re
import secrets
from dataclasses import dataclass

import pyotp
from flask import current_app, url_for
from sqlalchemy import update

from portal.blueprints.auth.operations import complete_sign_in, record_failed_attempt
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.tokens import hash_token
from portal.extensions import db
from portal.models.accounts import RecoveryCode, User

RECOVERY_CODE_COUNT = 10
#: recovery codes use letters and digits that cannot be mistaken for each other
_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'


def may_disable_two_step(user: User) -> bool:
    """Where the settings require two-step sign-in for staff and admins, they cannot turn it off."""
    return not (current_app.config['REQUIRE_STAFF_TWO_STEP'] and (user.is_staff or user.is_admin))


def totp_matches(secret: str, code: str) -> bool:
    digits = re.sub(r'\s', '', code or '')
    return len(digits) == 6 and digits.isdigit() and pyotp.TOTP(secret).verify(digits, valid_window=1)


def _normalise_recovery_code(code: str) -> str:
    return re.sub(r'[\s-]', '', code or '').lower()


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; the codes are returned once and only their hashes kept."""
    user.recovery_codes.clear()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = ''.join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f'{raw[:5]}-{raw[5:]}')
        user.recovery_codes.append(RecoveryCode(code_hash=hash_token(raw)))
    db.session.flush()
    return codes


def _notify(user: User, *, enabled: bool) -> None:
    queue_mail(user.email, 'auth/two_step_changed', locale=user.locale, name=user.name, enabled=enabled,
               reset_url=url_for('auth.forgot_password', _external=True))


def enable_two_step(user: User, secret: str, code: str) -> list[str] | None:
    """Switch two-step sign-in on when `code` proves the app holds `secret`; the new recovery codes, or None."""
    if user.has_two_step:
        raise ValueError('two-step sign-in is already on')
    if not totp_matches(secret, code):
        return None
    user.totp_secret = secret
    user.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(user)
    record_event('user.two_step_enable', actor=user, obj=user)
    _notify(user, enabled=True)
    return codes


def disable_two_step(actor: User, user: User) -> None:
    if not user.has_two_step:
        raise ValueError('two-step sign-in is not on')
    if not may_disable_two_step(user):
        raise PermissionError('staff must keep two-step sign-in')
    user.totp_secret = None
    user.totp_enabled_at = None
    user.recovery_codes.clear()
    db.session.flush()
    record_event('user.two_step_disable', actor=actor, obj=user)
    _notify(user, enabled=False)


def regenerate_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working."""
    if not user.has_two_step:
        raise ValueError('two-step sign-in is not on')
    codes = _new_recovery_codes(user)
    record_event('user.recovery_codes_regenerate', actor=user, obj=user)
    return codes


class SecondStepOutcome(enum.StrEnum):
    SIGNED_IN = 'signed_in'
    WRONG = 'wrong'
    LOCKED = 'locked'


@dataclass
class SecondStepResult:
    outcome: SecondStepOutcome
    method: str | None = None
    recovery_codes_left: int | None = None


def sign_in_with_second_step(user: User, code: str) -> SecondStepResult:
    """Finish a sign-in with a TOTP code or an unused recovery code (which is then used up).

    Wrong codes count towards the same lock-out as wrong passwords, so the second step cannot
    be guessed at leisure by replaying the first.
    """
    now = utcnow()
    if not user.is_active or user.is_locked(now) or not user.has_two_step:
        return SecondStepResult(SecondStepOutcome.LOCKED)
    if totp_matches(user.totp_secret, code):
        complete_sign_in(user, method='totp')
        return SecondStepResult(SecondStepOutcome.SIGNED_IN, 'totp')
    code_hash = hash_token(_normalise_recovery_code(code))
    unused = (c for c in user.recovery_codes if c.used_at is None)
    match = next((c for c in unused if secrets.compare_digest(c.code_hash, code_hash)), None)
    # A conditional update, so the same code used twice at the same moment signs in only once.
    if match is not None and db.session.execute(
            update(RecoveryCode).where(RecoveryCode.id == match.id, RecoveryCode.used_at.is_(None))
            .values(used_at=now).execution_options(synchronize_session=False)).rowcount == 1:
        db.session.refresh(match, ['used_at'])
        complete_sign_in(user, method='recovery_code')
        left = sum(1 for c in user.recovery_codes if c.used_at is None)
        return SecondStepResult(SecondStepOutcome.SIGNED_IN, 'recovery_code', left)
    locked = record_failed_attempt(user, now)
    return SecondStepResult(SecondStepOutcome.LOCKED if locked else SecondStepOutcome.WRONG)
