"""Signing in with a password: lock-out, rehashing, and who gets which answer."""

from datetime import timedelta

import pytest

from portal.blueprints.auth import operations
from portal.blueprints.auth.operations import SignInOutcome
from portal.core import passwords
from portal.core.dbtypes import utcnow
from portal.core.passwords import verify_password
from tests.auth.conftest import actions
from tests.factories import PASSWORD, make_staff, make_user


def attempt(email, password=PASSWORD):
    return operations.sign_in_with_password(email, password)


def test_the_right_password_signs_in_and_is_recorded(db, request_context):
    user = make_user(db, email='bea@bakkerij.nl', failed_sign_ins=2)
    result = attempt('  BEA@bakkerij.nl ')
    assert (result.outcome, result.user) == (SignInOutcome.SIGNED_IN, user)
    assert user.failed_sign_ins == 0
    assert user.last_sign_in_at is not None
    assert actions(db) == ['user.sign_in']


def test_an_unknown_address_gets_the_same_answer_and_spends_a_hash(db, request_context, monkeypatch):
    checked = []
    monkeypatch.setattr(operations, 'verify_password', lambda h, p: checked.append(h) or False)
    assert attempt('niemand@example.nl') == operations.SignInAttempt(SignInOutcome.WRONG)
    assert checked == [passwords.DUMMY_HASH]
    assert actions(db) == []


def test_a_disabled_account_cannot_sign_in(db, request_context):
    make_user(db, email='weg@bakkerij.nl', is_enabled=False)
    assert attempt('weg@bakkerij.nl').outcome == SignInOutcome.WRONG


def test_wrong_passwords_lock_the_account_at_the_threshold_and_mail_its_owner(db, app, request_context, outbox):
    user = make_user(db, email='bea@bakkerij.nl', locale='en')
    threshold = app.config['LOCKOUT_THRESHOLD']
    for count in range(1, threshold):
        assert attempt(user.email, 'wrong password!').outcome == SignInOutcome.WRONG
        assert user.failed_sign_ins == count
    assert outbox == []
    assert attempt(user.email, 'wrong password!').outcome == SignInOutcome.LOCKED
    assert user.is_locked()
    assert user.failed_sign_ins == 0
    assert user.locked_until - utcnow() > app.config['LOCKOUT_TIME'] - timedelta(minutes=1)
    assert actions(db) == ['user.locked']
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [('bea@bakkerij.nl', 'auth/locked', 'en')]
    assert '/wachtwoord-herstellen/' in outbox[0].body_text


def test_a_locked_account_refuses_even_the_right_password_until_the_lock_ends(db, request_context):
    user = make_user(db, email='bea@bakkerij.nl', locked_until=utcnow() + timedelta(minutes=5))
    assert attempt(user.email).outcome == SignInOutcome.LOCKED
    # a wrong password while locked gets the generic answer and does not extend the lock
    assert attempt(user.email, 'wrong password!').outcome == SignInOutcome.WRONG
    assert user.failed_sign_ins == 0
    user.locked_until = utcnow() - timedelta(seconds=1)
    assert attempt(user.email).outcome == SignInOutcome.SIGNED_IN


def test_an_old_hash_is_replaced_on_sign_in(db, request_context, monkeypatch):
    user = make_user(db)
    old_hash = user.password_hash
    monkeypatch.setattr(operations, 'needs_rehash', lambda h: h == old_hash)
    assert attempt(user.email).outcome == SignInOutcome.SIGNED_IN
    assert user.password_hash != old_hash
    assert verify_password(user.password_hash, PASSWORD)


def test_a_hash_with_todays_parameters_is_kept(db, request_context):
    user = make_user(db)
    old_hash = user.password_hash
    attempt(user.email)
    assert user.password_hash == old_hash


def test_with_two_step_the_password_only_opens_the_second_step(db, request_context):
    staff = make_staff(db, two_step=True, failed_sign_ins=1)
    assert attempt(staff.email).outcome == SignInOutcome.SECOND_STEP
    assert actions(db) == []
    assert staff.last_sign_in_at is None
    # the failure count carries over into the second step; only a full sign-in clears it
    assert staff.failed_sign_ins == 1


@pytest.mark.parametrize(('email', 'skip_setting', 'outcome'), [
    ('am@demo.kansenkamer.nl', True, SignInOutcome.SIGNED_IN),
    ('am@demo.kansenkamer.nl', False, SignInOutcome.SECOND_STEP),
    ('am@vechtdal.nl', True, SignInOutcome.SECOND_STEP),
    ('am@notdemo.kansenkamer.nl.evil.nl', True, SignInOutcome.SECOND_STEP),
])
def test_demo_staff_skip_the_second_step_only_where_the_settings_allow(db, app, request_context, monkeypatch,
                                                                       email, skip_setting, outcome):
    monkeypatch.setitem(app.config, 'DEMO_STAFF_SKIP_TWO_STEP', skip_setting)
    make_staff(db, two_step=True, email=email)
    assert attempt(email).outcome == outcome


def test_only_development_lets_demo_staff_skip_the_second_step():
    from config import DevelopmentConfig, ProductionConfig, TestingConfig

    assert DevelopmentConfig.DEMO_STAFF_SKIP_TWO_STEP is True
    assert TestingConfig.DEMO_STAFF_SKIP_TWO_STEP is False
    assert ProductionConfig.DEMO_STAFF_SKIP_TWO_STEP is False


def test_sign_out_is_recorded(db, request_context):
    user = make_user(db)
    operations.sign_out_user(user)
    assert actions(db) == ['user.sign_out']
