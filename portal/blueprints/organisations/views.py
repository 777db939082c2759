"""The organisation someone works for: its details and people, editing, switching and leaving."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.blueprints.organisations import bp, operations
from portal.blueprints.organisations.forms import InviteForm, OrganisationForm, SwitchOrganisationForm
from portal.core.access import allowed_or_404, check_role, role_required
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.organisations import MembershipStatus, Organisation
from portal.models.tenancy import Municipality


def current_organisation_or_404() -> Organisation:
    organisation = current_user.current_organisation
    allowed_or_404(organisation is not None)
    return organisation


def render_overview(invite_form: InviteForm | None = None):
    """The overview page; the invite view re-renders it with its form's errors."""
    organisation = current_user.current_organisation
    can_manage = organisation.can_manage(current_user)
    if can_manage and invite_form is None:
        invite_form = InviteForm()
    switch_form = None
    if len(current_user.active_memberships) > 1:
        switch_form = SwitchOrganisationForm(organisation_id=organisation.id,
                                             organisations=_organisation_choices())
    return render_template('organisations/overview.html', organisation=organisation,
                           membership=current_user.current_membership, can_manage=can_manage,
                           invite_form=invite_form, switch_form=switch_form)


def _organisation_choices() -> list[tuple[int, str]]:
    memberships = sorted(current_user.active_memberships, key=lambda m: m.organisation.name.lower())
    return [(m.organisation_id, m.organisation.name) for m in memberships]


@bp.get('/')
def overview():
    if current_user.current_membership is None:
        requested = [m for m in current_user.memberships if m.status == MembershipStatus.REQUESTED]
        return render_template('organisations/no_organisation.html', requested=requested)
    response = check_role('employer')
    if response is not None:
        return response
    return render_overview()


def _municipalities() -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).options(selectinload(Municipality.region))))


@bp.route('/gegevens', methods=['GET', 'POST'])
@role_required('employer')
def edit_details():
    organisation = current_organisation_or_404()
    allowed_or_404(organisation.can_manage(current_user))
    form = OrganisationForm(obj=organisation, municipalities=_municipalities())
    if not form.is_submitted() and organisation.sbi_code:
        form.sbi_code.data = organisation.sbi_display.partition(' ')[2]  # 49.41, as on the KvK extract
    if form.validate_on_submit():
        data = dict(form.data)
        data.pop('csrf_token', None)
        municipality = db.get_or_404(Municipality, data.pop('municipality_id'))
        back_to_pending = operations.update_organisation(current_user, organisation, municipality=municipality, **data)
        db.session.commit()
        if back_to_pending:
            flash(_('The details are saved. An accountmanager of the municipality will check them again; '
                    'until then nothing of your organisation is published.'), 'success')
        else:
            flash(_('The details of your organisation are saved.'), 'success')
        return redirect(url_for('organisations.overview'))
    return render_template('organisations/edit.html', organisation=organisation, form=form)


@bp.post('/wisselen')
@role_required('employer')
def switch_organisation():
    form = SwitchOrganisationForm(organisations=_organisation_choices())
    if not form.validate_on_submit():
        flash(_('Choose one of your organisations.'), 'error')
        return redirect(url_for('organisations.overview'))
    organisation = db.get_or_404(Organisation, form.organisation_id.data)
    if commit_or_flash(operations.switch_organisation, current_user, organisation):
        flash(_('You now work for %(name)s.', name=organisation.name), 'success')
    return redirect(url_for('organisations.overview'))


@bp.route('/verlaten', methods=['GET', 'POST'])
@role_required('employer')
def leave_organisation():
    organisation = current_organisation_or_404()
    form = EmptyForm()
    if form.validate_on_submit():
        if commit_or_flash(operations.leave_organisation, current_user, organisation):
            flash(_('You have left %(name)s.', name=organisation.name), 'success')
        return redirect(url_for('organisations.overview'))
    return render_template('organisations/confirm_leave.html', organisation=organisation,
                           membership=current_user.current_membership, form=form)
