"""Benchmark of the staff's demand pages on a region-sized database, run by `make bench`.

It builds a fresh database (a SQLite file in a temporary folder; PostgreSQL when
BENCH_DATABASE_URL names a database whose name contains "bench", which is dropped and created
through the `postgres` maintenance database), migrates it, bulk-inserts 10,000 organisations in
the two demo regions and 50,000 postings (staffing needs with skills, innovation plans with
effects, their reviews) in realistic state mixes, and then, signed in as an accountmanager of
Vechtdal on the Flask test client, requests each page N times per variant: the region's demand
list with several filters, the moderation queue and the outlook.

Every figure is printed on its own line as `name: value unit`; lines starting with # are notes.

    .venv/bin/python benchmarks/demand.py [--organisations 10000] [--postings 50000] [--repeat 30] [--keep]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import flask_migrate
import sqlalchemy as sa
from flask import Flask, url_for
from flask_login.utils import _create_identifier
from sqlalchemy.engine import make_url

if __package__ in (None, ''):  # run as a script: make the repository importable like the tests do
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.seed import Seeded, seed  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402

DEFAULT_ORGANISATIONS = 10_000
DEFAULT_POSTINGS = 50_000
DEFAULT_REPEAT = 30


# The database ------------------------------------------------------------------------------

@contextmanager
def bench_database(url: str | None = None, keep: bool = False) -> Iterator[str]:
    """A fresh, empty database URL: a temporary SQLite file, or the PostgreSQL database `url` names (recreated)."""
    if not url:
        with tempfile.TemporaryDirectory(prefix='kansenkamer-bench-') as folder:
            path = Path(folder) / 'bench.sqlite'
            yield f'sqlite:///{path}'
            if keep:
                kept = Path(tempfile.gettempdir()) / 'kansenkamer-bench.sqlite'
                path.replace(kept)
                print(f'# kept the database in {kept}')
        return
    target = make_url(url)
    if 'bench' not in (target.database or ''):
        raise SystemExit(f'BENCH_DATABASE_URL must name a database with "bench" in its name (it is dropped and '
                         f'created again), not {target.database!r}')
    maintenance = sa.create_engine(target.set(database='postgres'), isolation_level='AUTOCOMMIT')

    def drop() -> None:
        with maintenance.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))

    try:
        drop()
        with maintenance.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
        yield target.render_as_string(hide_password=False)
    finally:
        if keep:
            print(f'# kept the database {target.database}')
        else:
            drop()
        maintenance.dispose()


def make_app(database_url: str) -> Flask:
    """The portal under the testing settings, on `database_url`, migrated to the newest revision."""
    previous = os.environ.get('TEST_DATABASE_URL')
    os.environ['TEST_DATABASE_URL'] = database_url
    try:
        app = create_app('testing')
    finally:
        if previous is None:
            os.environ.pop('TEST_DATABASE_URL')
        else:
            os.environ['TEST_DATABASE_URL'] = previous
    with app.app_context():
        flask_migrate.upgrade()
    return app


# Measuring ---------------------------------------------------------------------------------

@dataclass
class Page:
    """One measured page: its name in the report and the URLs (filter variants) requested N times each."""

    name: str
    urls: list[str]
    timings: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    note: str = ''


class StatementCounter:
    """Counts the SQL statements the app's engine sends, with a before_cursor_execute listener."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        sa.event.listen(engine, 'before_cursor_execute', self._count)

    def _count(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.count += 1


def _sign_in(app: Flask, client, user_id: int, session_version: int) -> None:
    """As tests/conftest.py's `login`: a session for the user, without the sign-in form."""
    with app.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()
    with client.session_transaction() as session:
        session['_user_id'] = f'{user_id}:{session_version}'
        session['_fresh'] = True
        session['_id'] = identifier


def pages_to_measure(app: Flask, seeded: Seeded) -> list[Page]:
    with app.test_request_context():
        demand_variants = [
            {},
            {'termijn': 'now'},
            {'beroep': seeded.busy_occupation_id, 'gemeente': seeded.municipality_id},
            {'vaardigheid': seeded.busy_skill_id, 'lks': 'y'},
            {'status': 'alle', 'sorteer': 'horizon'},
            {'zoek': 'medewerker', 'sorteer': 'organisation'},
        ]
        return [
            Page('demand_list', [url_for('regional.demand', **args) for args in demand_variants]),
            Page('review_queue', [url_for('review.queue'), url_for('review.queue', pagina=2)]),
            Page('outlook', [url_for('regional.outlook'), url_for('regional.outlook', horizon='years_2_5'),
                             url_for('regional.outlook', municipality=seeded.municipality_id)]),
        ]


def measure(app: Flask, seeded: Seeded, repeat: int) -> list[Page]:
    """Request every variant of every page `repeat` times; a page that does not answer 200 is left out, with a note."""
    with app.app_context():
        counter = StatementCounter(db.engine)
    client = app.test_client()
    _sign_in(app, client, seeded.staff_id, 1)
    pages = pages_to_measure(app, seeded)
    for page in pages:
        for url in page.urls:
            try:
                warm = client.get(url)  # the first request compiles templates and statements
            except Exception as exc:  # the testing settings re-raise errors: note the page, measure the rest
                page.note = f'{url} failed: {exc!r}'
                break
            if warm.status_code != 200:
                page.note = f'{url} answered {warm.status_code}'
                break
            for _ in range(repeat):
                counter.count = 0
                started = time.perf_counter()
                response = client.get(url)
                page.timings.append((time.perf_counter() - started) * 1000)
                page.statements.append(counter.count)
                if response.status_code != 200:
                    raise RuntimeError(f'{url} answered {response.status_code}')
        if page.note:
            page.timings.clear()
            page.statements.clear()
    return pages


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method='inclusive')[94]


def _ms(value: float) -> str:
    return f'{value:.0f}' if value >= 10 else f'{value:.1f}'


def report(pages: list[Page], seed_seconds: float) -> list[str]:
    lines = [f'seed_seconds: {seed_seconds:.1f} s']
    for page in pages:
        if page.note:
            lines.append(f'# {page.name}: {page.note}')
        if not page.timings:
            continue
        lines += [f'{page.name}_p50: {_ms(statistics.median(page.timings))} ms',
                  f'{page.name}_p95: {_ms(p95(page.timings))} ms',
                  f'{page.name}_queries: {max(page.statements)} queries']
        if min(page.statements) != max(page.statements):
            lines.append(f'# {page.name}: between {min(page.statements)} and {max(page.statements)} statements '
                         'per request, by filter variant')
    return lines


def run(organisations: int = DEFAULT_ORGANISATIONS, postings: int = DEFAULT_POSTINGS, repeat: int = DEFAULT_REPEAT,
        database_url: str | None = None, keep: bool = False, out: Callable[[str], None] = print) -> list[str]:
    """The whole benchmark; returns (and passes to `out`) the report lines."""
    with bench_database(database_url, keep=keep) as url:
        app = make_app(url)
        dialect = make_url(url).get_backend_name()
        out(f'# database: {dialect}; seeding {organisations} organisations and {postings} postings')
        started = time.perf_counter()
        with app.app_context():
            seeded = seed(organisations=organisations, postings=postings)
        seed_seconds = time.perf_counter() - started
        out(f'# seeded {seeded.summary}; measuring {repeat} requests per variant')
        pages = measure(app, seeded, repeat)
        lines = report(pages, seed_seconds)
        for line in lines:
            out(line)
        with app.app_context():
            db.engine.dispose()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--organisations', type=int, default=DEFAULT_ORGANISATIONS)
    parser.add_argument('--postings', type=int, default=DEFAULT_POSTINGS)
    parser.add_argument('--repeat', type=int, default=DEFAULT_REPEAT, help='requests per page variant')
    parser.add_argument('--keep', action='store_true', help='keep the database afterwards')
    args = parser.parse_args(argv)
    run(args.organisations, args.postings, args.repeat, database_url=os.environ.get('BENCH_DATABASE_URL'),
        keep=args.keep or bool(os.environ.get('BENCH_KEEP')))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
