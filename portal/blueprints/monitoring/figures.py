"""Outcome figures from one fact row per proposal, with small groups suppressed. Pure: no Flask, no database.

The unit is the proposal (a job seeker proposed twice counts twice), but whether a figure may
be shown depends on the PEOPLE behind it: a cell about fewer than `min_group` different job
seekers is suppressed, and so is any shown cell from which it could be worked back by
subtraction (complementary suppression). Percentages come only from cells that are shown.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

#: the steps of the funnel; trial placement is optional, so hired counts from intake
STEPS = ('sent', 'interested', 'introduced', 'intake', 'trial', 'hired')
PREVIOUS = {'interested': 'sent', 'introduced': 'interested', 'intake': 'introduced', 'trial': 'intake',
            'hired': 'intake'}
#: a step reached implies the steps before it (the state machine has no other way there)
IMPLIES = {'interested': (), 'introduced': ('interested',), 'intake': ('introduced', 'interested'),
           'trial': ('intake', 'introduced', 'interested'), 'hired': ('intake', 'introduced', 'interested')}
#: months after the job started at which the follow-up asks "still employed?"
FOLLOW_UP_MONTHS = (3, 6, 12)
ONE_DECIMAL = Decimal('0.1')


@dataclass(frozen=True)
class Facts:
    """What one sent proposal contributes; nothing in it names the person."""

    proposal_id: int
    candidate_id: int
    municipality_id: int | None = None
    sector: str | None = None
    accountmanager_id: int | None = None
    target_groups: tuple[str, ...] = ()
    #: steps of STEPS after 'sent' that the proposal reached, even if it ended later
    reached: frozenset[str] = frozenset()
    #: follow-up months whose date has come (for hires only)
    due: frozenset[int] = frozenset()
    #: follow-up months recorded as still employed
    employed: frozenset[int] = frozenset()
    #: days from sending the proposal to the first day of the job
    days_to_start: int | None = None
    is_ended: bool = False
    returned_to_benefits: bool = False
    is_declined: bool = False
    decline_reason: str | None = None


def reached_steps(states: Iterable[str]) -> frozenset[str]:
    """The funnel steps a proposal reached, given the states it was ever in (events, current state, columns)."""
    reached = set()
    for state in states:
        if state in IMPLIES:
            reached.add(state)
            reached.update(IMPLIES[state])
    return frozenset(reached)


@dataclass
class Cell:
    """A count of proposals, the different people behind it, and whether it may be shown."""

    value: int
    #: the candidate ids behind the count (never shown, not even in a repr; they decide suppression)
    members: frozenset[int] = field(repr=False)
    suppressed: bool = False

    @classmethod
    def of(cls, facts: list[Facts], min_group: int) -> 'Cell':
        members = frozenset(fact.candidate_id for fact in facts)
        return cls(len(facts), members, len(members) < min_group)

    @property
    def people(self) -> int:
        return len(self.members)

    @property
    def shown(self) -> int | None:
        return None if self.suppressed else self.value


def share(part: Cell, base: Cell) -> Decimal | None:
    """`part` as a percentage of `base` (one decimal), only when both are shown and the base is not empty."""
    if part.suppressed or base.suppressed or base.value == 0:
        return None
    return (Decimal(100 * part.value) / base.value).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def people_in(cells: Iterable[Cell]) -> int:
    """How many different people the cells are about together (one person may sit in several)."""
    return len(frozenset().union(*(cell.members for cell in cells)))


def protect(parts: list[Cell], total: Cell | None, min_group: int) -> None:
    """Complementary suppression: the shown total minus the shown parts must not give away a suppressed part.

    While the suppressed parts are a single cell, or are together about fewer than `min_group`
    PEOPLE (however many proposals they hold), the smallest shown part is suppressed too; the
    total minus the shown parts is then a sum over enough people.
    """
    if total is None or total.suppressed:
        return
    while True:
        hidden = [cell for cell in parts if cell.suppressed]
        if not hidden or (len(hidden) > 1 and people_in(hidden) >= min_group):
            return
        visible = [cell for cell in parts if not cell.suppressed]
        if not visible:
            return
        min(visible, key=lambda cell: (cell.people, cell.value)).suppressed = True


def hide_if_complement_small(cell: Cell, complement: Cell) -> None:
    """`cell` is part of a shown whole whose other part is `complement` (the whole minus `cell`): when that
    complement is about too few people, showing `cell` would give it away by subtraction."""
    if complement.suppressed:
        cell.suppressed = True


@dataclass
class Figures:
    """Every figure of one group of proposals."""

    steps: dict[str, Cell]
    #: per follow-up month: hires whose follow-up is due, and of them those still employed
    due: dict[int, Cell]
    employed: dict[int, Cell]
    #: median days from sending to the start of the job, over hires with a start date
    median_days: Decimal | None
    ended: Cell
    returned: Cell
    declined: Cell
    declines: dict[str, Cell] = field(default_factory=dict)

    def conversion(self, step: str) -> Decimal | None:
        """The share of the previous step that reached this one."""
        return share(self.steps[step], self.steps[PREVIOUS[step]]) if step in PREVIOUS else None

    def retention(self, month: int) -> Decimal | None:
        """Of the hires whose follow-up at `month` is due, the share recorded as still employed."""
        return share(self.employed[month], self.due[month])

    @property
    def return_to_benefits(self) -> Decimal | None:
        return share(self.returned, self.ended)

    @property
    def hire_rate(self) -> Decimal | None:
        return share(self.steps['hired'], self.steps['sent'])


def figures(facts: list[Facts], min_group: int, decline_reasons: Iterable[str] = ()) -> Figures:
    """The figures of `facts`, each cell suppressed when fewer than `min_group` people are behind it."""
    def cell(selected: Iterable[Facts]) -> Cell:
        return Cell.of(list(selected), min_group)

    steps = {'sent': cell(facts)}
    steps.update({step: cell(f for f in facts if step in f.reached) for step in STEPS[1:]})
    hires = [f for f in facts if 'hired' in f.reached]
    timed = [f for f in hires if f.days_to_start is not None]
    median_days = None
    if len({f.candidate_id for f in timed}) >= min_group:
        median_days = Decimal(str(median(f.days_to_start for f in timed))).quantize(ONE_DECIMAL, ROUND_HALF_UP)
    declined = [f for f in facts if f.is_declined]
    result = Figures(
        steps=steps,
        due={month: cell(f for f in hires if month in f.due) for month in FOLLOW_UP_MONTHS},
        employed={month: cell(f for f in hires if month in f.due and month in f.employed)
                  for month in FOLLOW_UP_MONTHS},
        median_days=median_days,
        ended=cell(f for f in facts if f.is_ended),
        returned=cell(f for f in facts if f.is_ended and f.returned_to_benefits),
        declined=cell(declined),
        declines={reason: cell(f for f in declined if f.decline_reason == reason) for reason in decline_reasons},
    )
    # "not employed at m months" is due − employed and "did not go back to benefits" is ended − returned:
    # neither is shown, but both could be worked out, so each must be about enough people too
    for month in FOLLOW_UP_MONTHS:
        hide_if_complement_small(result.employed[month],
                                 cell(f for f in hires if month in f.due and month not in f.employed))
    hide_if_complement_small(result.returned, cell(f for f in facts if f.is_ended and not f.returned_to_benefits))
    protect(list(result.declines.values()), result.declined, min_group)
    return result


@dataclass
class GroupRow:
    """One row of a breakdown: a group's figures, or the small groups taken together (`is_rest`)."""

    key: Hashable | None
    figures: Figures
    #: how many groups the row holds (more than one only for the row of small groups)
    groups: int = 1
    is_rest: bool = False


#: the count columns of a breakdown table; each is protected against subtraction from the overall figure
BREAKDOWN_STEPS = STEPS


def breakdown(facts: list[Facts], keys: Callable[[Facts], Iterable[Hashable]], overall: Figures, min_group: int,
              decline_reasons: Iterable[str] = ()) -> list[GroupRow]:
    """The figures per group (a proposal may sit in several groups, or in none).

    A group of fewer than `min_group` people is not shown on its own: the small groups are
    taken together in one row, and while that row is itself too small the smallest shown group
    joins it. Then every count column is protected against the overall figure, so no hidden
    cell can be found by subtracting the shown rows from the total.
    """
    members: dict[Hashable, list[Facts]] = {}
    for fact in facts:
        for key in keys(fact):
            members.setdefault(key, []).append(fact)

    def people(group: list[Facts]) -> int:
        return len({f.candidate_id for f in group})

    large = {key: group for key, group in members.items() if people(group) >= min_group}
    rest_keys = [key for key in members if key not in large]
    while rest_keys and large and people(_union(members, rest_keys)) < min_group:
        smallest = min(large, key=lambda key: (people(large[key]), len(large[key]), str(key)))
        del large[smallest]
        rest_keys.append(smallest)
    rows = [GroupRow(key, figures(group, min_group, decline_reasons)) for key, group in large.items()]
    rest = _union(members, rest_keys)
    if rest_keys and people(rest) >= min_group:
        rows.append(GroupRow(None, figures(rest, min_group, decline_reasons), groups=len(rest_keys), is_rest=True))
    for step in BREAKDOWN_STEPS:
        protect([row.figures.steps[step] for row in rows], overall.steps[step], min_group)
    return rows


def _union(members: dict[Hashable, list[Facts]], keys: list[Hashable]) -> list[Facts]:
    seen: dict[int, Facts] = {}
    for key in keys:
        for fact in members[key]:
            seen.setdefault(fact.proposal_id, fact)
    return list(seen.values())
