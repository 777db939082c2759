"""The outcomes page and its CSV: the region's funnel from real proposal steps, periods, suppression, access."""

import csv
import io
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest

from portal.blueprints.monitoring import views
from portal.blueprints.monitoring.outcomes import Period, load_facts
from portal.core.dbtypes import TIMEZONE, today
from tests.factories import make_employer, make_region, make_staff
from tests.monitoring.conftest import events, walk

URL = '/medewerkers/regio/resultaten'
CSV_URL = '/medewerkers/regio/resultaten.csv'
#: the day the pages count on: late in a year, so the data below sits in one calendar year whatever today is
DAY = date(today().year - 1, 11, 22)


@pytest.fixture(autouse=True)
def counted_on_day(monkeypatch):
    monkeypatch.setattr(views, 'today', lambda: DAY)


def before(days: int) -> date:
    return DAY - timedelta(days=days)


def at(days: int) -> datetime:
    """Noon in the Netherlands `days` days before DAY."""
    return datetime.combine(before(days), time(12), tzinfo=TIMEZONE)


def cell(html: str, caption: str, label: str, column: int = 0) -> str:
    """The text in column `column` of the row `label` of the table with `caption`."""
    table = re.split(f'id="[^"]+-caption">{re.escape(caption)}</caption>', html, maxsplit=1)[1].split('</table>')[0]
    row = re.split(f'<th scope="row" class="utrecht-table__header-cell">{re.escape(label)}</th>', table)[1]
    row = row.split('</tr>')[0]
    return re.findall(r'numeric-data">([^<]*)<', row)[column].replace('&lt;', '<')


@pytest.fixture
def staff(db, region):
    return make_staff(db, region=region, locale='en')


@pytest.fixture
def coordinator(db, region):
    return make_staff(db, region=region, kind='coordinator', locale='en')


@pytest.fixture
def outcomes(db, need, places):
    """14 proposals this period: 6 hires (5 still employed at 3 months), 2 intakes, 3 declined, 3 waiting."""
    start = before(120)
    hires = [walk(db, need=need, path='hired', job_starts_on=start, employed=(3,), sent_at=at(150),
                  municipality=places['Hardenberg'], target_groups=['participatiewet'], first_name='Geheimnaam')
             for _ in range(5)]
    hires.append(walk(db, need=need, path='hired_after_trial', job_starts_on=start, not_employed=(3,),
                      sent_at=at(140), municipality=places['Ommen'], ended=True,
                      returned=True))
    intakes = [walk(db, need=need, path='intake', municipality=places['Ommen'], sent_at=at(5)) for _ in range(2)]
    declined = [walk(db, need=need, path='declined', decline_reason='hours', municipality=places['Dalfsen'],
                     sent_at=at(5)) for _ in range(3)]
    waiting = [walk(db, need=need, municipality=places['Ommen'], sent_at=at(5)) for _ in range(3)]
    return hires + intakes + declined + waiting


def test_staff_see_the_funnel_of_their_region(client, login, staff, outcomes):
    login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<h1 class="utrecht-heading-1">Outcomes for Vechtdal</h1>' in html
    funnel = 'From proposal to lasting work'
    assert cell(html, funnel, 'Sent to the employer') == '14'
    assert cell(html, funnel, 'Employer interested') == '8'
    assert cell(html, funnel, 'Employer interested', 1) == '57.1%'
    assert cell(html, funnel, 'Intake') == '8'
    assert cell(html, funnel, 'Trial placement') == '< 5'
    assert cell(html, funnel, 'Trial placement', 1) == '—'
    assert cell(html, funnel, 'Hired') == '6'
    assert cell(html, funnel, 'Hired', 1) == '75.0%'
    # 5 of the 6 hires due are still employed: shown, it would say that 1 is not
    assert cell(html, funnel, 'Still employed after 3 months') == '< 5'
    assert cell(html, funnel, 'Still employed after 3 months', 1) == '—'
    assert cell(html, funnel, 'Still employed after 6 months') == '< 5'  # not due yet
    key = 'Time to work, retention and return to benefits'
    assert cell(html, key, 'Median days from sending the proposal to the first day of work') == '30'
    assert cell(html, key, 'Returned to benefits') == '—'  # one ended proposal
    # the 3 declines are one reason: hidden, and so is the total they would give away
    assert cell(html, 'Declined by the employer, by reason', 'The hours do not fit') == '< 5'
    # a chart with its numbers in the table, no inline style or script, nothing about a person
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-funnel-title chart-funnel-desc"', html)
    main = html.split('<main', 1)[1].split('</main>', 1)[0]
    assert 'style=' not in main
    assert '<script' not in main
    assert 'Geheimnaam' not in html
    assert 'Anna' not in html
    assert outcomes[0].candidate.code not in html


def test_breakdowns_hide_small_groups_in_a_rest_row(client, login, staff, outcomes):
    login(staff)
    html = client.get(URL).get_data(as_text=True)
    caption = 'By municipality of the job seeker: proposals per step'
    assert cell(html, caption, 'Ommen') == '6'
    # Dalfsen (3) is too small on its own, and too small as the rest row: Hardenberg (5) joins it
    body = html.split(caption + '</caption>')[1].split('</table>')[0]
    assert 'Dalfsen</th>' not in body
    assert '>Other municipalities together</th>' in body
    assert 'Hardenberg</th>' not in body
    assert cell(html, caption, 'Other municipalities together') == '8'
    assert 'A job seeker in two target groups counts in both' in html
    # proposals without an account manager are a group of their own, named so
    assert cell(html, 'By account manager: proposals per step', 'No account manager') == '14'
    assert cell(html, 'By account manager: results', 'No account manager') == '42.9%'  # 6 hired of 14 sent


def test_the_period_counts_by_the_day_sent(client, login, db, staff, need):
    for _ in range(5):
        walk(db, need=need, sent_at=datetime(DAY.year - 1, 6, 1, 12, tzinfo=TIMEZONE))
    for _ in range(6):
        walk(db, need=need, sent_at=at(5))
    login(staff)
    html = client.get(URL).get_data(as_text=True)
    assert cell(html, 'From proposal to lasting work', 'Sent to the employer') == '6'
    assert f'<option selected value="dit-jaar">This year so far ({DAY.year})</option>' in html
    html = client.get(URL + f'?periode={DAY.year - 1}').get_data(as_text=True)
    assert cell(html, 'From proposal to lasting work', 'Sent to the employer') == '5'
    assert f'<option selected value="{DAY.year - 1}">' in html


def test_only_calendar_years_that_do_not_overlap_can_be_chosen(client, login, db, staff, need):
    walk(db, need=need, sent_at=datetime(DAY.year - 2, 3, 1, 12, tzinfo=TIMEZONE))
    login(staff)
    html = client.get(URL).get_data(as_text=True)
    select = html.split('<select', 1)[1].split('</select>', 1)[0]
    assert re.findall(r'<option[^>]*value="([^"]+)"', select) == ['dit-jaar', str(DAY.year - 1), str(DAY.year - 2)]
    assert 'Only calendar years can be chosen' in html
    # what was offered before overlaps the years: all years, the last 12 months, this year by its number
    for overlapping in ('alles', '12-maanden', str(DAY.year)):
        html = client.get(URL + f'?periode={overlapping}').get_data(as_text=True)
        assert 'Choose a period from the list.' in html
        assert '<option selected value="dit-jaar">' in html


def test_a_year_boundary_is_the_dutch_midnight(db, region, need):
    # 23:30 UTC on 31 December is already 00:30 on 1 January in the Netherlands
    year = today().year - 1
    walk(db, need=need, sent_at=datetime(year - 1, 12, 31, 23, 30, tzinfo=UTC))
    assert len(load_facts(region.id, Period.year(year))) == 1
    assert len(load_facts(region.id, Period.year(year - 1))) == 0


def test_an_unknown_period_is_refused_and_the_default_shown(client, login, staff, outcomes):
    login(staff)
    response = client.get(URL + '?periode=1999')
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'Choose a period from the list.' in html
    assert cell(html, 'From proposal to lasting work', 'Sent to the employer') == '14'


def test_another_region_sees_none_of_it(client, login, db, outcomes):
    login(make_staff(db, region=make_region(db, name='Drechtsteden'), locale='en'))
    html = client.get(URL).get_data(as_text=True)
    assert 'Outcomes for Drechtsteden' in html
    assert cell(html, 'From proposal to lasting work', 'Sent to the employer') == '< 5'


@pytest.mark.parametrize('url', [URL, CSV_URL])
def test_only_staff(client, login, db, url):
    assert '/inloggen' in client.get(url).headers['Location']
    login(make_employer(db))
    assert client.get(url).status_code == 403


def test_every_staff_member_reads_the_page_but_only_coordinators_download_it(client, login, db, region, staff,
                                                                             coordinator, outcomes):
    login(staff)
    html = client.get(URL).get_data(as_text=True)
    assert 'resultaten.csv' not in html
    assert 'Download all figures (CSV)' not in html
    assert client.get(CSV_URL).status_code == 403
    assert events(db, 'monitoring.exported') == []
    login(coordinator)
    html = client.get(URL).get_data(as_text=True)
    assert 'href="/medewerkers/regio/resultaten.csv?periode=dit-jaar"' in html
    assert client.get(CSV_URL).status_code == 200


def test_the_csv_holds_the_same_suppressed_figures_and_is_audited(client, login, db, region, coordinator, outcomes):
    login(coordinator)
    response = client.get(CSV_URL + '?periode=dit-jaar')
    assert response.status_code == 200
    assert response.mimetype == 'text/csv'
    assert 'attachment; filename="outcomes-' in response.headers['Content-Disposition']
    text = response.get_data(as_text=True)
    assert text.startswith('\ufeff')
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=';'))
    assert rows[0] == ['Section', 'Group', 'Measure', 'Value']
    assert ['From proposal to lasting work', 'Hired', 'Proposals', '6'] in rows
    assert ['From proposal to lasting work', 'Trial placement', 'Proposals', '< 5'] in rows
    assert ['By municipality of the job seeker: proposals per step', 'Ommen', 'Sent', '6'] in rows
    assert not any(row[1] == 'Dalfsen' for row in rows)
    assert 'Geheimnaam' not in text
    [event] = events(db, 'monitoring.exported')
    assert event.actor_id == coordinator.id
    assert event.region_id == region.id
    assert event.details == {'report': 'outcomes', 'period': 'dit-jaar'}


def test_viewing_the_page_is_not_audited(client, login, db, staff, outcomes):
    login(staff)
    client.get(URL)
    assert events(db, 'monitoring.exported') == []
