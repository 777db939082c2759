"""Offering an activity: the form (new and change, with "Add a date" rows), and the buttons that submit it for
review, publish it, withdraw it or delete a draft. Each POST calls one operation and commits once."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.blueprints.activities import bp, offering
from portal.blueprints.activities import operations as ops
from portal.blueprints.activities.forms import ActivityForm, slot_row
from portal.blueprints.activities.views import me
from portal.core.access import allowed_or_404
from portal.core.dbtypes import utcnow
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.activities import Activity, ActivityKind, Audience
from portal.models.moderation import PostingState
from portal.models.network import Network


def _messages() -> dict[str, str]:
    return {
        'draft': _('Saved as a draft.'),
        'saved': _('Your changes are saved.'),
        'submitted': _('Submitted. An account manager of the municipality checks it, usually within a few working '
                       'days, and you get an email when it is done.'),
        'published': _('Published: the activity is open for registration.'),
        'revision': _('Saved. Changes to dates and places apply at once; your other changes go to an account manager '
                      'of the municipality for approval, and until then everyone sees the approved version.'),
    }


def _choices(activity: Activity | None) -> dict:
    """What the user may choose on the form; an activity being changed keeps its own kind, audience and network."""
    kinds = offering.kinds_for(current_user)
    audiences = offering.audiences_for(current_user)
    networks = offering.plannable_networks(current_user)
    if activity is not None:
        if activity.kind not in kinds:
            kinds = [*kinds, activity.kind]
        if activity.audience not in audiences and activity.audience != Audience.NETWORK:
            audiences = [*audiences, activity.audience]
        if activity.network is not None and activity.network not in networks:
            networks = [*networks, activity.network]
    return {'kinds': kinds, 'audiences': audiences, 'networks': networks}


def _form(activity: Activity | None, now) -> ActivityForm:
    choices = _choices(activity)
    started = [s for s in activity.dates if s.has_started(now)] if activity is not None else []
    starts = {s.id: s.starts_at for s in activity.dates} if activity is not None else {}
    data = None
    if request.method == 'GET':
        if activity is not None:
            data = {'kind': activity.kind.value, 'network_id': activity.network_id, 'title': activity.title,
                    'description': activity.description, 'location': activity.location,
                    'online_url': activity.online_url, 'audience': activity.audience.value,
                    'requires_approval': activity.requires_approval, 'agenda': activity.agenda,
                    'minutes': activity.minutes,
                    'slots': [slot_row(s) for s in activity.dates if s not in started]}
        else:
            data = _new_defaults(choices)
    return ActivityForm(data=data, starts=starts, kept_slots=len(started), **choices)


def _new_defaults(choices: dict) -> dict:
    """`?kind=` preselects a kind; `?network_id=` a network meeting of that network (404 if not the user's)."""
    data = {'audience': Audience.JOB_SEEKERS.value}
    kind = request.args.get('kind')
    if kind in {k.value for k in choices['kinds']}:
        data['kind'] = kind
    network_id = request.args.get('network_id', type=int)
    if network_id is not None:
        network = db.session.get(Network, network_id)
        allowed_or_404(network is not None and network in choices['networks'])
        data.update(kind=ActivityKind.NETWORK_MEETING.value, network_id=network.id, audience=Audience.NETWORK.value)
    elif len(choices['kinds']) == 1:
        data['kind'] = choices['kinds'][0].value
    return data


def _shown(activity: Activity | None, choices: dict) -> dict:
    """Agenda and minutes appear for network meetings only; fields not shown keep their value."""
    meeting_possible = ActivityKind.NETWORK_MEETING in choices['kinds']
    return {'agenda': meeting_possible or (activity is not None and activity.agenda is not None),
            'minutes': activity is not None and activity.kind == ActivityKind.NETWORK_MEETING}


def _fields(form: ActivityForm, activity: Activity | None, shown: dict, now) -> dict:
    fields = form.activity_fields(now)
    for name, visible in shown.items():
        if not visible:
            fields[name] = getattr(activity, name) if activity is not None else None
    return fields


def _render(form: ActivityForm, activity: Activity | None, shown: dict, now):
    organisation = current_user.current_organisation
    may_submit = current_user.is_email_verified and (current_user.is_staff or (
        organisation is not None and organisation.is_verified))
    return render_template('activities/form.html', form=form, activity=activity, shown=shown, may_submit=may_submit,
                           started=[s for s in activity.dates if s.has_started(now)] if activity else [],
                           uses_review=offering.is_moderated(activity) if activity else not current_user.is_staff)


@bp.route('/activiteiten/nieuw', methods=['GET', 'POST'])
@login_required
def new_activity():
    if not offering.may_offer(current_user):
        abort(403)
    now = utcnow()
    form = _form(None, now)
    shown = _shown(None, _choices(None))
    if form.add_row.data:
        form.add_empty_row()
    elif form.validate_on_submit():
        send = form.wants_submit or form.wants_publish
        if done := commit_or_flash(ops.create_activity, me(), send=send, **_fields(form, None, shown, now)):
            activity = done.result
            outcome = {PostingState.PENDING: 'submitted', PostingState.PUBLISHED: 'published'}.get(activity.state,
                                                                                                   'draft')
            flash(_messages()[outcome], 'success')
            return redirect(url_for('activities.view_activity', activity_id=activity.id))
    return _render(form, None, shown, now)


def _editable_or_404(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    allowed_or_404(activity is not None and (offering.can_edit(current_user, activity)
                                             or activity.is_own(current_user)))
    return activity


@bp.route('/activiteiten/<int:activity_id>/bewerken', methods=['GET', 'POST'])
@login_required
def edit_activity(activity_id: int):
    activity = _editable_or_404(activity_id)
    if not offering.can_edit(current_user, activity):
        flash(_('This can no longer be changed.'), 'error')
        return redirect(url_for('activities.view_activity', activity_id=activity.id))
    now = utcnow()
    form = _form(activity, now)
    shown = _shown(activity, _choices(activity))
    if form.add_row.data:
        form.add_empty_row()
    elif form.validate_on_submit() and (done := commit_or_flash(
            ops.update_activity, me(), activity, send=form.wants_submit or form.wants_publish,
            **_fields(form, activity, shown, now))):
        flash(_messages()[done.result], 'success')
        return redirect(url_for('activities.view_activity', activity_id=activity.id))
    return _render(form, activity, shown, now)


def _button(activity_id: int, operation, done: str, after: str = 'activities.view_activity'):
    activity = _editable_or_404(activity_id)
    back = url_for('activities.view_activity', activity_id=activity.id)
    if EmptyForm().validate_on_submit() and commit_or_flash(operation, me(), activity):
        flash(done, 'success')
        if after != 'activities.view_activity':
            back = url_for(after)
    return redirect(back)


@bp.post('/activiteiten/<int:activity_id>/indienen')
@login_required
def submit_activity(activity_id: int):
    return _button(activity_id, ops.submit_activity, _messages()['submitted'])


@bp.post('/activiteiten/<int:activity_id>/publiceren')
@login_required
def publish_activity(activity_id: int):
    return _button(activity_id, ops.publish_activity, _messages()['published'])


@bp.post('/activiteiten/<int:activity_id>/intrekken')
@login_required
def withdraw_activity(activity_id: int):
    return _button(activity_id, ops.withdraw_activity,
                   _('Withdrawn: it is no longer shown to anyone outside your organisation.'))


@bp.post('/activiteiten/<int:activity_id>/verwijderen')
@login_required
def delete_activity(activity_id: int):
    return _button(activity_id, ops.delete_activity, _('The draft is deleted.'), after='activities.my_offers')
