"""A region with three municipalities, and proposals walked through their real steps (events included)."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.core.dbtypes import TIMEZONE, add_months, today, utcnow
from portal.models.audit import AuditEvent
from portal.models.matching import FollowUp, ProposalState
from tests.factories import make_candidate, make_municipality, make_need, make_organisation, make_proposal, make_region

S = ProposalState
PATHS = {
    'sent': (),
    'interested': (S.INTERESTED,),
    'introduced': (S.INTERESTED, S.INTRODUCED),
    'intake': (S.INTERESTED, S.INTRODUCED, S.INTAKE),
    'trial': (S.INTERESTED, S.INTRODUCED, S.INTAKE, S.TRIAL),
    'hired': (S.INTERESTED, S.INTRODUCED, S.INTAKE, S.HIRED),
    'hired_after_trial': (S.INTERESTED, S.INTRODUCED, S.INTAKE, S.TRIAL, S.HIRED),
    'declined': (S.DECLINED,),
}


@pytest.fixture
def region(db):
    region = make_region(db, name='Vechtdal', municipalities=0)
    for name in ('Hardenberg', 'Ommen', 'Dalfsen'):
        make_municipality(db, region=region, name=name)
    db.session.refresh(region)
    return region


@pytest.fixture
def places(region):
    return {m.name: m for m in region.municipalities}


@pytest.fixture
def need(db, places):
    organisation = make_organisation(db, municipality=places['Hardenberg'], sbi_section='H')
    return make_need(db, organisation=organisation, state='published')


def walk(db, *, need, candidate=None, path: str = 'sent', sent_at: datetime | None = None,
         job_starts_on: date | None = None, employed=(), not_employed=(), ended: bool = False,
         returned: bool | None = None, decline_reason: str | None = None, accountmanager=None, note: str | None = None,
         **candidate_fields):
    """A proposal sent at `sent_at` (default now) that took the steps of `path`, each recorded as an event.

    A hire gets its follow-ups at 3, 6 and 12 months; `employed` / `not_employed` record their answers.
    `ended` ends it afterwards (from introduced on), with `returned` to benefits or not.
    """
    if candidate is None:
        candidate = make_candidate(db, region=need.organisation.region, **candidate_fields)
    proposal = make_proposal(db, need=need, candidate=candidate, accountmanager=accountmanager)
    proposal.move_to(S.SENT, actor=None, note=note)
    proposal.sent_at = sent_at or utcnow()
    proposal.card = {'code': candidate.code, 'skills': ['lassen'], 'hours': '24–36'}
    for state in PATHS[path]:
        proposal.move_to(state, actor=None, note=note)
        if state == S.DECLINED:
            proposal.decline_reason = decline_reason or 'skills'
            proposal.decline_text = note
        if state == S.INTRODUCED:
            proposal.identity_consent_on = today()
            proposal.shared_name, proposal.shared_phone, proposal.shared_email = 'Anna', '0612345678', 'a@example.nl'
        if state == S.HIRED:
            start = job_starts_on or today()
            proposal.job_starts_on = start
            for month in (3, 6, 12):
                answer = True if month in employed else False if month in not_employed else None
                proposal.follow_ups.append(FollowUp(
                    month=month, due_on=add_months(start, month), still_employed=answer, note=note,
                    recorded_at=utcnow() if answer is not None else None))
    if ended:
        proposal.move_to(S.ENDED, actor=None, note=note)
        proposal.ended_at = utcnow()
        proposal.end_reason = 'dismissed'
        proposal.end_text = note
        proposal.returned_to_benefits = returned
    db.session.flush()
    return proposal


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def noon(days: int) -> datetime:
    """Noon in the Netherlands `days` days ago: a moment whose Dutch date is certain whatever the clock says now."""
    return datetime.combine(days_ago(days), time(12), tzinfo=TIMEZONE)


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
