from portal.models.tenancy import Region
from tests.factories import make_employer, make_region


def test_home_page_speaks_dutch_by_default(client):
    response = client.get('/')
    assert response.status_code == 200
    assert '<html lang="nl"' in response.text


def test_region_rows_roll_back_between_tests_part_one(db):
    make_region(db, slug='alleen-hier')
    assert Region.by_slug('alleen-hier') is not None


def test_region_rows_roll_back_between_tests_part_two(db):
    assert Region.by_slug('alleen-hier') is None


def test_the_home_page_invites_visitors_to_register_and_not_signed_in_users(client, db, login):
    assert 'href="/registreren"' in client.get('/').text
    login(make_employer(db))
    assert 'href="/registreren"' not in client.get('/').text
