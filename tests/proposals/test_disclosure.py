"""What the proposal pages disclose: the subsidy as a band and the explanation without what would help the
person until the introduction (employer), and every render of the shared identity audited (staff)."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from portal.blueprints.proposals import operations, pages
from portal.core.dbtypes import TIMEZONE, today
from portal.models.matching import ProposalState
from tests.factories import make_candidate
from tests.proposals.conftest import MOTIVATION, POSTCODE_AREA, events, walk_to

S = ProposalState


@pytest.fixture(autouse=True)
def _operations_need_a_request(request_context):
    """walk_to and the fixtures call operations, which link to the portal in their mail."""


# The employer's page ----------------------------------------------------------------------------------------------

def test_before_the_introduction_the_subsidy_is_a_band_that_does_not_give_the_loonwaarde_away(db, client, login,
                                                                                              owner, sent):
    login(owner)

    page = client.get(f'/voorstellen/{sent.id}').text

    # 50% loonwaarde: €7.9434 an hour, €9.8101 with employer costs, €1,274.97 a month at 30 hours
    for exact in ('7.9434', '7.94', '9.81', '1,274', '1.274', 'data-subsidy="'):
        assert exact not in page
    assert 'data-subsidy-band="6-9"' in page
    assert '23.5% of the subsidy for employer costs' in page


@pytest.mark.parametrize(('loonwaarde', 'band'), [(0, '9-12'), (40, '9-12'), (60, '6-9'), (80, '3-6'), (95, '0-3')])
def test_the_band_is_three_euros_wide(db, client, login, region, need, owner, accountmanager, skills, outbox,
                                      loonwaarde, band):
    candidate = make_candidate(db, region=region, skills=skills[:2], loonwaarde=loonwaarde,
                               accountmanager=accountmanager)
    proposal = operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)
    operations.send_proposal(accountmanager, proposal)
    login(owner)
    assert f'data-subsidy-band="{band}"' in client.get(f'/voorstellen/{proposal.id}').text


def test_after_the_introduction_the_exact_subsidy_shows(db, client, login, owner, accountmanager, sent, outbox):
    walk_to(sent, 'introduced', accountmanager, owner)
    login(owner)

    page = client.get(f'/voorstellen/{sent.id}').text

    assert 'data-subsidy="7.9434"' in page
    assert '€7.94' in page
    assert 'data-subsidy-band' not in page
    assert '8% holiday pay and 23.5% for employer costs' in page


def explanation_of(page: str, code: str) -> str:
    return page.split('<h2 class="utrecht-heading-2">Why it fits</h2>')[1].split('</main>')[0].replace(code, 'CODE')


def test_the_explanation_says_what_the_need_offers_never_what_would_help_the_person(db, client, login, region,
                                                                                       need, owner, accountmanager,
                                                                                       skills, outbox):
    """A person in the doelgroepregister scores differently on openness (a job coach helps them): the employer's
    explanation must read the same for them as for someone outside it, in words and in points."""
    need.open_to_job_coach = True
    pages = []
    for groups in (['doelgroepregister'], []):
        candidate = make_candidate(db, region=region, skills=skills[:2], loonwaarde=50, hours_min=24, hours_max=32,
                                   postcode_area=POSTCODE_AREA, target_groups=groups, accountmanager=accountmanager)
        proposal = operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)
        operations.send_proposal(accountmanager, proposal)
        login(owner)
        pages.append((proposal, client.get(f'/voorstellen/{proposal.id}').text))

    (registered, page), (other, other_page) = pages
    assert registered.score != other.score  # staff's score does weigh it
    assert explanation_of(page, registered.candidate.code) == explanation_of(other_page, other.candidate.code)
    assert 'data-part="openness"' not in page
    assert 'You offer a trial placement, wage-cost subsidy, and a job coach for this need.' in page
    for telling in ('none of what would help', 'not a learn-work', 'The employer offers'):
        assert telling not in page
    total = sum(part['points'] for part in registered.card['parts'])
    assert f'data-total="{round(total, 1)}"' in page
    assert 'openness' not in repr(registered.card['parts'])


def test_a_card_sent_before_the_openness_was_left_out_reads_without_it(db, client, login, owner, sent):
    sent.card = {**sent.card, 'parts': sent.score_parts}  # as cards were frozen before
    sent.card.pop('need_offers')
    login(owner)

    page = client.get(f'/voorstellen/{sent.id}').text

    assert 'data-part="openness"' not in page
    assert 'You offer a trial placement and wage-cost subsidy for this need.' in page


# The staff's page ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(('step', 'fields', 'error'), [('intake', {'intake-intake_on': ''}, 'intake-intake_on-error'),
                                                       ('afsluiten', {'end-reason': ''}, 'end-reason-error')])
def test_a_step_form_with_errors_that_shows_the_identity_is_audited_too(db, client, login, post, accountmanager,
                                                                        owner, sent, outbox, step, fields, error):
    walk_to(sent, 'introduced', accountmanager, owner)
    login(accountmanager)

    page = post(f'/medewerkers/voorstellen/{sent.id}/{step}', fields).text

    assert 'Zerubbabel Jansen' in page
    assert f'id="{error}"' in page
    assert sent.state == S.INTRODUCED
    [viewed] = events(db, 'proposal.identity_viewed')
    assert (viewed.actor_id, viewed.details) == (accountmanager.id, {'side': 'staff'})


def test_a_page_without_a_shared_identity_writes_no_audit_row(db, client, login, post, accountmanager, sent):
    login(accountmanager)
    post(f'/medewerkers/voorstellen/{sent.id}/intrekken', {'withdraw-reason': ' '})
    client.get(f'/medewerkers/voorstellen/{sent.id}')
    assert events(db, 'proposal.identity_viewed') == []


def test_staff_see_the_exact_subsidy_and_the_band_the_employer_sees(db, client, login, accountmanager, sent):
    login(accountmanager)

    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text

    assert 'data-subsidy="7.9434"' in page
    assert 'data-employer-band="6-9"' in page
    assert 'the employer sees only a range: about €6 to €9 per hour' in page


def test_the_subsidy_fine_print_names_the_parameters_in_force(db, client, login, accountmanager, sent, monkeypatch):
    monkeypatch.setattr(pages, 'HOLIDAY_PAY', ((date(2025, 1, 1), Decimal('0.08')),
                                              (date(2026, 1, 1), Decimal('0.09'))))
    monkeypatch.setattr(pages, 'EMPLOYER_COSTS', ((date(2025, 1, 1), Decimal('0.25')),))
    login(accountmanager)

    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text

    assert '9% holiday pay and 25% for employer costs' in page


def test_the_days_waiting_count_dutch_days_on_both_sides(db, client, login, accountmanager, sent):
    # half past midnight in the Netherlands today is still yesterday in UTC
    sent.sent_at = datetime.combine(today(), time(0, 30), tzinfo=TIMEZONE).astimezone(UTC)
    login(accountmanager)

    page = client.get(f'/medewerkers/voorstellen/{sent.id}').text

    assert 'the employer has not answered yet (0 days)' in page
