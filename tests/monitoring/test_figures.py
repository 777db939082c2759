"""The pure figures: counts, shares, and suppression of small groups that cannot be undone by subtraction."""

from decimal import Decimal
from itertools import count

from portal.blueprints.monitoring.figures import (
    Cell,
    Facts,
    breakdown,
    figures,
    protect,
    reached_steps,
)

MIN = 5
_ids = count(1)


def fact(candidate_id: int | None = None, *, steps=(), **fields) -> Facts:
    proposal_id = next(_ids)
    return Facts(proposal_id=proposal_id, candidate_id=candidate_id or proposal_id,
                 reached=reached_steps(steps), **fields)


def many(n: int, **fields) -> list[Facts]:
    return [fact(**fields) for _ in range(n)]


def recoverable(parts: list[Cell], total: Cell) -> list[int]:
    """The hidden parts an outsider can work out: the total minus the shown parts, when one part is hidden,
    or when the hidden ones together are fewer than MIN (then each is at most that small sum)."""
    if total.suppressed:
        return []
    hidden = [cell for cell in parts if cell.suppressed]
    rest = total.value - sum(cell.value for cell in parts if not cell.suppressed)
    if len(hidden) == 1 or (hidden and rest < MIN):
        return [cell.value for cell in hidden]
    return []


def test_a_step_reached_implies_the_steps_before_it_but_not_the_optional_trial():
    assert reached_steps(['hired']) == {'interested', 'introduced', 'intake', 'hired'}
    assert reached_steps(['trial']) == {'interested', 'introduced', 'intake', 'trial'}
    assert reached_steps(['sent', 'declined', 'ended', 'withdrawn']) == set()


def test_a_cell_counts_proposals_but_is_suppressed_by_the_people_behind_it():
    same_three = [fact(candidate_id=c) for c in (101, 101, 102, 102, 103, 103)]
    cell = Cell.of(same_three, MIN)
    assert (cell.value, cell.people, cell.suppressed, cell.shown) == (6, 3, True, None)
    assert Cell.of(many(5), MIN).shown == 5


def test_zero_and_small_counts_are_suppressed_and_shares_need_both_sides_shown():
    result = figures(many(4, steps=['hired']) + many(8, steps=['intake']), MIN)
    assert result.steps['sent'].shown == 12
    assert result.steps['intake'].shown == 12
    assert result.steps['hired'].suppressed  # 4 people
    assert result.steps['trial'].suppressed  # 0 people
    assert result.conversion('intake') == Decimal('100.0')
    assert result.conversion('hired') is None
    assert result.hire_rate is None
    assert result.median_days is None


def test_conversion_retention_median_and_return_to_benefits():
    hires = (many(3, steps=['hired'], due=frozenset({3, 6}), employed=frozenset({3, 6}), days_to_start=10)
             + many(3, steps=['hired'], due=frozenset({3, 6}), employed=frozenset({3}), days_to_start=20)
             + many(2, steps=['hired'], due=frozenset({3}), employed=frozenset(), days_to_start=40,
                    is_ended=True, returned_to_benefits=True)
             + many(4, steps=['hired'], days_to_start=30))
    ended = many(6, steps=['introduced'], is_ended=True, returned_to_benefits=True) + \
        many(2, steps=['introduced'], is_ended=True)
    declined = many(7, is_declined=True, decline_reason='skills')
    result = figures(hires + ended + declined, MIN, ['skills', 'hours'])

    assert result.steps['sent'].shown == 27
    assert result.steps['interested'].shown == 20
    assert result.steps['hired'].shown == 12
    assert result.conversion('interested') == Decimal('74.1')  # 20 / 27
    assert result.conversion('hired') == Decimal('100.0')  # from the intake: 12 / 12
    # 8 hires have the 3-month follow-up due; 6 of them are still employed
    assert (result.due[3].shown, result.employed[3].shown, result.retention(3)) == (8, 6, Decimal('75.0'))
    assert result.due[6].shown == 6
    assert result.employed[6].suppressed
    assert result.retention(6) is None
    assert result.due[12].suppressed
    assert result.median_days == Decimal('25.0')  # 3 × 10, 3 × 20, 4 × 30, 2 × 40
    assert (result.ended.shown, result.returned.shown, result.return_to_benefits) == (10, 8, Decimal('80.0'))
    assert result.declined.shown == 7


def test_a_hidden_part_cannot_be_worked_out_from_the_total():
    parts = [Cell(8, 8), Cell(4, 4, True), Cell(0, 0, True)]
    total = Cell(12, 12)
    protect(parts, total, MIN)
    assert recoverable(parts, total) == []
    assert all(cell.suppressed for cell in parts)  # 4 + 0 is too small: the 8 is hidden too


def test_one_hidden_part_takes_the_smallest_shown_one_with_it():
    parts = [Cell(20, 20), Cell(9, 9), Cell(3, 3, True)]
    total = Cell(32, 32)
    protect(parts, total, MIN)
    assert [cell.suppressed for cell in parts] == [False, True, True]
    assert recoverable(parts, total) == []


def test_declines_by_reason_are_protected_against_the_total():
    facts = many(8, is_declined=True, decline_reason='skills') + many(3, is_declined=True, decline_reason='hours')
    result = figures(facts, MIN, ['skills', 'hours', 'location'])
    assert result.declined.shown == 11
    assert recoverable(list(result.declines.values()), result.declined) == []
    assert result.declines['skills'].suppressed


def test_small_groups_are_taken_together_and_the_rest_row_is_never_too_small():
    facts = (many(10, municipality_id=1) + many(7, municipality_id=2) + many(3, municipality_id=3))
    overall = figures(facts, MIN)
    rows = breakdown(facts, lambda f: [f.municipality_id], overall, MIN)
    # Dalfsen (3) alone would be too small for the rest row, so the next smallest (7) joins it
    assert [(row.key, row.is_rest, row.figures.steps['sent'].shown, row.groups) for row in rows] == \
        [(1, False, 10, 1), (None, True, 10, 2)]
    assert sum(row.figures.steps['sent'].value for row in rows) == overall.steps['sent'].value


def test_a_group_under_the_threshold_is_not_shown_on_its_own():
    facts = many(10, municipality_id=1) + many(9, municipality_id=2) + many(6, municipality_id=3) + \
        many(2, municipality_id=4)
    overall = figures(facts, MIN)
    rows = breakdown(facts, lambda f: [f.municipality_id], overall, MIN)
    assert 4 not in [row.key for row in rows]
    rest = next(row for row in rows if row.is_rest)
    assert rest.figures.steps['sent'].value == 8  # the 2 with the smallest shown group (6)


def test_breakdown_columns_are_protected_against_the_overall_figure():
    facts = (many(6, municipality_id=1, steps=['hired']) + many(4, municipality_id=1)
             + many(2, municipality_id=2, steps=['hired']) + many(8, municipality_id=2))
    overall = figures(facts, MIN)
    assert overall.steps['hired'].shown == 8
    rows = breakdown(facts, lambda f: [f.municipality_id], overall, MIN)
    hired = [row.figures.steps['hired'] for row in rows]
    # municipality 2 hired 2 (hidden); 8 − 6 would give it away, so municipality 1's 6 is hidden as well
    assert [cell.suppressed for cell in hired] == [True, True]
    assert recoverable(hired, overall.steps['hired']) == []
    # and so are the shares built on the hidden counts
    assert all(row.figures.hire_rate is None for row in rows)


def test_a_group_without_a_key_is_a_group_of_its_own_not_the_rest():
    facts = many(6, accountmanager_id=None) + many(7, accountmanager_id=3)
    overall = figures(facts, MIN)
    rows = breakdown(facts, lambda f: [f.accountmanager_id], overall, MIN)
    assert [(row.key, row.is_rest, row.figures.steps['sent'].shown) for row in rows] == [(None, False, 6),
                                                                                         (3, False, 7)]


def test_a_job_seeker_in_two_target_groups_counts_in_both():
    both = many(5, target_groups=('participatiewet', 'doelgroepregister'))
    facts = both + many(5, target_groups=('participatiewet',))
    overall = figures(facts, MIN)
    rows = breakdown(facts, lambda f: list(f.target_groups) or [''], overall, MIN)
    sent = {row.key: row.figures.steps['sent'].shown for row in rows}
    assert sent == {'participatiewet': 10, 'doelgroepregister': 5}
