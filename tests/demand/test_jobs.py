"""The hourly demand job: expiring needs and reminders, outside any request, with links from PORTAL_URL."""

from datetime import timedelta

from portal.blueprints.demand import operations
from portal.blueprints.demand.jobs import demand_expiry_job
from portal.core.dbtypes import utcnow
from portal.core.jobs import JOBS, run_due_jobs
from portal.models.moderation import PostingState
from tests.demand.conftest import events
from tests.factories import make_need


def test_the_job_is_registered_to_run_every_hour():
    assert JOBS['demand-expiry'].every == timedelta(hours=1)


def test_the_job_expires_and_reminds_with_a_full_link_from_portal_url(app, db, organisation, owner, outbox,
                                                                      monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', 'https://kansenkamer.example.nl')
    old = make_need(db, organisation=organisation, state='published', ends_on=operations.today() - timedelta(days=1))
    soon = make_need(db, organisation=organisation, state='published', ends_on=operations.today() + timedelta(days=7))

    summary = demand_expiry_job(utcnow())

    assert summary == '1 needs expired, 1 reminders queued'
    assert old.state == PostingState.EXPIRED
    [message] = outbox
    assert message.recipient == owner.email
    assert f'https://kansenkamer.example.nl/vraag/behoeften/{soon.id}#verlengen' in message.body_text
    assert len(events(db, 'need.expire')) == 1


def test_without_portal_url_the_reminder_links_to_the_path(app, db, organisation, outbox, monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', None)
    soon = make_need(db, organisation=organisation, state='published', ends_on=operations.today() + timedelta(days=1))

    demand_expiry_job(utcnow())

    [message] = outbox
    assert f'\n/vraag/behoeften/{soon.id}#verlengen\n' in message.body_text
    assert 'http://localhost' not in message.body_text


def test_run_jobs_runs_it(app, db, organisation, outbox, monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', 'https://kansenkamer.example.nl')
    need = make_need(db, organisation=organisation, state='published', ends_on=operations.today() - timedelta(days=3))

    [outcome] = run_due_jobs(only=['demand-expiry'])

    assert outcome.status == 'done'
    assert need.state == PostingState.EXPIRED
