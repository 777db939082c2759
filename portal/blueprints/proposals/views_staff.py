"""Staff of a region: the region's proposals, a new proposal from a match, and one proposal with its steps.

Needs, job seekers and proposals of another region do not exist for them (404).
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.matching.profiles import score
from portal.blueprints.proposals import bp, checks, forms, operations, pages, queries
from portal.blueprints.proposals import card as cards
from portal.blueprints.proposals.operations_steps import is_retained, sent_on
from portal.core.access import allowed_or_404, role_required
from portal.core.audit import record_event
from portal.core.dbtypes import today, utcnow
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.matching import RULES_VERSION
from portal.models.caseload import Candidate
from portal.models.demand import StaffingNeed
from portal.models.matching import FollowUp, Proposal, ProposalState

S = ProposalState


def proposal_of_my_region(proposal_id: int) -> Proposal:
    proposal = db.get_or_404(Proposal, proposal_id)
    allowed_or_404(proposal.can_manage(current_user))
    return proposal


@bp.get('/medewerkers/voorstellen')
@role_required('staff')
def staff_list():
    region_id = current_user.staff_region_id
    organisations, needs = queries.filter_choices(region_id)
    form = forms.StaffFilterForm(request.args, organisations=organisations, needs=needs)
    manager_id = current_user.id if form.wie.data == 'mijn' else None
    state = form.value(form.status)
    query = queries.filtered(region_id, manager_id=manager_id, state=state,
                             organisation_id=form.value(form.werkgever), need_id=form.value(form.behoefte))
    pagination = queries.page_of(query, max(request.args.get('pagina', 1, type=int), 1))
    now = utcnow()
    waiting = queries.waiting_too_long(region_id, now, current_app.config['PROPOSAL_ANSWER_WITHIN'],
                                       manager_id=manager_id)
    args = {key: value for key, value in request.args.items() if key != 'pagina' and value}
    return render_template('proposals/staff_list.html', form=form, pagination=pagination, waiting=waiting, now=now,
                           counts=queries.state_counts(region_id, manager_id=manager_id), args=args,
                           answer_within=current_app.config['PROPOSAL_ANSWER_WITHIN'].days)


def _need_and_candidate() -> tuple[StaffingNeed, Candidate]:
    """The need and the job seeker named in the address; both of the staff member's region, else 404."""
    need_id = request.args.get('need_id', type=int)
    candidate_id = request.args.get('candidate_id', type=int)
    if need_id is None or candidate_id is None:
        abort(404)
    need = db.get_or_404(StaffingNeed, need_id)
    candidate = db.get_or_404(Candidate, candidate_id)
    allowed_or_404(need.can_match(current_user) and candidate.can_view(current_user))
    return need, candidate


def _render_new(need: StaffingNeed, candidate: Candidate, form: forms.ProposalForm, status: int = 200):
    day = today()
    match = score(candidate, need, day)
    parts = match.as_json()
    # the card as the employer would see it, from a proposal that is never saved
    unsaved = Proposal(need=need, candidate=candidate, score=match.total_tenths / 10, score_parts=parts,
                       rules_version=RULES_VERSION, state=S.DRAFT)
    card = pages.card_view(cards.build_card(unsaved, day))
    subsidy = pages.card_subsidy(card)
    return render_template(
        'proposals/create.html', need=need, candidate=candidate, form=form, total=match.total,
        problems=checks.pair_problems(need, candidate, match, day), existing=checks.open_proposal(need, candidate),
        lines=pages.staff_explanation(parts, need), card=card,
        subsidy=subsidy, employer_band=pages.subsidy_band(subsidy)), status


@bp.route('/medewerkers/voorstellen/nieuw', methods=['GET', 'POST'])
@role_required('staff')
def create_proposal():
    need, candidate = _need_and_candidate()
    form = forms.ProposalForm()
    if not form.validate_on_submit():
        return _render_new(need, candidate, form)
    try:
        proposal = operations.create_proposal(current_user, need, candidate, motivation=form.motivation.data)
    except OperationRefused as exc:
        db.session.rollback()
        flash(str(exc), 'error')
        return _render_new(need, candidate, form)
    db.session.commit()
    flash(_('The proposal is saved as a draft. Check the card the employer will see, then send it.'), 'success')
    return redirect(url_for('proposals.view_proposal', proposal_id=proposal.id))


def render_proposal(proposal: Proposal, status: int = 200, **given):
    """The staff's page of one proposal, with the forms of the steps its state allows (`given`: a form with errors).

    The name and contact shared with the employer are staff-only data: every page that shows them,
    a step's form with errors too, writes an audit row (committed after rendering, which expires the rows).
    """
    day = today()
    due = [f for f in proposal.follow_ups if f.is_due(day)]
    step_forms = {
        'withdraw_form': forms.WithdrawForm(formdata=None),
        'introduce_form': forms.IntroduceForm(formdata=None, today=day),
        'intake_form': forms.IntakeForm(formdata=None),
        'trial_form': forms.TrialForm(formdata=None),
        'hire_form': forms.HireForm(formdata=None,
                                    hours_per_week=cards.proposed_hours(proposal.candidate, proposal.need)),
        'follow_up_form': forms.FollowUpForm(formdata=None),
        'end_form': forms.EndForm(formdata=None, retained_possible=is_retained(proposal)),
    }
    step_forms.update(given)
    subsidy = pages.staff_subsidy(proposal, day)
    html = render_template(
        'proposals/view.html', proposal=proposal, lines=pages.staff_explanation(proposal.score_parts, proposal.need),
        subsidy=subsidy, employer_band=pages.subsidy_band(subsidy),
        card=pages.staff_card(proposal, day), today=day, sent_on=sent_on(proposal) if proposal.sent_at else None,
        due_follow_up=due[0] if due else None, retained=is_retained(proposal), **step_forms)
    if proposal.shared_name:
        record_event('proposal.identity_viewed', actor=current_user, obj=proposal, details={'side': 'staff'})
        db.session.commit()
    return html, status


@bp.get('/medewerkers/voorstellen/<int:proposal_id>')
@role_required('staff')
def view_proposal(proposal_id: int):
    return render_proposal(proposal_of_my_region(proposal_id))


def follow_up_of_my_region(follow_up_id: int) -> FollowUp:
    follow_up = db.get_or_404(FollowUp, follow_up_id)
    allowed_or_404(follow_up.proposal.can_manage(current_user))
    return follow_up
