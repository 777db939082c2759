"""Demo network for `flask seed-demo`: the Vechtdalkamer (made by the demand seeder) gets members from education
and government, a directory, this year's pledges and a request to join that waits for an answer.

The changes go through the network operations, run `as_of` a moment in the past: what they write is dated then,
and the mail they queue never reaches the outbox (nobody should hear about demo data). `as_of` serves the
activities and buddies seeders too. Running it again adds nothing: organisations are found by KvK number,
members by organisation, pledges by year.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import event, inspect, select

from portal.blueprints.network import operations as network_ops
from portal.blueprints.network import operations_members as member_ops
from portal.core.dbtypes import TIMEZONE, UTCDateTime, today, utcnow
from portal.core.demo import seeder
from portal.core.demo_demand import REVIEWERS, _owner
from portal.data import demo_activities as data
from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.network import Network, NetworkMembership
from portal.models.organisations import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    SizeClass,
)
from portal.models.outbox import OutboxMessage
from portal.models.tenancy import Municipality, Region

# The demo's clock ------------------------------------------------------------------------------------

def _redate(obj: Any, when: datetime, since: datetime, until: datetime, *, new: bool) -> None:
    """Date what an operation stamped 'now' (a moment between `since` and `until`) at `when` instead."""
    state = inspect(obj)
    for prop in state.mapper.column_attrs:
        column = prop.columns[0]
        if not isinstance(column.type, UTCDateTime):
            continue
        value = state.dict.get(prop.key)
        if value is None:
            if new and column.default is not None:  # created_at, occurred_at: filled in by the flush
                setattr(obj, prop.key, when)
        elif since <= value <= until:
            setattr(obj, prop.key, when)
    if not new and 'updated_at' in state.mapper.column_attrs:
        obj.updated_at = when


@contextmanager
def as_of(when: datetime) -> Iterator[None]:
    """Run operations as if it were `when`: new and changed rows (audit rows included) are dated `when`, and
    queued mail is dropped before it is written. Operations still check their rules against the real now."""
    session = db.session()
    since = utcnow()

    def backdate(session_, flush_context, instances) -> None:
        until = utcnow()
        for obj in list(session_.new):
            if isinstance(obj, OutboxMessage):
                session_.expunge(obj)
            else:
                _redate(obj, when, since, until, new=True)
        for obj in list(session_.dirty):
            if not isinstance(obj, AuditEvent):
                _redate(obj, when, since, until, new=False)

    event.listen(session, 'before_flush', backdate)
    try:
        with current_app.test_request_context():  # the mail's links are built, then the mail is dropped
            yield
            db.session.flush()
    finally:
        event.remove(session, 'before_flush', backdate)


def local(day: date, at: str) -> datetime:
    """`at` ('09:30') on `day` in the Netherlands, as a UTC moment."""
    hours, minutes = (int(part) for part in at.split(':'))
    return datetime.combine(day, time(hours, minutes), tzinfo=TIMEZONE).astimezone(utcnow().tzinfo)


def weekday(day: date, *, forward: bool) -> date:
    """The day itself, or the nearest weekday in the given direction."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if forward else -1)
    return day


def days_ago(days: float, now: datetime | None = None) -> datetime:
    """A moment `days` before now, never in the future."""
    return (now or utcnow()) - timedelta(days=days)


# Organisations and members ---------------------------------------------------------------------------

def _organisations(municipalities: dict[str, Municipality]) -> int:
    created = 0
    for kvk, name, kind, cbs_code, section, sbi_code, size, postcode, email, owner_name in data.ORGANISATIONS:
        if Organisation.by_kvk(kvk) is not None or cbs_code not in municipalities:
            continue
        municipality = municipalities[cbs_code]
        reviewer = User.by_email(REVIEWERS.get(municipality.region.slug, ''))
        organisation = Organisation(
            kvk_number=kvk, name=name, kind=OrganisationKind(kind), municipality=municipality,
            region_id=municipality.region_id, sbi_section=section, sbi_code=sbi_code, size_class=SizeClass(size),
            visiting_postcode=postcode, status=OrganisationStatus.VERIFIED, verified_at=days_ago(200),
            decided_by_id=reviewer.id if reviewer else None)
        organisation.memberships.append(Membership(user=_owner(email, owner_name), role=MemberRole.OWNER))
        db.session.add(organisation)
        created += 1
    db.session.flush()
    return created


def _members(network: Network, coordinator: User) -> int:
    added = 0
    for kvk, joined in data.NEW_MEMBERS:
        organisation = Organisation.by_kvk(kvk)
        if organisation is None or network.membership_of(organisation) is not None:
            continue
        with as_of(days_ago(joined)):
            network_ops.add_member(coordinator, network, organisation)
        added += 1
    return added


def _directory(network: Network) -> int:
    listed = 0
    for kvk, note in data.DIRECTORY.items():
        membership = _active(network, kvk)
        if membership is None or membership.in_directory or membership.directory_note:
            continue
        with as_of(days_ago(90 - 7 * listed)):
            member_ops.set_directory_entry(membership.organisation.owner, membership, in_directory=True, note=note)
        listed += 1
    return listed


def _pledges(network: Network, year: int) -> int:
    pledged = 0
    when = max(days_ago(50), local(date(year, 1, 6), '10:00'))  # early in the year, or as early as it can be
    for kvk, (shadowing, workshops, tours, interviews, buddies, note) in data.PLEDGES.items():
        membership = _active(network, kvk)
        if membership is None or membership.pledge_for(year) is not None:
            continue
        with as_of(min(when + timedelta(days=pledged), utcnow())):
            member_ops.set_pledge(membership.organisation.owner, membership, year=year, note=note,
                                  job_shadowing_days=shadowing, workshops=workshops, company_tours=tours,
                                  practice_interviews=interviews, buddy_pairings=buddies)
        pledged += 1
    return pledged


def _join_request(network: Network) -> int:
    kvk, note, ago = data.JOIN_REQUEST
    organisation = Organisation.by_kvk(kvk)
    if organisation is None or organisation.owner is None or network.membership_of(organisation) is not None:
        return 0
    with as_of(days_ago(ago)):
        member_ops.request_to_join(organisation.owner, network, organisation, note=note)
    return 1


def _active(network: Network, kvk: str) -> NetworkMembership | None:
    organisation = Organisation.by_kvk(kvk)
    membership = network.membership_of(organisation) if organisation is not None else None
    if membership is None or not membership.is_active or membership.organisation.owner is None:
        return None
    return membership


def demo_network(slug: str, name: str) -> Network | None:
    """The region's network by that name, else its first (a coordinator may have renamed it)."""
    region = Region.by_slug(slug)
    if region is None:
        return None
    return (db.session.scalar(select(Network).where(Network.region_id == region.id, Network.name == name))
            or Network.of_region(region.id))


@seeder
def seed_network() -> str:
    municipalities = {m.cbs_code: m for m in db.session.scalars(select(Municipality))}
    organisations = _organisations(municipalities)
    network = demo_network(*data.NETWORK)
    coordinator = User.by_email(data.COORDINATOR)
    if network is None or coordinator is None:
        return f'network: {organisations} organisations added; no demo network to extend'
    members = _members(network, coordinator)
    listed, pledged = _directory(network), _pledges(network, today().year)
    requests = _join_request(network)
    return (f'network: {organisations} organisations added; {network.name} got {members} members, '
            f'{listed} directory entries, {pledged} pledges for this year and {requests} request to join')
