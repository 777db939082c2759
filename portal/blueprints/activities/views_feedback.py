"""Feedback on a job seeker who attended (written by the host, read by its author, the region's coordinators and
the job seeker's accountmanager, every staff read audited), and an attendee's rating of the activity."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.blueprints.activities import bp, followup
from portal.blueprints.activities.forms_followup import (
    GeneralFeedbackForm,
    InterviewFeedbackForm,
    RatingForm,
    feedback_form_data,
)
from portal.blueprints.activities.views import me
from portal.core.access import allowed_or_404
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.activities import FeedbackForm, Registration


@bp.route('/activiteiten/aanmelding/<int:registration_id>/terugkoppeling', methods=['GET', 'POST'])
@login_required
def feedback(registration_id: int):
    """The author (or a host, before anyone wrote it) sees the form; the other readers a read-only page."""
    registration = db.session.get(Registration, registration_id)
    allowed_or_404(registration is not None and (followup.can_write_feedback(current_user, registration)
                                                 or followup.can_read_feedback(current_user, registration)))
    activity = registration.slot.activity
    if not followup.can_write_feedback(current_user, registration):
        followup.record_feedback_view(me(), registration)
        db.session.commit()
        return render_template('activities/feedback.html', registration=registration, activity=activity,
                               feedback=registration.feedback)
    practice = followup.form_of(registration) == FeedbackForm.PRACTICE_INTERVIEW
    form_class = InterviewFeedbackForm if practice else GeneralFeedbackForm
    existing = registration.feedback
    data = feedback_form_data(existing.answers, practice) if existing is not None else None
    form = form_class(data=data)
    if form.validate_on_submit():
        if commit_or_flash(followup.save_feedback, me(), registration, answers=form.answers()):
            flash(_('Thank you. The feedback is saved, and the job seeker’s accountmanager knows it is there.')
                  if existing is None else _('Your changes to the feedback are saved.'), 'success')
            return redirect(url_for('activities.manage_activity', activity_id=activity.id))
    elif existing is not None and current_user.is_staff:
        followup.record_feedback_view(me(), registration)
        db.session.commit()
    return render_template('activities/feedback_form.html', registration=registration, activity=activity,
                           form=form, practice=practice, existing=existing)


@bp.post('/activiteiten/aanmelding/<int:registration_id>/waardering')
@login_required
def rate_activity(registration_id: int):
    registration = db.session.get(Registration, registration_id)
    allowed_or_404(registration is not None and registration.user_id == current_user.id)
    back = url_for('activities.view_activity', activity_id=registration.slot.activity_id)
    form = RatingForm(prefix=f'rating-{registration.id}')
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], 'error')
            break
        return redirect(back + '#rating')
    changed = registration.rating is not None
    if commit_or_flash(followup.rate_activity, me(), registration, rating=form.rating.data,
                       comment=form.comment.data):
        flash(_('Your rating is changed. Thank you.') if changed else _('Thank you for your rating.'), 'success')
    return redirect(back + '#rating')
