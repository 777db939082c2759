"""What staff read about their region's buddy project: offers with their free places, pairings by state,
and the overview (counts, pairings per month, next steps suggested and taken), anonymous figures only."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.core.dbtypes import TIMEZONE, add_months
from portal.extensions import db
from portal.models.activities import Activity, ActivitySlot, Registration, RegistrationState
from portal.models.buddies import OPEN_PAIRING_STATES, BuddyOffer, BuddyPairing, NextStep, PairingState
from portal.models.matching import Proposal
from portal.models.organisations import Membership, MembershipStatus

#: the offers list's tabs: query value -> is_active (None: all)
OFFER_FILTERS: dict[str, bool | None] = {'actief': True, 'gepauzeerd': False, 'alle': None}
#: the pairings list's tabs: query value -> states ('te-laat' is open and past its end)
PAIRING_FILTERS: dict[str, frozenset[PairingState] | None] = {
    'gepland': frozenset({PairingState.PLANNED}),
    'gesprek-gehad': frozenset({PairingState.MET}),
    'te-laat': OPEN_PAIRING_STATES,
    'afgesloten': frozenset({PairingState.CLOSED}),
    'gestopt': frozenset({PairingState.STOPPED}),
    'alle': None,
}
OVERDUE = 'te-laat'
#: next steps that are activities of the same kind (the values are the same words)
ACTIVITY_STEPS = (NextStep.JOB_SHADOWING, NextStep.WORKSHOP, NextStep.PRACTICE_INTERVIEW)
#: next steps whose uptake the portal can see
MEASURED_STEPS = frozenset(ACTIVITY_STEPS) | {NextStep.APPLY}
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class OfferRow:
    offer: BuddyOffer
    used: int

    @property
    def free(self) -> int:
        return max(self.offer.capacity - self.used, 0)


def _open_counts():
    return (select(BuddyPairing.offer_id, func.count(BuddyPairing.id).label('used'))
            .where(BuddyPairing.state.in_(OPEN_PAIRING_STATES)).group_by(BuddyPairing.offer_id).subquery())


def region_offers(region_id: int, shown: str = 'actief') -> list[OfferRow]:
    """The region's offers with the places they use now, those with room first."""
    counts = _open_counts()
    used = func.coalesce(counts.c.used, 0)
    query = (select(BuddyOffer, used).outerjoin(counts, counts.c.offer_id == BuddyOffer.id)
             .where(BuddyOffer.region_id == region_id)
             .options(joinedload(BuddyOffer.organisation), joinedload(BuddyOffer.user))
             .order_by((used >= BuddyOffer.capacity), BuddyOffer.created_at.desc(), BuddyOffer.id.desc()))
    active = OFFER_FILTERS.get(shown)
    if active is not None:
        query = query.where(BuddyOffer.is_active.is_(active))
    return [OfferRow(offer, used) for offer, used in db.session.execute(query)]


def offer_counts(region_id: int) -> dict[str, int]:
    rows = dict(db.session.execute(select(BuddyOffer.is_active, func.count(BuddyOffer.id))
                                   .where(BuddyOffer.region_id == region_id).group_by(BuddyOffer.is_active)).all())
    return {'actief': rows.get(True, 0), 'gepauzeerd': rows.get(False, 0), 'alle': sum(rows.values())}


def region_pairings(region_id: int, shown: str, today: date) -> list[BuddyPairing]:
    states = PAIRING_FILTERS.get(shown)
    query = (select(BuddyPairing).where(BuddyPairing.region_id == region_id)
             .options(joinedload(BuddyPairing.candidate),
                      joinedload(BuddyPairing.offer).joinedload(BuddyOffer.organisation),
                      joinedload(BuddyPairing.offer).joinedload(BuddyOffer.user))
             .order_by(BuddyPairing.ends_on, BuddyPairing.id))
    if states is not None:
        query = query.where(BuddyPairing.state.in_(states))
    if shown == OVERDUE:
        query = query.where(BuddyPairing.ends_on < today)
    return list(db.session.scalars(query))


def pairing_counts(region_id: int, today: date) -> dict[str, int]:
    by_state = Counter(dict(db.session.execute(
        select(BuddyPairing.state, func.count(BuddyPairing.id)).where(BuddyPairing.region_id == region_id)
        .group_by(BuddyPairing.state)).all()))
    overdue = db.session.scalar(select(func.count(BuddyPairing.id)).where(
        BuddyPairing.region_id == region_id, BuddyPairing.state.in_(OPEN_PAIRING_STATES),
        BuddyPairing.ends_on < today)) or 0
    counts = {key: sum(by_state[state] for state in states) for key, states in PAIRING_FILTERS.items()
              if states is not None and key != OVERDUE}
    counts[OVERDUE] = overdue
    counts['alle'] = sum(by_state.values())
    return counts


# The overview -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One line of a chart and its table (the shape regional/_chart.html draws)."""

    label: str
    values: tuple[int, ...]

    @property
    def value(self) -> int:
        return self.values[-1]


@dataclass(frozen=True)
class StepRow:
    step: NextStep
    suggested: int
    #: None where the portal cannot see whether the step was taken (a course, or no step)
    taken: int | None


def _month_start(day: date) -> date:
    return day.replace(day=1)


def pairings_per_month(region_id: int, today: date) -> list[Row]:
    """Pairings made per month (Dutch calendar), the last MONTHS_SHOWN months, oldest first."""
    first = add_months(_month_start(today), -(MONTHS_SHOWN - 1))
    created = db.session.scalars(select(BuddyPairing.created_at).where(BuddyPairing.region_id == region_id))
    counts = Counter(_month_start(moment.astimezone(TIMEZONE).date()) for moment in created)
    months = [add_months(first, n) for n in range(MONTHS_SHOWN)]
    return [Row(format_date(month, 'MMMM yyyy'), (counts.get(month, 0),)) for month in months]


def _step_taken():
    """1 when the job seeker took the suggested step after the feedback, else 0 (a correlated SQL expression).

    An activity step is taken by registering (not cancelled or declined) for an activity of that
    kind; applying is taken when a proposal for a job was sent to an employer.
    """
    registered = (select(Registration.id)
                  .join(ActivitySlot, ActivitySlot.id == Registration.slot_id)
                  .join(Activity, Activity.id == ActivitySlot.activity_id)
                  .where(Registration.candidate_id == BuddyPairing.candidate_id,
                         Registration.created_at >= BuddyPairing.feedback_at,
                         Registration.state.not_in([RegistrationState.CANCELLED, RegistrationState.DECLINED]),
                         Activity.kind == BuddyPairing.next_step)
                  .exists())
    proposed = (select(Proposal.id)
                .where(Proposal.candidate_id == BuddyPairing.candidate_id, Proposal.sent_at.is_not(None),
                       Proposal.sent_at >= BuddyPairing.feedback_at)
                .exists())
    return case((and_(BuddyPairing.next_step.in_(ACTIVITY_STEPS), registered), 1),
                (and_(BuddyPairing.next_step == NextStep.APPLY, proposed), 1), else_=0)


def next_steps(region_id: int) -> list[StepRow]:
    rows = {step: (suggested, taken) for step, suggested, taken in db.session.execute(
        select(BuddyPairing.next_step, func.count(BuddyPairing.id), func.sum(_step_taken()))
        .where(BuddyPairing.region_id == region_id, BuddyPairing.feedback_at.is_not(None),
               BuddyPairing.next_step.is_not(None))
        .group_by(BuddyPairing.next_step))}
    return [StepRow(step, rows.get(step, (0, 0))[0], int(rows.get(step, (0, 0))[1] or 0)
                    if step in MEASURED_STEPS else None) for step in NextStep]


def offer_places(region_id: int) -> tuple[int, int]:
    """Places of active offers in use, and in all."""
    counts = _open_counts()
    used, capacity = db.session.execute(
        select(func.coalesce(func.sum(func.coalesce(counts.c.used, 0)), 0),
               func.coalesce(func.sum(BuddyOffer.capacity), 0))
        .select_from(BuddyOffer).outerjoin(counts, counts.c.offer_id == BuddyOffer.id)
        .where(BuddyOffer.region_id == region_id, BuddyOffer.is_active.is_(True))).one()
    return int(used), int(capacity)


def own_pairings(user) -> list[BuddyPairing]:
    """The buddy's pairings over their offers for the organisations they still work for (as `is_buddy`), open ones
    first, then by meeting."""
    return list(db.session.scalars(
        select(BuddyPairing).join(BuddyOffer)
        .join(Membership, and_(Membership.user_id == BuddyOffer.user_id,
                               Membership.organisation_id == BuddyOffer.organisation_id))
        .where(BuddyOffer.user_id == user.id, Membership.status == MembershipStatus.ACTIVE)
        .options(joinedload(BuddyPairing.candidate), selectinload(BuddyPairing.offer))
        .order_by(BuddyPairing.state.not_in(OPEN_PAIRING_STATES), BuddyPairing.meeting_at, BuddyPairing.id)))
