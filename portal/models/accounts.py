"""People who sign in: users, their staff role in a region, and two-step sign-in recovery codes."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.mixins import TimestampMixin

if TYPE_CHECKING:
    from portal.models.organisations import Membership
    from portal.models.tenancy import Region


def enum_column(enum_cls: type[enum.Enum], name: str, length: int = 20) -> Enum:
    """A portable enum: a VARCHAR with a named CHECK constraint, storing the values."""
    return Enum(enum_cls, name=name, native_enum=False, create_constraint=True, length=length,
                values_callable=lambda e: [m.value for m in e])


class StaffKind(enum.StrEnum):
    ACCOUNTMANAGER = 'accountmanager'
    COORDINATOR = 'coordinator'


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = 'users'
    __table_args__ = (
        CheckConstraint("locale IN ('nl', 'en')", name='locale_known'),
        CheckConstraint('failed_sign_ins >= 0', name='failed_sign_ins_not_negative'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stored lower-case; unique
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(5), default='nl')
    email_verified_at: Mapped[datetime | None]
    is_admin: Mapped[bool] = mapped_column(default=False)
    #: False for deleted accounts; Flask-Login refuses inactive users
    is_enabled: Mapped[bool] = mapped_column(default=True)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_sign_in_at: Mapped[datetime | None]
    #: bumped when the password or email changes, which signs out every other session
    session_version: Mapped[int] = mapped_column(default=1)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    #: the secret behind the user's private calendar feed URL; a new one makes the old URL stop working
    calendar_key: Mapped[str | None] = mapped_column(String(64))
    #: the organisation the user works for right now, when they belong to several
    current_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey('organisations.id', ondelete='SET NULL', use_alter=True))

    staff_role: Mapped['StaffRole | None'] = relationship(back_populates='user', uselist=False,
                                                          cascade='all, delete-orphan')
    memberships: Mapped[list['Membership']] = relationship(
        back_populates='user', foreign_keys='Membership.user_id', cascade='all, delete-orphan')
    recovery_codes: Mapped[list['RecoveryCode']] = relationship(back_populates='user', cascade='all, delete-orphan')

    def __repr__(self) -> str:
        return f'<User {self.id} {self.email}>'

    # Flask-Login -----------------------------------------------------------------------
    def get_id(self) -> str:
        # the version makes a password change end every other session
        return f'{self.id}:{self.session_version}'

    @property
    def is_active(self) -> bool:
        return self.is_enabled and self.deleted_at is None

    @property
    def display_name(self):
        """The name to show; a deleted account keeps its records but is shown as a former member."""
        if self.deleted_at is not None or not self.name:
            return _l('Former member')
        return self.name

    # Roles -----------------------------------------------------------------------------
    @property
    def is_staff(self) -> bool:
        return self.staff_role is not None

    @property
    def is_coordinator(self) -> bool:
        return self.staff_role is not None and self.staff_role.kind == StaffKind.COORDINATOR

    @property
    def staff_region_id(self) -> int | None:
        return self.staff_role.region_id if self.staff_role else None

    @property
    def region(self) -> 'Region | None':
        """The region the portal is branded for when this user is signed in."""
        if self.staff_role is not None:
            return self.staff_role.region
        organisation = self.current_organisation
        return organisation.region if organisation is not None else None

    @property
    def in_network(self) -> bool:
        """Whether the organisation the user works for now sits in its region's network."""
        from portal.models.network import network_region_ids  # the network model builds on this one

        return bool(network_region_ids(self))

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def has_two_step(self) -> bool:
        return self.totp_enabled_at is not None

    def is_locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())

    # Organisations ----------------------------------------------------------------------
    @property
    def active_memberships(self) -> list['Membership']:
        return [m for m in self.memberships if m.is_active]

    @property
    def current_membership(self) -> 'Membership | None':
        active = self.active_memberships
        for membership in active:
            if membership.organisation_id == self.current_organisation_id:
                return membership
        return active[0] if active else None

    @property
    def current_organisation(self):
        membership = self.current_membership
        return membership.organisation if membership is not None else None

    def membership_of(self, organisation) -> 'Membership | None':
        for membership in self.active_memberships:
            if membership.organisation_id == organisation.id:
                return membership
        return None

    @classmethod
    def by_email(cls, email: str) -> 'User | None':
        return db.session.scalar(select(cls).where(cls.email == normalise_email(email)))

    @classmethod
    def email_taken(cls, email: str) -> bool:
        return db.session.scalar(select(func.count(cls.id)).where(cls.email == normalise_email(email))) > 0


def normalise_email(email: str) -> str:
    return email.strip().lower()


class StaffRole(TimestampMixin, db.Model):
    """A municipal staff member's role in exactly one region."""

    __tablename__ = 'staff_roles'

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), unique=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'), index=True)
    kind: Mapped[StaffKind] = mapped_column(enum_column(StaffKind, 'staff_kind'))

    user: Mapped[User] = relationship(back_populates='staff_role')
    region: Mapped['Region'] = relationship()


class RecoveryCode(db.Model):
    """A single-use code that replaces the authenticator app once; only its hash is kept."""

    __tablename__ = 'recovery_codes'

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates='recovery_codes')
