"""The caseload list: who may see it, what it shows, its filters, counts and pages, and the audit of every view."""

import re
from datetime import timedelta

import pytest

from portal.core.dbtypes import today, utcnow
from tests.caseload.conftest import events
from tests.factories import make_admin, make_candidate, make_employer, make_skill

URL = '/medewerkers/kandidaten/'


def listed(page: str) -> list[str]:
    """The codes in the list's table, in order."""
    return re.findall(r'<th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" '
                      r'href="/medewerkers/kandidaten/\d+">(KB-[^<]+)</a>', page)


@pytest.fixture
def skill(db):
    return make_skill(db)


@pytest.fixture
def make(db, region, skill):
    def build(**fields):
        return make_candidate(db, region=region, skills=fields.pop('skills', [skill]), **fields)
    return build


def test_anonymous_visitors_sign_in_and_employers_and_admins_are_refused(db, client, login):
    response = client.get(URL)
    assert response.status_code == 302
    assert '/inloggen' in response.location
    login(make_employer(db))
    assert client.get(URL).status_code == 403
    login(make_admin(db))
    assert client.get(URL).status_code == 403


def test_staff_see_their_own_region_only_with_first_names_and_each_view_is_audited(
        db, client, login, staff, other_staff, make, region):
    mine = make(first_name='Fatima', accountmanager=staff)
    theirs = make_candidate(db, region=other_staff.staff_role.region, first_name='Joost')
    login(staff)

    page = client.get(URL).get_data(as_text=True)

    assert listed(page) == [mine.code]
    assert 'Fatima' in page
    assert 'Joost' not in page
    assert theirs.code not in page
    assert 'Anna Accountmanager' in page
    [event] = events(db, 'candidate.list_viewed')
    assert event.actor_id == staff.id
    assert event.region_id == region.id
    assert event.details['candidate_ids'] == [mine.id]
    assert event.details['count'] == 1
    assert event.details['filters'] == {'status': 'active'}


def test_status_tabs_count_and_filter(db, client, login, staff, make):
    active = make()
    paused = make(status='paused')
    left = make(status='left', left_at=utcnow(), left_reason='moved')
    login(staff)

    page = client.get(URL).get_data(as_text=True)
    assert listed(page) == [active.code]
    assert 'Active (1)' in page
    assert 'Paused (1)' in page
    assert 'Left the caseload (1)' in page
    assert listed(client.get(URL + '?status=gepauzeerd').get_data(as_text=True)) == [paused.code]
    assert listed(client.get(URL + '?status=uitgeschreven').get_data(as_text=True)) == [left.code]


def test_anonymised_profiles_are_not_listed(db, client, login, staff, make):
    make(status='left', anonymised_at=utcnow(), first_name=None)
    login(staff)
    assert listed(client.get(URL + '?status=uitgeschreven').get_data(as_text=True)) == []


def test_filters_for_account_manager_municipality_freshness_consent_and_completeness(
        db, client, login, staff, colleague, make, region):
    mine = make(accountmanager=staff)
    theirs = make(accountmanager=colleague, municipality=region.municipalities[1])
    nobodys = make()
    stale = make(accountmanager=colleague, availability_confirmed_on=today() - timedelta(weeks=8, days=1))
    no_consent = make(accountmanager=colleague, consent=False)
    incomplete = make(accountmanager=colleague, postcode_area=None)
    login(staff)

    def codes(query: str) -> set[str]:
        return set(listed(client.get(URL + '?' + query).get_data(as_text=True)))

    assert codes('accountmanager=mijn') == {mine.code}
    assert codes(f'accountmanager={colleague.id}') == {theirs.code, stale.code, no_consent.code, incomplete.code}
    assert codes('accountmanager=geen') == {nobodys.code}
    assert codes(f'gemeente={region.municipalities[1].id}') == {theirs.code}
    assert codes('actueel=verlopen') == {stale.code}
    assert stale.code not in codes('actueel=actueel')
    assert codes('toestemming=nee') == {no_consent.code}
    assert codes('profiel=onvolledig') == {incomplete.code}
    assert incomplete.code not in codes('profiel=compleet')
    assert len(codes('profiel=compleet')) == 5


def test_a_stale_profile_is_marked_outside_matching(db, client, login, staff, make):
    stale = make(availability_confirmed_on=today() - timedelta(weeks=9))
    make()
    login(staff)
    page = client.get(URL).get_data(as_text=True)
    row = page.split(f'data-candidate-id="{stale.id}"')[1].split('</tr>')[0]
    assert 'data-stale="yes"' in row
    assert 'Outside matching' in row
    assert page.count('Outside matching') == 1


def test_an_incomplete_profile_says_what_is_missing(db, client, login, staff, make):
    make(day_parts=[], dutch=None)
    login(staff)
    page = client.get(URL).get_data(as_text=True)
    assert 'data-complete="no"' in page
    assert 'Missing: working times, level of Dutch' in page


def test_search_by_code_or_reference(db, client, login, staff, make):
    first = make(reference='GWS-4411')
    second = make(reference='GWS-9900')
    login(staff)
    assert listed(client.get(URL + '?zoek=gws-44').get_data(as_text=True)) == [first.code]
    assert listed(client.get(URL + f'?zoek={second.code[3:7]}').get_data(as_text=True)) == [second.code]
    [event, _second] = events(db, 'candidate.list_viewed')
    assert event.details['filters'] == {'status': 'active', 'zoek': True}  # what was searched for is not kept


def test_a_value_not_on_the_list_does_not_filter(db, client, login, staff, make):
    candidate = make()
    login(staff)
    response = client.get(URL + '?gemeente=999999&accountmanager=abc')
    assert response.status_code == 200
    assert listed(response.get_data(as_text=True)) == [candidate.code]


def test_fifty_a_page(db, client, login, staff, make):
    candidates = [make() for _ in range(51)]
    login(staff)
    first = client.get(URL).get_data(as_text=True)
    second = client.get(URL + '?pagina=2').get_data(as_text=True)
    assert len(listed(first)) == 50
    assert len(listed(second)) == 1
    assert sorted(listed(first) + listed(second)) == sorted(c.code for c in candidates)
    assert '51 job seekers match.' in first
    assert 'pagina=2' in first
    assert [len(e.details['candidate_ids']) for e in events(db, 'candidate.list_viewed')] == [50, 1]


# The list makes a fixed number of queries ----------------------------------------------------------------

def count_queries(client, address: str) -> int:
    """The SQL statements a GET of `address` makes, from an empty identity map (as a real request starts)."""
    from sqlalchemy import event

    from portal.extensions import db as _db

    _db.session.expunge_all()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(('SAVEPOINT', 'RELEASE')):
            statements.append(statement)

    event.listen(_db.engine, 'before_cursor_execute', count)
    try:
        response = client.get(address)
        assert response.status_code == 200
    finally:
        event.remove(_db.engine, 'before_cursor_execute', count)
    return len(statements)


def test_the_list_makes_as_many_queries_for_30_as_for_5(db, client, login, staff, colleague, region, skill):
    from portal.models.accounts import User
    from portal.models.taxonomy import Skill
    from portal.models.tenancy import Region

    ids = {'region': region.id, 'staff': staff.id, 'colleague': colleague.id, 'skills': [skill.id, make_skill(db).id]}

    def add(n: int) -> None:
        # fresh rows each time: counting the queries empties the session
        here = db.session.get(Region, ids['region'])
        managers = [db.session.get(User, ids['staff']), db.session.get(User, ids['colleague']), None]
        skills = [db.session.get(Skill, skill_id) for skill_id in ids['skills']]
        for i in range(n):
            make_candidate(db, region=here, skills=skills[: 1 + i % 2], accountmanager=managers[i % 3],
                           consent=i % 4 != 0, municipality=here.municipalities[i % 2])

    login(staff)
    add(5)
    five = count_queries(client, URL)
    add(25)
    thirty = count_queries(client, URL)
    assert 'Bert Collega' in client.get(URL).get_data(as_text=True)
    assert thirty == five
