"""Browsing and offering: the list (who sees what, filters, the staff's tab, pages), an activity's page, and the
offer form with its rows of dates (new, change, "Add a date", refusals), and the host's buttons."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.activities import policy
from portal.blueprints.activities.queries import visible_clause
from portal.core.dbtypes import TIMEZONE, today, utcnow
from portal.models.activities import Activity, ActivitySlot, RegistrationState
from portal.models.moderation import PostingState
from portal.models.network import Network
from tests.activities.conftest import (
    events,
    make_activity,
    make_network_membership,
    make_registration,
    make_slot,
)
from tests.factories import make_admin, make_organisation, make_user

EN = {'Accept-Language': 'en'}


def page(client, url: str) -> str:
    response = client.get(url, headers=EN)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def listed(client, url: str = '/activiteiten') -> set[int]:
    return {int(n) for n in re.findall(r'data-activity-id="(\d+)"', page(client, url))}


# Who sees what ----------------------------------------------------------------------------------------

@pytest.fixture
def world(db, region, other_region, host_organisation, activity, event, employer, staff):
    """Published activities of every audience in Vechtdal and one in Drechtsteden, a draft, and a network."""
    network = Network(region_id=region.id, name='Vechtdalkamer')
    db.session.add(network)
    db.session.flush()
    make_network_membership(db, employer.current_organisation, network)
    return {
        'job_seekers': activity,
        'signed_in': event,
        'employers': make_activity(db, organisation=host_organisation, kind='open_day', audience='employers'),
        'meeting': make_activity(db, kind='network_meeting', region=region, network=network),
        'network_workshop': make_activity(db, kind='workshop', region=region, network=network, audience='network'),
        'draft': make_activity(db, organisation=host_organisation, state='draft'),
        'elsewhere': make_activity(db, kind='workshop', region=other_region),
    }


def test_the_visibility_query_agrees_with_the_policy_for_every_user(db, world, host, employer, staff, coordinator,
                                                                     other_staff, other_employer, region):
    outsider = make_user(db)  # in Vechtdal, outside the network
    make_organisation(db, region=region, owner=outsider)
    unverified = make_user(db, verified=False)
    make_organisation(db, region=region, owner=unverified)
    pending_org = make_user(db)
    make_organisation(db, region=region, owner=pending_org, status='pending')
    registered = make_user(db)  # registered once, without being in the audience now
    make_registration(db, world['signed_in'].slots[0], user=registered)
    users = [host, employer, staff, coordinator, other_staff, other_employer, outsider, unverified, pending_org,
             registered, make_admin(db)]
    published = [a for a in world.values() if a.state == PostingState.PUBLISHED]
    for user in users:
        db.session.refresh(user)
        by_query = set(db.session.scalars(select(Activity.id).where(Activity.state == PostingState.PUBLISHED,
                                                                    visible_clause(user))))
        by_policy = {a.id for a in published if policy.can_see(user, a)}
        assert by_query == by_policy, user.email


def test_each_user_lists_what_is_open_to_them(db, client, login, world, host, employer, staff, other_employer):
    ids = {name: a.id for name, a in world.items()}
    login(employer)  # a Vechtdal employer in the network
    assert listed(client) == {ids['signed_in'], ids['employers'], ids['meeting'], ids['network_workshop']}
    login(host)  # outside the network; its own job-seeker offer shows
    assert listed(client) == {ids['job_seekers'], ids['signed_in'], ids['employers']}
    login(staff)
    assert listed(client) == {ids[n] for n in ('job_seekers', 'signed_in', 'employers', 'meeting',
                                               'network_workshop')}
    login(other_employer)
    assert listed(client) == {ids['elsewhere']}


def test_anonymous_visitors_are_asked_to_sign_in(db, client, activity):
    for url in ('/activiteiten', f'/activiteiten/{activity.id}'):
        response = client.get(url)
        assert response.status_code == 302
        assert '/inloggen' in response.headers['Location']


def test_an_activity_outside_ones_reach_does_not_exist(db, client, login, world, host, employer, other_staff):
    login(employer)
    assert client.get(f'/activiteiten/{world["job_seekers"].id}').status_code == 404  # job seekers only
    assert client.get(f'/activiteiten/{world["draft"].id}').status_code == 404
    assert client.get(f'/activiteiten/{world["meeting"].id}').status_code == 200
    login(host)  # not a member of the network
    assert client.get(f'/activiteiten/{world["meeting"].id}').status_code == 404
    login(other_staff)
    assert client.get(f'/activiteiten/{world["signed_in"].id}').status_code == 404


def test_the_staff_tab_lists_job_seeker_activities_still_open(db, client, login, world, staff, host_organisation):
    closed = make_activity(db, organisation=host_organisation, slots=[{'days_ahead': 3,
                                                                       'closes_at': utcnow() - timedelta(hours=1)}])
    login(staff)
    assert listed(client, '/activiteiten?voor=werkzoekenden') == {world['job_seekers'].id}
    assert closed.id in listed(client)


# Filters and pages -------------------------------------------------------------------------------------

def test_filters_by_kind_municipality_dates_and_free_places(db, client, login, staff, region, host_organisation):
    elsewhere = make_organisation(db, municipality=region.municipalities[1], owner=make_user(db))
    tour = make_activity(db, organisation=host_organisation, kind='company_tour', slots=[{'days_ahead': 3}])
    full = make_activity(db, organisation=elsewhere, kind='workshop', slots=[{'days_ahead': 20, 'seats': 1}])
    make_registration(db, full.slots[0], user=make_user(db))
    login(staff)

    assert listed(client, '/activiteiten?soort=company_tour') == {tour.id}
    assert listed(client, f'/activiteiten?gemeente={region.municipalities[1].id}') == {full.id}
    in_ten_days = (today() + timedelta(days=10)).isoformat()
    assert listed(client, f'/activiteiten?van={in_ten_days}') == {full.id}
    assert listed(client, f'/activiteiten?tot={in_ten_days}') == {tour.id}
    assert listed(client, '/activiteiten?vrij=y') == {tour.id}
    assert listed(client, '/activiteiten?van=geen-datum') == {tour.id, full.id}  # an unreadable date filters nothing


def test_past_and_cancelled_activities_are_not_listed(db, client, login, staff, host_organisation):
    past = make_activity(db, organisation=host_organisation, slots=[{'days_ahead': -2}])
    cancelled = make_activity(db, organisation=host_organisation, state='cancelled')
    login(staff)
    ids = listed(client)
    assert past.id not in ids
    assert cancelled.id not in ids


def test_the_list_is_paged_soonest_first(db, client, login, staff, region):
    made = [make_activity(db, kind='workshop', region=region, slots=[{'days_ahead': 30 - n}]) for n in range(23)]
    login(staff)
    first = page(client, '/activiteiten')
    assert 'pagina=2' in first
    assert first.index(f'data-activity-id="{made[-1].id}"') < first.index(f'data-activity-id="{made[-2].id}"')
    assert listed(client, '/activiteiten?pagina=2') == {a.id for a in made[:3]}


# An activity's page ------------------------------------------------------------------------------------

def test_a_person_in_the_audience_sees_the_dates_and_can_register(db, client, login, event, employer):
    login(employer)
    text = page(client, f'/activiteiten/{event.id}')
    assert 'Workshop inclusief werven' in text
    assert f'action="/activiteiten/tijdslot/{event.slots[0].id}/aanmelden"' in text
    assert f'/activiteiten/tijdslot/{event.slots[0].id}.ics' in text
    assert '/beheer' not in text


def test_staff_register_job_seekers_by_typing_a_code_and_nobody_is_listed(db, client, login, activity, staff,
                                                                          candidate):
    make_slot(db, activity, days_ahead=14)
    login(staff)
    text = page(client, f'/activiteiten/{activity.id}')
    assert text.count('name="candidate_code"') == 2  # one field on each date
    assert f'/activiteiten/tijdslot/{activity.slots[0].id}/kandidaat' in text
    assert candidate.code not in text
    assert 'Karin' not in text
    assert events(db, 'candidate.list_viewed') == []


def test_the_host_sees_where_the_offer_stands_and_its_buttons(db, client, login, host, host_organisation):
    draft = make_activity(db, organisation=host_organisation, state='draft')
    login(host)
    text = page(client, f'/activiteiten/{draft.id}')
    assert f'/activiteiten/{draft.id}/indienen' in text
    assert f'/activiteiten/{draft.id}/bewerken' in text
    assert f'/activiteiten/{draft.id}/verwijderen' in text
    assert 'data-activity-state="draft"' in text


def test_a_cancelled_activity_shows_why(db, client, login, staff, host_organisation):
    cancelled = make_activity(db, organisation=host_organisation, state='cancelled', cancel_reason='Storm op komst')
    login(staff)
    text = page(client, f'/activiteiten/{cancelled.id}')
    assert 'data-cancelled' in text
    assert 'Storm op komst' in text


# The offer form -------------------------------------------------------------------------------------

def local(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=TIMEZONE)


def form_data(day: date | None = None, **changes) -> dict:
    day = day or today() + timedelta(days=10)
    data = {'kind': 'job_shadowing', 'title': 'Meeloopdag in de werkplaats',
            'description': 'Meewerken met onze monteurs.',
            'location': 'Industrieweg 4, Hardenberg', 'online_url': '', 'audience': 'job_seekers',
            'slots-0-slot_id': '', 'slots-0-day': day.isoformat(), 'slots-0-starts': '09:30', 'slots-0-ends': '12:00',
            'slots-0-seats': '4', 'slots-0-closes': ''}
    return {**data, **changes}


def test_offer_form_opens_for_employers_and_staff_only(db, client, login, host, staff, host_organisation):
    login(host)
    text = page(client, '/activiteiten/nieuw')
    assert 'name="slots-0-day"' in text
    assert 'value="network_meeting"' not in text
    login(staff)
    assert client.get('/activiteiten/nieuw').status_code == 200
    login(make_admin(db))
    assert client.get('/activiteiten/nieuw').status_code == 403


def test_an_employer_offers_a_meeloopdag_for_review(db, client, login, post, host, host_organisation):
    login(host)
    day = today() + timedelta(days=10)
    response = post('/activiteiten/nieuw', form_data(day, save_and_submit='y'))

    assert response.status_code == 302
    activity = db.session.scalar(select(Activity).where(Activity.title == 'Meeloopdag in de werkplaats'))
    assert response.headers['Location'].endswith(f'/activiteiten/{activity.id}')
    assert activity.state == PostingState.PENDING
    [slot] = activity.slots
    assert slot.starts_at == local(day, '09:30')
    assert slot.ends_at == local(day, '12:00')
    assert slot.registration_closes_at == local(day, '09:30') - timedelta(hours=24)
    assert slot.seats == 4


def test_add_a_date_keeps_what_was_typed_and_saves_nothing(db, client, login, post, host, host_organisation):
    login(host)
    response = post('/activiteiten/nieuw', form_data(add_row='y'))

    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="slots-1-day"' in text
    assert 'value="Meeloopdag in de werkplaats"' in text
    assert db.session.scalar(select(Activity.id)) is None


def test_a_meeloopdag_on_several_dates(db, client, login, post, host, host_organisation):
    login(host)
    first, second = today() + timedelta(days=10), today() + timedelta(days=17)
    post('/activiteiten/nieuw', form_data(first, save_draft='y', **{
        'slots-1-slot_id': '', 'slots-1-day': second.strftime('%d-%m-%Y'), 'slots-1-starts': '13.00',
        'slots-1-ends': '16:30', 'slots-1-seats': '2', 'slots-1-closes': f'{second.isoformat()}T08:00',
        'slots-2-slot_id': '', 'slots-2-day': '', 'slots-2-starts': '', 'slots-2-ends': '', 'slots-2-seats': ''}))

    activity = db.session.scalar(select(Activity))
    assert activity.state == PostingState.DRAFT
    assert [(s.starts_at, s.seats) for s in activity.slots] == [(local(first, '09:30'), 4),
                                                               (local(second, '13:00'), 2)]
    assert activity.slots[1].registration_closes_at == local(second, '08:00')


@pytest.mark.parametrize(('changes', 'message'), [
    ({'location': ''}, 'Fill in an address or an online link'),
    ({'location': '', 'online_url': 'http://meet.example.nl/x'}, 'starts with https://'),
    ({'slots-0-day': (today() - timedelta(days=1)).isoformat()}, 'in the future'),
    ({'slots-0-ends': '08:00'}, 'The end time must be after the start time'),
    ({'slots-0-seats': '0'}, 'from 1 to 500'),
    ({'slots-0-starts': 'negen uur'}, 'like 09:30'),
    ({'slots-0-day': '', 'slots-0-starts': '', 'slots-0-ends': '', 'slots-0-seats': ''}, 'Add at least one date'),
    ({'kind': 'network_meeting'}, 'Choose one of the options'),
    ({'audience': 'network'}, 'Choose for whom'),
    ({'description': 'Bel 111222333 voor info'}, 'BSN'),
])
def test_the_form_says_what_is_wrong(db, client, login, post, host, host_organisation, changes, message):
    login(host)
    response = post('/activiteiten/nieuw', form_data(save_draft='y', **changes), headers=EN)

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Activity.id)) is None


def test_staff_publish_their_own_event_at_once(db, client, login, post, staff):
    login(staff)
    post('/activiteiten/nieuw', form_data(kind='workshop', publish='y'))
    activity = db.session.scalar(select(Activity))
    assert activity.state == PostingState.PUBLISHED
    assert activity.organisation_id is None


def test_a_coordinator_plans_a_meeting_of_a_network(db, client, login, post, coordinator, region, other_region):
    network = Network(region_id=region.id, name='Vechtdalkamer')
    elsewhere = Network(region_id=other_region.id, name='Drechtkamer')
    db.session.add_all([network, elsewhere])
    db.session.flush()
    login(coordinator)

    text = page(client, f'/activiteiten/nieuw?network_id={network.id}')
    assert re.search(r'<input checked[^>]*value="network_meeting"', text)
    assert client.get(f'/activiteiten/nieuw?network_id={elsewhere.id}').status_code == 404
    post('/activiteiten/nieuw', form_data(kind='network_meeting', network_id=str(network.id), audience='',
                                          agenda='1. Opening\n2. Arbeidsmarkt', publish='y'))
    meeting = db.session.scalar(select(Activity))
    assert meeting.network_id == network.id
    assert meeting.agenda == '1. Opening\n2. Arbeidsmarkt'
    assert meeting.state == PostingState.PUBLISHED


def test_the_change_form_shows_the_dates_in_dutch_time(db, client, login, host, host_organisation):
    day = today() + timedelta(days=12)
    activity = make_activity(db, organisation=host_organisation, state='draft',
                             slots=[{'starts_at': local(day, '09:30').astimezone(TIMEZONE)}])
    login(host)
    text = page(client, f'/activiteiten/{activity.id}/bewerken')
    assert f'value="{day.isoformat()}"' in text
    assert 'value="09:30"' in text
    assert f'name="slots-0-slot_id" type="hidden" value="{activity.slots[0].id}"' in text \
        or f'value="{activity.slots[0].id}"' in text


def test_moving_a_published_date_from_the_form_mails_the_registered(db, client, login, post, host, activity,
                                                                     employer, outbox):
    slot = activity.slots[0]
    make_registration(db, slot, user=employer)
    new_day = today() + timedelta(days=9)
    login(host)
    response = post(f'/activiteiten/{activity.id}/bewerken', {
        'kind': activity.kind.value, 'audience': activity.audience.value, 'title': activity.title,
        'description': activity.description, 'location': activity.location, 'online_url': '',
        'slots-0-slot_id': str(slot.id), 'slots-0-day': new_day.isoformat(), 'slots-0-starts': '10:00',
        'slots-0-ends': '15:00', 'slots-0-seats': '10', 'slots-0-closes': '', 'save_draft': 'y'})

    assert response.status_code == 302
    assert slot.starts_at == local(new_day, '10:00')
    assert [m.recipient for m in outbox] == [employer.email]


def test_a_date_that_has_registrations_is_not_removed_from_the_form(db, client, login, post, host, activity,
                                                                     employer, outbox):
    slot = activity.slots[0]
    other = make_slot(db, activity, days_ahead=20)  # the other date the activity keeps
    make_registration(db, slot, user=employer)
    login(host)
    data = {'kind': activity.kind.value, 'audience': activity.audience.value, 'title': activity.title,
            'description': activity.description, 'location': activity.location, 'save_draft': 'y'}
    for n, (date_, remove) in enumerate([(slot, True), (other, False)]):
        starts, ends = date_.starts_at.astimezone(TIMEZONE), date_.ends_at.astimezone(TIMEZONE)
        data.update({f'slots-{n}-slot_id': str(date_.id), f'slots-{n}-day': starts.date().isoformat(),
                     f'slots-{n}-starts': starts.strftime('%H:%M'), f'slots-{n}-ends': ends.strftime('%H:%M'),
                     f'slots-{n}-seats': '10'})
        if remove:
            data[f'slots-{n}-remove'] = 'y'
    db.session.commit()  # the refusal rolls the request's changes back, not these
    response = post(f'/activiteiten/{activity.id}/bewerken', data, headers=EN)

    assert response.status_code == 200
    assert 'cannot simply be removed' in response.get_data(as_text=True)
    assert db.session.get(ActivitySlot, slot.id) is not None
    assert slot.registrations[0].state == RegistrationState.CONFIRMED


def test_others_cannot_open_the_change_form(db, client, login, activity, employer, staff):
    login(employer)
    assert client.get(f'/activiteiten/{activity.id}/bewerken').status_code == 404
    login(staff)
    assert client.get(f'/activiteiten/{activity.id}/bewerken').status_code == 404


# The host's buttons ------------------------------------------------------------------------------------

def test_submit_withdraw_and_delete_buttons(db, client, login, post, host, host_organisation, request_context):
    login(host)
    draft = make_activity(db, organisation=host_organisation, state='draft')
    post(f'/activiteiten/{draft.id}/indienen')
    assert draft.state == PostingState.PENDING
    post(f'/activiteiten/{draft.id}/intrekken')
    assert draft.state == PostingState.WITHDRAWN

    other = make_activity(db, organisation=host_organisation, state='draft')
    other_id = other.id
    response = post(f'/activiteiten/{other_id}/verwijderen')
    assert response.headers['Location'].endswith('/activiteiten/mijn-aanbod')
    db.session.expire_all()
    assert db.session.get(Activity, other_id) is None


def test_staff_publish_a_draft_event_with_the_button(db, client, login, post, staff, region):
    draft = make_activity(db, kind='workshop', region=region, state='draft')
    login(staff)
    post(f'/activiteiten/{draft.id}/publiceren')
    assert draft.state == PostingState.PUBLISHED
    assert events(db, 'activity.publish')


def test_buttons_of_someone_elses_activity_are_404(db, client, login, post, activity, employer):
    login(employer)
    for action in ('indienen', 'publiceren', 'intrekken', 'verwijderen'):
        assert post(f'/activiteiten/{activity.id}/{action}').status_code == 404


def test_the_minutes_are_added_after_the_meeting(db, client, login, post, coordinator, region):
    network = Network(region_id=region.id, name='Vechtdalkamer')
    db.session.add(network)
    db.session.flush()
    meeting = make_activity(db, kind='network_meeting', region=region, network=network, agenda='1. Opening',
                            slots=[{'days_ahead': -7}])
    login(coordinator)
    text = page(client, f'/activiteiten/{meeting.id}/bewerken')
    assert 'name="minutes"' in text
    assert 'Dates that have started stay as they are' in text
    assert 'name="slots-0-slot_id" type="hidden" value=""' in text  # only an empty row for a new date

    response = post(f'/activiteiten/{meeting.id}/bewerken', {
        'kind': 'network_meeting', 'network_id': str(network.id), 'audience': 'network', 'title': meeting.title,
        'description': meeting.description, 'location': meeting.location, 'agenda': '1. Opening',
        'minutes': 'Afgesproken: vier meeloopdagen per lid.', 'save_draft': 'y'})

    assert response.status_code == 302
    assert meeting.minutes == 'Afgesproken: vier meeloopdagen per lid.'
    assert len(meeting.slots) == 1
