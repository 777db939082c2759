"""Operations decide on data read under their locks: the activity and the slot are read afresh (another request
may have changed them while this one waited), the activity's row before its slots'. On SQLite the change made
"meanwhile" is written behind the session's back; test_concurrency.py races real transactions on PostgreSQL."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, update

from portal.blueprints.activities import operations as ops
from portal.blueprints.activities import registrations as regs
from portal.blueprints.activities.seats import RegistrationRefused
from portal.core.dbtypes import utcnow
from portal.models.activities import Activity, Registration, RegistrationState
from tests.activities.conftest import make_activity, make_registration, make_slot
from tests.activities.test_operations import fields_of, same
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')


def behind_the_back(db, model, ident, **values) -> None:
    """Another transaction's committed change: the session's objects do not know of it."""
    db.session.execute(update(model).where(model.id == ident).values(**values)
                       .execution_options(synchronize_session=False))


def test_a_registration_reads_the_activity_afresh_under_the_lock(db, event, employer):
    slot = event.slots[0]
    assert event.state.value == 'published'
    behind_the_back(db, Activity, event.id, state='cancelled')

    with pytest.raises(RegistrationRefused, match='cancelled'):
        regs.register_user(employer, slot)
    assert event.state.value == 'cancelled'


def test_a_freed_seat_is_not_handed_out_on_an_activity_cancelled_meanwhile(db, event, employer, outbox):
    slot = event.slots[0]
    seated = make_registration(db, slot, user=employer)
    waiting = make_registration(db, slot, user=make_user(db), state='waitlisted')
    behind_the_back(db, Activity, event.id, state='cancelled')

    assert regs.cancel_registration(employer, seated) is None
    assert waiting.state == RegistrationState.WAITLISTED
    assert outbox == []


@pytest.fixture
def row_locks(db):
    """The row locks taken, in order, as (table, id) (PostgreSQL writes them; SQLite has none to take)."""
    if db.engine.dialect.name != 'postgresql':
        pytest.skip('row locks are taken on PostgreSQL only')
    taken = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if ' FOR UPDATE' in statement or ' FOR KEY SHARE' in statement:
            taken.append((re.search(r'FROM\s+(\w+)', statement).group(1), parameters.get('id_1')))

    event.listen(db.engine, 'before_cursor_execute', record)
    yield taken
    event.remove(db.engine, 'before_cursor_execute', record)


def test_changing_dates_locks_the_activity_then_its_slots_in_id_order(db, activity, host, row_locks):
    second = make_slot(db, activity, days_ahead=14)
    first = activity.slots[0]
    rows = [same(second, seats=12), same(first, seats=11)]  # the form's order need not be the ids'
    row_locks.clear()

    ops.update_activity(host, activity, slots=rows, **fields_of(activity))

    assert row_locks[:3] == [('activities', activity.id), ('activity_slots', first.id), ('activity_slots', second.id)]


def test_cancelling_an_activity_locks_it_then_its_slots_in_id_order(db, activity, host, row_locks, outbox):
    original = activity.slots[0]
    early = make_slot(db, activity, days_ahead=2)  # starts first, made last
    row_locks.clear()

    regs.cancel_activity(host, activity, reason='De bakkerij is verbouwd.')

    assert [lock for lock in row_locks if lock[0] != 'reviews'][:3] == [
        ('activities', activity.id), ('activity_slots', original.id), ('activity_slots', early.id)]


def test_attendance_is_marked_on_the_registration_as_committed(db, region, host_organisation, host, employer):
    activity = make_activity(db, organisation=host_organisation, audience='signed_in',
                             slots=[{'starts_at': utcnow() - timedelta(hours=1)}])
    registration = make_registration(db, activity.slots[0], user=employer)
    behind_the_back(db, Registration, registration.id, state='cancelled')

    with pytest.raises(RegistrationRefused, match='Only confirmed'):
        regs.mark_attendance(host, registration, present=True)
    assert registration.state == RegistrationState.CANCELLED
