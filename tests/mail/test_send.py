"""Sending the outbox through a real SMTP server on loopback: delivered, retried with back-off, given up, requeued."""

import asyncio
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import delete

from portal.core.dbtypes import utcnow
from portal.core.mail import backoff, queue_mail, send_pending
from portal.extensions import db as _db
from portal.models.outbox import OutboxMessage, OutboxStatus
from tests.conftest import database_kind
from tests.mail.conftest import RECIPIENT, queue_test_message


def test_a_queued_message_arrives_and_is_marked_sent(app, db, outbox, smtp_server):
    message = queue_test_message(locale='en')
    db.session.commit()

    report = send_pending()

    assert (report.sent, report.failed, report.gave_up) == (1, 0, 0)
    [received] = smtp_server.received
    assert received.recipients == [RECIPIENT]
    assert received.message['To'] == RECIPIENT
    assert received.message['Subject'] == 'Kansenkamer test message'
    assert received.message['From'] == app.config['MAIL_DEFAULT_SENDER']
    assert 'This is a test message from Kansenkamer.' in received.text()
    db.session.refresh(message)
    assert message.status is OutboxStatus.SENT
    assert message.sent_at is not None
    assert message.attempts == 1
    assert message.last_error is None


def test_non_ascii_text_arrives_intact(db, outbox, smtp_server, mail_templates):
    mail_templates({'emails/test/accents.txt': '{% block subject %}Coördinatie{% endblock %}'
                                               '{% block body %}De financiële afspraken, één voor één.{% endblock %}'})
    queue_mail(RECIPIENT, 'test/accents', locale='nl')

    send_pending()

    [received] = smtp_server.received
    assert received.message['Subject'] == 'Coördinatie'
    assert received.text().strip() == 'De financiële afspraken, één voor één.'


def test_with_the_server_down_mail_waits_and_arrives_once_it_is_back(db, outbox, smtp_server):
    message = queue_test_message()
    db.session.commit()
    smtp_server.stop()
    start = utcnow()

    report = send_pending(now=start)

    assert (report.sent, report.failed, report.gave_up) == (0, 1, 0)
    db.session.refresh(message)
    assert message.status is OutboxStatus.PENDING
    assert message.attempts == 1
    assert message.last_error.startswith('ConnectionRefusedError')
    assert message.next_attempt_at == start + timedelta(minutes=1)
    assert message.sent_at is None

    # Before its back-off is over the message is not tried again, even with the server back.
    smtp_server.start()
    report = send_pending(now=start + timedelta(seconds=59))
    assert (report.sent, report.failed, report.gave_up) == (0, 0, 0)
    assert smtp_server.received == []
    db.session.refresh(message)
    assert message.attempts == 1

    report = send_pending(now=start + timedelta(minutes=1))

    assert report.sent == 1
    [received] = smtp_server.received
    assert received.recipients == [RECIPIENT]
    db.session.refresh(message)
    assert message.status is OutboxStatus.SENT
    assert message.attempts == 2
    assert message.last_error is None
    assert message.sent_at is not None


def test_after_the_last_attempt_a_message_fails_until_requeued(app, db, outbox, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, 'OUTBOX_MAX_ATTEMPTS', 3)
    message = queue_test_message()
    db.session.commit()
    smtp_server.stop()
    now = utcnow()

    reports = []
    for _ in range(3):
        reports.append(send_pending(now=now))
        db.session.refresh(message)
        now = message.next_attempt_at

    assert [(r.failed, r.gave_up) for r in reports] == [(1, 0), (1, 0), (0, 1)]
    assert message.status is OutboxStatus.FAILED
    assert message.attempts == 3
    assert message.last_error.startswith('ConnectionRefusedError')
    assert send_pending(now=now + timedelta(days=30)).gave_up == 0  # a failed message is left alone

    smtp_server.start()
    result = app.test_cli_runner().invoke(args=['send-mail', '--retry-failed'])

    assert result.exit_code == 0, result.output
    assert result.output == '1 failed messages queued again\n1 sent, 0 to retry, 0 given up\n'
    assert [received.recipients for received in smtp_server.received] == [[RECIPIENT]]
    db.session.refresh(message)
    assert message.status is OutboxStatus.SENT
    assert message.attempts == 1


def test_backoff_doubles_from_one_minute_up_to_six_hours():
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(9) == timedelta(minutes=256)
    assert backoff(10) == timedelta(hours=6)
    assert backoff(1000) == timedelta(hours=6)


def test_one_unsendable_message_does_not_block_the_others(db, outbox, smtp_server):
    # smtplib cannot put a non-ASCII local part on the wire without SMTPUTF8: it raises
    # UnicodeEncodeError, not an SMTP error. Sent oldest first, it used to stop the queue for good.
    unsendable = queue_test_message(recipient='rené@example.nl')
    fine = queue_test_message(recipient=RECIPIENT)
    db.session.commit()

    report = send_pending()

    assert (report.sent, report.failed) == (1, 1)
    assert [received.recipients for received in smtp_server.received] == [[RECIPIENT]]
    db.session.refresh(unsendable)
    db.session.refresh(fine)
    assert fine.status is OutboxStatus.SENT
    assert unsendable.status is OutboxStatus.PENDING
    assert unsendable.last_error.startswith('UnicodeEncodeError')


def test_a_silent_server_times_out_instead_of_hanging(app, db, outbox, smtp_server, silent_smtp_port, monkeypatch):
    monkeypatch.setitem(app.config, 'MAIL_TIMEOUT', 0.5)
    monkeypatch.setattr(app.extensions['mail'], 'port', silent_smtp_port)
    message = queue_test_message()
    db.session.commit()

    started = time.monotonic()
    report = send_pending()

    assert time.monotonic() - started < 3
    assert report.failed == 1
    db.session.refresh(message)
    assert message.status is OutboxStatus.PENDING
    assert 'timed out' in message.last_error


def test_a_hang_up_after_delivery_does_not_send_twice(db, outbox, smtp_server, monkeypatch):
    async def hang_up(server, session, envelope):
        server.transport.abort()  # gone before the 221 reply to QUIT

    monkeypatch.setattr(smtp_server.handler, 'handle_QUIT', hang_up, raising=False)
    message = queue_test_message()
    db.session.commit()

    report = send_pending()

    assert report.sent == 1
    assert len(smtp_server.received) == 1
    db.session.refresh(message)
    assert message.status is OutboxStatus.SENT


def test_cli_send_test_mail_queues_and_send_mail_sends(app, db, outbox, smtp_server):
    runner = app.test_cli_runner()

    queued = runner.invoke(args=['send-test-mail', 'beheer@gemeente.example.nl'])
    queued_en = runner.invoke(args=['send-test-mail', 'admin@example.org', '--locale', 'en'])
    assert queued.exit_code == 0, queued.output
    assert queued.output.startswith('queued message ')
    assert queued_en.exit_code == 0, queued_en.output
    assert smtp_server.received == []

    sent = runner.invoke(args=['send-mail'])

    assert sent.exit_code == 0, sent.output
    assert sent.output == '2 sent, 0 to retry, 0 given up\n'
    subjects = {received.recipients[0]: received.message['Subject'] for received in smtp_server.received}
    assert subjects == {'beheer@gemeente.example.nl': 'Testbericht van Kansenkamer',
                        'admin@example.org': 'Kansenkamer test message'}


def test_cli_send_test_mail_refuses_an_unknown_locale(app, db):
    result = app.test_cli_runner().invoke(args=['send-test-mail', 'a@example.org', '--locale', 'fr'])

    assert result.exit_code == 2
    assert 'Invalid value' in result.output




@pytest.mark.postgres_only
@pytest.mark.skipif(database_kind() != 'postgresql', reason='row claims with SKIP LOCKED exist only on PostgreSQL')
def test_two_senders_at_once_send_every_message_exactly_once(app, outbox, smtp_server, monkeypatch):
    """Two `send-mail` runs side by side (cron's and one by hand) each claim different messages.

    It needs real commits on two connections, so it uses the app without the rolled-back `db`
    fixture and deletes its messages at the end.
    """
    deliver = smtp_server.handler.handle_DATA

    async def slow_deliver(server, session, envelope):
        await asyncio.sleep(0.05)  # long enough for both senders to be busy at once
        return await deliver(server, session, envelope)

    monkeypatch.setattr(smtp_server.handler, 'handle_DATA', slow_deliver)
    recipients = [f'werkgever{n}@example.nl' for n in range(12)]
    with app.app_context():
        ids = [queue_test_message(recipient=recipient).id for recipient in recipients]
        _db.session.commit()
    start_together = threading.Barrier(2)
    reports = []

    def sender() -> None:
        with app.app_context():
            start_together.wait(10)
            reports.append(send_pending())

    threads = [threading.Thread(target=sender) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(received.recipients[0] for received in smtp_server.received) == sorted(recipients)
        assert sorted(report.sent for report in reports)[0] > 0, 'one sender did all the work: no overlap tested'
        assert sum(report.sent for report in reports) == len(recipients)
    finally:
        with app.app_context():
            _db.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
            _db.session.commit()


def test_an_unreachable_server_ends_the_run_after_the_first_try(db, outbox, smtp_server):
    first, second, third = (queue_test_message() for _ in range(3))
    db.session.commit()
    smtp_server.stop()

    report = send_pending()

    assert report.server_down
    assert (report.sent, report.failed) == (0, 1)
    for message in (first, second, third):
        db.session.refresh(message)
    # only the first paid an attempt; the others were not tried and keep their place in the queue
    assert [m.attempts for m in (first, second, third)] == [1, 0, 0]
    assert 'could not be reached' in str(report)


def test_a_refused_recipient_does_not_stop_the_others(db, outbox, smtp_server):
    refused = queue_test_message(recipient='geen-mail@example.nl')
    fine = queue_test_message()
    db.session.commit()
    smtp_server.refuse('geen-mail@example.nl')

    report = send_pending()

    assert not report.server_down
    assert (report.sent, report.failed) == (1, 1)
    db.session.refresh(refused)
    assert refused.last_error.startswith('SMTPRecipientsRefused')
    db.session.refresh(fine)
    assert fine.status is OutboxStatus.SENT
