"""The staff's demand list, its CSV export and the plans list: who sees what, the filters, and the query count."""

import csv
import io
import re
from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import event

from portal.blueprints.demand import moderation
from portal.blueprints.regional import views_demand
from portal.blueprints.regional.csv_demand import header
from portal.extensions import db as _db
from portal.models.demand import Horizon
from portal.models.tenancy import Region
from tests.factories import (
    make_admin,
    make_employer,
    make_need,
    make_occupation,
    make_organisation,
    make_plan,
    make_region,
    make_skill,
    make_staff,
    make_user,
)

LIST = '/medewerkers/regio/vraag'
EXPORT = '/medewerkers/regio/vraag.csv'
PLANS = '/medewerkers/regio/plannen'


@pytest.fixture
def vechtdal(db):
    return make_region(db, slug='vechtdal', name='Vechtdal', municipalities=2)


@pytest.fixture
def staff(db, vechtdal):
    return make_staff(db, region=vechtdal, name='Anna Accountmanager', locale='en')


@pytest.fixture
def organisation(db, vechtdal):
    return make_organisation(db, municipality=vechtdal.municipalities[0], owner=make_user(db),
                             name='Bakkerij Bol B.V.', kvk_number='12345678')


@pytest.fixture
def forklift(db):
    return make_occupation(db, isco_code='8344', label_nl='Testberoep heftruck', label_en='Test forklift driver')


def titles(page: str) -> list[str]:
    body = page.split('<tbody', 1)[1] if '<tbody' in page else ''
    return re.findall(r'<a class="utrecht-link" href="/medewerkers/beoordelen/behoefte/\d+">([^<]+)</a>', body)


def exported(response) -> list[list[str]]:
    text = response.data.decode('utf-8')
    assert text.startswith('\ufeff')
    return list(csv.reader(io.StringIO(text[1:]), delimiter=';'))


# Who may come in ---------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client):
    for address in (LIST, EXPORT, PLANS):
        response = client.get(address)
        assert response.status_code == 302
        assert '/inloggen' in response.location


@pytest.mark.parametrize('who', ['employer', 'admin'])
def test_employers_and_admins_are_refused(db, client, login, organisation, who):
    make_need(db, organisation=organisation, state='published')
    login(make_employer(db) if who == 'employer' else make_admin(db))
    for address in (LIST, EXPORT, PLANS):
        assert client.get(address).status_code == 403


def test_staff_see_the_regions_submitted_needs_only(db, client, login, staff, organisation, forklift):
    make_need(db, organisation=organisation, title='Heftruckchauffeur', occupation=forklift, state='published',
              open_to_job_coach=True, hours_min=32, hours_max=32)
    make_need(db, organisation=organisation, title='Nog een concept', state='draft')
    make_need(db, organisation=organisation, title='Wacht op beoordeling', state='pending')
    make_need(db, organisation=make_organisation(db, owner=make_user(db)), title='Elders', state='published')
    login(staff)

    page = client.get(LIST).text
    assert titles(page) == ['Heftruckchauffeur']
    assert '1 staffing needs match.' in page
    assert 'Bakkerij Bol B.V.' in page
    assert 'Test forklift driver' in page
    assert '>Job coach</td>' in page
    assert '32 hours a week' in page
    assert 'Published' in page
    assert 'Elders' not in page
    assert sorted(titles(client.get(LIST + '?status=alle').text)) == ['Heftruckchauffeur', 'Wacht op beoordeling']
    assert titles(client.get(LIST + '?status=pending').text) == ['Wacht op beoordeling']
    # a draft is no state to choose
    response = client.get(LIST + '?status=draft')
    assert 'Choose from the list.' in response.text
    assert titles(response.text) == ['Heftruckchauffeur']


def test_the_other_region_sees_none_of_it(db, client, login, organisation):
    make_need(db, organisation=organisation, title='Heftruckchauffeur', state='published')
    login(make_staff(db, region=make_region(db, name='Drechtsteden'), locale='en'))
    page = client.get(LIST + '?status=alle').text
    assert titles(page) == []
    assert '0 staffing needs match.' in page
    assert exported(client.get(EXPORT + '?status=alle'))[1:] == []


def test_each_filter(db, client, login, staff, vechtdal, organisation, forklift):
    skill = make_skill(db, label_nl='Testvaardigheid heftruck', label_en='Test forklift certificate')
    other_place = vechtdal.municipalities[1]
    make_need(db, organisation=organisation, title='Heftruck', occupation=forklift, skills=[skill],
              horizon=Horizon.NOW, open_to_wage_subsidy=True, open_to_trial_placement=True, state='published')
    make_need(db, organisation=organisation, title='Schoonmaker', municipality=other_place,
              horizon=Horizon.YEARS_2_5, open_to_wage_subsidy=True, state='published')
    login(staff)

    assert titles(client.get(f'{LIST}?beroep={forklift.id}').text) == ['Heftruck']
    assert titles(client.get(f'{LIST}?vaardigheid={skill.id}').text) == ['Heftruck']
    assert titles(client.get(f'{LIST}?gemeente={other_place.id}').text) == ['Schoonmaker']
    assert titles(client.get(f'{LIST}?termijn=years_2_5').text) == ['Schoonmaker']
    assert sorted(titles(client.get(f'{LIST}?lks=y').text)) == ['Heftruck', 'Schoonmaker']
    assert titles(client.get(f'{LIST}?lks=y&proefplaatsing=y').text) == ['Heftruck']
    assert titles(client.get(f'{LIST}?bbl=y').text) == []
    assert titles(client.get(f'{LIST}?zoek=schoon').text) == ['Schoonmaker']
    assert titles(client.get(f'{LIST}?sorteer=horizon').text) == ['Heftruck', 'Schoonmaker']
    assert titles(client.get(f'{LIST}?sorteer=newest').text) == ['Schoonmaker', 'Heftruck']
    # the choices list what the region's needs use, in the reader's language
    page = client.get(LIST).text
    assert f'<option value="{forklift.id}">Test forklift driver</option>' in page
    assert f'<option value="{skill.id}">Test forklift certificate</option>' in page


def test_a_value_not_on_the_list_is_shown_as_an_error_and_does_not_filter(db, client, login, staff, organisation):
    make_need(db, organisation=organisation, title='Heftruck', state='published')
    login(staff)
    for query in ('beroep=999999', 'gemeente=abc', 'termijn=someday', 'sorteer=random'):
        page = client.get(f'{LIST}?{query}').text
        assert 'Choose from the list.' in page
        assert titles(page) == ['Heftruck']


def test_pages_keep_the_filter(db, client, login, staff, organisation, monkeypatch):
    monkeypatch.setattr(views_demand, 'PER_PAGE', 2)
    for n in range(3):
        make_need(db, organisation=organisation, title=f'Orderpicker {n}', open_to_part_time=True, state='published')
    make_need(db, organisation=organisation, title='Zonder deeltijd', state='published')
    login(staff)
    page = client.get(f'{LIST}?deeltijd=y&sorteer=oldest').text
    assert titles(page) == ['Orderpicker 0', 'Orderpicker 1']
    assert '3 staffing needs match.' in page
    next_link = re.search(r'rel="next" href="([^"]+)"', page).group(1).replace('&amp;', '&')
    assert 'deeltijd=y' in next_link
    assert 'sorteer=oldest' in next_link
    assert titles(client.get(next_link).text) == ['Orderpicker 2']


def test_a_change_waiting_for_review_is_marked(db, client, login, staff, organisation):
    need = make_need(db, organisation=organisation, title='Heftruck', state='published')
    need.title = 'Heftruck nachtdienst'
    moderation.submit_for_review(organisation.owner, need)
    first = make_need(db, organisation=organisation, title='Eerste versie')
    moderation.submit_for_review(organisation.owner, first)
    login(staff)
    assert client.get(LIST).text.count('A change waits for review') == 1
    assert client.get(LIST + '?status=pending').text.count('A change waits for review') == 0


# The export --------------------------------------------------------------------------------

def test_the_export_has_the_same_filtered_rows_all_of_them(db, client, login, staff, organisation, forklift,
                                                            monkeypatch):
    monkeypatch.setattr(views_demand, 'PER_PAGE', 2)
    skill = make_skill(db, label_nl='Testvaardigheid heftruck', label_en='Test forklift certificate')
    for n in range(3):
        make_need(db, organisation=organisation, title=f'Heftruck {n}', occupation=forklift, skills=[skill],
                  horizon=Horizon.NOW, ends_on=date(2027, 5, 1), open_to_job_coach=True, state='published')
    make_need(db, organisation=organisation, title='Ander beroep', state='published')
    login(staff)

    page = client.get(f'{LIST}?beroep={forklift.id}&sorteer=oldest').text
    link = re.search(r'href="(/medewerkers/regio/vraag\.csv[^"]*)"', page).group(1).replace('&amp;', '&')
    assert f'beroep={forklift.id}' in link
    response = client.get(link)
    assert response.status_code == 200
    assert response.mimetype == 'text/csv'
    assert response.headers['Content-Type'] == 'text/csv; charset=utf-8'
    disposition = response.headers['Content-Disposition']
    assert re.fullmatch(r'attachment; filename="demand-vechtdal-\d{4}-\d{2}-\d{2}\.csv"', disposition)
    rows = exported(response)
    header = rows[0]
    assert header[:5] == ['Reference', 'Title', 'Organisation', 'KvK number', 'Occupation']
    assert 'A job coach' in header
    assert [row[1] for row in rows[1:]] == ['Heftruck 0', 'Heftruck 1', 'Heftruck 2']
    first = dict(zip(header, rows[1], strict=True))
    assert first['Organisation'] == 'Bakkerij Bol B.V.'
    assert first['KvK number'] == '12345678'
    assert (first['Occupation'], first['ISCO code']) == ('Test forklift driver', '8344')
    assert first['Required skills'] == 'Test forklift certificate'
    assert first['When'] == 'Now'
    assert first['End date'] == '2027-05-01'
    assert (first['A job coach'], first['Part-time work']) == ('Yes', 'No')
    assert first['State'] == 'Published'


def test_the_export_keeps_text_that_looks_like_a_formula_as_text(db, client, login, staff, organisation):
    make_need(db, organisation=organisation, title='=HYPERLINK("http://example.com")', state='published')
    login(staff)
    rows = exported(client.get(EXPORT))
    assert rows[1][1] == '\'=HYPERLINK("http://example.com")'


def test_a_dutch_reader_gets_the_header_in_dutch(db, client, login, vechtdal, organisation, app):
    make_need(db, organisation=organisation, title='Heftruck', state='published')
    login(make_staff(db, region=vechtdal, locale='nl'))
    rows = exported(client.get(EXPORT))
    with app.test_request_context(), force_locale('nl'):
        assert rows[0] == header('nl')
    assert rows[1][1] == 'Heftruck'


# Plans -------------------------------------------------------------------------------------

def test_the_plans_list_shows_the_regions_submitted_plans_with_their_effects(db, client, login, staff,
                                                                            organisation, forklift):
    make_plan(db, organisation=organisation, title='Robotisering', state='published', visibility='network',
              effects=[{'occupation': forklift, 'direction': 'shrinks', 'headcount': 4, 'by_when': 'years_2_5'}])
    make_plan(db, organisation=organisation, title='Concept', state='draft')
    make_plan(db, organisation=organisation, title='Zonnepanelen', state='pending')
    make_plan(db, organisation=make_organisation(db, owner=make_user(db)), title='Elders', state='published')
    login(staff)

    page = client.get(PLANS).text
    assert 'Robotisering' in page
    assert 'Shrinks: 4 × Test forklift driver (In 2 to 5 years)' in page
    assert 'Shared with the network' in page
    assert '1 innovation plans match.' in page
    for absent in ('Concept', 'Zonnepanelen', 'Elders'):
        assert absent not in page
    page = client.get(PLANS + '?status=alle').text
    assert 'Zonnepanelen' in page
    assert 'Concept' not in page


# Queries do not grow with the rows ---------------------------------------------------------

def count_queries(client, address: str) -> int:
    """The SQL statements a GET of `address` makes, from an empty identity map (as a real request starts)."""
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


def test_the_list_and_the_export_make_as_many_queries_for_30_rows_as_for_5(db, client, login, vechtdal):
    region_id = vechtdal.id
    login(make_staff(db, region=vechtdal, locale='en'))

    def add(n: int) -> None:
        region = db.session.get(Region, region_id)
        for _ in range(n):
            organisation = make_organisation(db, municipality=region.municipalities[0], owner=make_user(db))
            make_need(db, organisation=organisation, occupation=make_occupation(db), state='published',
                      municipality=region.municipalities[1], skills=[make_skill(db)], wished_skills=[make_skill(db)])
        plan_owner = make_organisation(db, municipality=region.municipalities[0], owner=make_user(db))
        for _ in range(n):
            make_plan(db, organisation=plan_owner, state='published', effects=[{}, {}])

    add(5)
    few = [count_queries(client, address) for address in (LIST, EXPORT, PLANS)]
    assert 'Reference' in client.get(EXPORT).data.decode()
    add(25)
    many = [count_queries(client, address) for address in (LIST, EXPORT, PLANS)]
    assert len(exported(client.get(EXPORT))) == 31
    assert '30 staffing needs match.' in client.get(LIST).text
    assert many == few
