"""`flask run-jobs`: every due job runs, a failing one does not stop the rest, and two runs at once do not collide."""

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import delete

from portal.core.dbtypes import utcnow
from portal.core.jobs import JOBS, periodic_job, run_due_jobs
from portal.extensions import db as _db
from portal.models.jobs import JobLease
from portal.models.outbox import OutboxStatus
from portal.models.tenancy import Region
from tests.factories import make_region
from tests.mail.conftest import RECIPIENT, queue_test_message


@pytest.fixture
def register_job() -> Iterator[Callable]:
    """Register jobs for one test: `register_job('test-x', func, every=timedelta(...))`; removed afterwards."""
    added = []

    def register(name: str, func: Callable, *, every: timedelta = timedelta(0)) -> None:
        assert name not in JOBS
        periodic_job(name, every=every)(func)
        added.append(name)

    yield register
    for name in added:
        JOBS.pop(name, None)


def by_name(outcomes) -> dict[str, tuple[str, str | None]]:
    return {outcome.name: (outcome.status, outcome.summary) for outcome in outcomes}


def test_run_jobs_starts_with_sending_mail(db, outbox, smtp_server):
    message = queue_test_message()
    db.session.commit()

    outcomes = run_due_jobs()

    assert outcomes[0].name == 'send-mail'
    assert (outcomes[0].status, outcomes[0].summary) == ('done', '1 sent, 0 to retry, 0 given up')
    assert [received.recipients for received in smtp_server.received] == [[RECIPIENT]]
    db.session.refresh(message)
    assert message.status is OutboxStatus.SENT
    lease = db.session.get(JobLease, 'send-mail')
    assert lease.last_finished_at is not None
    assert (lease.holder, lease.leased_until, lease.last_error) == (None, None, None)


def test_sending_mail_runs_every_time(db):
    start = utcnow()

    first = run_due_jobs(now=start, only=['send-mail'])
    second = run_due_jobs(now=start, only=['send-mail'])

    assert by_name(first) == by_name(second) == {'send-mail': ('done', '0 sent, 0 to retry, 0 given up')}


def test_an_hourly_job_runs_once_an_hour(db, register_job):
    runs = []
    register_job('test-hourly', lambda now: runs.append(now) or f'run {len(runs)}', every=timedelta(hours=1))
    start = utcnow()

    def run(after: timedelta) -> tuple[str, str | None]:
        return by_name(run_due_jobs(now=start + after, only=['test-hourly']))['test-hourly']

    assert run(timedelta(0)) == ('done', 'run 1')
    assert run(timedelta(minutes=30)) == ('not due', None)
    assert run(timedelta(minutes=59)) == ('not due', None)
    # Cron starts the next run on the hour: it must not slip to a minute later every time.
    assert run(timedelta(hours=1)) == ('done', 'run 2')
    assert run(timedelta(hours=1, minutes=1)) == ('not due', None)
    assert run(timedelta(hours=2)) == ('done', 'run 3')
    assert runs == [start, start + timedelta(hours=1), start + timedelta(hours=2)]


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(db, register_job):
    def broken(now):
        make_region(db, slug='half-werk')  # its half-done work must not be kept
        raise RuntimeError('the register is unreachable')

    register_job('test-broken', broken)
    register_job('test-after', lambda now: 'fine')

    outcomes = run_due_jobs(only=['test-broken', 'test-after'])

    assert by_name(outcomes) == {'test-broken': ('error', 'the register is unreachable'),
                                 'test-after': ('done', 'fine')}
    assert Region.by_slug('half-werk') is None
    lease = db.session.get(JobLease, 'test-broken')
    assert lease.last_error == 'RuntimeError: the register is unreachable'
    assert (lease.holder, lease.leased_until) == (None, None)
    assert lease.last_finished_at is not None


def test_a_failed_job_is_tried_again_and_its_error_cleared(db, register_job):
    attempts = []

    def flaky(now):
        attempts.append(now)
        if len(attempts) == 1:
            raise RuntimeError('first time unlucky')
        return 'second time right'

    register_job('test-flaky', flaky)

    run_due_jobs(only=['test-flaky'])
    outcomes = run_due_jobs(only=['test-flaky'])

    assert by_name(outcomes) == {'test-flaky': ('done', 'second time right')}
    assert db.session.get(JobLease, 'test-flaky').last_error is None


def test_cli_run_jobs_reports_and_exits_non_zero_when_a_job_failed(app, db, register_job):
    def broken(now):
        raise RuntimeError('boom')

    register_job('test-broken', broken)
    register_job('test-fine', lambda now: 'all well')
    runner = app.test_cli_runner()

    failed = runner.invoke(args=['run-jobs', '--only', 'test-broken', '--only', 'test-fine'])
    fine = runner.invoke(args=['run-jobs', '--only', 'test-fine'])

    assert failed.exit_code == 1
    assert failed.output == 'test-broken: error (boom)\ntest-fine: done (all well)\n'
    assert fine.exit_code == 0
    assert fine.output == 'test-fine: done (all well)\n'


def test_cli_run_jobs_refuses_an_unknown_job(app, db):
    result = app.test_cli_runner().invoke(args=['run-jobs', '--only', 'send-mial'])

    assert result.exit_code == 2
    assert 'send-mial' in result.output


def test_two_runs_at_once_run_a_job_only_once(app, register_job):
    """While one run holds a job's lease, a second run (its own thread, session and connection) skips it.

    It needs real commits on separate connections, so it uses the app without the rolled-back `db`
    fixture and deletes its rows at the end.
    """
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow(now):
        calls.append(now)
        started.set()
        assert release.wait(10), 'the test never released the first run'
        return 'slow work done'

    register_job('test-slow', slow)
    first: list = []

    def first_run() -> None:
        with app.app_context():
            first.extend(run_due_jobs(only=['test-slow']))

    thread = threading.Thread(target=first_run)
    thread.start()
    try:
        assert started.wait(10), 'the first run did not start the job'
        with app.app_context():
            second = run_due_jobs(only=['test-slow'])
            lease = _db.session.get(JobLease, 'test-slow')
            assert lease.holder is not None
            assert lease.leased_until is not None
    finally:
        release.set()
        thread.join(10)
    try:
        assert not thread.is_alive()
        assert by_name(second) == {'test-slow': ('busy', None)}
        assert by_name(first) == {'test-slow': ('done', 'slow work done')}
        assert len(calls) == 1
        with app.app_context():
            # With the lease given back, the next run may run it again.
            assert by_name(run_due_jobs(only=['test-slow'])) == {'test-slow': ('done', 'slow work done')}
    finally:
        with app.app_context():
            _db.session.execute(delete(JobLease).where(JobLease.name == 'test-slow'))
            _db.session.commit()
