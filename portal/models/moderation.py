"""Moderation of what employers post: one review per submitted version, decided by staff of the region.

A posting (a staffing need, an innovation plan; later an activity) is only visible beyond its
organisation once a review approved it. An approved posting that is edited materially gets a
new review while the approved version (its `published_snapshot`) stays what others see.
"""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, select, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import User, enum_column


class PostingKind(enum.StrEnum):
    NEED = 'need'
    PLAN = 'plan'
    ACTIVITY = 'activity'


class PostingState(enum.StrEnum):
    DRAFT = 'draft'  # only its organisation sees it
    PENDING = 'pending'  # submitted for the first time; waiting for staff
    CHANGES_REQUESTED = 'changes_requested'  # staff asked for changes before it is published
    REJECTED = 'rejected'
    PUBLISHED = 'published'  # approved; may carry a newer version under review
    WITHDRAWN = 'withdrawn'
    FILLED = 'filled'  # staffing needs: the positions are filled
    EXPIRED = 'expired'  # staffing needs: past the end date
    CANCELLED = 'cancelled'  # activities: called off; everyone registered was told


#: states in which the employer may still edit the posting
EDITABLE_STATES = {PostingState.DRAFT, PostingState.CHANGES_REQUESTED, PostingState.PUBLISHED}
#: states in which the employer may submit it for review
SUBMITTABLE_STATES = {PostingState.DRAFT, PostingState.CHANGES_REQUESTED, PostingState.PUBLISHED}
#: states from which the employer may withdraw it (drafts are deleted instead)
WITHDRAWABLE_STATES = {PostingState.PENDING, PostingState.CHANGES_REQUESTED, PostingState.PUBLISHED}


class ReviewState(enum.StrEnum):
    PENDING = 'pending'
    APPROVED = 'approved'
    CHANGES_REQUESTED = 'changes_requested'
    REJECTED = 'rejected'
    CANCELLED = 'cancelled'  # the employer withdrew the posting while it waited


class Review(db.Model):
    __tablename__ = 'reviews'
    __table_args__ = (
        # one pending review per posting, held by the database
        Index('uq_reviews_one_pending', 'posting_kind', 'posting_id', unique=True,
              postgresql_where=text("state = 'pending'"), sqlite_where=text("state = 'pending'")),
        Index('ix_reviews_region_id_state_submitted_at', 'region_id', 'state', 'submitted_at'),
        Index('ix_reviews_posting', 'posting_kind', 'posting_id'),
        CheckConstraint("state NOT IN ('changes_requested', 'rejected') OR reason IS NOT NULL",
                        name='decision_has_reason'),
        CheckConstraint("state IN ('pending', 'cancelled') OR decided_at IS NOT NULL", name='decision_has_time'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_kind: Mapped[PostingKind] = mapped_column(enum_column(PostingKind, 'posting_kind'))
    posting_id: Mapped[int]
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    #: the organisation's region: its staff decide
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    state: Mapped[ReviewState] = mapped_column(enum_column(ReviewState, 'review_state'), default=ReviewState.PENDING)
    #: True when the posting was already published and this reviews a changed version
    is_revision: Mapped[bool] = mapped_column(default=False)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(2000))
    #: the version under review, as it was submitted
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    def __repr__(self) -> str:
        return f'<Review {self.posting_kind}:{self.posting_id} {self.state}>'

    @classmethod
    def pending_for(cls, kind: PostingKind, posting_id: int, *, lock: bool = False) -> 'Review | None':
        """The review waiting for a decision; `lock` holds its row until commit, so a decision and a
        withdrawal (or two colleagues' decisions) cannot both happen."""
        query = select(cls).where(cls.posting_kind == kind, cls.posting_id == posting_id,
                                  cls.state == ReviewState.PENDING)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        return db.session.scalar(query)

    @classmethod
    def latest_decision_for(cls, kind: PostingKind, posting_id: int) -> 'Review | None':
        return db.session.scalar(select(cls).where(cls.posting_kind == kind, cls.posting_id == posting_id,
                                                   cls.decided_at.is_not(None))
                                 .order_by(cls.decided_at.desc(), cls.id.desc()).limit(1))


class ModeratedMixin:
    """State and the published version of a posting; the rules of who may see it."""

    KIND: PostingKind

    state: Mapped[PostingState] = mapped_column(enum_column(PostingState, 'posting_state'),
                                                default=PostingState.DRAFT, index=True)
    #: what people outside the organisation see: the last approved version
    published_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    published_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]

    @property
    def is_published(self) -> bool:
        return self.state == PostingState.PUBLISHED

    @property
    def pending_review(self) -> Review | None:
        return Review.pending_for(self.KIND, self.id)

    @property
    def last_decision(self) -> Review | None:
        return Review.latest_decision_for(self.KIND, self.id)

    def is_own(self, user) -> bool:
        return user.is_authenticated and user.membership_of(self.organisation) is not None

    def is_staff_of_region(self, user) -> bool:
        return user.is_authenticated and user.staff_region_id == self.region_id

    def can_edit(self, user) -> bool:
        return self.is_own(user) and self.state in EDITABLE_STATES

    def can_moderate(self, user) -> bool:
        return self.is_staff_of_region(user) and self.pending_review is not None

    def can_submit(self, user) -> bool:
        """Send it to staff as it is: a draft, or one staff sent back (a published one goes back by editing it).

        Drafts may be made before the email address and the organisation are verified; submitting waits for both.
        """
        return (self.is_own(user) and self.state in {PostingState.DRAFT, PostingState.CHANGES_REQUESTED}
                and user.is_email_verified and self.organisation.is_verified)

    def can_withdraw(self, user) -> bool:
        return self.is_own(user) and self.state in WITHDRAWABLE_STATES

    def can_delete(self, user) -> bool:
        """Only a draft that was never submitted: a submitted one keeps its history."""
        return self.is_own(user) and self.state == PostingState.DRAFT and self.submitted_at is None
