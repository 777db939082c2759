"""The skills gap: asked for in approved needs and growing plans, against the active caseload, small counts hidden."""

import csv
import io
import re

import pytest

from portal.blueprints.monitoring.skills_gap import region_skills_gap
from portal.core.dbtypes import utcnow
from portal.models.caseload import CandidateStatus
from tests.factories import (
    make_candidate,
    make_employer,
    make_need,
    make_organisation,
    make_plan,
    make_region,
    make_skill,
    make_staff,
)
from tests.monitoring.conftest import events

URL = '/medewerkers/regio/vaardigheden'
CSV_URL = '/medewerkers/regio/vaardigheden.csv'


@pytest.fixture
def skills(db):
    return {name: make_skill(db, label_nl=f'{name} (nl)', label_en=name)
            for name in ('Welding', 'Forklift', 'Cooking', 'Spare')}


@pytest.fixture
def organisation(db, places):
    return make_organisation(db, municipality=places['Hardenberg'])


@pytest.fixture
def demand(db, organisation, skills):
    make_need(db, organisation=organisation, state='published', positions=3, skills=[skills['Welding']],
              wished_skills=[skills['Forklift']])
    make_need(db, organisation=organisation, state='published', positions=2, wished_skills=[skills['Welding']])
    make_need(db, organisation=organisation, state='pending', positions=50, skills=[skills['Cooking']])
    make_plan(db, organisation=organisation, state='published', effects=[
        {'direction': 'grows', 'headcount': 4, 'skills': [skills['Welding']]},
        {'direction': 'new', 'headcount': 6, 'skills': [skills['Cooking']]},
        {'direction': 'shrinks', 'headcount': 9, 'skills': [skills['Forklift']]},
    ])
    other = make_organisation(db, region=make_region(db))
    make_need(db, organisation=other, state='published', positions=40, skills=[skills['Welding']])


@pytest.fixture
def caseload(db, region, skills):
    for level in ('good', 'good', 'expert', 'expert', 'good', 'basic', 'basic'):
        make_candidate(db, region=region, skills=[(skills['Forklift'], level)])
    for _ in range(2):
        make_candidate(db, region=region, skills=[skills['Welding']])
    for _ in range(6):
        make_candidate(db, region=region, skills=[(skills['Spare'], 'basic')])
    # not in the active caseload
    paused = make_candidate(db, region=region, skills=[skills['Welding']] * 1)
    paused.status = CandidateStatus.PAUSED
    gone = make_candidate(db, region=region, skills=[skills['Welding']])
    gone.anonymised_at = utcnow()
    make_candidate(db, region=make_region(db), skills=[skills['Welding']])
    db.session.flush()


def test_asked_and_present_per_skill(db, region, demand, caseload):
    gaps = {gap.label: gap for gap in region_skills_gap(region.id, 'en', 5)}
    welding = gaps['Welding']
    # 3 positions required, 2 wished for, 4 people in a growing plan; 2 active job seekers (hidden)
    assert (welding.required, welding.wished, welding.plans, welding.asked) == (3, 2, 4, 9)
    assert welding.people is None
    assert welding.skilled is None
    assert (welding.shortage, welding.is_lower_bound) == (5, True)  # at least 9 − 4
    cooking = gaps['Cooking']
    assert (cooking.required, cooking.plans, cooking.shortage) == (0, 6, 2)  # the pending need does not count
    forklift = gaps['Forklift']
    # wished for in 3 positions; the shrinking plan does not ask for it; 7 have it, 5 good or expert
    assert (forklift.wished, forklift.plans, forklift.people, forklift.shortage) == (3, 0, 7, -4)
    assert forklift.skilled is None  # 5 good, but the 2 below good would be given away
    spare = gaps['Spare']
    assert (spare.asked, spare.people, spare.skilled, spare.shortage) == (0, 6, None, -6)
    assert [gap.label for gap in region_skills_gap(region.id, 'en', 5)][:2] == ['Welding', 'Cooking']


def test_the_level_count_shows_when_neither_side_is_small(db, region, skills):
    for level in ['good'] * 5 + ['basic'] * 5:
        make_candidate(db, region=region, skills=[(skills['Spare'], level)])
    [spare] = region_skills_gap(region.id, 'en', 5)
    assert (spare.people, spare.skilled) == (10, 5)


def _cells(html: str, label: str) -> list[str]:
    row = html.split(f'<th scope="row" class="utrecht-table__header-cell">{label}</th>')[1].split('</tr>')[0]
    return [value.replace('&lt;', '<').replace('&ge;', '≥') for value in re.findall(r'numeric-data">([^<]*)<', row)]


def test_the_page_shows_the_top_with_a_chart_and_hides_small_counts(client, login, db, region, demand, caseload):
    login(make_staff(db, region=region, kind='coordinator', locale='en'))
    html = client.get(URL).get_data(as_text=True)
    assert '<h1 class="utrecht-heading-1">Skills gap in Vechtdal</h1>' in html
    assert 'to plan training courses with schools' in html
    assert _cells(html, 'Welding') == ['3', '2', '4', '9', '< 5', '< 5', '≥ 5']
    assert _cells(html, 'Forklift') == ['0', '3', '0', '3', '7', '< 5', '-4']
    # a skill nobody asks for is left off the page (it is in the CSV)
    assert '>Spare</th>' not in html
    rows = client.get(CSV_URL).get_data(as_text=True)
    assert 'Spare;0;0;0;0;6;< 5;-6' in rows
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-skills-gap-title', html)
    main = html.split('<main', 1)[1].split('</main>', 1)[0]
    assert 'style=' not in main
    assert '<script' not in main


def test_the_page_shows_at_most_thirty_and_the_csv_all(client, login, db, region, organisation):
    many = [make_skill(db) for _ in range(33)]
    make_need(db, organisation=organisation, state='published', positions=1, skills=many)
    staff = make_staff(db, region=region, kind='coordinator', locale='en')
    login(staff)
    html = client.get(URL).get_data(as_text=True)
    body = html.split('<tbody', 1)[1].split('</tbody>')[0]
    assert body.count('<th scope="row"') == 30
    response = client.get(CSV_URL)
    text = response.get_data(as_text=True)
    assert text.startswith('\ufeff')
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=';'))
    assert rows[0][0] == 'Skill'
    assert rows[0][-1] == 'Shortage'
    assert len(rows) == 1 + 33
    assert rows[1][1:] == ['1', '0', '0', '1', '< 5', '< 5', '—']
    [event] = events(db, 'monitoring.exported')
    assert event.actor_id == staff.id
    assert event.details == {'report': 'skills_gap'}


@pytest.mark.parametrize('url', [URL, CSV_URL])
def test_only_staff(client, login, db, url):
    assert '/inloggen' in client.get(url).headers['Location']
    login(make_employer(db))
    assert client.get(url).status_code == 403


def test_an_account_manager_reads_the_page_but_the_download_is_for_coordinators(client, login, db, region, demand):
    login(make_staff(db, region=region, locale='en'))
    html = client.get(URL).get_data(as_text=True)
    assert 'Skills gap in Vechtdal' in html
    assert 'vaardigheden.csv' not in html
    assert client.get(CSV_URL).status_code == 403
    assert events(db, 'monitoring.exported') == []
    login(make_staff(db, region=region, kind='coordinator', locale='en'))
    assert 'href="/medewerkers/regio/vaardigheden.csv"' in client.get(URL).get_data(as_text=True)
    assert client.get(CSV_URL).status_code == 200
