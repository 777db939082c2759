"""Browsing activities and reading one: the list for everyone signed in (with a tab for staff who register job
seekers), and an activity's page with its dates, what the reader can do on each, and the host's status.

Each view loads its object and asks policy.can_see: an activity outside the user's reach is a 404.
"""

from flask import current_app, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.blueprints.activities import bp, offering, policy, queries
from portal.blueprints.activities.forms import ActivityFilterForm, ReasonForm
from portal.blueprints.activities.forms_followup import RatingForm
from portal.blueprints.activities.labels import template_labels
from portal.blueprints.activities.registrations import CANCELLABLE_ACTIVITY_STATES
from portal.blueprints.activities.status import offer_status
from portal.blueprints.activities.views_registrations import action_forms, slot_states
from portal.core.access import allowed_or_404, check_role
from portal.core.dbtypes import utcnow
from portal.core.forms import EmptyForm
from portal.extensions import db
from portal.models.activities import Activity
from portal.models.tenancy import Municipality

bp.context_processor(template_labels)


@bp.before_request
def staff_as_staff():
    """Staff reach these pages (job seekers' codes, host feedback, registrations) only as staff: with two-step
    sign-in enrolled where the settings require it, as on every staff page. Others pass; each view checks them."""
    if current_user.is_authenticated and current_user.is_staff:
        return check_role('staff')
    return None


@bp.context_processor
def endpoints() -> dict:
    """Links to other areas' pages are shown only where those pages exist."""
    return {'endpoints': current_app.view_functions}


def me():
    """The signed-in user itself, not the proxy: operations record its type in the audit trail."""
    return current_user._get_current_object()


def visible_or_404(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    allowed_or_404(activity is not None and policy.can_see(current_user, activity))
    return activity


def _municipalities() -> list[Municipality]:
    region_ids = {m.organisation.region_id for m in current_user.active_memberships}
    if current_user.staff_region_id is not None:
        region_ids.add(current_user.staff_region_id)
    if not region_ids:
        return []
    return list(db.session.scalars(select(Municipality).where(Municipality.region_id.in_(region_ids))
                                   .order_by(Municipality.name)))


@bp.get('/activiteiten')
@login_required
def list_activities():
    form = ActivityFilterForm(request.args, municipalities=_municipalities())
    form.validate()
    for_job_seekers = current_user.is_staff and request.args.get('voor') == 'werkzoekenden'
    filters = queries.Filters(kind=form.kind(), municipality_id=form.municipality_id(),
                              date_from=form.van.data if not form.van.errors else None,
                              date_to=form.tot.data if not form.tot.errors else None,
                              free_only=bool(form.vrij.data), for_job_seekers=for_job_seekers)
    page = max(request.args.get('pagina', 1, type=int), 1)
    pagination = queries.listing(current_user, filters, page)
    args = {key: value for key, value in request.args.items() if key != 'pagina' and value}
    return render_template('activities/list.html', form=form, pagination=pagination, args=args,
                           for_job_seekers=for_job_seekers, now=utcnow(), upcoming_slots=queries.upcoming_slots,
                           may_offer=bool(offering.kinds_for(current_user)))


@bp.get('/activiteiten/<int:activity_id>')
@login_required
def view_activity(activity_id: int):
    activity = visible_or_404(activity_id)
    now = utcnow()
    forms = action_forms(current_user, activity)
    states = slot_states(current_user, activity, activity.dates)
    slots = [(slot, *states[slot.id]) for slot in activity.dates]
    manages = policy.can_manage(current_user, activity)
    rateable = [(r, RatingForm(prefix=f'rating-{r.id}', data={'rating': r.rating, 'comment': r.rating_comment}))
                for r in queries.own_attended(current_user, activity)]
    is_host = policy.is_host(current_user, activity) or offering.can_edit(current_user, activity)
    return render_template(
        'activities/view.html', activity=activity, slots=slots, forms=forms, now=now, manages=manages,
        upcoming=[s for s in activity.dates if s.ends_at > now], rateable=rateable, is_host=is_host,
        waiting=queries.slot_counts(activity),
        status=offer_status(activity, current_user) if is_host else None,
        ratings=queries.ratings(activity) if manages else None,
        can_edit=offering.can_edit(current_user, activity), can_submit=offering.can_submit(current_user, activity),
        can_publish=offering.can_publish(current_user, activity),
        can_withdraw=offering.can_withdraw(current_user, activity),
        can_delete=offering.can_delete(current_user, activity),
        can_cancel=manages and activity.state in CANCELLABLE_ACTIVITY_STATES,
        empty_form=EmptyForm(), cancel_form=ReasonForm())


from portal.blueprints.activities import views_feedback, views_offer  # noqa: E402,F401
