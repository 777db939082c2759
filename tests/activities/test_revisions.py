"""Changing an employer's published offer: its dates and places change at once, while a changed text, place, online
link or approval setting waits in the review queue as a revision and everyone keeps seeing the approved version."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from portal.blueprints.activities import ical
from portal.blueprints.activities import operations as ops
from portal.blueprints.activities import registrations as regs
from portal.blueprints.demand import moderation
from portal.models.activities import Audience, RegistrationState
from portal.models.moderation import PostingState, ReviewState
from tests.activities.conftest import events, make_registration
from tests.activities.test_operations import fields_of, same
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures('request_context')

NEW_PLACE = 'Nieuwe Weg 2, Ommen'


def location_in_ics(slot) -> str:
    [event] = Calendar.from_ical(ical.slot_ics(slot)).walk('VEVENT')
    return str(event['LOCATION'])


def test_a_changed_text_and_place_wait_for_review_while_the_approved_version_shows(db, activity, host, outbox):
    slot = activity.slots[0]
    make_registration(db, slot, user=make_user(db, locale='en'))

    outcome = ops.update_activity(host, activity, slots=[same(slot)],
                                  **fields_of(activity, title='Iets heel anders', location=NEW_PLACE))

    assert outcome == 'revision'
    review = activity.pending_review
    assert review.is_revision
    assert review.state == ReviewState.PENDING
    assert review.snapshot['title'] == 'Iets heel anders'
    assert activity.state == PostingState.PUBLISHED
    assert activity.public.title == 'Meeloopdag in de bakkerij'
    assert activity.public.location == 'Industrieweg 1, Hardenberg'
    assert activity.published_snapshot['title'] == 'Meeloopdag in de bakkerij'
    assert activity.has_changes_in_review
    assert outbox == []  # nobody registered is told of a place that is not approved
    assert location_in_ics(slot) == 'Industrieweg 1, Hardenberg'
    [submitted] = events(db, 'activity.submit')
    assert submitted.details['revision'] is True


def test_dates_and_places_apply_at_once_and_follow_into_both_versions(db, activity, host, outbox):
    slot = activity.slots[0]
    seated = make_registration(db, slot, user=make_user(db, locale='en'))
    ops.update_activity(host, activity, slots=[same(slot)], **fields_of(activity, title='Iets heel anders'))
    later = slot.starts_at + timedelta(hours=2)

    outcome = ops.update_activity(host, activity, slots=[same(slot, starts_at=later, ends_at=later + timedelta(hours=3),
                                                              seats=12)],
                                  **fields_of(activity))

    assert outcome == 'saved'  # the text under review did not change again
    assert slot.starts_at == later
    assert slot.seats == 12
    assert activity.published_snapshot['slots'][0]['seats'] == 12
    assert activity.published_snapshot['title'] == 'Meeloopdag in de bakkerij'
    assert activity.pending_review.snapshot['slots'][0]['starts_at'] == later.isoformat()
    [message] = outbox
    assert message.recipient == seated.user.email
    assert 'Meeloopdag in de bakkerij' in message.subject  # the approved title


def test_an_unchanged_text_opens_no_review(db, activity, host):
    slot = activity.slots[0]

    assert ops.update_activity(host, activity, slots=[same(slot, seats=11)], **fields_of(activity)) == 'saved'
    assert activity.pending_review is None


def test_the_approval_setting_waits_for_review_too(db, activity, host, employer, outbox):
    activity.audience = Audience.SIGNED_IN
    activity.published_snapshot = activity.snapshot()
    slot = activity.slots[0]

    ops.update_activity(host, activity, slots=[same(slot)], **fields_of(activity, requires_approval=True))
    registration = regs.register_user(employer, slot)

    assert registration.state == RegistrationState.CONFIRMED  # registrations follow the approved version


def test_approving_the_revision_shows_it_and_tells_the_registered_of_a_new_place(db, activity, host, staff, outbox):
    slot = activity.slots[0]
    seated = make_registration(db, slot, user=make_user(db, locale='en'))
    ops.update_activity(host, activity, slots=[same(slot)], **fields_of(activity, location=NEW_PLACE))

    moderation.approve(staff, activity)  # calls revision_approved with the version it replaced

    assert activity.public.location == NEW_PLACE
    assert not activity.has_changes_in_review
    changed = [m for m in outbox if m.template == 'activities_host/details_changed']
    assert [m.recipient for m in changed] == [seated.user.email]
    assert NEW_PLACE in changed[0].body_text
    assert location_in_ics(slot) == NEW_PLACE


def test_a_refused_revision_leaves_the_approved_version(db, activity, host, staff, outbox):
    slot = activity.slots[0]
    ops.update_activity(host, activity, slots=[same(slot)], **fields_of(activity, title='Iets heel anders'))
    previous = activity.published_snapshot

    moderation.reject(staff, activity, reason='Dit is een andere activiteit.')
    ops.revision_approved(staff, activity, previous)

    assert activity.state == PostingState.PUBLISHED
    assert activity.public.title == 'Meeloopdag in de bakkerij'
    assert [m.template for m in outbox] == ['activities_host/rejected']


def test_staff_events_change_at_once(db, event, coordinator, outbox):
    outcome = ops.update_activity(coordinator, event, slots=[same(event.slots[0])],
                                  **fields_of(event, title='Workshop werven', location=NEW_PLACE))

    assert outcome == 'saved'
    assert event.pending_review is None
    assert event.public.title == 'Workshop werven'
    assert event.published_snapshot['location'] == NEW_PLACE


def test_pages_show_the_approved_version_and_tell_the_host_what_waits(db, client, login, activity, host, staff,
                                                                      request_context):
    ops.update_activity(host, activity, slots=[same(activity.slots[0])],
                        **fields_of(activity, title='Iets heel anders'))
    db.session.commit()

    login(staff)
    page = client.get(f'/activiteiten/{activity.id}').get_data(as_text=True)
    assert 'Meeloopdag in de bakkerij' in page
    assert 'Iets heel anders' not in page
    assert 'data-changes-in-review' not in page
    login(host)
    page = client.get(f'/activiteiten/{activity.id}').get_data(as_text=True)
    assert 'data-changes-in-review' in page
    form = client.get(f'/activiteiten/{activity.id}/bewerken').get_data(as_text=True)
    assert 'data-revision-notice' in form
    assert 'Iets heel anders' in form

