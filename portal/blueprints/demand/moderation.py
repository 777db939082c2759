"""Moderation of staffing needs, innovation plans and employers' activities: submit, withdraw, and the staff's
decisions.

The same functions serve every kind of posting (they share ModeratedMixin). Operations flush;
the view commits once. Every step writes an audit row; every decision mails the employer.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import Activity
from portal.models.demand import InnovationPlan, StaffingNeed
from portal.models.moderation import SUBMITTABLE_STATES, PostingKind, PostingState, Review, ReviewState

Posting = StaffingNeed | InnovationPlan | Activity

#: where the employer reads a posting, per kind (the mail links there)
EMPLOYER_ENDPOINTS = {'need': 'demand.view_need', 'plan': 'demand.view_plan', 'activity': 'activities.view_activity'}
#: the mail templates' folder, per kind
MAIL_FOLDERS = {'need': 'demand', 'plan': 'demand', 'activity': 'activities_host'}


def employer_url(posting: Posting, *, external: bool = False) -> str:
    """The posting's page for its own organisation."""
    endpoint = EMPLOYER_ENDPOINTS[posting.KIND.value]
    if posting.KIND == PostingKind.ACTIVITY:
        return url_for(endpoint, activity_id=posting.id, _external=external)
    return url_for(endpoint, posting_id=posting.id, _external=external)


class ModerationRefused(OperationRefused):
    pass


def _action(posting: Posting, verb: str) -> str:
    return f'{posting.KIND.value}.{verb}'


def submit_for_review(actor: User, posting: Posting) -> Review:
    """Ask staff of the region to review the posting as it is now.

    A first submission makes it pending; for a published posting this reviews a new version
    while the approved one stays visible. A posting that already waits gets its snapshot refreshed.
    """
    if not posting.is_own(actor):
        raise ModerationRefused(_l('Only your own organisation can submit this.'))
    if posting.state not in SUBMITTABLE_STATES:
        raise ModerationRefused(_l('This cannot be submitted in its current state.'))
    if not (actor.is_email_verified and posting.organisation.is_verified):
        raise ModerationRefused(_l('You can save drafts, but submit only after your email address is confirmed '
                                   'and the municipality has verified your organisation.'))
    review = posting.pending_review
    if review is None:
        review = Review(posting_kind=posting.KIND, posting_id=posting.id, organisation_id=posting.organisation_id,
                        region_id=posting.region_id, submitted_by_id=actor.id,
                        is_revision=posting.state == PostingState.PUBLISHED)
        db.session.add(review)
    review.snapshot = posting.snapshot()
    if posting.state != PostingState.PUBLISHED:
        posting.state = PostingState.PENDING
    posting.submitted_at = utcnow()
    db.session.flush()
    record_event(_action(posting, 'submit'), actor=actor, obj=posting,
                 details={'review_id': review.id, 'revision': review.is_revision})
    return review


def withdraw(actor: User, posting: Posting) -> None:
    """The employer takes the posting back: it is no longer visible, and a waiting review is cancelled."""
    if not posting.is_own(actor):
        raise ModerationRefused(_l('Only your own organisation can withdraw this.'))
    if posting.state in {PostingState.WITHDRAWN, PostingState.REJECTED}:
        raise ModerationRefused(_l('This is already withdrawn or rejected.'))
    if posting.KIND == PostingKind.ACTIVITY and posting.state == PostingState.PUBLISHED:
        # people may be registered for a published activity: it is cancelled, with a reason they read
        raise ModerationRefused(_l('A published activity is cancelled instead, so everyone registered is told.'))
    if posting.KIND == PostingKind.ACTIVITY and posting.state not in {PostingState.PENDING,
                                                                       PostingState.CHANGES_REQUESTED}:
        raise ModerationRefused(_l('This cannot be withdrawn in its current state.'))
    review = Review.pending_for(posting.KIND, posting.id, lock=True)
    if review is not None:
        review.state = ReviewState.CANCELLED
    posting.state = PostingState.WITHDRAWN
    db.session.flush()
    record_event(_action(posting, 'withdraw'), actor=actor, obj=posting)


def _decide(actor: User, posting: Posting, state: ReviewState, reason: str | None) -> Review:
    review = Review.pending_for(posting.KIND, posting.id, lock=True)
    if review is None or not posting.is_staff_of_region(actor):
        raise ModerationRefused(_l('There is no review waiting here for you to decide on.'))
    review.state = state
    review.decided_by_id = actor.id
    review.decided_at = utcnow()
    review.reason = reason
    return review


def _mail_decision(posting: Posting, review: Review, template: str) -> None:
    recipient = review.submitted_by
    if recipient is None or not recipient.is_active:
        recipient = posting.organisation.owner
    if recipient is None:
        return
    queue_mail(recipient.email, f'{MAIL_FOLDERS[posting.KIND.value]}/{template}', locale=recipient.locale,
               region_id=posting.region_id, user=recipient, posting=posting, kind=posting.KIND.value,
               reason=review.reason, is_revision=review.is_revision, url=employer_url(posting, external=True))


def approve(actor: User, posting: Posting) -> Review:
    """Publish the version under review."""
    review = _decide(actor, posting, ReviewState.APPROVED, None)
    previous = posting.published_snapshot
    posting.state = PostingState.PUBLISHED
    posting.published_snapshot = review.snapshot
    posting.published_at = review.decided_at
    db.session.flush()
    record_event(_action(posting, 'approve'), actor=actor, obj=posting, details={'review_id': review.id})
    _mail_decision(posting, review, 'approved')
    if posting.KIND == PostingKind.ACTIVITY and review.is_revision:
        from portal.blueprints.activities.operations import revision_approved  # activities build on moderation

        revision_approved(actor, posting, previous)
    return review


def request_changes(actor: User, posting: Posting, *, reason: str) -> Review:
    """Send it back with what to change; a published posting keeps its approved version visible."""
    review = _decide(actor, posting, ReviewState.CHANGES_REQUESTED, reason)
    if posting.state != PostingState.PUBLISHED:
        posting.state = PostingState.CHANGES_REQUESTED
    db.session.flush()
    record_event(_action(posting, 'request_changes'), actor=actor, obj=posting,
                 details={'review_id': review.id, 'reason': reason})
    _mail_decision(posting, review, 'changes_requested')
    return review


def reject(actor: User, posting: Posting, *, reason: str) -> Review:
    """Refuse it; a refused revision of a published posting leaves the approved version as it was."""
    review = _decide(actor, posting, ReviewState.REJECTED, reason)
    if posting.state != PostingState.PUBLISHED:
        posting.state = PostingState.REJECTED
    db.session.flush()
    record_event(_action(posting, 'reject'), actor=actor, obj=posting,
                 details={'review_id': review.id, 'reason': reason})
    _mail_decision(posting, review, 'rejected')
    return review
