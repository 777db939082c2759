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


def people(n: int) -> frozenset[int]:
    """`n` job seekers no other cell of the test is about."""
    return frozenset(next(_ids) + 10_000 for _ in range(n))


def recoverable(parts: list[Cell], total: Cell) -> list[int]:
    """The hidden parts an outsider can work out: the total minus the shown parts, when one part is hidden,
    or when the hidden ones together are about fewer than MIN people (a figure about that small a group)."""
    if total.suppressed:
        return []
    hidden = [cell for cell in parts if cell.suppressed]
    together = len(frozenset().union(*(cell.members for cell in hidden)))
    if len(hidden) == 1 or (hidden and together < MIN):
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
             + many(5, steps=['hired'], due=frozenset({3}), employed=frozenset(), days_to_start=40,
                    is_ended=True, returned_to_benefits=True)
             + many(4, steps=['hired'], days_to_start=30))
    ended = many(6, steps=['introduced'], is_ended=True, returned_to_benefits=True) + \
        many(5, steps=['introduced'], is_ended=True)
    declined = many(7, is_declined=True, decline_reason='skills')
    result = figures(hires + ended + declined, MIN, ['skills', 'hours'])

    assert result.steps['sent'].shown == 33
    assert result.steps['interested'].shown == 26
    assert result.steps['hired'].shown == 15
    assert result.conversion('interested') == Decimal('78.8')  # 26 / 33
    assert result.conversion('hired') == Decimal('100.0')  # from the intake: 15 / 15
    # 11 hires have the 3-month follow-up due; 6 of them are still employed, 5 are not
    assert (result.due[3].shown, result.employed[3].shown, result.retention(3)) == (11, 6, Decimal('54.5'))
    assert result.due[6].shown == 6
    assert result.employed[6].suppressed  # 3 people
    assert result.retention(6) is None
    assert result.due[12].suppressed
    assert result.median_days == Decimal('30.0')  # 3 × 10, 3 × 20, 4 × 30, 5 × 40
    assert (result.ended.shown, result.returned.shown, result.return_to_benefits) == (16, 11, Decimal('68.8'))
    assert result.declined.shown == 7


def test_a_hidden_part_cannot_be_worked_out_from_the_total():
    parts = [Cell(8, people(8)), Cell(4, people(4), True), Cell(0, people(0), True)]
    total = Cell(12, people(12))
    protect(parts, total, MIN)
    assert recoverable(parts, total) == []
    assert all(cell.suppressed for cell in parts)  # 4 + 0 is too small: the 8 is hidden too


def test_one_hidden_part_takes_the_smallest_shown_one_with_it():
    parts = [Cell(20, people(20)), Cell(9, people(9)), Cell(3, people(3), True)]
    total = Cell(32, people(32))
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


def test_hidden_parts_must_be_about_enough_people_not_just_enough_proposals():
    # two reasons of 2 and 1 people, each proposed twice: 6 proposals, but only 3 people
    twice = [fact(candidate_id=c, is_declined=True, decline_reason='hours') for c in (201, 201, 202, 202)]
    twice += [fact(candidate_id=203, is_declined=True, decline_reason='location') for _ in range(2)]
    facts = twice + many(9, is_declined=True, decline_reason='skills')
    result = figures(facts, MIN, ['skills', 'hours', 'location'])
    declines = result.declines
    assert (declines['hours'].value, declines['location'].value) == (4, 2)
    assert result.declined.shown == 15
    # 15 − 9 would tell that 3 people were declined for hours or distance: the 9 is hidden too
    assert declines['skills'].suppressed
    assert recoverable(list(declines.values()), result.declined) == []


def test_still_employed_is_hidden_when_those_not_employed_are_few():
    due = frozenset({3})
    hires = many(7, steps=['hired'], due=due, employed=due) + many(2, steps=['hired'], due=due)
    result = figures(hires, MIN)
    # 9 hires due and 7 still employed would say that 2 were not: the 7 and its share are hidden
    assert result.due[3].shown == 9
    assert result.employed[3].suppressed
    assert result.retention(3) is None
    enough = figures(many(7, steps=['hired'], due=due, employed=due) + many(5, steps=['hired'], due=due), MIN)
    assert (enough.employed[3].shown, enough.retention(3)) == (7, Decimal('58.3'))


def test_return_to_benefits_is_hidden_when_those_who_did_not_return_are_few():
    ended = many(6, steps=['introduced'], is_ended=True, returned_to_benefits=True) + \
        many(3, steps=['introduced'], is_ended=True)
    result = figures(ended, MIN)
    assert result.ended.shown == 9
    assert result.returned.suppressed  # 9 − 6 = 3 did not return
    assert result.return_to_benefits is None
    enough = figures(ended + many(2, steps=['introduced'], is_ended=True), MIN)
    assert (enough.returned.shown, enough.return_to_benefits) == (6, Decimal('54.5'))


def test_a_group_row_hides_its_retention_the_same_way():
    due = frozenset({3})
    facts = (many(8, municipality_id=1, steps=['hired'], due=due, employed=due)
             + many(1, municipality_id=1, steps=['hired'], due=due)
             + many(6, municipality_id=2, steps=['hired'], due=due, employed=due)
             + many(6, municipality_id=2, steps=['hired'], due=due))
    overall = figures(facts, MIN)
    rows = {row.key: row.figures for row in breakdown(facts, lambda f: [f.municipality_id], overall, MIN)}
    assert rows[1].retention(3) is None  # 8 of 9: the one who is not would be known
    assert rows[2].retention(3) == Decimal('50.0')
