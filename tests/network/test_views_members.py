"""The members' pages: directory, meetings and pledges (members and the region's coordinators), the organisation's
own participation (join, directory entry, pledge), and requests to join for the chair and the coordinators."""

import re

import pytest

from portal.blueprints.activities import policy
from portal.core.dbtypes import TIMEZONE, today, utcnow
from portal.models.network import NetworkMemberStatus, NetworkPledge
from tests.factories import add_member, make_employer, make_organisation, make_region, make_staff, make_user
from tests.network.conftest import events, host, make_meeting, make_network, seat


@pytest.fixture
def vechtdal(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def chair_owner(db):
    return make_user(db, email='carla@chair.nl', locale='en')


@pytest.fixture
def network(db, vechtdal, chair_owner):
    chair = make_organisation(db, region=vechtdal, owner=chair_owner, name='Chair B.V.')
    db.session.refresh(chair_owner)
    return make_network(db, vechtdal, chair=chair)


@pytest.fixture
def member(db, vechtdal, network):
    user = make_user(db, email='mia@member.nl', locale='en')
    organisation = make_organisation(db, region=vechtdal, owner=user, name='Member B.V.', kind='education')
    seat(db, network, organisation, in_directory=True, directory_note='Vraag naar Mia')
    db.session.refresh(user)
    return user


@pytest.fixture
def outsider(db, vechtdal):
    user = make_user(db, email='otto@outside.nl', locale='en')
    make_organisation(db, region=vechtdal, owner=user, name='Buiten B.V.')
    db.session.refresh(user)
    return user


@pytest.fixture
def coordinator(db, vechtdal):
    return make_staff(db, region=vechtdal, kind='coordinator', email='cor@vechtdal.nl', locale='en')


PAGES = ('/netwerk/deelnemers', '/netwerk/bijeenkomsten', '/netwerk/toezeggingen')


def test_members_and_the_regions_coordinators_see_the_pages_others_get_an_explanation(
        db, client, login, member, outsider, coordinator):
    for user, status in ((member, 200), (coordinator, 200), (outsider, 403),
                         (make_staff(db, region=coordinator.staff_role.region), 403),
                         (make_staff(db, region=make_region(db), kind='coordinator'), 403)):
        login(user)
        for page in PAGES:
            assert client.get(page).status_code == status, (user, page)
    login(outsider)
    assert '/netwerk/deelname' in client.get(PAGES[0]).text  # an employer may ask to join


def test_the_directory_shows_members_that_opted_in(db, client, login, member, network, vechtdal):
    seat(db, network, make_organisation(db, region=vechtdal, name='Verborgen B.V.'))
    login(member)
    page = client.get('/netwerk/deelnemers').text
    assert 'Member B.V.' in page
    assert 'Vraag naar Mia' in page
    assert 'data-kind="education"' in page
    assert 'Education' in page
    assert 'Verborgen' not in page
    assert 'Chaired by Chair B.V.' in page


def test_meetings_link_to_the_activity_and_show_minutes_after(db, client, login, member, network, coordinator):
    coming = make_meeting(db, network, days_ahead=3, title='Kamer maart', agenda='Agenda: arbeidsmarkt 2030',
                          minutes='Niet tonen')
    past = make_meeting(db, network, days_ahead=-30, title='Kamer januari', minutes='Notulen: afspraken')
    login(member)
    page = client.get('/netwerk/bijeenkomsten').text
    upcoming, gone = page.split('id="past"') if 'id="past"' in page else (page, '')
    assert f'data-meeting-id="{coming.id}"' in upcoming
    assert 'Agenda: arbeidsmarkt 2030' in upcoming
    assert 'Niet tonen' not in page
    assert f'data-meeting-id="{past.id}"' in gone
    assert 'Notulen: afspraken' in gone
    # the title links to the activity's page once the activities area has one
    linked = 'activities.view_activity' in client.application.view_functions
    assert ('<h3 class="utrecht-heading-3"><a class="utrecht-link"' in page) == linked
    assert 'network_id=' not in page  # members plan no meetings
    login(coordinator)
    page = client.get('/netwerk/bijeenkomsten').text
    assert (f'network_id={network.id}' in page) == ('activities.new_activity' in client.application.view_functions)


def test_the_pledges_page_shows_done_of_pledged(db, client, login, member, network, coordinator):
    membership = network.membership_of(member.current_organisation)
    year = today().year - 1
    membership.pledges.append(NetworkPledge(year=year, job_shadowing_days=4, workshops=1))
    host(db, member.current_organisation, 'job_shadowing',
         *(utcnow().replace(year=year, month=month, day=1).astimezone(TIMEZONE) for month in (2, 3, 4)))
    db.session.flush()
    for user in (member, coordinator):
        login(user)
        page = client.get(f'/netwerk/toezeggingen?jaar={year}').text
        row = page[page.index(f'data-organisation-id="{membership.organisation_id}"'):]
        row = row[:row.index('</tr>')]
        assert 'data-field="job_shadowing_days" data-done="3" data-pledged="4"' in row
        assert '3 of 4' in row
        assert 'data-field="workshops" data-done="0" data-pledged="1"' in row
    chair_row = page[page.index(f'data-organisation-id="{network.chair_organisation_id}"'):]
    assert '0 (no pledge)' in chair_row[:chair_row.index('</tr>')]
    # a year out of range shows this year
    assert f'aria-current="page">{today().year}<' in client.get('/netwerk/toezeggingen?jaar=1999').text


# The organisation's own participation --------------------------------------------------------------

def test_an_outsider_asks_to_join_and_the_chair_and_coordinators_are_mailed(db, client, login, post, outsider,
                                                                            network, coordinator, vechtdal, outbox):
    other = make_network(db, vechtdal, name='Andere kamer')
    make_network(db, make_region(db), name='Elders')
    login(outsider)
    page = client.get('/netwerk/deelname').text
    assert re.findall(r'<option value="(\d+)">([^<]+)</option>', page) == [(str(other.id), 'Andere kamer'),
                                                                          (str(network.id), 'Vechtdalkamer')]
    response = post('/netwerk/deelname/aanvragen', {'network': '', 'note': 'x'})
    assert 'Choose a network.' in response.text
    assert outbox == []
    response = post('/netwerk/deelname/aanvragen', {'network': network.id, 'note': 'Wij doen graag mee'},
                    follow_redirects=True)
    assert 'Your request to join Vechtdalkamer is sent.' in response.text
    membership = network.membership_of(outsider.current_organisation)
    assert membership.status == NetworkMemberStatus.PENDING
    assert 'data-status="pending"' in response.text
    assert sorted(m.recipient for m in outbox) == ['carla@chair.nl', 'cor@vechtdal.nl']
    # asked once: the network is no longer offered
    assert f'<option value="{network.id}">' not in response.text


def test_the_chair_approves_and_declines_from_the_requests_page(db, client, login, post, chair_owner, network,
                                                                vechtdal, outbox):
    first = seat(db, network, make_organisation(db, region=vechtdal, owner=make_user(db), name='Eerste B.V.'),
                 status='pending', note='Wij willen graag')
    second = seat(db, network, make_organisation(db, region=vechtdal, owner=make_user(db), name='Tweede B.V.'),
                  status='pending')
    login(chair_owner)
    page = client.get('/netwerk/verzoeken').text
    assert f'data-request-id="{first.id}"' in page
    assert 'Wij willen graag' in page

    response = post(f'/netwerk/verzoeken/{first.id}/goedkeuren', follow_redirects=True)
    assert 'Eerste B.V. is now a member of Vechtdalkamer.' in response.text
    assert first.status == NetworkMemberStatus.ACTIVE

    assert 'name="reason"' in client.get(f'/netwerk/verzoeken/{second.id}/afwijzen').text
    response = post(f'/netwerk/verzoeken/{second.id}/afwijzen', {'reason': ''})
    assert 'Say why the request is declined.' in response.text
    response = post(f'/netwerk/verzoeken/{second.id}/afwijzen', {'reason': 'Alleen Ommen'}, follow_redirects=True)
    assert 'The request of Tweede B.V. is declined.' in response.text
    assert second.status == NetworkMemberStatus.DECLINED
    assert [m.template for m in outbox] == ['network/join_approved', 'network/join_declined']
    response = post(f'/netwerk/verzoeken/{second.id}/afwijzen', {'reason': 'Nog eens'}, follow_redirects=True)
    assert 'This request has already been answered.' in response.text
    assert 'There are no requests waiting.' in response.text


def test_requests_stay_with_those_who_may_answer(db, client, login, post, member, outsider, network, vechtdal):
    waiting = seat(db, network, make_organisation(db, region=vechtdal, name='Wacht B.V.'), status='pending')
    for user in (member, outsider, make_staff(db, region=vechtdal), make_staff(db, region=make_region(db))):
        login(user)
        assert client.get('/netwerk/verzoeken').status_code == 403
        assert post(f'/netwerk/verzoeken/{waiting.id}/goedkeuren').status_code == 404
        assert client.get(f'/netwerk/verzoeken/{waiting.id}/afwijzen').status_code == 404
    login(make_staff(db, region=make_region(db), kind='coordinator'))
    assert 'Wacht B.V.' not in client.get('/netwerk/verzoeken').text
    assert post(f'/netwerk/verzoeken/{waiting.id}/goedkeuren').status_code == 404
    assert waiting.status == NetworkMemberStatus.PENDING


def test_a_member_sets_the_directory_entry_and_the_pledge(db, client, login, post, member, network):
    membership = network.membership_of(member.current_organisation)
    login(member)
    page = client.get('/netwerk/deelname').text
    assert f'/netwerk/deelname/{membership.id}/gids' in page
    response = post(f'/netwerk/deelname/{membership.id}/gids', {'directory_note': 'Nieuw'}, follow_redirects=True)
    assert 'Your entry in the members’ directory is saved.' in response.text
    assert (membership.in_directory, membership.directory_note) == (False, 'Nieuw')

    year = today().year
    address = f'/netwerk/deelname/{membership.id}/toezegging?jaar={year}'
    response = post(address, {'job_shadowing_days': '4', 'workshops': 'veel', 'company_tours': '',
                              'practice_interviews': '101', 'buddy_pairings': '0'})
    assert 'Fill in a whole number, like 3.' in response.text
    assert 'Fill in a number, 0 if none.' in response.text
    assert 'Fill in a number from 0 to 100.' in response.text
    response = post(address, {'job_shadowing_days': '4', 'workshops': '1', 'company_tours': '0',
                              'practice_interviews': '2', 'buddy_pairings': '1'}, follow_redirects=True)
    assert f'Your pledge for {year} is saved.' in response.text
    assert membership.pledge_for(year).job_shadowing_days == 4
    assert 'data-field="job_shadowing_days" data-done="0" data-pledged="4"' in response.text
    assert client.get(f'/netwerk/deelname/{membership.id}/toezegging?jaar={year + 2}').status_code == 404
    assert len(events(db, 'network.pledge_set')) == 1


def test_other_organisations_cannot_change_an_entry_or_pledge(db, client, login, post, member, outsider, network,
                                                              coordinator):
    membership = network.membership_of(member.current_organisation)
    for user, status in ((outsider, 404), (make_employer(db), 404), (coordinator, 403)):
        login(user)
        assert client.get(f'/netwerk/deelname/{membership.id}/gids').status_code == status
        assert post(f'/netwerk/deelname/{membership.id}/toezegging', {'workshops': '9'}).status_code == status
    assert membership.pledges == []


def test_a_colleague_of_a_member_uses_the_pages_too(db, client, login, member, network):
    colleague = make_user(db, locale='en')
    add_member(db, member.current_organisation, colleague)
    login(colleague)
    assert client.get('/netwerk/deelnemers').status_code == 200
    assert client.get(f'/netwerk/deelname/{network.membership_of(member.current_organisation).id}/gids'
                      ).status_code == 200


def test_someone_in_the_network_through_an_organisation_they_did_not_choose_now_is_a_member_everywhere(
        db, client, login, member, outsider, network):
    # the outsider works for Buiten B.V. (chosen now) and also for Member B.V., which sits in the network
    add_member(db, member.current_organisation, outsider)
    db.session.refresh(outsider)
    assert outsider.current_organisation.name == 'Buiten B.V.'
    meeting = make_meeting(db, network, days_ahead=5)
    assert policy.in_network(outsider, meeting)  # what the activities let them do
    login(outsider)
    for page in PAGES:  # the network's own pages say the same
        assert client.get(page).status_code == 200, page
    assert f'data-meeting-id="{meeting.id}"' in client.get('/netwerk/bijeenkomsten').text
    assert client.get('/netwerk/').status_code == 200


def test_a_seat_of_an_organisation_not_verified_now_does_not_count(db, client, login, member, network):
    member.current_organisation.status = 'pending'
    db.session.flush()
    meeting = make_meeting(db, network, days_ahead=5)
    assert not policy.in_network(member, meeting)
    login(member)
    for page in PAGES:
        assert client.get(page).status_code == 403, page


def test_the_tabs_show_what_the_reader_may_open(db, client, login, member, chair_owner, coordinator):
    login(member)
    page = client.get('/netwerk/deelnemers').text
    assert '/netwerk/deelname"' in page
    assert '/netwerk/verzoeken"' not in page
    assert '/netwerk/leden"' not in page
    login(chair_owner)
    assert '/netwerk/verzoeken"' in client.get('/netwerk/deelnemers').text
    login(coordinator)
    page = client.get('/netwerk/deelnemers').text
    assert '/netwerk/verzoeken"' in page
    assert '/netwerk/leden"' in page
    assert '/netwerk/deelname"' not in page
