"""My account: see and change one's own details, download them, or delete the account."""

import json

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_user, logout_user

from portal.blueprints.account import bp, operations
from portal.blueprints.account.forms import ChangeEmailForm, ChangePasswordForm, DeleteAccountForm, ProfileForm
from portal.core.forms import EmptyForm
from portal.core.i18n import LANG_COOKIE, LANG_COOKIE_MAX_AGE
from portal.extensions import db, limiter

#: mail to an address the user typed: enough for typos, too few to flood someone's inbox
ACCOUNT_MAIL_LIMIT = '5 per hour'


def _me():
    """The signed-in user itself, not the proxy: operations record its type in the audit trail."""
    return current_user._get_current_object()


def _per_user() -> str:
    return f'account-mail:{current_user.id}'


def _is_remembered() -> bool:
    return current_app.config.get('REMEMBER_COOKIE_NAME', 'remember_token') in request.cookies


@bp.get('/')
def overview():
    return render_template('account/overview.html', user=_me(), resend_form=EmptyForm())


@bp.route('/gegevens', methods=['GET', 'POST'])
def edit_profile():
    user = _me()
    form = ProfileForm(obj=user)
    if form.validate_on_submit():
        changes = operations.update_profile(user, name=form.name.data, locale=form.locale.data)
        db.session.commit()
        if 'locale' in changes:
            refresh()  # the message below is in the newly chosen language
        flash(_('Your details have been saved.') if changes else _('Nothing was changed.'),
              'success' if changes else 'info')
        response = redirect(url_for('account.overview'))
        if 'locale' in changes:
            # after signing out, the portal keeps speaking the chosen language
            response.set_cookie(LANG_COOKIE, user.locale, max_age=LANG_COOKIE_MAX_AGE, httponly=True,
                                samesite='Lax', secure=current_app.config['SESSION_COOKIE_SECURE'])
        return response
    return render_template('account/profile.html', form=form)


@bp.route('/wachtwoord', methods=['GET', 'POST'])
def change_password():
    user = _me()
    form = ChangePasswordForm(user=user)
    if form.validate_on_submit():
        try:
            operations.change_password(user, new_password=form.password.data)
        except operations.NotAllowed as refused:
            form.password.errors.append(refused.message)
        else:
            db.session.commit()
            # the new session version ends every other session; this one continues (and stays remembered)
            login_user(user, remember=_is_remembered())
            flash(_('Your password has been changed. You have been signed out everywhere else.'), 'success')
            return redirect(url_for('account.overview'))
    return render_template('account/password.html', form=form)


@bp.route('/e-mailadres', methods=['GET', 'POST'])
@limiter.limit(ACCOUNT_MAIL_LIMIT, key_func=_per_user, methods=['POST'])
def change_email():
    user = _me()
    form = ChangeEmailForm(user=user)
    if form.validate_on_submit():
        try:
            new_email = operations.request_email_change(user, new_email=form.email.data)
        except operations.NotAllowed as refused:
            form.email.errors.append(refused.message)
        else:
            db.session.commit()
            flash(_('We have sent a link to %(email)s. Your email address changes as soon as you open it; until then '
                    'you keep signing in with %(old)s.', email=new_email, old=user.email), 'success')
            return redirect(url_for('account.overview'))
    return render_template('account/email.html', form=form)


@bp.post('/bevestigingsmail')
@limiter.limit(ACCOUNT_MAIL_LIMIT, key_func=_per_user)
def resend_verification():
    user = _me()
    if EmptyForm().validate_on_submit():
        try:
            operations.resend_verification(user)
        except operations.NotAllowed as refused:
            flash(refused.message, 'info')
        else:
            db.session.commit()
            flash(_('We have sent the link again to %(email)s.', email=user.email), 'success')
    return redirect(url_for('account.overview'))


@bp.get('/mijn-gegevens.json')
def export_data():
    data = operations.export_data(_me())
    db.session.commit()
    response = current_app.response_class(json.dumps(data, ensure_ascii=False, indent=2) + '\n',
                                          mimetype='application/json')
    response.headers['Content-Disposition'] = 'attachment; filename="kansenkamer-mijn-gegevens.json"'
    response.headers['Cache-Control'] = 'no-store'
    return response


@bp.route('/verwijderen', methods=['GET', 'POST'])
def delete_account():
    user = _me()
    to_hand_over = operations.organisations_to_hand_over(user)
    form = DeleteAccountForm(user=user)
    if form.validate_on_submit():
        try:
            operations.delete_account(user)
        except operations.NotAllowed as refused:
            flash(refused.message, 'error')
            return redirect(url_for('account.delete_account'))
        db.session.commit()
        # in the user's own language, so before signing out
        flash(_('Your account has been deleted. Thank you for taking part in Kansenkamer.'), 'success')
        logout_user()
        return redirect(url_for('main.index'))
    return render_template('account/delete.html', form=form, to_hand_over=to_hand_over)
