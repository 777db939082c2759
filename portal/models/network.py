"""A region's network of entrepreneurs, education and government (like the Vechtdalkamer)."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.mixins import TimestampMixin

if TYPE_CHECKING:
    from portal.models.organisations import Organisation
    from portal.models.tenancy import Region


class NetworkMemberStatus(enum.StrEnum):
    #: the organisation asked to join; the chair or a coordinator decides
    PENDING = 'pending'
    ACTIVE = 'active'
    ENDED = 'ended'
    #: the request to join was turned down
    DECLINED = 'declined'


class Network(TimestampMixin, db.Model):
    __tablename__ = 'networks'

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'), index=True)
    name: Mapped[str] = mapped_column(String(120))
    #: the network is chaired by an entrepreneur
    chair_organisation_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id', ondelete='SET NULL'))

    region: Mapped['Region'] = relationship()
    chair_organisation: Mapped['Organisation | None'] = relationship()
    members: Mapped[list['NetworkMembership']] = relationship(back_populates='network', cascade='all, delete-orphan')

    @property
    def active_members(self) -> list['NetworkMembership']:
        return sorted((m for m in self.members if m.is_active), key=lambda m: m.organisation.name.lower())

    @property
    def pending_requests(self) -> list['NetworkMembership']:
        return sorted((m for m in self.members if m.is_pending), key=lambda m: (m.created_at, m.id))

    def membership_of(self, organisation) -> 'NetworkMembership | None':
        return next((m for m in self.members if m.organisation_id == organisation.id), None)

    def can_manage(self, user) -> bool:
        """Who joins and leaves the network: the coordinators of its region."""
        return user.is_authenticated and user.is_coordinator and user.staff_region_id == self.region_id

    def is_chaired_by(self, user) -> bool:
        """The user works for the verified organisation that chairs the network."""
        chair = self.chair_organisation
        return (user.is_authenticated and chair is not None and chair.is_verified
                and user.membership_of(chair) is not None)

    def can_decide_requests(self, user) -> bool:
        """Requests to join are answered by the chair organisation's people or a coordinator of the region."""
        return self.can_manage(user) or self.is_chaired_by(user)

    @classmethod
    def of_region(cls, region_id: int) -> 'Network | None':
        return db.session.scalar(select(cls).where(cls.region_id == region_id).order_by(cls.id).limit(1))


class NetworkMembership(TimestampMixin, db.Model):
    """An organisation's seat in a network; every active member of that organisation is a network member."""

    __tablename__ = 'network_memberships'
    __table_args__ = (UniqueConstraint('network_id', 'organisation_id'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey('networks.id', ondelete='CASCADE'), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'), index=True)
    status: Mapped[NetworkMemberStatus] = mapped_column(enum_column(NetworkMemberStatus, 'network_member_status'),
                                                        default=NetworkMemberStatus.ACTIVE)
    #: the organisation chose to appear in the members' directory
    in_directory: Mapped[bool] = mapped_column(default=False)
    #: what the organisation tells other members in the directory (who to contact, what they offer)
    directory_note: Mapped[str | None] = mapped_column(String(1000))
    #: a request to join: who asked, why, and who decided
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    request_note: Mapped[str | None] = mapped_column(String(1000))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    decided_at: Mapped[datetime | None]

    network: Mapped[Network] = relationship(back_populates='members')
    organisation: Mapped['Organisation'] = relationship()
    pledges: Mapped[list['NetworkPledge']] = relationship(back_populates='membership', cascade='all, delete-orphan',
                                                          order_by='NetworkPledge.year')

    @property
    def is_active(self) -> bool:
        return self.status == NetworkMemberStatus.ACTIVE

    @property
    def is_pending(self) -> bool:
        return self.status == NetworkMemberStatus.PENDING

    def can_edit(self, user) -> bool:
        """The member organisation's own people keep its directory entry and pledges."""
        return (self.is_active and user.is_authenticated and self.organisation.is_verified
                and user.membership_of(self.organisation) is not None)

    def pledge_for(self, year: int) -> 'NetworkPledge | None':
        return next((p for p in self.pledges if p.year == year), None)

    @classmethod
    def locked(cls, membership_id: int) -> 'NetworkMembership | None':
        """The membership read anew, its row locked until commit, so two people answering one request at the same
        moment cannot both decide it (PostgreSQL; SQLite writes one transaction at a time)."""
        return db.session.scalar(select(cls).where(cls.id == membership_id).with_for_update()
                                 .execution_options(populate_existing=True))


class NetworkPledge(TimestampMixin, db.Model):
    """What a member organisation promises the network for a year (e.g. four meeloopdagen and one workshop)."""

    __tablename__ = 'network_pledges'
    __table_args__ = (
        UniqueConstraint('membership_id', 'year'),
        CheckConstraint('year >= 2020 AND year <= 2100', name='year_range'),
        CheckConstraint('job_shadowing_days >= 0 AND workshops >= 0 AND company_tours >= 0 '
                        'AND practice_interviews >= 0 AND buddy_pairings >= 0', name='counts_not_negative'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey('network_memberships.id', ondelete='CASCADE'))
    year: Mapped[int]
    job_shadowing_days: Mapped[int] = mapped_column(default=0)
    workshops: Mapped[int] = mapped_column(default=0)
    company_tours: Mapped[int] = mapped_column(default=0)
    practice_interviews: Mapped[int] = mapped_column(default=0)
    buddy_pairings: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(String(1000))

    membership: Mapped[NetworkMembership] = relationship(back_populates='pledges')


def verified_organisation_ids(user) -> list[int]:
    """The verified organisations the user works for (an active membership), whichever they have chosen now."""
    if not user.is_authenticated:
        return []
    return [m.organisation_id for m in user.active_memberships if m.organisation.is_verified]


def _active_networks(user):
    """A query of the networks that any verified organisation the user works for is an active member of (None if
    none). This is what "in a network" means everywhere: the network pages, the demand members see, the activities
    open to a network."""
    organisation_ids = verified_organisation_ids(user)
    if not organisation_ids:
        return None
    return (select(Network).join(NetworkMembership)
            .where(NetworkMembership.organisation_id.in_(organisation_ids),
                   NetworkMembership.status == NetworkMemberStatus.ACTIVE))


def network_region_ids(user) -> set[int]:
    """The regions of every network the user belongs to (see _active_networks)."""
    query = _active_networks(user)
    return set() if query is None else set(db.session.scalars(query.with_only_columns(Network.region_id)))


def network_ids(user) -> set[int]:
    """Every network the user belongs to, through any verified organisation they work for (see _active_networks)."""
    query = _active_networks(user)
    return set() if query is None else set(db.session.scalars(query.with_only_columns(Network.id)))


def chaired_networks(user) -> list[Network]:
    """The networks chaired by a verified organisation the user works for, by name."""
    organisation_ids = verified_organisation_ids(user)
    if not organisation_ids:
        return []
    return list(db.session.scalars(select(Network).where(Network.chair_organisation_id.in_(organisation_ids))
                                   .order_by(Network.name, Network.id)))
