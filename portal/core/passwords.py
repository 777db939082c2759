"""Password hashing with argon2id (argon2-cffi) and the portal's password rules."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than today's; rehash at the next sign-in."""
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, email: str | None) -> str | None:
    """Why `password` is not allowed (an English msgid to translate), or None."""
    if len(password) < MIN_LENGTH:
        return 'Use at least 12 characters.'
    if email and password.strip().lower() == email.strip().lower():
        return 'Your password may not be your email address.'
    return None


#: spent on unknown emails, so a failed sign-in takes as long whether or not the address exists
DUMMY_HASH = _hasher.hash('not-a-real-password-for-timing')
