"""The daily reminder: due follow-ups and proposals the employer leaves unanswered, one mail per accountmanager."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from portal.blueprints.proposals.jobs import follow_up_reminders_job
from portal.core.dbtypes import utcnow
from portal.core.jobs import JOBS, run_due_jobs
from portal.models.matching import FollowUp
from tests.factories import make_candidate, make_need, make_organisation, make_proposal, make_staff
from tests.proposals.conftest import events

PORTAL = 'https://kansenkamer.example.nl'
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def portal_url(app, monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', PORTAL)


def hired(db, need, candidate, accountmanager, **fields):
    proposal = make_proposal(db, need=need, candidate=candidate, state='hired', accountmanager=accountmanager,
                             job_starts_on=date(2026, 8, 1), **fields)
    proposal.follow_ups = [FollowUp(month=m, due_on=due) for m, due in ((3, date(2026, 11, 1)),
                                                                        (6, date(2027, 2, 1)),
                                                                        (12, date(2027, 8, 1)))]
    db.session.flush()
    return proposal


def test_the_job_is_registered_to_run_daily():
    assert JOBS['follow-up-reminders'].every == timedelta(hours=24)


def test_a_due_follow_up_is_reminded_once_with_a_link(db, need, candidate, accountmanager, outbox):
    proposal = hired(db, need, candidate, accountmanager)

    summary = follow_up_reminders_job(NOW)

    assert summary == '1 reminder mails queued, 1 follow-ups due'
    three, six, twelve = proposal.follow_ups
    assert three.reminded_at == NOW
    assert six.reminded_at is None
    [message] = outbox
    assert message.recipient == accountmanager.email
    assert message.locale == 'en'
    assert f'{PORTAL}/medewerkers/voorstellen/{proposal.id}#nazorg' in message.body_text
    assert f'{candidate.code} at {proposal.organisation.name}: 3 months' in message.body_text
    assert candidate.first_name not in message.body_text
    assert events(db, 'proposal.remind_follow_up')[0].details['month'] == 3

    outbox.clear()
    assert follow_up_reminders_job(NOW + timedelta(days=1)) == '0 reminder mails queued, 0 follow-ups due'
    assert outbox == []


def test_recorded_not_due_or_ended_follow_ups_are_not_reminded(db, region, need, candidate, accountmanager, skills,
                                                                outbox):
    recorded = hired(db, need, candidate, accountmanager)
    recorded.follow_ups[0].recorded_at = utcnow()
    ended = hired(db, need, make_candidate(db, region=region, skills=skills), accountmanager)
    ended.state = 'ended'

    assert follow_up_reminders_job(NOW) == '0 reminder mails queued, 0 follow-ups due'
    assert outbox == []


def test_one_mail_per_accountmanager_with_their_late_proposals_too(db, region, need, candidate, accountmanager,
                                                                   skills, outbox):
    colleague = make_staff(db, region=region, locale='nl')
    hired(db, need, candidate, accountmanager)
    late = make_proposal(db, need=need, candidate=make_candidate(db, region=region, skills=skills), state='sent',
                         accountmanager=accountmanager, sent_at=NOW - timedelta(days=25))
    newly_late = make_proposal(db, need=need, candidate=make_candidate(db, region=region, skills=skills),
                               state='sent', accountmanager=colleague, sent_at=NOW - timedelta(days=10, hours=3))

    follow_up_reminders_job(NOW)

    mails = {message.recipient: message for message in outbox}
    assert set(mails) == {accountmanager.email, colleague.email}
    mine = mails[accountmanager.email].body_text
    assert '3 months' in mine
    assert f'/medewerkers/voorstellen/{late.id}\n' in mine
    assert 'waiting 25 days' in mine
    theirs = mails[colleague.email]
    assert theirs.locale == 'nl'
    assert f'/medewerkers/voorstellen/{newly_late.id}\n' in theirs.body_text


def test_a_proposal_that_was_late_already_does_not_mail_again_on_its_own(db, region, need, candidate,
                                                                        accountmanager, outbox):
    make_proposal(db, need=need, candidate=candidate, state='sent', accountmanager=accountmanager,
                  sent_at=NOW - timedelta(days=25), late_reminded_at=NOW - timedelta(days=11))

    assert follow_up_reminders_job(NOW).startswith('0 reminder mails')
    assert outbox == []


def test_a_late_proposal_is_reminded_once_whenever_the_job_runs(db, region, need, candidate, accountmanager,
                                                                 outbox):
    # late for 15 days, and never reminded (the job did not run meanwhile): it is news now, not never
    late = make_proposal(db, need=need, candidate=candidate, state='sent', accountmanager=accountmanager,
                         sent_at=NOW - timedelta(days=25))

    assert follow_up_reminders_job(NOW).startswith('1 reminder mails')
    assert late.late_reminded_at == NOW
    [audit] = events(db, 'proposal.remind_late')
    assert audit.object_id == str(late.id)
    [message] = outbox
    assert 'waiting 25 days' in message.body_text

    # the next run comes early (the scheduler's slack) or a day later: no second mail for the same proposal
    outbox.clear()
    for when in (NOW + timedelta(hours=22), NOW + timedelta(days=1)):
        assert follow_up_reminders_job(when).startswith('0 reminder mails')
    assert outbox == []
    assert late.late_reminded_at == NOW
    assert len(events(db, 'proposal.remind_late')) == 1


def test_a_proposal_answered_in_time_is_not_reminded(db, need, candidate, accountmanager, outbox):
    recent = make_proposal(db, need=need, candidate=candidate, state='sent', accountmanager=accountmanager,
                           sent_at=NOW - timedelta(days=9))
    assert follow_up_reminders_job(NOW).startswith('0 reminder mails')
    assert recent.late_reminded_at is None


def test_the_reminder_reads_each_regions_staff_once_and_the_organisations_in_one_query(db, region, skills,
                                                                                       accountmanager, outbox):
    names = []
    for _ in range(4):  # follow-ups due at four employers without an accountmanager: the region's staff hear of each
        elsewhere = make_need(db, organisation=make_organisation(db, region=region), state='published')
        names.append(elsewhere.organisation.name)
        hired(db, elsewhere, make_candidate(db, region=region, skills=skills), None)
    db.session.expire_all()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, 'before_cursor_execute', count)
    try:
        follow_up_reminders_job(NOW)
    finally:
        event.remove(db.engine, 'before_cursor_execute', count)

    staff_reads = [s for s in statements if 'staff_roles' in s and 'FROM users' in s]
    organisation_reads = [s for s in statements if s.lstrip().upper().startswith('SELECT')
                          and 'FROM organisations' in s]
    assert len(staff_reads) == 1
    assert len(organisation_reads) == 1
    assert len(outbox) == 1
    assert all(name in outbox[0].body_text for name in names)


def test_without_an_accountmanager_the_regions_staff_are_reminded(db, region, need, candidate, accountmanager,
                                                                  outbox):
    coordinator = make_staff(db, region=region, kind='coordinator')
    hired(db, need, candidate, None)

    follow_up_reminders_job(NOW)

    assert sorted(m.recipient for m in outbox) == sorted([accountmanager.email, coordinator.email])


def test_run_jobs_runs_it(db, need, candidate, accountmanager, outbox):
    proposal = hired(db, need, candidate, accountmanager)

    [outcome] = run_due_jobs(now=NOW, only=['follow-up-reminders'])

    assert outcome.status == 'done'
    assert proposal.follow_ups[0].reminded_at is not None
    assert len(outbox) == 1
