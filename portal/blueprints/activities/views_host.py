"""The host's pages: managing an activity's registrations (job seekers by code only), the host's own offers,
calling off the activity or one date, and staff's mail to the attendees or no-shows of a date."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from portal.blueprints.activities import bp, followup, policy, queries
from portal.blueprints.activities import operations as ops
from portal.blueprints.activities.forms import ReasonForm
from portal.blueprints.activities.forms_followup import MailParticipantsForm
from portal.blueprints.activities.registrations import CANCELLABLE_ACTIVITY_STATES
from portal.blueprints.activities.registrations import cancel_activity as cancel_op
from portal.blueprints.activities.status import offer_status
from portal.blueprints.activities.views import me
from portal.blueprints.activities.views_registrations import action_forms
from portal.blueprints.demand.status import ReviewInfo, reviews_for
from portal.core.access import allowed_or_404
from portal.core.dbtypes import utcnow
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.activities import Activity, ActivitySlot


def _managed_or_404(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    allowed_or_404(activity is not None and policy.can_manage(current_user, activity))
    return activity


def _managed_slot_or_404(slot_id: int) -> ActivitySlot:
    slot = db.session.get(ActivitySlot, slot_id)
    allowed_or_404(slot is not None and policy.can_manage(current_user, slot.activity))
    return slot


@bp.get('/activiteiten/<int:activity_id>/beheer')
@login_required
def manage_activity(activity_id: int):
    activity = _managed_or_404(activity_id)
    attended = queries.attended_job_seekers(activity)
    return render_template(
        'activities/manage.html', activity=activity, forms=action_forms(current_user, activity),
        counts=queries.slot_counts(activity), listed=queries.listed_registrations(activity.dates),
        ratings=queries.ratings(activity), now=utcnow(),
        feedback_rows=[(r, followup.can_write_feedback(current_user, r), followup.can_read_feedback(current_user, r))
                       for r in attended],
        is_staff=policy.is_staff_of_region(current_user, activity),
        can_cancel=activity.state in CANCELLABLE_ACTIVITY_STATES)


@bp.get('/activiteiten/mijn-aanbod')
@login_required
def my_offers():
    offers = queries.my_offers(current_user)
    reviews = reviews_for(offers)
    rows = [(a, offer_status(a, current_user, reviews.get((a.KIND, a.id), ReviewInfo()))) for a in offers]
    return render_template('activities/mine.html', rows=rows, now=utcnow(),
                           organisation=None if current_user.is_staff else current_user.current_organisation)


@bp.route('/activiteiten/<int:activity_id>/afzeggen', methods=['GET', 'POST'])
@login_required
def cancel_activity(activity_id: int):
    activity = _managed_or_404(activity_id)
    back = url_for('activities.manage_activity', activity_id=activity.id)
    if activity.state not in CANCELLABLE_ACTIVITY_STATES:
        flash(_('This activity cannot be cancelled in its current state.'), 'error')
        return redirect(back)
    form = ReasonForm()
    if form.validate_on_submit() and (done := commit_or_flash(cancel_op, me(), activity, reason=form.reason.data)):
        flash(ngettext('The activity is cancelled. %(num)d registration was cancelled and told why.',
                       'The activity is cancelled. %(num)d registrations were cancelled and told why.', done.result),
              'success')
        return redirect(back)
    return render_template('activities/cancel.html', activity=activity, slot=None, form=form, back=back,
                           live=queries.live_count(activity))


@bp.route('/activiteiten/tijdslot/<int:slot_id>/afzeggen', methods=['GET', 'POST'])
@login_required
def cancel_slot(slot_id: int):
    slot = _managed_slot_or_404(slot_id)
    activity = slot.activity
    back = url_for('activities.manage_activity', activity_id=activity.id)
    form = ReasonForm()
    if form.validate_on_submit() and (done := commit_or_flash(ops.cancel_slot, me(), slot, reason=form.reason.data)):
        flash(ngettext('The date is cancelled. %(num)d registration was cancelled and told why.',
                       'The date is cancelled. %(num)d registrations were cancelled and told why.', done.result),
              'success')
        return redirect(back)
    return render_template('activities/cancel.html', activity=activity, slot=slot, form=form, back=back,
                           live=queries.live_count(activity, slot))


@bp.route('/activiteiten/tijdslot/<int:slot_id>/mailen', methods=['GET', 'POST'])
@login_required
def mail_participants(slot_id: int):
    slot = db.session.get(ActivitySlot, slot_id)
    allowed_or_404(slot is not None and policy.is_staff_of_region(current_user, slot.activity))
    back = url_for('activities.manage_activity', activity_id=slot.activity_id)
    form = MailParticipantsForm()
    if form.validate_on_submit() and (done := commit_or_flash(
            followup.mail_participants, me(), slot, group=form.group.data, subject=form.subject.data,
            message=form.message.data)):
        flash(ngettext('Your message is on its way to %(num)d person.',
                       'Your message is on its way to %(num)d people.', done.result), 'success')
        return redirect(back)
    groups = {group: followup.mail_recipients(slot, group) for group in followup.MAIL_GROUPS}
    return render_template('activities/mail.html', slot=slot, activity=slot.activity, form=form, back=back,
                           groups=groups, started=slot.has_started())
