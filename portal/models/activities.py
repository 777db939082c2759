"""Activities: meeloopdagen, workshops, company tours, practice interviews, open days and network meetings.

One model for every kind. An activity has dated slots with seats; people register for a slot
(a signed-in user for themselves, or staff for a job seeker of their caseload, shown to the host
by pseudonym only). A full slot puts registrations on a waiting list, and a cancellation promotes
the first in line. Seats hold under concurrent requests: `ActivitySlot.confirmed_count` only
changes while the slot's row is locked, and the database refuses more confirmed seats than it has.
Employers' offers are moderated like postings (ModeratedMixin); staff's own events are published
directly.
"""

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, func, select, text, tuple_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import enum_column
from portal.models.mixins import TimestampMixin
from portal.models.moderation import ModeratedMixin, PostingKind, PostingState

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.caseload import Candidate
    from portal.models.network import Network
    from portal.models.organisations import Organisation


class ActivityKind(enum.StrEnum):
    NETWORK_MEETING = 'network_meeting'
    WORKSHOP = 'workshop'
    JOB_SHADOWING = 'job_shadowing'  # meeloopdag
    COMPANY_TOUR = 'company_tour'  # rondleiding
    PRACTICE_INTERVIEW = 'practice_interview'  # trainingsgesprek
    OPEN_DAY = 'open_day'


#: kinds an employer offers to job seekers (the others are organised by staff or a network)
EMPLOYER_KINDS = frozenset({ActivityKind.WORKSHOP, ActivityKind.JOB_SHADOWING, ActivityKind.COMPANY_TOUR,
                            ActivityKind.PRACTICE_INTERVIEW, ActivityKind.OPEN_DAY})


class Audience(enum.StrEnum):
    #: job seekers of the caseload, registered by staff
    JOB_SEEKERS = 'job_seekers'
    #: people of the region's organisations
    EMPLOYERS = 'employers'
    #: members of the activity's network
    NETWORK = 'network'
    #: everyone signed in (employers, network members and staff)
    SIGNED_IN = 'signed_in'


class RegistrationState(enum.StrEnum):
    #: waits for the host's approval; holds no seat yet
    PENDING = 'pending'
    CONFIRMED = 'confirmed'
    #: on the waiting list, in order of registration
    WAITLISTED = 'waitlisted'
    CANCELLED = 'cancelled'
    #: the host did not approve it
    DECLINED = 'declined'
    ATTENDED = 'attended'
    NO_SHOW = 'no_show'


#: registrations that hold a seat
SEATED_STATES = frozenset({RegistrationState.CONFIRMED, RegistrationState.ATTENDED, RegistrationState.NO_SHOW})
#: registrations that are still in play: one per person per slot
LIVE_STATES = SEATED_STATES | {RegistrationState.PENDING, RegistrationState.WAITLISTED}


#: what an employer's published offer shows only once staff approved it (dates and seats change at once)
CONTENT_FIELDS = ('title', 'description', 'location', 'online_url', 'requires_approval')


@dataclass(frozen=True)
class PublicVersion:
    """The activity as people outside the host see it: for an employer's published offer the approved version."""

    title: str
    description: str
    location: str | None
    online_url: str | None
    requires_approval: bool

    @property
    def place(self) -> str | None:
        return self.location or self.online_url


class Activity(ModeratedMixin, TimestampMixin, db.Model):
    KIND = PostingKind.ACTIVITY

    __tablename__ = 'activities'
    __table_args__ = (
        CheckConstraint("kind <> 'network_meeting' OR network_id IS NOT NULL", name='meeting_has_network'),
        CheckConstraint('location IS NOT NULL OR online_url IS NOT NULL', name='has_place'),
        Index('ix_activities_region_id_state', 'region_id', 'state'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey('regions.id', ondelete='RESTRICT'))
    #: the host organisation; None for events the region's staff organise
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id', ondelete='CASCADE'),
                                                        index=True)
    #: the network whose meeting this is
    network_id: Mapped[int | None] = mapped_column(ForeignKey('networks.id', ondelete='CASCADE'), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind, 'activity_kind'))
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(255))
    online_url: Mapped[str | None] = mapped_column(String(500))
    audience: Mapped[Audience] = mapped_column(enum_column(Audience, 'audience'))
    #: the host approves each registration before it takes a seat
    requires_approval: Mapped[bool] = mapped_column(default=False)
    #: network meetings: the agenda before, the minutes after
    agenda: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(1000))

    organisation: Mapped['Organisation | None'] = relationship()
    network: Mapped['Network | None'] = relationship()
    created_by: Mapped['User | None'] = relationship()
    slots: Mapped[list['ActivitySlot']] = relationship(back_populates='activity', cascade='all, delete-orphan',
                                                       order_by='ActivitySlot.starts_at')

    def __repr__(self) -> str:
        return f'<Activity {self.id} {self.kind} {self.state}>'

    @property
    def is_cancelled(self) -> bool:
        return self.state == PostingState.CANCELLED

    @property
    def dates(self) -> list['ActivitySlot']:
        """Its dates still in play, by start (a date called off stays in `slots`, with its registrations)."""
        return [slot for slot in self.slots if slot.cancelled_at is None]

    @property
    def is_moderated(self) -> bool:
        """Employers' offers go through the review queue; staff events and network meetings do not."""
        return self.organisation_id is not None and self.kind != ActivityKind.NETWORK_MEETING

    @property
    def public(self) -> PublicVersion:
        """What registrants, the list, mail and calendars show: for an employer's offer once published, the version
        staff approved (`published_snapshot`), while a changed one waits in the review queue; else the row itself."""
        version = {name: getattr(self, name) for name in CONTENT_FIELDS}
        approved = self.published_snapshot
        if self.is_moderated and approved and self.state in {PostingState.PUBLISHED, PostingState.CANCELLED}:
            version.update({name: approved[name] for name in CONTENT_FIELDS if name in approved})
        return PublicVersion(**version)

    @property
    def has_changes_in_review(self) -> bool:
        """A published offer whose row differs from the approved version others see."""
        return self.public != PublicVersion(**{name: getattr(self, name) for name in CONTENT_FIELDS})

    def is_own(self, user) -> bool:
        """The host organisation's people; for staff events, the staff of the region, except that the region's
        network meetings and the events a coordinator made are their coordinators' (and their maker's)."""
        if not user.is_authenticated:
            return False
        if self.organisation_id is None:
            if user.staff_region_id != self.region_id:
                return False
            return not self.for_coordinators or user.is_coordinator or user.id == self.created_by_id
        return user.membership_of(self.organisation) is not None

    @property
    def for_coordinators(self) -> bool:
        """A staff event the region's coordinators host: a network meeting, or one a coordinator made."""
        if self.organisation_id is not None:
            return False
        maker = self.created_by
        return self.kind == ActivityKind.NETWORK_MEETING or (maker is not None and maker.is_coordinator)

    @classmethod
    def locked(cls, activity_id: int, *, share: bool = False) -> 'Activity | None':
        """The activity re-read as committed now, its row locked until commit (PostgreSQL): FOR UPDATE to change
        it, FOR KEY SHARE (`share`) to rely on its state while seats change. Every operation takes the activity's
        lock before any of its slots' locks, so none waits on another in the opposite order."""
        return db.session.scalar(select(cls).where(cls.id == activity_id)
                                 .with_for_update(read=share, key_share=share)
                                 .execution_options(populate_existing=True))

    def snapshot(self) -> dict[str, Any]:
        return {
            'kind': self.kind.value, 'title': self.title, 'description': self.description,
            'location': self.location, 'online_url': self.online_url, 'audience': self.audience.value,
            'requires_approval': self.requires_approval,
            'slots': [{'starts_at': s.starts_at.isoformat(), 'ends_at': s.ends_at.isoformat(), 'seats': s.seats}
                      for s in self.dates],
        }


class ActivitySlot(db.Model):
    """One date of an activity, with its seats (a meeloopdag offered on six dates has six slots)."""

    __tablename__ = 'activity_slots'
    __table_args__ = (
        CheckConstraint('seats >= 1', name='seats_positive'),
        CheckConstraint('confirmed_count >= 0 AND confirmed_count <= seats', name='seats_hold'),
        CheckConstraint('ends_at > starts_at', name='ends_after_start'),
        Index('ix_activity_slots_starts_at', 'starts_at'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey('activities.id', ondelete='CASCADE'), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    seats: Mapped[int]
    #: registrations close at this moment
    registration_closes_at: Mapped[datetime]
    #: seats taken by confirmed registrations; changed only under the slot's row lock
    confirmed_count: Mapped[int] = mapped_column(default=0)
    reminder_sent_at: Mapped[datetime | None]
    #: the date was called off: kept (with its cancelled registrations) but listed, counted and offered no more
    cancelled_at: Mapped[datetime | None]
    #: the iCalendar SEQUENCE of the date's events: raised on every change of its time or place and on cancellation
    sequence: Mapped[int] = mapped_column(default=0, server_default=text('0'))

    activity: Mapped[Activity] = relationship(back_populates='slots')
    registrations: Mapped[list['Registration']] = relationship(back_populates='slot', cascade='all, delete-orphan',
                                                               order_by='Registration.id')

    @property
    def is_cancelled(self) -> bool:
        """This date was called off (the activity's other dates go on)."""
        return self.cancelled_at is not None

    @property
    def free_seats(self) -> int:
        return self.seats - self.confirmed_count

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.seats

    @property
    def waiting_count(self) -> int:
        """How many wait in line for this date."""
        return db.session.scalar(select(func.count(Registration.id)).where(
            Registration.slot_id == self.id, Registration.state == RegistrationState.WAITLISTED))

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or utcnow())

    def is_open(self, now: datetime | None = None) -> bool:
        """Before its registration deadline and its start (the activity's own state aside)."""
        now = now or utcnow()
        return self.registration_closes_at > now and self.starts_at > now

    @classmethod
    def locked(cls, slot_id: int) -> 'ActivitySlot | None':
        """The slot, its row locked until commit (PostgreSQL; SQLite writes one transaction at a time)."""
        return db.session.scalar(select(cls).where(cls.id == slot_id).with_for_update()
                                 .execution_options(populate_existing=True))


class Registration(TimestampMixin, db.Model):
    """A seat (or a place in line) for a signed-in user, or for a job seeker registered by staff."""

    __tablename__ = 'registrations'
    __table_args__ = (
        CheckConstraint('(user_id IS NULL) <> (candidate_id IS NULL)', name='one_registrant'),
        CheckConstraint('rating IS NULL OR (rating >= 1 AND rating <= 5)', name='rating_range'),
        Index('uq_registrations_live_user', 'slot_id', 'user_id', unique=True,
              sqlite_where=db.text("user_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"),
              postgresql_where=db.text("user_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')")),
        Index('uq_registrations_live_candidate', 'slot_id', 'candidate_id', unique=True,
              sqlite_where=db.text("candidate_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"),
              postgresql_where=db.text("candidate_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')")),
        Index('ix_registrations_slot_id_state', 'slot_id', 'state'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey('activity_slots.id', ondelete='CASCADE'))
    user_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey('candidates.id', ondelete='CASCADE'), index=True)
    #: who made the registration (the user themselves, or a staff member for a job seeker)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    state: Mapped[RegistrationState] = mapped_column(enum_column(RegistrationState, 'registration_state'))
    confirmed_at: Mapped[datetime | None]
    #: when it joined the waiting list: the list's order (promotion and positions go by it)
    waitlisted_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    cancel_reason: Mapped[str | None] = mapped_column(String(1000))
    attendance_marked_at: Mapped[datetime | None]
    #: the attendee's rating of the activity (1–5) and comment
    rating: Mapped[int | None]
    rating_comment: Mapped[str | None] = mapped_column(String(2000))
    rated_at: Mapped[datetime | None]

    slot: Mapped[ActivitySlot] = relationship(back_populates='registrations')
    user: Mapped['User | None'] = relationship(foreign_keys=[user_id])
    candidate: Mapped['Candidate | None'] = relationship()
    registered_by: Mapped['User | None'] = relationship(foreign_keys=[registered_by_id])
    feedback: Mapped['ActivityFeedback | None'] = relationship(back_populates='registration', uselist=False,
                                                               cascade='all, delete-orphan')

    def __repr__(self) -> str:
        return f'<Registration {self.id} {self.state}>'

    @property
    def holds_seat(self) -> bool:
        return self.state in SEATED_STATES

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES

    @property
    def waitlist_position(self) -> int | None:
        """1 for the first in line (the waiting list goes by when each joined it); None when not waiting."""
        if self.state != RegistrationState.WAITLISTED:
            return None
        joined, mine = waitlist_order()
        return db.session.scalar(select(func.count(Registration.id)).where(
            Registration.slot_id == self.slot_id, Registration.state == RegistrationState.WAITLISTED,
            tuple_(joined, mine) <= tuple_(self.waitlisted_at or self.created_at, self.id)))


def waitlist_order() -> tuple:
    """The waiting list's order: when each joined it (for rows from before that was kept, when each was made)."""
    return func.coalesce(Registration.waitlisted_at, Registration.created_at), Registration.id


class FeedbackForm(enum.StrEnum):
    GENERAL = 'general'
    #: the competence form of a practice interview
    PRACTICE_INTERVIEW = 'practice_interview'


class ActivityFeedback(TimestampMixin, db.Model):
    """The host's feedback on one job seeker who attended; read by staff and that person's accountmanager only."""

    __tablename__ = 'activity_feedback'

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey('registrations.id', ondelete='CASCADE'), unique=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey('users.id', ondelete='SET NULL'))
    form: Mapped[FeedbackForm] = mapped_column(enum_column(FeedbackForm, 'feedback_form'))
    #: the form's answers, e.g. {'preparation': 4, …, 'points_to_work_on': '…', 'would_invite': True}
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    registration: Mapped[Registration] = relationship(back_populates='feedback')
    author: Mapped['User | None'] = relationship()
