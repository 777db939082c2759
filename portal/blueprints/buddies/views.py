"""The buddy's pages: sign up (and change, pause or resume the offer), and the pairings with their meeting and feedback.

A buddy sees a job seeker by code only; after the job seeker's consent the shared name and
contact appear, and each page that shows them is audited (`buddy.identity_viewed`).
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.buddies import bp, operations, queries
from portal.blueprints.buddies.forms import AGREEMENT, FeedbackForm, MeetingForm, OfferForm
from portal.core.access import allowed_or_404, role_required
from portal.core.audit import record_event
from portal.core.dbtypes import today
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.models.buddies import BuddyOffer, BuddyPairing


def run(form, operation, *args, **kwargs):
    """Run the operation and commit, returning its result or True; a refusal is shown at the top of `form`
    (the typed values stay) and gives False."""
    try:
        result = operation(*args, **kwargs)
    except OperationRefused as exc:
        db.session.rollback()
        form.form_errors.append(str(exc))
        return False
    db.session.commit()
    return True if result is None else result


def audit_identity_views(pairings: list[BuddyPairing]) -> None:
    """Each page that shows the buddy a job seeker's shared name and contact is on the record."""
    shown = [pairing for pairing in pairings if pairing.shows_identity]
    for pairing in shown:
        record_event('buddy.identity_viewed', actor=current_user, obj=pairing,
                     details={'candidate_id': pairing.candidate_id})
    if shown:
        db.session.commit()


# The offer ----------------------------------------------------------------------------------

def _own_offer() -> BuddyOffer | None:
    organisation = current_user.current_organisation
    return BuddyOffer.of_user(current_user, organisation) if organisation is not None else None


@bp.route('/buddy', methods=['GET', 'POST'])
@role_required('employer')
def offer():
    organisation = current_user.current_organisation
    offer = _own_offer()
    form = OfferForm(obj=offer, agreed=offer.agreed_no_job_guarantee) if offer is not None else OfferForm()
    if form.validate_on_submit() and run(form, operations.save_offer, current_user, organisation,
                                         capacity=form.capacity.data, sectors=form.sectors.data,
                                         availability=form.availability.data, note=form.note.data,
                                         agreed=form.agreed.data):
        flash(_('Your buddy offer is saved. An account manager will pair you with a job seeker and let you know by '
                'mail.') if offer is None else _('Your buddy offer is updated.'), 'success')
        return redirect(url_for('buddies.offer'))
    return render_template('buddies/offer.html', form=form, offer=offer, organisation=organisation,
                           agreement=AGREEMENT, used=offer.open_count() if offer is not None else 0)


def _pause_or_resume(operation, done: str):
    offer = _own_offer()
    allowed_or_404(offer is not None)
    if EmptyForm().validate_on_submit() and commit_or_flash(operation, current_user, offer):
        flash(done, 'success')
    return redirect(url_for('buddies.offer'))


@bp.post('/buddy/pauzeren')
@role_required('employer')
def pause_offer():
    return _pause_or_resume(operations.pause_offer,
                            _('Your offer is paused: no new pairings until you resume it. Pairings that run go on.'))


@bp.post('/buddy/hervatten')
@role_required('employer')
def resume_offer():
    return _pause_or_resume(operations.resume_offer, _('Your offer is open for pairings again.'))


# The pairings -------------------------------------------------------------------------------

@bp.get('/buddy/koppelingen')
@role_required('employer')
def my_pairings():
    pairings = queries.own_pairings(current_user)
    audit_identity_views(pairings)
    return render_template('buddies/my_pairings.html', pairings=pairings, offer=_own_offer(), today=today())


def _own_pairing_or_404(pairing_id: int) -> BuddyPairing:
    pairing = db.get_or_404(BuddyPairing, pairing_id)
    allowed_or_404(pairing.is_buddy(current_user))
    return pairing


def moved_on(url: str):
    """A form sent from a page that is out of date: say so on the page as it is now."""
    flash(_('This pairing has moved on; the page now shows where it stands.'), 'error')
    return redirect(url)


def _render_pairing(pairing: BuddyPairing, *, meeting_form: MeetingForm | None = None,
                    feedback_form: FeedbackForm | None = None):
    audit_identity_views([pairing])
    return render_template('buddies/pairing.html', pairing=pairing, today=today(),
                           meeting_form=meeting_form or MeetingForm(today=today(), formdata=None),
                           feedback_form=feedback_form or FeedbackForm(formdata=None))


@bp.get('/buddy/koppelingen/<int:pairing_id>')
@role_required('employer')
def view_pairing(pairing_id: int):
    return _render_pairing(_own_pairing_or_404(pairing_id))


@bp.post('/buddy/koppelingen/<int:pairing_id>/gesprek')
@role_required('employer')
def record_meeting(pairing_id: int):
    pairing = _own_pairing_or_404(pairing_id)
    if not pairing.can_record_meeting(current_user):
        return moved_on(url_for('buddies.view_pairing', pairing_id=pairing.id))
    form = MeetingForm(today=today())
    if form.validate_on_submit() and run(form, operations.record_meeting, current_user, pairing,
                                         met_on=form.met_on.data):
        flash(_('The meeting is recorded. Now tell us how it went.'), 'success')
        return redirect(url_for('buddies.view_pairing', pairing_id=pairing.id, _anchor='terugkoppeling'))
    return _render_pairing(pairing, meeting_form=form)


@bp.post('/buddy/koppelingen/<int:pairing_id>/terugkoppeling')
@role_required('employer')
def give_feedback(pairing_id: int):
    pairing = _own_pairing_or_404(pairing_id)
    if not pairing.can_give_feedback(current_user):
        return moved_on(url_for('buddies.view_pairing', pairing_id=pairing.id))
    form = FeedbackForm()
    if form.validate_on_submit() and run(form, operations.give_feedback, current_user, pairing,
                                         strengths=form.strengths.data, to_work_on=form.to_work_on.data,
                                         next_step=form.next_step.data, next_step_note=form.next_step_note.data):
        flash(_('Thank you for your feedback. The account manager has been told.'), 'success')
        return redirect(url_for('buddies.view_pairing', pairing_id=pairing.id))
    return _render_pairing(pairing, feedback_form=form)
