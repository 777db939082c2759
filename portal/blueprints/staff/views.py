"""The verification queue: staff of a region check new organisations and verify or reject them."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.staff import bp, operations, queries
from portal.blueprints.staff.forms import RejectForm
from portal.core.access import allowed_or_404
from portal.core.dbtypes import utcnow
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.accounts import User
from portal.models.organisations import Organisation, OrganisationStatus


@bp.get('/organisaties')
def verification_queue():
    try:
        status = OrganisationStatus(request.args.get('status', OrganisationStatus.PENDING.value))
    except ValueError:
        abort(404)
    page = request.args.get('page', 1, type=int)
    region_id = current_user.staff_region_id
    return render_template('staff/queue.html', status=status, counts=queries.status_counts(region_id),
                           pagination=queries.organisations_page(region_id, status, max(page, 1)), now=utcnow())


def _organisation_of_my_region(organisation_id: int) -> Organisation:
    organisation = db.get_or_404(Organisation, organisation_id)
    allowed_or_404(organisation.is_staff_of_region(current_user))
    return organisation


def _render_organisation(organisation: Organisation, reject_form: RejectForm | None = None):
    return render_template('staff/organisation.html', organisation=organisation,
                           reject_form=reject_form or RejectForm(), verify_form=EmptyForm(),
                           history=queries.organisation_history(organisation),
                           action_labels=queries.ACTION_LABELS, field_labels=queries.FIELD_LABELS,
                           decided_by=db.session.get(User, organisation.decided_by_id)
                           if organisation.decided_by_id else None)


@bp.get('/organisaties/<int:organisation_id>')
def view_organisation(organisation_id: int):
    return _render_organisation(_organisation_of_my_region(organisation_id))


@bp.post('/organisaties/<int:organisation_id>/verifieren')
def verify_organisation(organisation_id: int):
    organisation = _organisation_of_my_region(organisation_id)
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.verify_organisation, current_user, organisation):
        flash(_('%(name)s is verified. We have let the owner know by mail.', name=organisation.name), 'success')
        return redirect(url_for('staff.verification_queue'))
    return redirect(url_for('staff.view_organisation', organisation_id=organisation.id))


@bp.post('/organisaties/<int:organisation_id>/afwijzen')
def reject_organisation(organisation_id: int):
    organisation = _organisation_of_my_region(organisation_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return _render_organisation(organisation, reject_form=form)
    if commit_or_flash(operations.reject_organisation, current_user, organisation, reason=form.reason.data):
        flash(_('%(name)s is not approved. We have mailed the owner your reason.', name=organisation.name),
              'success')
        return redirect(url_for('staff.verification_queue'))
    return redirect(url_for('staff.view_organisation', organisation_id=organisation.id))
