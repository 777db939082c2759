"""Administration pages: who may open them, and what each form does with good and bad input."""

import pytest
from sqlalchemy import select

from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.tenancy import Municipality, Region
from tests.factories import make_admin, make_employer, make_region, make_staff, make_user


def last_event(db, action: str) -> AuditEvent | None:
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))


@pytest.fixture
def admin(db, login):
    """A signed-in admin who reads English, so the tests can read the messages."""
    return login(make_admin(db, locale='en'))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get('/beheer/')
    assert response.status_code == 302
    assert response.location.startswith('/inloggen')


@pytest.mark.parametrize('make', [make_employer, make_staff, make_user])
def test_everyone_but_admins_gets_403(db, client, login, make, post):
    login(make(db))
    assert client.get('/beheer/').status_code == 403
    assert client.get('/beheer/medewerkers').status_code == 403
    assert post('/beheer/regios/nieuw', data={'slug': 'x'}).status_code == 403


def test_coordinators_get_403_too(db, client, login):
    login(make_staff(db, kind='coordinator'))
    assert client.get('/beheer/regios').status_code == 403


def test_overview_counts_and_links(db, client, admin):
    make_region(db, municipalities=2)
    response = client.get('/beheer/')
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Administration</h1>' in response.text
    assert 'href="/beheer/regios"' in response.text
    assert 'href="/beheer/medewerkers/nieuw"' in response.text


# Regions -----------------------------------------------------------------------------------------

def test_regions_list_shows_each_region(db, client, admin):
    make_region(db, name='Vechtdal', slug='vechtdal')
    response = client.get('/beheer/regios')
    assert response.status_code == 200
    assert 'Vechtdal' in response.text
    assert '<code>vechtdal</code>' in response.text


def test_create_region(db, client, admin, post):
    response = post('/beheer/regios/nieuw', data={'slug': 'west-brabant', 'name': 'West-Brabant',
                                                         'primary_colour': '#154273', 'accent_colour': '#0B2A4A'})
    region = Region.by_slug('west-brabant')
    assert response.status_code == 302
    assert response.location == f'/beheer/regios/{region.id}/gemeenten'
    assert region.accent_colour == '#0b2a4a'
    assert last_event(db, 'region.create').actor_id == admin.id


def test_create_region_with_a_light_colour_and_a_bad_slug_keeps_the_input(db, client, admin, post):
    response = post('/beheer/regios/nieuw', data={'slug': 'West Brabant', 'name': 'West-Brabant',
                                                         'primary_colour': '#ffcc00', 'accent_colour': 'blue'})
    assert response.status_code == 200
    assert ('This colour is too light: white text on it has a contrast of 1.5 to 1, and at least 4.5 to 1 is '
            'needed') in response.text
    assert 'Write the colour as # followed by six hex digits' in response.text
    assert 'Use only lower-case letters, digits and single hyphens' in response.text
    assert 'aria-invalid="true"' in response.text
    assert 'value="West-Brabant"' in response.text
    assert Region.by_slug('west-brabant') is None


def test_create_region_refuses_a_taken_slug(db, client, admin, post):
    make_region(db, slug='vechtdal')
    response = post('/beheer/regios/nieuw', data={'slug': 'vechtdal', 'name': 'Vechtdal 2',
                                                         'primary_colour': '#154273', 'accent_colour': '#0b2a4a'})
    assert response.status_code == 200
    assert 'There is already a region with this short name.' in response.text


def test_edit_region_keeps_the_slug(db, client, admin, post):
    region = make_region(db, slug='vast', name='Oud')
    response = client.get(f'/beheer/regios/{region.id}')
    assert response.status_code == 200
    assert 'name="slug"' not in response.text
    response = post(f'/beheer/regios/{region.id}', data={'name': 'Nieuw', 'slug': 'anders',
                                                                'primary_colour': '#1f5c3a',
                                                                'accent_colour': '#123822'})
    assert response.status_code == 302
    assert (region.slug, region.name, region.primary_colour) == ('vast', 'Nieuw', '#1f5c3a')
    assert last_event(db, 'region.update').details['name'] == ['Oud', 'Nieuw']


def test_edit_region_with_a_light_colour_changes_nothing(db, client, admin, post):
    region = make_region(db)
    response = post(f'/beheer/regios/{region.id}', data={'name': region.name, 'primary_colour': '#ffffff',
                                                                'accent_colour': '#0b2a4a'})
    assert response.status_code == 200
    assert 'This colour is too light' in response.text
    assert region.primary_colour == '#154273'


def test_an_unknown_region_is_404(client, admin):
    assert client.get('/beheer/regios/999999').status_code == 404
    assert client.get('/beheer/regios/999999/gemeenten').status_code == 404


# Municipalities ----------------------------------------------------------------------------------

def test_add_a_municipality(db, client, admin, post):
    region = make_region(db, municipalities=0)
    response = post(f'/beheer/regios/{region.id}/gemeenten', data={'cbs_code': 'gm0160', 'name': 'Hardenberg'})
    assert response.status_code == 302
    [municipality] = region.municipalities
    assert (municipality.cbs_code, municipality.name) == ('GM0160', 'Hardenberg')
    assert last_event(db, 'municipality.create').region_id == region.id
    assert 'Hardenberg' in client.get(response.location).text


@pytest.mark.parametrize(('code', 'message'), [
    ('0160', 'A CBS code is GM followed by four digits'),
    ('GM01600', 'A CBS code is GM followed by four digits'),
    ('', 'Fill in the CBS code.'),
    ('TAKEN', 'There is already a municipality with this CBS code.'),
])
def test_add_a_municipality_with_a_bad_code(db, client, admin, code, message, post):
    region = make_region(db)
    if code == 'TAKEN':
        code = region.municipalities[0].cbs_code
    response = post(f'/beheer/regios/{region.id}/gemeenten', data={'cbs_code': code, 'name': 'Ommen'})
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Ommen"' in response.text
    assert db.session.scalar(select(Municipality).where(Municipality.name == 'Ommen')) is None


def test_rename_a_municipality(db, client, admin, post):
    municipality = make_region(db).municipalities[0]
    response = post(f'/beheer/gemeenten/{municipality.id}', data={'name': 'Dalfsen'})
    assert response.status_code == 302
    assert municipality.name == 'Dalfsen'
    assert post(f'/beheer/gemeenten/{municipality.id}', data={'name': ''}).status_code == 200


# Staff accounts ----------------------------------------------------------------------------------

def test_staff_list_shows_region_role_and_two_step(db, client, admin):
    region = make_region(db, name='Drechtsteden')
    make_staff(db, region=region, name='Anna Accountmanager', two_step=True)
    make_staff(db, name='Bert Elders', kind='coordinator')
    response = client.get('/beheer/medewerkers')
    assert response.status_code == 200
    assert 'Anna Accountmanager' in response.text
    assert 'Drechtsteden' in response.text
    assert 'Coordinator' in response.text
    assert '>On<' in response.text
    assert '>Off<' in response.text
    filtered = client.get('/beheer/medewerkers', query_string={'regio': region.id})
    assert 'Anna Accountmanager' in filtered.text
    assert 'Bert Elders' not in filtered.text


def test_create_staff_member(db, client, admin, outbox, post):
    region = make_region(db)
    response = post('/beheer/medewerkers/nieuw', data={
        'name': 'Carla Coördinator', 'email': 'Carla@Gemeente.nl', 'region': region.id, 'kind': 'coordinator',
        'locale': 'nl'})
    assert response.status_code == 302
    user = User.by_email('carla@gemeente.nl')
    assert user.is_coordinator
    assert user.staff_region_id == region.id
    assert user.password_hash is None
    assert [(m.recipient, m.template) for m in outbox] == [('carla@gemeente.nl', 'auth/welcome')]
    assert last_event(db, 'staff.create').actor_id == admin.id


def test_create_staff_member_with_an_email_that_exists(db, client, admin, post):
    make_user(db, email='bestaat@example.nl')
    response = post('/beheer/medewerkers/nieuw', data={
        'name': 'Dubbel', 'email': 'bestaat@example.nl', 'region': make_region(db).id, 'kind': 'accountmanager',
        'locale': 'nl'})
    assert response.status_code == 200
    assert 'There is already an account with this email address.' in response.text
    assert 'value="Dubbel"' in response.text


def test_create_staff_member_without_region_or_role(db, client, admin, post):
    response = post('/beheer/medewerkers/nieuw', data={'name': 'Zonder', 'email': 'zonder@example.nl',
                                                              'region': '0', 'locale': 'nl'})
    assert response.status_code == 200
    assert 'Choose a region.' in response.text
    assert 'Choose a role.' in response.text
    assert User.by_email('zonder@example.nl') is None


def test_edit_staff_role(db, client, admin, outbox, post):
    staff = make_staff(db)
    other = make_region(db)
    assert client.get(f'/beheer/medewerkers/{staff.id}').status_code == 200
    response = post(f'/beheer/medewerkers/{staff.id}', data={'region': other.id, 'kind': 'coordinator'})
    assert response.status_code == 302
    assert staff.staff_region_id == other.id
    assert staff.is_coordinator
    assert [m.template for m in outbox] == ['admin/staff_role_changed']


def test_edit_is_only_for_staff_accounts(db, client, admin, post):
    assert client.get(f'/beheer/medewerkers/{make_employer(db).id}').status_code == 404
    assert post(f'/beheer/medewerkers/{make_user(db).id}/uitschakelen').status_code == 404


def test_disable_and_enable_a_staff_account(db, client, admin, outbox, post):
    staff = make_staff(db)
    response = post(f'/beheer/medewerkers/{staff.id}/uitschakelen')
    assert response.status_code == 302
    assert not staff.is_enabled
    page = client.get(response.location)
    assert 'can no longer sign in' in page.text
    assert 'Enable account' in page.text
    post(f'/beheer/medewerkers/{staff.id}/inschakelen')
    assert staff.is_enabled
    assert [m.template for m in outbox] == ['admin/account_disabled', 'admin/account_enabled']


def test_enabling_an_enabled_account_says_so(db, client, admin, post):
    staff = make_staff(db)
    response = post(f'/beheer/medewerkers/{staff.id}/inschakelen', follow_redirects=True)
    assert 'This account is already enabled.' in response.text


def test_an_admin_with_a_staff_role_cannot_disable_themselves(db, client, login, post):
    me = login(make_staff(db, is_admin=True, locale='en'))
    page = client.get(f'/beheer/medewerkers/{me.id}')
    assert 'Disable account' not in page.text
    response = post(f'/beheer/medewerkers/{me.id}/uitschakelen', follow_redirects=True)
    assert 'You cannot disable your own account.' in response.text
    assert me.is_enabled


def test_a_form_without_csrf_token_is_refused(db, client, admin):
    response = client.post('/beheer/regios/nieuw', data={'slug': 'zonder-token', 'name': 'Zonder',
                                                         'primary_colour': '#154273', 'accent_colour': '#0b2a4a'})
    assert response.status_code == 400
    assert Region.by_slug('zonder-token') is None
