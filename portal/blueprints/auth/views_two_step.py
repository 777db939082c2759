"""Two-step sign-in: the second step of signing in, enrolling an authenticator app, and managing it."""

import base64
import time

import pyotp
import qrcode
import qrcode.image.svg
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.blueprints.auth import bp, operations_two_step
from portal.blueprints.auth.forms import ConfirmPasswordForm, TwoStepCodeForm, TwoStepSetupForm
from portal.blueprints.auth.operations_two_step import SecondStepOutcome
from portal.blueprints.auth.views import PENDING_SIGN_IN, finish_sign_in, home_for
from portal.core.forms import EmptyForm
from portal.core.passwords import verify_password
from portal.core.urls import safe_next
from portal.extensions import db, limiter
from portal.models.accounts import User

#: a pending sign-in waits this long for its second step
PENDING_MAX_AGE = 10 * 60
#: wrong codes before a pending sign-in ends (they also count towards the account's lock-out)
MAX_CODE_TRIES = 5
#: session key of the secret being enrolled, until the user proves their app has it
SETUP_SECRET = 'auth_two_step_secret'  # noqa: S105 (a session key)
ISSUER = 'Kansenkamer'


def _pending_user() -> User | None:
    pending = session.get(PENDING_SIGN_IN)
    if not isinstance(pending, dict) or time.time() - pending.get('since', 0) > PENDING_MAX_AGE:
        return None
    user = db.session.get(User, pending.get('user_id'))
    if user is None or not user.is_active or user.session_version != pending.get('version') or not user.has_two_step:
        return None
    return user


def _pending_key() -> str:
    pending = session.get(PENDING_SIGN_IN)
    return f'pending:{pending.get("user_id")}' if isinstance(pending, dict) else 'pending:'


@bp.route('/inloggen/tweestaps', methods=['GET', 'POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_SIGN_IN'], methods=['POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_SIGN_IN_ACCOUNT'], methods=['POST'], key_func=_pending_key)
def two_step_sign_in():
    user = _pending_user()
    if user is None:
        session.pop(PENDING_SIGN_IN, None)
        flash(_('Please sign in again.'), 'info')
        return redirect(url_for('auth.sign_in'))
    pending = session[PENDING_SIGN_IN]
    form = TwoStepCodeForm()
    if form.validate_on_submit():
        result = operations_two_step.sign_in_with_second_step(user, form.code.data)
        db.session.commit()
        if result.outcome == SecondStepOutcome.SIGNED_IN:
            if result.method == 'recovery_code':
                flash(_('You used a recovery code; %(count)s are left. Make new ones under two-step sign-in.',
                        count=result.recovery_codes_left), 'warning')
            return finish_sign_in(user, remember=pending['remember'], next_url=pending['next'] or None)
        pending['tries'] = pending.get('tries', 0) + 1
        session[PENDING_SIGN_IN] = pending
        if result.outcome == SecondStepOutcome.LOCKED or pending['tries'] >= MAX_CODE_TRIES:
            session.pop(PENDING_SIGN_IN, None)
            flash(_('Too many wrong codes. Sign in again later.'), 'error')
            return redirect(url_for('auth.sign_in'))
        form.code.errors.append(_('This code is not correct. Use the code your app shows now, or a recovery code.'))
    return render_template('auth/two_step_sign_in.html', form=form)


def qr_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data: URI, which the Content-Security-Policy allows for images."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10).to_string()
    return 'data:image/svg+xml;base64,' + base64.b64encode(svg).decode()


def secret_groups(secret: str) -> str:
    return ' '.join(secret[i:i + 4] for i in range(0, len(secret), 4))


@bp.route('/tweestaps/instellen', methods=['GET', 'POST'])
@login_required
def two_step_setup():
    user = current_user._get_current_object()
    next_url = request.args.get('next')
    if user.has_two_step:
        return render_template('auth/two_step_manage.html', may_disable=operations_two_step.may_disable_two_step(user),
                               disable_form=ConfirmPasswordForm(), codes_form=EmptyForm())
    secret = session.get(SETUP_SECRET)
    if not secret:
        secret = session[SETUP_SECRET] = pyotp.random_base32()
    form = TwoStepSetupForm()
    if form.validate_on_submit():
        codes = operations_two_step.enable_two_step(user, secret, form.code.data)
        if codes is not None:
            db.session.commit()
            session.pop(SETUP_SECRET, None)
            flash(_('Two-step sign-in is on.'), 'success')
            # Shown once, in this response: the codes are never stored in plain text, not even in the session.
            return render_template('auth/recovery_codes.html', codes=codes,
                                   continue_url=safe_next(next_url, home_for(user)))
        form.code.errors.append(_('This code is not correct. Check that the time on your phone is right, and '
                                  'type the code the app shows now.'))
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return render_template('auth/two_step_setup.html', form=form, qr=qr_data_uri(uri), secret=secret_groups(secret),
                           next_url=safe_next(next_url, ''))


@bp.post('/tweestaps/uitzetten')
@login_required
@limiter.limit(lambda: current_app.config['RATELIMIT_SIGN_IN'])
def two_step_disable():
    user = current_user._get_current_object()
    if not user.has_two_step or not operations_two_step.may_disable_two_step(user):
        abort(403)
    form = ConfirmPasswordForm()
    if form.validate_on_submit() and verify_password(user.password_hash, form.password.data):
        operations_two_step.disable_two_step(user, user)
        db.session.commit()
        flash(_('Two-step sign-in is off.'), 'success')
        return redirect(url_for('auth.two_step_setup'))
    if not form.password.errors:
        form.password.errors.append(_('This password is not correct.'))
    return render_template('auth/two_step_manage.html', may_disable=True, disable_form=form,
                           codes_form=EmptyForm())


@bp.post('/tweestaps/herstelcodes')
@login_required
def two_step_recovery_codes():
    user = current_user._get_current_object()
    if not user.has_two_step:
        return redirect(url_for('auth.two_step_setup'))
    if not EmptyForm().validate_on_submit():
        abort(400)
    codes = operations_two_step.regenerate_recovery_codes(user)
    db.session.commit()
    flash(_('You have new recovery codes; the old ones no longer work.'), 'success')
    return render_template('auth/recovery_codes.html', codes=codes, continue_url=url_for('auth.two_step_setup'))
