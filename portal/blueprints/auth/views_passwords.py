"""Forgot your password: ask for a link, then choose a new password through it."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from portal.blueprints.auth import bp, operations_passwords
from portal.blueprints.auth.forms import ForgotPasswordForm, ResetPasswordForm
from portal.blueprints.auth.views import account_key
from portal.extensions import db, limiter


@bp.route('/wachtwoord-vergeten', methods=['GET', 'POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_RESET'], methods=['POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_RESET_ACCOUNT'], methods=['POST'], key_func=account_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        operations_passwords.request_password_reset(form.email.data)
        db.session.commit()
        return redirect(url_for('auth.reset_sent'))
    return render_template('auth/forgot_password.html', form=form)


@bp.get('/wachtwoord-vergeten/verstuurd')
def reset_sent():
    """The same answer for every address, known or not."""
    return render_template('auth/reset_sent.html')


@bp.route('/wachtwoord-herstellen/<token>', methods=['GET', 'POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_RESET'], methods=['POST'])
def reset_password(token: str):
    found = operations_passwords.read_reset_token(token)
    if found is None:
        return render_template('auth/reset_invalid.html'), 400
    user, welcome = found
    form = ResetPasswordForm(email=user.email)
    if form.validate_on_submit():
        signed_in = current_user.is_authenticated  # asked first: the new session version signs everyone out
        operations_passwords.reset_password(user, form.password.data)
        db.session.commit()
        if signed_in:
            logout_user()  # this browser too: it signs in again with the new password, like every other
        flash(_('Your password is saved. Sign in with your new password.'), 'success')
        return redirect(url_for('auth.sign_in'))
    return render_template('auth/reset_password.html', form=form, welcome=welcome, email=user.email)
