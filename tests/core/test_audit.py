"""The audit trail: rows are added by record_event and never changed or removed, by the ORM or by SQL."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from portal.core.audit import record_event
from portal.models.audit import AuditEvent, AuditTrailIsAppendOnly
from tests.conftest import database_kind
from tests.factories import make_municipality, make_region

PORTAL_DIR = Path(__file__).resolve().parents[2] / 'portal'

#: ways Python code could change or remove audit rows
WRITES_TO_AUDIT = [
    re.compile(r'\b(?:update|delete)\s*\(\s*(?:AuditEvent|audit_events)\b'),
    re.compile(r'\bAuditEvent\.__table__\s*\.\s*(?:update|delete)\b'),
    re.compile(r'\bUPDATE\s+"?audit_events\b', re.IGNORECASE),
    re.compile(r'\bDELETE\s+FROM\s+"?audit_events\b', re.IGNORECASE),
    re.compile(r'select\(AuditEvent\)[^\n]*\.(?:update|delete)\(', re.IGNORECASE),
]


@pytest.fixture
def event(db) -> AuditEvent:
    """A stored (flushed) audit row. Never committed: a committed audit row could not be cleaned up."""
    region = make_region(db)
    return record_event('region.update', actor=SimpleNamespace(id=7), obj=region.municipalities[0])


def raw_row(db, event_id: int) -> sa.Row | None:
    return db.session.execute(sa.text('SELECT action, object_type FROM audit_events WHERE id = :id'),
                              {'id': event_id}).one_or_none()


def test_record_event_adds_a_row_with_actor_object_and_the_objects_region(db):
    region = make_region(db)
    municipality = make_municipality(db, region=region)

    event = record_event('municipality.rename', actor=SimpleNamespace(id=42), obj=municipality,
                         details={'from': 'Oud', 'to': 'Nieuw'})
    db.session.expire_all()

    stored = db.session.get(AuditEvent, event.id)
    assert stored.action == 'municipality.rename'
    assert stored.actor_id == 42
    assert stored.actor_kind == 'user'
    assert stored.object_type == 'Municipality'
    assert stored.object_id == str(municipality.id)
    assert stored.region_id == region.id
    assert stored.details == {'from': 'Oud', 'to': 'Nieuw'}
    assert stored.occurred_at.tzinfo is not None


def test_record_event_without_an_actor_is_the_system(db):
    region = make_region(db)
    event = record_event('jobs.cleanup', actor=None, region_id=region.id)
    assert event.actor_id is None
    assert event.actor_kind == 'system'
    assert event.object_type is None
    assert event.object_id is None
    assert event.region_id == region.id
    assert event.details == {}


def test_an_explicit_region_wins_over_the_objects_region(db):
    first, second = make_region(db), make_region(db)
    event = record_event('municipality.move', actor=None, obj=first.municipalities[0], region_id=second.id)
    assert event.region_id == second.id


# The guard raises in before_flush, before anything reaches the database, so the session stays
# usable; the refused change is then discarded by hand (a rollback would also undo the row itself).

def test_the_orm_refuses_to_change_an_audit_event(db, event):
    event.action = 'something.else'
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.flush()
    db.session.expire(event)
    assert raw_row(db, event.id).action == 'region.update'
    assert event.action == 'region.update'


def test_the_orm_refuses_to_delete_an_audit_event(db, event):
    db.session.delete(event)
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.flush()
    db.session.expunge(event)
    assert raw_row(db, event.id) is not None


def test_the_orm_lets_an_unchanged_audit_event_through_a_flush(db, event):
    """Only real changes are refused: loading and touching nothing must not raise."""
    event.action = event.action
    db.session.flush()
    assert db.session.get(AuditEvent, event.id) is event


@pytest.mark.parametrize('statement', [
    'UPDATE audit_events SET action = :other WHERE id = :id',
    'DELETE FROM audit_events WHERE id = :id',
], ids=['update', 'delete'])
def test_the_database_refuses_to_change_or_delete_audit_rows(db, event, statement):
    with pytest.raises(sa.exc.DBAPIError, match='append-only'), db.session.begin_nested():
        db.session.execute(sa.text(statement), {'id': event.id, 'other': 'tampered'})
    assert raw_row(db, event.id).action == 'region.update'


@pytest.mark.postgres_only
@pytest.mark.skipif(database_kind() != 'postgresql', reason='the retention purge switch exists only on PostgreSQL')
def test_a_purge_may_delete_but_never_update_on_postgresql(db, event):
    with db.session.begin_nested():
        db.session.execute(sa.text("SET LOCAL kansenkamer.audit_purge = 'on'"))

    with pytest.raises(sa.exc.DBAPIError, match='append-only'), db.session.begin_nested():
        db.session.execute(sa.text("UPDATE audit_events SET action = 'tampered' WHERE id = :id"), {'id': event.id})

    with db.session.begin_nested():
        deleted = db.session.execute(sa.text('DELETE FROM audit_events WHERE id = :id'), {'id': event.id})
    assert deleted.rowcount == 1
    assert raw_row(db, event.id) is None


def test_no_url_accepts_put_patch_or_delete(app):
    for rule in app.url_map.iter_rules():
        assert not rule.methods & {'PUT', 'PATCH', 'DELETE'}, f'{rule.rule} accepts {sorted(rule.methods)}'


@pytest.mark.parametrize('snippet', [
    'db.session.execute(update(AuditEvent).values(action="x"))',
    'db.session.execute(delete(AuditEvent))',
    "db.session.execute(text('DELETE FROM audit_events'))",
    "text('update audit_events set action = 1')",
    'AuditEvent.__table__.delete()',
])
def test_the_source_scan_recognises_writes_to_the_audit_trail(snippet):
    assert any(pattern.search(snippet) for pattern in WRITES_TO_AUDIT)


def test_nothing_in_the_portal_updates_or_deletes_audit_rows():
    offenders = []
    for path in sorted(PORTAL_DIR.rglob('*.py')):
        source = path.read_text()
        for pattern in WRITES_TO_AUDIT:
            offenders += [f'{path.relative_to(PORTAL_DIR.parent)}: {match.group(0)}'
                          for match in pattern.finditer(source)]
    assert offenders == [], 'only a migration may change the audit trail'


def test_an_event_about_a_region_belongs_to_that_region(db):
    region = make_region(db)
    event = record_event('region.update', actor=None, obj=region)
    assert event.region_id == region.id
