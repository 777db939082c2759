"""Builders for the proposal tests: Vechtdal with an accountmanager, an employer with a published need, and a
job seeker whose staff-only facts are easy to spot if they ever leak onto an employer's page."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from flask_babel import refresh
from sqlalchemy import select

from portal.blueprints.proposals import operations
from portal.models.audit import AuditEvent
from portal.models.matching import Proposal
from tests.factories import (
    make_candidate,
    make_need,
    make_occupation,
    make_organisation,
    make_postcode_area,
    make_region,
    make_skill,
    make_staff,
    make_user,
)

#: staff-only facts of the job seeker; none may appear on an employer's page before the introduction
FIRST_NAME = 'Zerubbabel'
REFERENCE = 'GEM-4417-QX'
NOTES = 'Vertrouwelijke aantekening over de schuldhulp'
POSTCODE_AREA = '7773'
MOTIVATION = 'Sterke orderpicker met ervaring in de nachtploeg, betrouwbaar en leergierig.'


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
    region = make_region(db, name='Vechtdal', municipalities=2)
    make_postcode_area(db, '7771', 52.5127, 6.5763, region.municipalities[0])
    make_postcode_area(db, POSTCODE_AREA, 52.5200, 6.6200, region.municipalities[0])
    return region


@pytest.fixture
def other_region(db):
    return make_region(db, name='Drechtsteden')


@pytest.fixture
def accountmanager(db, region):
    return make_staff(db, region=region, email='anna@gemeente.nl', name='Anna Accountmanager', locale='en')


@pytest.fixture
def owner(db):
    return make_user(db, email='olga@bakkerij.nl', name='Olga Eigenaar', locale='en')


@pytest.fixture
def organisation(db, region, owner):
    organisation = make_organisation(db, region=region, owner=owner, name='Bakkerij Bol B.V.')
    db.session.refresh(owner)
    return organisation


@pytest.fixture
def skills(db):
    return [make_skill(db, label_nl=f'Vaardigheid {name}', label_en=f'Skill {name}') for name in 'ABC']


@pytest.fixture
def need(db, organisation, owner, skills):
    occupation = make_occupation(db, isco_code='9333', label_nl='Orderpicker', label_en='Order picker')
    return make_need(db, organisation=organisation, occupation=occupation, created_by=owner, state='published',
                     title='Orderpicker avond', skills=skills[:2], wished_skills=skills[2:], postcode='7771 AB',
                     open_to_wage_subsidy=True, open_to_trial_placement=True)


@pytest.fixture
def candidate(db, region, accountmanager, skills):
    return make_candidate(db, region=region, skills=skills[:2], first_name=FIRST_NAME, reference=REFERENCE,
                          notes=NOTES, postcode_area=POSTCODE_AREA, loonwaarde=50, accountmanager=accountmanager,
                          hours_min=24, hours_max=32)


@pytest.fixture
def draft(db, accountmanager, need, candidate, request_context):
    return operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)


@pytest.fixture
def sent(db, accountmanager, draft, outbox):
    operations.send_proposal(accountmanager, draft)
    outbox.clear()
    return draft


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def sent_before(proposal: Proposal, day: date) -> Proposal:
    """Date the sending back to the morning of the day before `day` (steps after it cannot come before it)."""
    sent_at = datetime.combine(day - timedelta(days=1), time(9), tzinfo=UTC)
    if proposal.sent_at is not None and proposal.sent_at > sent_at:
        proposal.sent_at = sent_at
    return proposal


def walk_to(proposal: Proposal, state: str, actor, employer, *, on: date = date(2026, 2, 2)) -> Proposal:
    """Take the proposal through the real steps from 'sent' to `state`, each on the day `on` (which needs it sent
    before: the sending is dated back when it was not). Request context and outbox needed."""
    sent_before(proposal, on)
    path = ['interested', 'introduced', 'intake', 'trial', 'hired']
    for step in path[:path.index(state) + 1]:
        if step == 'interested':
            operations.respond_to_proposal(employer, proposal, interested=True)
        elif step == 'introduced':
            operations.introduce_candidate(actor, proposal, consent_on=on, has_consent=True, name='Zerubbabel Jansen',
                                           phone='06 12345678', email='z.jansen@example.nl')
        elif step == 'intake':
            operations.record_intake(actor, proposal, intake_on=on)
        elif step == 'trial':
            operations.start_trial(actor, proposal, starts_on=on, ends_on=on + timedelta(days=60))
        elif step == 'hired':
            operations.record_hire(actor, proposal, contract_type='fixed_term', hours_per_week=32, starts_on=on,
                                   instruments=['wage_subsidy', 'job_coach'])
    return proposal
