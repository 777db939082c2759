"""Periodic work run by `flask run-jobs`, which production schedules from cron every minute.

Each job holds a lease row while it runs, so two `run-jobs` at once (a slow run overlapping
the next, or cron on several app servers) never run the same job twice.
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.jobs import JobLease

logger = logging.getLogger(__name__)

#: a job still running after this long is taken to have died and may be started again
LEASE_TIME = timedelta(minutes=30)
#: cron starts run-jobs once a minute, a second or two sooner or later each time. A job is due this much
#: early, measured from its previous start, so an hourly job keeps running on the hour instead of
#: slipping a minute whenever this run started a moment sooner than the last.
SCHEDULE_SLACK = timedelta(seconds=30)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[datetime], str | None]


JOBS: dict[str, PeriodicJob] = {}


def periodic_job(name: str, *, every: timedelta):
    """Register `func(now) -> summary` to start once per `every`, start to start (timedelta(0): every run)."""
    def register(func: Callable[[datetime], str | None]) -> Callable[[datetime], str | None]:
        JOBS[name] = PeriodicJob(name, every, func)
        return func
    return register


@dataclass
class JobOutcome:
    name: str
    status: str  # 'done', 'not due', 'busy' (another run holds it) or 'error'
    summary: str | None = None


def _ensure_lease_rows(names: list[str]) -> None:
    existing = set(db.session.scalars(select(JobLease.name).where(JobLease.name.in_(names))))
    for name in names:
        if name in existing:
            continue
        try:
            with db.session.begin_nested():
                db.session.add(JobLease(name=name))
        except IntegrityError:
            pass  # another run inserted it first
    db.session.commit()


def _due_since(job: PeriodicJob, now: datetime) -> datetime:
    """The job is due if it last started at or before this moment.

    Measured from the previous start (the `now` of that run), not its finish: a job that takes a
    minute would otherwise drift a minute later every time, and the clock would mix the run's `now`
    with the wall clock.
    """
    return now - job.every + SCHEDULE_SLACK


def _take_lease(job: PeriodicJob, now: datetime, holder: str) -> bool:
    result = db.session.execute(
        update(JobLease)
        .where(JobLease.name == job.name,
               or_(JobLease.leased_until.is_(None), JobLease.leased_until < now),
               or_(JobLease.last_started_at.is_(None), JobLease.last_started_at <= _due_since(job, now)))
        .values(holder=holder, leased_until=now + LEASE_TIME, last_started_at=now)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def _release_lease(job: PeriodicJob, finished_at: datetime, error: str | None) -> None:
    db.session.execute(
        update(JobLease).where(JobLease.name == job.name)
        .values(holder=None, leased_until=None, last_finished_at=finished_at, last_error=error)
        .execution_options(synchronize_session=False))
    db.session.commit()


def _is_due(job: PeriodicJob, now: datetime) -> bool:
    lease = db.session.get(JobLease, job.name)
    return lease is None or lease.last_started_at is None or lease.last_started_at <= _due_since(job, now)


def run_due_jobs(now: datetime | None = None, only: list[str] | None = None) -> list[JobOutcome]:
    """Run every registered job that is due and not running elsewhere; a failing job does not stop the rest."""
    now = now or utcnow()
    holder = f'{socket.gethostname()}:{os.getpid()}'
    jobs = [job for name, job in JOBS.items() if only is None or name in only]
    _ensure_lease_rows([job.name for job in jobs])
    outcomes = []
    for job in jobs:
        if not _is_due(job, now):
            outcomes.append(JobOutcome(job.name, 'not due'))
            continue
        if not _take_lease(job, now, holder):
            outcomes.append(JobOutcome(job.name, 'busy'))
            continue
        try:
            summary = job.run(now)
        except Exception as exc:  # one job's failure must not keep the others from running
            db.session.rollback()
            logger.exception('Periodic job %s failed', job.name)
            _release_lease(job, utcnow(), f'{type(exc).__name__}: {exc}'[:500])
            outcomes.append(JobOutcome(job.name, 'error', str(exc)))
        else:
            _release_lease(job, utcnow(), None)
            outcomes.append(JobOutcome(job.name, 'done', summary))
    return outcomes
