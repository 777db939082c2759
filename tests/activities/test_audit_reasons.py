"""Hosts' and staff's reasons for cancelling or declining are often about the person: they are mailed and kept on
the registration (which anonymising a job seeker clears), but no audit row copies their words."""

import json

import pytest
from sqlalchemy import select

from portal.blueprints.activities import operations as ops
from portal.blueprints.activities import registrations as regs
from portal.models.audit import AuditEvent
from tests.activities.conftest import make_registration, make_slot
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')

WORDS = {'cancel': 'Kwam vorige keer dronken aan.', 'decline': 'Heeft geen rijbewijs.',
         'slot': 'Ziekte van de begeleider.', 'activity': 'Faillissement van de bakkerij.'}


def test_no_audit_row_holds_a_reason_only_that_there_was_one(db, activity, host, candidate, staff, outbox):
    slot = activity.slots[0]
    other = make_slot(db, activity, days_ahead=14)
    seated = make_registration(db, slot, candidate=candidate, registered_by=staff)
    pending = make_registration(db, slot, user=make_user(db, locale='en'), state='pending')
    on_other = make_registration(db, other, user=make_user(db, locale='en'))
    third = make_slot(db, activity, days_ahead=21)
    make_registration(db, third, user=make_user(db, locale='en'))

    regs.cancel_registration(host, seated, reason=WORDS['cancel'])
    regs.decline_registration(host, pending, reason=WORDS['decline'])
    ops.cancel_slot(host, other, reason=WORDS['slot'])
    regs.cancel_activity(host, activity, reason=WORDS['activity'])

    assert seated.cancel_reason == WORDS['cancel']
    assert on_other.cancel_reason == WORDS['slot']
    rows = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action.in_(
        ['registration.cancel', 'registration.decline', 'activity.cancel_slot', 'activity.cancel']))))
    assert {row.action for row in rows} == {'registration.cancel', 'registration.decline', 'activity.cancel_slot',
                                            'activity.cancel'}
    trail = json.dumps([row.details for row in rows], ensure_ascii=False)
    assert not [words for words in WORDS.values() if words in trail]
    assert all(row.details['has_reason'] is True for row in rows)
