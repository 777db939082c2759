"""Registering for a date, cancelling, the host's decisions and attendance, and the user's own registrations.

Each POST loads its object, answers 404 to whoever may not know it exists, reads one form, calls one
operation from registrations.py and commits once, then returns to the activity's page.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.blueprints.activities import bp, policy, queries
from portal.blueprints.activities import registrations as ops
from portal.blueprints.activities.forms_registrations import (
    AttendanceForm,
    CancelRegistrationForm,
    CandidateRegistrationForm,
    DeclineRegistrationForm,
)
from portal.core.access import allowed_or_404, role_required
from portal.core.dbtypes import utcnow
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.activities import (
    LIVE_STATES,
    Activity,
    ActivitySlot,
    Registration,
    RegistrationState,
)
from portal.models.caseload import Candidate


def _me():
    """The signed-in user itself, not the proxy: operations record its type in the audit trail."""
    return current_user._get_current_object()


def back_to(activity: Activity) -> str:
    """The activity's page; until it exists, the user's registrations."""
    if 'activities.view_activity' in current_app.view_functions:
        return url_for('activities.view_activity', activity_id=activity.id)
    return url_for('activities.my_registrations')


def to_slot_list(registration: Registration) -> str:
    """Where hosts and staff manage the registrations of a date."""
    return url_for('activities.slot_registrations', slot_id=registration.slot_id)


def _visible_slot_or_404(slot_id: int) -> ActivitySlot:
    slot = db.session.get(ActivitySlot, slot_id)
    allowed_or_404(slot is not None and policy.can_see(current_user, slot.activity))
    return slot


def _registration_or_404(registration_id: int, allowed) -> Registration:
    registration = db.session.get(Registration, registration_id)
    allowed_or_404(registration is not None and allowed(registration))
    return registration


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        flash(errors[0], 'error')
        return
    flash(_('The form has expired: please try again.'), 'error')


def action_forms(user, activity: Activity) -> dict:
    """The forms `_slot_actions.html` and `_slot_registrations.html` render for `user` on `activity`."""
    forms = {'register': EmptyForm(), 'cancel': CancelRegistrationForm(),
             'decline': DeclineRegistrationForm(), 'attendance': AttendanceForm(),
             'approve': EmptyForm()}
    if policy.can_register_candidates(user, activity):
        forms['candidate'] = CandidateRegistrationForm()  # one code field, rendered on each open date
    return forms


def slot_state(user, slot: ActivitySlot) -> tuple[Registration | None, str | None]:
    """The user's live registration for `slot` and why they may not register (None: they may)."""
    return slot_states(user, slot.activity, [slot])[slot.id]


def slot_states(user, activity: Activity, slots: list[ActivitySlot]
                ) -> dict[int, tuple[Registration | None, str | None]]:
    """slot_state for each of `slots` of `activity`, reading the user's registrations in one query and whether
    they are in the audience once (not two or three queries per date)."""
    live = {}
    if user.is_authenticated and slots:
        live = {r.slot_id: r for r in db.session.scalars(select(Registration).where(
            Registration.slot_id.in_([s.id for s in slots]), Registration.user_id == user.id,
            Registration.state.in_(LIVE_STATES)))}
    audience = policy.in_audience(user, activity) if user.is_authenticated else False
    return {slot.id: (live.get(slot.id), policy.registration_block(user, slot, audience=audience,
                                                                   registered=slot.id in live))
            for slot in slots}


@bp.post('/activiteiten/tijdslot/<int:slot_id>/aanmelden')
@login_required
def register(slot_id: int):
    slot = _visible_slot_or_404(slot_id)
    back = back_to(slot.activity)  # before the operation: a refusal rolls the session back
    form = EmptyForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(back)
    if done := commit_or_flash(ops.register_user, _me(), slot):
        _flash_outcome(done.result)
    return redirect(back)


def _flash_outcome(registration: Registration) -> None:
    code = registration.candidate.code if registration.candidate is not None else None
    if registration.state == RegistrationState.CONFIRMED:
        flash(_('Job seeker %(code)s is registered. The invitation is in your mail.', code=code) if code else
              _('You are registered. The invitation is in your mail.'), 'success')
    elif registration.state == RegistrationState.WAITLISTED:
        position = ops.waitlist_position(registration)
        flash(_('This date is full: job seeker %(code)s is number %(position)s on the waiting list.', code=code,
                position=position) if code else
              _('This date is full: you are number %(position)s on the waiting list.', position=position), 'success')
    else:
        flash(_('The registration waits for the host’s approval; we will mail you their decision.'), 'success')


@bp.post('/activiteiten/tijdslot/<int:slot_id>/kandidaat')
@role_required('staff')
def register_candidate(slot_id: int):
    slot = _visible_slot_or_404(slot_id)
    allowed_or_404(policy.can_register_candidates(current_user, slot.activity))
    back = back_to(slot.activity)
    form = CandidateRegistrationForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(back)
    candidate = db.session.scalar(select(Candidate).where(Candidate.code == form.candidate_code.data,
                                                          Candidate.region_id == slot.activity.region_id))
    if candidate is None:
        flash(_('There is no job seeker with this code in your region’s caseload.'), 'error')
        return redirect(back)
    # the registration's own audit row names the job seeker (by code); nobody else is shown or recorded
    if done := commit_or_flash(ops.register_candidate, _me(), slot, candidate):
        _flash_outcome(done.result)
    return redirect(back)


@bp.post('/activiteiten/aanmelding/<int:registration_id>/annuleren')
@login_required
def cancel_registration(registration_id: int):
    registration = _registration_or_404(registration_id, lambda r: policy.can_cancel(current_user, r))
    # the registrant returns to their registrations, hosts and staff to the date's list
    if registration.user_id == current_user.id or not policy.can_manage(current_user, registration.slot.activity):
        back = url_for('activities.my_registrations')
    else:
        back = to_slot_list(registration)
    form = CancelRegistrationForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(back)
    if done := commit_or_flash(ops.cancel_registration, _me(), registration, reason=form.reason.data):
        flash(_('The registration is cancelled.'), 'success')
        if isinstance(done.result, Registration):
            flash(_('The first on the waiting list got the place and has been mailed.'), 'info')
    return redirect(back)


@bp.post('/activiteiten/aanmelding/<int:registration_id>/goedkeuren')
@login_required
def approve_registration(registration_id: int):
    registration = _registration_or_404(registration_id, lambda r: policy.can_manage(current_user, r.slot.activity))
    back, form = to_slot_list(registration), EmptyForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif commit_or_flash(ops.approve_registration, _me(), registration):
        if registration.state == RegistrationState.CONFIRMED:
            flash(_('Approved: the registration has a place.'), 'success')
        else:
            flash(_('Approved, but the date is full: the registration is on the waiting list.'), 'success')
    return redirect(back)


@bp.post('/activiteiten/aanmelding/<int:registration_id>/afwijzen')
@login_required
def decline_registration(registration_id: int):
    registration = _registration_or_404(registration_id, lambda r: policy.can_manage(current_user, r.slot.activity))
    back, form = to_slot_list(registration), DeclineRegistrationForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif commit_or_flash(ops.decline_registration, _me(), registration, reason=form.reason.data):
        flash(_('Declined: the participant has been mailed your reason.'), 'success')
    return redirect(back)


@bp.post('/activiteiten/aanmelding/<int:registration_id>/aanwezigheid')
@login_required
def mark_attendance(registration_id: int):
    registration = _registration_or_404(registration_id, lambda r: policy.can_manage(current_user, r.slot.activity))
    back, form = to_slot_list(registration), AttendanceForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif commit_or_flash(ops.mark_attendance, _me(), registration, present=form.present.data == '1'):
        flash(_('Attendance saved.'), 'success')
    return redirect(back)


@bp.get('/activiteiten/tijdslot/<int:slot_id>/aanmeldingen')
@login_required
def slot_registrations(slot_id: int):
    """The host's and staff's list of one date's registrations (job seekers by code)."""
    slot = db.session.get(ActivitySlot, slot_id)
    allowed_or_404(slot is not None and policy.can_manage(current_user, slot.activity))
    return render_template('activities/registrations/slot.html', slot=slot,
                           forms=action_forms(current_user, slot.activity), back=back_to(slot.activity),
                           listed=queries.listed_registrations([slot]))


@bp.get('/activiteiten/mijn-aanmeldingen')
@login_required
def my_registrations():
    now = utcnow()
    own = list(db.session.scalars(
        select(Registration).join(ActivitySlot).where(Registration.user_id == current_user.id)
        .options(joinedload(Registration.slot).joinedload(ActivitySlot.activity))
        .order_by(ActivitySlot.starts_at, Registration.id)))
    upcoming = [r for r in own if r.slot.ends_at > now and r.state in LIVE_STATES]
    past = [r for r in own if r not in upcoming]
    past.reverse()
    for_candidates = []
    if current_user.is_staff:
        for_candidates = list(db.session.scalars(
            select(Registration).join(ActivitySlot)
            .where(Registration.registered_by_id == current_user.id, Registration.candidate_id.is_not(None),
                   Registration.state.in_(LIVE_STATES), ActivitySlot.ends_at > now)
            .options(joinedload(Registration.slot).joinedload(ActivitySlot.activity))
            .order_by(ActivitySlot.starts_at, Registration.id)))
    return render_template('activities/registrations/mine.html', upcoming=upcoming, past=past,
                           for_candidates=for_candidates, cancel_form=CancelRegistrationForm(),
                           back_to=back_to, now=now)
