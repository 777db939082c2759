"""Builders for the activity tests (shared by the offering and the registration tests).

`make_activity(db, ...)` gives a published activity with one slot a week ahead unless told
otherwise; `make_slot` adds a date; `make_activity_candidate` a job seeker who consented to
activities; `make_registration` puts someone on a slot directly (without the operations, which
have their own tests), keeping `confirmed_count` in step.
"""

from datetime import datetime, timedelta
from typing import Any

import pytest
from flask_babel import refresh
from sqlalchemy import select

from portal.core.dbtypes import today, utcnow
from portal.models.activities import (
    EMPLOYER_KINDS,
    SEATED_STATES,
    Activity,
    ActivityKind,
    ActivitySlot,
    Audience,
    Registration,
    RegistrationState,
)
from portal.models.audit import AuditEvent
from portal.models.caseload import CandidateConsent, ConsentScope
from portal.models.moderation import PostingState
from portal.models.network import Network, NetworkMembership
from tests.factories import make_candidate, make_organisation, make_region, make_staff, make_user


def make_slot(db, activity: Activity, *, starts_at: datetime | None = None, days_ahead: float = 7,
              hours: float = 3, seats: int = 10, closes_at: datetime | None = None, **fields) -> ActivitySlot:
    """A slot `days_ahead` from now (or at `starts_at`) lasting `hours`; registration closes a day before
    it starts unless `closes_at` says otherwise (never after the start)."""
    starts_at = starts_at or (utcnow() + timedelta(days=days_ahead)).replace(microsecond=0)
    if closes_at is None:
        closes_at = min(starts_at - timedelta(days=1), starts_at)
        if closes_at < utcnow():
            closes_at = starts_at
    slot = ActivitySlot(activity=activity, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours),
                        seats=seats, registration_closes_at=closes_at, **fields)
    db.session.add(slot)
    db.session.flush()
    return slot


def make_activity(db, *, kind: str | ActivityKind = 'job_shadowing', organisation=None, region=None,
                  network: Network | None = None, audience: str | Audience | None = None, state: str = 'published',
                  slots: list[dict[str, Any]] | None = None, requires_approval: bool = False, created_by=None,
                  **fields) -> Activity:
    """An activity of `organisation` (default: a new verified employer's, for employer kinds), or of the
    region's staff when `organisation` is None and `region` is given; `slots` are make_slot keyword dicts
    (default: one slot a week ahead with 10 seats).

    A network meeting gets `network` or the region's network (made when missing). The audience defaults
    to job seekers for employers' offers, the network for network meetings, everyone signed in otherwise.
    """
    kind = ActivityKind(kind)
    if organisation is None and region is None:
        organisation = make_organisation(db, owner=make_user(db))
    if region is None:
        region = organisation.region
    if kind == ActivityKind.NETWORK_MEETING and network is None:
        network = db.session.scalar(select(Network).where(Network.region_id == region.id).order_by(Network.id))
        if network is None:
            network = Network(region_id=region.id, name='Netwerk')
            db.session.add(network)
            db.session.flush()
    if audience is None:
        audience = (Audience.NETWORK if kind == ActivityKind.NETWORK_MEETING
                    else Audience.JOB_SEEKERS if kind in EMPLOYER_KINDS and organisation is not None
                    else Audience.SIGNED_IN)
    activity = Activity(
        region_id=region.id, organisation=organisation, network=network, created_by=created_by, kind=kind,
        title=fields.pop('title', 'Meeloopdag in de bakkerij'),
        description=fields.pop('description', 'Een dag meelopen met onze bakkers.'),
        location=fields.pop('location', 'Industrieweg 1, Hardenberg'), online_url=fields.pop('online_url', None),
        audience=Audience(audience), requires_approval=requires_approval, state=PostingState(state), **fields)
    db.session.add(activity)
    db.session.flush()
    for slot_fields in ([{}] if slots is None else slots):
        make_slot(db, activity, **slot_fields)
    if activity.state == PostingState.PUBLISHED:
        activity.published_snapshot = activity.snapshot()
        activity.published_at = utcnow()
    elif activity.state == PostingState.CANCELLED:
        activity.cancelled_at = utcnow()
        activity.cancel_reason = fields.get('cancel_reason') or 'Afgelast'
    db.session.flush()
    db.session.refresh(activity)
    return activity


def add_activities_consent(db, candidate) -> CandidateConsent:
    consent = CandidateConsent(scope=ConsentScope.ACTIVITIES, given_on=today(), recorded_at=utcnow())
    candidate.consents.append(consent)
    db.session.flush()
    return consent


def make_activity_candidate(db, *, region, accountmanager=None, **fields):
    """An active job seeker of `region` who consented to proposals and to activities."""
    candidate = make_candidate(db, region=region, accountmanager=accountmanager, **fields)
    add_activities_consent(db, candidate)
    return candidate


def make_registration(db, slot: ActivitySlot, *, user=None, candidate=None, state: str = 'confirmed',
                      registered_by=None) -> Registration:
    """A registration in `state`, written directly; a seated one takes a seat (confirmed_count + 1)."""
    state = RegistrationState(state)
    registration = Registration(slot=slot, user=user, candidate=candidate, state=state,
                                registered_by=registered_by or user,
                                confirmed_at=utcnow() if state in SEATED_STATES else None,
                                waitlisted_at=utcnow() if state == RegistrationState.WAITLISTED else None,
                                cancelled_at=utcnow() if state == RegistrationState.CANCELLED else None)
    if state in SEATED_STATES:
        slot.confirmed_count += 1
    if state in {RegistrationState.ATTENDED, RegistrationState.NO_SHOW}:
        registration.attendance_marked_at = utcnow()
    db.session.add(registration)
    db.session.flush()
    return registration


def make_network_membership(db, organisation, network: Network) -> NetworkMembership:
    membership = NetworkMembership(network=network, organisation=organisation)
    db.session.add(membership)
    db.session.flush()
    return membership


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


# Fixtures: Vechtdal with a host employer, staff, another employer and a job seeker; Drechtsteden beside it.

@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal', municipalities=2)


@pytest.fixture
def other_region(db):
    return make_region(db, name='Drechtsteden')


@pytest.fixture
def host(db):
    """The owner of the host organisation (English, so tests can read refusals and mail)."""
    return make_user(db, email='hanna@bakkerij.nl', name='Hanna Host', locale='en')


@pytest.fixture
def host_organisation(db, region, host):
    organisation = make_organisation(db, region=region, owner=host, name='Bakkerij Bol B.V.')
    db.session.refresh(host)
    return organisation


@pytest.fixture
def staff(db, region):
    return make_staff(db, region=region, email='anna@vechtdal.nl', name='Anna Accountmanager', locale='en')


@pytest.fixture
def coordinator(db, region):
    return make_staff(db, region=region, kind='coordinator', email='cor@vechtdal.nl', name='Cor Coordinator',
                      locale='en')


@pytest.fixture
def other_staff(db, other_region):
    return make_staff(db, region=other_region, email='dirk@drechtsteden.nl', name='Dirk Drecht', locale='en')


@pytest.fixture
def employer(db, region):
    """A verified employer of another organisation in Vechtdal."""
    user = make_user(db, email='evert@garage.nl', name='Evert Employer', locale='en')
    make_organisation(db, region=region, owner=user, name='Garage Gerritsen')
    db.session.refresh(user)
    return user


@pytest.fixture
def other_employer(db, other_region):
    user = make_user(db, email='otto@drecht.nl', name='Otto Other', locale='en')
    make_organisation(db, region=other_region, owner=user, name='Drechtse Dakdekkers')
    db.session.refresh(user)
    return user


@pytest.fixture
def candidate(db, region, staff):
    return make_activity_candidate(db, region=region, accountmanager=staff, first_name='Karin')


@pytest.fixture
def activity(db, host_organisation, host):
    """A published meeloopdag of the host for job seekers, one slot a week ahead with 10 seats."""
    return make_activity(db, organisation=host_organisation, created_by=host)


@pytest.fixture
def slot(activity):
    return activity.slots[0]


@pytest.fixture
def event(db, region, coordinator):
    """A published workshop of the region's staff for everyone signed in, one slot with 2 seats."""
    return make_activity(db, kind='workshop', region=region, created_by=coordinator, title='Workshop inclusief werven',
                         slots=[{'seats': 2}])
