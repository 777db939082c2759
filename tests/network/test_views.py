"""The network page (members see approved versions only) and the coordinator's members page."""

import re

import pytest
from sqlalchemy import select

from portal.blueprints.demand import moderation
from portal.models.audit import AuditEvent
from portal.models.demand import Horizon
from portal.models.network import Network, NetworkMemberStatus
from tests.factories import (
    make_admin,
    make_employer,
    make_need,
    make_network_member,
    make_occupation,
    make_organisation,
    make_plan,
    make_region,
    make_staff,
    make_user,
)

PAGE = '/netwerk/'
MEMBERS = '/netwerk/leden'


@pytest.fixture
def vechtdal(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def member(db, vechtdal):
    """A user of an organisation in Vechtdal's network."""
    user = make_user(db, name='Nina Netwerk', locale='en')
    make_network_member(db, make_organisation(db, region=vechtdal, owner=user, name='Netwerkbedrijf B.V.'))
    return user


@pytest.fixture
def employer(db, vechtdal):
    """The owner of an organisation that posts; not in the network itself."""
    user = make_user(db, email='olga@bakkerij.nl', locale='en')
    make_organisation(db, region=vechtdal, owner=user, name='Bakkerij Bol B.V.')
    return user


@pytest.fixture
def organisation(employer):
    return employer.current_organisation


def headings(page: str) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3">([^<]+)</h3>', page)


# Who may see the network page --------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client):
    for address in (PAGE, MEMBERS):
        response = client.get(address)
        assert response.status_code == 302
        assert '/inloggen' in response.location


def test_an_employer_outside_the_network_gets_an_explanation(db, client, login, organisation):
    make_need(db, organisation=organisation, title='Broodbakker', state='published')
    outsider = login(make_employer(db, region=organisation.region))
    outsider.locale = 'en'
    response = client.get(PAGE)
    assert response.status_code == 403
    assert 'Your organisation is not a member of the network.' in response.text
    assert 'Broodbakker' not in response.text


def test_staff_are_not_network_members_and_are_pointed_to_their_own_pages(db, client, login, vechtdal, member):
    login(make_staff(db, region=vechtdal, kind='coordinator', locale='en'))
    response = client.get(PAGE)
    assert response.status_code == 403
    assert '/medewerkers/regio/vraag' in response.text
    assert '/netwerk/leden' in response.text


def test_an_unverified_organisation_in_the_network_sees_nothing(db, client, login, vechtdal, member):
    organisation = member.current_organisation
    organisation.status = 'pending'
    organisation.verified_at = None
    db.session.flush()
    login(member)
    assert client.get(PAGE).status_code == 403


def test_an_ended_membership_closes_the_page(db, client, login, member):
    network = db.session.scalar(select(Network))
    network.members[0].status = NetworkMemberStatus.ENDED
    db.session.flush()
    login(member)
    assert client.get(PAGE).status_code == 403


# What members see --------------------------------------------------------------------------

def test_members_see_published_needs_and_shared_plans_of_their_region_only(db, client, login, member, organisation):
    make_need(db, organisation=organisation, title='Broodbakker', state='published')
    make_need(db, organisation=organisation, title='Concept', state='draft')
    make_need(db, organisation=organisation, title='Wacht', state='pending')
    make_need(db, organisation=organisation, title='Vervuld', state='filled')
    make_plan(db, organisation=organisation, title='Gedeeld plan', state='published', visibility='network')
    make_plan(db, organisation=organisation, title='Alleen voor de gemeente', state='published', visibility='staff')
    make_plan(db, organisation=organisation, title='Plan in concept', state='draft', visibility='network')
    elsewhere = make_organisation(db, owner=make_user(db))
    make_need(db, organisation=elsewhere, title='Elders', state='published')
    make_plan(db, organisation=elsewhere, title='Plan elders', state='published', visibility='network')
    login(member)

    response = client.get(PAGE)
    assert response.status_code == 200
    assert headings(response.text) == ['Broodbakker', 'Gedeeld plan']
    assert 'Bakkerij Bol B.V.' in response.text
    assert '1 staffing needs match.' in response.text


def test_members_see_the_approved_version_not_the_live_row(db, client, login, member, organisation, employer,
                                                           request_context, outbox):
    accountmanager = make_staff(db, region=organisation.region)
    need = make_need(db, organisation=organisation, title='Broodbakker', description='Goedgekeurde tekst')
    moderation.submit_for_review(employer, need)
    moderation.approve(accountmanager, need)
    plan = make_plan(db, organisation=organisation, title='Robotisering', visibility='network')
    moderation.submit_for_review(employer, plan)
    moderation.approve(accountmanager, plan)
    # the employer changes the live rows after approval; a revision waits for staff
    need.title, need.description = 'Broodbakker (nieuw, niet goedgekeurd)', 'Nieuwe tekst'
    moderation.submit_for_review(employer, need)
    plan.title, plan.visibility = 'Robotisering (niet goedgekeurd)', 'staff'
    db.session.flush()
    login(member)

    page = client.get(PAGE).text
    assert headings(page) == ['Broodbakker', 'Robotisering']
    assert 'Goedgekeurde tekst' in page
    assert 'niet goedgekeurd' not in page
    assert 'Nieuwe tekst' not in page


def test_the_filters_read_the_approved_version(db, client, login, member, organisation):
    bakker, chauffeur = make_occupation(db, label_en='Test baker'), make_occupation(db, label_en='Test driver')
    need = make_need(db, organisation=organisation, title='Broodbakker', occupation=bakker, horizon=Horizon.NOW,
                     state='published')
    make_need(db, organisation=organisation, title='Chauffeur', occupation=chauffeur, horizon=Horizon.YEARS_2_5,
              state='published')
    make_plan(db, organisation=organisation, title='Bakkerij 2030', state='published', visibility='network',
              timeframe=Horizon.YEARS_5_PLUS, effects=[{'occupation': bakker}])
    # a live change that is not approved does not move it between filters
    need.occupation, need.horizon = chauffeur, Horizon.YEARS_2_5
    db.session.flush()
    login(member)

    assert headings(client.get(f'{PAGE}?beroep={bakker.id}').text) == ['Broodbakker', 'Bakkerij 2030']
    assert headings(client.get(f'{PAGE}?beroep={chauffeur.id}').text) == ['Chauffeur']
    assert headings(client.get(f'{PAGE}?termijn=now').text) == ['Broodbakker']
    assert headings(client.get(f'{PAGE}?termijn=years_5_plus').text) == ['Bakkerij 2030']
    page = client.get(PAGE).text
    assert f'<option value="{bakker.id}">Test baker</option>' in page
    response = client.get(f'{PAGE}?beroep=999999')
    assert 'Choose from the list.' in response.text
    assert len(headings(response.text)) == 3


# The coordinator's members page ------------------------------------------------------------

@pytest.fixture
def coordinator(db, vechtdal):
    return make_staff(db, region=vechtdal, kind='coordinator', name='Cor', locale='en')


@pytest.mark.parametrize('who', ['employer', 'accountmanager', 'admin'])
def test_only_coordinators_manage_members(db, client, login, vechtdal, member, who, post):
    login({'employer': lambda: make_employer(db), 'accountmanager': lambda: make_staff(db, region=vechtdal),
           'admin': lambda: make_admin(db)}[who]())
    assert client.get(MEMBERS).status_code == 403
    [membership] = db.session.scalar(select(Network)).members
    assert post(f'/netwerk/leden/{membership.id}/beeindigen').status_code == 403
    assert membership.status == NetworkMemberStatus.ACTIVE


def test_a_coordinator_starts_networks_with_a_name_and_a_chair(db, client, login, coordinator, vechtdal, post,
                                                              organisation):
    pending = make_organisation(db, region=vechtdal, owner=make_user(db), status='pending', name='Nog niet B.V.')
    school = make_organisation(db, region=vechtdal, owner=make_user(db), kind='education', name='Vechtdal College')
    login(coordinator)
    page = client.get(MEMBERS).text
    assert 'Start the network' in page
    # only an employer chairs a network: the school is not offered, and refused when sent anyway
    assert re.findall(r'<option value="(\d+)">([^<]+)</option>', page) == [(str(organisation.id), 'Bakkerij Bol B.V.')]
    for chair in (pending, school):
        response = post('/netwerk/leden/netwerk', {'name': ' ', 'chair': chair.id})
        assert 'Fill in the name of the network.' in response.text
        assert 'Choose a verified employer of your region from the list.' in response.text
    response = post('/netwerk/leden/netwerk', {'name': 'Vechtdalkamer'})
    assert 'Choose the organisation that chairs the network.' in response.text
    assert Network.of_region(vechtdal.id) is None

    response = post('/netwerk/leden/netwerk', {'name': 'Vechtdalkamer', 'chair': organisation.id},
                    follow_redirects=True)
    network = Network.of_region(vechtdal.id)
    assert 'The network Vechtdalkamer is ready.' in response.text
    assert response.request.path == f'/netwerk/{network.id}/beheer'
    assert (network.name, network.chair_organisation_id) == ('Vechtdalkamer', organisation.id)
    # a region has one or more networks
    response = post('/netwerk/leden/netwerk', {'name': 'Techniekkamer', 'chair': organisation.id},
                    follow_redirects=True)
    assert 'The network Techniekkamer is ready.' in response.text
    page = client.get(MEMBERS).text
    assert page.count('data-network-id=') == 2


@pytest.fixture
def network(db, member):
    return db.session.scalar(select(Network))


def test_a_coordinator_adds_and_ends_members(db, client, login, coordinator, vechtdal, member, organisation, post,
                                             outbox, network):
    pending = make_organisation(db, region=vechtdal, owner=make_user(db), status='pending', name='Nog niet B.V.')
    elsewhere = make_organisation(db, owner=make_user(db), name='Elders B.V.')
    manage = f'/netwerk/{network.id}/beheer'
    login(coordinator)
    page = client.get(MEMBERS).text
    assert f'href="{manage}"' in page
    page = client.get(manage).text
    assert 'Netwerkbedrijf B.V.' in page
    add_form = page[page.index('/beheer/toevoegen'):]
    choices = re.findall(r'<option value="(\d+)">([^<]+)</option>', add_form[:add_form.index('</form>')])
    assert choices == [(str(organisation.id), 'Bakkerij Bol B.V.')]
    assert 'Nog niet' not in page

    for bad in (pending.id, elsewhere.id, member.current_organisation.id):
        response = post(f'{manage}/toevoegen', {'organisation': bad})
        assert 'Choose a verified organisation of your region from the list.' in response.text
    for empty in ('', 'x'):
        response = post(f'{manage}/toevoegen', {'organisation': empty})
        assert 'Organisation: Choose an organisation.' in response.text
    assert outbox == []

    response = post(f'{manage}/toevoegen', {'organisation': organisation.id}, follow_redirects=True)
    assert 'Bakkerij Bol B.V. is now a member of the network.' in response.text
    assert [(m.recipient, m.template) for m in outbox] == [('olga@bakkerij.nl', 'network/member_added')]
    assert organisation.owner.in_network

    membership = network.membership_of(organisation)
    response = post(f'/netwerk/leden/{membership.id}/beeindigen', follow_redirects=True)
    assert 'Bakkerij Bol B.V. is no longer a member of the network.' in response.text
    assert response.request.path == manage
    assert membership.status == NetworkMemberStatus.ENDED
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like('network.%'))).all()
    assert sorted(actions) == ['network.add_member', 'network.end_member']


def test_a_coordinator_changes_the_name_and_the_chair(db, client, login, coordinator, network, organisation, post):
    login(coordinator)
    manage = f'/netwerk/{network.id}/beheer'
    response = post(f'{manage}/gegevens', {'name': '', 'chair': organisation.id})
    assert 'Fill in the name of the network.' in response.text
    school = make_organisation(db, region=organisation.region, owner=make_user(db), kind='education')
    page = client.get(manage).text
    edit_form = page[page.index('/beheer/gegevens'):]
    assert f'value="{organisation.id}"' in edit_form[:edit_form.index('</form>')]
    assert f'value="{school.id}"' not in edit_form[:edit_form.index('</form>')]
    response = post(f'{manage}/gegevens', {'name': 'Vechtdalkamer', 'chair': school.id})
    assert 'Choose a verified employer of your region from the list.' in response.text
    response = post(f'{manage}/gegevens', {'name': 'Vechtdalkamer', 'chair': organisation.id}, follow_redirects=True)
    assert 'The network Vechtdalkamer is saved.' in response.text
    assert (network.name, network.chair_organisation_id) == ('Vechtdalkamer', organisation.id)
    assert 'Chaired by Bakkerij Bol B.V.' in response.text


def test_a_coordinator_elsewhere_cannot_touch_this_network(db, client, login, member, post, network):
    [membership] = network.members
    login(make_staff(db, region=make_region(db, name='Drechtsteden'), kind='coordinator', locale='en'))
    assert post(f'/netwerk/leden/{membership.id}/beeindigen').status_code == 404
    assert membership.status == NetworkMemberStatus.ACTIVE
    page = client.get(MEMBERS).text
    assert 'Netwerkbedrijf' not in page
    assert 'Your region has no network in Kansenkamer yet.' in page
    assert client.get(f'/netwerk/{network.id}/beheer').status_code == 404
    for action in ('toevoegen', 'gegevens'):
        assert post(f'/netwerk/{network.id}/beheer/{action}', {'organisation': member.current_organisation.id,
                                                               'name': 'X'}).status_code == 404
