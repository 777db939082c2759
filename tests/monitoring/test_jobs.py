"""The daily privacy job: who is anonymised when, what is cleared, what stays, and old import files."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.monitoring import operations
from portal.blueprints.monitoring.figures import figures
from portal.blueprints.monitoring.jobs import caseload_anonymise_job
from portal.blueprints.monitoring.outcomes import Period, load_facts
from portal.core.dbtypes import utcnow
from portal.core.jobs import JOBS, run_due_jobs
from portal.core.operations import OperationRefused
from portal.models.caseload import (
    CandidateConsent,
    CandidateImport,
    CandidateSkill,
    CandidateStatus,
    ConsentScope,
    ImportState,
)
from portal.models.matching import ProposalEvent
from tests.factories import make_candidate
from tests.monitoring.conftest import days_ago, events, noon, walk

LONG_AGO = timedelta(days=91)  # the testing config keeps profiles 90 days (CANDIDATE_ANONYMISE_AFTER)


@pytest.fixture(autouse=True)
def ninety_days(app, monkeypatch):
    monkeypatch.setitem(app.config, 'CANDIDATE_ANONYMISE_AFTER', timedelta(days=90))


def left(db, region, *, ago: timedelta = LONG_AGO, **fields):
    candidate = make_candidate(db, region=region, notes='Wil graag in de zorg werken.', loonwaarde=60,
                               support_needs=['job_coach'], target_groups=['participatiewet'], **fields)
    candidate.status = CandidateStatus.LEFT
    candidate.left_at = utcnow() - ago
    db.session.flush()
    return candidate


def withdraw(db, candidate, *, ago: timedelta = LONG_AGO) -> None:
    for consent in candidate.consents:
        consent.withdrawn_at = utcnow() - ago
    db.session.flush()


def test_the_job_is_registered_to_run_daily():
    assert JOBS['caseload-anonymise'].every == timedelta(hours=24)


def test_a_job_seeker_who_left_long_ago_is_anonymised_in_place(db, region, need):
    candidate = left(db, region)
    ended = walk(db, need=need, candidate=candidate, path='hired', job_starts_on=days_ago(200), employed=(3,),
                 not_employed=(6,), ended=True, returned=True, note='Anna stopte na een ruzie.', sent_at=noon(230))
    declined = walk(db, need=need, candidate=candidate, path='declined', note='Te weinig ervaring volgens Piet.')

    summary = caseload_anonymise_job(utcnow())

    assert summary == '1 candidates anonymised, 0 import files cleared'
    db.session.expire_all()
    assert candidate.anonymised_at is not None
    assert (candidate.first_name, candidate.reference, candidate.notes, candidate.postcode_area,
            candidate.loonwaarde) == (None, None, None, None, None)
    assert candidate.skill_links == []
    assert candidate.experience == []
    assert candidate.languages == []
    assert candidate.consents == []
    assert db.session.scalars(select(CandidateSkill).where(CandidateSkill.candidate_id == candidate.id)).all() == []
    assert candidate.day_parts == []
    assert candidate.support_needs == []
    # what the figures count stays
    assert candidate.target_groups == ['participatiewet']
    assert candidate.status == CandidateStatus.LEFT
    assert candidate.municipality_id is not None
    for proposal in (ended, declined):
        assert (proposal.shared_name, proposal.shared_phone, proposal.shared_email) == (None, None, None)
        assert proposal.motivation == operations.ANONYMISED_MOTIVATION
        assert proposal.decline_text is None
        assert proposal.end_text is None
        assert proposal.card == {'code': candidate.code}
        assert all(event.note is None for event in proposal.events)
        assert all(follow_up.note is None for follow_up in proposal.follow_ups)
    assert ended.state == 'ended'
    assert ended.returned_to_benefits is True
    assert ended.job_starts_on == days_ago(200)
    assert [(f.month, f.still_employed) for f in ended.follow_ups] == [(3, True), (6, False), (12, None)]
    assert declined.decline_reason == 'skills'
    assert len(ended.events) == 6
    [event] = events(db, 'candidate.anonymised')
    assert event.actor_id is None
    assert event.actor_kind == 'system'
    assert event.object_id == str(candidate.id)
    assert event.details == {'reason': 'left', 'proposals': 2}


PARTS = [
    {'name': 'skills', 'points': 30.0, 'max': 40, 'facts': {'matched': [11, 12], 'missing_required': [13]}},
    {'name': 'language', 'points': 5.0, 'max': 5, 'facts': {'required': 3, 'has': 4}},
    {'name': 'hours', 'points': 10.0, 'max': 10, 'facts': {'can': 32, 'asked_min': 24, 'asked_max': 36}},
    {'name': 'distance', 'points': 8.5, 'max': 10, 'facts': {'km': 6.2, 'max_km': 15}},
]


def test_a_proposals_score_keeps_its_points_but_not_the_facts_that_describe_the_person(db, region, need):
    candidate = left(db, region)
    proposal = walk(db, need=need, candidate=candidate, path='declined')
    other = walk(db, need=need, path='declined')
    proposal.score_parts = other.score_parts = PARTS
    db.session.flush()

    caseload_anonymise_job(utcnow())
    db.session.expire_all()

    assert proposal.score_parts == [{'name': 'skills', 'points': 30.0, 'max': 40},
                                    {'name': 'language', 'points': 5.0, 'max': 5},
                                    {'name': 'hours', 'points': 10.0, 'max': 10},
                                    {'name': 'distance', 'points': 8.5, 'max': 10}]
    assert other.score_parts == PARTS  # someone else's proposal keeps its explanation


def test_the_outcome_figures_are_the_same_after_anonymising(db, region, need, places):
    gone = [left(db, region, municipality=places['Ommen']) for _ in range(6)]
    for candidate in gone:
        hired = walk(db, need=need, candidate=candidate, path='hired_after_trial', job_starts_on=days_ago(150),
                     employed=(3,), ended=True, returned=False, sent_at=noon(200), note='Goed gegaan met Kees.')
        hired.score_parts = PARTS
    for _ in range(5):
        walk(db, need=need, path='declined', decline_reason='hours', municipality=places['Dalfsen'])
    before_facts = load_facts(region.id, Period.all())
    before = figures(before_facts, 5, ['hours'])

    assert caseload_anonymise_job(utcnow()).startswith('6 candidates anonymised')
    db.session.expire_all()

    after_facts = load_facts(region.id, Period.all())
    assert sorted(after_facts, key=lambda f: f.proposal_id) == sorted(before_facts, key=lambda f: f.proposal_id)
    assert figures(after_facts, 5, ['hours']) == before
    assert before.steps['hired'].shown == 6


def test_not_before_the_period_has_passed(db, region):
    candidate = left(db, region, ago=timedelta(days=80))
    assert caseload_anonymise_job(utcnow()).startswith('0 candidates')
    assert candidate.anonymised_at is None
    assert candidate.first_name is not None


def test_not_while_a_proposal_is_open(db, region, need):
    candidate = left(db, region)
    hired = walk(db, need=need, candidate=candidate, path='hired')
    assert caseload_anonymise_job(utcnow()).startswith('0 candidates')
    with pytest.raises(OperationRefused):
        operations.anonymise_candidate(None, candidate, now=utcnow(), reason='left')
    assert candidate.first_name is not None

    hired.move_to('ended', actor=None)
    assert caseload_anonymise_job(utcnow()).startswith('1 candidates')


def test_withdrawn_consent_long_ago_and_none_left_in_force(db, region):
    active = make_candidate(db, region=region)
    withdraw(db, active)
    recently = make_candidate(db, region=region)
    withdraw(db, recently, ago=timedelta(days=10))
    still_activities = make_candidate(db, region=region)
    withdraw(db, still_activities)
    still_activities.consents.append(CandidateConsent(scope=ConsentScope.ACTIVITIES, given_on=days_ago(100),
                                                      recorded_at=utcnow()))
    given_again = make_candidate(db, region=region)
    withdraw(db, given_again)
    given_again.consents.append(CandidateConsent(scope=ConsentScope.PROPOSALS, given_on=days_ago(5),
                                                 recorded_at=utcnow()))
    never = make_candidate(db, region=region)
    db.session.flush()

    assert caseload_anonymise_job(utcnow()).startswith('1 candidates')

    assert active.anonymised_at is not None
    assert active.status == CandidateStatus.ACTIVE
    assert [e.details['reason'] for e in events(db, 'candidate.anonymised')] == ['consent_withdrawn']
    for kept in (recently, still_activities, given_again, never):
        assert kept.anonymised_at is None


def test_a_second_time_is_refused_and_the_job_skips_it(db, region):
    candidate = left(db, region)
    operations.anonymise_candidate(None, candidate, now=utcnow(), reason='left')
    with pytest.raises(OperationRefused):
        operations.anonymise_candidate(None, candidate, now=utcnow(), reason='left')
    assert caseload_anonymise_job(utcnow()).startswith('0 candidates')
    assert len(events(db, 'candidate.anonymised')) == 1


def test_event_notes_of_other_job_seekers_stay(db, region, need):
    walk(db, need=need, candidate=left(db, region), path='declined', note='weg')
    kept = walk(db, need=need, path='declined', note='Blijft staan.')
    caseload_anonymise_job(utcnow())
    notes = db.session.scalars(select(ProposalEvent.note).where(ProposalEvent.proposal_id == kept.id)).all()
    assert 'Blijft staan.' in notes


def test_upload_files_lose_their_content_after_a_day(db, region):
    def upload(hours_ago: int, state=ImportState.CHECKED):
        item = CandidateImport(region_id=region.id, filename='kandidaten.csv', content='voornaam;referentie\nAnna;1',
                               state=state, created_at=utcnow() - timedelta(hours=hours_ago))
        db.session.add(item)
        return item

    old, fresh, rejected = upload(25), upload(2), upload(30, ImportState.REJECTED)
    db.session.flush()

    assert caseload_anonymise_job(utcnow()) == '0 candidates anonymised, 2 import files cleared'
    db.session.expire_all()
    assert old.content is None
    assert rejected.content is None
    assert fresh.content is not None


def test_run_jobs_runs_it(db, region):
    candidate = left(db, region)
    [outcome] = run_due_jobs(only=['caseload-anonymise'])
    assert outcome.status == 'done'
    assert outcome.summary == '1 candidates anonymised, 0 import files cleared'
    assert candidate.anonymised_at is not None


def test_buddy_pairings_and_host_feedback_lose_the_persons_words(db, region):
    from portal.models.activities import ActivityFeedback, FeedbackForm, RegistrationState
    from portal.models.buddies import BuddyOffer, BuddyPairing, NextStep, PairingState
    from tests.activities.conftest import make_activity, make_registration
    from tests.factories import make_employer

    candidate = left(db, region)
    buddy = make_employer(db, municipality=region.municipalities[0])
    organisation = buddy.memberships[0].organisation
    offer = BuddyOffer(region_id=region.id, organisation=organisation, user=buddy, availability='Maandag',
                       agreed_no_job_guarantee=True)
    pairing = BuddyPairing(region_id=region.id, offer=offer, candidate=candidate, state=PairingState.CLOSED,
                           ends_on=days_ago(100), shared_name='Anna de Vries', shared_phone='0612345678',
                           shared_email='anna@example.nl', strengths='Anna is punctueel', to_work_on='Anna moet…',
                           next_step=NextStep.JOB_SHADOWING, next_step_note='Meeloopdag bij Piet')
    db.session.add_all([offer, pairing])
    activity = make_activity(db, organisation=organisation, kind='practice_interview')
    registration = make_registration(db, activity.slots[0], candidate=candidate, state='attended')
    registration.feedback = ActivityFeedback(form=FeedbackForm.PRACTICE_INTERVIEW,
                                             answers={'preparation': 4, 'would_invite': True,
                                                      'points_to_work_on': 'Anna kijkt weg'})
    db.session.flush()

    caseload_anonymise_job(utcnow())

    assert (pairing.shared_name, pairing.shared_phone, pairing.shared_email) == (None, None, None)
    assert (pairing.strengths, pairing.to_work_on, pairing.next_step_note) == (None, None, None)
    assert pairing.next_step == NextStep.JOB_SHADOWING
    assert pairing.state == PairingState.CLOSED
    assert registration.feedback.answers == {'preparation': 4, 'would_invite': True}
    assert registration.state == RegistrationState.ATTENDED
