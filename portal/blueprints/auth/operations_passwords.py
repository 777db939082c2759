"""Password reset by a single-use, expiring link; the same link lets a new staff account choose its first password."""

from flask import url_for

from portal.core import tokens
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.passwords import hash_password, password_problem
from portal.extensions import db
from portal.models.accounts import User

RESET_PASSWORD = 'reset-password'  # noqa: S105 (a token purpose, not a password)
#: a welcome link (an account someone else made for you) stays valid longer than a reset link
WELCOME_MAX_AGE = 3 * 24 * 3600


def reset_token(user: User, *, welcome: bool = False) -> str:
    """A token bound to the current password hash: once the password changes, the link stops working."""
    return tokens.make_token(RESET_PASSWORD, {'id': user.id, 'fp': tokens.password_fingerprint(user.password_hash),
                                              'w': welcome})


def reset_url(user: User, *, welcome: bool = False) -> str:
    return url_for('auth.reset_password', token=reset_token(user, welcome=welcome), _external=True)


def read_reset_token(token: str) -> tuple[User, bool] | None:
    """The user a reset link is for and whether it is a welcome link; None when forged, expired or used."""
    payload = tokens.read_token(RESET_PASSWORD, token, WELCOME_MAX_AGE)
    if not isinstance(payload, dict) or not isinstance(payload.get('id'), int):
        return None
    welcome = bool(payload.get('w'))
    if not welcome and tokens.read_token(RESET_PASSWORD, token, tokens.PASSWORD_RESET_MAX_AGE) is None:
        return None
    user = db.session.get(User, payload['id'])
    if user is None or not user.is_active or payload.get('fp') != tokens.password_fingerprint(user.password_hash):
        return None
    return user, welcome


def send_password_reset(user: User, *, welcome: bool = False) -> None:
    """Mail `user` a link to choose a (new) password; `welcome` for an account someone made for them."""
    if welcome:
        queue_mail(user.email, 'auth/welcome', locale=user.locale, name=user.name,
                   url=reset_url(user, welcome=True), days=WELCOME_MAX_AGE // 86400)
    else:
        queue_mail(user.email, 'auth/reset_password', locale=user.locale, name=user.name, url=reset_url(user),
                   minutes=tokens.PASSWORD_RESET_MAX_AGE // 60)


def request_password_reset(email: str) -> None:
    """Send a reset link when `email` belongs to an active account; otherwise do nothing, silently."""
    user = User.by_email(email)
    if user is None or not user.is_active:
        return
    send_password_reset(user)
    record_event('user.request_password_reset', actor=None, obj=user)


def reset_password(user: User, password: str) -> None:
    """Set a new password from a reset link: every other session ends, a lock-out is lifted, the owner is told.

    Opening the link proved the user reads mail at this address, so it counts as verified.
    """
    problem = password_problem(password, user.email)
    if problem:
        raise ValueError(problem)
    now = utcnow()
    user.password_hash = hash_password(password)
    user.session_version += 1
    user.failed_sign_ins = 0
    user.locked_until = None
    if user.email_verified_at is None:
        user.email_verified_at = now
    db.session.flush()
    record_event('user.reset_password', actor=user, obj=user)
    queue_mail(user.email, 'auth/password_changed', locale=user.locale, name=user.name,
               reset_url=url_for('auth.forgot_password', _external=True))
