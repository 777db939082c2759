"""The review queue: staff of a region check what employers submit and approve it, ask for changes, or reject it."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.demand import moderation
from portal.blueprints.review import bp, queries, snapshots
from portal.blueprints.review.forms import RejectForm, RequestChangesForm
from portal.core.access import allowed_or_404
from portal.core.dbtypes import utcnow
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.moderation import PostingState

KIND_CONVERTER = 'any(' + ', '.join(queries.KIND_SLUGS) + ')'


@bp.app_template_global()
def review_url(posting) -> str:
    """The review page of a need, plan or activity (for templates of any area that link staff to it)."""
    return url_for('review.view_posting', kind=queries.SLUG_OF[posting.KIND], posting_id=posting.id)


@bp.get('/')
def queue():
    page = max(request.args.get('pagina', 1, type=int), 1)
    pagination = queries.queue_page(current_user.staff_region_id, page)
    records = queries.track_records({review.organisation_id for review in pagination.items})
    return render_template('review/queue.html', pagination=pagination, records=records,
                           kind_slugs=queries.SLUG_OF, now=utcnow())


def _posting_of_my_region(kind: str, posting_id: int):
    """A submitted need, plan or employer's activity of the staff member's region; anything else does not exist
    for them (the region's own events are never reviewed)."""
    posting = db.get_or_404(queries.MODELS[queries.KIND_SLUGS[kind]], posting_id)
    allowed_or_404(posting.is_staff_of_region(current_user) and posting.state != PostingState.DRAFT
                   and posting.organisation_id is not None)
    return posting


def _render_posting(posting, changes_form: RequestChangesForm | None = None, reject_form: RejectForm | None = None):
    reviews = queries.reviews_of(posting.KIND, posting.id)
    pending = next((review for review in reviews if review.state == 'pending'), None)
    earlier = [review for review in reviews if review is not pending]
    shown = pending.snapshot if pending else (posting.published_snapshot or (reviews[0].snapshot if reviews else {}))
    return render_template(
        'review/posting.html', posting=posting, pending=pending, earlier=earlier,
        last_decision=next((review for review in earlier if review.decided_at is not None), None),
        lines=snapshots.lines(posting.KIND, shown),
        changes=(snapshots.changes(posting.KIND, posting.published_snapshot, pending.snapshot)
                 if pending is not None and pending.is_revision else None),
        kind=queries.SLUG_OF[posting.KIND], now=utcnow(), approve_form=EmptyForm(),
        changes_form=changes_form or RequestChangesForm(), reject_form=reject_form or RejectForm())


@bp.get(f'/<{KIND_CONVERTER}:kind>/<int:posting_id>')
def view_posting(kind: str, posting_id: int):
    return _render_posting(_posting_of_my_region(kind, posting_id))


@bp.post(f'/<{KIND_CONVERTER}:kind>/<int:posting_id>/goedkeuren')
def approve_posting(kind: str, posting_id: int):
    posting = _posting_of_my_region(kind, posting_id)
    if EmptyForm().validate_on_submit() and commit_or_flash(moderation.approve, current_user, posting):
        flash(_('“%(title)s” is published. We have let the employer know by mail.', title=posting.title), 'success')
        return redirect(url_for('review.queue'))
    return redirect(url_for('review.view_posting', kind=kind, posting_id=posting.id))


@bp.post(f'/<{KIND_CONVERTER}:kind>/<int:posting_id>/wijzigingen-vragen')
def request_changes(kind: str, posting_id: int):
    posting = _posting_of_my_region(kind, posting_id)
    form = RequestChangesForm()
    if not form.validate_on_submit():
        return _render_posting(posting, changes_form=form)
    if commit_or_flash(moderation.request_changes, current_user, posting, reason=form.reason.data):
        flash(_('We have asked %(organisation)s to change “%(title)s” and mailed them your reason.',
                organisation=posting.organisation.name, title=posting.title), 'success')
        return redirect(url_for('review.queue'))
    return redirect(url_for('review.view_posting', kind=kind, posting_id=posting.id))


@bp.post(f'/<{KIND_CONVERTER}:kind>/<int:posting_id>/afwijzen')
def reject_posting(kind: str, posting_id: int):
    posting = _posting_of_my_region(kind, posting_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return _render_posting(posting, reject_form=form)
    if commit_or_flash(moderation.reject, current_user, posting, reason=form.reason.data):
        flash(_('“%(title)s” is not published. We have mailed the employer your reason.', title=posting.title),
              'success')
        return redirect(url_for('review.queue'))
    return redirect(url_for('review.view_posting', kind=kind, posting_id=posting.id))
