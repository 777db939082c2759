"""The caseload (kaartenbak): job seekers kept by staff, seen by employers only as a pseudonymous code.

Job seekers never sign in. Staff hold a minimal matching profile per person; the first name and
the reference of the municipality's own system are staff-only, and no BSN is stored anywhere.
"""

import enum
import secrets
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.mixins import TimestampMixin
from portal.models.taxonomy import Occupation, Skill

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.tenancy import Municipality, Region

#: a profile whose availability nobody confirmed for this long drops out of matching (UWV's lesson)
FRESHNESS = timedelta(weeks=8)
#: letters and digits that cannot be misread for one another (no 0/O, 1/I/L)
CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'


class CandidateStatus(enum.StrEnum):
    ACTIVE = 'active'
    #: temporarily not available (illness, care, a course); stays in the caseload
    PAUSED = 'paused'
    #: left the caseload; anonymised after the configured period
    LEFT = 'left'


class EducationLevel(enum.StrEnum):
    PRIMARY = 'primary'  # basisonderwijs or none
    VMBO = 'vmbo'  # vmbo, praktijkonderwijs, entree (mbo 1)
    MBO2 = 'mbo2'
    MBO3 = 'mbo3'
    MBO4 = 'mbo4'
    HAVO_VWO = 'havo_vwo'
    HBO = 'hbo'
    WO = 'wo'


class SkillLevel(enum.StrEnum):
    BASIC = 'basic'
    GOOD = 'good'
    EXPERT = 'expert'


class CefrLevel(enum.StrEnum):
    """CEFR levels, plus native speaker."""

    A1 = 'a1'
    A2 = 'a2'
    B1 = 'b1'
    B2 = 'b2'
    C1 = 'c1'
    C2 = 'c2'
    NATIVE = 'native'


class SupportNeed(enum.StrEnum):
    """Support without which the person cannot work; an employer must offer it (a hard condition).

    Each value matches an employer's openness column on a need: `open_to_<value>`.
    """

    JOB_COACH = 'job_coach'
    ADAPTED_WORK = 'adapted_work'
    WAGE_SUBSIDY = 'wage_subsidy'
    PART_TIME = 'part_time'


class TargetGroup(enum.StrEnum):
    PARTICIPATIEWET = 'participatiewet'  # receives social assistance under the Participatiewet
    DOELGROEPREGISTER = 'doelgroepregister'  # registered for the banenafspraak
    NUGGER = 'nugger'  # no benefit, registered as job seeker (niet-uitkeringsgerechtigde)


class ConsentScope(enum.StrEnum):
    #: may be proposed to employers as an anonymous profile
    PROPOSALS = 'proposals'
    #: may be registered for activities (meeloopdagen, workshops); hosts see the code only
    ACTIVITIES = 'activities'


class CandidateSkill(db.Model):
    __tablename__ = 'candidate_skills'

    candidate_id: Mapped[int] = mapped_column(ForeignKey('candidates.id', ondelete='CASCADE'), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey('skills.id', ondelete='RESTRICT'), primary_key=True,
                                          index=True)
    level: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel, 'skill_level'), default=SkillLevel.GOOD)

    skill: Mapped[Skill] = relationship()


class CandidateExperience(db.Model):
    """Work experience as an occupation, with whole years (0: less than a year)."""

    __tablename__ = 'candidate_experience'
    __table_args__ = (CheckConstraint('years >= 0 AND years <= 60', name='years_range'),)

    candidate_id: Mapped[int] = mapped_column(ForeignKey('candidates.id', ondelete='CASCADE'), primary_key=True)
    occupation_id: Mapped[int] = mapped_column(ForeignKey('occupations.id', ondelete='RESTRICT'), primary_key=True,
                                               index=True)
    years: Mapped[int] = mapped_column(default=0)

    occupation: Mapped[Occupation] = relationship()


class CandidateLanguage(db.Model):
    """A language the person speaks (ISO 639-1 code, `nl` for Dutch) and how well."""

    __tablename__ = 'candidate_languages'

    candidate_id: Mapped[int] = mapped_column(ForeignKey('candidates.id', ondelete='CASCADE'), primary_key=True)
    language: Mapped[str] = mapped_column(String(3), primary_key=True)
    level: Mapped[CefrLevel] = mapped_column(enum_column(CefrLevel, 'cefr_level'))


class CandidateConsent(db.Model):
    """Consent recorded by staff, with its date and scope; withdrawing keeps the record."""

    __tablename__ = 'candidate_consents'
    __table_args__ = (
        # one consent in force per scope
        Index('uq_candidate_consents_active', 'candidate_id', 'scope', unique=True,
              sqlite_where=db.text('withdrawn_at IS NULL'), postgresql_where=db.text('withdrawn_at IS NULL')),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey('candidates.id', ondelete='CASCADE'), index=True)
    scope: Mapped[ConsentScope] = mapped_column(enum_column(ConsentScope, 'consent_scope'))
    #: the day the person gave consent (may be before it was entered here)
    given_on: Mapped[date]
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))

    recorded_by: Mapped['User | None'] = relationship(foreign_keys=[recorded_by_id])
    withdrawn_by: Mapped['User | None'] = relationship(foreign_keys=[withdrawn_by_id])

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Candidate(TimestampMixin, db.Model):
    __tablename__ = 'candidates'
    __table_args__ = (
        CheckConstraint('hours_min >= 1 AND hours_min <= hours_max AND hours_max <= 60', name='hours_range'),
        CheckConstraint('max_travel_km >= 0 AND max_travel_km <= 200', name='travel_range'),
        CheckConstraint('loonwaarde IS NULL OR (loonwaarde >= 0 AND loonwaarde <= 100)', name='loonwaarde_range'),
        CheckConstraint("postcode_area IS NULL OR length(postcode_area) = 4", name='postcode_area_four_digits'),
        Index('ix_candidates_region_id_status', 'region_id', 'status'),
        Index('uq_candidates_region_id_reference', 'region_id', 'reference', unique=True,
              sqlite_where=db.text('reference IS NOT NULL'), postgresql_where=db.text('reference IS NOT NULL')),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    municipality_id: Mapped[int] = mapped_column(ForeignKey('municipalities.id', ondelete='RESTRICT'), index=True)
    #: the pseudonym: the only name an employer ever sees
    code: Mapped[str] = mapped_column(String(12), unique=True)
    #: staff only; cleared when the profile is anonymised
    first_name: Mapped[str | None] = mapped_column(String(60))
    #: the person's number in the municipality's own system (never a BSN); staff only
    reference: Mapped[str | None] = mapped_column(String(40))
    #: the four digits of the postcode (PC4): enough for travel distance, not an address
    postcode_area: Mapped[str | None] = mapped_column(String(4))
    education_level: Mapped[EducationLevel] = mapped_column(enum_column(EducationLevel, 'education_level'))
    has_driving_licence: Mapped[bool] = mapped_column(default=False)
    hours_min: Mapped[int]
    hours_max: Mapped[int]
    max_travel_km: Mapped[int]
    available_from: Mapped[date]
    #: DayPart values the person can work
    day_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: SupportNeed values
    support_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: TargetGroup values
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: estimated loonwaarde in whole percent; the municipality's measurement decides
    loonwaarde: Mapped[int | None]
    accountmanager_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'), index=True)
    #: staff only; cleared when the profile is anonymised
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[CandidateStatus] = mapped_column(enum_column(CandidateStatus, 'candidate_status'),
                                                    default=CandidateStatus.ACTIVE)
    availability_confirmed_on: Mapped[date]
    availability_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    left_at: Mapped[datetime | None]
    left_reason: Mapped[str | None] = mapped_column(String(40))
    anonymised_at: Mapped[datetime | None]

    region: Mapped['Region'] = relationship()
    municipality: Mapped['Municipality'] = relationship()
    accountmanager: Mapped['User | None'] = relationship(foreign_keys=[accountmanager_id])
    skill_links: Mapped[list[CandidateSkill]] = relationship(cascade='all, delete-orphan')
    experience: Mapped[list[CandidateExperience]] = relationship(cascade='all, delete-orphan')
    languages: Mapped[list[CandidateLanguage]] = relationship(cascade='all, delete-orphan',
                                                              order_by=CandidateLanguage.language)
    consents: Mapped[list[CandidateConsent]] = relationship(cascade='all, delete-orphan',
                                                            order_by=CandidateConsent.recorded_at)

    def __repr__(self) -> str:
        return f'<Candidate {self.code}>'

    @staticmethod
    def new_code() -> str:
        """A fresh pseudonym like KB-7H3M-Q9: random, so it says nothing about the person."""
        while True:
            raw = ''.join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            code = f'KB-{raw[:4]}-{raw[4:]}'
            if db.session.scalar(select(Candidate.id).where(Candidate.code == code)) is None:
                return code

    # Freshness and completeness ----------------------------------------------------------
    def is_stale(self, today: date) -> bool:
        return self.availability_confirmed_on + FRESHNESS < today

    def stale_since(self) -> date:
        return self.availability_confirmed_on + FRESHNESS

    def missing_fields(self) -> list[str]:
        """The minimum profile fields that are empty: such a profile is never matched."""
        missing = []
        if not self.postcode_area:
            missing.append('postcode_area')
        if not self.skill_links:
            missing.append('skills')
        if not self.day_parts:
            missing.append('day_parts')
        if not any(link.language == 'nl' for link in self.languages):
            missing.append('dutch')
        return missing

    def active_consent(self, scope: ConsentScope) -> CandidateConsent | None:
        for consent in self.consents:
            if consent.scope == scope and consent.is_active:
                return consent
        return None

    def has_consent(self, scope: ConsentScope) -> bool:
        return self.active_consent(scope) is not None

    def is_matchable(self, today: date) -> bool:
        """In the pool employers' needs are matched against."""
        return (self.status == CandidateStatus.ACTIVE and self.anonymised_at is None and not self.is_stale(today)
                and not self.missing_fields() and self.has_consent(ConsentScope.PROPOSALS))

    @property
    def dutch_level(self) -> CefrLevel | None:
        for link in self.languages:
            if link.language == 'nl':
                return link.level
        return None

    # Permissions -------------------------------------------------------------------------
    def can_view(self, user) -> bool:
        """Staff of the candidate's region; nobody else sees a profile."""
        return user.is_authenticated and user.staff_region_id == self.region_id

    def can_edit(self, user) -> bool:
        return self.can_view(user) and self.anonymised_at is None


class ImportState(enum.StrEnum):
    UPLOADED = 'uploaded'
    #: the dry run found problems: nothing was written
    REJECTED = 'rejected'
    #: the dry run found no problems: ready to import
    CHECKED = 'checked'
    IMPORTED = 'imported'


class CandidateImport(TimestampMixin, db.Model):
    """An uploaded CSV of candidates: checked row by row in a dry run, then imported in one transaction.

    The file holds staff-only data, so its content is cleared once imported or discarded.
    """

    __tablename__ = 'candidate_imports'

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[str | None] = mapped_column(Text)
    state: Mapped[ImportState] = mapped_column(enum_column(ImportState, 'import_state'),
                                               default=ImportState.UPLOADED)
    row_count: Mapped[int] = mapped_column(default=0)
    #: rows checked so far by the dry run (for the progress bar)
    checked_rows: Mapped[int] = mapped_column(default=0)
    #: [{'row': 3, 'column': 'hours_min', 'message': '…'}], messages in Dutch
    problems: Mapped[list[dict]] = mapped_column(JSON, default=list)
    imported_count: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime | None]

    uploaded_by: Mapped['User | None'] = relationship()

    def can_view(self, user) -> bool:
        return user.is_authenticated and user.staff_region_id == self.region_id
