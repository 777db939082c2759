"""An employer's activity through the review queue: submitted, seen in the queue, approved, sent back or refused by
staff of the region, with the mail and audit each causes; staff's own events never enter it."""

import pytest
from sqlalchemy import select

from portal.blueprints.activities import operations as ops
from portal.blueprints.demand import moderation
from portal.blueprints.demand.moderation import ModerationRefused
from portal.models.moderation import PostingState, Review, ReviewState
from tests.activities.conftest import events, make_activity
from tests.activities.test_operations import fields, row

REASON = 'Vermeld ook wat deelnemers moeten meenemen.'


@pytest.fixture
def offer(db, host, host_organisation, app):
    """A meeloopdag on two dates, submitted for review."""
    with app.test_request_context('/'):
        return ops.create_activity(host, slots=[row(7), row(14)], send=True, **fields())


def review_url(activity) -> str:
    return f'/medewerkers/beoordelen/activiteit/{activity.id}'


def test_the_queue_lists_a_submitted_activity(db, client, login, staff, offer):
    login(staff)
    page = client.get('/medewerkers/beoordelen/', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    assert 'Meeloopdag bij de bakker' in page
    assert review_url(offer) in page


def test_the_review_page_shows_the_version_under_review_with_its_dates(db, client, login, staff, offer):
    login(staff)
    response = client.get(review_url(offer), headers={'Accept-Language': 'en'})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'Meeloopdag bij de bakker' in page
    assert 'Een dag meebakken.' in page
    assert page.count(', 10 places') == 2  # one line per date
    assert f'/activiteiten/{offer.id}' in page


def test_staff_approve_and_the_employer_is_mailed_a_link_to_the_activity(db, client, login, post, staff, offer,
                                                                         host, outbox):
    login(staff)
    response = post(review_url(offer) + '/goedkeuren')

    assert response.status_code == 302
    db.session.refresh(offer)
    assert offer.state == PostingState.PUBLISHED
    assert offer.published_snapshot['title'] == 'Meeloopdag bij de bakker'
    assert len(offer.published_snapshot['slots']) == 2
    [message] = outbox
    assert message.recipient == host.email
    assert message.template == 'activities_host/approved'
    assert f'/activiteiten/{offer.id}' in message.body_text
    assert 'Meeloopdag bij de bakker' in message.subject
    [event] = events(db, 'activity.approve')
    assert event.actor_id == staff.id


def test_staff_ask_for_changes_and_the_employer_reads_why(db, client, login, post, staff, offer, host, outbox):
    login(staff)
    post(review_url(offer) + '/wijzigingen-vragen', {'changes-reason': REASON})

    db.session.refresh(offer)
    assert offer.state == PostingState.CHANGES_REQUESTED
    [message] = outbox
    assert message.template == 'activities_host/changes_requested'
    assert REASON in message.body_text
    assert events(db, 'activity.request_changes')
    login(host)
    page = client.get(f'/activiteiten/{offer.id}').get_data(as_text=True)
    assert REASON in page
    assert f'/activiteiten/{offer.id}/indienen' in page


def test_staff_refuse_an_activity(db, client, login, post, staff, offer, outbox):
    login(staff)
    post(review_url(offer) + '/afwijzen', {'reject-reason': REASON})

    db.session.refresh(offer)
    assert offer.state == PostingState.REJECTED
    assert [m.template for m in outbox] == ['activities_host/rejected']
    assert events(db, 'activity.reject')


def test_a_sent_back_activity_is_submitted_again(db, staff, offer, host, request_context, outbox):
    moderation.request_changes(staff, offer, reason=REASON)

    ops.submit_activity(host, offer)

    assert offer.state == PostingState.PENDING
    reviews = list(db.session.scalars(select(Review).where(Review.posting_id == offer.id).order_by(Review.id)))
    assert [r.state for r in reviews] == [ReviewState.CHANGES_REQUESTED, ReviewState.PENDING]


def test_staff_of_another_region_do_not_see_the_review(db, client, login, other_staff, offer):
    login(other_staff)
    assert client.get(review_url(offer)).status_code == 404


def test_staff_of_another_region_cannot_decide(db, other_staff, offer, request_context):
    with pytest.raises(ModerationRefused):
        moderation.approve(other_staff, offer)
    assert offer.state == PostingState.PENDING


def test_the_regions_own_events_have_no_review_page(db, client, login, staff, event):
    login(staff)
    assert client.get(review_url(event)).status_code == 404


def test_an_approved_activity_opens_for_registration(db, staff, offer, request_context, outbox):
    from portal.blueprints.activities import policy

    assert policy.slot_block(offer.slots[0]) is not None
    moderation.approve(staff, offer)
    assert policy.slot_block(offer.slots[0]) is None


def test_a_draft_activity_is_not_in_the_queue_or_on_a_review_page(db, client, login, staff, host_organisation):
    draft = make_activity(db, organisation=host_organisation, state='draft')
    login(staff)
    assert client.get(review_url(draft)).status_code == 404
