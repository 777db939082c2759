"""The buttons on a profile: confirm availability, record and withdraw consent, pause, reactivate, leave."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from portal.blueprints.caseload import bp, operations
from portal.blueprints.caseload.forms_actions import ConsentForm, LeaveForm
from portal.blueprints.caseload.views import candidate_of_my_region
from portal.core.access import allowed_or_404
from portal.core.dbtypes import today
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.models.caseload import CandidateConsent


def _back(candidate):
    return redirect(url_for('caseload.view_candidate', candidate_id=candidate.id))


def _withdrawn_message(count: int) -> str:
    return ngettext('%(num)d open proposal was withdrawn.', '%(num)d open proposals were withdrawn.', count)


def _first_error(form) -> str:
    return next(str(errors[0]) for errors in form.errors.values() if errors)


@bp.post('/<int:candidate_id>/beschikbaarheid')
def confirm_availability(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id, lock=request.method == 'POST')
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.confirm_availability, current_user,
                                                            candidate):
        flash(_('Availability confirmed today. The profile stays in matching for 8 more weeks.'), 'success')
    return _back(candidate)


@bp.post('/<int:candidate_id>/toestemming')
def record_consent(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id, lock=request.method == 'POST')
    form = ConsentForm(today=today())
    if not form.validate_on_submit():
        flash(_first_error(form) if form.errors else _('Something went wrong. Please try again.'), 'error')
    elif commit_or_flash(operations.record_consent, current_user, candidate, scope=form.scope.data,
                         given_on=form.given_on.data):
        flash(_('The consent is recorded.'), 'success')
    return _back(candidate)


@bp.post('/<int:candidate_id>/toestemming/<int:consent_id>/intrekken')
def withdraw_consent(candidate_id: int, consent_id: int):
    candidate = candidate_of_my_region(candidate_id, lock=request.method == 'POST')
    consent = db.get_or_404(CandidateConsent, consent_id)
    allowed_or_404(consent.candidate_id == candidate.id)
    if EmptyForm().validate_on_submit():
        try:
            withdrawn = operations.withdraw_consent(current_user, candidate, consent)
        except OperationRefused as refused:
            db.session.rollback()
            flash(str(refused), 'error')
        else:
            db.session.commit()
            flash(_('The consent is withdrawn.'), 'success')
            if withdrawn:
                flash(_withdrawn_message(withdrawn), 'success')
    return _back(candidate)


@bp.post('/<int:candidate_id>/pauzeren')
def pause_candidate(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id, lock=request.method == 'POST')
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.pause_candidate, current_user, candidate):
        flash(_('The profile is paused: it is left out of matching until you make it active again.'), 'success')
    return _back(candidate)


@bp.post('/<int:candidate_id>/heractiveren')
def reactivate_candidate(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id, lock=request.method == 'POST')
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.reactivate_candidate, current_user,
                                                            candidate):
        flash(_('The profile is active again.'), 'success')
    return _back(candidate)


@bp.route('/<int:candidate_id>/uitschrijven', methods=['GET', 'POST'])
def leave_caseload(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id, lock=request.method == 'POST')
    form = LeaveForm()
    if form.validate_on_submit():
        try:
            withdrawn = operations.leave_caseload(current_user, candidate, reason=form.reason.data)
        except OperationRefused as refused:
            db.session.rollback()
            flash(str(refused), 'error')
        else:
            db.session.commit()
            flash(_('%(code)s has left the caseload. The profile is anonymised after the retention period.',
                    code=candidate.code), 'success')
            if withdrawn:
                flash(_withdrawn_message(withdrawn), 'success')
        return _back(candidate)
    return render_template('caseload/leave.html', candidate=candidate, form=form)
