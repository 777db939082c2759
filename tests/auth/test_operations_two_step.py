"""Two-step sign-in: enrolling, the second step with a code or a recovery code, and turning it off."""

import pyotp
import pytest

from portal.blueprints.auth import operations
from portal.blueprints.auth import operations_two_step as ops
from portal.blueprints.auth.operations_two_step import SecondStepOutcome
from portal.core.tokens import hash_token
from tests.auth.conftest import actions
from tests.factories import make_admin, make_staff, make_user


def test_enrolling_needs_a_code_from_the_app(db, request_context, outbox):
    user = make_user(db, locale='en')
    secret = pyotp.random_base32()
    assert ops.enable_two_step(user, secret, '000000' if pyotp.TOTP(secret).now() != '000000' else '111111') is None
    assert not user.has_two_step
    assert outbox == []
    codes = ops.enable_two_step(user, secret, pyotp.TOTP(secret).now())
    assert user.has_two_step
    assert user.totp_secret == secret
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert {c.code_hash for c in user.recovery_codes} == {hash_token(c.replace('-', '')) for c in codes}
    assert all(c not in {rc.code_hash for rc in user.recovery_codes} for c in codes)  # only hashes are kept
    assert actions(db) == ['user.two_step_enable']
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [(user.email, 'auth/two_step_changed', 'en')]
    with pytest.raises(ValueError, match='already on'):
        ops.enable_two_step(user, secret, pyotp.TOTP(secret).now())


def test_the_second_step_accepts_the_current_code(db, request_context):
    staff = make_staff(db, two_step=True, failed_sign_ins=2)
    result = ops.sign_in_with_second_step(staff, pyotp.TOTP(staff.totp_secret).now())
    assert (result.outcome, result.method) == (SecondStepOutcome.SIGNED_IN, 'totp')
    assert staff.failed_sign_ins == 0
    assert actions(db) == ['user.sign_in']


def test_a_recovery_code_works_once(db, request_context, outbox):
    user = make_user(db)
    secret = pyotp.random_base32()
    codes = ops.enable_two_step(user, secret, pyotp.TOTP(secret).now())
    result = ops.sign_in_with_second_step(user, codes[0].upper().replace('-', ' '))
    assert (result.outcome, result.method, result.recovery_codes_left) == (SecondStepOutcome.SIGNED_IN,
                                                                          'recovery_code', 9)
    assert ops.sign_in_with_second_step(user, codes[0]).outcome == SecondStepOutcome.WRONG


def test_wrong_codes_count_towards_the_lock_out(db, app, request_context, outbox):
    staff = make_staff(db, two_step=True)
    for _ in range(app.config['LOCKOUT_THRESHOLD'] - 1):
        assert ops.sign_in_with_second_step(staff, 'abcde-fghij').outcome == SecondStepOutcome.WRONG
    assert ops.sign_in_with_second_step(staff, '12345').outcome == SecondStepOutcome.LOCKED
    assert staff.is_locked()
    assert [m.template for m in outbox] == ['auth/locked']
    assert ops.sign_in_with_second_step(staff, pyotp.TOTP(staff.totp_secret).now()).outcome == \
        SecondStepOutcome.LOCKED


def test_new_recovery_codes_replace_the_old(db, request_context, outbox):
    user = make_user(db)
    secret = pyotp.random_base32()
    old = ops.enable_two_step(user, secret, pyotp.TOTP(secret).now())
    new = ops.regenerate_recovery_codes(user)
    assert len(user.recovery_codes) == 10
    assert not set(old) & set(new)
    assert ops.sign_in_with_second_step(user, old[1]).outcome == SecondStepOutcome.WRONG
    assert ops.sign_in_with_second_step(user, new[1]).outcome == SecondStepOutcome.SIGNED_IN
    assert 'user.recovery_codes_regenerate' in actions(db)


def test_an_employer_may_turn_two_step_off(db, request_context, outbox):
    user = make_user(db)
    secret = pyotp.random_base32()
    ops.enable_two_step(user, secret, pyotp.TOTP(secret).now())
    ops.disable_two_step(user, user)
    assert not user.has_two_step
    assert user.totp_secret is None
    assert user.recovery_codes == []
    assert actions(db)[-1] == 'user.two_step_disable'
    assert [m.template for m in outbox] == ['auth/two_step_changed', 'auth/two_step_changed']
    with pytest.raises(ValueError, match='not on'):
        ops.disable_two_step(user, user)


@pytest.mark.parametrize('maker', [make_staff, make_admin])
def test_staff_and_admins_keep_two_step_where_it_is_required(db, app, request_context, monkeypatch, maker):
    user = maker(db)
    user.totp_secret, user.totp_enabled_at = pyotp.random_base32(), operations.utcnow()
    monkeypatch.setitem(app.config, 'REQUIRE_STAFF_TWO_STEP', True)
    assert not ops.may_disable_two_step(user)
    with pytest.raises(PermissionError):
        ops.disable_two_step(user, user)
    monkeypatch.setitem(app.config, 'REQUIRE_STAFF_TWO_STEP', False)
    assert ops.may_disable_two_step(user)
