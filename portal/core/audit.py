"""Recording the audit trail: the one function every operation calls."""

from typing import Any, Protocol

from portal.extensions import db
from portal.models.audit import AuditEvent
from portal.models.tenancy import Region


class _HasId(Protocol):
    id: Any


def record_event(action: str, *, actor: _HasId | None, obj: Any = None, region_id: int | None = None,
                 details: dict[str, Any] | None = None) -> AuditEvent:
    """Add an audit row for `action` by `actor` (None: the system) on `obj`, in the current transaction.

    The region defaults to the object's own region (a Region is its own), so staff of one
    region only ever see their region's trail.
    """
    if region_id is None and obj is not None:
        region_id = obj.id if isinstance(obj, Region) else getattr(obj, 'region_id', None)
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        actor_kind='user' if actor is not None else 'system',
        action=action,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if obj is not None and getattr(obj, 'id', None) is not None else None,
        region_id=region_id,
        details=details or {},
    )
    db.session.add(event)
    db.session.flush()
    return event
