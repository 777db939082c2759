"""Browser tests: the portal served for real on loopback and driven by Debian's Chromium.

The live server is its own app on its own database (a temp SQLite file, or `<test db>_e2e`
on PostgreSQL), migrated and seeded with the demo data, because the browser's requests run
in another thread and cannot see the rolled-back transactions of the other tests.
"""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from portal import create_app
from portal.core.demo import seed_demo
from portal.extensions import db, limiter
from tests.conftest import skip_or_fail
from tests.e2e.helpers import Visitor

CHROMIUM = Path('/usr/bin/chromium')
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                 '--disable-sync', '--no-first-run']
DESKTOP = {'width': 1280, 'height': 900}


def pytest_collection_modifyitems(items) -> None:
    """Every test in this folder is a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


def _fresh_postgres(url: str) -> str:
    """Drop and recreate `<test database>_e2e` so the migrations start from nothing; return its URL."""
    target = make_url(url)
    e2e = target.set(database=f'{target.database}_e2e')
    admin = sa.create_engine(target.set(database='postgres'), isolation_level='AUTOCOMMIT')
    try:
        with admin.connect() as conn:
            # WITH (FORCE) ends connections a crashed earlier run may have left open (PostgreSQL 13+).
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{e2e.database}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{e2e.database}"'))
    except sa.exc.OperationalError as exc:
        skip_or_fail(f'PostgreSQL is not reachable at {target.render_as_string()}: {exc.orig}')
    finally:
        admin.dispose()
    return e2e.render_as_string(hide_password=False)


@pytest.fixture(scope='session')
def live_app(tmp_path_factory) -> Iterator[Flask]:
    """The app the live server runs, on its own migrated and seeded database.

    Tests use it to read what the server stored (mail in the outbox, for one) and to set up
    people a journey is not about, inside `with live_app.app_context():`, committing.
    """
    url = os.environ.get('TEST_DATABASE_URL', '')
    if url.startswith('postgres'):
        database_url = _fresh_postgres(url)
    else:
        database_url = f'sqlite:///{tmp_path_factory.mktemp("e2e") / "e2e.sqlite"}'

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
        seed_demo()
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope='session')
def live_server(live_app) -> Iterator[str]:
    """The base URL of a migrated, seeded portal running in a background thread."""
    server = make_server('127.0.0.1', 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name='e2e-live-server', daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_port}'
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope='session')
def browser():
    """Debian's Chromium through Playwright; Playwright's own browser download is never used."""
    if not CHROMIUM.exists():
        skip_or_fail(f'Chromium is not installed at {CHROMIUM} (apt-get install chromium)')
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except PlaywrightError as exc:
        playwright.stop()
        skip_or_fail(f'Chromium at {CHROMIUM} did not start: {exc.message.splitlines()[0]}')
    yield browser
    browser.close()
    playwright.stop()


def _new_page(browser, live_server: str, viewport: dict[str, int]):
    # A Dutch visitor; the app's default language is tested separately with a browser that prefers neither.
    context = browser.new_context(base_url=live_server, locale='nl-NL', viewport=viewport)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (no cookies) at desktop size."""
    context, page = _new_page(browser, live_server, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def visitor(page) -> Visitor:
    """The tab, wrapped so every page it opens is checked with axe and its console watched."""
    return Visitor(page)


@pytest.fixture
def new_visitor(browser, live_server) -> Iterator[Callable[[], Visitor]]:
    """Make a visitor in a browser context of its own: one per person in a journey, none sharing cookies."""
    contexts = []

    def make() -> Visitor:
        context, page = _new_page(browser, live_server, DESKTOP)
        contexts.append(context)
        return Visitor(page)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Every browser here is 127.0.0.1, and the live server's limiter counts in memory: start each test afresh.

    This replaces the suite's reset of the same name, which would build the other tests' app for nothing.
    """
    limiter.reset()


@pytest.fixture(autouse=True)
def mail_guard(outbox):
    """Browser journeys expect mail: the live server queues it and the tests read it from its database.

    This replaces the suite's guard against unexpected mail, which would otherwise see the live
    server's queued mail as the test's own.
    """
    yield
    outbox.clear()


@pytest.fixture
def narrow_visitor(browser, live_server) -> Iterator[Visitor]:
    """A visitor on a 360-pixel-wide phone screen."""
    context, page = _new_page(browser, live_server, {'width': 360, 'height': 740})
    yield Visitor(page)
    context.close()
