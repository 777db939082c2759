"""Which language a page speaks, and the switch between Dutch and English.

Each test makes at most one request whose language matters: inside the `db` fixture all
requests of a test share one app context, and Flask-Babel keeps the chosen locale on `g`.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from portal.core.i18n import LANG_COOKIE_MAX_AGE
from portal.core.urls import safe_next
from portal.models.audit import AuditEvent
from tests.factories import make_user

PAGES = ['/', '/toegankelijkheid', '/privacy', '/privacy?ref=footer']
LANGUAGE_NAV = re.compile(r'<nav class="kk-language"[^>]*>(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*hreflang="([a-z]+)"')


def html_lang(response) -> str:
    return re.search(r'<html lang="([a-z]+)"', response.text).group(1)


def test_without_a_preference_the_portal_speaks_dutch(client):
    assert html_lang(client.get('/')) == 'nl'


def test_accept_language_english_gives_english(client):
    response = client.get('/', headers={'Accept-Language': 'en-GB,en;q=0.9'})
    assert html_lang(response) == 'en'
    assert 'Skip to main content' in response.text


def test_an_unsupported_browser_language_falls_back_to_dutch(client):
    assert html_lang(client.get('/', headers={'Accept-Language': 'de-DE,fr;q=0.8'})) == 'nl'


def test_the_lang_cookie_beats_accept_language(client):
    client.set_cookie('lang', 'en')
    assert html_lang(client.get('/', headers={'Accept-Language': 'nl-NL,nl;q=0.9'})) == 'en'


def test_the_lang_cookie_beats_accept_language_the_other_way_round(client):
    client.set_cookie('lang', 'nl')
    assert html_lang(client.get('/', headers={'Accept-Language': 'en'})) == 'nl'


def test_an_unknown_lang_cookie_is_ignored(client):
    client.set_cookie('lang', 'xx')
    assert html_lang(client.get('/', headers={'Accept-Language': 'en'})) == 'en'


def test_choosing_a_language_sets_a_year_long_cookie_and_returns_to_the_page(client):
    response = client.get('/taal/en', query_string={'next': '/privacy'})
    assert response.status_code == 302
    assert response.location == '/privacy'

    set_cookie = response.headers['Set-Cookie']
    assert set_cookie.startswith('lang=en;')
    assert 'HttpOnly' in set_cookie
    assert 'SameSite=Lax' in set_cookie
    max_age = int(re.search(r'Max-Age=(\d+)', set_cookie).group(1))
    assert max_age == LANG_COOKIE_MAX_AGE
    assert 360 * 24 * 3600 <= max_age <= 366 * 24 * 3600

    assert html_lang(client.get(response.location)) == 'en'


@pytest.mark.parametrize('target', ['https://evil.example', '//evil.example', '/\\evil.example',
                                    'javascript:alert(1)', ''])
def test_the_language_switch_never_redirects_off_site(client, target):
    response = client.get('/taal/nl', query_string={'next': target})
    assert response.status_code == 302
    assert response.location == '/'


def test_an_unknown_language_is_not_found(client):
    response = client.get('/taal/de', query_string={'next': '/privacy'})
    assert response.status_code == 404
    assert 'Set-Cookie' not in response.headers


@pytest.mark.parametrize('accept', ['nl', 'en'])
@pytest.mark.parametrize('path', [*PAGES, '/bestaat-niet'])
def test_every_page_links_to_the_other_language_of_the_same_page(client, path, accept):
    other = {'nl': 'en', 'en': 'nl'}[accept]
    page = client.get(path, headers={'Accept-Language': accept})
    nav = LANGUAGE_NAV.search(page.text)
    assert nav, 'the layout has a language switch'
    links = LINK.findall(nav.group(1))
    assert [code for _, code in links] == [other]

    href = links[0][0].replace('&amp;', '&')
    parts = urlsplit(href)
    assert parts.path == f'/taal/{other}'
    assert parse_qs(parts.query)['next'] == [path]

    followed = client.get(href)
    assert followed.status_code == 302
    assert followed.location == path


@pytest.mark.parametrize(('target', 'expected'), [
    ('/privacy', '/privacy'),
    ('/privacy?ref=footer#top', '/privacy?ref=footer#top'),
    ('  /privacy ', '/privacy'),
    (None, '/'),
    ('', '/'),
    ('https://evil.example', '/'),
    ('http://evil.example/privacy', '/'),
    ('//evil.example', '/'),
    ('/\\evil.example', '/'),
    ('\\\\evil.example', '/'),
    ('/\t/evil.example', '/'),
    ('javascript:alert(1)', '/'),
    ('privacy', '/'),
])
def test_safe_next_only_allows_paths_on_this_site(target, expected):
    assert safe_next(target) == expected


def test_safe_next_uses_the_given_fallback():
    assert safe_next('https://evil.example', fallback='/privacy') == '/privacy'
    assert safe_next(None, fallback='/privacy') == '/privacy'


def test_the_language_switch_also_changes_a_signed_in_users_setting(db, client, login):
    user = login(make_user(db, locale='nl'))
    response = client.get('/taal/en?next=/account/')
    assert response.status_code == 302
    assert user.locale == 'en'
    assert '<html lang="en"' in client.get('/').text
    assert db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)).all() == [
        'user.update_profile']
