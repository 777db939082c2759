"""Accepting an invitation from an organisation's owner: join with one's account, or make one."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal.blueprints.auth import bp, operations_invitations
from portal.blueprints.auth.forms import InvitationAccountForm
from portal.blueprints.auth.operations_invitations import InvitationClosed
from portal.core.forms import EmptyForm
from portal.extensions import db, limiter
from portal.models.accounts import User


def _closed():
    return render_template('auth/invitation.html', state='closed', invitation=None), 410


@bp.route('/uitnodiging/<token>', methods=['GET', 'POST'])
@limiter.limit(lambda: current_app.config['RATELIMIT_REGISTER'], methods=['POST'])
def accept_invitation(token: str):
    invitation = operations_invitations.invitation_for_token(token)
    if invitation is None or not invitation.is_open():
        return _closed()
    here = url_for('auth.accept_invitation', token=token)
    organisation = invitation.organisation

    if current_user.is_authenticated:
        user = current_user._get_current_object()
        if not operations_invitations.is_invited(user, invitation):
            return render_template('auth/invitation.html', state='other_account', invitation=invitation)
        form = EmptyForm()
        if form.validate_on_submit():
            try:
                operations_invitations.accept_invitation(user, invitation)
            except InvitationClosed:
                db.session.rollback()
                return _closed()
            db.session.commit()
            flash(_('Welcome to %(organisation)s.', organisation=organisation.name), 'success')
            return redirect(url_for('organisations.overview'))
        return render_template('auth/invitation.html', state='join', invitation=invitation, form=form, action=here)

    if User.email_taken(invitation.email):
        return render_template('auth/invitation.html', state='sign_in', invitation=invitation,
                               sign_in_url=url_for('auth.sign_in', next=here))

    form = InvitationAccountForm(email=invitation.email)
    if form.validate_on_submit():
        try:
            user = operations_invitations.register_by_invitation(
                invitation, name=form.name.data, password=form.password.data, locale=str(get_locale()))
        except InvitationClosed:
            db.session.rollback()
            return _closed()
        db.session.commit()
        login_user(user)
        flash(_('Welcome to %(organisation)s. Your account is ready.', organisation=organisation.name), 'success')
        return redirect(url_for('organisations.overview'))
    return render_template('auth/invitation.html', state='register', invitation=invitation, form=form, action=here)
