"""The host's pages: the registrations of each date (job seekers by code only) with counts, the host's own offers,
calling off the activity or one date, and staff's mail to the attendees or no-shows."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.core.dbtypes import utcnow
from portal.models.activities import ActivitySlot, Registration, RegistrationState
from portal.models.moderation import PostingState
from tests.activities.conftest import events, make_activity, make_activity_candidate, make_registration, make_slot
from tests.factories import make_user

EN = {'Accept-Language': 'en'}
#: a first name no other text on the pages contains
FIRST_NAME = 'Zebediah'


def text_of(client, url: str) -> str:
    response = client.get(url, headers=EN)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def job_seeker(db, region, staff):
    return make_activity_candidate(db, region=region, accountmanager=staff, first_name=FIRST_NAME)


@pytest.fixture
def started(db, host_organisation, host):
    """A meeloopdag that started an hour ago."""
    return make_activity(db, organisation=host_organisation, created_by=host,
                         slots=[{'starts_at': (utcnow() - timedelta(hours=1)).replace(microsecond=0)}])


# Managing registrations --------------------------------------------------------------------------------------

def test_the_host_sees_registrations_in_order_with_job_seekers_by_code_only(db, client, login, host, activity,
                                                                            staff, job_seeker, employer):
    slot = activity.slots[0]
    slot.seats = 1
    make_registration(db, slot, candidate=job_seeker, registered_by=staff)
    make_registration(db, slot, user=employer, state='waitlisted')
    make_registration(db, slot, user=make_user(db, name='Petra Pending'), state='pending')
    login(host)

    text = text_of(client, f'/activiteiten/{activity.id}/beheer')

    assert job_seeker.code in text
    assert FIRST_NAME not in text
    assert job_seeker.reference not in text
    assert 'Evert Employer' in text
    assert 'Petra Pending' in text
    assert 'data-confirmed="1" data-waiting="1" data-pending="1"' in text
    assert '/goedkeuren' in text
    assert '/afwijzen' in text


def test_the_code_only_rule_holds_on_every_host_page(db, client, login, post, host, started, staff, job_seeker):
    registration = make_registration(db, started.slots[0], candidate=job_seeker, registered_by=staff,
                                     state='attended')
    login(host)
    for url in (f'/activiteiten/{started.id}', f'/activiteiten/{started.id}/beheer', '/activiteiten/mijn-aanbod',
                f'/activiteiten/aanmelding/{registration.id}/terugkoppeling'):
        text = text_of(client, url)
        assert FIRST_NAME not in text, url


def test_attendance_buttons_appear_once_a_date_has_started(db, client, login, host, started, employer, activity):
    make_registration(db, started.slots[0], user=employer)
    make_registration(db, activity.slots[0], user=make_user(db))
    login(host)
    assert 'data-action="present"' in text_of(client, f'/activiteiten/{started.id}/beheer')
    assert 'data-action="present"' not in text_of(client, f'/activiteiten/{activity.id}/beheer')


def test_staff_of_the_region_manage_too_and_others_get_404(db, client, login, activity, staff, employer,
                                                          other_staff, other_employer):
    url = f'/activiteiten/{activity.id}/beheer'
    login(staff)
    assert client.get(url).status_code == 200
    for user in (employer, other_staff, other_employer):
        login(user)
        assert client.get(url).status_code == 404


def test_the_host_sees_the_ratings_average_and_comments(db, client, login, host, started):
    slot = started.slots[0]
    for rating, comment in ((5, 'Heel leerzaam'), (4, None), (2, 'Te kort')):
        registration = make_registration(db, slot, user=make_user(db), state='attended')
        registration.rating, registration.rating_comment, registration.rated_at = rating, comment, utcnow()
    db.session.flush()
    login(host)
    text = text_of(client, f'/activiteiten/{started.id}/beheer')
    assert 'data-rating-average="3.7" data-rating-count="3"' in text
    assert 'Heel leerzaam' in text
    assert 'Te kort' in text


# My offers -----------------------------------------------------------------------------------------------

def test_my_offers_lists_the_organisations_activities_with_where_each_stands(db, client, login, host, activity,
                                                                            host_organisation, event, staff):
    draft = make_activity(db, organisation=host_organisation, state='draft', title='Rondleiding in concept')
    login(host)
    text = text_of(client, '/activiteiten/mijn-aanbod')
    assert f'data-activity-id="{activity.id}" data-state="published"' in text
    assert f'data-activity-id="{draft.id}" data-state="draft"' in text
    assert f'data-activity-id="{event.id}"' not in text
    login(staff)
    text = text_of(client, '/activiteiten/mijn-aanbod')
    assert f'data-activity-id="{event.id}"' in text
    assert f'data-activity-id="{activity.id}"' not in text


# Calling off ----------------------------------------------------------------------------------------------

def test_cancelling_the_activity_asks_a_reason_and_tells_everyone(db, client, login, post, host, activity,
                                                                  employer, outbox):
    make_registration(db, activity.slots[0], user=employer)
    login(host)
    url = f'/activiteiten/{activity.id}/afzeggen'
    assert 'data-live="1"' in text_of(client, url)

    db.session.commit()
    response = post(url, {'reason': ''}, headers=EN)
    assert response.status_code == 200
    assert 'Give a reason' in response.get_data(as_text=True)
    assert activity.state == PostingState.PUBLISHED

    response = post(url, {'reason': 'De bakkerij brandde af.'})
    assert response.status_code == 302
    assert activity.state == PostingState.CANCELLED
    [message] = outbox
    assert message.recipient == employer.email
    assert 'De bakkerij brandde af.' in message.body_text


def test_cancelling_one_date_keeps_the_others(db, client, login, post, host, activity, employer, outbox):
    slot, other = activity.slots[0], make_slot(db, activity, days_ahead=14)
    registration = make_registration(db, slot, user=employer)
    slot_id = slot.id
    login(host)
    assert 'data-live="1"' in text_of(client, f'/activiteiten/tijdslot/{slot_id}/afzeggen')

    response = post(f'/activiteiten/tijdslot/{slot_id}/afzeggen', {'reason': 'De oven is stuk.'})

    assert response.headers['Location'].endswith(f'/activiteiten/{activity.id}/beheer')
    db.session.expire_all()
    assert db.session.get(ActivitySlot, slot_id).is_cancelled
    assert [s.id for s in activity.dates] == [other.id]
    assert db.session.get(Registration, registration.id).state.value == 'cancelled'
    page = text_of(client, f'/activiteiten/{activity.id}/beheer')
    assert f'id="slot-{slot_id}"' not in page
    assert f'id="slot-{other.id}"' in page
    [message] = outbox
    assert 'De oven is stuk.' in message.body_text
    assert events(db, 'activity.cancel_slot')


def test_the_only_date_is_not_cancelled_on_its_own(db, client, login, post, host, activity, employer, outbox):
    registration = make_registration(db, activity.slots[0], user=employer)
    db.session.commit()
    login(host)
    response = post(f'/activiteiten/tijdslot/{activity.slots[0].id}/afzeggen', {'reason': 'Geen zin.'},
                    headers=EN)
    assert response.status_code == 200
    assert 'cancel the activity instead' in response.get_data(as_text=True)
    assert registration.state == RegistrationState.CONFIRMED
    assert outbox == []


def test_others_cannot_call_anything_off(db, client, login, post, activity, employer, other_staff):
    for user in (employer, other_staff):
        login(user)
        assert client.get(f'/activiteiten/{activity.id}/afzeggen').status_code == 404
        assert post(f'/activiteiten/tijdslot/{activity.slots[0].id}/afzeggen', {'reason': 'x'}).status_code == 404
    assert activity.state == PostingState.PUBLISHED


# Staff mail the attendees or the no-shows -----------------------------------------------------------------------

def test_staff_mail_the_no_shows_each_in_their_language(db, client, login, post, staff, started, job_seeker,
                                                        outbox):
    slot = started.slots[0]
    dutch = make_registration(db, slot, user=make_user(db, locale='nl'), state='no_show')
    english = make_registration(db, slot, user=make_user(db, locale='en'), state='no_show')
    came = make_registration(db, slot, user=make_user(db), state='attended')
    make_registration(db, slot, candidate=job_seeker, registered_by=staff, state='no_show')
    login(staff)
    url = f'/activiteiten/tijdslot/{slot.id}/mailen'
    text = text_of(client, url)
    assert 'data-group="no_show" data-users="2" data-job-seekers="1"' in text

    response = post(url, {'group': 'no_show', 'subject': 'We misten u', 'message': 'Wilt u een nieuwe datum?'})

    assert response.status_code == 302
    assert {m.recipient: m.locale for m in outbox} == {dutch.user.email: 'nl', english.user.email: 'en'}
    assert came.user.email not in {m.recipient for m in outbox}
    assert all(m.subject == 'We misten u' and 'Wilt u een nieuwe datum?' in m.body_text for m in outbox)
    [event] = events(db, 'activity.mail_participants')
    assert event.details['group'] == 'no_show'
    assert sorted(event.details['user_ids']) == sorted([dutch.user_id, english.user_id])
    assert event.details['job_seekers_not_mailed'] == 1


def test_mail_waits_until_the_date_has_started(db, client, login, post, staff, activity, outbox):
    make_registration(db, activity.slots[0], user=make_user(db))
    db.session.commit()
    login(staff)
    response = post(f'/activiteiten/tijdslot/{activity.slots[0].id}/mailen',
                    {'group': 'attended', 'subject': 'Dank', 'message': 'Dank voor uw komst.'}, headers=EN)
    assert response.status_code == 200
    assert 'once the date has started' in response.get_data(as_text=True)
    assert outbox == []


def test_only_staff_of_the_region_mail_participants(db, client, login, host, started, other_staff):
    for user in (host, other_staff):
        login(user)
        assert client.get(f'/activiteiten/tijdslot/{started.slots[0].id}/mailen').status_code == 404


def test_nobody_to_mail_is_said(db, client, login, post, staff, started, outbox):
    db.session.commit()
    login(staff)
    response = post(f'/activiteiten/tijdslot/{started.slots[0].id}/mailen',
                    {'group': 'attended', 'subject': 'Dank', 'message': 'Dank voor uw komst.'}, headers=EN)
    assert 'Nobody in this group can be mailed' in response.get_data(as_text=True)
    assert db.session.scalar(select(Registration.id)) is None
