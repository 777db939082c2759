"""The verification queue and organisation page as staff of the region, staff elsewhere, employers and anonymous."""

from datetime import timedelta

import pytest

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.models.organisations import OrganisationStatus
from tests.factories import make_admin, make_employer, make_organisation, make_region, make_staff, make_user

REASON = 'Het KvK-nummer hoort bij een ander bedrijf.'


@pytest.fixture
def region(db):
    return make_region(db)


@pytest.fixture
def staff(db, region):
    return make_staff(db, region=region, name='Anna Accountmanager', locale='en')


@pytest.fixture
def owner(db):
    return make_user(db, name='Olga Eigenaar', email='olga@bakkerij.nl', verified=False)


@pytest.fixture
def organisation(db, region, owner):
    return make_organisation(db, region=region, owner=owner, status='pending', name='Bakkerij Bol B.V.',
                             kvk_number='12345678')


def rows(page: str) -> list[str]:
    """The organisation names in the queue table, in order."""
    body = page.split('<tbody', 1)[1] if '<tbody' in page else ''
    links = body.split('<a class="utrecht-link" href="/medewerkers')[1:]
    return [link.split('>', 1)[1].split('</a>')[0] for link in links]


# Who may come in ---------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client, organisation):
    for url in ('/medewerkers/organisaties', f'/medewerkers/organisaties/{organisation.id}'):
        response = client.get(url)
        assert response.status_code == 302
        assert '/inloggen' in response.location


@pytest.mark.parametrize('who', ['employer', 'admin'])
def test_employers_and_admins_without_a_staff_role_are_refused(db, client, login, organisation, who, post):
    login(make_employer(db) if who == 'employer' else make_admin(db))
    assert client.get('/medewerkers/organisaties').status_code == 403
    assert post(f'/medewerkers/organisaties/{organisation.id}/verifieren').status_code == 403
    assert organisation.status == OrganisationStatus.PENDING


# The queue ---------------------------------------------------------------------------------

def test_the_queue_shows_the_regions_pending_organisations_oldest_first(db, client, login, staff, region,
                                                                       organisation):
    organisation.created_at = utcnow() - timedelta(days=3)
    older = make_organisation(db, region=region, owner=make_user(db), status='pending', name='Oude Smederij')
    older.created_at = utcnow() - timedelta(days=12)
    make_organisation(db, region=region, status='verified', name='Al Geverifieerd')
    make_organisation(db, status='pending', name='Andere Regio B.V.')
    db.session.flush()
    login(staff)
    page = client.get('/medewerkers/organisaties').text
    assert rows(page) == ['Oude Smederij', 'Bakkerij Bol B.V.']
    assert 'Andere Regio' not in page
    assert 'Al Geverifieerd' not in page
    assert 'Olga Eigenaar' in page
    assert 'olga@bakkerij.nl' in page
    assert '12345678' in page
    assert 'H 49.41' in page
    assert '10 to 49 people' in page
    assert '>12</td>' in page
    assert '>3</td>' in page
    assert '>No</td>' in page
    assert '>Yes</td>' in page


def test_the_tabs_show_verified_and_rejected_organisations_of_the_region(db, client, login, staff, region,
                                                                         organisation):
    make_organisation(db, region=region, status='verified', name='Al Geverifieerd')
    make_organisation(db, region=region, status='rejected', name='Niet Goedgekeurd')
    make_organisation(db, status='verified', name='Andere Regio B.V.')
    login(staff)
    assert rows(client.get('/medewerkers/organisaties?status=verified').text) == ['Al Geverifieerd']
    assert rows(client.get('/medewerkers/organisaties?status=rejected').text) == ['Niet Goedgekeurd']
    assert 'Verified (1)' in client.get('/medewerkers/organisaties').text
    assert client.get('/medewerkers/organisaties?status=onbekend').status_code == 404


def test_the_queue_has_fifty_organisations_a_page(db, client, login, staff, region):
    start = utcnow() - timedelta(days=60)
    for n in range(51):
        make_organisation(db, region=region, status='pending', name=f'Zaak {n:02d}',
                          created_at=start + timedelta(hours=n))
    login(staff)
    first = client.get('/medewerkers/organisaties').text
    assert len(rows(first)) == 50
    assert rows(first)[0] == 'Zaak 00'
    assert 'Next page' in first
    second = client.get('/medewerkers/organisaties?page=2').text
    assert rows(second) == ['Zaak 50']
    assert 'Previous page' in second


def test_an_empty_queue_says_so(db, client, login, staff):
    login(staff)
    assert 'No organisations are waiting for verification' in client.get('/medewerkers/organisaties').text


# The organisation page ----------------------------------------------------------------------

def test_staff_see_details_members_the_decision_form_and_the_history(db, client, login, staff, owner,
                                                                     organisation):
    record_event('organisation.update', actor=owner, obj=organisation,
                 details={'changes': {'name': ['Bol', 'Bakkerij Bol B.V.']}, 'back_to_pending': True})
    login(staff)
    page = client.get(f'/medewerkers/organisaties/{organisation.id}').text
    assert '<h1 class="utrecht-heading-1">Bakkerij Bol B.V.</h1>' in page
    assert 'Olga Eigenaar' in page
    assert 'Owner' in page
    assert 'Verify the organisation' in page
    assert 'name="reason"' in page
    assert 'Changed the details' in page
    assert 'Name of the organisation' in page


def test_another_regions_organisation_is_404(db, client, login, organisation, post):
    login(make_staff(db))
    assert client.get(f'/medewerkers/organisaties/{organisation.id}').status_code == 404
    assert post(f'/medewerkers/organisaties/{organisation.id}/verifieren').status_code == 404
    assert post(f'/medewerkers/organisaties/{organisation.id}/afwijzen',
                       data={'reason': REASON}).status_code == 404
    assert client.get('/medewerkers/organisaties/999999').status_code == 404
    assert organisation.status == OrganisationStatus.PENDING


def test_verifying(db, client, login, staff, organisation, outbox, post):
    login(staff)
    response = post(f'/medewerkers/organisaties/{organisation.id}/verifieren')
    assert response.status_code == 302
    assert response.location == '/medewerkers/organisaties'
    assert organisation.status == OrganisationStatus.VERIFIED
    assert organisation.decided_by_id == staff.id
    assert [m.template for m in outbox] == ['staff/organisation_verified']
    assert 'Bakkerij Bol B.V. is verified.' in client.get('/medewerkers/organisaties').text
    page = client.get(f'/medewerkers/organisaties/{organisation.id}').text
    assert 'by Anna Accountmanager' in page
    assert 'Verify the organisation' not in page
    history = page.split('What happened to this organisation')[1]
    assert 'Verified the organisation' in history
    assert 'Anna Accountmanager' in history


def test_a_second_decision_is_refused_with_a_message(db, client, login, staff, region, outbox, post):
    done = make_organisation(db, region=region, owner=make_user(db), status='verified')
    login(staff)
    response = post(f'/medewerkers/organisaties/{done.id}/afwijzen', data={'reason': REASON},
                           follow_redirects=True)
    assert 'A decision on this organisation was already made.' in response.text
    assert done.status == OrganisationStatus.VERIFIED
    assert not outbox


@pytest.mark.parametrize(('reason', 'error'), [
    ('', 'Fill in the reason, so the owner knows what to correct.'),
    ('Te kort', 'Use between 10 and 1000 characters.'),
    ('x' * 1001, 'Use between 10 and 1000 characters.'),
])
def test_a_rejection_without_a_proper_reason_re_renders_with_the_error(db, client, login, staff, organisation,
                                                                       reason, error, post):
    login(staff)
    response = post(f'/medewerkers/organisaties/{organisation.id}/afwijzen', data={'reason': reason})
    assert response.status_code == 200
    assert error in response.text
    assert f'{reason}</textarea>' in response.text
    assert 'aria-invalid="true"' in response.text
    assert organisation.status == OrganisationStatus.PENDING


def test_rejecting_with_a_reason(db, client, login, staff, organisation, outbox, post):
    login(staff)
    response = post(f'/medewerkers/organisaties/{organisation.id}/afwijzen', data={'reason': REASON})
    assert response.status_code == 302
    assert organisation.status == OrganisationStatus.REJECTED
    assert organisation.rejection_reason == REASON
    [mail] = outbox
    assert mail.template == 'staff/organisation_rejected'
    assert REASON in mail.body_text
    page = client.get(f'/medewerkers/organisaties/{organisation.id}').text
    assert REASON in page.split('What happened to this organisation')[1]


def test_coordinators_of_the_region_decide_too(db, client, login, region, organisation, outbox, post):
    login(make_staff(db, region=region, kind='coordinator'))
    post(f'/medewerkers/organisaties/{organisation.id}/verifieren')
    assert organisation.status == OrganisationStatus.VERIFIED
    assert len(outbox) == 1
