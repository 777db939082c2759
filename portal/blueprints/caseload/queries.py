"""What the caseload pages read: a region's candidates by filter, counts per status, staff, history and proposals."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.models.accounts import StaffRole, User
from portal.models.audit import AuditEvent
from portal.models.caseload import (
    FRESHNESS,
    Candidate,
    CandidateConsent,
    CandidateImport,
    CandidateLanguage,
    CandidateSkill,
    CandidateStatus,
    ConsentScope,
)
from portal.models.matching import Proposal
from portal.models.tenancy import Municipality

PER_PAGE = 50
HISTORY_LIMIT = 200
#: audit actions about a candidate that the history leaves out (openings are counted instead)
VIEW_ACTIONS = ('candidate.viewed',)


@dataclass(frozen=True)
class CandidateFilters:
    """Which of the region's candidates to list; None (or empty) does not filter."""

    status: CandidateStatus | None = CandidateStatus.ACTIVE
    #: a staff member's id, or NO_ACCOUNTMANAGER
    accountmanager_id: int | None = None
    municipality_id: int | None = None
    #: True: confirmed within 8 weeks; False: stale
    fresh: bool | None = None
    consent: bool | None = None
    #: True: complete profiles only; False: incomplete ones only
    complete: bool | None = None
    text: str = ''


#: the accountmanager filter's value for candidates nobody is responsible for
NO_ACCOUNTMANAGER = 0


def _incomplete():
    """SQL for Candidate.missing_fields() being non-empty: no postcode area, skills, working times or Dutch."""
    has_skill = exists().where(CandidateSkill.candidate_id == Candidate.id)
    has_dutch = exists().where(CandidateLanguage.candidate_id == Candidate.id, CandidateLanguage.language == 'nl')
    no_day_parts = or_(Candidate.day_parts.is_(None), func.json_array_length(Candidate.day_parts) == 0)
    return or_(Candidate.postcode_area.is_(None), Candidate.postcode_area == '', ~has_skill, ~has_dutch,
               no_day_parts)


def _consented():
    return exists().where(CandidateConsent.candidate_id == Candidate.id,
                          CandidateConsent.scope == ConsentScope.PROPOSALS, CandidateConsent.withdrawn_at.is_(None))


def _search(text: str):
    pattern = f'%{text.replace("%", "").replace("_", "").strip()}%'
    return or_(Candidate.code.ilike(pattern), Candidate.reference.ilike(pattern))


def candidates_query(region_id: int, filters: CandidateFilters, today: date, *, with_status: bool = True) -> Select:
    """The region's candidates that pass `filters`, in code order (never anonymised ones)."""
    query = select(Candidate).where(Candidate.region_id == region_id, Candidate.anonymised_at.is_(None))
    if with_status and filters.status is not None:
        query = query.where(Candidate.status == filters.status)
    if filters.accountmanager_id == NO_ACCOUNTMANAGER:
        query = query.where(Candidate.accountmanager_id.is_(None))
    elif filters.accountmanager_id is not None:
        query = query.where(Candidate.accountmanager_id == filters.accountmanager_id)
    if filters.municipality_id is not None:
        query = query.where(Candidate.municipality_id == filters.municipality_id)
    if filters.fresh is True:
        query = query.where(Candidate.availability_confirmed_on >= today - FRESHNESS)
    elif filters.fresh is False:
        query = query.where(Candidate.availability_confirmed_on < today - FRESHNESS)
    if filters.consent is True:
        query = query.where(_consented())
    elif filters.consent is False:
        query = query.where(~_consented())
    if filters.complete is True:
        query = query.where(~_incomplete())
    elif filters.complete is False:
        query = query.where(_incomplete())
    if filters.text:
        query = query.where(_search(filters.text))
    return query.order_by(Candidate.code)


def with_list_loading(query: Select) -> Select:
    return query.options(joinedload(Candidate.municipality), joinedload(Candidate.accountmanager),
                         selectinload(Candidate.skill_links), selectinload(Candidate.languages),
                         selectinload(Candidate.consents))


def status_counts(region_id: int, filters: CandidateFilters, today: date) -> dict[CandidateStatus, int]:
    """How many candidates each status tab holds, with the other filters applied."""
    inner = candidates_query(region_id, filters, today, with_status=False).order_by(None).subquery()
    rows = db.session.execute(select(inner.c.status, func.count()).group_by(inner.c.status)).all()
    counts = dict.fromkeys(CandidateStatus, 0)
    counts.update({CandidateStatus(status): count for status, count in rows})
    return counts


def region_municipalities(region_id: int) -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).where(Municipality.region_id == region_id)
                                   .order_by(Municipality.name)))


def region_staff(region_id: int, *, keep_id: int | None = None) -> list[User]:
    """The region's staff who can sign in, by name; `keep_id` (the current accountmanager) is kept in any case."""
    query = (select(User).join(StaffRole, StaffRole.user_id == User.id).where(StaffRole.region_id == region_id)
             .order_by(User.name, User.id))
    return [user for user in db.session.scalars(query) if user.is_active or user.id == keep_id]


def staff_by_email(region_id: int) -> dict[str, int]:
    """The region's active staff by lower-case email: how an import names the accountmanager."""
    return {user.email.lower(): user.id for user in region_staff(region_id)}


def reference_taken(region_id: int, reference: str, *, exclude_id: int | None = None) -> bool:
    query = select(Candidate.id).where(Candidate.region_id == region_id, Candidate.reference == reference)
    if exclude_id is not None:
        query = query.where(Candidate.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def references_taken(region_id: int, references: set[str]) -> set[str]:
    """Which of `references` the region's candidates already have, in one query per thousand."""
    taken: set[str] = set()
    ordered = sorted(references)
    for start in range(0, len(ordered), 1000):
        batch = ordered[start:start + 1000]
        taken.update(db.session.scalars(select(Candidate.reference).where(
            Candidate.region_id == region_id, Candidate.reference.in_(batch))))
    return taken


def candidate_history(candidate: Candidate) -> tuple[list[tuple[AuditEvent, User | None]], int]:
    """The audit events about `candidate` but its openings, newest first, each with who acted; and how often
    the profile was opened."""
    about = (AuditEvent.object_type == 'Candidate', AuditEvent.object_id == str(candidate.id))
    events = list(db.session.scalars(
        select(AuditEvent).where(*about, AuditEvent.action.not_in(VIEW_ACTIONS))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc()).limit(HISTORY_LIMIT)))
    views = db.session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(*about, AuditEvent.action.in_(VIEW_ACTIONS)))
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    actors = ({user.id: user for user in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
              if actor_ids else {})
    return [(event, actors.get(event.actor_id)) for event in events], views or 0


def candidate_proposals(candidate: Candidate) -> list[Proposal]:
    return list(db.session.scalars(
        select(Proposal).where(Proposal.candidate_id == candidate.id)
        .options(joinedload(Proposal.need), joinedload(Proposal.organisation))
        .order_by(Proposal.created_at.desc(), Proposal.id.desc())))


def recent_imports(region_id: int, limit: int = 20) -> list[CandidateImport]:
    return list(db.session.scalars(
        select(CandidateImport).where(CandidateImport.region_id == region_id)
        .options(joinedload(CandidateImport.uploaded_by))
        .order_by(CandidateImport.created_at.desc(), CandidateImport.id.desc()).limit(limit)))
