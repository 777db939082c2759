"""A buddy's places hold under concurrent pairing: staff on several app servers pair twelve job seekers with a
three-place buddy at the same moment, each in a thread with its own connection, and exactly three are paired. And a
sign-up sent twice at once makes one offer.

PostgreSQL only: SQLite writes one transaction at a time, so there is nothing to race. The data is committed
for real, in a database of its own that is dropped afterwards.
"""

import threading
from collections.abc import Iterator
from datetime import timedelta

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.pool import NullPool

import config
from portal.blueprints.buddies.operations import BuddyRefused, save_offer
from portal.blueprints.buddies.operations_staff import default_end, pair_buddy
from portal.core.dbtypes import utcnow
from portal.extensions import db as _db
from portal.models.accounts import User
from portal.models.buddies import BuddyOffer, BuddyPairing
from portal.models.caseload import Candidate
from portal.models.organisations import Organisation
from portal.models.outbox import OutboxMessage
from tests.buddies.conftest import make_job_seeker, make_offer
from tests.conftest import database_kind
from tests.core.conftest import app_on_database, empty_database
from tests.factories import make_organisation, make_region, make_staff, make_user

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(database_kind() != 'postgresql',
                       reason='concurrent pairing needs PostgreSQL: SQLite writes one transaction at a time'),
]

JOB_SEEKERS = 12
PLACES = 3


@pytest.fixture
def race_app(app, monkeypatch, tmp_path) -> Iterator[Flask]:
    """A migrated app on a database of its own that opens a new connection for every session (NullPool)."""
    with app.app_context():
        _db.engine.dispose()
    monkeypatch.setattr(config.TestingConfig, 'SQLALCHEMY_ENGINE_OPTIONS', {'poolclass': NullPool})
    with empty_database(tmp_path, 'buddies_race') as url, app_on_database(url, monkeypatch) as app:
        with app.app_context():
            flask_migrate.upgrade()
        yield app


def test_twelve_pairings_at_once_fill_a_three_place_buddy_and_no_more(race_app, outbox):
    with race_app.app_context():
        region = make_region(_db, name='Vechtdal')
        buddy = make_user(_db, locale='en')
        offer = make_offer(_db, user=buddy, organisation=make_organisation(_db, region=region, owner=buddy),
                           capacity=PLACES)
        staff = make_staff(_db, region=region)
        seekers = [make_job_seeker(_db, region=region).id for _ in range(JOB_SEEKERS)]
        _db.session.commit()
        offer_id, staff_id = offer.id, staff.id

    start = threading.Barrier(JOB_SEEKERS)
    paired, refused, errors = [], [], []

    def pair(candidate_id: int) -> None:
        with race_app.test_request_context('/'):
            try:
                actor = _db.session.get(User, staff_id)
                offer = _db.session.get(BuddyOffer, offer_id)
                candidate = _db.session.get(Candidate, candidate_id)
                start.wait(30)
                pair_buddy(actor, offer, candidate, meeting_at=utcnow() + timedelta(days=3),
                           meeting_place='Gemeentehuis', ends_on=default_end(), agreed=True)
                _db.session.commit()
                paired.append(candidate_id)
            except BuddyRefused:
                _db.session.rollback()
                refused.append(candidate_id)
            except Exception as exc:  # every other failure is reported by the test
                _db.session.rollback()
                errors.append(exc)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=pair, args=(candidate_id,)) for candidate_id in seekers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert (len(paired), len(refused)) == (PLACES, JOB_SEEKERS - PLACES)
    with race_app.app_context():
        assert _db.session.scalar(select(func.count(BuddyPairing.id))) == PLACES
        assert sorted(_db.session.scalars(select(BuddyPairing.candidate_id))) == sorted(paired)
        # one mail to the buddy per pairing that was made, none for the refused ones
        assert _db.session.scalar(select(func.count(OutboxMessage.id))) == PLACES


def test_a_sign_up_sent_twice_at_once_makes_one_offer(race_app):
    with race_app.app_context():
        buddy = make_user(_db, locale='en')
        organisation = make_organisation(_db, region=make_region(_db, name='Vechtdal'), owner=buddy)
        _db.session.commit()
        buddy_id, organisation_id = buddy.id, organisation.id

    start = threading.Barrier(2)
    saved, refused, errors = [], [], []

    def sign_up(capacity: int) -> None:
        with race_app.test_request_context('/', headers={'Accept-Language': 'en'}):
            try:
                actor = _db.session.get(User, buddy_id)
                organisation = _db.session.get(Organisation, organisation_id)
                start.wait(30)
                save_offer(actor, organisation, capacity=capacity, sectors=['C'], availability='Dinsdag',
                           agreed=True)
                _db.session.commit()
                saved.append(capacity)
            except BuddyRefused as exc:
                _db.session.rollback()
                refused.append(str(exc))
            except Exception as exc:  # every other failure is reported by the test
                _db.session.rollback()
                errors.append(exc)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=sign_up, args=(capacity,)) for capacity in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    # the second either saw the first and changed it, or raced it and was refused with a reason
    assert len(saved) + len(refused) == 2
    assert set(refused) <= {'You have already signed up as a buddy for this organisation. Open your buddy offer '
                            'again to change it.'}
    with race_app.app_context():
        assert _db.session.scalar(select(func.count(BuddyOffer.id))) == 1
