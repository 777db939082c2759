"""`flask seed-demo` fills two regions with demand: organisations, networks, needs and plans in every state,
with reviews and an audit trail that match those states; running it again changes nothing."""

from collections import Counter

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.core.dbtypes import utcnow
from portal.core.demo_demand import REVIEWERS
from portal.data import demo_postings
from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.demand import InnovationPlan, PlanVisibility, StaffingNeed
from portal.models.moderation import PostingState, Review, ReviewState
from portal.models.network import Network, NetworkMembership, network_region_ids
from portal.models.organisations import Organisation
from portal.models.outbox import OutboxMessage
from portal.models.tenancy import Region
from tests.core.conftest import app_on_database, empty_database

MODELS = (Organisation, User, Network, NetworkMembership, StaffingNeed, InnovationPlan, Review, AuditEvent)
NEED_STATES = set(PostingState) - {PostingState.CANCELLED}  # only activities are cancelled
PLAN_STATES = NEED_STATES - {PostingState.FILLED, PostingState.EXPIRED}  # only needs fill up or expire


def seed(app: Flask):
    with app.app_context():
        return app.test_cli_runner().invoke(args=['seed-demo'])


def counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in MODELS}


@pytest.fixture(scope='module')
def seeded_twice(tmp_path_factory):
    """One seeded database of the run's kind for the module (seeding takes seconds): what each run said
    and the counts after each."""
    monkeypatch = pytest.MonkeyPatch()
    with empty_database(tmp_path_factory.mktemp('demand'), 'demand') as url, \
            app_on_database(url, monkeypatch) as app:
        with app.app_context():
            flask_migrate.upgrade()
        first = seed(app)
        with app.app_context():
            after_first = counts()
        second = seed(app)
        with app.app_context():
            after_second = counts()
        yield app, first, second, after_first, after_second
    monkeypatch.undo()


def test_seed_demo_reports_what_it_made_and_then_nothing(seeded_twice):
    _, first, second, _, _ = seeded_twice
    assert first.exit_code == 0, first.output
    assert 'demand: 0 occupations and 0 skills added to the list; 11 organisations, 2 networks with 9 members, ' \
           f'{len(demo_postings.NEEDS)} staffing needs and {len(demo_postings.PLANS)} innovation plans created' \
           in first.output  # the migration brought the list already
    assert second.exit_code == 0, second.output
    assert 'demand: 0 occupations and 0 skills added to the list; 0 organisations, 0 networks with 0 members, ' \
           '0 staffing needs and 0 innovation plans created' in second.output


def test_running_it_twice_changes_nothing(seeded_twice):
    _, _, _, after_first, after_second = seeded_twice
    assert after_first == after_second
    assert after_first['StaffingNeed'] >= 60
    assert after_first['InnovationPlan'] >= 15


def test_every_state_has_postings_in_both_regions(seeded_twice):
    app = seeded_twice[0]
    with app.app_context():
        needs = Counter(db.session.scalars(select(StaffingNeed.state)))
        plans = Counter(db.session.scalars(select(InnovationPlan.state)))
        assert set(needs) == NEED_STATES
        assert all(needs.values())
        assert set(plans) == PLAN_STATES
        for slug in ('vechtdal', 'drechtsteden'):
            region = Region.by_slug(slug)
            in_region = Counter(db.session.scalars(
                select(StaffingNeed.state).where(StaffingNeed.region_id == region.id)))
            assert in_region[PostingState.PUBLISHED] >= 5
            assert in_region[PostingState.PENDING] >= 3
        revisions = db.session.scalar(select(func.count(Review.id)).where(Review.is_revision.is_(True),
                                                                          Review.state == ReviewState.PENDING))
        assert revisions >= 3  # published postings with a changed version waiting
        horizons = set(db.session.scalars(select(StaffingNeed.horizon)))
        assert len(horizons) == 5
        assert db.session.scalar(select(func.count(InnovationPlan.id)).where(
            InnovationPlan.state == PostingState.PUBLISHED, InnovationPlan.visibility == PlanVisibility.NETWORK)) >= 5


def test_reviews_and_states_agree(seeded_twice):
    app = seeded_twice[0]
    today = utcnow().date()
    with app.app_context():
        for posting in [*db.session.scalars(select(StaffingNeed)), *db.session.scalars(select(InnovationPlan))]:
            reviews = list(db.session.scalars(select(Review).where(Review.posting_kind == posting.KIND,
                                                                   Review.posting_id == posting.id)))
            pending = [r for r in reviews if r.state == ReviewState.PENDING]
            assert len(pending) <= 1
            if posting.state == PostingState.DRAFT:
                assert reviews == []
            if posting.state == PostingState.PENDING:
                assert len(pending) == 1
                assert not pending[0].is_revision
            if posting.state in (PostingState.CHANGES_REQUESTED, PostingState.REJECTED):
                decision = posting.last_decision
                assert decision.state.value == posting.state.value
                assert decision.reason
                assert decision.decided_by.email in REVIEWERS.values()
            if posting.state in (PostingState.PUBLISHED, PostingState.FILLED, PostingState.EXPIRED):
                assert posting.published_snapshot is not None
                assert posting.published_at is not None
                assert posting.last_decision.state == ReviewState.APPROVED
            if pending and pending[0].is_revision:
                assert posting.state == PostingState.PUBLISHED
                assert pending[0].snapshot != posting.published_snapshot  # what others see stays the approved one
            if posting.state == PostingState.EXPIRED:
                assert posting.ends_on < today
            elif isinstance(posting, StaffingNeed) and posting.state == PostingState.PUBLISHED:
                assert posting.ends_on > today  # the expiry job would otherwise end it at once


def test_the_audit_trail_tells_the_same_story_and_no_mail_was_queued(seeded_twice):
    app = seeded_twice[0]
    with app.app_context():
        actions = Counter(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like('need.%'))))
        assert actions['need.create'] == len(demo_postings.NEEDS)
        assert actions['need.approve'] > 0
        assert actions['need.request_changes'] > 0
        assert actions['need.reject'] > 0
        assert actions['need.fill'] > 0
        assert actions['need.expire'] > 0
        assert actions['need.withdraw'] > 0
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_the_networks_hold_the_demo_employers_who_then_see_their_region(seeded_twice):
    app = seeded_twice[0]
    with app.app_context():
        vechtdal = db.session.scalar(select(Network).where(Network.name == 'Vechtdalkamer'))
        drechtsteden = db.session.scalar(select(Network).where(Network.name == 'Drechtsteden Werkt'))
        assert vechtdal.region.slug == 'vechtdal'
        assert drechtsteden.region.slug == 'drechtsteden'
        assert vechtdal.chair_organisation.name == 'Vechtdal Vleeswaren (demo)'
        assert drechtsteden.chair_organisation.name == 'Drechtse Distributie (demo)'
        for email in ('werkgever@demo.kansenkamer.nl', 'werkgever2@demo.kansenkamer.nl'):
            assert network_region_ids(User.by_email(email)) == {vechtdal.region_id}
        assert len(drechtsteden.members) >= 3
        owner = User.by_email('werkgever10@drechtsteden.demo.kansenkamer.nl')
        assert owner.current_organisation.name == 'Drechtse Distributie (demo)'
        assert owner.is_email_verified
