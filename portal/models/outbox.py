"""Mail waiting to be sent: written in the same transaction as the change that causes it."""

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.dbtypes import utcnow
from portal.extensions import db


class OutboxStatus(enum.StrEnum):
    PENDING = 'pending'
    SENT = 'sent'
    FAILED = 'failed'  # gave up after OUTBOX_MAX_ATTEMPTS


class OutboxMessage(db.Model):
    __tablename__ = 'outbox_messages'
    __table_args__ = (
        # the sender's query: due pending messages, oldest first
        Index('ix_outbox_messages_status_next_attempt_at', 'status', 'next_attempt_at'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(5))
    #: the template it was rendered from, e.g. 'core/test_message'
    template: Mapped[str] = mapped_column(String(120))
    region_id: Mapped[int | None] = mapped_column(ForeignKey('regions.id', ondelete='SET NULL'))
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, name='outbox_status', native_enum=False, create_constraint=True, length=10,
             values_callable=lambda e: [m.value for m in e]),
        default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    #: text files sent with the message: [{'filename', 'content_type', 'content'}] (an .ics invitation)
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default=text("'[]'"))

    def __repr__(self) -> str:
        return f'<OutboxMessage {self.id} {self.template} {self.status}>'
