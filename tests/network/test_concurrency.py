"""A request to join is answered once: the chair and a coordinator answer it at the same moment, each in a thread
with its own connection (as on two app servers), one approving and one declining; exactly one answer holds and one
mail goes out, and the other is told the request has been answered.

PostgreSQL only: SQLite writes one transaction at a time, so there is nothing to race. The data is committed
for real, in a database of its own that is dropped afterwards.
"""

import threading
from collections.abc import Iterator

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.pool import NullPool

import config
from portal.blueprints.network.operations import NetworkRefused
from portal.blueprints.network.operations_members import approve_request, decline_request
from portal.extensions import db as _db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.network import NetworkMembership, NetworkMemberStatus
from portal.models.outbox import OutboxMessage
from tests.conftest import database_kind
from tests.core.conftest import app_on_database, empty_database
from tests.factories import make_organisation, make_region, make_staff, make_user
from tests.network.conftest import make_network, seat

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(database_kind() != 'postgresql',
                       reason='concurrent answers need PostgreSQL: SQLite writes one transaction at a time'),
]


@pytest.fixture
def race_app(app, monkeypatch, tmp_path) -> Iterator[Flask]:
    """A migrated app on a database of its own that opens a new connection for every session (NullPool)."""
    with app.app_context():
        _db.engine.dispose()
    monkeypatch.setattr(config.TestingConfig, 'SQLALCHEMY_ENGINE_OPTIONS', {'poolclass': NullPool})
    with empty_database(tmp_path, 'network_race') as url, app_on_database(url, monkeypatch) as app:
        with app.app_context():
            flask_migrate.upgrade()
        yield app


def test_the_chair_and_a_coordinator_answering_at_once_decide_the_request_once(race_app, outbox):
    with race_app.app_context():
        region = make_region(_db, name='Vechtdal')
        chair_owner = make_user(_db, locale='en')
        network = make_network(_db, region, chair=make_organisation(_db, region=region, owner=chair_owner))
        asker = make_user(_db, locale='en')
        request_ = seat(_db, network, make_organisation(_db, region=region, owner=asker), status='pending',
                        requested_by=asker)
        coordinator = make_staff(_db, region=region, kind='coordinator', locale='en')
        _db.session.commit()
        ids = {'chair': chair_owner.id, 'coordinator': coordinator.id}
        request_id = request_.id

    start = threading.Barrier(2)
    done, refused, errors = [], [], []

    def answer(who: str) -> None:
        with race_app.test_request_context('/', headers={'Accept-Language': 'en'}):
            try:
                actor = _db.session.get(User, ids[who])
                membership = _db.session.get(NetworkMembership, request_id)
                assert membership.is_pending  # both pages show the request waiting
                start.wait(30)
                if who == 'chair':
                    approve_request(actor, membership)
                else:
                    decline_request(actor, membership, reason='Past niet in het netwerk')
                _db.session.commit()
                done.append(who)
            except NetworkRefused as exc:
                _db.session.rollback()
                refused.append(str(exc))
            except Exception as exc:  # every other failure is reported by the test
                _db.session.rollback()
                errors.append(exc)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=answer, args=(who,)) for who in ('chair', 'coordinator')]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert len(done) == 1
    assert refused == ['This request has already been answered.']
    with race_app.app_context():
        membership = _db.session.get(NetworkMembership, request_id)
        expected = NetworkMemberStatus.ACTIVE if done == ['chair'] else NetworkMemberStatus.DECLINED
        assert (membership.status, membership.decided_by_id) == (expected, ids[done[0]])
        decided = _db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action.in_(['network.join_approved', 'network.join_declined'])))
        assert decided == 1
        # one answer mailed to the person who asked, not two that contradict each other
        assert _db.session.scalar(select(func.count(OutboxMessage.id))) == 1
