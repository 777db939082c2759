"""Sending scores the pair again as it stands; withdrawing a proposal the employer already had tells them (also when
the caseload withdraws it because the person withdrew consent or left)."""

from decimal import Decimal

import pytest

from portal.blueprints.caseload import operations as caseload
from portal.blueprints.matching.profiles import score
from portal.blueprints.proposals import operations
from portal.blueprints.proposals.operations import ProposalRefused
from portal.core.dbtypes import today
from portal.matching import RULES_VERSION
from portal.models.caseload import ConsentScope
from portal.models.matching import ProposalState
from tests.proposals.conftest import FIRST_NAME, REFERENCE, events, walk_to

pytestmark = pytest.mark.usefixtures('request_context')
S = ProposalState


# Sending ------------------------------------------------------------------------------------------------------

def test_sending_scores_the_pair_again_and_stores_todays_parts(db, accountmanager, draft, candidate, outbox):
    # the draft was scored under older rules; the job seeker's skills have changed since
    draft.score_parts, draft.score, draft.rules_version = [], Decimal('12.0'), '2020.01-1'
    candidate.skill_links.pop()
    db.session.flush()
    expected = score(candidate, draft.need, today())

    operations.send_proposal(accountmanager, draft)

    assert draft.state == S.SENT
    assert draft.score_parts == expected.as_json()
    assert draft.score == Decimal(expected.total_tenths) / 10
    assert draft.rules_version == RULES_VERSION
    assert float(draft.score) == pytest.approx(sum(part['points'] for part in draft.score_parts))
    assert [p['facts'] for p in draft.card['parts'] if p['name'] == 'skills'] == [
        p['facts'] for p in expected.as_json() if p['name'] == 'skills']
    assert events(db, 'proposal.send')[0].details['score'] == float(draft.score)


@pytest.mark.parametrize(('change', 'reason'), [('hours', 'hours the job seeker can work do not fit'),
                                                ('support', 'needs support the employer does not offer')])
def test_a_pair_the_hard_conditions_now_exclude_is_not_sent(db, accountmanager, draft, candidate, need, outbox,
                                                            change, reason):
    if change == 'hours':
        candidate.hours_min, candidate.hours_max = 4, 8
    else:
        candidate.support_needs = ['job_coach']
        need.open_to_job_coach = False
    score_before, parts_before = draft.score, draft.score_parts

    with pytest.raises(ProposalRefused, match='can no longer be proposed') as refused:
        operations.send_proposal(accountmanager, draft)

    assert reason in str(refused.value)
    assert draft.state == S.DRAFT
    assert (draft.score, draft.score_parts, draft.card, draft.sent_at) == (score_before, parts_before, None, None)
    assert events(db, 'proposal.send') == []
    assert outbox == []

# Withdrawing --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('state', ['sent', 'interested'])
def test_withdrawing_what_the_employer_had_mails_them_without_the_reason(db, accountmanager, owner, sent, outbox,
                                                                           state):
    if state == 'interested':
        walk_to(sent, 'interested', accountmanager, owner)
        outbox.clear()

    mailed = operations.withdraw_proposal(accountmanager, sent, reason='Verhuisd naar Zwolle.')

    assert mailed == 1
    assert sent.state == S.WITHDRAWN
    [message] = outbox
    assert message.recipient == owner.email
    assert 'withdrawn' in message.subject
    assert 'Orderpicker avond' in message.subject
    assert f'/voorstellen/{sent.id}' in message.body_text
    for private in ('Zwolle', FIRST_NAME, REFERENCE):
        assert private not in message.body_text
    assert events(db, 'proposal.withdraw')[0].details == {'from': state, 'to': 'withdrawn'}


def test_withdrawing_a_draft_mails_nobody(db, accountmanager, draft, outbox):
    assert operations.withdraw_proposal(accountmanager, draft, reason='Verkeerde behoefte gekozen.') == 0
    assert draft.state == S.WITHDRAWN
    assert outbox == []


def test_a_refused_withdrawal_mails_nobody(db, accountmanager, sent, outbox):
    with pytest.raises(ProposalRefused, match='reason'):
        operations.withdraw_proposal(accountmanager, sent, reason=' ')
    assert outbox == []


@pytest.mark.parametrize('how', ['consent', 'leaving'])
def test_the_caseload_withdraws_through_the_proposals_own_step(db, accountmanager, owner, sent, draft_of_other_need,
                                                                outbox, how):
    candidate = sent.candidate
    if how == 'consent':
        withdrawn = caseload.withdraw_consent(accountmanager, candidate,
                                              candidate.active_consent(ConsentScope.PROPOSALS))
        reason = 'consent_withdrawn'
    else:
        withdrawn = caseload.leave_caseload(accountmanager, candidate, reason='found_work')
        reason = 'candidate_left'

    assert withdrawn == 2
    assert (sent.state, draft_of_other_need.state) == (S.WITHDRAWN, S.WITHDRAWN)
    audits = {int(e.object_id): e for e in events(db, 'proposal.withdraw')}
    assert audits[sent.id].details == {'from': 'sent', 'to': 'withdrawn', 'reason': reason}
    assert audits[draft_of_other_need.id].details == {'from': 'draft', 'to': 'withdrawn', 'reason': reason}
    assert events(db, 'proposal.withdrawn') == []
    assert sent.events[-1].data == {'reason': reason}
    # only the employer who had the card hears of it, and not why
    [message] = outbox
    assert message.recipient == owner.email
    assert sent.events[-1].note not in message.body_text
    assert 'consent' not in message.body_text.lower()


@pytest.fixture
def draft_of_other_need(db, accountmanager, organisation, owner, skills, candidate):
    from tests.factories import make_need

    other = make_need(db, organisation=organisation, created_by=owner, state='published', title='Inpakker',
                      skills=skills[:2], postcode='7771 AB', open_to_trial_placement=True)
    return operations.create_proposal(accountmanager, other, candidate,
                                      motivation='Past ook goed bij het inpakwerk in de ochtend.')


def test_withdrawing_a_sent_proposal_from_the_page_tells_the_employer(db, client, login, post, accountmanager, owner,
                                                                      sent, outbox):
    login(accountmanager)

    page = post(f'/medewerkers/voorstellen/{sent.id}/intrekken', {'withdraw-reason': 'Verhuisd naar Zwolle.'},
                follow_redirects=True).text

    assert sent.state == S.WITHDRAWN
    assert 'The proposal is withdrawn. We have let 1 person at the employer know by mail.' in page
    [message] = outbox
    assert message.recipient == owner.email
    assert 'Zwolle' not in message.body_text
