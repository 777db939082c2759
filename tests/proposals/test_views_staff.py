"""The staff's proposal pages: the list, a new proposal from a match, one proposal with its steps."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.matching.profiles import score
from portal.blueprints.proposals import operations
from portal.core.dbtypes import today, utcnow
from portal.models.caseload import CandidateExperience
from portal.models.matching import Proposal, ProposalState
from tests.factories import make_candidate, make_employer, make_need, make_proposal, make_staff
from tests.proposals.conftest import FIRST_NAME, MOTIVATION, events, walk_to

S = ProposalState


def new_url(need, candidate) -> str:
    return f'/medewerkers/voorstellen/nieuw?need_id={need.id}&candidate_id={candidate.id}'


# Who reaches what -------------------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client, need, candidate):
    for url in ('/medewerkers/voorstellen', new_url(need, candidate)):
        response = client.get(url)
        assert response.status_code == 302
        assert '/inloggen' in response.location


def test_employers_get_403_and_staff_of_another_region_404(db, client, login, post, other_region, owner, need,
                                                             candidate, draft):
    login(owner)
    assert client.get('/medewerkers/voorstellen').status_code == 403
    assert client.get(f'/medewerkers/voorstellen/{draft.id}').status_code == 403
    login(make_staff(db, region=other_region))
    assert client.get(f'/medewerkers/voorstellen/{draft.id}').status_code == 404
    assert client.get(new_url(need, candidate)).status_code == 404
    for step in ('versturen', 'intrekken', 'introductie', 'intake', 'proefplaatsing', 'in-dienst', 'afsluiten'):
        assert post(f'/medewerkers/voorstellen/{draft.id}/{step}').status_code == 404
    assert draft.state == S.DRAFT
    assert f'data-proposal="{draft.id}"' not in client.get('/medewerkers/voorstellen').text


def test_the_new_page_needs_a_need_and_a_job_seeker_of_the_region(db, client, login, accountmanager, organisation,
                                                                   other_region, need, candidate):
    login(accountmanager)
    assert client.get('/medewerkers/voorstellen/nieuw').status_code == 404
    assert client.get(f'/medewerkers/voorstellen/nieuw?need_id={need.id}').status_code == 404
    stranger = make_candidate(db, region=other_region)
    assert client.get(new_url(need, stranger)).status_code == 404
    draft_need = make_need(db, organisation=organisation, state='draft')
    assert client.get(new_url(draft_need, candidate)).status_code == 404


# A new proposal ------------------------------------------------------------------------------------------------

def test_the_new_page_explains_the_score_and_the_indicative_subsidy(db, client, login, accountmanager, need,
                                                                     candidate):
    need.start_on = date(2026, 12, 1)
    login(accountmanager)

    page = client.get(new_url(need, candidate)).text

    for part in ('skills', 'experience', 'language', 'hours', 'distance', 'start', 'openness'):
        assert f'data-part="{part}"' in page
    assert 'data-subsidy="7.9434"' in page
    assert 'km from the work (travels at most 25 km)' in page
    assert f'data-total="{score(candidate, need, today()).total}"' in page
    assert '€7.94' in page
    assert '€9.81 per hour' in page
    assert '€1,360.33 at 32 hours a week' in page
    assert 'Indicative — the municipality decides.' in page
    assert 'name="motivation"' in page
    assert FIRST_NAME not in page


def test_the_subsidy_reads_in_dutch_for_a_dutch_reader(db, client, login, region, need, candidate):
    login(make_staff(db, region=region, locale='nl'))
    page = client.get(new_url(need, candidate)).text
    assert '€\xa07,94' in page or '€ 7,94' in page


def test_no_subsidy_box_when_the_employer_is_not_open_to_it(db, client, login, accountmanager, need, candidate):
    need.open_to_wage_subsidy = False
    login(accountmanager)
    assert 'data-subsidy' not in client.get(new_url(need, candidate)).text


def test_the_new_page_says_why_a_pair_cannot_be_proposed(db, client, login, accountmanager, region, need, skills):
    few_hours = make_candidate(db, region=region, skills=skills[:2], hours_min=4, hours_max=8)
    login(accountmanager)

    page = client.get(new_url(need, few_hours)).text

    assert 'The hours the job seeker can work do not fit the hours of the work.' in page
    assert 'name="motivation"' not in page


def test_saving_a_proposal_makes_a_draft_and_opens_it(db, client, login, post, accountmanager, need, candidate):
    login(accountmanager)

    response = post(new_url(need, candidate), {'motivation': MOTIVATION})

    proposal = db.session.scalar(select(Proposal))
    assert response.status_code == 302
    assert response.location.endswith(f'/medewerkers/voorstellen/{proposal.id}')
    assert proposal.state == S.DRAFT
    assert proposal.motivation == MOTIVATION


def test_a_short_motivation_shows_the_error_at_the_field(db, client, login, post, accountmanager, need, candidate):
    login(accountmanager)

    page = post(new_url(need, candidate), {'motivation': 'Past.'}).text

    assert 'id="motivation-error"' in page
    assert 'aria-invalid="true"' in page
    assert db.session.scalar(select(Proposal.id)) is None


def test_a_refused_proposal_says_why(db, client, login, post, accountmanager, need, candidate):
    login(accountmanager)

    page = post(new_url(need, candidate), {'motivation': f'{MOTIVATION} {FIRST_NAME} is top.'},
                follow_redirects=True).text

    assert 'Leave the job seeker’s name and reference out of the motivation' in page
    assert db.session.scalar(select(Proposal.id)) is None


# The list -------------------------------------------------------------------------------------------------------

def test_the_list_counts_filters_and_shows_who_waits_too_long(db, client, login, region, accountmanager, need,
                                                               candidate, skills):
    colleague = make_staff(db, region=region)
    late = make_proposal(db, need=need, candidate=candidate, state='sent', accountmanager=accountmanager,
                         sent_at=utcnow() - timedelta(days=13))
    fresh = make_proposal(db, need=need, candidate=make_candidate(db, region=region, skills=skills[:2]),
                          state='sent', accountmanager=colleague, sent_at=utcnow() - timedelta(days=2))
    other = make_need(db, organisation=make_employer(db).memberships[0].organisation, state='published')
    hidden = make_proposal(db, need=other)
    login(accountmanager)

    page = client.get('/medewerkers/voorstellen').text

    assert f'data-proposal="{late.id}"' in page
    assert f'data-proposal="{fresh.id}"' in page
    assert f'data-proposal="{hidden.id}"' not in page
    assert 'data-count="sent"' in page
    waiting = page.split('id="wachten"')[1].split('</section>')[0]
    assert f'data-waiting="{late.id}"' in waiting
    assert f'data-waiting="{fresh.id}"' not in waiting
    assert '>13</td>' in waiting

    mine = client.get('/medewerkers/voorstellen?wie=mijn').text
    assert f'data-proposal="{late.id}"' in mine
    assert f'data-proposal="{fresh.id}"' not in mine
    drafts = client.get('/medewerkers/voorstellen?status=draft').text
    assert 'data-proposal=' not in drafts
    assert client.get('/medewerkers/voorstellen?status=bogus&werkgever=abc').status_code == 200


# One proposal and its steps ---------------------------------------------------------------------------------------

def test_a_draft_shows_its_card_and_the_send_button(db, client, login, accountmanager, draft):
    login(accountmanager)
    page = client.get(f'/medewerkers/voorstellen/{draft.id}').text
    assert f'/medewerkers/voorstellen/{draft.id}/versturen' in page
    assert f'data-card="{draft.candidate.code}"' in page
    assert 'data-event="draft"' in page
    assert events(db, 'proposal.identity_viewed') == []


def test_sending_from_the_page(db, client, login, post, accountmanager, draft, outbox):
    login(accountmanager)

    page = post(f'/medewerkers/voorstellen/{draft.id}/versturen', follow_redirects=True).text

    assert draft.state == S.SENT
    assert 'The proposal is sent.' in page
    assert len(outbox) == 1


def test_a_step_the_state_does_not_allow_is_refused_with_a_message(db, client, login, post, accountmanager, sent):
    login(accountmanager)

    page = post(f'/medewerkers/voorstellen/{sent.id}/intake', {'intake-intake_on': '2026-02-02'},
                follow_redirects=True).text

    assert 'This step is not possible now' in page
    assert sent.state == S.SENT


def test_withdraw_without_a_reason_shows_the_error(db, client, login, post, accountmanager, sent):
    login(accountmanager)

    page = post(f'/medewerkers/voorstellen/{sent.id}/intrekken', {'withdraw-reason': ' '}).text

    assert 'id="withdraw-reason-error"' in page
    assert sent.state == S.SENT


def test_introduce_from_the_page_needs_the_consent_box(db, client, login, post, accountmanager, owner, sent, outbox):
    walk_to(sent, 'interested', accountmanager, owner)
    login(accountmanager)
    # the form does not show the first name: that would be an unaudited view of staff-only data
    assert FIRST_NAME not in client.get(f'/medewerkers/voorstellen/{sent.id}').text
    url = f'/medewerkers/voorstellen/{sent.id}/introductie'
    fields = {'introduce-consent_on': '2026-02-02', 'introduce-name': 'Zerubbabel Jansen',
              'introduce-phone': '06 12345678'}

    page = post(url, fields).text
    assert 'id="introduce-has_consent-error"' in page
    assert sent.state == S.INTERESTED

    post(url, {**fields, 'introduce-has_consent': 'y'})
    assert sent.state == S.INTRODUCED
    assert sent.shared_name == 'Zerubbabel Jansen'


def test_the_shared_identity_on_the_staff_page_is_audited(db, client, login, accountmanager, owner, sent, outbox):
    walk_to(sent, 'introduced', accountmanager, owner)
    login(accountmanager)

    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text

    assert 'Zerubbabel Jansen' in page
    [viewed] = events(db, 'proposal.identity_viewed')
    assert viewed.actor_id == accountmanager.id
    assert viewed.details == {'side': 'staff'}


def test_a_trial_shows_until_when_it_runs(db, client, login, accountmanager, owner, sent, outbox):
    walk_to(sent, 'trial', accountmanager, owner)
    login(accountmanager)
    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text
    assert f'data-trial-end="{sent.trial_ends_on.isoformat()}"' in page
    assert 'it runs until' in page


def test_hire_follow_up_and_end_from_the_page(db, client, login, post, accountmanager, owner, sent, outbox):
    walk_to(sent, 'intake', accountmanager, owner)
    login(accountmanager)
    start = (utcnow() - timedelta(days=200)).date()

    post(f'/medewerkers/voorstellen/{sent.id}/in-dienst',
         {'hire-contract_type': 'permanent', 'hire-hours_per_week': '30', 'hire-starts_on': start.isoformat(),
          'hire-instruments': ['wage_subsidy', 'job_coach']})
    assert sent.state == S.HIRED
    assert sent.instruments == ['wage_subsidy', 'job_coach']

    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text
    three = sent.follow_ups[0]
    assert f'/medewerkers/voorstellen/nazorg/{three.id}' in page
    assert 'data-follow-up="12"' in page

    page = post(f'/medewerkers/voorstellen/nazorg/{three.id}', {'followup-still_employed': 'no'},
                follow_redirects=True).text
    assert three.still_employed is False
    assert 'End the proposal below' in page

    page = post(f'/medewerkers/voorstellen/{sent.id}/afsluiten', {'end-reason': 'retained',
                                                                  'end-returned_to_benefits': 'no'}).text
    assert 'id="end-reason-error"' in page
    assert sent.state == S.HIRED

    post(f'/medewerkers/voorstellen/{sent.id}/afsluiten', {'end-reason': 'resigned', 'end-returned_to_benefits': 'yes'})
    assert sent.state == S.ENDED
    assert sent.returned_to_benefits is True
    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text
    assert 'Resigned' in page
    assert 'data-event="ended"' in page


@pytest.mark.parametrize('state', [s.value for s in ProposalState])
def test_every_state_has_its_page(db, client, login, accountmanager, need, candidate, state):
    proposal = make_proposal(db, need=need, candidate=candidate, state=state, accountmanager=accountmanager,
                             responded_at=utcnow(), intake_on=date(2026, 2, 2), trial_starts_on=date(2026, 2, 2),
                             trial_ends_on=date(2026, 3, 2), job_starts_on=date(2026, 2, 2), contract_type='permanent',
                             hours_per_week=24, ended_at=utcnow(), end_reason='resigned', returned_to_benefits=False)
    proposal.card = operations.build_card(proposal, date(2026, 2, 2))
    login(accountmanager)
    assert client.get(f'/medewerkers/voorstellen/{proposal.id}').status_code == 200


def test_the_pages_render_for_a_dutch_reader(db, client, login, region, need, candidate, owner, accountmanager,
                                             request_context, outbox):
    # Dutch plural rules need a whole number: every {% pluralize %} must name its count
    candidate.experience.append(CandidateExperience(occupation=need.occupation, years=2))
    proposal = operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)
    operations.send_proposal(accountmanager, proposal)
    login(make_staff(db, region=region, locale='nl'))
    assert client.get(f'/medewerkers/voorstellen/{proposal.id}').status_code == 200
    assert client.get('/medewerkers/voorstellen').status_code == 200
    owner.locale = 'nl'
    login(owner)
    assert client.get(f'/voorstellen/{proposal.id}').status_code == 200
