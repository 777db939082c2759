"""The region's sent proposals as anonymous fact rows (figures.Facts), read in three statements.

A proposal counts in the period its SENT date falls in (the Dutch calendar day). Whether it
reached a step is read from everything that shows it got there: its step events, its current
state and its hire date, so a proposal that ended later still counts for every step it took.
Nothing read here names a person: the rows carry ids only, and the page shows only counts.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Select, select

from portal.blueprints.monitoring.figures import FOLLOW_UP_MONTHS, Facts, reached_steps
from portal.core.dbtypes import TIMEZONE, add_months
from portal.core.dbtypes import today as dutch_today
from portal.extensions import db
from portal.models.caseload import Candidate
from portal.models.matching import FollowUp, Proposal, ProposalEvent, ProposalState
from portal.models.organisations import Organisation

S = ProposalState


@dataclass(frozen=True)
class Period:
    """Sent on or after `first` and before `until` (Dutch days); None is open-ended."""

    key: str
    first: date | None = None
    until: date | None = None

    @classmethod
    def this_year(cls, today: date) -> 'Period':
        """The current calendar year so far."""
        return cls('dit-jaar', date(today.year, 1, 1), None)

    @classmethod
    def year(cls, year: int) -> 'Period':
        return cls(str(year), date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def all(cls) -> 'Period':
        """Every proposal ever sent: for checks and the demo, never offered on the page (it overlaps the years)."""
        return cls('alles')


def _moment(day: date) -> datetime:
    """Midnight at the start of `day` in the Netherlands: where a Dutch day begins on the UTC clock."""
    return datetime.combine(day, time(), tzinfo=TIMEZONE)


def _sent(query: Select, region_id: int, period: Period) -> Select:
    query = query.where(Proposal.region_id == region_id, Proposal.sent_at.is_not(None))
    if period.first is not None:
        query = query.where(Proposal.sent_at >= _moment(period.first))
    if period.until is not None:
        query = query.where(Proposal.sent_at < _moment(period.until))
    return query


def first_sent_year(region_id: int) -> int | None:
    """The year the region's first proposal was sent (for the period choices)."""
    first = db.session.scalar(select(Proposal.sent_at).where(Proposal.region_id == region_id,
                                                             Proposal.sent_at.is_not(None))
                              .order_by(Proposal.sent_at).limit(1))
    return first.astimezone(TIMEZONE).year if first is not None else None


def load_facts(region_id: int, period: Period, today: date | None = None) -> list[Facts]:
    """One Facts row per proposal of the region sent in `period`."""
    today = today or dutch_today()
    rows = db.session.execute(_sent(select(
        Proposal.id, Proposal.candidate_id, Proposal.state, Proposal.sent_at, Proposal.job_starts_on,
        Proposal.decline_reason, Proposal.returned_to_benefits, Proposal.accountmanager_id,
        Candidate.municipality_id, Candidate.target_groups, Organisation.sbi_section,
    ).join(Candidate, Candidate.id == Proposal.candidate_id)
        .join(Organisation, Organisation.id == Proposal.organisation_id), region_id, period)).all()

    states: dict[int, set[str]] = {}
    for proposal_id, to_state in db.session.execute(_sent(
            select(ProposalEvent.proposal_id, ProposalEvent.to_state).distinct()
            .join(Proposal, Proposal.id == ProposalEvent.proposal_id), region_id, period)):
        states.setdefault(proposal_id, set()).add(ProposalState(to_state).value)

    follow_ups: dict[int, dict[int, tuple[date, bool]]] = {}
    for proposal_id, month, due_on, still_employed in db.session.execute(_sent(
            select(FollowUp.proposal_id, FollowUp.month, FollowUp.due_on, FollowUp.still_employed)
            .join(Proposal, Proposal.id == FollowUp.proposal_id), region_id, period)):
        follow_ups.setdefault(proposal_id, {})[month] = (due_on, bool(still_employed))

    facts = []
    for row in rows:
        state = ProposalState(row.state)
        seen = states.get(row.id, set()) | {state.value}
        if row.job_starts_on is not None:
            seen.add(S.HIRED.value)
        reached = reached_steps(seen)
        checks = follow_ups.get(row.id, {})
        due, employed = set(), set()
        if 'hired' in reached:
            for month in FOLLOW_UP_MONTHS:
                due_on, still = checks.get(month, (None, False))
                if due_on is None and row.job_starts_on is not None:
                    due_on = add_months(row.job_starts_on, month)
                if due_on is not None and due_on <= today:
                    due.add(month)
                    if still:
                        employed.add(month)
        days = None
        if 'hired' in reached and row.job_starts_on is not None:
            days = (row.job_starts_on - row.sent_at.astimezone(TIMEZONE).date()).days
        declined = state == S.DECLINED or S.DECLINED.value in seen
        facts.append(Facts(
            proposal_id=row.id, candidate_id=row.candidate_id, municipality_id=row.municipality_id,
            sector=row.sbi_section, accountmanager_id=row.accountmanager_id,
            target_groups=tuple(row.target_groups or ()), reached=reached, due=frozenset(due),
            employed=frozenset(employed), days_to_start=days, is_ended=state == S.ENDED,
            returned_to_benefits=bool(row.returned_to_benefits), is_declined=declined,
            decline_reason=row.decline_reason.value if declined and row.decline_reason else None,
        ))
    return facts
