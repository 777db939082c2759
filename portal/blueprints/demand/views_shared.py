"""What the need and plan views share: saving a form through its operation, submitting, and the two versions."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, redirect
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.demand import operations
from portal.blueprints.demand.views import view_url
from portal.blueprints.review.snapshots import lines
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.models.demand import InnovationPlan, StaffingNeed
from portal.models.moderation import PostingState

Posting = StaffingNeed | InnovationPlan


def _messages() -> dict[str, str]:
    return {
        'draft': _('Saved as a draft. Submit it for approval when it is complete.'),
        'saved': _('Your changes are saved.'),
        'submitted': _('Submitted. An account manager of the municipality checks it, usually within a few working '
                       'days, and you get an email when it is done.'),
        'revision': _('Your changes are sent for approval. Until an account manager approves them, others keep '
                      'seeing the version that was approved before.'),
    }


def save_and_redirect(operation: Callable, actor, target, *, submit: bool, **fields):
    """Run a create or update operation and commit, then say what happened and show the posting.

    Returns None when the operation refused (the reason is flashed): the view then shows the form
    again with everything typed.
    """
    try:
        result = operation(actor, target, submit=submit, **fields)
    except OperationRefused as refused:
        db.session.rollback()
        flash(str(refused), 'error')
        return None
    db.session.commit()
    if isinstance(result, StaffingNeed | InnovationPlan):
        posting, outcome = result, 'submitted' if submit else 'draft'
    else:
        posting, outcome = target, result
    flash(_messages()[outcome], 'success')
    return redirect(view_url(posting))


def submit_and_redirect(posting: Posting):
    """The "Submit for approval" button of a draft, or of a posting staff sent back."""
    if EmptyForm().validate_on_submit():
        if posting.state not in (PostingState.DRAFT, PostingState.CHANGES_REQUESTED):
            flash(_('This cannot be submitted in its current state.'), 'error')
        elif commit_or_flash(operations.submit_posting, current_user, posting):
            flash(_messages()['submitted'], 'success')
    return redirect(view_url(posting))


@dataclass(frozen=True)
class Versions:
    """The posting as the organisation has it now, and, when that differs, the approved version others see."""

    current: list
    published: list | None = None


def _without_end_date(snapshot: dict) -> dict:
    return {key: value for key, value in snapshot.items() if key != 'ends_on'}


def versions(posting: Posting) -> Versions:
    current = posting.snapshot()
    published = posting.published_snapshot if posting.state == PostingState.PUBLISHED else None
    if published is None or _without_end_date(published) == _without_end_date(current):
        return Versions(lines(posting.KIND, current))
    return Versions(lines(posting.KIND, current), lines(posting.KIND, published))
