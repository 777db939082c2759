"""Proposal steps after the employer's interest: introduction, intake, trial, hire, follow-ups and the end; and
every jump the state machine does not allow, refused with nothing changed."""

from datetime import UTC, date, datetime

import pytest

from portal.blueprints.proposals import operations
from portal.blueprints.proposals.operations import ProposalRefused
from portal.models.matching import TRANSITIONS, ProposalState
from tests.factories import make_proposal
from tests.proposals.conftest import events, walk_to

pytestmark = pytest.mark.usefixtures('request_context')
S = ProposalState
ON = date(2026, 2, 2)


@pytest.fixture
def interested(db, sent, owner, accountmanager, outbox):
    walk_to(sent, 'interested', accountmanager, owner)
    outbox.clear()
    return sent


# Introduction ------------------------------------------------------------------------------------------------

def test_introduce_records_consent_shares_identity_and_mails_without_it(db, accountmanager, owner, interested,
                                                                         outbox):
    mailed = operations.introduce_candidate(accountmanager, interested, consent_on=ON, has_consent=True,
                                            name=' Zerubbabel Jansen ', phone='06 12345678', email=None)

    assert mailed == 1
    assert interested.state == S.INTRODUCED
    assert interested.shows_identity
    assert (interested.identity_consent_on, interested.shared_name) == (ON, 'Zerubbabel Jansen')
    assert interested.shared_phone == '06 12345678'
    assert interested.shared_email is None
    assert events(db, 'proposal.introduce')[0].details == {'from': 'interested', 'to': 'introduced',
                                                           'consent_on': '2026-02-02'}
    [disclosed] = events(db, 'proposal.identity_disclosed')
    assert disclosed.details['shared'] == ['name', 'phone']
    assert disclosed.details['organisation_id'] == interested.organisation_id
    [message] = outbox
    assert message.recipient == owner.email
    assert 'introduction' in message.subject
    for private in ('Zerubbabel', '12345678'):
        assert private not in message.body_text


@pytest.mark.parametrize(('fields', 'message'), [
    ({'has_consent': False}, 'consented'),
    ({'consent_on': None}, 'consented'),
    ({'consent_on': date(2099, 1, 1)}, 'future'),
    ({'phone': None, 'email': ' '}, 'phone number or an email'),
    ({'name': ''}, 'Share the name'),
])
def test_introduce_refuses_without_consent_or_contact(db, accountmanager, interested, fields, message):
    given = {'consent_on': ON, 'has_consent': True, 'name': 'Z. Jansen', 'phone': '06 12345678', 'email': None}
    with pytest.raises(ProposalRefused, match=message):
        operations.introduce_candidate(accountmanager, interested, **{**given, **fields})
    assert interested.state == S.INTERESTED
    assert not interested.shows_identity
    assert events(db, 'proposal.identity_disclosed') == []


# Intake, trial, hire --------------------------------------------------------------------------------------------

def test_intake_then_trial_with_its_planned_end(db, accountmanager, owner, sent, outbox):
    walk_to(sent, 'intake', accountmanager, owner)
    assert sent.state == S.INTAKE
    assert sent.intake_on == ON

    operations.start_trial(accountmanager, sent, starts_on=ON, ends_on=date(2026, 8, 2))

    assert sent.state == S.TRIAL
    assert (sent.trial_starts_on, sent.trial_ends_on) == (ON, date(2026, 8, 2))
    assert events(db, 'proposal.trial')[0].details['ends_on'] == '2026-08-02'


@pytest.mark.parametrize(('ends_on', 'message'), [(date(2026, 8, 3), 'at most 6 months'),
                                                  (ON, 'after the start')])
def test_a_trial_longer_than_six_months_or_ending_before_it_starts_is_refused(db, accountmanager, owner, sent,
                                                                               outbox, ends_on, message):
    walk_to(sent, 'intake', accountmanager, owner)
    with pytest.raises(ProposalRefused, match=message):
        operations.start_trial(accountmanager, sent, starts_on=ON, ends_on=ends_on)
    assert sent.state == S.INTAKE
    assert sent.trial_ends_on is None


def test_hire_plans_follow_ups_at_3_6_and_12_months(db, accountmanager, owner, sent, outbox):
    walk_to(sent, 'intake', accountmanager, owner)

    follow_ups = operations.record_hire(accountmanager, sent, contract_type='permanent', hours_per_week=28,
                                        starts_on=date(2026, 3, 31), instruments=['no_risk_policy', 'job_coach'])

    assert sent.state == S.HIRED
    assert (sent.contract_type, sent.hours_per_week, sent.job_starts_on) == ('permanent', 28, date(2026, 3, 31))
    assert sent.instruments == ['no_risk_policy', 'job_coach']
    assert [(f.month, f.due_on) for f in follow_ups] == [(3, date(2026, 6, 30)), (6, date(2026, 9, 30)),
                                                         (12, date(2027, 3, 31))]
    assert events(db, 'proposal.hire')[0].details['from'] == 'intake'


@pytest.mark.parametrize(('fields', 'message'), [
    ({'hours_per_week': 61}, 'between 1 and 60'),
    ({'hours_per_week': 0}, 'between 1 and 60'),
    ({'contract_type': 'forever'}, 'kind of contract'),
    ({'instruments': ['free_lunch']}, 'instruments'),
    ({'starts_on': None}, 'first|day the job starts'),
])
def test_hire_refuses_what_does_not_fit(db, accountmanager, owner, sent, outbox, fields, message):
    walk_to(sent, 'trial', accountmanager, owner)
    given = {'contract_type': 'fixed_term', 'hours_per_week': 32, 'starts_on': ON, 'instruments': []}
    with pytest.raises(ProposalRefused, match=message):
        operations.record_hire(accountmanager, sent, **{**given, **fields})
    assert sent.state == S.TRIAL
    assert sent.follow_ups == []


# Dates in their order: sent, intake, trial, job -----------------------------------------------------------------

def test_an_intake_before_the_proposal_was_sent_is_refused(db, accountmanager, owner, sent, outbox):
    walk_to(sent, 'introduced', accountmanager, owner)  # sent on 1 February, in the morning
    with pytest.raises(ProposalRefused, match='before the proposal was sent on February 1, 2026'):
        operations.record_intake(accountmanager, sent, intake_on=date(2026, 1, 31))
    assert (sent.state, sent.intake_on) == (S.INTRODUCED, None)
    assert events(db, 'proposal.intake') == []

    operations.record_intake(accountmanager, sent, intake_on=date(2026, 2, 1))  # the same day is fine
    assert sent.state == S.INTAKE


def test_the_sending_day_is_the_dutch_day(db, accountmanager, owner, sent, outbox):
    walk_to(sent, 'introduced', accountmanager, owner)
    sent.sent_at = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 February in the Netherlands
    with pytest.raises(ProposalRefused, match='February 1, 2026'):
        operations.record_intake(accountmanager, sent, intake_on=date(2026, 1, 31))


def test_a_trial_before_the_intake_is_refused(db, accountmanager, owner, sent, outbox):
    walk_to(sent, 'intake', accountmanager, owner)
    with pytest.raises(ProposalRefused, match='cannot start before the intake on February 2, 2026'):
        operations.start_trial(accountmanager, sent, starts_on=date(2026, 2, 1), ends_on=date(2026, 3, 1))
    assert sent.state == S.INTAKE


@pytest.mark.parametrize(('state', 'starts_on', 'message'), [
    ('intake', date(2026, 2, 1), 'job cannot start before the intake on February 2, 2026'),
    ('trial', date(2026, 2, 1), 'job cannot start before the trial placement started on February 2, 2026'),
])
def test_a_job_start_before_the_intake_or_trial_is_refused(db, accountmanager, owner, sent, outbox, state,
                                                           starts_on, message):
    walk_to(sent, state, accountmanager, owner)
    with pytest.raises(ProposalRefused, match=message):
        operations.record_hire(accountmanager, sent, contract_type='permanent', hours_per_week=24,
                               starts_on=starts_on)
    assert sent.state == S(state)
    assert sent.follow_ups == []


def test_a_job_start_later_in_the_trial_is_accepted(db, accountmanager, owner, sent, outbox):
    walk_to(sent, 'trial', accountmanager, owner)
    operations.record_hire(accountmanager, sent, contract_type='permanent', hours_per_week=24,
                           starts_on=date(2026, 3, 2))
    assert sent.state == S.HIRED


# Follow-ups and the end -------------------------------------------------------------------------------------------

@pytest.fixture
def hired(db, sent, accountmanager, owner, outbox):
    return walk_to(sent, 'hired', accountmanager, owner, on=date(2025, 6, 2))


def test_a_follow_up_is_recorded_once_it_is_due(db, accountmanager, hired):
    three, six, twelve = hired.follow_ups
    with pytest.raises(ProposalRefused, match='due on'):
        operations.record_follow_up(accountmanager, three, still_employed=True, today=date(2025, 9, 1))

    operations.record_follow_up(accountmanager, three, still_employed=True, note=' Gaat goed. ',
                                today=date(2025, 9, 2))

    assert three.is_done
    assert three.still_employed
    assert three.note == 'Gaat goed.'
    assert three.recorded_by_id == accountmanager.id
    assert events(db, 'proposal.follow_up')[0].details == {'follow_up_id': three.id, 'month': 3,
                                                          'still_employed': True}
    with pytest.raises(ProposalRefused, match='already been recorded'):
        operations.record_follow_up(accountmanager, three, still_employed=False, today=date(2025, 9, 2))


def test_retained_only_after_the_12_month_follow_up_says_so(db, accountmanager, hired):
    with pytest.raises(ProposalRefused, match='12-month follow-up'):
        operations.end_proposal(accountmanager, hired, reason='retained', returned_to_benefits=False)
    assert hired.state == S.HIRED

    operations.record_follow_up(accountmanager, hired.follow_ups[2], still_employed=True, today=date(2026, 6, 2))
    operations.end_proposal(accountmanager, hired, reason='retained', returned_to_benefits=False)

    assert hired.state == S.ENDED
    assert hired.end_reason == 'retained'
    assert hired.returned_to_benefits is False
    assert events(db, 'proposal.end')[0].details == {'from': 'hired', 'to': 'ended', 'reason': 'retained',
                                                    'returned_to_benefits': False}


def test_a_no_at_a_follow_up_is_followed_by_ending_with_the_reason(db, accountmanager, hired):
    operations.record_follow_up(accountmanager, hired.follow_ups[0], still_employed=False, today=date(2025, 9, 2))
    assert hired.state == S.HIRED

    operations.end_proposal(accountmanager, hired, reason='dismissed', returned_to_benefits=True,
                            text='Te vaak te laat.')

    assert hired.state == S.ENDED
    assert hired.returned_to_benefits is True
    assert hired.end_text == 'Te vaak te laat.'
    assert hired.ended_at is not None
    assert hired.events[-1].note == 'Te vaak te laat.'


@pytest.mark.parametrize(('fields', 'message'), [
    ({'reason': 'other', 'text': ''}, 'few words'),
    ({'reason': 'bored'}, 'reason it ended'),
    ({'returned_to_benefits': None}, 'returned to benefits'),
])
def test_end_refuses_an_incomplete_answer(db, accountmanager, hired, fields, message):
    given = {'reason': 'resigned', 'returned_to_benefits': False, 'text': None}
    with pytest.raises(ProposalRefused, match=message):
        operations.end_proposal(accountmanager, hired, **{**given, **fields})
    assert hired.state == S.HIRED


# Every jump the state machine does not allow ------------------------------------------------------------------------

STEPS = {
    'send': (S.SENT, lambda actor, p: operations.send_proposal(actor, p)),
    'withdraw': (S.WITHDRAWN, lambda actor, p: operations.withdraw_proposal(actor, p, reason='Niet meer nodig.')),
    'introduce': (S.INTRODUCED, lambda actor, p: operations.introduce_candidate(
        actor, p, consent_on=ON, has_consent=True, name='Z. Jansen', phone='06 12345678')),
    'intake': (S.INTAKE, lambda actor, p: operations.record_intake(actor, p, intake_on=ON)),
    'trial': (S.TRIAL, lambda actor, p: operations.start_trial(actor, p, starts_on=ON, ends_on=date(2026, 3, 2))),
    'hire': (S.HIRED, lambda actor, p: operations.record_hire(actor, p, contract_type='permanent',
                                                               hours_per_week=24, starts_on=ON)),
    'end': (S.ENDED, lambda actor, p: operations.end_proposal(actor, p, reason='resigned',
                                                              returned_to_benefits=False)),
}
REFUSED = [(state, step) for state in ProposalState for step, (target, _) in STEPS.items()
           if target not in TRANSITIONS[state]]


@pytest.mark.parametrize(('state', 'step'), REFUSED, ids=[f'{s.value}-{step}' for s, step in REFUSED])
def test_a_step_the_state_does_not_allow_is_refused_and_changes_nothing(db, accountmanager, need, candidate, outbox,
                                                                        state, step):
    proposal = make_proposal(db, need=need, candidate=candidate, state=state.value, accountmanager=accountmanager)
    before = len(proposal.events)

    with pytest.raises(ProposalRefused, match='not possible now'):
        STEPS[step][1](accountmanager, proposal)

    assert proposal.state == state
    assert len(proposal.events) == before
    assert outbox == []


@pytest.mark.parametrize('state', [s for s in ProposalState if s != S.SENT])
def test_the_employer_answers_only_a_sent_proposal(db, owner, need, candidate, state):
    proposal = make_proposal(db, need=need, candidate=candidate, state=state.value)
    with pytest.raises(ProposalRefused):
        operations.respond_to_proposal(owner, proposal, interested=True)
    assert proposal.state == state


def test_the_employer_takes_no_staff_step(db, owner, interested):
    with pytest.raises(ProposalRefused, match='staff of the region'):
        operations.introduce_candidate(owner, interested, consent_on=ON, has_consent=True, name='Z', phone='0612345678')
    assert interested.state == S.INTERESTED
