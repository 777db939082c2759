"""The benchmark script on a tiny dataset: it seeds what the models would write, measures every page, and
prints each figure as `name: value unit`."""

import os
import re

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from benchmarks.demand import bench_database, make_app, measure, report, run
from benchmarks.seed import seed
from portal.extensions import db
from portal.models.demand import InnovationPlan, StaffingNeed
from portal.models.moderation import PostingState, Review, ReviewState

FIGURE = re.compile(r'^(?P<name>[a-z0-9_]+): (?P<value>\d+(\.\d+)?) (?P<unit>ms|queries|s)$')
EXPECTED = {'seed_seconds': 's'} | {f'{page}_{figure}': unit
                                    for page in ('demand_list', 'review_queue', 'outlook')
                                    for figure, unit in (('p50', 'ms'), ('p95', 'ms'), ('queries', 'queries'))}


def _database_url(suffix: str) -> str | None:
    """None (a temporary SQLite file), or on the PostgreSQL pass a database of our own next to the tests'."""
    url = os.environ.get('TEST_DATABASE_URL', '')
    if not url.startswith('postgres'):
        return None
    target = make_url(url)
    return target.set(database=f'{target.database}_{suffix}').render_as_string(hide_password=False)


@pytest.fixture(scope='module')
def seeded_app():
    with bench_database(_database_url('bench')) as url:
        app = make_app(url)
        with app.app_context():
            seeded = seed(organisations=50, postings=200)
        yield app, seeded
        with app.app_context():
            db.engine.dispose()


def _figures(lines: list[str]) -> dict[str, str]:
    figures = {}
    for line in lines:
        if line.startswith('#'):
            continue
        match = FIGURE.match(line)
        assert match, f'not a `name: value unit` line: {line!r}'
        figures[match['name']] = match['unit']
    return figures


def _sorted_lists(snapshot: dict) -> dict:
    """The skills' order in a snapshot follows the rows' order, which a database does not promise."""
    def norm(value):
        if isinstance(value, list) and all(isinstance(item, dict) and 'id' in item for item in value):
            return sorted((norm(item) for item in value), key=lambda item: item['id'])
        if isinstance(value, dict):
            return {key: norm(item) for key, item in value.items()}
        if isinstance(value, list):
            return [norm(item) for item in value]
        return value
    return norm(snapshot)


def test_the_published_versions_are_what_the_models_write(seeded_app):
    app, _ = seeded_app
    with app.app_context():
        needs = db.session.scalars(select(StaffingNeed).where(StaffingNeed.state == PostingState.PUBLISHED)).all()
        plans = db.session.scalars(select(InnovationPlan).where(InnovationPlan.state == PostingState.PUBLISHED)).all()
        assert needs
        assert plans
        for posting in [*needs, *plans]:
            assert _sorted_lists(posting.published_snapshot) == _sorted_lists(posting.snapshot())
        assert db.session.scalar(select(Review).where(Review.state == ReviewState.PENDING).limit(1)) is not None


def test_every_page_is_measured_in_the_agreed_format(seeded_app):
    app, seeded = seeded_app
    pages = measure(app, seeded, repeat=2)
    assert all(not page.note for page in pages), [page.note for page in pages]
    assert all(len(page.timings) == 2 * len(page.urls) for page in pages)
    lines = report(pages, seed_seconds=1.25)
    assert _figures(lines) == EXPECTED
    assert 'seed_seconds: 1.2 s' in lines


def test_run_prints_every_figure_and_cleans_up():
    printed: list[str] = []
    lines = run(organisations=50, postings=200, repeat=1, database_url=_database_url('bench_run'),
                out=printed.append)
    assert _figures(lines) == EXPECTED
    assert printed[0].startswith('# database: ')
    assert printed[-len(lines):] == lines


def test_refuses_a_database_without_bench_in_its_name():
    with pytest.raises(SystemExit, match='bench'), \
            bench_database('postgresql+psycopg://postgres@127.0.0.1:5432/kansenkamer'):
        pass
