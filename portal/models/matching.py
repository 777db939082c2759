"""Match proposals (matchvoorstellen) from a staffing need to a job seeker, and the weights a region scores with.

A person decides every step: the matcher only ranks, an accountmanager writes and sends a
proposal, the employer answers, and the job seeker's identity is shared only after their
consent is recorded. Every step is a row in `proposal_events`.
"""

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.demand import ContractType
from portal.models.mixins import TimestampMixin

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.caseload import Candidate
    from portal.models.demand import StaffingNeed
    from portal.models.organisations import Organisation


class MatchWeights(db.Model):
    """The points each part of a match score can earn in a region; they add up to 100.

    Coordinators set them; a region without a row uses `portal.matching.DEFAULT_WEIGHTS`.
    """

    __tablename__ = 'match_weights'
    __table_args__ = (
        CheckConstraint('skills + experience + language + hours + distance + start + openness = 100',
                        name='weights_total_100'),
        CheckConstraint('skills >= 0 AND experience >= 0 AND language >= 0 AND hours >= 0 AND distance >= 0 '
                        'AND start >= 0 AND openness >= 0', name='weights_not_negative'),
    )

    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='CASCADE'), primary_key=True)
    skills: Mapped[int]
    experience: Mapped[int]
    language: Mapped[int]
    hours: Mapped[int]
    distance: Mapped[int]
    start: Mapped[int]
    openness: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))

    PARTS = ('skills', 'experience', 'language', 'hours', 'distance', 'start', 'openness')

    def as_dict(self) -> dict[str, int]:
        return {part: getattr(self, part) for part in self.PARTS}


class ProposalState(enum.StrEnum):
    DRAFT = 'draft'
    SENT = 'sent'
    INTERESTED = 'interested'
    DECLINED = 'declined'
    #: the job seeker consented: the employer sees name and contact
    INTRODUCED = 'introduced'
    INTAKE = 'intake'
    #: proefplaatsing: unpaid trial with the benefit kept, until its planned end
    TRIAL = 'trial'
    HIRED = 'hired'
    ENDED = 'ended'
    #: staff took it back before it led anywhere
    WITHDRAWN = 'withdrawn'


S = ProposalState
#: every legal step; anything else is refused
TRANSITIONS: dict[ProposalState, frozenset[ProposalState]] = {
    S.DRAFT: frozenset({S.SENT, S.WITHDRAWN}),
    S.SENT: frozenset({S.INTERESTED, S.DECLINED, S.WITHDRAWN}),
    S.INTERESTED: frozenset({S.INTRODUCED, S.WITHDRAWN}),
    S.INTRODUCED: frozenset({S.INTAKE, S.ENDED}),
    S.INTAKE: frozenset({S.TRIAL, S.HIRED, S.ENDED}),
    S.TRIAL: frozenset({S.HIRED, S.ENDED}),
    S.HIRED: frozenset({S.ENDED}),
    S.DECLINED: frozenset(),
    S.ENDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
#: the employer answers these steps; staff take all others
EMPLOYER_STEPS = frozenset({(S.SENT, S.INTERESTED), (S.SENT, S.DECLINED)})
#: states in which a (need, candidate) pair counts as proposed: no second proposal meanwhile
OPEN_STATES = frozenset(TRANSITIONS) - {S.DECLINED, S.ENDED, S.WITHDRAWN}
#: states in which the employer sees the job seeker's name and contact
IDENTITY_STATES = frozenset({S.INTRODUCED, S.INTAKE, S.TRIAL, S.HIRED})
#: months after the start of the job at which staff check the person is still employed
FOLLOW_UP_MONTHS = (3, 6, 12)


class DeclineReason(enum.StrEnum):
    SKILLS = 'skills'
    HOURS = 'hours'
    LOCATION = 'location'
    POSITION_FILLED = 'position_filled'
    NO_CAPACITY_TO_GUIDE = 'no_capacity_to_guide'
    OTHER = 'other'


class EndReason(enum.StrEnum):
    #: still employed at the 12-month follow-up: the proposal is complete
    RETAINED = 'retained'
    INTRODUCTION_NOT_CONTINUED = 'introduction_not_continued'
    TRIAL_NOT_CONTINUED = 'trial_not_continued'
    CONTRACT_NOT_EXTENDED = 'contract_not_extended'
    DISMISSED = 'dismissed'
    RESIGNED = 'resigned'
    CANDIDATE_WITHDREW = 'candidate_withdrew'
    OTHER = 'other'


class Instrument(enum.StrEnum):
    """Instruments used for a hire."""

    WAGE_SUBSIDY = 'wage_subsidy'  # loonkostensubsidie
    JOB_COACH = 'job_coach'
    NO_RISK_POLICY = 'no_risk_policy'  # no-riskpolis


class IllegalTransition(Exception):
    """A proposal was asked to jump to a state it cannot reach from where it is."""

    def __init__(self, current: ProposalState, target: ProposalState):
        super().__init__(f'a proposal cannot go from {current} to {target}')
        self.current = current
        self.target = target


class NotYourStep(Exception):
    """A legal step taken by the wrong side: the employer's answer by staff, or a staff step by an employer."""

    def __init__(self, current: ProposalState, target: ProposalState):
        super().__init__(f'the step from {current} to {target} is not this actor\'s to take')
        self.current = current
        self.target = target


class Proposal(TimestampMixin, db.Model):
    __tablename__ = 'proposals'
    __table_args__ = (
        CheckConstraint('score >= 0 AND score <= 100', name='score_range'),
        CheckConstraint('hours_per_week IS NULL OR (hours_per_week >= 1 AND hours_per_week <= 60)',
                        name='hours_range'),
        Index('ix_proposals_region_id_state', 'region_id', 'state'),
        # a job seeker is proposed for a need once at a time
        Index('uq_proposals_open_pair', 'need_id', 'candidate_id', unique=True,
              sqlite_where=db.text("state NOT IN ('declined', 'ended', 'withdrawn')"),
              postgresql_where=db.text("state NOT IN ('declined', 'ended', 'withdrawn')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    need_id: Mapped[int] = mapped_column(ForeignKey('staffing_needs.id', ondelete='RESTRICT'), index=True)
    #: the need's organisation, whose members answer the proposal
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='RESTRICT'), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey('candidates.id', ondelete='RESTRICT'), index=True)
    #: the responsible accountmanager
    accountmanager_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'), index=True)
    state: Mapped[ProposalState] = mapped_column(enum_column(ProposalState, 'proposal_state'),
                                                 default=ProposalState.DRAFT)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    motivation: Mapped[str] = mapped_column(Text)
    #: the score (0–100, one decimal) when the proposal was made, its parts (which add up to it), the rules' version
    score: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    score_parts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    rules_version: Mapped[str] = mapped_column(String(20))
    #: the anonymous card the employer sees, frozen when the proposal is sent
    card: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sent_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    decline_reason: Mapped[DeclineReason | None] = mapped_column(enum_column(DeclineReason, 'decline_reason', 30))
    decline_text: Mapped[str | None] = mapped_column(String(1000))
    #: the job seeker's consent to share their identity with this employer
    identity_consent_on: Mapped[date | None]
    #: what is shared on introduction (cleared when the candidate is anonymised)
    shared_name: Mapped[str | None] = mapped_column(String(120))
    shared_phone: Mapped[str | None] = mapped_column(String(30))
    shared_email: Mapped[str | None] = mapped_column(String(254))
    intake_on: Mapped[date | None]
    trial_starts_on: Mapped[date | None]
    trial_ends_on: Mapped[date | None]
    contract_type: Mapped[ContractType | None] = mapped_column(enum_column(ContractType, 'contract_type'))
    hours_per_week: Mapped[int | None]
    job_starts_on: Mapped[date | None]
    #: Instrument values used for the hire
    instruments: Mapped[list[str]] = mapped_column(JSON, default=list)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason, 'end_reason', 30))
    end_text: Mapped[str | None] = mapped_column(String(1000))
    returned_to_benefits: Mapped[bool | None]
    #: when the accountmanager was told the employer leaves it unanswered too long (once per proposal)
    late_reminded_at: Mapped[datetime | None]

    need: Mapped['StaffingNeed'] = relationship()
    organisation: Mapped['Organisation'] = relationship()
    candidate: Mapped['Candidate'] = relationship()
    accountmanager: Mapped['User | None'] = relationship()
    events: Mapped[list['ProposalEvent']] = relationship(back_populates='proposal', cascade='all, delete-orphan',
                                                         order_by='ProposalEvent.id')
    follow_ups: Mapped[list['FollowUp']] = relationship(back_populates='proposal', cascade='all, delete-orphan',
                                                        order_by='FollowUp.month')

    def __repr__(self) -> str:
        return f'<Proposal {self.id} {self.state}>'

    # State machine -----------------------------------------------------------------------
    def can_move_to(self, target: ProposalState) -> bool:
        return target in TRANSITIONS[self.state]

    def move_to(self, target: ProposalState, *, actor, note: str | None = None,
                data: dict[str, Any] | None = None) -> 'ProposalEvent':
        """Take one legal step and record who took it, when and why; an illegal jump raises.

        The employer's answer (EMPLOYER_STEPS) is the employer's to give, every other step staff's
        of the region (`NotYourStep` otherwise); `actor=None` is the system (seeding, data repairs).
        """
        if not self.can_move_to(target):
            raise IllegalTransition(self.state, target)
        if actor is not None and not self.may_take(actor, target):
            raise NotYourStep(self.state, target)
        event = ProposalEvent(from_state=self.state, to_state=target, actor_id=actor.id if actor else None,
                              at=utcnow(), note=note, data=data or {})
        self.events.append(event)
        self.state = target
        self.state_changed_at = event.at
        return event

    def may_take(self, actor, target: ProposalState) -> bool:
        """Whether `actor` is on the side that takes the step to `target` (not whether the step is legal)."""
        if (self.state, target) in EMPLOYER_STEPS:
            return self.is_employer(actor)
        return self.is_staff_of_region(actor)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def shows_identity(self) -> bool:
        return self.state in IDENTITY_STATES and self.identity_consent_on is not None

    # Permissions -------------------------------------------------------------------------
    def is_staff_of_region(self, user) -> bool:
        return user.is_authenticated and user.staff_region_id == self.region_id

    def is_employer(self, user) -> bool:
        """A member of the need's organisation, once the proposal was sent to it."""
        # by id: a proposal being built (the demo's) has its organisation_id before its relationship loads
        return (user.is_authenticated and self.sent_at is not None
                and any(m.organisation_id == self.organisation_id for m in user.active_memberships))

    def can_view(self, user) -> bool:
        return self.is_staff_of_region(user) or self.is_employer(user)

    def can_view_as_employer(self, user) -> bool:
        """The employer's pages: a member working for the need's organisation now, once the card was sent."""
        organisation = getattr(user, 'current_organisation', None) if user.is_authenticated else None
        return (organisation is not None and organisation.id == self.organisation_id and self.card is not None
                and self.is_employer(user))

    def can_respond(self, user) -> bool:
        return self.is_employer(user) and self.state == ProposalState.SENT

    def can_manage(self, user) -> bool:
        """Staff of the region take every step but the employer's answer."""
        return self.is_staff_of_region(user)


class ProposalEvent(db.Model):
    """One step of a proposal: from which state to which, who, when and why."""

    __tablename__ = 'proposal_events'

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey('proposals.id', ondelete='CASCADE'), index=True)
    from_state: Mapped[ProposalState | None] = mapped_column(enum_column(ProposalState, 'from_state'))
    to_state: Mapped[ProposalState] = mapped_column(enum_column(ProposalState, 'to_state'))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    proposal: Mapped[Proposal] = relationship(back_populates='events')
    actor: Mapped['User | None'] = relationship()


class FollowUp(db.Model):
    """A check at 3, 6 or 12 months after the job started: is the person still employed?"""

    __tablename__ = 'follow_ups'
    __table_args__ = (
        UniqueConstraint('proposal_id', 'month'),
        CheckConstraint('month IN (3, 6, 12)', name='month_known'),
        Index('ix_follow_ups_due_on_open', 'due_on', 'recorded_at'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey('proposals.id', ondelete='CASCADE'))
    month: Mapped[int]
    due_on: Mapped[date]
    recorded_at: Mapped[datetime | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    still_employed: Mapped[bool | None]
    note: Mapped[str | None] = mapped_column(String(1000))
    #: when the accountmanager was reminded that this check is due
    reminded_at: Mapped[datetime | None]

    proposal: Mapped[Proposal] = relationship(back_populates='follow_ups')
    recorded_by: Mapped['User | None'] = relationship()

    @property
    def is_done(self) -> bool:
        return self.recorded_at is not None

    def is_due(self, today: date) -> bool:
        return not self.is_done and self.due_on <= today
