"""Helpers for the mail tests; the `smtp_server` fixture and the SMTP guard live in tests/conftest.py."""

import socket
import threading
from collections.abc import Iterator

import pytest
from jinja2 import ChoiceLoader, DictLoader

from portal.core.mail import queue_mail
from portal.models.outbox import OutboxMessage

RECIPIENT = 'werkgever@example.nl'


def queue_test_message(recipient: str = RECIPIENT, locale: str = 'en') -> OutboxMessage:
    return queue_mail(recipient, 'core/test_message', locale=locale)


@pytest.fixture
def mail_templates(app, monkeypatch):
    """Add mail templates for one test: `mail_templates({'emails/test/x.txt': '...'})`."""
    def add(templates: dict[str, str]) -> None:
        monkeypatch.setattr(app.jinja_env, 'loader', ChoiceLoader([DictLoader(templates), app.jinja_env.loader]))
    return add


@pytest.fixture
def silent_smtp_port() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word, like a wedged mail server.

    Nobody calls accept(): the kernel completes the handshake and the client waits for a greeting.
    Closing the socket after a few seconds resets those connections, so a client without a timeout
    fails the test instead of hanging it.
    """
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    safety_net = threading.Timer(5, listener.close)
    safety_net.start()
    try:
        yield listener.getsockname()[1]
    finally:
        safety_net.cancel()
        listener.close()
