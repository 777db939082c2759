"""What members (and the region's coordinators) read about their networks: the directory, the meetings, and each
member organisation's pledge for a year with what it has done against it."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from portal.core.dbtypes import TIMEZONE, utcnow
from portal.extensions import db
from portal.models.activities import Activity, ActivityKind, ActivitySlot, Registration, RegistrationState
from portal.models.buddies import BuddyOffer, BuddyPairing
from portal.models.moderation import PostingState
from portal.models.network import (
    Network,
    NetworkMembership,
    NetworkMemberStatus,
    NetworkPledge,
    network_ids,
    verified_organisation_ids,
)
from portal.models.organisations import Organisation

#: pledge column -> the activity kind whose held slots count against it (buddy pairings count meetings instead)
PLEDGE_KINDS: dict[str, ActivityKind | None] = {
    'job_shadowing_days': ActivityKind.JOB_SHADOWING,
    'workshops': ActivityKind.WORKSHOP,
    'company_tours': ActivityKind.COMPANY_TOUR,
    'practice_interviews': ActivityKind.PRACTICE_INTERVIEW,
    'buddy_pairings': None,
}
#: past meetings shown
PAST_MEETINGS = 20


def visible_networks(user) -> list[Network]:
    """The networks whose directory, meetings and pledges the user sees: a coordinator's region's, or those
    the user's organisation is an active member of."""
    if user.is_authenticated and user.is_coordinator:
        query = select(Network).where(Network.region_id == user.staff_region_id)
    else:
        ids = network_ids(user)
        if not ids:
            return []
        query = select(Network).where(Network.id.in_(ids))
    return list(db.session.scalars(query.options(selectinload(Network.chair_organisation)).order_by(Network.name,
                                                                                                    Network.id)))


def directory(network: Network) -> list[NetworkMembership]:
    """Active members that chose to appear, by name."""
    return list(db.session.scalars(
        select(NetworkMembership).join(Organisation)
        .where(NetworkMembership.network_id == network.id, NetworkMembership.status == NetworkMemberStatus.ACTIVE,
               NetworkMembership.in_directory.is_(True))
        .options(selectinload(NetworkMembership.organisation).selectinload(Organisation.municipality))
        .order_by(func.lower(Organisation.name))))


# Meetings -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Meeting:
    activity: Activity
    starts_at: datetime | None
    ends_at: datetime | None

    @property
    def is_past(self) -> bool:
        return self.ends_at is not None and self.ends_at < utcnow()


def meetings(network_ids_: list[int]) -> tuple[list[Meeting], list[Meeting]]:
    """The networks' published (or cancelled) meetings: those to come, soonest first, and the latest past ones."""
    if not network_ids_:
        return [], []
    bounds = (select(ActivitySlot.activity_id, func.min(ActivitySlot.starts_at).label('starts_at'),
                     func.max(ActivitySlot.ends_at).label('ends_at'))
              .group_by(ActivitySlot.activity_id).subquery())
    rows = db.session.execute(
        select(Activity, bounds.c.starts_at, bounds.c.ends_at).outerjoin(bounds, bounds.c.activity_id == Activity.id)
        .where(Activity.network_id.in_(network_ids_), Activity.kind == ActivityKind.NETWORK_MEETING,
               Activity.state.in_([PostingState.PUBLISHED, PostingState.CANCELLED]))
        .options(selectinload(Activity.network), selectinload(Activity.slots))
        .order_by(bounds.c.starts_at, Activity.id))
    found = [Meeting(*row) for row in rows]
    upcoming = [m for m in found if not m.is_past]
    past = sorted((m for m in found if m.is_past), key=lambda m: m.starts_at, reverse=True)[:PAST_MEETINGS]
    return upcoming, past


# Pledges and what was done --------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    done: int
    pledged: int | None

    @property
    def is_met(self) -> bool:
        return self.pledged is not None and self.done >= self.pledged


@dataclass(frozen=True)
class PledgeRow:
    membership: NetworkMembership
    pledge: NetworkPledge | None
    progress: dict[str, Progress]


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The year on the Dutch calendar, as two moments."""
    return datetime(year, 1, 1, tzinfo=TIMEZONE), datetime(year + 1, 1, 1, tzinfo=TIMEZONE)


def _held_slots(organisation_ids: list[int], kinds: list[ActivityKind], start: datetime, until: datetime):
    """Per organisation and kind, its dates that took place between `start` and `until`: the activity was published
    (or called off after the date), and at least one person came."""
    attended = (select(Registration.id)
                .where(Registration.slot_id == ActivitySlot.id, Registration.state == RegistrationState.ATTENDED)
                .exists())
    return db.session.execute(
        select(Activity.organisation_id, Activity.kind, func.count(ActivitySlot.id))
        .join(ActivitySlot, ActivitySlot.activity_id == Activity.id)
        .where(Activity.organisation_id.in_(organisation_ids), Activity.kind.in_(kinds),
               Activity.state.in_([PostingState.PUBLISHED, PostingState.CANCELLED]),
               or_(Activity.cancelled_at.is_(None), ActivitySlot.starts_at < Activity.cancelled_at),
               ActivitySlot.starts_at >= start, ActivitySlot.starts_at < until, attended)
        .group_by(Activity.organisation_id, Activity.kind))


def done_counts(organisation_ids: list[int], year: int, now: datetime | None = None) -> dict[int, dict[str, int]]:
    """Per organisation, what it has done in `year` so far: its dates held by kind (see _held_slots), and the
    meetings of its buddy pairings."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(PLEDGE_KINDS, 0))
    if not organisation_ids:
        return counts
    start, end = year_bounds(year)
    by_kind = {kind: field for field, kind in PLEDGE_KINDS.items() if kind is not None}
    for organisation_id, kind, count in _held_slots(organisation_ids, list(by_kind), start, min(now or utcnow(), end)):
        counts[organisation_id][by_kind[kind]] = count
    met = db.session.execute(
        select(BuddyOffer.organisation_id, func.count(BuddyPairing.id))
        .join(BuddyPairing, BuddyPairing.offer_id == BuddyOffer.id)
        .where(BuddyOffer.organisation_id.in_(organisation_ids), BuddyPairing.met_on.is_not(None),
               BuddyPairing.met_on >= date(year, 1, 1), BuddyPairing.met_on <= date(year, 12, 31))
        .group_by(BuddyOffer.organisation_id))
    for organisation_id, count in met:
        counts[organisation_id]['buddy_pairings'] = count
    return counts


def active_memberships(network: Network) -> list[NetworkMembership]:
    """The network's active members by organisation name, with their organisations and pledges loaded at once."""
    return list(db.session.scalars(
        select(NetworkMembership).join(Organisation, Organisation.id == NetworkMembership.organisation_id)
        .where(NetworkMembership.network_id == network.id, NetworkMembership.status == NetworkMemberStatus.ACTIVE)
        .options(selectinload(NetworkMembership.organisation), selectinload(NetworkMembership.pledges))
        .order_by(func.lower(Organisation.name), NetworkMembership.id)))


def pledge_rows(network: Network, year: int, now: datetime | None = None) -> list[PledgeRow]:
    """Every active member organisation with its pledge for `year` (if any) and what it has done: four queries
    however many members there are."""
    members = active_memberships(network)
    done = done_counts([m.organisation_id for m in members], year, now)
    rows = []
    for membership in members:
        pledge = membership.pledge_for(year)
        rows.append(PledgeRow(membership, pledge, {
            field: Progress(done[membership.organisation_id][field], getattr(pledge, field) if pledge else None)
            for field in PLEDGE_KINDS}))
    return rows


def own_memberships(organisation: Organisation) -> list[NetworkMembership]:
    """The organisation's seats and requests in every network, by network name."""
    return list(db.session.scalars(
        select(NetworkMembership).join(Network).where(NetworkMembership.organisation_id == organisation.id)
        .options(selectinload(NetworkMembership.network)).order_by(Network.name, Network.id)))


def joinable_networks(organisation: Organisation) -> list[Network]:
    """Networks of the organisation's region it is neither in nor waiting for."""
    taken = {m.network_id for m in own_memberships(organisation) if m.is_active or m.is_pending}
    return [network for network in db.session.scalars(
        select(Network).where(Network.region_id == organisation.region_id).order_by(Network.name, Network.id))
        if network.id not in taken]


def decidable_requests(user) -> list[NetworkMembership]:
    """Pending requests the user may answer: as a coordinator of the region, or for a network their organisation
    chairs."""
    query = (select(NetworkMembership).join(Network).where(NetworkMembership.status == NetworkMemberStatus.PENDING)
             .options(selectinload(NetworkMembership.network), selectinload(NetworkMembership.organisation))
             .order_by(NetworkMembership.created_at, NetworkMembership.id))
    if user.is_coordinator:
        query = query.where(Network.region_id == user.staff_region_id)
    else:
        chairs = verified_organisation_ids(user)
        if not chairs:
            return []
        query = query.where(Network.chair_organisation_id.in_(chairs))
    return list(db.session.scalars(query))
