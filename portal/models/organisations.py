"""Organisations (employers, schools, government bodies), who works for them, and invitations."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, select, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.mixins import TimestampMixin

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.tenancy import Municipality, Region


class OrganisationKind(enum.StrEnum):
    EMPLOYER = 'employer'
    EDUCATION = 'education'
    GOVERNMENT = 'government'
    OTHER = 'other'


class OrganisationStatus(enum.StrEnum):
    PENDING = 'pending'  # waiting for an accountmanager of the region
    VERIFIED = 'verified'
    REJECTED = 'rejected'


class SizeClass(enum.StrEnum):
    ONE = '1'
    SMALL = '2-9'
    MEDIUM_SMALL = '10-49'
    MEDIUM = '50-249'
    LARGE = '250+'


class MemberRole(enum.StrEnum):
    OWNER = 'owner'
    MEMBER = 'member'


class MembershipStatus(enum.StrEnum):
    REQUESTED = 'requested'  # asked to join; the owner decides
    ACTIVE = 'active'


class Organisation(TimestampMixin, db.Model):
    __tablename__ = 'organisations'
    __table_args__ = (
        CheckConstraint("length(kvk_number) = 8", name='kvk_number_eight_digits'),
        CheckConstraint("vestigingsnummer IS NULL OR length(vestigingsnummer) = 12", name='vestigingsnummer_twelve'),
        CheckConstraint("status <> 'rejected' OR rejection_reason IS NOT NULL", name='rejection_has_reason'),
        CheckConstraint("status <> 'verified' OR verified_at IS NOT NULL", name='verified_has_time'),
        Index('ix_organisations_region_id_status', 'region_id', 'status'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    #: Kamer van Koophandel number, 8 digits; one organisation per number
    kvk_number: Mapped[str] = mapped_column(String(8), unique=True)
    vestigingsnummer: Mapped[str | None] = mapped_column(String(12))
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, 'organisation_kind'),
                                                   default=OrganisationKind.EMPLOYER)
    #: SBI 2008 section letter (A–U) and, optionally, the code within it (2 to 5 digits)
    sbi_section: Mapped[str] = mapped_column(String(1))
    sbi_code: Mapped[str | None] = mapped_column(String(5))
    size_class: Mapped[SizeClass] = mapped_column(enum_column(SizeClass, 'size_class', 10))
    municipality_id: Mapped[int] = mapped_column(ForeignKey('municipalities.id', ondelete='RESTRICT'), index=True)
    #: the municipality's region, kept here because every staff query scopes by it
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    visiting_postcode: Mapped[str] = mapped_column(String(7))
    website: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[OrganisationStatus] = mapped_column(enum_column(OrganisationStatus, 'organisation_status'),
                                                       default=OrganisationStatus.PENDING)
    verified_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    rejection_reason: Mapped[str | None] = mapped_column(String(1000))

    municipality: Mapped['Municipality'] = relationship()
    region: Mapped['Region'] = relationship()
    memberships: Mapped[list['Membership']] = relationship(back_populates='organisation',
                                                           cascade='all, delete-orphan')
    invitations: Mapped[list['Invitation']] = relationship(back_populates='organisation',
                                                           cascade='all, delete-orphan')

    def __repr__(self) -> str:
        return f'<Organisation {self.id} {self.kvk_number} {self.status}>'

    @property
    def is_verified(self) -> bool:
        return self.status == OrganisationStatus.VERIFIED

    @property
    def owner(self) -> 'User | None':
        for membership in self.memberships:
            if membership.is_active and membership.role == MemberRole.OWNER:
                return membership.user
        return None

    @property
    def active_members(self) -> list['Membership']:
        return sorted((m for m in self.memberships if m.is_active), key=lambda m: (m.role != MemberRole.OWNER,
                                                                                  m.user.name.lower()))

    @property
    def join_requests(self) -> list['Membership']:
        return [m for m in self.memberships if m.status == MembershipStatus.REQUESTED]

    @property
    def open_invitations(self) -> list['Invitation']:
        return [i for i in self.invitations if i.is_open()]

    @property
    def sbi_display(self) -> str:
        """The SBI code as KvK writes it: 49.41 or 01.13.1."""
        code = self.sbi_code or ''
        parts = [code[:2], code[2:4], code[4:]]
        return self.sbi_section + (' ' + '.'.join(p for p in parts if p) if code else '')

    # Who may do what ---------------------------------------------------------------------
    def can_view(self, user: 'User') -> bool:
        return user.is_admin or self.is_staff_of_region(user) or user.membership_of(self) is not None

    def can_manage(self, user: 'User') -> bool:
        """Invite, remove members, hand over ownership, answer join requests: the owner."""
        membership = user.membership_of(self)
        return membership is not None and membership.role == MemberRole.OWNER

    def can_decide_verification(self, user: 'User') -> bool:
        return self.is_staff_of_region(user) and self.status == OrganisationStatus.PENDING

    def is_staff_of_region(self, user: 'User') -> bool:
        return user.staff_region_id is not None and user.staff_region_id == self.region_id

    @classmethod
    def by_kvk(cls, kvk_number: str) -> 'Organisation | None':
        return db.session.scalar(select(cls).where(cls.kvk_number == kvk_number))


class Membership(TimestampMixin, db.Model):
    __tablename__ = 'memberships'
    __table_args__ = (
        UniqueConstraint('user_id', 'organisation_id'),
        # one owner per organisation, held by the database
        Index('uq_memberships_one_owner', 'organisation_id', unique=True,
              postgresql_where=text("role = 'owner'"), sqlite_where=text("role = 'owner'")),
        CheckConstraint("role = 'member' OR status = 'active'", name='owner_is_active'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole, 'member_role'), default=MemberRole.MEMBER)
    status: Mapped[MembershipStatus] = mapped_column(enum_column(MembershipStatus, 'membership_status'),
                                                     default=MembershipStatus.ACTIVE)

    user: Mapped['User'] = relationship(back_populates='memberships', foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship(back_populates='memberships')

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_owner(self) -> bool:
        return self.role == MemberRole.OWNER


class Invitation(TimestampMixin, db.Model):
    """An owner's invitation for a colleague to join; the link carries a token whose hash is kept here."""

    __tablename__ = 'invitations'

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    email: Mapped[str] = mapped_column(String(254))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship(back_populates='invitations')
    invited_by: Mapped['User | None'] = relationship()

    def is_open(self, now: datetime | None = None) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > (now or utcnow())
