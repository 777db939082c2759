"""Demo proposals sent in the current calendar year, for `flask seed-demo` (data.YEAR_STORIES).

The monitoring page opens on 'this year so far': it counts the proposals SENT this calendar year and shows a
figure only when enough people are behind it, and behind its complement too (those no longer employed at a
check, those who did not go back to benefits). The stories of portal/core/demo_proposals.py are dated back
from today, so in spring little of them falls in the year; these are dated in the year itself.

Each story first draws how long its steps take, then the day it was sent: a day from 2 January to yesterday
on which one of the region's needs took proposals and that lets the story end before today, with as many of
its follow-up checks due as the calendar allows (the 3-month one from about June on, the 6-month one from
about September; the 12-month one never falls in the year the proposal was sent). A check is recorded on or
after its due day, every step on a later day than the one before. A story the year is still too young to
hold (in January, say) is told in the months before it, so the demo always has the same proposals.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from portal.blueprints.matching.profiles import score
from portal.core.dbtypes import add_months
from portal.core.demo_proposals import ANY_NEED, ATTEMPTS, Plan, Telling, Window, back_date, ranked
from portal.data import demo_caseload as data
from portal.models.matching import FOLLOW_UP_MONTHS, EndReason, ProposalState
from portal.models.moderation import PostingState

if TYPE_CHECKING:
    from portal.core.demo_caseload import Caseload

S = ProposalState
#: how each kind of story ends: None is still at work, every check recorded; the others left the job by the
#: 3-month check, which records them as no longer employed, and the proposal is ended a few days later
KINDS = {'year_employed': None, 'year_resigned': EndReason.RESIGNED, 'year_dismissed': EndReason.DISMISSED,
         'year_not_extended': EndReason.CONTRACT_NOT_EXTENDED}
#: the needs a story may be about: a hire that still holds was made on a need still open or filled since
HIRED_NEEDS = frozenset({PostingState.PUBLISHED, PostingState.FILLED})
#: how far back a story the year cannot hold yet may go
BEFORE_THE_YEAR = 240


@dataclass(frozen=True)
class Draws:
    """How many days each step of one story takes, drawn before its sent day is chosen."""

    draft: int
    #: sent → interested → introduced → intake
    gaps: tuple[int, int, int]
    #: intake → start of a one-month trial placement (None: hired without one)
    trial: int | None
    #: intake → hire (without a trial)
    hire: int
    #: hire → first day of the job
    start: int
    #: days after each check's due day that it was recorded
    lags: dict[int, int]
    #: the 3-month check → the proposal ended
    end: int


@dataclass(frozen=True)
class Dated:
    """One story on the calendar."""

    steps: list[tuple[ProposalState, date]]
    start: date
    trial: tuple[date, date] | None
    #: month → (still employed, the day it was recorded)
    recorded: dict[int, tuple[bool, date]]
    #: how many follow-up checks are due by today (recorded or not)
    due: int


def draw(r, trial: bool) -> Draws:
    return Draws(draft=r(1, 3), gaps=(r(1, 6), r(3, 6), r(5, 9)), trial=r(7, 12) if trial else None,
                 hire=r(7, 14), start=r(2, 7), lags={month: r(0, 6) for month in FOLLOW_UP_MONTHS}, end=r(1, 4))


def dated(kind: str, sent: date, draws: Draws, today: date) -> Dated | None:
    """The story sent on `sent`, or None when it would not be over before `today`."""
    interested = sent + timedelta(days=draws.gaps[0])
    introduced = interested + timedelta(days=draws.gaps[1])
    intake = introduced + timedelta(days=draws.gaps[2])
    steps = [(S.DRAFT, sent - timedelta(days=draws.draft)), (S.SENT, sent), (S.INTERESTED, interested),
             (S.INTRODUCED, introduced), (S.INTAKE, intake)]
    trial = None
    if draws.trial is None:
        hired = intake + timedelta(days=draws.hire)
        start = hired + timedelta(days=draws.start)
    else:
        starts = intake + timedelta(days=draws.trial)
        start = add_months(starts, 1)
        trial = (starts, start - timedelta(days=1))
        steps.append((S.TRIAL, starts))
        hired = start - timedelta(days=draws.start)
    steps.append((S.HIRED, hired))
    due = [month for month in FOLLOW_UP_MONTHS if add_months(start, month) <= today]
    if KINDS[kind] is None:
        recorded = {month: (True, add_months(start, month) + timedelta(days=draws.lags[month])) for month in due}
        last = max([start] + [day for _, day in recorded.values()])
    else:
        recorded = {3: (False, add_months(start, 3) + timedelta(days=draws.lags[3]))}
        last = recorded[3][1] + timedelta(days=draws.end)
        steps.append((S.ENDED, last))
    if last >= today:
        return None
    return Dated(steps, start, trial, recorded, len(due))


def plan(kind: str, story: Dated, today: date) -> Plan:
    """The story as demo_proposal_steps.Teller tells it: in days ago."""
    def ago(day: date) -> int:
        return (today - day).days

    return Plan(kind, [(state, ago(day)) for state, day in story.steps],
                needs=HIRED_NEEDS if KINDS[kind] is None else ANY_NEED, job_start=story.start, trial=story.trial,
                follow_ups={month: (employed, ago(day)) for month, (employed, day) in story.recorded.items()},
                end_reason=KINDS[kind])


def fits(window: Window, kind: str, drafted: date) -> bool:
    """The need took proposals all through the day the story's proposal was drafted."""
    needs = HIRED_NEEDS if KINDS[kind] is None else ANY_NEED
    return window.need.state in needs and window.took_proposals_all_day(drafted)


def tell_year_stories(caseload: 'Caseload', telling: Telling) -> int:
    """Every story of data.YEAR_STORIES in the region: returns how many proposals were made."""
    told = 0
    for kind, count in data.YEAR_STORIES.get(caseload.region.slug, []):
        for index in range(count):
            told += _tell(caseload, telling, kind, draw(caseload.rng.randint, trial=index % 2 == 0))
    return told


def _tell(caseload: 'Caseload', telling: Telling, kind: str, draws: Draws) -> bool:
    """Propose someone on the best days the calendar and the needs allow: in the year, with most checks due."""
    today = caseload.today
    new_year = date(today.year, 1, 1)
    in_year = [new_year + timedelta(days=n) for n in range(1, (today - new_year).days)]  # 2 January to yesterday
    before = [new_year - timedelta(days=n) for n in range(1, BEFORE_THE_YEAR)]
    for days in (in_year, before):
        options: dict[int, list[tuple[Window, Dated]]] = {}
        for sent in days:
            story = dated(kind, sent, draws, today)
            if story is not None:
                options.setdefault(story.due, []).extend(
                    (window, story) for window in telling.windows if fits(window, kind, story.steps[0][1]))
        for due in sorted(options, reverse=True):
            choices = options[due]
            caseload.rng.shuffle(choices)
            for window, story in choices[:ATTEMPTS]:
                if _propose(caseload, telling, window, plan(kind, story, today)):
                    return True
    return False


def _propose(caseload: 'Caseload', telling: Telling, window: Window, story: Plan) -> bool:
    drafted = caseload.days_ago(story.steps[0][1])
    candidates = ranked(caseload, window, telling.profiles, telling.free, drafted)[:6]
    caseload.rng.shuffle(candidates)
    for candidate in candidates:
        back_date(caseload, candidate, drafted)
        match = score(candidate, window.need, drafted)
        if not match.is_excluded:
            telling.free.remove(candidate)
            telling.teller.tell(story, window.need, candidate, match)
            return True
    return False
