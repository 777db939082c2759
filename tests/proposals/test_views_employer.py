"""The employer's side: incoming proposals as anonymous cards, the answer, and the identity after consent."""

import pytest
from sqlalchemy import select

from portal.models.audit import AuditEvent
from portal.models.matching import ProposalState
from tests.factories import add_member, make_employer, make_organisation, make_proposal, make_staff
from tests.proposals.conftest import FIRST_NAME, NOTES, POSTCODE_AREA, REFERENCE, events, walk_to

S = ProposalState


def assert_anonymous(page: str) -> None:
    for private in (FIRST_NAME, REFERENCE, NOTES, POSTCODE_AREA, 'Jansen', '12345678'):
        assert private not in page


def test_incoming_shows_waiting_cards_first_and_nothing_of_the_person(db, client, login, owner, need, sent,
                                                                       region, skills):
    answered = make_proposal(db, need=need, state='declined')
    draft = make_proposal(db, need=need)
    login(owner)

    page = client.get('/voorstellen').text

    assert page.index(f'data-proposal="{sent.id}"') < page.index(f'data-proposal="{answered.id}"')
    assert f'data-proposal="{draft.id}"' not in page
    assert sent.candidate.code in page
    assert 'within 10 km' in page
    assert 'data-state="declined"' in page
    assert_anonymous(page)


def test_the_card_the_explanation_and_the_subsidy_without_identity(db, client, login, owner, sent):
    login(owner)

    page = client.get(f'/voorstellen/{sent.id}').text

    assert f'data-card="{sent.card["code"]}"' in page
    assert 'data-part="skills"' in page
    assert 'data-part="distance"' in page
    assert 'Lives within 10 km from the work' in page
    assert ' km from the work (travels at most' not in page
    assert 'Skill A' in page
    assert 'data-subsidy-band="6-9"' in page
    assert 'about €6 to €9 per hour' in page
    assert 'name="answer"' in page
    assert 'data-identity' not in page
    assert_anonymous(page)
    assert events(db, 'proposal.identity_viewed') == []


def test_the_page_shows_the_frozen_card_not_the_live_profile(db, client, login, owner, sent, skills):
    sent.candidate.hours_min, sent.candidate.hours_max = 8, 12
    login(owner)
    assert '24 to 32 hours a week' in client.get(f'/voorstellen/{sent.id}').text


def test_other_organisations_staff_and_drafts_do_not_reach_it(db, client, login, post, owner, need, sent, region):
    draft = make_proposal(db, need=need)
    login(make_employer(db))
    assert client.get(f'/voorstellen/{sent.id}').status_code == 404
    assert post(f'/voorstellen/{sent.id}/antwoord', {'answer': 'interested'}).status_code == 404
    assert f'data-proposal="{sent.id}"' not in client.get('/voorstellen').text
    login(make_staff(db, region=region))
    assert client.get(f'/voorstellen/{sent.id}').status_code == 403
    login(owner)
    assert client.get(f'/voorstellen/{draft.id}').status_code == 404
    assert sent.state == S.SENT


def test_a_member_working_for_another_organisation_now_gets_404(db, client, login, owner, sent, region):
    other = make_organisation(db, region=region)
    add_member(db, other, owner)
    owner.current_organisation_id = other.id
    login(owner)
    assert client.get(f'/voorstellen/{sent.id}').status_code == 404


def test_answering_interested_mails_the_accountmanager(db, client, login, post, owner, accountmanager, sent, outbox):
    login(owner)

    page = post(f'/voorstellen/{sent.id}/antwoord', {'answer': 'interested'}, follow_redirects=True).text

    assert sent.state == S.INTERESTED
    assert 'The account manager will contact you' in page
    assert [m.recipient for m in outbox] == [accountmanager.email]
    assert 'name="answer"' not in page


def test_declining_needs_a_reason_and_words_for_another_one(db, client, login, post, owner, sent, outbox):
    login(owner)
    url = f'/voorstellen/{sent.id}/antwoord'

    page = post(url, {'answer': 'declined'}).text
    assert 'id="reason-error"' in page
    assert sent.state == S.SENT
    page = post(url, {'answer': 'declined', 'reason': 'other'}).text
    assert 'id="text-error"' in page
    assert sent.state == S.SENT

    post(url, {'answer': 'declined', 'reason': 'position_filled'})
    assert sent.state == S.DECLINED
    assert sent.decline_reason == 'position_filled'


def test_an_answered_proposal_cannot_be_answered_again(db, client, login, post, owner, sent, outbox):
    login(owner)
    post(f'/voorstellen/{sent.id}/antwoord', {'answer': 'interested'})

    page = post(f'/voorstellen/{sent.id}/antwoord', {'answer': 'declined', 'reason': 'skills'},
                follow_redirects=True).text

    assert 'already been answered' in page
    assert sent.state == S.INTERESTED


def test_after_the_introduction_the_identity_shows_and_every_view_is_audited(db, client, login, owner,
                                                                             accountmanager, sent, outbox):
    walk_to(sent, 'introduced', accountmanager, owner)
    login(owner)

    first = client.get(f'/voorstellen/{sent.id}').text
    client.get(f'/voorstellen/{sent.id}')

    assert 'data-identity' in first
    assert 'Zerubbabel Jansen' in first
    assert '06 12345678' in first
    assert REFERENCE not in first
    assert NOTES not in first
    assert POSTCODE_AREA not in first
    viewed = events(db, 'proposal.identity_viewed')
    assert len(viewed) == 2
    assert all(e.actor_id == owner.id and e.details['side'] == 'employer' for e in viewed)
    # the list never shows the name
    assert 'Zerubbabel' not in client.get('/voorstellen').text


def test_an_ended_proposal_no_longer_shows_the_identity(db, client, login, owner, accountmanager, sent, outbox):
    from portal.blueprints.proposals import operations

    walk_to(sent, 'introduced', accountmanager, owner)
    operations.end_proposal(accountmanager, sent, reason='introduction_not_continued', returned_to_benefits=False)
    login(owner)

    page = client.get(f'/voorstellen/{sent.id}').text

    assert 'Zerubbabel' not in page
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == 'proposal.identity_viewed')) is None


def test_a_card_that_lacks_facts_still_reads(db, client, login, owner, need):
    proposal = make_proposal(db, need=need, state='sent')  # the factory's card holds the code only
    login(owner)
    assert client.get('/voorstellen').status_code == 200
    page = client.get(f'/voorstellen/{proposal.id}').text
    assert f'data-card="{proposal.candidate.code}"' in page
    assert 'Not known' in page


@pytest.fixture(autouse=True)
def _operations_need_a_request(request_context):
    """walk_to and the fixtures call operations, which link to the portal in their mail."""
