"""Friendly error pages, in the visitor's language, with the right status code."""

import pytest
from flask import Flask, abort

ENGLISH = {'Accept-Language': 'en'}


@pytest.fixture
def failing_app(make_app) -> Flask:
    """A fresh app whose routes fail in every way the error handlers cover."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get('/_test/crash')
    def crash():
        raise RuntimeError('boom')

    @app.get('/_test/abort/<int:code>')
    def abort_with(code: int):
        abort(code)

    return app


def test_not_found_in_dutch(client):
    response = client.get('/bestaat-niet')
    assert response.status_code == 404
    assert '<html lang="nl"' in response.text
    assert '404' in response.text


def test_not_found_in_english(client):
    response = client.get('/does-not-exist', headers=ENGLISH)
    assert response.status_code == 404
    assert '<html lang="en"' in response.text
    assert 'Page not found' in response.text
    assert 'Error code 404' in response.text
    assert 'href="/"' in response.text, 'the page offers a way back home'


def test_an_uncaught_exception_shows_the_friendly_500_page(failing_app, caplog):
    response = failing_app.test_client().get('/_test/crash', headers=ENGLISH)
    assert response.status_code == 500
    assert 'Something went wrong on our side' in response.text
    assert 'boom' not in response.text, 'no internals reach the visitor'
    assert 'Traceback' not in response.text
    assert response.headers['X-Frame-Options'] == 'DENY'
    assert any('boom' in str(record.exc_info[1]) for record in caplog.records if record.exc_info), \
        'the error is logged for the operators'


def test_the_500_page_in_dutch(failing_app):
    response = failing_app.test_client().get('/_test/crash')
    assert response.status_code == 500
    assert '<html lang="nl"' in response.text


@pytest.mark.parametrize(('code', 'title'), [
    (400, 'The request could not be processed'),
    (403, 'No access'),
    (404, 'Page not found'),
    (429, 'Too many attempts'),
])
def test_aborts_render_the_friendly_page(failing_app, code, title):
    response = failing_app.test_client().get(f'/_test/abort/{code}', headers=ENGLISH)
    assert response.status_code == code
    assert title in response.text
    assert f'Error code {code}' in response.text
    assert '<html lang="en"' in response.text
    assert response.headers['Content-Type'].startswith('text/html')


@pytest.mark.parametrize('code', [400, 403, 429, 500])
def test_error_pages_keep_their_status_in_dutch(failing_app, code):
    path = '/_test/crash' if code == 500 else f'/_test/abort/{code}'
    response = failing_app.test_client().get(path, headers={'Accept-Language': 'nl'})
    assert response.status_code == code
    assert '<html lang="nl"' in response.text


def test_a_request_larger_than_the_limit_gets_a_friendly_413(failing_app):
    from flask import request

    @failing_app.post('/_test/upload')
    def upload():
        return str(len(request.form['file']))

    failing_app.config['WTF_CSRF_ENABLED'] = False  # the size check is under test here
    client = failing_app.test_client()
    too_large = 'x' * (failing_app.config['MAX_CONTENT_LENGTH'] + 1)
    assert client.post('/_test/upload', data={'file': 'x' * 1000}).text == '1000'
    response = client.post('/_test/upload', data={'file': too_large}, headers=ENGLISH)
    assert response.status_code == 413
    assert 'The file is too large' in response.text
    assert '6 MB' in response.text
