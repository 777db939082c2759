"""Security headers, templates that need no inline code, cookie settings and CSRF."""

import re
from pathlib import Path

import pytest
from flask import Flask
from flask_wtf.csrf import generate_csrf

from config import Config

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / 'portal' / 'templates'
PAGES = ['/', '/toegankelijkheid', '/privacy', '/bestaat-niet']

INLINE_SCRIPT = re.compile(r'<script\b(?![^>]*\bsrc\s*=)[^>]*>', re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r'<[a-z][^>]*\sstyle\s*=', re.IGNORECASE)
STYLE_ELEMENT = re.compile(r'<style\b', re.IGNORECASE)
EVENT_HANDLER = re.compile(r'<[a-z][^>]*\son[a-z]+\s*=', re.IGNORECASE)


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers['Content-Security-Policy']
    directives = {}
    for part in policy.split(';'):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize('path', PAGES)
def test_every_page_sends_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == (404 if path == '/bestaat-niet' else 200)

    csp = csp_directives(response)
    assert csp['default-src'] == ["'self'"]
    assert "'unsafe-inline'" not in csp['script-src']
    assert "'unsafe-eval'" not in csp['script-src']
    assert "'unsafe-inline'" not in csp['style-src']
    assert csp['frame-ancestors'] == ["'none'"]
    assert csp['object-src'] == ["'none'"]
    assert response.headers['X-Content-Type-Options'] == 'nosniff'
    assert response.headers['X-Frame-Options'] == 'DENY'
    assert response.headers['Referrer-Policy'] in {'strict-origin-when-cross-origin', 'same-origin', 'no-referrer'}


def test_every_parameterless_get_route_sends_the_csp(app, client):
    """Routes added later are covered too, not only the pages listed above."""
    paths = sorted(rule.rule for rule in app.url_map.iter_rules()
                   if 'GET' in rule.methods and not rule.arguments and rule.endpoint != 'static')
    assert '/' in paths
    for path in paths:
        response = client.get(path)
        assert "'unsafe-inline'" not in csp_directives(response)['script-src'], path
        assert response.headers['X-Content-Type-Options'] == 'nosniff', path


def test_no_hsts_outside_production(client):
    assert 'Strict-Transport-Security' not in client.get('/').headers


def test_production_sends_hsts_for_a_year(production_app: Flask):
    response = production_app.test_client().get('/', base_url='https://kansenkamer.example')
    assert response.status_code == 200
    hsts = response.headers['Strict-Transport-Security']
    max_age = int(re.search(r'max-age=(\d+)', hsts).group(1))
    assert max_age >= 365 * 24 * 3600
    assert 'includeSubDomains' in hsts
    assert "'unsafe-inline'" not in csp_directives(response)['script-src']


def _html_templates() -> list[Path]:
    # Mail templates are excluded: no CSP applies in a mail client, and HTML mail needs inline styles.
    return sorted(path for path in TEMPLATES_DIR.rglob('*.html')
                  if 'emails' not in path.relative_to(TEMPLATES_DIR).parts)


def test_there_are_templates_to_scan():
    names = {path.relative_to(TEMPLATES_DIR).as_posix() for path in _html_templates()}
    assert {'layout.html', 'errors/error.html', 'main/index.html'} <= names


@pytest.mark.parametrize(('pattern', 'bad', 'good'), [
    (INLINE_SCRIPT, '<script>alert(1)</script>', '<script src="/static/app.js" defer></script>'),
    (STYLE_ATTRIBUTE, '<p class="x" style="color: red">', '<p class="style">'),
    (EVENT_HANDLER, '<button type="button" onclick="go()">', '<button type="button" data-one="1">'),
])
def test_the_template_scan_tells_inline_code_from_allowed_markup(pattern, bad, good):
    assert pattern.search(bad)
    assert not pattern.search(good)


@pytest.mark.parametrize('template', _html_templates(), ids=lambda path: path.relative_to(TEMPLATES_DIR).as_posix())
def test_templates_contain_no_inline_script_style_or_handlers(template: Path):
    source = template.read_text()
    for name, pattern in [('inline <script>', INLINE_SCRIPT), ('style= attribute', STYLE_ATTRIBUTE),
                          ('<style> element', STYLE_ELEMENT), ('on*= event handler', EVENT_HANDLER)]:
        match = pattern.search(source)
        assert match is None, f'{template.name} has an {name}, which the CSP blocks: {match.group(0)!r}'


def test_session_and_remember_cookies_are_secure_httponly_and_samesite():
    assert Config.SESSION_COOKIE_SECURE is True
    assert Config.SESSION_COOKIE_HTTPONLY is True
    assert Config.SESSION_COOKIE_SAMESITE in {'Lax', 'Strict'}
    assert Config.REMEMBER_COOKIE_SECURE is True
    assert Config.REMEMBER_COOKIE_HTTPONLY is True
    assert Config.REMEMBER_COOKIE_SAMESITE in {'Lax', 'Strict'}


def test_production_keeps_the_secure_cookie_settings(production_app: Flask):
    assert production_app.config['SESSION_COOKIE_SECURE'] is True
    assert production_app.config['SESSION_COOKIE_HTTPONLY'] is True
    assert production_app.config['REMEMBER_COOKIE_SECURE'] is True


@pytest.fixture
def csrf_app(make_app) -> Flask:
    """A fresh app with CSRF protection on and a form endpoint of its own."""
    app = make_app(WTF_CSRF_ENABLED=True)

    @app.get('/_test/token')
    def token():
        return generate_csrf()

    @app.post('/_test/form')
    def form():
        return 'received'

    return app


def test_a_post_without_a_csrf_token_gets_the_friendly_page(csrf_app):
    response = csrf_app.test_client().post('/_test/form', data={'name': 'x'}, headers={'Accept-Language': 'en'})
    assert response.status_code == 400
    assert 'Your session has expired' in response.text
    assert '<html lang="en"' in response.text
    assert 'received' not in response.text


def test_a_post_with_a_wrong_csrf_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    client.get('/_test/token')
    response = client.post('/_test/form', data={'csrf_token': 'forged'}, headers={'Accept-Language': 'en'})
    assert response.status_code == 400
    assert 'Your session has expired' in response.text


def test_a_post_with_a_valid_csrf_token_passes(csrf_app):
    client = csrf_app.test_client()
    token = client.get('/_test/token').text
    response = client.post('/_test/form', data={'csrf_token': token})
    assert response.status_code == 200
    assert response.text == 'received'


def test_csrf_stays_on_under_the_testing_settings(app):
    """Flask-WTF only skips CSRF when WTF_CSRF_ENABLED is False, which no configuration sets."""
    assert app.config['WTF_CSRF_ENABLED'] is True
