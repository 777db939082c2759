"""Where an activity stands for its host: the state in words, the reason staff gave while it applies, what to do
next. The host's page shows it for one activity, "My offers" for each (reviews loaded in one query)."""

from dataclasses import dataclass

from flask_babel import gettext as _

from portal.blueprints.activities import offering
from portal.blueprints.activities.labels import ACTIVITY_STATE_BADGES, ACTIVITY_STATE_LABELS
from portal.blueprints.demand.status import ReviewInfo, review_info
from portal.models.activities import Activity
from portal.models.moderation import PostingState, ReviewState


@dataclass(frozen=True)
class OfferStatus:
    label: str
    badge: str
    next_step: str
    reason: str | None = None
    reason_title: str | None = None


def offer_status(activity: Activity, user, info: ReviewInfo | None = None) -> OfferStatus:
    info = info if info is not None else review_info(activity)
    state = activity.state
    decision = info.last_decision
    reason = reason_title = None
    # a decision applies while the offer is sent back or refused, or while a refused revision is still unchanged
    applies = state in (PostingState.CHANGES_REQUESTED, PostingState.REJECTED) or (
        state == PostingState.PUBLISHED and decision is not None and decision.is_revision
        and activity.has_changes_in_review)
    if (info.pending is None and decision is not None and applies
            and decision.state in (ReviewState.CHANGES_REQUESTED, ReviewState.REJECTED)):
        reason = decision.reason
        reason_title = (_('What the account manager asks you to change')
                        if decision.state == ReviewState.CHANGES_REQUESTED else _('Why it was not approved'))
    return OfferStatus(label=str(ACTIVITY_STATE_LABELS[state]), badge=ACTIVITY_STATE_BADGES[state],
                       next_step=_next_step(activity, user, info), reason=reason, reason_title=reason_title)


def _next_step(activity: Activity, user, info: ReviewInfo) -> str:
    state = activity.state
    if state == PostingState.DRAFT:
        if not offering.is_moderated(activity):
            return _('Publish it when it is complete.')
        if user.is_email_verified and activity.organisation.is_verified:
            return _('Submit it for approval when it is complete.')
        return _('Complete it now; you can submit it once your organisation is verified.')
    if state == PostingState.PENDING:
        return _('Nothing for now: an account manager is checking it.')
    if state == PostingState.CHANGES_REQUESTED:
        return _('Make the requested change and submit it again.')
    if state == PostingState.PUBLISHED and info.pending is not None:
        return _('An account manager is checking your changes. Until they are approved, everyone sees the approved '
                 'version; changes to dates and places already apply.')
    if state == PostingState.PUBLISHED:
        return _('Follow the registrations on the management page. When a date or the place changes, change it '
                 'here: everyone registered is mailed.')
    if state == PostingState.REJECTED:
        return _('Nothing more can be done with it. You can post a new one.')
    if state == PostingState.CANCELLED:
        return _('Nothing: it has been cancelled and everyone registered was told.')
    return _('Nothing: it is no longer shown.')
