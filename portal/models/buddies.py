"""The buddy project: an entrepreneur meets one job seeker for an orientation talk, without a job guarantee.

Employers offer to be a buddy (how many pairings, which sectors, when); staff pair a buddy with a
job seeker of their caseload for a time box. The buddy sees the job seeker by pseudonym until the
job seeker consents to share their identity, records the meeting and gives feedback on what to
work on and a next step.
"""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.mixins import TimestampMixin

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.caseload import Candidate
    from portal.models.organisations import Organisation


class BuddyOffer(TimestampMixin, db.Model):
    """An employer's offer to be a buddy."""

    __tablename__ = 'buddy_offers'
    __table_args__ = (
        CheckConstraint('capacity >= 1 AND capacity <= 10', name='capacity_range'),
        Index('ix_buddy_offers_region_id_is_active', 'region_id', 'is_active'),
        # one offer per person and organisation, also when a double submit races
        UniqueConstraint('user_id', 'organisation_id'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    #: the person who will meet the job seeker
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), index=True)
    #: how many pairings at the same time
    capacity: Mapped[int] = mapped_column(default=1)
    #: SBI sections of work the buddy can tell about
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    availability: Mapped[str] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(String(1000))
    #: the buddy agreed that a pairing is an orientation talk without a job guarantee
    agreed_no_job_guarantee: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)

    organisation: Mapped['Organisation'] = relationship()
    user: Mapped['User'] = relationship()
    pairings: Mapped[list['BuddyPairing']] = relationship(back_populates='offer', order_by='BuddyPairing.id')

    def __repr__(self) -> str:
        return f'<BuddyOffer {self.id} capacity={self.capacity} active={self.is_active}>'

    def open_count(self) -> int:
        """Pairings that take one of the offer's places now (counted in the database, not the loaded list)."""
        return db.session.scalar(select(func.count(BuddyPairing.id)).where(
            BuddyPairing.offer_id == self.id, BuddyPairing.state.in_(OPEN_PAIRING_STATES))) or 0

    def is_own(self, user) -> bool:
        """The buddy themselves: the offer is a person's promise, not the organisation's."""
        return user.is_authenticated and user.id == self.user_id

    def is_staff_of_region(self, user) -> bool:
        return user.is_authenticated and user.staff_region_id == self.region_id

    @classmethod
    def of_user(cls, user, organisation) -> 'BuddyOffer | None':
        return db.session.scalar(select(cls).where(cls.user_id == user.id, cls.organisation_id == organisation.id)
                                 .order_by(cls.id).limit(1))

    @classmethod
    def locked(cls, offer_id: int) -> 'BuddyOffer | None':
        """The offer, its row locked until commit, so two pairings cannot both take its last place."""
        return db.session.scalar(select(cls).where(cls.id == offer_id).with_for_update()
                                 .execution_options(populate_existing=True))


class PairingState(enum.StrEnum):
    #: paired; the meeting is to come
    PLANNED = 'planned'
    #: the buddy recorded the meeting
    MET = 'met'
    #: closed by staff after the meeting and the feedback
    CLOSED = 'closed'
    #: stopped early by staff, with a reason
    STOPPED = 'stopped'


#: pairings that take one of the offer's places
OPEN_PAIRING_STATES = frozenset({PairingState.PLANNED, PairingState.MET})


class NextStep(enum.StrEnum):
    JOB_SHADOWING = 'job_shadowing'
    WORKSHOP = 'workshop'
    PRACTICE_INTERVIEW = 'practice_interview'
    TRAINING = 'training'
    APPLY = 'apply'
    NONE = 'none'


class BuddyPairing(TimestampMixin, db.Model):
    __tablename__ = 'buddy_pairings'
    __table_args__ = (
        Index('ix_buddy_pairings_region_id_state', 'region_id', 'state'),
        # one open pairing per job seeker and buddy offer
        Index('uq_buddy_pairings_open', 'offer_id', 'candidate_id', unique=True,
              sqlite_where=db.text("state IN ('planned', 'met')"),
              postgresql_where=db.text("state IN ('planned', 'met')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    offer_id: Mapped[int] = mapped_column(ForeignKey('buddy_offers.id', ondelete='RESTRICT'), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey('candidates.id', ondelete='RESTRICT'), index=True)
    paired_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    state: Mapped[PairingState] = mapped_column(enum_column(PairingState, 'pairing_state'),
                                                default=PairingState.PLANNED)
    meeting_at: Mapped[datetime | None]
    meeting_place: Mapped[str | None] = mapped_column(String(255))
    #: the time box: the pairing should be done by then (default two months)
    ends_on: Mapped[date]
    met_on: Mapped[date | None]
    strengths: Mapped[str | None] = mapped_column(Text)
    to_work_on: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[NextStep | None] = mapped_column(enum_column(NextStep, 'next_step'))
    next_step_note: Mapped[str | None] = mapped_column(String(1000))
    feedback_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    stop_reason: Mapped[str | None] = mapped_column(String(1000))
    #: the job seeker's consent to show the buddy who they are
    identity_consent_on: Mapped[date | None]
    shared_name: Mapped[str | None] = mapped_column(String(120))
    shared_phone: Mapped[str | None] = mapped_column(String(30))
    shared_email: Mapped[str | None] = mapped_column(String(254))

    offer: Mapped[BuddyOffer] = relationship(back_populates='pairings')
    candidate: Mapped['Candidate'] = relationship()
    paired_by: Mapped['User | None'] = relationship()

    def __repr__(self) -> str:
        return f'<BuddyPairing {self.id} {self.state}>'

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_PAIRING_STATES

    @property
    def has_identity(self) -> bool:
        """The job seeker consented to show the buddy who they are."""
        return self.identity_consent_on is not None

    @property
    def shows_identity(self) -> bool:
        """The buddy sees the shared name and contact while the pairing runs, with consent, until anonymisation:
        a pairing that staff closed or stopped no longer shows who the job seeker is."""
        return self.is_open and self.has_identity and self.candidate.anonymised_at is None

    @property
    def has_feedback(self) -> bool:
        return self.feedback_at is not None

    def is_overdue(self, today: date) -> bool:
        """Still open after the end of its time box."""
        return self.is_open and self.ends_on < today

    def can_record_meeting(self, user) -> bool:
        return self.is_buddy(user) and self.state == PairingState.PLANNED

    def can_give_feedback(self, user) -> bool:
        return self.is_buddy(user) and self.state == PairingState.MET and not self.has_feedback

    def can_disclose_identity(self, user) -> bool:
        return self.is_staff_of_region(user) and self.is_open and not self.has_identity

    def can_close(self, user) -> bool:
        return self.is_staff_of_region(user) and self.state == PairingState.MET and self.has_feedback

    def can_stop(self, user) -> bool:
        return self.is_staff_of_region(user) and self.is_open

    @classmethod
    def locked(cls, pairing_id: int) -> 'BuddyPairing | None':
        return db.session.scalar(select(cls).where(cls.id == pairing_id).with_for_update()
                                 .execution_options(populate_existing=True))

    def is_buddy(self, user) -> bool:
        """The person who offered, while they still work for the offer's organisation (one who left loses the
        pairing's page, the job seeker's shared identity and the mail about it)."""
        return (user.is_authenticated and user.id == self.offer.user_id
                and user.membership_of(self.offer.organisation) is not None)

    def is_staff_of_region(self, user) -> bool:
        return user.is_authenticated and user.staff_region_id == self.region_id

    def can_view(self, user) -> bool:
        return self.is_buddy(user) or self.is_staff_of_region(user)
