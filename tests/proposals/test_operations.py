"""Proposal operations up to the employer's answer: create, send, withdraw, respond (happy paths, refusals,
audit rows and mail)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.proposals import checks, operations
from portal.blueprints.proposals.operations import ProposalRefused
from portal.core.dbtypes import today, utcnow
from portal.matching import RULES_VERSION
from portal.models.matching import Proposal, ProposalState
from portal.models.moderation import PostingState
from tests.factories import add_member, make_candidate, make_employer, make_staff, make_user
from tests.proposals.conftest import FIRST_NAME, MOTIVATION, NOTES, POSTCODE_AREA, REFERENCE, events

pytestmark = pytest.mark.usefixtures('request_context')
S = ProposalState


# Creating ---------------------------------------------------------------------------------------------

def test_create_saves_a_draft_with_the_score_in_parts(db, accountmanager, need, candidate):
    proposal = operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)

    assert proposal.state == S.DRAFT
    assert proposal.region_id == need.region_id
    assert proposal.organisation_id == need.organisation_id
    assert proposal.accountmanager == accountmanager
    assert proposal.rules_version == RULES_VERSION
    assert [part['name'] for part in proposal.score_parts] == ['skills', 'experience', 'language', 'hours',
                                                               'distance', 'start', 'openness']
    assert float(proposal.score) == pytest.approx(sum(part['points'] for part in proposal.score_parts))
    assert proposal.card is None
    assert proposal.sent_at is None
    [event] = proposal.events
    assert (event.from_state, event.to_state, event.actor_id) == (None, S.DRAFT, accountmanager.id)
    [audit] = events(db, 'proposal.create')
    assert audit.object_id == str(proposal.id)
    assert audit.region_id == need.region_id
    assert audit.details['candidate_id'] == candidate.id


def test_the_candidates_own_accountmanager_is_responsible_else_the_one_proposing(db, region, accountmanager, need,
                                                                                    skills):
    colleague = make_staff(db, region=region)
    unowned = make_candidate(db, region=region, skills=skills[:2])

    proposal = operations.create_proposal(colleague, need, unowned, motivation=MOTIVATION)

    assert proposal.accountmanager == colleague


@pytest.mark.parametrize('motivation', ['Past goed.', '   ' + 'x' * 19 + '   '])
def test_a_motivation_under_20_characters_is_refused(db, accountmanager, need, candidate, motivation):
    with pytest.raises(ProposalRefused, match='20 characters'):
        operations.create_proposal(accountmanager, need, candidate, motivation=motivation)
    assert db.session.scalar(select(Proposal.id)) is None


@pytest.mark.parametrize('private', [FIRST_NAME, REFERENCE.lower()])
def test_the_name_or_reference_in_the_motivation_is_refused(db, accountmanager, need, candidate, private):
    with pytest.raises(ProposalRefused, match='name and reference'):
        operations.create_proposal(accountmanager, need, candidate, motivation=f'{MOTIVATION} Vraag naar {private}.')


def test_only_staff_of_the_needs_region_may_propose(db, other_region, need, candidate):
    with pytest.raises(ProposalRefused, match='staff of the region'):
        operations.create_proposal(make_staff(db, region=other_region), need, candidate, motivation=MOTIVATION)


def test_a_need_that_is_not_published_is_refused(db, accountmanager, need, candidate):
    need.state = PostingState.FILLED
    with pytest.raises(ProposalRefused, match='Only a published need'):
        operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)


def test_a_hard_condition_is_refused_in_words(db, accountmanager, region, need, skills):
    few_hours = make_candidate(db, region=region, skills=skills[:2], hours_min=4, hours_max=8)
    with pytest.raises(ProposalRefused, match='hours the job seeker can work do not fit'):
        operations.create_proposal(accountmanager, need, few_hours, motivation=MOTIVATION)


def test_a_stale_profile_without_consent_gives_every_reason(db, accountmanager, region, need, skills):
    stale = make_candidate(db, region=region, skills=skills[:2], consent=False,
                           availability_confirmed_on=today() - timedelta(weeks=9))
    with pytest.raises(ProposalRefused) as refused:
        operations.create_proposal(accountmanager, need, stale, motivation=MOTIVATION)
    assert 'more than 8 weeks' in str(refused.value)
    assert 'not consented' in str(refused.value)


def test_a_second_open_proposal_for_the_same_pair_is_refused(db, accountmanager, need, candidate, draft):
    with pytest.raises(ProposalRefused, match='already has a proposal'):
        operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)


def test_the_database_holds_one_open_proposal_per_pair_when_two_colleagues_race(db, accountmanager, need,
                                                                                candidate, draft, monkeypatch):
    # the check before saving saw nothing (the colleague's proposal was not committed yet): the index refuses
    monkeypatch.setattr(checks, 'open_proposal', lambda need, candidate, **_: None)
    with pytest.raises(ProposalRefused, match='already has a proposal'):
        operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)
    assert db.session.scalars(select(Proposal)).all() == [draft]


def test_a_pair_can_be_proposed_again_after_a_withdrawal(db, accountmanager, need, candidate, draft):
    operations.withdraw_proposal(accountmanager, draft, reason='Verkeerde behoefte gekozen.')
    again = operations.create_proposal(accountmanager, need, candidate, motivation=MOTIVATION)
    assert again.id != draft.id


# Sending ----------------------------------------------------------------------------------------------

def test_send_freezes_an_anonymous_card_and_mails_the_employer(db, accountmanager, draft, owner, outbox):
    mailed = operations.send_proposal(accountmanager, draft)

    assert mailed == 1
    assert draft.state == S.SENT
    assert draft.sent_at is not None
    card = draft.card
    assert card['code'] == draft.candidate.code
    assert [skill['level'] for skill in card['skills']] == ['good', 'good']
    assert card['travel'] == 'within_10'
    assert card['hours_min'] == 24
    assert card['hours_max'] == 32
    assert card['offers']['wage_subsidy']['subsidy_per_hour'] == '7.9434'
    frozen = repr(card)
    for private in (FIRST_NAME, REFERENCE, NOTES, POSTCODE_AREA, 'loonwaarde', "'km'", 'max_km'):
        assert private not in frozen
    assert [part['facts'] for part in card['parts'] if part['name'] == 'distance'] == [{'band': 'within_10'}]
    [audit] = events(db, 'proposal.send')
    assert audit.details == {'from': 'draft', 'to': 'sent', 'score': float(draft.score),
                             'rules_version': RULES_VERSION}
    [message] = outbox
    assert message.recipient == owner.email
    assert message.locale == 'en'
    assert 'Orderpicker avond' in message.subject
    assert f'/voorstellen/{draft.id}' in message.body_text
    for private in (FIRST_NAME, REFERENCE, draft.candidate.code):
        assert private not in message.body_text


def test_send_mails_the_creator_and_the_owner_each_in_their_language(db, accountmanager, organisation, need,
                                                                       draft, outbox):
    creator = make_user(db, locale='nl')
    add_member(db, organisation, creator)
    need.created_by = creator

    assert operations.send_proposal(accountmanager, draft) == 2

    assert {(m.recipient, m.locale) for m in outbox} == {(creator.email, 'nl'), (organisation.owner.email, 'en')}


def test_the_card_does_not_follow_later_changes_to_the_profile(db, accountmanager, sent):
    sent.candidate.hours_max = 12
    assert sent.card['hours_max'] == 32


def test_sending_twice_is_refused_and_changes_nothing(db, accountmanager, sent):
    sent_at = sent.sent_at
    with pytest.raises(ProposalRefused, match='not possible now'):
        operations.send_proposal(accountmanager, sent)
    assert sent.state == S.SENT
    assert sent.sent_at == sent_at
    assert len(events(db, 'proposal.send')) == 1


def test_consent_withdrawn_after_the_draft_stops_the_sending(db, accountmanager, draft, candidate):
    candidate.consents[0].withdrawn_at = utcnow()
    with pytest.raises(ProposalRefused, match='no longer available for matching'):
        operations.send_proposal(accountmanager, draft)
    assert draft.state == S.DRAFT


def test_a_need_no_longer_published_stops_the_sending(db, accountmanager, draft, need):
    need.state = PostingState.FILLED
    with pytest.raises(ProposalRefused, match='no longer published'):
        operations.send_proposal(accountmanager, draft)


def test_staff_of_another_region_cannot_send(db, other_region, draft):
    with pytest.raises(ProposalRefused, match='staff of the region'):
        operations.send_proposal(make_staff(db, region=other_region), draft)
    assert draft.state == S.DRAFT


# Withdrawing --------------------------------------------------------------------------------------------

def test_withdraw_keeps_the_reason_in_the_timeline(db, accountmanager, sent):
    operations.withdraw_proposal(accountmanager, sent, reason='  De werkzoekende is verhuisd.  ')

    assert sent.state == S.WITHDRAWN
    assert sent.events[-1].note == 'De werkzoekende is verhuisd.'
    assert events(db, 'proposal.withdraw')[0].details == {'from': 'sent', 'to': 'withdrawn'}


def test_withdraw_needs_a_reason(db, accountmanager, sent):
    with pytest.raises(ProposalRefused, match='reason'):
        operations.withdraw_proposal(accountmanager, sent, reason='  ')
    assert sent.state == S.SENT


# The employer's answer -----------------------------------------------------------------------------------

def test_interested_mails_the_accountmanager(db, owner, accountmanager, sent, outbox):
    assert operations.respond_to_proposal(owner, sent, interested=True) == 1

    assert sent.state == S.INTERESTED
    assert sent.responded_at is not None
    assert sent.events[-1].actor_id == owner.id
    [audit] = events(db, 'proposal.respond')
    assert audit.actor_id == owner.id
    assert audit.details == {'from': 'sent', 'to': 'interested'}
    [message] = outbox
    assert message.recipient == accountmanager.email
    assert 'is interested in' in message.subject
    assert sent.candidate.code in message.subject
    assert f'/medewerkers/voorstellen/{sent.id}' in message.body_text


def test_declined_keeps_the_reason_and_tells_it_by_mail(db, owner, sent, outbox):
    operations.respond_to_proposal(owner, sent, interested=False, reason='hours', text='Alleen avonden.')

    assert sent.state == S.DECLINED
    assert (sent.decline_reason, sent.decline_text) == ('hours', 'Alleen avonden.')
    assert events(db, 'proposal.respond')[0].details['reason'] == 'hours'
    [message] = outbox
    assert 'The hours do not fit' in message.body_text
    assert 'Alleen avonden.' in message.body_text


def test_another_reason_needs_words(db, owner, sent):
    with pytest.raises(ProposalRefused, match='few words'):
        operations.respond_to_proposal(owner, sent, interested=False, reason='other', text=' ')
    with pytest.raises(ProposalRefused, match='reason you decline'):
        operations.respond_to_proposal(owner, sent, interested=False, reason=None)
    assert sent.state == S.SENT


def test_an_answer_is_given_once(db, owner, sent, outbox):
    operations.respond_to_proposal(owner, sent, interested=True)
    with pytest.raises(ProposalRefused, match='already been answered'):
        operations.respond_to_proposal(owner, sent, interested=False, reason='skills')
    assert sent.state == S.INTERESTED


def test_a_draft_cannot_be_answered(db, owner, draft):
    with pytest.raises(ProposalRefused, match='Only the organisation'):
        operations.respond_to_proposal(owner, draft, interested=True)
    assert draft.state == S.DRAFT


def test_another_organisation_cannot_answer(db, sent):
    with pytest.raises(ProposalRefused, match='Only the organisation'):
        operations.respond_to_proposal(make_employer(db), sent, interested=True)
    assert sent.state == S.SENT


def test_without_an_accountmanager_the_regions_staff_hear_the_answer(db, region, owner, sent, outbox):
    coordinator = make_staff(db, region=region, kind='coordinator')
    make_staff(db, region=region, is_enabled=False)
    sent.accountmanager = None

    assert operations.respond_to_proposal(owner, sent, interested=True) == 2

    assert sorted(m.recipient for m in outbox) == sorted(['anna@gemeente.nl', coordinator.email])
