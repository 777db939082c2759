"""The buttons on a profile: each posts with a CSRF token, changes one thing, says so and returns to the profile."""

from datetime import timedelta

import pytest

from portal.core.dbtypes import today
from portal.models.caseload import CandidateStatus, ConsentScope
from portal.models.matching import ProposalState
from tests.caseload.conftest import events
from tests.factories import make_candidate, make_need, make_organisation, make_proposal


@pytest.fixture
def candidate(db, region, staff):
    candidate = make_candidate(db, region=region, accountmanager=staff)
    db.session.commit()  # a refused action rolls back: keep the test's own rows
    return candidate


@pytest.fixture
def url(candidate):
    return lambda action: f'/medewerkers/kandidaten/{candidate.id}/{action}'


@pytest.fixture
def signed_in(login, staff):
    return login(staff)


def follow(client, response) -> str:
    assert response.status_code == 302
    return client.get(response.location).get_data(as_text=True)


def test_confirm_availability(db, client, post, signed_in, candidate, url):
    candidate.availability_confirmed_on = today() - timedelta(weeks=10)
    db.session.commit()
    response = post(url('beschikbaarheid'))
    assert response.location == f'/medewerkers/kandidaten/{candidate.id}'
    assert 'Availability confirmed today.' in follow(client, response)
    assert candidate.availability_confirmed_on == today()
    assert len(events(db, 'candidate.availability_confirmed')) == 1


def test_a_button_without_its_csrf_token_changes_nothing(db, client, signed_in, candidate, url):
    candidate.availability_confirmed_on = today() - timedelta(weeks=10)
    db.session.commit()
    assert client.post(url('beschikbaarheid')).status_code == 400
    assert client.post(url('pauzeren')).status_code == 400
    assert candidate.availability_confirmed_on == today() - timedelta(weeks=10)
    assert candidate.status == CandidateStatus.ACTIVE


def test_record_consent_for_activities(db, client, post, signed_in, candidate, url):
    given_on = today() - timedelta(days=2)
    page = follow(client, post(url('toestemming'), {'scope': 'activities', 'given_on': given_on.isoformat()}))
    assert 'The consent is recorded.' in page
    consent = candidate.active_consent(ConsentScope.ACTIVITIES)
    assert consent.given_on == given_on
    assert consent.recorded_by_id == signed_in.id


@pytest.mark.parametrize(('data', 'message'), [
    ({'scope': 'activities', 'given_on': (today() + timedelta(days=1)).isoformat()},
     'The date consent was given cannot be in the future.'),
    ({'given_on': today().isoformat()}, 'Choose what the consent is for.'),
    ({'scope': 'proposals', 'given_on': today().isoformat()}, 'This consent is already recorded.'),
])
def test_consent_is_refused_with_a_reason(db, client, post, signed_in, candidate, url, data, message):
    page = follow(client, post(url('toestemming'), data))
    assert message in page
    assert len(candidate.consents) == 1
    assert events(db, 'candidate.consent_recorded') == []


def test_withdraw_consent_to_be_proposed_withdraws_the_open_proposals(db, client, post, signed_in, candidate, url,
                                                                       region):
    proposal = make_proposal(db, need=make_need(db, organisation=make_organisation(db, region=region),
                                                state='published'), candidate=candidate, state='sent')
    consent = candidate.consents[0]
    db.session.commit()
    page = follow(client, post(url(f'toestemming/{consent.id}/intrekken')))
    assert 'The consent is withdrawn.' in page
    assert '1 open proposal was withdrawn.' in page
    assert consent.withdrawn_at is not None
    assert proposal.state == ProposalState.WITHDRAWN
    assert 'data-active="no"' in page


def test_a_consent_of_another_job_seeker_is_not_found(db, client, post, signed_in, candidate, url, region):
    other = make_candidate(db, region=region)
    assert post(url(f'toestemming/{other.consents[0].id}/intrekken')).status_code == 404
    assert other.consents[0].is_active


def test_pause_and_reactivate(db, client, post, signed_in, candidate, url):
    page = follow(client, post(url('pauzeren')))
    assert 'The profile is paused' in page
    assert candidate.status == CandidateStatus.PAUSED
    assert 'data-status="paused"' in page
    page = follow(client, post(url('pauzeren')))
    assert 'Only an active profile can be paused.' in page
    page = follow(client, post(url('heractiveren')))
    assert 'The profile is active again.' in page
    assert candidate.status == CandidateStatus.ACTIVE


def test_leaving_asks_why_then_records_it(db, client, post, signed_in, candidate, url):
    page = client.get(url('uitschrijven')).get_data(as_text=True)
    assert 'Found work' in page
    assert 'Moved away' in page
    page = post(url('uitschrijven'), {}).get_data(as_text=True)
    assert 'Choose why the job seeker leaves.' in page
    assert candidate.status == CandidateStatus.ACTIVE

    page = follow(client, post(url('uitschrijven'), {'reason': 'benefit_ended'}))

    assert f'{candidate.code} has left the caseload.' in page
    assert candidate.status == CandidateStatus.LEFT
    assert candidate.left_reason == 'benefit_ended'
    assert 'Benefit ended' in page
    assert 'Confirm availability today' not in page
    assert 'Make active again' in page


@pytest.mark.parametrize('action', ['beschikbaarheid', 'toestemming', 'pauzeren', 'heractiveren', 'uitschrijven'])
def test_staff_of_another_region_get_404_and_change_nothing(db, client, post, login, other_staff, candidate, url,
                                                            action):
    login(other_staff)
    assert post(url(action), {'reason': 'moved', 'scope': 'activities', 'given_on': today().isoformat()}
                ).status_code == 404
    assert candidate.status == CandidateStatus.ACTIVE
    assert len(candidate.consents) == 1
    assert post(url(f'toestemming/{candidate.consents[0].id}/intrekken')).status_code == 404
    assert candidate.consents[0].is_active
