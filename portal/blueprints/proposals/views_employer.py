"""The employer's side: proposals sent to their organisation, read as anonymous cards, and their answer.

Only proposals of the user's current organisation that were sent exist here (404 otherwise).
The job seeker's name and contact appear only after their consent, and every view of them is audited.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.proposals import bp, forms, operations, pages, queries
from portal.core.access import allowed_or_404, role_required
from portal.core.audit import record_event
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.matching import Proposal, ProposalState


def proposal_of_my_organisation(proposal_id: int) -> Proposal:
    proposal = db.get_or_404(Proposal, proposal_id)
    allowed_or_404(proposal.can_view_as_employer(current_user))
    return proposal


@bp.get('/voorstellen')
@role_required('employer')
def incoming():
    organisation = current_user.current_organisation
    proposals = queries.incoming(organisation.id)
    waiting = [p for p in proposals if p.state == ProposalState.SENT]
    answered = [p for p in proposals if p.state != ProposalState.SENT]
    return render_template('proposals/incoming.html', organisation=organisation, waiting=waiting, answered=answered,
                           cards={p.id: pages.card_view(p.card) for p in proposals})


def _render(proposal: Proposal, form: forms.RespondForm | None = None):
    card = pages.card_view(proposal.card)
    if proposal.shows_identity:
        record_event('proposal.identity_viewed', actor=current_user, obj=proposal,
                     details={'side': 'employer', 'organisation_id': proposal.organisation_id})
        db.session.commit()
    lines = pages.employer_explanation(proposal.card, proposal.need)
    subsidy, band = pages.employer_subsidy(proposal)
    return render_template('proposals/employer_view.html', proposal=proposal, card=card, lines=lines,
                           total=pages.employer_total(lines), subsidy=subsidy, band=band,
                           offers=pages.employer_offers(proposal.card, proposal.need),
                           form=form or forms.RespondForm(formdata=None))


@bp.get('/voorstellen/<int:proposal_id>')
@role_required('employer')
def employer_view(proposal_id: int):
    return _render(proposal_of_my_organisation(proposal_id))


@bp.post('/voorstellen/<int:proposal_id>/antwoord')
@role_required('employer')
def respond(proposal_id: int):
    proposal = proposal_of_my_organisation(proposal_id)
    back = redirect(url_for('proposals.employer_view', proposal_id=proposal.id))
    if not proposal.can_respond(current_user):
        flash(_('This proposal has already been answered or withdrawn.'), 'error')
        return back
    form = forms.RespondForm()
    if not form.validate_on_submit():
        return _render(proposal, form)
    interested = form.answer.data == 'interested'
    try:
        operations.respond_to_proposal(current_user, proposal, interested=interested,
                                       reason=None if interested else form.reason.data, text=form.text.data)
    except OperationRefused as exc:
        db.session.rollback()
        flash(str(exc), 'error')
        return back
    db.session.commit()
    if interested:
        flash(_('Thank you. The account manager will contact you to arrange an introduction, once the job seeker '
                'agrees to it.'), 'success')
    else:
        flash(_('Thank you for your answer. It helps the account manager to propose people who fit better.'),
              'success')
    return back
