"""Signed, expiring tokens for links in mail (email verification, password reset), and random
tokens whose hash is stored (invitations)."""

import hashlib
import secrets
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

EMAIL_VERIFICATION_MAX_AGE = 3 * 24 * 3600
PASSWORD_RESET_MAX_AGE = 3600


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config['SECRET_KEY'], salt=f'kansenkamer.{purpose}')


def make_token(purpose: str, payload: Any) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int) -> Any | None:
    """The payload, or None when the token is forged, for another purpose, or expired."""
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None


def password_fingerprint(password_hash: str | None) -> str:
    """A short digest of the current hash: a reset link stops working once the password changed."""
    return hashlib.sha256((password_hash or '').encode()).hexdigest()[:16]


def random_token() -> tuple[str, str]:
    """A token for a link and the hash to store; the token itself is never stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
