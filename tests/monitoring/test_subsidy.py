"""The public page on wage-cost subsidy: the calculator's figures in euros, its errors, and the instruments."""

import re

import pytest

from portal.core.dbtypes import today

URL = '/loonkostensubsidie'
EN = {'Accept-Language': 'en'}


def figure(html: str, name: str) -> str:
    return re.search(rf'data-figure="{name}"[^>]*>([^<]*)<', html).group(1).replace('\xa0', ' ').strip()


def test_anyone_can_read_it_without_a_result_yet(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'lang="nl"' in html
    assert 'data-figure=' not in html
    assert 'utrecht-alert--error' not in html
    # the first day defaults to today, in the date input
    assert f'value="{today().isoformat()}"' in html
    for key in ('loonkostensubsidie', 'no-riskpolis', 'proefplaatsing', 'jobcoaching', 'praktijkroute'):
        assert f'id="{key}"' in html
    main = html.split('<main', 1)[1].split('</main>', 1)[0]
    assert 'style=' not in main
    assert '<script' not in main


def test_fifty_percent_in_february_2026_in_dutch(client):
    html = client.get(URL + '?loonwaarde=50&uren=36&startdatum=2026-02-01').get_data(as_text=True)
    assert figure(html, 'subsidy-per-hour') == '€ 7,94'
    assert figure(html, 'employer-costs-per-hour') == '€ 1,87'
    assert figure(html, 'total-per-hour') == '€ 9,81'
    assert figure(html, 'total-per-month') == '€ 1.530,38'  # 9,8101 × 36 × 52 / 12
    assert 'data-capped="no"' in html
    assert '€\xa014,71' in html  # the minimum wage used


def test_twenty_percent_is_capped(client):
    html = client.get(URL + '?loonwaarde=20&uren=36&startdatum=2026-02-01', headers=EN).get_data(as_text=True)
    assert figure(html, 'subsidy-per-hour') == '€11.12'
    assert figure(html, 'total-per-hour') == '€13.73'
    assert 'data-capped="yes"' in html
    assert 'Indicative — the municipality sets the wage-cost subsidy' in html
    assert 'in force from January 1, 2026' in html


def test_the_minimum_wage_of_the_start_date_is_used(client):
    html = client.get(URL + '?loonwaarde=50&uren=36&startdatum=2025-03-01').get_data(as_text=True)
    assert '€\xa014,06' in html
    assert figure(html, 'subsidy-per-hour') == '€ 7,59'  # (14,06 × 1,08) / 2


def test_a_date_after_the_known_amounts_says_so(client):
    html = client.get(URL + '?loonwaarde=50&uren=36&startdatum=2030-01-01', headers=EN).get_data(as_text=True)
    assert figure(html, 'subsidy-per-hour') == '€7.94'
    assert 'is not known yet, so the latest known amount is used' in html


@pytest.mark.parametrize(('query', 'field', 'message'), [
    ('loonwaarde=50,5&uren=36&startdatum=2026-02-01', 'loonwaarde', 'Fill in the loonwaarde as a whole percentage'),
    ('loonwaarde=abc&uren=36&startdatum=2026-02-01', 'loonwaarde', 'Fill in the loonwaarde as a whole percentage'),
    ('loonwaarde=101&uren=36&startdatum=2026-02-01', 'loonwaarde', 'Fill in the loonwaarde as a whole percentage'),
    ('loonwaarde=&uren=36&startdatum=2026-02-01', 'loonwaarde', 'Fill in the loonwaarde as a whole percentage'),
    ('loonwaarde=50&uren=0&startdatum=2026-02-01', 'uren', 'Fill in a whole number of hours per week from 1 to 60'),
    ('loonwaarde=50&uren=61&startdatum=2026-02-01', 'uren', 'Fill in a whole number of hours per week from 1 to 60'),
    ('loonwaarde=50&uren=36&startdatum=2024-12-31', 'startdatum',
     'The calculator knows the minimum wage from January 1, 2025'),
    ('loonwaarde=50&uren=36&startdatum=31-02-2026', 'startdatum', 'Fill in a date, like 22-11-2026.'),
])
def test_bad_input_is_refused_at_the_field(client, query, field, message):
    response = client.get(f'{URL}?{query}', headers=EN)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-figure=' not in html
    assert f'id="{field}-error"' in html
    assert html.count(message) == 2  # at the field and in the summary, once each
    assert re.search(rf'<input[^>]*aria-invalid="true"[^>]*id="{field}"|<input[^>]*id="{field}"[^>]*aria-invalid',
                     html)


def test_the_whole_percentage_from_dutch_dates(client):
    html = client.get(URL + '?loonwaarde=0&uren=1&startdatum=01-02-2026').get_data(as_text=True)
    assert figure(html, 'subsidy-per-hour') == '€ 11,12'  # 0 % is capped too
