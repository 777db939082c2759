"""The reads the proposal pages share: a region's proposals, those waiting too long, an employer's incoming ones."""

from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models.demand import StaffingNeed
from portal.models.matching import FollowUp, Proposal, ProposalState
from portal.models.organisations import Organisation

PER_PAGE = 50


def with_list_data():
    return (selectinload(Proposal.need), selectinload(Proposal.organisation), selectinload(Proposal.candidate),
            selectinload(Proposal.accountmanager))


def region_query(region_id: int, *, manager_id: int | None = None):
    query = select(Proposal).where(Proposal.region_id == region_id)
    if manager_id is not None:
        query = query.where(Proposal.accountmanager_id == manager_id)
    return query


def filtered(region_id: int, *, manager_id: int | None = None, state: str = '', organisation_id: str = '',
             need_id: str = ''):
    query = region_query(region_id, manager_id=manager_id)
    if state:
        query = query.where(Proposal.state == ProposalState(state))
    if organisation_id:
        query = query.where(Proposal.organisation_id == int(organisation_id))
    if need_id:
        query = query.where(Proposal.need_id == int(need_id))
    return query.options(*with_list_data()).order_by(Proposal.state_changed_at.desc(), Proposal.id.desc())


def page_of(query, page: int):
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False, count=True)


def state_counts(region_id: int, *, manager_id: int | None = None) -> dict[ProposalState, int]:
    """How many proposals in each state, in one GROUP BY."""
    query = select(Proposal.state, func.count(Proposal.id)).where(Proposal.region_id == region_id)
    if manager_id is not None:
        query = query.where(Proposal.accountmanager_id == manager_id)
    counts = dict(db.session.execute(query.group_by(Proposal.state)).all())
    return {state: counts.get(state, 0) for state in ProposalState}


def waiting_too_long(region_id: int | None, now: datetime, within: timedelta, *, manager_id: int | None = None
                     ) -> list[Proposal]:
    """Sent proposals the employer has not answered within `within`, oldest first."""
    query = (select(Proposal).where(Proposal.state == ProposalState.SENT, Proposal.sent_at < now - within)
             .options(*with_list_data()).order_by(Proposal.sent_at, Proposal.id))
    if region_id is not None:
        query = query.where(Proposal.region_id == region_id)
    if manager_id is not None:
        query = query.where(Proposal.accountmanager_id == manager_id)
    return list(db.session.scalars(query))


def filter_choices(region_id: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The organisations and needs that have proposals in the region, for the filter's lists."""
    organisations = db.session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.id.in_(select(Proposal.organisation_id).where(Proposal.region_id == region_id)))
        .order_by(Organisation.name)).all()
    needs = db.session.execute(
        select(StaffingNeed.id, StaffingNeed.title).where(
            StaffingNeed.id.in_(select(Proposal.need_id).where(Proposal.region_id == region_id)))
        .order_by(StaffingNeed.title, StaffingNeed.id)).all()
    return [tuple(row) for row in organisations], [tuple(row) for row in needs]


def incoming(organisation_id: int) -> list[Proposal]:
    """What was sent to the organisation: those waiting for an answer first (oldest first), then the rest."""
    waiting_first = case((Proposal.state == ProposalState.SENT, 0), else_=1)
    return list(db.session.scalars(
        select(Proposal).where(Proposal.organisation_id == organisation_id, Proposal.sent_at.is_not(None))
        .options(selectinload(Proposal.need))
        .order_by(waiting_first, case((Proposal.state == ProposalState.SENT, Proposal.sent_at)),
                  Proposal.state_changed_at.desc(), Proposal.id.desc())))


def due_follow_ups(day) -> list[FollowUp]:
    """Follow-ups of people still in the job that are due and nobody was reminded of yet."""
    return list(db.session.scalars(
        select(FollowUp).join(Proposal, Proposal.id == FollowUp.proposal_id)
        .where(FollowUp.due_on <= day, FollowUp.recorded_at.is_(None), FollowUp.reminded_at.is_(None),
               Proposal.state == ProposalState.HIRED)
        .options(selectinload(FollowUp.proposal).selectinload(Proposal.candidate),
                 selectinload(FollowUp.proposal).selectinload(Proposal.need),
                 selectinload(FollowUp.proposal).selectinload(Proposal.organisation),
                 selectinload(FollowUp.proposal).selectinload(Proposal.accountmanager))
        .order_by(FollowUp.due_on, FollowUp.id)))
