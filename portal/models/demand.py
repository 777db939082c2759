"""Employer demand: staffing needs (personeelsbehoefte) and innovation plans (innovatieagenda)."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.mixins import TimestampMixin
from portal.models.moderation import ModeratedMixin, PostingKind, PostingState
from portal.models.network import network_region_ids
from portal.models.taxonomy import Occupation, Skill

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.organisations import Organisation
    from portal.models.tenancy import Municipality


class Horizon(enum.StrEnum):
    NOW = 'now'
    WITHIN_6_MONTHS = 'within_6_months'
    MONTHS_6_24 = 'months_6_24'
    YEARS_2_5 = 'years_2_5'
    YEARS_5_PLUS = 'years_5_plus'


class ContractType(enum.StrEnum):
    PERMANENT = 'permanent'
    FIXED_TERM = 'fixed_term'
    ON_CALL = 'on_call'
    AGENCY = 'agency'
    OTHER = 'other'


class DayPart(enum.StrEnum):
    WEEKDAY_MORNING = 'weekday_morning'
    WEEKDAY_AFTERNOON = 'weekday_afternoon'
    WEEKDAY_EVENING = 'weekday_evening'
    NIGHT = 'night'
    WEEKEND = 'weekend'


class LanguageLevel(enum.StrEnum):
    NONE = 'none'  # no Dutch needed for the work
    A2 = 'a2'
    B1 = 'b1'
    B2 = 'b2'


class PlanTheme(enum.StrEnum):
    AUTOMATION = 'automation'
    DIGITALISATION = 'digitalisation'
    ENERGY_TRANSITION = 'energy_transition'
    GROWTH = 'growth'
    NEW_PRODUCT_OR_MARKET = 'new_product_or_market'
    OTHER = 'other'


class PlanVisibility(enum.StrEnum):
    STAFF = 'staff'  # the municipality's staff only
    NETWORK = 'network'  # also the members of the region's network


class EffectDirection(enum.StrEnum):
    GROWS = 'grows'
    SHRINKS = 'shrinks'
    NEW = 'new'


#: what an employer can be open to, as (column, instrument) pairs
OPENNESS = ('open_to_wage_subsidy', 'open_to_job_coach', 'open_to_trial_placement', 'open_to_learn_work',
            'open_to_part_time', 'open_to_adapted_work')


#: a need in these states expires after its end date (drafts too, so a stale one is never submitted)
EXPIRING_STATES = {PostingState.DRAFT, PostingState.PENDING, PostingState.CHANGES_REQUESTED, PostingState.PUBLISHED}
#: a need in these states gets a reminder before its end date (a draft is seen by nobody: it expires quietly)
REMINDED_STATES = EXPIRING_STATES - {PostingState.DRAFT}
#: the employer may mark a submitted need as filled
FILLABLE_STATES = REMINDED_STATES | {PostingState.EXPIRED}
#: the employer may renew the end date of a need that is still open, or came to its end
RENEWABLE_STATES = EXPIRING_STATES | {PostingState.EXPIRED}


class NeedSkill(db.Model):
    """A skill a need asks for: required, or wished for."""

    __tablename__ = 'need_skills'

    need_id: Mapped[int] = mapped_column(ForeignKey('staffing_needs.id', ondelete='CASCADE'), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey('skills.id', ondelete='RESTRICT'), primary_key=True,
                                          index=True)
    is_required: Mapped[bool] = mapped_column(default=True)

    skill: Mapped[Skill] = relationship()


class StaffingNeed(ModeratedMixin, TimestampMixin, db.Model):
    KIND = PostingKind.NEED

    __tablename__ = 'staffing_needs'
    __table_args__ = (
        CheckConstraint('positions >= 1', name='positions_positive'),
        CheckConstraint('hours_min >= 1 AND hours_min <= hours_max AND hours_max <= 60', name='hours_range'),
        Index('ix_staffing_needs_region_id_state', 'region_id', 'state'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    #: the organisation's region, whose staff moderate and see it
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str | None] = mapped_column(Text)
    occupation_id: Mapped[int] = mapped_column(ForeignKey('occupations.id', ondelete='RESTRICT'), index=True)
    positions: Mapped[int] = mapped_column(default=1)
    hours_min: Mapped[int]
    hours_max: Mapped[int]
    contract_type: Mapped[ContractType] = mapped_column(enum_column(ContractType, 'contract_type'))
    #: where the work is
    municipality_id: Mapped[int] = mapped_column(ForeignKey('municipalities.id', ondelete='RESTRICT'), index=True)
    postcode: Mapped[str | None] = mapped_column(String(7))
    day_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    language_level: Mapped[LanguageLevel] = mapped_column(enum_column(LanguageLevel, 'language_level'),
                                                          default=LanguageLevel.B1)
    start_on: Mapped[date | None]
    horizon: Mapped[Horizon] = mapped_column(enum_column(Horizon, 'horizon'), index=True)
    open_to_wage_subsidy: Mapped[bool] = mapped_column(default=False)
    open_to_job_coach: Mapped[bool] = mapped_column(default=False)
    open_to_trial_placement: Mapped[bool] = mapped_column(default=False)
    open_to_learn_work: Mapped[bool] = mapped_column(default=False)
    open_to_part_time: Mapped[bool] = mapped_column(default=False)
    open_to_adapted_work: Mapped[bool] = mapped_column(default=False)
    #: the need expires after this day unless renewed; a reminder goes out 14 days before
    ends_on: Mapped[date]
    expiry_reminder_sent_at: Mapped[datetime | None]

    organisation: Mapped['Organisation'] = relationship()
    created_by: Mapped['User | None'] = relationship()
    occupation: Mapped[Occupation] = relationship()
    municipality: Mapped['Municipality'] = relationship()
    skill_links: Mapped[list[NeedSkill]] = relationship(cascade='all, delete-orphan')

    def __repr__(self) -> str:
        return f'<StaffingNeed {self.id} {self.state}>'

    @property
    def required_skills(self) -> list[Skill]:
        return [link.skill for link in self.skill_links if link.is_required]

    @property
    def wished_skills(self) -> list[Skill]:
        return [link.skill for link in self.skill_links if not link.is_required]

    @property
    def openness(self) -> list[str]:
        return [name for name in OPENNESS if getattr(self, name)]

    def can_fill(self, user) -> bool:
        return self.is_own(user) and self.state in FILLABLE_STATES

    def can_renew(self, user) -> bool:
        return self.is_own(user) and self.state in RENEWABLE_STATES

    def can_match(self, user) -> bool:
        """Staff of its region rank job seekers for it and propose them, once submitted (a draft is the employer's)."""
        return self.is_staff_of_region(user) and self.state != PostingState.DRAFT

    def can_view(self, user) -> bool:
        """Its organisation always; staff of its region once submitted; network members once published."""
        if self.is_own(user):
            return True
        if self.is_staff_of_region(user):
            return self.state != PostingState.DRAFT
        return self.published_snapshot is not None and self.state == PostingState.PUBLISHED \
            and self.region_id in network_region_ids(user)

    def snapshot(self) -> dict[str, Any]:
        """The public version: what network members see of it once approved."""
        return {
            'title': self.title, 'description': self.description,
            'occupation': {'id': self.occupation_id, 'nl': self.occupation.label_nl, 'en': self.occupation.label_en},
            'required_skills': [{'id': s.id, 'nl': s.label_nl, 'en': s.label_en} for s in self.required_skills],
            'wished_skills': [{'id': s.id, 'nl': s.label_nl, 'en': s.label_en} for s in self.wished_skills],
            'positions': self.positions, 'hours_min': self.hours_min, 'hours_max': self.hours_max,
            'contract_type': self.contract_type.value, 'municipality': self.municipality.name,
            'postcode': self.postcode, 'day_parts': list(self.day_parts or []),
            'language_level': self.language_level.value, 'horizon': self.horizon.value,
            'start_on': self.start_on.isoformat() if self.start_on else None, 'openness': self.openness,
            'ends_on': self.ends_on.isoformat(),
        }


effect_skills = Table(
    'innovation_effect_skills', db.metadata,
    Column('effect_id', ForeignKey('innovation_effects.id', ondelete='CASCADE'), primary_key=True),
    Column('skill_id', ForeignKey('skills.id', ondelete='RESTRICT'), primary_key=True, index=True),
)


class InnovationEffect(db.Model):
    """One expected effect of a plan on staff: an occupation that grows, shrinks or is new."""

    __tablename__ = 'innovation_effects'
    __table_args__ = (CheckConstraint('headcount >= 1', name='headcount_positive'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey('innovation_plans.id', ondelete='CASCADE'), index=True)
    occupation_id: Mapped[int] = mapped_column(ForeignKey('occupations.id', ondelete='RESTRICT'), index=True)
    direction: Mapped[EffectDirection] = mapped_column(enum_column(EffectDirection, 'effect_direction'))
    #: how many people
    headcount: Mapped[int] = mapped_column(default=1)
    by_when: Mapped[Horizon] = mapped_column(enum_column(Horizon, 'horizon'))
    training_need: Mapped[str | None] = mapped_column(String(1000))

    occupation: Mapped[Occupation] = relationship()
    skills: Mapped[list[Skill]] = relationship(secondary=effect_skills, order_by=Skill.label_nl)


class InnovationPlan(ModeratedMixin, TimestampMixin, db.Model):
    KIND = PostingKind.PLAN

    __tablename__ = 'innovation_plans'
    __table_args__ = (Index('ix_innovation_plans_region_id_state', 'region_id', 'state'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    title: Mapped[str] = mapped_column(String(160))
    theme: Mapped[PlanTheme] = mapped_column(enum_column(PlanTheme, 'plan_theme', 30))
    timeframe: Mapped[Horizon] = mapped_column(enum_column(Horizon, 'horizon'))
    description: Mapped[str] = mapped_column(Text)
    visibility: Mapped[PlanVisibility] = mapped_column(enum_column(PlanVisibility, 'plan_visibility'),
                                                       default=PlanVisibility.STAFF)

    organisation: Mapped['Organisation'] = relationship()
    created_by: Mapped['User | None'] = relationship()
    effects: Mapped[list[InnovationEffect]] = relationship(cascade='all, delete-orphan',
                                                           order_by=InnovationEffect.id)

    def __repr__(self) -> str:
        return f'<InnovationPlan {self.id} {self.state}>'

    def can_view(self, user) -> bool:
        """Its organisation always; staff of its region once submitted; the network if the employer chose so."""
        if self.is_own(user):
            return True
        if self.is_staff_of_region(user):
            return self.state != PostingState.DRAFT
        return (self.state == PostingState.PUBLISHED and self.published_snapshot is not None
                and self.published_snapshot.get('visibility') == PlanVisibility.NETWORK.value
                and self.region_id in network_region_ids(user))

    def snapshot(self) -> dict[str, Any]:
        return {
            'title': self.title, 'theme': self.theme.value, 'timeframe': self.timeframe.value,
            'description': self.description, 'visibility': self.visibility.value,
            'effects': [{
                'occupation': {'id': e.occupation_id, 'nl': e.occupation.label_nl, 'en': e.occupation.label_en},
                'direction': e.direction.value, 'headcount': e.headcount, 'by_when': e.by_when.value,
                'training_need': e.training_need,
                'skills': [{'id': s.id, 'nl': s.label_nl, 'en': s.label_en} for s in e.skills],
            } for e in self.effects],
        }
