"""Demo proposals for `flask seed-demo`: the stories of portal/data/demo_caseload.py (STORIES), each told by one
proposal that is scored by the real rules and taken step by step through `Proposal.move_to`, dated in the past.

Each step leaves what the proposals operations leave: the event, the audit row (`proposal.send`,
`proposal.respond`, …), the frozen anonymous card, the identity shared on introduction, follow-ups after
a hire. A story's need was open for proposals on the story's first day; the oldest stories (a hire more
than a year ago) use past needs, filled long ago, which `past_needs` adds with their review history.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from portal.blueprints.matching.profiles import candidate_profile, need_profile, region_weights, score
from portal.core import demo_demand
from portal.core.dbtypes import add_months
from portal.core.dbtypes import today as dutch_day
from portal.core.demo_proposal_steps import Teller
from portal.data import demo_caseload as data
from portal.extensions import db
from portal.matching import score_pair
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.caseload import Candidate
from portal.models.demand import ContractType, Horizon, LanguageLevel, NeedSkill, StaffingNeed
from portal.models.matching import EndReason, ProposalState
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation
from portal.models.places import PostcodeArea

if TYPE_CHECKING:
    from portal.core.demo_caseload import Caseload

S, P = ProposalState, PostingState
#: days between a step and the one before it, by the later step
GAPS = {S.SENT: (1, 3), S.INTERESTED: (1, 6), S.DECLINED: (2, 9), S.INTRODUCED: (3, 6), S.INTAKE: (5, 9),
        S.TRIAL: (7, 12), S.WITHDRAWN: (3, 8), S.ENDED: (8, 20)}
UP_TO = {name: [S.DRAFT, S.SENT, S.INTERESTED, S.INTRODUCED, S.INTAKE, S.TRIAL][:n + 1]
         for n, name in enumerate(('draft', 'sent', 'interested', 'introduced', 'intake', 'trial'))}
#: when the job started (days ago, or a function of today and the generator) and the follow-ups recorded
HIRES: dict[str, tuple[Any, dict[int, bool], EndReason | None]] = {
    'hired_new': ((10, 80), {}, None),
    'hired_3m_due': (lambda today, r: add_months(today, -3) - timedelta(days=r(1, 3)), {}, None),
    'hired_after_3m': ((100, 170), {3: True}, None),
    'hired_after_6m': ((190, 300), {3: True, 6: True}, None),
    'hired_12m_due': (lambda today, r: add_months(today, -12) - timedelta(days=r(3, 8)), {3: True, 6: True}, None),
    'ended_retained': ((385, 540), {3: True, 6: True, 12: True}, EndReason.RETAINED),
    'ended_dismissed': ((110, 300), {3: False}, EndReason.DISMISSED),
    'ended_not_extended': ((200, 340), {3: True, 6: False}, EndReason.CONTRACT_NOT_EXTENDED),
    'ended_resigned': ((120, 260), {3: False}, EndReason.RESIGNED),
}
#: the states of the needs a story may be about: still published when the proposal is under way, or any
OPEN_NEEDS = frozenset({P.PUBLISHED})
ANY_NEED = frozenset({P.PUBLISHED, P.FILLED, P.EXPIRED})
#: how often a story's dates are drawn before it is left untold
ATTEMPTS = 30


@dataclass
class Plan:
    kind: str
    #: (state, days ago) of each step, the draft first, each on a later day than the one before
    steps: list[tuple[ProposalState, int]]
    needs: frozenset[PostingState] = ANY_NEED
    job_start: date | None = None
    trial: tuple[date, date] | None = None
    #: month → (still employed, days ago it was recorded)
    follow_ups: dict[int, tuple[bool, int]] = field(default_factory=dict)
    end_reason: EndReason | None = None
    #: the employer declines: propose someone further down the ranking
    weak: bool = False
    demo_employer: bool = False


@dataclass
class Window:
    """A need and the time it took proposals."""

    need: StaffingNeed
    opens: datetime
    closes: datetime
    profile: Any

    def took_proposals_all_day(self, day: date) -> bool:
        """Open all through `day` (Dutch): a draft is dated at a random hour of its day."""
        return dutch_day(self.opens) < day < dutch_day(self.closes)


# Plans ---------------------------------------------------------------------------------------------------

def chain(r, states: list[ProposalState], anchor: int, anchor_ago: int) -> list[tuple[ProposalState, int]]:
    """Days ago for each of `states`, the one at index `anchor` on `anchor_ago`, the others a few days apart."""
    agos = {anchor: anchor_ago}
    for index in range(anchor - 1, -1, -1):
        agos[index] = agos[index + 1] + r(*GAPS.get(states[index + 1], (1, 3)))
    for index in range(anchor + 1, len(states)):
        agos[index] = max(1, min(agos[index - 1] - 1, agos[index - 1] - r(*GAPS.get(states[index], (1, 3)))))
    return [(state, agos[index]) for index, state in enumerate(states)]


def _hire_plan(kind: str, today: date, r) -> Plan:
    when, recorded, end_reason = HIRES[kind]
    start = when(today, r) if callable(when) else today - timedelta(days=r(*when))
    hire_ago = (today - start).days + r(2, 7)
    trial = None
    steps = UP_TO['intake'] + [S.HIRED]
    agos = [hire_ago]
    if r(0, 1):
        trial = (add_months(start, -2), start - timedelta(days=1))
        steps = UP_TO['trial'] + [S.HIRED]
        agos = [(today - trial[0]).days, hire_ago]
    plan = chain(r, steps[:-len(agos)], len(steps) - len(agos) - 1, agos[0] + r(7, 14))
    plan += list(zip(steps[-len(agos):], agos, strict=True))
    follow_ups = {}
    for month, employed in recorded.items():
        since = (today - add_months(start, month)).days
        follow_ups[month] = (employed, max(1, since - r(0, 6)))
    if end_reason is not None:
        plan.append((S.ENDED, max(1, min(ago for _, ago in follow_ups.values()) - r(1, 4))))
    return Plan(kind, plan, needs=ANY_NEED if end_reason else frozenset({P.PUBLISHED, P.FILLED}), job_start=start,
                trial=trial, follow_ups=follow_ups, end_reason=end_reason)


def plan_story(kind: str, index: int, today: date, r) -> Plan:
    """The dates of one story; `index` counts the stories of the same kind in the region."""
    if kind in HIRES:
        return _hire_plan(kind, today, r)
    if kind == 'draft':
        return Plan(kind, [(S.DRAFT, r(1, 9))], OPEN_NEEDS)
    if kind in ('sent', 'sent_demo_employer', 'sent_late'):
        sent = {'sent': (1, 7), 'sent_demo_employer': (2, 6), 'sent_late': (15, 25)}[kind]
        ago = 21 if kind == 'sent_late' and index == 0 else r(*sent)
        return Plan(kind, chain(r, UP_TO['sent'], 1, ago), OPEN_NEEDS, demo_employer=kind == 'sent_demo_employer')
    if kind in ('interested', 'introduced', 'intake'):
        sent = {'interested': (8, 20), 'introduced': (16, 30), 'intake': (28, 45)}[kind]
        return Plan(kind, chain(r, UP_TO[kind], 1, r(*sent)), OPEN_NEEDS)
    if kind == 'trial':
        plan = Plan(kind, chain(r, UP_TO['trial'], 5, r(7, 50)), OPEN_NEEDS)
        starts = today - timedelta(days=plan.steps[-1][1])
        plan.trial = (starts, add_months(starts, 2))
        return plan
    if kind == 'declined':
        return Plan(kind, chain(r, [S.DRAFT, S.SENT, S.DECLINED], 1, r(10, 150)), weak=True)
    if kind == 'withdrawn':
        states = [UP_TO['draft'], UP_TO['sent'], UP_TO['interested']][index % 3] + [S.WITHDRAWN]
        return Plan(kind, chain(r, states, len(states) - 2, r(8, 40)), OPEN_NEEDS)
    if kind == 'ended_intro':
        return Plan(kind, chain(r, UP_TO['introduced'] + [S.ENDED], 3, r(25, 100)),
                    end_reason=EndReason.INTRODUCTION_NOT_CONTINUED)
    if kind == 'ended_withdrew':
        return Plan(kind, chain(r, UP_TO['intake'] + [S.ENDED], 4, r(20, 90)),
                    end_reason=EndReason.CANDIDATE_WITHDREW)
    if kind == 'ended_trial':
        starts_ago = r(100, 230)
        starts = today - timedelta(days=starts_ago)
        ends = add_months(starts, 2)
        steps = chain(r, UP_TO['trial'], 5, starts_ago) + [(S.ENDED, (today - ends).days)]
        return Plan(kind, steps, trial=(starts, ends), end_reason=EndReason.TRIAL_NOT_CONTINUED)
    raise ValueError(f'no demo story called {kind!r}')


# Needs -------------------------------------------------------------------------------------------------

def past_needs(caseload: 'Caseload') -> int:
    """The long-filled needs of data.PAST_NEEDS in this region, reviewed and filled as the demand seeder does it.

    Their 'need.create' row is left out: the demand seeder's test counts one per demo posting of its own.
    """
    organisations = {o.kvk_number: o for o in db.session.scalars(
        select(Organisation).where(Organisation.region_id == caseload.region.id))}
    existing = {(o, t) for o, t in db.session.execute(select(StaffingNeed.organisation_id, StaffingNeed.title))}
    reviewer = User.by_email(demo_demand.REVIEWERS.get(caseload.region.slug, ''))
    lookups = demo_demand.Lookups(organisations=organisations, occupations={}, skills={}, municipalities={},
                                  reviewers={caseload.region.id: reviewer}, now=caseload.now)
    made = 0
    for spec in data.PAST_NEEDS:
        organisation = organisations.get(spec['kvk'])
        if organisation is None or (organisation.id, spec['title']) in existing:
            continue
        owner = organisation.owner
        when = caseload.now - timedelta(days=spec['age'] + 3)
        published = (caseload.now - timedelta(days=spec['age']) + demo_demand.DECIDED_AFTER).date()
        need = StaffingNeed(
            organisation=organisation, region_id=organisation.region_id, created_by=owner, title=spec['title'],
            occupation=caseload.occupations[spec['occupation']], positions=spec['positions'],
            hours_min=spec['hours'][0], hours_max=spec['hours'][1], contract_type=ContractType(spec['contract']),
            municipality=organisation.municipality, language_level=LanguageLevel(spec['language']),
            day_parts=[demo_demand.DAY_PARTS[code].value for code in spec['days']], horizon=Horizon(spec['horizon']),
            ends_on=add_months(published, 12), state=P.DRAFT, created_at=when, updated_at=when,
            **{demo_demand.OPENNESS[code]: True for code in spec['open']})
        need.skill_links = [NeedSkill(skill=caseload.skills[label], is_required=True) for label in spec['skills']] + \
            [NeedSkill(skill=caseload.skills[label], is_required=False) for label in spec['wished']]
        db.session.add(need)
        db.session.flush()
        demo_demand._moderate(need, spec, owner, lookups)  # the same review history as every demo posting
        made += 1
    return made


def windows(caseload: 'Caseload') -> list[Window]:
    """Every need of the region that took proposals, with the time it did."""
    needs = list(db.session.scalars(select(StaffingNeed).where(
        StaffingNeed.region_id == caseload.region.id, StaffingNeed.state.in_(ANY_NEED),
        StaffingNeed.published_at.is_not(None)).order_by(StaffingNeed.id)))
    filled = dict(db.session.execute(select(AuditEvent.object_id, AuditEvent.occurred_at).where(
        AuditEvent.action == 'need.fill', AuditEvent.region_id == caseload.region.id)).all())
    found = []
    for need in needs:
        if need.state == P.PUBLISHED:
            closes = caseload.now
        elif need.state == P.FILLED:
            closes = filled.get(str(need.id), need.updated_at)
        else:
            closes = caseload.moment(need.ends_on, 23)
        found.append(Window(need, need.published_at, closes, need_profile(need)))
    return found


# Choosing who is proposed ------------------------------------------------------------------------------

def ranked(caseload: 'Caseload', window: Window, profiles: dict[int, Any], free: list[Candidate],
           day: date) -> list[Candidate]:
    """The free candidates the rules do not rule out for the need on `day`, best first.

    Availability is left out of the hard conditions here: a story of a year ago moves the person's
    'available from' back to that time before the proposal is scored for real.
    """
    weights = region_weights(caseload.region.id)
    scored = []
    for candidate in free:
        profile = dataclasses.replace(profiles[candidate.id], available_from=min(candidate.available_from, day))
        match = score_pair(profile, window.profile, weights, today=day)
        if not match.is_excluded:
            scored.append((-match.total_tenths, candidate.id, candidate))
    return [candidate for *_, candidate in sorted(scored)]


@dataclass
class Telling:
    """What every story of one region draws on: the needs' windows, the pool's profiles, who is still free."""

    teller: Teller
    windows: list[Window]
    profiles: dict[int, Any]
    free: list[Candidate]
    past_needs: int


def prepare(caseload: 'Caseload', pool: list[Candidate]) -> Telling:
    made_needs = past_needs(caseload)  # first: the windows include them
    points = PostcodeArea.points(candidate.postcode_area for candidate in pool)
    profiles = {candidate.id: candidate_profile(candidate, points) for candidate in pool}
    return Telling(Teller(caseload), windows(caseload), profiles, list(pool), made_needs)


def tell_stories(caseload: 'Caseload', telling: Telling) -> int:
    """Every story of data.STORIES in the region: returns how many proposals were made."""
    told = 0
    for kind, count in data.STORIES[caseload.region.slug]:
        for index in range(count):
            # a region whose needs are all young cannot hold every draw of dates: draw again
            for _ in range(ATTEMPTS):
                plan = plan_story(kind, index, caseload.today, caseload.rng.randint)
                if _tell(caseload, telling, plan):
                    told += 1
                    break
    return told


def _tell(caseload: 'Caseload', telling: Telling, plan: Plan) -> bool:
    rng, free = caseload.rng, telling.free
    drafted = caseload.days_ago(plan.steps[0][1])
    fitting = [w for w in telling.windows if w.need.state in plan.needs and w.took_proposals_all_day(drafted)
               and (not plan.demo_employer or w.need.organisation.kvk_number == data.DEMO_EMPLOYER_KVK)]
    rng.shuffle(fitting)
    for window in fitting:
        candidates = ranked(caseload, window, telling.profiles, free, drafted)
        candidates = (candidates[3:15] or candidates) if plan.weak else candidates[:6]
        rng.shuffle(candidates)
        for candidate in candidates:
            back_date(caseload, candidate, drafted)
            match = score(candidate, window.need, drafted)
            if match.is_excluded:
                continue
            free.remove(candidate)
            telling.teller.tell(plan, window.need, candidate, match)
            return True
    return False


def back_date(caseload: 'Caseload', candidate: Candidate, day: date) -> None:
    """A person proposed on `day` was in the caseload and available by then."""
    rng = caseload.rng
    if candidate.available_from > day + timedelta(days=14):
        candidate.available_from = day - timedelta(days=rng.randint(0, 20))
    if candidate.created_at.date() > day - timedelta(days=14):
        created = day - timedelta(days=rng.randint(14, 120))
        candidate.created_at = candidate.updated_at = caseload.moment(created)
        for consent in candidate.consents:
            consent.given_on, consent.recorded_at = created, candidate.created_at
