"""Leases for periodic jobs, so `flask run-jobs` is safe to run on several servers at once."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class JobLease(db.Model):
    __tablename__ = 'job_leases'

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    #: who holds the lease (host:pid) and until when; an expired lease may be taken over
    holder: Mapped[str | None] = mapped_column(String(120))
    leased_until: Mapped[datetime | None]
    last_started_at: Mapped[datetime | None]
    last_finished_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
