"""Builders for the network tests: networks with a chair, memberships in any state, meetings, and what an
organisation hosts (activity dates, buddy meetings) for the pledge progress."""

from datetime import datetime, timedelta

import pytest
from flask_babel import refresh
from sqlalchemy import select

from portal.core.dbtypes import today, utcnow
from portal.models.activities import Activity, ActivityKind, ActivitySlot, Audience, Registration, RegistrationState
from portal.models.audit import AuditEvent
from portal.models.buddies import BuddyOffer, BuddyPairing, PairingState
from portal.models.moderation import PostingState
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus
from tests.factories import make_candidate, make_user


def make_network(db, region, *, name: str = 'Vechtdalkamer', chair=None) -> Network:
    network = Network(region_id=region.id, name=name, chair_organisation=chair)
    db.session.add(network)
    if chair is not None:
        network.members.append(NetworkMembership(organisation=chair))
    db.session.flush()
    return network


def seat(db, network: Network, organisation, *, status: str = 'active', requested_by=None, note: str | None = None,
         in_directory: bool = False, directory_note: str | None = None) -> NetworkMembership:
    membership = NetworkMembership(organisation=organisation, status=NetworkMemberStatus(status),
                                   requested_by_id=requested_by.id if requested_by else None, request_note=note,
                                   in_directory=in_directory, directory_note=directory_note)
    network.members.append(membership)
    db.session.flush()
    return membership


def make_meeting(db, network: Network, *, days_ahead: float = 7, state: str = 'published', title: str = 'Kamer',
                 agenda: str | None = 'Agenda: welkom', minutes: str | None = None, hosted_by=None) -> Activity:
    """A meeting of `network` on one date, hosted by an organisation (its chair when it planned it) or, when
    `hosted_by` is None, by the region's staff."""
    start = (utcnow() + timedelta(days=days_ahead)).replace(microsecond=0)
    activity = Activity(region_id=network.region_id, network=network, kind=ActivityKind.NETWORK_MEETING, title=title,
                        description='Bijeenkomst', location='Gemeentehuis', audience=Audience.NETWORK,
                        state=PostingState(state), agenda=agenda, minutes=minutes, organisation=hosted_by)
    activity.slots.append(ActivitySlot(starts_at=start, ends_at=start + timedelta(hours=2), seats=30,
                                       registration_closes_at=start))
    db.session.add(activity)
    db.session.flush()
    return activity


def host(db, organisation, kind: str, *starts: datetime, state: str = 'published', came: str | None = 'attended',
         cancelled_at: datetime | None = None) -> Activity:
    """An activity of `organisation` with a date at each of `starts`, where one person's registration ended as
    `came` (None: nobody registered)."""
    activity = Activity(region_id=organisation.region_id, organisation=organisation, kind=ActivityKind(kind),
                        title='Aanbod', description='Beschrijving', location='Hardenberg',
                        audience=Audience.JOB_SEEKERS, state=PostingState(state), cancelled_at=cancelled_at)
    person = make_user(db) if came is not None else None
    for start in starts:
        slot = ActivitySlot(starts_at=start, ends_at=start + timedelta(hours=3), seats=4,
                            registration_closes_at=start)
        if person is not None:
            slot.registrations.append(Registration(user=person, state=RegistrationState(came)))
        activity.slots.append(slot)
    db.session.add(activity)
    db.session.flush()
    return activity


def buddy_meeting(db, organisation, *, met_on=None, state: str = 'met') -> BuddyPairing:
    """A pairing of one of `organisation`'s buddies that met on `met_on` (None: not yet)."""
    offer = BuddyOffer(region_id=organisation.region_id, organisation=organisation, user=make_user(db), capacity=5,
                       sectors=['C'], availability='Altijd', agreed_no_job_guarantee=True)
    pairing = BuddyPairing(region_id=organisation.region_id, offer=offer,
                           candidate=make_candidate(db, region=organisation.region), state=PairingState(state),
                           ends_on=today() + timedelta(days=30), met_on=met_on)
    db.session.add_all([offer, pairing])
    db.session.flush()
    return pairing


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


@pytest.fixture
def request_context(app, db):
    """Operations link to the portal in their mail, which needs a request; their refusals are read in English here
    (the Dutch catalogue translates them)."""
    with app.test_request_context('/', headers={'Accept-Language': 'en'}):
        refresh()
        yield
    refresh()
