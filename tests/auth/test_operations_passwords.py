"""Password reset links: single use, expiring, and the welcome variant for accounts others made."""

from datetime import timedelta

import pytest

from portal.blueprints.auth import operations_passwords as ops
from portal.core import tokens
from portal.core.dbtypes import utcnow
from portal.core.passwords import verify_password
from tests.auth.conftest import actions
from tests.factories import make_user

NEW_PASSWORD = 'een lange zin als wachtwoord'


def test_a_reset_request_for_a_known_address_mails_a_link(db, request_context, outbox):
    user = make_user(db, email='bea@bakkerij.nl', locale='en')
    ops.request_password_reset(' BEA@bakkerij.nl')
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [('bea@bakkerij.nl', 'auth/reset_password', 'en')]
    token = outbox[0].body_text.split('/wachtwoord-herstellen/')[1].split()[0]
    assert ops.read_reset_token(token) == (user, False)
    assert actions(db) == ['user.request_password_reset']


def test_a_reset_request_for_an_unknown_or_disabled_address_does_nothing(db, request_context, outbox):
    make_user(db, email='weg@bakkerij.nl', is_enabled=False)
    ops.request_password_reset('niemand@example.nl')
    ops.request_password_reset('weg@bakkerij.nl')
    assert outbox == []
    assert actions(db) == []


def test_resetting_sets_the_password_ends_sessions_lifts_the_lock_and_verifies(db, request_context, outbox):
    user = make_user(db, verified=False, locked_until=utcnow() + timedelta(minutes=10), failed_sign_ins=3,
                     locale='en')
    token = ops.reset_token(user)
    ops.reset_password(user, NEW_PASSWORD)
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert user.session_version == 2
    assert not user.is_locked()
    assert user.failed_sign_ins == 0
    assert user.is_email_verified
    assert actions(db) == ['user.reset_password']
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [(user.email, 'auth/password_changed', 'en')]
    assert ops.read_reset_token(token) is None  # single use: the fingerprint changed


def test_a_password_against_the_rules_is_refused(db, request_context):
    user = make_user(db, email='bea@bakkerij.nl')
    with pytest.raises(ValueError, match='12 characters'):
        ops.reset_password(user, 'kort')
    with pytest.raises(ValueError, match='email address'):
        ops.reset_password(user, 'BEA@bakkerij.nl')
    assert actions(db) == []


def test_a_reset_link_expires_after_an_hour_but_a_welcome_link_after_three_days(db, request_context, monkeypatch):
    user = make_user(db)
    reset, welcome = ops.reset_token(user), ops.reset_token(user, welcome=True)
    monkeypatch.setattr(tokens, 'PASSWORD_RESET_MAX_AGE', -1)
    assert ops.read_reset_token(reset) is None
    assert ops.read_reset_token(welcome) == (user, True)
    monkeypatch.setattr(ops, 'WELCOME_MAX_AGE', -1)
    assert ops.read_reset_token(welcome) is None


def test_forged_and_foreign_tokens_are_refused(db, request_context):
    user = make_user(db)
    assert ops.read_reset_token('nonsense') is None
    assert ops.read_reset_token(tokens.make_token('verify-email', {'id': user.id, 'fp': 'x'})) is None


def test_the_welcome_mail_is_its_own_text(db, request_context, outbox):
    user = make_user(db, locale='en')
    user.password_hash = None  # an account an admin made: no password yet
    ops.send_password_reset(user, welcome=True)
    assert [(m.recipient, m.template) for m in outbox] == [(user.email, 'auth/welcome')]
    assert '3 days' in outbox[0].body_text
    token = outbox[0].body_text.split('/wachtwoord-herstellen/')[1].split()[0]
    assert ops.read_reset_token(token) == (user, True)
