"""`flask seed-demo` makes the Vechtdalkamer a network of business, education and government, chaired by a demo
entrepreneur, with a directory, this year's pledges (some of it done) and a request to join; and the buddy project
with offers of demo employers and pairings in every state. That running it twice equals once is counted in
test_seed_activities.py, which seeds the same data."""

from collections import Counter
from datetime import timedelta

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import select

from portal.blueprints.buddies.queries import next_steps
from portal.blueprints.network.queries_members import directory, pledge_rows
from portal.core.dbtypes import today, utcnow
from portal.data import demo_activities as data
from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.buddies import OPEN_PAIRING_STATES, BuddyOffer, BuddyPairing, NextStep, PairingState
from portal.models.caseload import CandidateStatus, ConsentScope
from portal.models.network import Network, NetworkMemberStatus
from portal.models.organisations import OrganisationKind
from portal.models.outbox import OutboxMessage
from portal.models.tenancy import Region
from tests.core.conftest import app_on_database, empty_database


@pytest.fixture(scope='module')
def seeded(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    with empty_database(tmp_path_factory.mktemp('network'), 'network') as url, \
            app_on_database(url, monkeypatch) as app:
        with app.app_context():
            flask_migrate.upgrade()
            result = app.test_cli_runner().invoke(args=['seed-demo'])
        assert result.exit_code == 0, result.output
        yield app
    monkeypatch.undo()


@pytest.fixture
def ctx(seeded: Flask):
    with seeded.app_context():
        yield
        db.session.rollback()


def vechtdalkamer() -> Network:
    return db.session.scalar(select(Network).where(Network.name == 'Vechtdalkamer'))


def pairings(state: PairingState | None = None) -> list[BuddyPairing]:
    query = select(BuddyPairing).order_by(BuddyPairing.id)
    if state is not None:
        query = query.where(BuddyPairing.state == state)
    return list(db.session.scalars(query))


# The network -----------------------------------------------------------------------------------------

def test_the_vechtdalkamer_is_chaired_by_an_entrepreneur_with_members_from_business_education_and_government(ctx):
    network = vechtdalkamer()
    chair = network.chair_organisation
    assert chair.kind == OrganisationKind.EMPLOYER
    assert chair.is_verified
    assert chair.owner.email.endswith('@demo.kansenkamer.nl')
    members = network.active_members
    assert {m.organisation.kind for m in members} >= {OrganisationKind.EMPLOYER, OrganisationKind.EDUCATION,
                                                      OrganisationKind.GOVERNMENT}
    assert len(members) >= 8
    vechtdal = Region.by_slug('vechtdal')
    for membership in members:
        assert membership.organisation.is_verified
        assert membership.organisation.region_id == vechtdal.id
    added = {int(e.details['organisation_id']) for e in db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == 'network.add_member', AuditEvent.object_id == str(network.id)))}
    assert {m.organisation_id for m in members if m.organisation.kind != OrganisationKind.EMPLOYER} <= added


def test_some_members_are_in_the_directory_with_a_note(ctx):
    listed = directory(vechtdalkamer())
    assert len(listed) == len(data.DIRECTORY)
    assert sum(bool(m.directory_note) for m in listed) >= 4
    assert any(m.directory_note is None for m in listed)
    assert len(listed) < len(vechtdalkamer().active_members)  # not everyone chose to be listed


def test_one_organisation_waits_for_an_answer_to_its_request_to_join(ctx):
    network = vechtdalkamer()
    [request] = network.pending_requests
    assert request.status == NetworkMemberStatus.PENDING
    assert request.request_note
    assert request.requested_by_id == request.organisation.owner.id
    assert request.decided_at is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == 'network.join_requested'))
    assert event.details['organisation_id'] == request.organisation_id
    assert utcnow() - timedelta(days=7) < event.occurred_at < utcnow() - timedelta(days=1)


def test_most_members_pledged_for_this_year_and_some_of_it_is_done(ctx):
    network, year = vechtdalkamer(), today().year
    rows = pledge_rows(network, year)
    pledged = [row for row in rows if row.pledge is not None]
    assert len(pledged) > len(rows) / 2
    assert any(row.pledge.job_shadowing_days == 4 and row.pledge.workshops == 1 for row in pledged)
    done = [field for row in pledged for field, progress in row.progress.items() if progress.done]
    if today().timetuple().tm_yday > 60:  # early in January nothing of this year can be done yet
        assert {'job_shadowing_days', 'workshops', 'company_tours', 'practice_interviews', 'buddy_pairings'} \
            <= set(done)
        assert any(not progress.is_met for row in pledged for progress in row.progress.values() if progress.pledged)
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == 'network.pledge_set'))
    assert {e.details['year'] for e in audited} == {year}


# The buddy project -------------------------------------------------------------------------------------

def test_demo_employers_offer_to_be_a_buddy(ctx):
    offers = list(db.session.scalars(select(BuddyOffer)))
    assert len({o.organisation_id for o in offers}) >= 5
    assert {o.organisation.region.slug for o in offers} == \
        {'vechtdal', 'drechtsteden'}
    for offer in offers:
        assert offer.sectors
        assert offer.availability
        assert offer.agreed_no_job_guarantee
        assert offer.user.membership_of(offer.organisation) is not None
        assert offer.open_count() <= offer.capacity
    assert any(not o.is_active for o in offers)
    assert {email for email, *_ in data.BUDDY_OFFERS} == {o.user.email for o in offers}


def test_pairings_in_every_state_each_as_the_steps_left_it(ctx):
    now, day = utcnow(), today()
    assert {p.state for p in pairings()} == set(PairingState)
    for pairing in pairings():
        candidate = pairing.candidate
        assert candidate.region_id == pairing.region_id == pairing.offer.region_id
        assert candidate.status == CandidateStatus.ACTIVE
        assert candidate.has_consent(ConsentScope.ACTIVITIES)
        assert pairing.paired_by.staff_region_id == pairing.region_id
        assert pairing.meeting_at
        assert pairing.meeting_place
        assert pairing.ends_on > pairing.created_at.date()
        assert pairing.created_at < now - timedelta(days=1)
    for pairing in pairings(PairingState.PLANNED):
        assert pairing.meeting_at > now
        assert pairing.met_on is None
    for pairing in pairings(PairingState.MET) + pairings(PairingState.CLOSED):
        assert pairing.met_on is not None
        assert pairing.met_on <= day
    closed = pairings(PairingState.CLOSED)
    assert closed
    assert all(p.has_feedback and p.next_step and p.closed_at > p.feedback_at for p in closed)
    assert any(p.has_feedback and p.next_step not in (None, NextStep.NONE) for p in pairings(PairingState.MET))
    assert any(not p.has_feedback for p in pairings(PairingState.MET))  # the buddy still has to write it
    stopped = pairings(PairingState.STOPPED)
    assert stopped
    assert all(p.stop_reason and p.closed_at and p.met_on is None for p in stopped)
    assert len({(p.offer_id, p.candidate_id) for p in pairings() if p.state in OPEN_PAIRING_STATES}) == \
        sum(p.state in OPEN_PAIRING_STATES for p in pairings())


def test_one_job_seeker_consented_to_show_the_buddy_who_they_are(ctx):
    [shared] = [p for p in pairings() if p.has_identity]
    assert shared.is_open
    assert shared.identity_consent_on <= today()
    assert shared.shared_name.startswith(f'{shared.candidate.first_name} ')
    assert shared.shared_email.endswith('@kandidaat.demo.kansenkamer.nl')
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == 'buddy.identity_disclosed',
                                                      AuditEvent.object_id == str(shared.id)))
    assert all(p.shared_name is None and p.shared_email is None for p in pairings() if not p.has_identity)


def test_every_step_is_audited_and_the_region_sees_a_next_step_taken(ctx):
    actions = Counter(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like('buddy.%'))))
    states = Counter(p.state for p in pairings())
    assert actions['buddy.paired'] == len(pairings())
    assert actions['buddy.met'] == states[PairingState.MET] + states[PairingState.CLOSED]
    assert actions['buddy.closed'] == states[PairingState.CLOSED]
    assert actions['buddy.stopped'] == states[PairingState.STOPPED]
    assert actions['buddy.feedback_given'] == sum(p.has_feedback for p in pairings())
    assert actions['buddy.offer_created'] == len(data.BUDDY_OFFERS)
    vechtdal = Region.by_slug('vechtdal').id
    taken = {row.step: row.taken for row in next_steps(vechtdal)}
    assert taken[NextStep.JOB_SHADOWING] >= 1
    assert db.session.query(OutboxMessage).count() == 0


def test_the_demo_buddy_werkgever_has_a_pairing_to_prepare(ctx):
    werkgever = User.by_email('werkgever@demo.kansenkamer.nl')
    own = [p for p in pairings() if p.offer.user_id == werkgever.id]
    assert [p.state for p in own] == [PairingState.PLANNED]
