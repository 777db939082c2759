"""Registration, email verification, sign-in and sign-out.

Password reset is in views_passwords.py, two-step sign-in in views_two_step.py, invitations in
views_invitations.py.
"""

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.blueprints.auth import bp, operations
from portal.blueprints.auth.forms import RegisterForm, SignInForm
from portal.blueprints.auth.operations import SignInOutcome, VerifyOutcome
from portal.core.access import is_employer
from portal.core.forms import EmptyForm
from portal.core.urls import safe_next
from portal.extensions import db, limiter
from portal.models.tenancy import Municipality

#: session key of a sign-in that waits for its second step
PENDING_SIGN_IN = 'auth_pending_sign_in'


def account_key() -> str:
    """Rate-limit key for the account a form names, so one address cannot be tried from many places."""
    return 'account:' + (request.form.get('email') or '').strip().lower()


def home_for(user) -> str:
    """Where a user lands after signing in when no `next` was asked for."""
    if user.is_staff:
        return url_for('staff.verification_queue')
    if user.is_admin:
        return url_for('admin.overview')
    if is_employer(user):
        return url_for('organisations.overview')
    return url_for('account.overview')


def finish_sign_in(user, *, remember: bool, next_url: str | None):
    """Start the Flask-Login session and go where the user was heading, if that is on this site."""
    session.pop(PENDING_SIGN_IN, None)
    login_user(user, remember=remember)
    flash(_('You are signed in.'), 'success')
    return redirect(safe_next(next_url, home_for(user)))


def start_second_step(user, *, remember: bool, next_url: str | None):
    session[PENDING_SIGN_IN] = {'user_id': user.id, 'version': user.session_version, 'remember': bool(remember),
                                'next': safe_next(next_url, ''), 'since': int(time.time()), 'tries': 0}
    return redirect(url_for('auth.two_step_sign_in'))


@bp.route('/inloggen', methods=['GET', 'POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_SIGN_IN'], methods=['POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_SIGN_IN_ACCOUNT'], methods=['POST'], key_func=account_key)
def sign_in():
    next_url = request.args.get('next')
    if current_user.is_authenticated:
        return redirect(safe_next(next_url, home_for(current_user)))
    form = SignInForm()
    if form.validate_on_submit():
        attempt = operations.sign_in_with_password(form.email.data, form.password.data)
        db.session.commit()
        if attempt.outcome == SignInOutcome.SIGNED_IN:
            return finish_sign_in(attempt.user, remember=form.remember.data, next_url=next_url)
        if attempt.outcome == SignInOutcome.SECOND_STEP:
            return start_second_step(attempt.user, remember=form.remember.data, next_url=next_url)
        if attempt.outcome == SignInOutcome.LOCKED:
            form.form_errors.append(_('Signing in to this account is blocked for a while after too many attempts. '
                                      'Try again later, or choose a new password with “Forgot your password?”.'))
        else:
            form.form_errors.append(_('Email address or password is not correct.'))
    return render_template('auth/sign_in.html', form=form, next_url=safe_next(next_url, ''))


@bp.post('/uitloggen')
def sign_out():
    if current_user.is_authenticated:
        operations.sign_out_user(current_user._get_current_object())
        db.session.commit()
        logout_user()
    session.pop(PENDING_SIGN_IN, None)
    flash(_('You are signed out.'), 'success')
    return redirect(url_for('main.index'))


def _municipalities() -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).options(joinedload(Municipality.region))))


@bp.route('/registreren', methods=['GET', 'POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_REGISTER'], methods=['POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_REGISTER'], methods=['POST'], key_func=account_key)
def register():
    if current_user.is_authenticated:
        flash(_('You already have an account and are signed in.'), 'info')
        return redirect(home_for(current_user))
    form = RegisterForm(municipalities=_municipalities())
    if form.validate_on_submit():
        registration = operations.register_employer(
            name=form.name.data, email=form.email.data, password=form.password.data, locale=str(get_locale()),
            organisation=operations.OrganisationDetails(
                name=form.organisation_name.data, kvk_number=form.kvk_number.data,
                vestigingsnummer=form.vestigingsnummer.data or None, sbi_section=form.sbi_section.data,
                sbi_code=form.sbi_code.data or None, size_class=form.size_class.data,
                municipality_id=form.municipality.data, visiting_postcode=form.postcode.data,
                website=form.website.data or None))
        db.session.commit()
        joining = 'lid-worden' if registration.organisation_exists else 'nieuw'
        return redirect(url_for('auth.registered', soort=joining))
    return render_template('auth/register.html', form=form)


@bp.get('/registreren/controleer-uw-mail')
def registered():
    """The same page whether or not the address already had an account; it differs only for a known KvK number."""
    return render_template('auth/registered.html', joining=request.args.get('soort') == 'lid-worden')


@bp.get('/e-mail-bevestigen/<token>')
def verify_email(token: str):
    """Opening the link in the mail confirms the address (and completes an email change)."""
    found = operations.read_verification_token(token)
    if found is None:
        return render_template('auth/verify_invalid.html', reason='invalid'), 400
    user, email, version = found
    # asked before the change: afterwards the session's old version no longer loads the user
    signed_in_here = current_user.is_authenticated and current_user.id == user.id
    outcome = operations.verify_email(user, email, version=version)
    db.session.commit()
    if outcome in (VerifyOutcome.TAKEN, VerifyOutcome.STALE):
        return render_template('auth/verify_invalid.html', reason=outcome.value), 400
    if outcome == VerifyOutcome.CHANGED and signed_in_here:
        login_user(user)  # this session carries on under the new session version; all others end
    return render_template('auth/verified.html', outcome=outcome.value, email=user.email)


def _user_key() -> str:
    return f'user:{current_user.id}' if current_user.is_authenticated else 'user:'


@bp.route('/e-mail-bevestigen', methods=['GET', 'POST'])
@login_required
@limiter.limit(lambda: current_app.config['RATELIMIT_RESET'], methods=['POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_RESET_ACCOUNT'], methods=['POST'], key_func=_user_key)
def resend_verification():
    if current_user.is_email_verified:
        flash(_('Your email address is already confirmed.'), 'info')
        return redirect(home_for(current_user))
    form = EmptyForm()
    if form.validate_on_submit():
        operations.send_verification_mail(current_user._get_current_object())
        db.session.commit()
        flash(_('We sent a new link to %(email)s. It can take a few minutes to arrive.', email=current_user.email),
              'success')
        return redirect(url_for('auth.resend_verification'))
    return render_template('auth/resend_verification.html', form=form)

