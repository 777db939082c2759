"""The outlook page and its CSV: staff of the region only, charts with tables, filters, a fixed number of queries."""

import csv
import io
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from portal.models.demand import Horizon
from tests.factories import (
    make_admin,
    make_employer,
    make_municipality,
    make_need,
    make_occupation,
    make_organisation,
    make_plan,
    make_region,
    make_skill,
    make_staff,
    make_user,
)

URL = '/medewerkers/regio/vooruitblik'
CSV_URL = '/medewerkers/regio/vooruitblik.csv'


@pytest.fixture
def region(db):
    region = make_region(db, name='Vechtdal', municipalities=0)
    make_municipality(db, region=region, name='Hardenberg')
    make_municipality(db, region=region, name='Ommen')
    db.session.refresh(region)
    return region


@pytest.fixture
def places(region):
    return {m.name: m for m in region.municipalities}


@pytest.fixture
def organisation(db, places):
    return make_organisation(db, municipality=places['Hardenberg'], owner=make_user(db), name='Kanaalzicht',
                             sbi_section='H')


@pytest.fixture
def driver(db):
    return make_occupation(db, label_nl='Chauffeur vrachtwagen (proef)', label_en='Lorry driver')


@pytest.fixture
def demand(db, organisation, driver, places):
    forklift = make_skill(db, label_nl='Heftruck rijden (proef)', label_en='Forklift driving')
    make_need(db, organisation=organisation, occupation=driver, state='published', positions=3, horizon=Horizon.NOW,
              skills=[forklift])
    make_need(db, organisation=organisation, occupation=driver, state='published', positions=4,
              horizon=Horizon.YEARS_2_5, municipality=places['Ommen'])
    make_need(db, organisation=organisation, occupation=driver, state='pending', positions=90, horizon=Horizon.NOW)
    make_plan(db, organisation=organisation, state='published', effects=[
        {'occupation': make_occupation(db, label_nl='Procesoperator (proef)', label_en='Process operator'),
         'direction': 'new', 'headcount': 5}])


@pytest.fixture
def staff(db, region):
    return make_staff(db, region=region, locale='en')


def _cell(html: str, caption: str, label: str) -> str:
    """The first number in the row `label` of the table with `caption`."""
    table = re.split(f'<caption class="utrecht-table__caption" id="[^"]+">{re.escape(caption)}</caption>',
                     html, maxsplit=1)[1].split('</table>', 1)[0]
    row = table.split(f'>{label}</th>', 1)[1].split('</tr>', 1)[0]
    return re.search(r'numeric-data">([^<]+)<', row).group(1)


def test_staff_see_the_region_in_charts_and_tables(client, login, staff, demand):
    login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<h1 class="utrecht-heading-1">Outlook for Vechtdal</h1>' in html
    assert _cell(html, 'Positions by horizon', 'Now') == '3'
    assert _cell(html, 'Positions by horizon', 'In 2 to 5 years') == '4'
    assert _cell(html, 'Positions by occupation (top 15)', 'Lorry driver') == '7'
    assert _cell(html, 'Positions per municipality', 'Ommen') == '4'
    assert _cell(html, 'Positions by sector', 'H – Transportation and storage') == '7'
    assert _cell(html, 'New occupations (top 15)', 'Process operator') == '5'
    assert _cell(html, 'Skills most asked for (top 20)', 'Forklift driving') == '1'
    # every chart is one image with a name and a description, and its table sits right under it
    assert html.count('role="img"') == 6  # the growing and shrinking charts are empty: only their tables show
    assert html.count('<th scope="col"') >= 8 * 2
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-horizon-title chart-horizon-desc"', html)
    assert '<title id="chart-horizon-title">Positions by horizon</title>' in html
    main = html.split('<main', 1)[1].split('</main>', 1)[0]
    assert 'style=' not in main  # the CSP forbids inline styles: presentation attributes and classes only
    assert '<script' not in main
    # the pending need's 90 positions are nowhere
    assert '>90<' not in html
    assert 'Only published postings count' in html


def test_dutch_by_default(client, login, db, region, demand):
    login(make_staff(db, region=region, kind='coordinator'))
    html = client.get(URL).get_data(as_text=True)
    assert 'lang="nl"' in html
    assert 'Chauffeur vrachtwagen (proef)' in html
    assert 'Lorry driver' not in html


def test_staff_of_another_region_see_only_their_own(client, login, db, demand):
    login(make_staff(db, region=make_region(db, name='Drechtsteden'), locale='en'))
    html = client.get(URL).get_data(as_text=True)
    assert 'Outlook for Drechtsteden' in html
    assert 'Lorry driver' not in html
    assert 'Process operator' not in html
    assert 'Nothing published yet for this selection.' in html


@pytest.mark.parametrize('url', [URL, CSV_URL])
def test_who_may_not(client, login, db, url):
    assert client.get(url).status_code == 302
    login(make_employer(db))
    assert client.get(url).status_code == 403
    login(make_admin(db))
    assert client.get(url).status_code == 403


def test_filters(client, login, staff, demand, places):
    login(staff)
    html = client.get(URL, query_string={'horizon': 'now'}).get_data(as_text=True)
    assert _cell(html, 'Positions by occupation (top 15)', 'Lorry driver') == '3'
    assert 'href="/medewerkers/regio/vooruitblik.csv?horizon=now"' in html
    html = client.get(URL, query_string={'municipality': places['Ommen'].id}).get_data(as_text=True)
    assert _cell(html, 'Positions by occupation (top 15)', 'Lorry driver') == '4'
    assert f'<option selected value="{places["Ommen"].id}">Ommen</option>' in html


def test_bad_filters_show_errors_and_keep_the_whole_region(client, login, db, staff, demand):
    foreign = make_region(db).municipalities[0]
    login(staff)
    response = client.get(URL, query_string={'horizon': 'someday', 'municipality': foreign.id})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'Choose a horizon from the list.' in html
    assert 'Choose a municipality of your region from the list.' in html
    assert _cell(html, 'Positions by occupation (top 15)', 'Lorry driver') == '7'


def test_bad_filters_in_dutch(client, login, db, region, demand):
    login(make_staff(db, region=region))
    html = client.get(URL, query_string={'horizon': 'ooit'}).get_data(as_text=True)
    assert 'Kies een termijn uit de lijst.' in html or 'Choose a horizon from the list.' in html


def _read_csv(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith('\ufeff'.encode())
    return list(csv.reader(io.StringIO(body.decode('utf-8-sig')), delimiter=';'))


def test_csv_holds_every_section(client, login, staff, demand):
    login(staff)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response.mimetype == 'text/csv'
    assert re.match(r'attachment; filename="outlook-regio-\d+-\d{4}-\d\d-\d\d\.csv"',
                    response.headers['Content-Disposition'])
    rows = _read_csv(response)
    assert rows[0] == ['Section', 'Label', 'Value']
    assert ['Selection', 'Horizon', 'All horizons'] in rows
    assert ['Totals', 'Positions in published needs', '7'] in rows
    assert ['Totals', 'Published innovation plans', '1'] in rows
    assert ['Positions by horizon', 'Now', '3'] in rows
    assert ['Positions by occupation (top 15)', 'Lorry driver', '7'] in rows
    assert ['New occupations (top 15)', 'Process operator', '5'] in rows
    assert ['Skills most asked for (top 20): Required', 'Forklift driving', '1'] in rows
    assert ['Skills most asked for (top 20): Needs in all', 'Forklift driving', '1'] in rows
    assert all(len(row) == 3 for row in rows)


def test_csv_with_filters_and_bad_filters(client, login, staff, demand):
    login(staff)
    rows = _read_csv(client.get(CSV_URL, query_string={'horizon': 'years_2_5'}))
    assert ['Selection', 'Horizon', 'In 2 to 5 years'] in rows
    assert ['Positions by occupation (top 15)', 'Lorry driver', '4'] in rows
    response = client.get(CSV_URL, query_string={'horizon': 'never'})
    assert response.mimetype == 'text/html'
    assert 'Choose a horizon from the list.' in response.get_data(as_text=True)


def test_csv_refuses_formulas(client, login, db, staff, organisation):
    make_need(db, organisation=organisation, state='published',
              occupation=make_occupation(db, label_nl='=HYPERLINK("x")', label_en='=HYPERLINK("x")'))
    login(staff)
    rows = _read_csv(client.get(CSV_URL))
    assert ['Positions by occupation (top 15)', '\'=HYPERLINK("x")', '2'] in rows


@contextmanager
def count_statements(db):
    statements: list[str] = []

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, 'before_cursor_execute', before_cursor_execute)
    try:
        yield statements
    finally:
        event.remove(db.engine, 'before_cursor_execute', before_cursor_execute)


def _fill(db, organisation, region, n: int) -> None:
    for i in range(n):
        occupation = make_occupation(db)
        skills = [make_skill(db) for _ in range(2)]
        make_need(db, organisation=organisation, occupation=occupation, state='published', skills=skills[:1],
                  wished_skills=skills[1:], horizon=list(Horizon)[i % 5],
                  municipality=region.municipalities[i % 2])
        make_plan(db, organisation=organisation, state='published',
                  effects=[{'occupation': occupation, 'direction': ('grows', 'shrinks', 'new')[i % 3]}])


@pytest.mark.parametrize('url', [URL, CSV_URL])
def test_the_number_of_queries_does_not_grow_with_the_data(client, login, db, staff, organisation, region, url):
    login(staff)
    _fill(db, organisation, region, 2)
    client.get(url)  # warm up: first-request work is not the page's
    with count_statements(db) as few:
        assert client.get(url).status_code == 200
    _fill(db, organisation, region, 40)
    with count_statements(db) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many) <= 12
