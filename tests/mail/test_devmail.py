"""The development mailbox: the outbox in the browser, only from this machine, never in production."""

import pytest

from portal import create_app
from tests.mail.conftest import RECIPIENT, queue_test_message


def test_the_mailbox_lists_queued_mail_newest_first(client, db, outbox):
    older = queue_test_message(recipient='eerste@example.nl', locale='nl')
    newer = queue_test_message(recipient='tweede@example.nl', locale='en')

    response = client.get('/dev/mailbox/')

    assert response.status_code == 200
    page = response.text
    assert 'Testbericht van Kansenkamer' in page
    assert 'Kansenkamer test message' in page
    assert page.index(newer.recipient) < page.index(older.recipient)
    assert f'/dev/mailbox/{newer.id}' in page


def test_the_mailbox_says_when_it_is_empty(client):
    response = client.get('/dev/mailbox/', headers={'Accept-Language': 'en'})

    assert response.status_code == 200
    assert 'No mail has been queued yet.' in response.text


def test_the_mailbox_shows_one_message(client, db, outbox):
    message = queue_test_message(locale='en')

    response = client.get(f'/dev/mailbox/{message.id}', headers={'Accept-Language': 'en'})

    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Kansenkamer test message</h1>' in response.text
    assert RECIPIENT in response.text
    assert 'This is a test message from Kansenkamer.' in response.text
    assert client.get(f'/dev/mailbox/{message.id + 1000}').status_code == 404


def test_the_mailbox_shows_the_last_error(client, db, outbox):
    message = queue_test_message()
    message.last_error = 'ConnectionRefusedError: [Errno 111] Connection refused'
    db.session.flush()

    response = client.get(f'/dev/mailbox/{message.id}')

    assert 'ConnectionRefusedError: [Errno 111] Connection refused' in response.text


@pytest.mark.parametrize('remote_addr', ['10.0.0.5', '192.168.1.20', '2001:db8::1', ''])
def test_the_mailbox_is_not_there_for_other_machines(client, db, outbox, remote_addr):
    message = queue_test_message()
    environ = {'REMOTE_ADDR': remote_addr}

    assert client.get('/dev/mailbox/', environ_base=environ).status_code == 404
    assert client.get(f'/dev/mailbox/{message.id}', environ_base=environ).status_code == 404


def test_the_mailbox_answers_ipv6_loopback(client):
    assert client.get('/dev/mailbox/', environ_base={'REMOTE_ADDR': '::1'}).status_code == 200


def test_production_has_no_mailbox(monkeypatch, tmp_path):
    monkeypatch.setenv('SECRET_KEY', 'p' * 40)
    monkeypatch.setenv('DATABASE_URL', f'sqlite:///{tmp_path / "production.sqlite"}')

    production = create_app('production')

    assert production.config['DEV_MAILBOX'] is False
    assert 'devmail' not in production.blueprints
    assert not [rule for rule in production.url_map.iter_rules()
                if rule.endpoint.startswith('devmail.') or rule.rule.startswith('/dev/')]
