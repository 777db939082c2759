"""The audit trail: an append-only record of who did what to which object."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.core.dbtypes import utcnow
from portal.extensions import db


class AuditEvent(db.Model):
    """One thing that happened. Rows are only ever inserted: the ORM refuses updates and
    deletes, and a database trigger (see the migration) refuses them too."""

    __tablename__ = 'audit_events'
    __table_args__ = (
        Index('ix_audit_events_object', 'object_type', 'object_id'),
        Index('ix_audit_events_region_id_occurred_at', 'region_id', 'occurred_at'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the user who acted; no foreign key on purpose, because the trail outlives deleted accounts
    actor_id: Mapped[int | None] = mapped_column(index=True)
    #: 'user', or 'system' for jobs and the command line
    actor_kind: Mapped[str] = mapped_column(String(20), default='user')
    #: dotted verb, e.g. 'organisation.verify' or 'candidate.view'
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(64))
    region_id: Mapped[int | None] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def __repr__(self) -> str:
        return f'<AuditEvent {self.action} {self.object_type}:{self.object_id}>'


class AuditTrailIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, 'before_flush')
def _refuse_audit_changes(session: Session, flush_context, instances) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTrailIsAppendOnly('audit events cannot be changed or deleted')
