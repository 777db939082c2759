"""The owner's pages about people: inviting colleagues, join requests, removing members, handing over ownership."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.organisations import bp, operations
from portal.blueprints.organisations.forms import InviteForm
from portal.blueprints.organisations.views import current_organisation_or_404, render_overview
from portal.core.access import allowed_or_404, role_required
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.organisations import Invitation, Membership, MembershipStatus


def _back():
    return redirect(url_for('organisations.overview'))


def _managed_membership(membership_id: int, status: MembershipStatus) -> Membership:
    """A membership in `status` of an organisation the current user owns; 404 otherwise."""
    membership = db.get_or_404(Membership, membership_id)
    allowed_or_404(membership.status == status and membership.organisation.can_manage(current_user))
    return membership


@bp.post('/collega-uitnodigen')
@role_required('employer')
def invite_colleague():
    organisation = current_organisation_or_404()
    allowed_or_404(organisation.can_manage(current_user))
    form = InviteForm(member_emails={m.user.email for m in organisation.active_members})
    if not form.validate_on_submit():
        return render_overview(invite_form=form)
    if commit_or_flash(operations.invite_colleague, current_user, organisation, email=form.email.data):
        flash(_('We have sent an invitation to %(email)s. It is valid for 7 days.', email=form.email.data.lower()),
              'success')
    return _back()


@bp.post('/uitnodigingen/<int:invitation_id>/intrekken')
@role_required('employer')
def revoke_invitation(invitation_id: int):
    invitation = db.get_or_404(Invitation, invitation_id)
    allowed_or_404(invitation.organisation.can_manage(current_user))
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.revoke_invitation, current_user, invitation):
        flash(_('The invitation to %(email)s is withdrawn; its link no longer works.', email=invitation.email),
              'success')
    return _back()


@bp.post('/aanvragen/<int:membership_id>/goedkeuren')
@role_required('employer')
def approve_join_request(membership_id: int):
    membership = _managed_membership(membership_id, MembershipStatus.REQUESTED)
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.approve_join_request, current_user, membership):
        flash(_('%(name)s is now a colleague in this portal. We have let them know by mail.',
                name=membership.user.name), 'success')
    return _back()


@bp.post('/aanvragen/<int:membership_id>/afwijzen')
@role_required('employer')
def decline_join_request(membership_id: int):
    membership = _managed_membership(membership_id, MembershipStatus.REQUESTED)
    name = membership.user.name
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.decline_join_request, current_user, membership):
        flash(_('You have declined the request of %(name)s. We have let them know by mail.', name=name), 'success')
    return _back()


@bp.route('/leden/<int:membership_id>/verwijderen', methods=['GET', 'POST'])
@role_required('employer')
def remove_member(membership_id: int):
    membership = _managed_membership(membership_id, MembershipStatus.ACTIVE)
    allowed_or_404(not membership.is_owner)
    form = EmptyForm()
    if form.validate_on_submit():
        name = membership.user.name
        if commit_or_flash(operations.remove_member, current_user, membership):
            flash(_('%(name)s is no longer a member of your organisation. We have let them know by mail.',
                    name=name), 'success')
        return _back()
    return render_template('organisations/confirm_remove.html', membership=membership, form=form)


@bp.route('/leden/<int:membership_id>/eigenaar-maken', methods=['GET', 'POST'])
@role_required('employer')
def transfer_ownership(membership_id: int):
    membership = _managed_membership(membership_id, MembershipStatus.ACTIVE)
    allowed_or_404(not membership.is_owner)
    form = EmptyForm()
    if form.validate_on_submit():
        if commit_or_flash(operations.transfer_ownership, current_user, membership):
            flash(_('%(name)s is now the owner of %(organisation)s. You remain a colleague.',
                    name=membership.user.name, organisation=membership.organisation.name), 'success')
        return _back()
    return render_template('organisations/confirm_transfer.html', membership=membership, form=form)
