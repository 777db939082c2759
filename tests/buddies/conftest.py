"""Builders and fixtures for the buddy tests: Vechtdal with a buddy, staff and a job seeker; Drechtsteden beside it.

The job seeker has distinctive staff-only values (first name, reference) so tests can assert that
a buddy's page never shows them.
"""

from datetime import date, timedelta

import pytest
from flask_babel import refresh
from sqlalchemy import select

from portal.blueprints.organisations.operations import leave_organisation
from portal.core.dbtypes import today, utcnow
from portal.models.activities import Activity, ActivityKind, ActivitySlot, Audience, Registration, RegistrationState
from portal.models.audit import AuditEvent
from portal.models.buddies import BuddyOffer, BuddyPairing, NextStep, PairingState
from portal.models.caseload import CandidateConsent, ConsentScope
from portal.models.moderation import PostingState
from tests.factories import add_member, make_candidate, make_organisation, make_region, make_staff, make_user

FIRST_NAME = 'Zephyrina'
REFERENCE = 'REF-QX-4471'


def add_activities_consent(db, candidate) -> CandidateConsent:
    consent = CandidateConsent(scope=ConsentScope.ACTIVITIES, given_on=today(), recorded_at=utcnow())
    candidate.consents.append(consent)
    db.session.flush()
    return consent


def make_job_seeker(db, *, region, accountmanager=None, activities: bool = True, **fields):
    """An active job seeker of `region`, consenting to activities unless told otherwise."""
    candidate = make_candidate(db, region=region, accountmanager=accountmanager, **fields)
    if activities:
        add_activities_consent(db, candidate)
    return candidate


def make_offer(db, *, user=None, organisation=None, region=None, capacity: int = 2, active: bool = True,
               sectors=('C', 'G')) -> BuddyOffer:
    if organisation is None:
        user = user or make_user(db, locale='en')
        organisation = make_organisation(db, region=region, owner=user)
    offer = BuddyOffer(region_id=organisation.region_id, organisation=organisation, user=user, capacity=capacity,
                       sectors=list(sectors), availability='Dinsdagmiddag', agreed_no_job_guarantee=True,
                       is_active=active)
    db.session.add(offer)
    db.session.flush()
    return offer


def make_colleague_offer(db, organisation, **fields) -> BuddyOffer:
    """The offer of a colleague (a member, not the owner) of `organisation`: someone who can leave it."""
    colleague = add_member(db, organisation, make_user(db, locale='en')).user
    return make_offer(db, user=colleague, organisation=organisation, **fields)


def leave(db, user, organisation) -> None:
    """The person stops working for the organisation, as the organisation's own operation does it."""
    leave_organisation(user, organisation)
    db.session.flush()


def make_pairing(db, offer: BuddyOffer, candidate, *, state: str = 'planned', paired_by=None,
                 ends_on: date | None = None, met_on: date | None = None, next_step: str | None = None,
                 feedback_at=None, **fields) -> BuddyPairing:
    """A pairing written directly (the operations have their own tests); 'met' and later get a meeting day,
    'closed' also the feedback."""
    state = PairingState(state)
    pairing = BuddyPairing(region_id=offer.region_id, offer=offer, candidate=candidate, paired_by=paired_by,
                           state=state, meeting_at=utcnow() + timedelta(days=7), meeting_place='Het gemeentehuis',
                           ends_on=ends_on or today() + timedelta(days=60), **fields)
    if state != PairingState.PLANNED and state != PairingState.STOPPED:
        pairing.met_on = met_on or today()
    if next_step is not None or state == PairingState.CLOSED:
        pairing.strengths, pairing.to_work_on = 'Op tijd en nieuwsgierig', 'Sollicitatiebrief'
        pairing.next_step = NextStep(next_step or 'job_shadowing')
        pairing.feedback_at = feedback_at or utcnow()
    if state in {PairingState.CLOSED, PairingState.STOPPED}:
        pairing.closed_at = utcnow()
    if state == PairingState.STOPPED:
        pairing.stop_reason = 'Verhuisd'
    db.session.add(pairing)
    db.session.flush()
    return pairing


def make_registration_for(db, candidate, *, kind: str, region, state: str = 'confirmed',
                          created_at=None) -> Registration:
    """The job seeker registered for a published activity of `kind` in `region` (written directly)."""
    start = utcnow() + timedelta(days=10)
    activity = Activity(region_id=region.id, kind=ActivityKind(kind), title='Activiteit', description='Beschrijving',
                        location='Hardenberg', audience=Audience.JOB_SEEKERS, state=PostingState.PUBLISHED)
    slot = ActivitySlot(activity=activity, starts_at=start, ends_at=start + timedelta(hours=2), seats=5,
                        registration_closes_at=start)
    registration = Registration(slot=slot, candidate=candidate, state=RegistrationState(state),
                                created_at=created_at or utcnow())
    db.session.add_all([activity, slot, registration])
    db.session.flush()
    return registration


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


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def other_region(db):
    return make_region(db, name='Drechtsteden')


@pytest.fixture
def buddy(db):
    """An English-speaking employer, so tests read refusals and mail in English."""
    return make_user(db, email='bert@bakkerij.nl', name='Bert Buddy', locale='en')


@pytest.fixture
def organisation(db, region, buddy):
    organisation = make_organisation(db, region=region, owner=buddy, name='Bakkerij Bol B.V.')
    db.session.refresh(buddy)
    return organisation


@pytest.fixture
def staff(db, region):
    return make_staff(db, region=region, email='anna@vechtdal.nl', name='Anna Accountmanager', locale='en')


@pytest.fixture
def other_staff(db, other_region):
    return make_staff(db, region=other_region, email='dirk@drechtsteden.nl', locale='en')


@pytest.fixture
def candidate(db, region, staff):
    return make_job_seeker(db, region=region, accountmanager=staff, first_name=FIRST_NAME, reference=REFERENCE)


@pytest.fixture
def offer(db, buddy, organisation):
    return make_offer(db, user=buddy, organisation=organisation, capacity=2)
