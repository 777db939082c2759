"""All models, imported here so Alembic and the app see the whole schema."""

from portal.models.audit import AuditEvent
from portal.models.jobs import JobLease
from portal.models.outbox import OutboxMessage, OutboxStatus
from portal.models.tenancy import Municipality, Region

__all__ = ['AuditEvent', 'JobLease', 'Municipality', 'OutboxMessage', 'OutboxStatus', 'Region']
