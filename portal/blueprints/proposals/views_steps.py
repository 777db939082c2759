"""The staff's steps on a proposal, one POST each: send, withdraw, introduce, intake, trial, hire, follow-up, end.

A form with errors shows the proposal's page again with the errors at their fields; a step the
state does not allow is refused with a message and changes nothing.
"""

from collections.abc import Callable

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from portal.blueprints.proposals import bp, forms, operations
from portal.blueprints.proposals.operations_steps import is_retained
from portal.blueprints.proposals.views_staff import follow_up_of_my_region, proposal_of_my_region, render_proposal
from portal.core.access import role_required
from portal.core.dbtypes import today
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.matching import Proposal, ProposalState

S = ProposalState

BASE = '/medewerkers/voorstellen/<int:proposal_id>'


def _back(proposal: Proposal):
    return redirect(url_for('proposals.view_proposal', proposal_id=proposal.id))


def _run(proposal: Proposal, operation: Callable, *args, done: Callable[[object], str], **kwargs):
    """Run the step and commit, then show the proposal's page with what happened, or why it did not."""
    back = _back(proposal)  # made first: a rolled-back session has nothing to read it from
    try:
        result = operation(current_user, *args, **kwargs)
    except OperationRefused as exc:
        db.session.rollback()
        flash(str(exc), 'error')
    else:
        db.session.commit()
        flash(done(result), 'success')
    return back


def _refused(proposal: Proposal, *states: ProposalState):
    """A redirect with the reason when the proposal's state does not allow the step (before reading its form)."""
    try:
        operations.refuse_unless(proposal, *states)
    except OperationRefused as exc:
        flash(str(exc), 'error')
        return _back(proposal)
    return None


def _mailed(count: int) -> str:
    return ngettext('We have let %(num)d person at the employer know by mail.',
                    'We have let %(num)d people at the employer know by mail.', count)


@bp.post(f'{BASE}/versturen')
@role_required('staff')
def send_proposal(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.DRAFT)) is not None:
        return refused
    if not EmptyForm().validate_on_submit():
        return _back(proposal)
    return _run(proposal, operations.send_proposal, proposal,
                done=lambda count: _('The proposal is sent.') + ' ' + _mailed(count))


@bp.post(f'{BASE}/intrekken')
@role_required('staff')
def withdraw_proposal(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.DRAFT, S.SENT, S.INTERESTED)) is not None:
        return refused
    form = forms.WithdrawForm()
    if not form.validate_on_submit():
        return render_proposal(proposal, withdraw_form=form)
    return _run(proposal, operations.withdraw_proposal, proposal, reason=form.reason.data,
                done=lambda count: _('The proposal is withdrawn.') + (' ' + _mailed(count) if count else ''))


@bp.post(f'{BASE}/introductie')
@role_required('staff')
def introduce(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.INTERESTED)) is not None:
        return refused
    form = forms.IntroduceForm(today=today())
    if not form.validate_on_submit():
        return render_proposal(proposal, introduce_form=form)
    return _run(proposal, operations.introduce_candidate, proposal, consent_on=form.consent_on.data,
                has_consent=form.has_consent.data, name=form.name.data, phone=form.phone.data,
                email=form.email.data,
                done=lambda count: _('The employer now sees the name and contact details.') + ' ' + _mailed(count))


@bp.post(f'{BASE}/intake')
@role_required('staff')
def record_intake(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.INTRODUCED)) is not None:
        return refused
    form = forms.IntakeForm()
    if not form.validate_on_submit():
        return render_proposal(proposal, intake_form=form)
    return _run(proposal, operations.record_intake, proposal, intake_on=form.intake_on.data,
                done=lambda _result: _('The intake is recorded.'))


@bp.post(f'{BASE}/proefplaatsing')
@role_required('staff')
def start_trial(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.INTAKE)) is not None:
        return refused
    form = forms.TrialForm()
    if not form.validate_on_submit():
        return render_proposal(proposal, trial_form=form)
    return _run(proposal, operations.start_trial, proposal, starts_on=form.starts_on.data,
                ends_on=form.ends_on.data, done=lambda _result: _('The trial placement is recorded.'))


@bp.post(f'{BASE}/in-dienst')
@role_required('staff')
def record_hire(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.INTAKE, S.TRIAL)) is not None:
        return refused
    form = forms.HireForm()
    if not form.validate_on_submit():
        return render_proposal(proposal, hire_form=form)
    return _run(proposal, operations.record_hire, proposal, contract_type=form.contract_type.data,
                hours_per_week=form.hours_per_week.data, starts_on=form.starts_on.data,
                instruments=form.instruments.data,
                done=lambda _result: _('The hire is recorded. Follow-ups are planned at 3, 6 and 12 months.'))


@bp.post('/medewerkers/voorstellen/nazorg/<int:follow_up_id>')
@role_required('staff')
def record_follow_up(follow_up_id: int):
    follow_up = follow_up_of_my_region(follow_up_id)
    proposal = follow_up.proposal
    if (refused := _refused(proposal, S.HIRED)) is not None:
        return refused
    form = forms.FollowUpForm()
    if not form.validate_on_submit():
        return render_proposal(proposal, follow_up_form=form)
    still_employed = forms.yes_no(form.still_employed.data)

    def done(_result) -> str:
        if still_employed:
            return _('The follow-up is recorded.')
        return _('The follow-up is recorded. End the proposal below with the reason.')

    return _run(proposal, operations.record_follow_up, follow_up, still_employed=still_employed,
                note=form.note.data, done=done)


@bp.post(f'{BASE}/afsluiten')
@role_required('staff')
def end_proposal(proposal_id: int):
    proposal = proposal_of_my_region(proposal_id)
    if (refused := _refused(proposal, S.INTRODUCED, S.INTAKE, S.TRIAL, S.HIRED)) is not None:
        return refused
    form = forms.EndForm(retained_possible=is_retained(proposal))
    if not form.validate_on_submit():
        return render_proposal(proposal, end_form=form)
    return _run(proposal, operations.end_proposal, proposal, reason=form.reason.data,
                returned_to_benefits=forms.yes_no(form.returned_to_benefits.data), text=form.text.data,
                done=lambda _result: _('The proposal is ended.'))
