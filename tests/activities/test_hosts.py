"""Who hosts a staff event: any of the region's staff for an accountmanager's event, but the region's coordinators
(and its maker) for a coordinator's region-wide event or a network meeting, as the issue gives those to them."""

from portal.blueprints.activities import offering, policy
from tests.activities.conftest import make_activity
from tests.factories import make_staff


def test_a_coordinators_event_is_hosted_by_coordinators_not_every_accountmanager(db, region, event, staff,
                                                                                coordinator):
    colleague = make_staff(db, region=region, kind='coordinator')

    assert event.is_own(coordinator)
    assert event.is_own(colleague)
    assert not event.is_own(staff)
    assert not offering.can_edit(staff, event)
    assert policy.can_manage(staff, event)  # staff of the region still manage its registrations


def test_a_network_meeting_of_the_region_is_its_coordinators(db, region, staff, coordinator):
    meeting = make_activity(db, kind='network_meeting', region=region, created_by=None)

    assert meeting.is_own(coordinator)
    assert not meeting.is_own(staff)


def test_an_accountmanagers_event_is_every_staff_members_of_the_region(db, region, staff, coordinator, other_staff):
    workshop = make_activity(db, kind='workshop', region=region, created_by=staff, audience='job_seekers')
    colleague = make_staff(db, region=region)

    assert workshop.is_own(colleague)
    assert workshop.is_own(coordinator)
    assert not workshop.is_own(other_staff)


def test_the_maker_of_a_network_meeting_keeps_it_should_they_stop_being_coordinator(db, region, staff):
    maker = make_staff(db, region=region, kind='coordinator')
    meeting = make_activity(db, kind='network_meeting', region=region, created_by=maker)
    maker.staff_role.kind = 'accountmanager'
    db.session.flush()

    assert meeting.is_own(maker)
    assert not meeting.is_own(staff)
