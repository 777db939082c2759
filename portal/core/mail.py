"""Mail that is never lost: queued in the outbox inside the change's transaction, sent by a job.

`queue_mail` renders a template in the recipient's language and adds an OutboxMessage;
`send_pending` delivers due messages through Flask-Mail, retrying with back-off.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_mail import Connection, Message
from sqlalchemy import select

from portal.core.dbtypes import utcnow
from portal.core.jobs import periodic_job
from portal.extensions import db
from portal.models.outbox import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

#: the longest wait between two attempts
MAX_BACKOFF = timedelta(hours=6)


def _render_block(template, name: str, context: dict[str, Any]) -> str:
    block = template.blocks.get(name)
    if block is None:
        return ''
    return ''.join(block(template.new_context(context))).strip()


def render_mail(template_name: str, locale: str, **context: Any) -> tuple[str, str, str | None]:
    """Subject, plain text and optional HTML of `emails/<template_name>.txt` (and `.html`) in `locale`."""
    env = current_app.jinja_env
    with force_locale(locale):
        current_app.update_template_context(context)
        text = env.get_template(f'emails/{template_name}.txt')
        subject = ' '.join(_render_block(text, 'subject', context).split())
        body = _render_block(text, 'body', context)
        html = None
        html_name = f'emails/{template_name}.html'
        if html_name in env.list_templates(filter_func=lambda n: n == html_name):
            html = env.get_template(html_name).render(context)
    if not subject or not body:
        raise ValueError(f'mail template {template_name} needs a subject and a body block')
    return subject, body + '\n', html


def queue_mail(recipient: str, template_name: str, *, locale: str, region_id: int | None = None,
               attachments: list[dict[str, str]] | None = None, **context: Any) -> OutboxMessage:
    """Add a message to the outbox in the current transaction; it is sent only if that commits.

    `attachments` are text files: [{'filename': …, 'content_type': …, 'content': …}] (e.g. an .ics invitation).
    """
    if locale not in current_app.config['LANGUAGES']:
        locale = current_app.config['BABEL_DEFAULT_LOCALE']
    subject, body, html = render_mail(template_name, locale, **context)
    message = OutboxMessage(recipient=recipient, subject=subject, body_text=body, body_html=html,
                            locale=locale, template=template_name, region_id=region_id,
                            attachments=[_attachment(a) for a in attachments or ()])
    db.session.add(message)
    db.session.flush()
    return message


def _attachment(attachment: dict[str, str]) -> dict[str, str]:
    return {'filename': attachment['filename'], 'content_type': attachment['content_type'],
            'content': attachment['content']}


def _message(message: OutboxMessage) -> Message:
    """The Flask-Mail message for an outbox row, with its attachments (text, sent UTF-8 encoded)."""
    mail = Message(subject=message.subject, recipients=[message.recipient], body=message.body_text,
                   html=message.body_html)
    for attachment in message.attachments or ():
        mail.attach(attachment['filename'], attachment['content_type'], attachment['content'].encode('utf-8'))
    return mail


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failures: 1, 2, 4, ... minutes, at most six hours."""
    # The exponent is capped so a generous OUTBOX_MAX_ATTEMPTS cannot overflow timedelta.
    return min(timedelta(minutes=2 ** min(attempts - 1, 20)), MAX_BACKOFF)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    #: the run stopped early because the mail server could not be reached
    server_down: bool = False

    def __str__(self) -> str:
        text = f'{self.sent} sent, {self.failed} to retry, {self.gave_up} given up'
        return text + ('; the mail server could not be reached, the rest waits' if self.server_down else '')


class _Connection(Connection):
    """Flask-Mail's SMTP connection, opened with MAIL_TIMEOUT and closed without second-guessing a delivery.

    Flask-Mail 0.10 opens smtplib without a timeout, so a server that accepts the connection and then
    stays silent would hang `send-mail` (and its job lease) for good; and it lets an error in the
    closing QUIT escape after the server has already accepted the message, which would send it twice.
    """

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp_class(self.mail.server, self.mail.port, timeout=current_app.config['MAIL_TIMEOUT'])
        host.set_debuglevel(int(self.mail.debug))
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host

    def __exit__(self, exc_type, exc_value, tb) -> None:
        if self.host is None:
            return
        try:
            self.host.quit()
        except (smtplib.SMTPException, OSError):
            self.host.close()


def _deliver(message: Message) -> None:
    """Send one message with the app's Flask-Mail settings (under TESTING, Flask-Mail only pretends)."""
    with _Connection(current_app.extensions['mail']) as connection:
        message.send(connection)


def _claim_next(now: datetime) -> OutboxMessage | None:
    """The oldest due message, row-locked until the caller commits.

    On PostgreSQL, SKIP LOCKED lets two senders run at once without sending a message twice.
    SQLite (development only) ignores it; there the run-jobs lease keeps the periodic sender single.
    """
    query = (select(OutboxMessage)
             .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now)
             .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
             .limit(1)
             .with_for_update(skip_locked=True))
    return db.session.scalar(query)


def send_pending(now: datetime | None = None, limit: int = 500) -> SendReport:
    """Send due messages one by one; each outcome is committed at once so a crash loses no bookkeeping."""
    now = now or utcnow()
    report = SendReport()
    max_attempts = current_app.config['OUTBOX_MAX_ATTEMPTS']
    for _ in range(limit):
        message = _claim_next(now)
        if message is None:
            break
        try:
            _deliver(_message(message))
        except Exception as exc:  # any error, not only SMTP's: one bad message must not block the queue
            if not isinstance(exc, smtplib.SMTPException | OSError):
                logger.exception('Outbox message %s could not be sent', message.id)
            message.attempts += 1
            message.last_error = f'{type(exc).__name__}: {exc}'[:2000]
            if message.attempts >= max_attempts:
                message.status = OutboxStatus.FAILED
                report.gave_up += 1
                logger.error('Outbox message %s failed for good after %s attempts: %s',
                             message.id, message.attempts, message.last_error)
            else:
                message.next_attempt_at = now + backoff(message.attempts)
                report.failed += 1
                logger.warning('Outbox message %s not sent (attempt %s): %s',
                               message.id, message.attempts, message.last_error)
            if _server_unreachable(exc):
                # the rest would fail the same way, each after a time-out: leave them for the next run
                db.session.commit()
                report.server_down = True
                break
        else:
            message.attempts += 1
            message.status = OutboxStatus.SENT
            message.sent_at = utcnow()
            message.last_error = None
            report.sent += 1
        db.session.commit()
    return report


def _server_unreachable(exc: Exception) -> bool:
    """True for errors about the mail server itself rather than about one message or recipient."""
    if isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected | smtplib.SMTPAuthenticationError):
        return True
    # smtplib's errors are OSErrors too; the others of that family are the network's
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


def retry_failed() -> int:
    """Give messages that were given up on a fresh set of attempts (after fixing the mail server)."""
    failed = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.FAILED)))
    for message in failed:
        message.status = OutboxStatus.PENDING
        message.attempts = 0
        message.next_attempt_at = utcnow()
    db.session.commit()
    return len(failed)


@periodic_job('send-mail', every=timedelta(0))
def send_mail_job(now: datetime) -> str:
    return str(send_pending(now))
