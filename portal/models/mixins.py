"""Columns many models share."""

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from portal.core.dbtypes import utcnow


class TimestampMixin:
    """created_at and updated_at, both timezone-aware UTC, set by the application."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
