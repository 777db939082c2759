"""The employer's overview of demand, and what the need and plan pages share.

Every page here is the organisation's own: the blueprint admits employers only, and each
posting is loaded and checked with `is_own`, so another organisation's posting is a 404.
"""

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.blueprints.demand import bp, operations
from portal.blueprints.demand.labels import template_labels
from portal.blueprints.demand.status import ReviewInfo, posting_status, review_info, reviews_for
from portal.core.access import allowed_or_404
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.demand import InnovationPlan, StaffingNeed
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation
from portal.models.tenancy import Municipality

Posting = StaffingNeed | InnovationPlan

#: the overview's tabs: query value -> the states it shows (None: all)
FILTERS: dict[str, set[PostingState] | None] = {
    'alle': None,
    'concepten': {PostingState.DRAFT},
    'aanpassen': {PostingState.CHANGES_REQUESTED},
    'wachtend': {PostingState.PENDING},
    'gepubliceerd': {PostingState.PUBLISHED},
    'afgesloten': {PostingState.REJECTED, PostingState.WITHDRAWN, PostingState.FILLED, PostingState.EXPIRED},
}


FILTER_LABELS = {
    'alle': _l('All'),
    'concepten': _l('Drafts'),
    'aanpassen': _l('Changes requested'),
    'wachtend': _l('Waiting for approval'),
    'gepubliceerd': _l('Published'),
    'afgesloten': _l('Closed'),
}


@bp.context_processor
def inject_labels() -> dict:
    return template_labels()


def current_organisation_or_404() -> Organisation:
    organisation = current_user.current_organisation
    allowed_or_404(organisation is not None)
    return organisation


def may_submit(organisation: Organisation) -> bool:
    """Drafts are always possible; submitting waits for a verified email address and organisation."""
    return current_user.is_email_verified and organisation.is_verified


def own_or_404(model: type[Posting], posting_id: int) -> Posting:
    posting = db.get_or_404(model, posting_id)
    allowed_or_404(posting.is_own(current_user))
    return posting


def municipalities() -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).options(selectinload(Municipality.region))))


def status_of(posting: Posting):
    return posting_status(posting, review_info(posting), today=operations.today(),
                          may_submit=may_submit(posting.organisation))


def view_url(posting: Posting) -> str:
    return url_for(f'demand.view_{posting.KIND.value}', posting_id=posting.id)


def confirm_or_act(posting: Posting, *, allowed: bool, refused: str, operation: Callable, done: str,
                   template: str, done_url: str | None = None):
    """A confirmation page (GET) and the action (POST) for withdrawing, filling and deleting.

    An action the posting's state does not allow explains why on the posting's page. After the
    action the posting's page shows, or `done_url` (a deleted draft has no page).
    """
    if not allowed:
        flash(refused, 'error')
        return redirect(view_url(posting))
    form = EmptyForm()
    if form.validate_on_submit():
        back = view_url(posting)
        if commit_or_flash(operation, current_user, posting):
            flash(done, 'success')
            back = done_url or back
        return redirect(back)
    return render_template(template, posting=posting, form=form, status=status_of(posting))


@bp.get('/')
def overview():
    organisation = current_organisation_or_404()
    shown = request.args.get('toon', 'alle')
    if shown not in FILTERS:
        shown = 'alle'
    needs = list(db.session.scalars(
        select(StaffingNeed).where(StaffingNeed.organisation_id == organisation.id)
        .options(selectinload(StaffingNeed.occupation)).order_by(StaffingNeed.updated_at.desc())))
    plans = list(db.session.scalars(
        select(InnovationPlan).where(InnovationPlan.organisation_id == organisation.id)
        .order_by(InnovationPlan.updated_at.desc())))
    reviews = reviews_for(needs + plans)
    today, submittable = operations.today(), may_submit(organisation)
    counts = {key: sum(1 for p in needs + plans if states is None or p.state in states)
              for key, states in FILTERS.items()}
    states = FILTERS[shown]

    def rows(postings):
        return [(p, posting_status(p, reviews.get((p.KIND, p.id), ReviewInfo()), today=today,
                                   may_submit=submittable))
                for p in postings if states is None or p.state in states]

    return render_template('demand/overview.html', organisation=organisation, shown=shown, counts=counts,
                           filter_labels=FILTER_LABELS, need_rows=rows(needs), plan_rows=rows(plans),
                           may_submit=submittable, has_needs=bool(needs), has_plans=bool(plans))


from portal.blueprints.demand import views_needs, views_plans  # noqa: E402,F401
