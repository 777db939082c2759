"""Queueing mail: rendered in the recipient's language, and kept only if the change that causes it commits."""

import pytest
from sqlalchemy import func, select

from portal.core.mail import queue_mail
from portal.models.outbox import OutboxMessage, OutboxStatus
from portal.models.tenancy import Region
from tests.factories import make_region
from tests.mail.conftest import RECIPIENT, queue_test_message


def count_messages(db) -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_queue_mail_renders_the_template_in_english(db, outbox):
    message = queue_test_message(locale='en')

    assert message.id is not None
    assert outbox == [message]
    assert message.recipient == RECIPIENT
    assert message.locale == 'en'
    assert message.template == 'core/test_message'
    assert message.subject == 'Kansenkamer test message'
    assert 'This is a test message from Kansenkamer.' in message.body_text
    assert message.body_html is None
    assert message.status is OutboxStatus.PENDING
    assert message.attempts == 0
    assert message.sent_at is None


def test_queue_mail_renders_the_template_in_dutch(db, outbox):
    message = queue_test_message(locale='nl')

    assert message.locale == 'nl'
    assert message.subject == 'Testbericht van Kansenkamer'
    assert 'Dit is een testbericht van Kansenkamer.' in message.body_text


def test_an_unknown_locale_falls_back_to_dutch(db, outbox):
    message = queue_test_message(locale='fr')

    assert message.locale == 'nl'
    assert message.subject == 'Testbericht van Kansenkamer'


def test_the_language_of_the_page_does_not_leak_into_the_mail(app, db, outbox):
    # An English-speaking coordinator's request queues mail for a Dutch-speaking employer.
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        message = queue_test_message(locale='nl')

    assert message.subject == 'Testbericht van Kansenkamer'


def test_mail_is_kept_only_when_its_transaction_commits(db, outbox):
    def failing_change():
        with db.session.begin_nested():
            make_region(db, slug='teruggedraaid')
            queue_test_message()
            raise RuntimeError('the change fails after queueing its mail')

    with pytest.raises(RuntimeError):
        failing_change()

    assert Region.by_slug('teruggedraaid') is None
    assert count_messages(db) == 0

    with db.session.begin_nested():
        make_region(db, slug='bewaard')
        queue_test_message()

    assert Region.by_slug('bewaard') is not None
    assert count_messages(db) == 1


def test_subject_is_one_line_and_html_is_optional(db, outbox, mail_templates):
    mail_templates({
        'emails/test/welcome.txt': '{% block subject %}\n  Welkom,\n  {{ name }}  {% endblock %}'
                                   '{% block body %}Hallo {{ name }}.{% endblock %}',
        'emails/test/welcome.html': '<p>Hallo <strong>{{ name }}</strong>.</p>',
    })

    message = queue_mail(RECIPIENT, 'test/welcome', locale='nl', name='Fatima')

    assert message.subject == 'Welkom, Fatima'
    assert message.body_text == 'Hallo Fatima.\n'
    assert message.body_html == '<p>Hallo <strong>Fatima</strong>.</p>'


@pytest.mark.parametrize('source', [
    '{% block body %}Only a body.{% endblock %}',
    '{% block subject %}Only a subject{% endblock %}',
    '{% block subject %} {% endblock %}{% block body %}A blank subject.{% endblock %}',
])
def test_a_template_without_subject_or_body_is_refused(db, mail_templates, source):
    mail_templates({'emails/test/incomplete.txt': source})

    with pytest.raises(ValueError, match='needs a subject and a body'):
        queue_mail(RECIPIENT, 'test/incomplete', locale='nl')
    assert count_messages(db) == 0


def test_a_commit_inside_a_test_ends_only_a_savepoint(db, outbox):
    # send-mail and run-jobs commit; the `db` fixture must still keep their rows out of other tests.
    queue_test_message()
    db.session.commit()

    with db.engine.connect() as elsewhere:
        assert elsewhere.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert count_messages(db) == 1
