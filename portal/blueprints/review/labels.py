"""How a review reads: its outcome, and whether it was a first version or a change."""

from flask_babel import lazy_gettext as _l

from portal.blueprints.activities.labels import ACTIVITY_STATE_BADGES, ACTIVITY_STATE_LABELS
from portal.models.moderation import PostingKind, ReviewState

REVIEW_STATE_LABELS = {
    ReviewState.PENDING: _l('Waiting for a decision'),
    ReviewState.APPROVED: _l('Approved'),
    ReviewState.CHANGES_REQUESTED: _l('Changes requested'),
    ReviewState.REJECTED: _l('Not approved'),
    ReviewState.CANCELLED: _l('Withdrawn by the employer'),
}

REVIEW_STATE_BADGES = {
    ReviewState.PENDING: 'warning',
    ReviewState.APPROVED: 'success',
    ReviewState.CHANGES_REQUESTED: 'warning',
    ReviewState.REJECTED: 'danger',
    ReviewState.CANCELLED: 'neutral',
}

KIND_LABELS = {
    PostingKind.NEED: _l('Staffing need'),
    PostingKind.PLAN: _l('Innovation plan'),
    PostingKind.ACTIVITY: _l('Activity'),
}


def template_labels() -> dict:
    # the posting states with the activities' own (cancelled) on top of the demand area's
    return {'review_state_labels': REVIEW_STATE_LABELS, 'review_state_badges': REVIEW_STATE_BADGES,
            'kind_labels': KIND_LABELS, 'state_labels': ACTIVITY_STATE_LABELS, 'state_badges': ACTIVITY_STATE_BADGES}
