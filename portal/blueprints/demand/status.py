"""Where a posting stands, in words: its state, the reason staff gave, and what the employer can do next.

The overview shows it for every posting of the organisation (with the reviews loaded in one
query), the posting's own page for one.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import or_, select

from portal.blueprints.demand.labels import STATE_BADGES, STATE_LABELS
from portal.blueprints.demand.operations import REMINDER_DAYS
from portal.extensions import db
from portal.models.demand import REMINDED_STATES, InnovationPlan, StaffingNeed
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState

Posting = StaffingNeed | InnovationPlan


@dataclass(frozen=True)
class ReviewInfo:
    """The review waiting for staff, and the latest decision staff took."""

    pending: Review | None = None
    last_decision: Review | None = None


@dataclass(frozen=True)
class PostingStatus:
    label: str
    badge: str
    next_step: str
    #: the reason of the latest decision, while it still applies (changes requested, or not approved)
    reason: str | None = None
    reason_title: str | None = None
    has_pending_revision: bool = False
    #: a need that is still open: days until its end date (0 on the last day)
    days_left: int | None = None


def reviews_for(postings: list[Posting]) -> dict[tuple[PostingKind, int], ReviewInfo]:
    """The pending review and the last decision of each posting, in one query."""
    by_kind: dict[PostingKind, list[int]] = {}
    for posting in postings:
        by_kind.setdefault(posting.KIND, []).append(posting.id)
    if not by_kind:
        return {}
    conditions = [(Review.posting_kind == kind) & Review.posting_id.in_(ids) for kind, ids in by_kind.items()]
    reviews = db.session.scalars(select(Review).where(or_(*conditions)).order_by(Review.id))
    pending: dict = {}
    decided: dict = {}
    for review in reviews:
        key = (review.posting_kind, review.posting_id)
        if review.state == ReviewState.PENDING:
            pending[key] = review
        elif review.decided_at is not None:
            latest = decided.get(key)
            if latest is None or (review.decided_at, review.id) > (latest.decided_at, latest.id):
                decided[key] = review
    return {key: ReviewInfo(pending.get(key), decided.get(key)) for key in set(pending) | set(decided)}


def review_info(posting: Posting) -> ReviewInfo:
    return reviews_for([posting]).get((posting.KIND, posting.id), ReviewInfo())


def posting_status(posting: Posting, info: ReviewInfo, *, today: date, may_submit: bool) -> PostingStatus:
    """`may_submit`: the employer's email address and organisation are verified."""
    state = posting.state
    days_left = None
    if isinstance(posting, StaffingNeed) and state in REMINDED_STATES:
        days_left = (posting.ends_on - today).days
    reason = reason_title = None
    decision = info.last_decision
    # a reason applies until the posting is submitted again (or closed)
    reason_applies = (info.pending is None and decision is not None
                      and decision.state in (ReviewState.CHANGES_REQUESTED, ReviewState.REJECTED)
                      and state in (PostingState.CHANGES_REQUESTED, PostingState.REJECTED, PostingState.PUBLISHED))
    if reason_applies:
        reason = decision.reason
        reason_title = _reason_title(decision)
    revision = state == PostingState.PUBLISHED and info.pending is not None
    label = str(STATE_LABELS[state])
    if revision:
        label = _('Published; your changes wait for approval')
    return PostingStatus(label=label, badge=STATE_BADGES[state], reason=reason, reason_title=reason_title,
                         has_pending_revision=revision, days_left=days_left,
                         next_step=_next_step(posting, revision=revision, days_left=days_left, may_submit=may_submit,
                                              decision=decision if reason else None))


def _reason_title(decision: Review) -> str:
    if decision.state == ReviewState.CHANGES_REQUESTED:
        return _('What the account manager asks you to change')
    if decision.is_revision:
        return _('Why your changes were not approved')
    return _('Why it was not approved')


def _renew_step(days_left: int) -> str:
    if days_left <= 0:
        return _('Renew it: it ends today.')
    return ngettext('Renew it: it ends in %(num)d day.', 'Renew it: it ends in %(num)d days.', days_left)


def _next_step(posting: Posting, *, revision: bool, days_left: int | None, may_submit: bool,
               decision: Review | None) -> str:
    """`decision`: the latest decision, when its reason still applies."""
    state = posting.state
    if state == PostingState.DRAFT:
        if may_submit:
            return _('Submit it for approval when it is complete.')
        return _('Complete it now; you can submit it once your organisation is verified.')
    if state == PostingState.CHANGES_REQUESTED:
        return _('Make the requested change and submit it again.')
    if days_left is not None and days_left <= REMINDER_DAYS:
        return _renew_step(days_left)
    if state == PostingState.PENDING:
        return _('Nothing for now: an account manager is checking it.')
    if state == PostingState.PUBLISHED:
        if revision:
            return _('Nothing for now: your changes wait for approval, and the approved version stays visible.')
        if decision is not None and decision.state == ReviewState.CHANGES_REQUESTED:
            return _('Make the requested change; until it is approved, the approved version stays visible.')
        if decision is not None:
            return _('Your changes were not approved; the approved version stays visible.')
        if isinstance(posting, StaffingNeed):
            return _('Mark it as filled when you have found your people.')
        return _('Keep it up to date when your plans change.')
    if state == PostingState.EXPIRED:
        return _('Renew it to show it again.')
    if state == PostingState.REJECTED:
        return _('Nothing more can be done with it. You can post a new one.')
    return _('Nothing: it is no longer shown.')
