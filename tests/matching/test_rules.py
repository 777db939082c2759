"""The matching rules one pair at a time: each hard condition, each part with its numbers worked out by hand.

The default pair below passes every condition and scores (default weights 35/15/10/10/10/10/10):
skills 35 (its one required skill at a good level), experience 11.3 (2 years in the same occupation:
15 × 3/4 = 11.25, rounded half up), language 10, hours 10, distance 10 (same postcode area), start 10,
openness 10 (a trial placement is the one instrument that helps this person, and it is offered).
"""

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest

from portal.matching import DEFAULT_WEIGHTS, RULES_VERSION, CandidateProfile, NeedProfile, Weights, score_pair
from portal.matching.geo import EARTH_RADIUS_KM
from portal.matching.profiles import CANDIDATE_SIDE, EMPLOYER_SIDE
from portal.matching.rules import (
    AVAILABILITY,
    DAY_PARTS,
    DISTANCE,
    HOURS,
    NO_CONSENT,
    SUPPORT,
    part_time_floor,
    tenths,
)

TODAY = date(2026, 11, 23)
HERE = (52.5, 6.3)


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    """A point `km` due north: along a meridian the great-circle distance is the latitude difference."""
    return point[0] + math.degrees(km / EARTH_RADIUS_KM), point[1]


def candidate(**changes) -> CandidateProfile:
    profile = CandidateProfile(
        id=1, point=HERE, hours_min=16, hours_max=32, max_travel_km=10, available_from=TODAY,
        day_parts=frozenset({'weekday_morning'}), support_needs=frozenset(), skills={1: 2, 2: 1},
        experience={'5223': 2}, dutch_rank=4, education_rank=3, target_groups=frozenset({'participatiewet'}),
        loonwaarde=None, has_consent=True)
    return replace(profile, **changes)


def need(**changes) -> NeedProfile:
    profile = NeedProfile(
        id=10, point=HERE, hours_min=24, hours_max=32, openness=frozenset({'trial_placement'}),
        day_parts=frozenset({'weekday_morning'}), start_on=TODAY, ends_on=TODAY + timedelta(days=60),
        required_skills=frozenset({1}), wished_skills=frozenset(), isco_code='5223', required_dutch_rank=3)
    return replace(profile, **changes)


def score(c: CandidateProfile | None = None, n: NeedProfile | None = None, weights: Weights = DEFAULT_WEIGHTS):
    return score_pair(c or candidate(), n or need(), weights, today=TODAY)


def part(match, name: str):
    return next(p for p in match.parts if p.name == name)


def tenths_of(match) -> dict[str, int]:
    return {p.name: p.tenths for p in match.parts}


# The default pair ------------------------------------------------------------------------------

def test_the_default_pair_scores_as_worked_out_by_hand():
    match = score()
    assert match.excluded == ()
    assert not match.is_excluded
    assert tenths_of(match) == {'skills': 350, 'experience': 113, 'language': 100, 'hours': 100, 'distance': 100,
                                'start': 100, 'openness': 100}
    assert match.total_tenths == 963
    assert match.total == 96.3
    assert (match.candidate_id, match.need_id) == (1, 10)


def test_the_parts_add_up_to_the_total_and_the_two_sides():
    match = score(candidate(skills={1: 1}, experience={}, dutch_rank=2, hours_max=20),
                  need(openness=frozenset({'part_time'})))
    assert tenths_of(match) == {'skills': 245, 'experience': 0, 'language': 50, 'hours': 83, 'distance': 100,
                                'start': 100, 'openness': 0}
    assert match.total_tenths == sum(p.tenths for p in match.parts) == 578
    assert match.side_total(EMPLOYER_SIDE) == 29.5  # skills 24.5 + experience 0 + language 5
    assert match.side_total(CANDIDATE_SIDE) == 28.3  # hours 8.3 + distance 10 + start 10 + openness 0
    assert match.side_total(EMPLOYER_SIDE) + match.side_total(CANDIDATE_SIDE) == pytest.approx(match.total)


def test_each_part_earns_at_most_its_weight_in_the_order_of_the_weights():
    match = score()
    assert [p.name for p in match.parts] == list(Weights.PARTS)
    assert [p.max_points for p in match.parts] == [35, 15, 10, 10, 10, 10, 10]
    assert all(0 <= p.tenths <= 10 * p.max_points for p in match.parts)


def test_as_json_is_what_a_proposal_stores():
    stored = score().as_json()
    assert stored[0] == {'name': 'skills', 'points': 35.0, 'max': 35,
                         'facts': {'matched': [1], 'missing_required': [], 'missing_wished': []}}
    assert stored[1] == {'name': 'experience', 'points': 11.3, 'max': 15, 'facts': {'match': 'occupation', 'years': 2}}
    assert [item['name'] for item in stored] == list(Weights.PARTS)


def test_the_rules_have_a_version_that_proposals_store():
    assert RULES_VERSION == '2026.11-2'


# Hard conditions ---------------------------------------------------------------------------------

def test_without_consent_to_be_proposed_the_pair_is_ruled_out():
    assert score(candidate(has_consent=False)).excluded == (NO_CONSENT,)


@pytest.mark.parametrize(('hours_min', 'hours_max', 'openness', 'excluded'), [
    (16, 24, frozenset(), False),  # reaches the need's 24 hours exactly
    (16, 23, frozenset(), True),  # one hour short, and the employer is not open to part-time
    (8, 12, frozenset({'part_time'}), False),  # open to part-time: half of 24 hours is enough
    (8, 11, frozenset({'part_time'}), True),
    (32, 40, frozenset(), False),  # wants at least the need's 32 hours at most
    (33, 40, frozenset({'part_time'}), True),  # wants more hours than the work has
])
def test_hours_rule_a_pair_out_at_both_ends(hours_min, hours_max, openness, excluded):
    match = score(candidate(hours_min=hours_min, hours_max=hours_max), need(openness=openness))
    assert (HOURS in match.excluded) is excluded


def test_part_time_halves_the_minimum_rounding_up():
    assert part_time_floor(need(hours_min=25, openness=frozenset({'part_time'}))) == 13
    assert part_time_floor(need(hours_min=25)) == 25
    assert HOURS in score(candidate(hours_min=8, hours_max=12), need(hours_min=25, openness=frozenset({'part_time'}))
                          ).excluded
    assert score(candidate(hours_min=8, hours_max=13), need(hours_min=25, openness=frozenset({'part_time'}))
                 ).excluded == ()


@pytest.mark.parametrize(('km', 'max_km', 'excluded'), [
    (10.0, 10, False),  # exactly the most the person travels
    (10.1, 10, True),
    (3.0, 3, False),
    (4.0, 3, True),  # nearby, yet further than this person can go
    (0.0, 0, False),  # same postcode area for someone who cannot travel
])
def test_distance_beyond_the_persons_reach_rules_a_pair_out(km, max_km, excluded):
    match = score(candidate(point=north_of(HERE, km), max_travel_km=max_km))
    assert part(match, 'distance').facts == {'km': km, 'max_km': max_km}
    assert (DISTANCE in match.excluded) is excluded


def test_an_unknown_place_rules_nothing_out_and_earns_half_the_distance_points():
    for match in (score(candidate(point=None, max_travel_km=0)), score(n=need(point=None))):
        assert match.excluded == ()
        assert part(match, 'distance').tenths == 50
        assert part(match, 'distance').facts['km'] is None


@pytest.mark.parametrize(('candidate_parts', 'need_parts', 'excluded'), [
    ({'weekday_morning', 'weekend'}, {'weekend', 'night'}, False),  # one day part in common is enough
    ({'weekday_morning'}, {'weekend'}, True),
    ({'weekday_morning'}, set(), False),  # a need without day parts: any time
    (set(), {'weekend'}, True),  # a person without day parts fits no need that has them
    (set(), set(), False),
])
def test_day_parts_need_one_in_common(candidate_parts, need_parts, excluded):
    match = score(candidate(day_parts=frozenset(candidate_parts)), need(day_parts=frozenset(need_parts)))
    assert (DAY_PARTS in match.excluded) is excluded


def test_available_after_the_need_ends_rules_a_pair_out():
    ends = need().ends_on
    assert AVAILABILITY not in score(candidate(available_from=ends)).excluded
    assert score(candidate(available_from=ends + timedelta(days=1))).excluded == (AVAILABILITY,)


@pytest.mark.parametrize(('support', 'openness', 'excluded'), [
    ({'job_coach'}, {'trial_placement'}, True),
    ({'job_coach'}, {'job_coach'}, False),
    ({'job_coach', 'adapted_work'}, {'job_coach'}, True),  # every support the person needs must be offered
    ({'part_time'}, {'part_time', 'adapted_work'}, False),
    (set(), set(), False),
])
def test_support_the_person_cannot_do_without_must_be_offered(support, openness, excluded):
    match = score(candidate(support_needs=frozenset(support)), need(openness=frozenset(openness)))
    assert (SUPPORT in match.excluded) is excluded


def test_every_condition_is_reported_in_a_fixed_order_and_the_pair_still_explains_itself():
    match = score(candidate(has_consent=False, hours_min=40, hours_max=40, point=north_of(HERE, 30),
                            day_parts=frozenset({'night'}), available_from=TODAY + timedelta(days=365),
                            support_needs=frozenset({'adapted_work'})))
    assert match.excluded == (NO_CONSENT, HOURS, DISTANCE, DAY_PARTS, AVAILABILITY, SUPPORT)
    assert match.is_excluded
    assert len(match.parts) == 7
    assert part(match, 'skills').tenths == 350


# Soft parts ----------------------------------------------------------------------------------------

def test_skills_weigh_required_ones_by_level_and_wished_ones_by_count():
    # required 1 (basic, 0.7), 2 (expert, 1.0), 3 (missing): 1.7 of 3; wished 4 (yes), 5 (no): 1 of 2
    # 3/4 × 1.7/3 + 1/4 × 1/2 = 0.55, and 35 × 0.55 = 19.25 points: 192.5 tenths, rounded half up to 193
    match = score(candidate(skills={1: 1, 2: 3, 4: 2}),
                  need(required_skills=frozenset({1, 2, 3}), wished_skills=frozenset({4, 5})))
    skills = part(match, 'skills')
    assert skills.tenths == 193
    assert skills.facts == {'matched': [1, 2, 4], 'missing_required': [3], 'missing_wished': [5]}


@pytest.mark.parametrize(('skills', 'required', 'wished', 'expected'), [
    ({1: 1}, {1}, set(), 245),  # one basic required skill: 35 × 0.7
    ({1: 3}, {1}, set(), 350),
    ({}, {1, 2}, set(), 0),
    ({4: 1}, set(), {4, 5, 6}, 117),  # wished only, level does not matter: 350 / 3 = 116.7
    ({}, set(), set(), 350),  # a need that names no skills asks for none
    ({1: 2}, {1}, {1}, 350),  # a skill both required and wished counts on both sides
])
def test_the_skills_part(skills, required, wished, expected):
    match = score(candidate(skills=skills), need(required_skills=frozenset(required), wished_skills=frozenset(wished)))
    assert part(match, 'skills').tenths == expected


@pytest.mark.parametrize(('experience', 'expected', 'facts'), [
    ({'5223': 0}, 38, {'match': 'occupation', 'years': 0}),  # 15 × 1/4 = 3.75
    ({'5223': 1}, 75, {'match': 'occupation', 'years': 1}),  # 15 × 2/4
    ({'5223': 7}, 150, {'match': 'occupation', 'years': 7}),  # 3 years or more: all of it
    ({'5221': 3, '5222': 1}, 75, {'match': 'related', 'years': 3}),  # same minor group 522: half, 15 × 4/8
    ({'5221': 9, '5223': 1}, 75, {'match': 'occupation', 'years': 1}),  # the occupation itself comes first
    ({'9112': 10}, 0, {'match': 'none', 'years': 0}),
    ({}, 0, {'match': 'none', 'years': 0}),
])
def test_the_experience_part(experience, expected, facts):
    match = score(candidate(experience=experience))
    assert part(match, 'experience').tenths == expected
    assert part(match, 'experience').facts == facts


@pytest.mark.parametrize(('has', 'required', 'expected'), [(7, 4, 100), (3, 3, 100), (2, 3, 50), (1, 3, 0),
                                                            (0, 0, 100)])
def test_the_language_part(has, required, expected):
    match = score(candidate(dutch_rank=has), need(required_dutch_rank=required))
    assert part(match, 'language').tenths == expected
    assert part(match, 'language').facts == {'required': required, 'has': has}


def test_the_hours_part_is_the_share_of_the_minimum_the_person_can_work():
    match = score(candidate(hours_min=8, hours_max=20), need(openness=frozenset({'part_time'})))
    assert part(match, 'hours').tenths == 83  # 10 × 20/24 = 8.33
    assert part(match, 'hours').facts == {'can': 20, 'asked_min': 24, 'asked_max': 32}
    assert part(score(candidate(hours_max=40)), 'hours').tenths == 100


@pytest.mark.parametrize(('km', 'max_km', 'expected'), [
    (0.0, 10, 100), (5.0, 10, 100),  # within 5 km: everything
    (7.5, 10, 50),  # halfway from 5 km to the person's 10 km
    (8.3, 20, 78),  # 1 − 3.3/15 = 0.78
    (10.0, 10, 0),
    (4.0, 3, 100),  # nearby (but ruled out by the hard condition)
    (12.0, 10, 0),
])
def test_the_distance_part_falls_from_5_km_to_the_persons_maximum(km, max_km, expected):
    match = score(candidate(point=north_of(HERE, km), max_travel_km=max_km))
    assert part(match, 'distance').tenths == expected


@pytest.mark.parametrize(('start_on', 'available_in', 'late_days', 'expected'), [
    (TODAY + timedelta(days=10), 55, 45, 50),  # 45 of 90 days late
    (None, 30, 30, 67),  # no start date: from today; 10 × 60/90 = 6.67
    (TODAY - timedelta(days=20), 0, 0, 100),  # a start date in the past counts from today
    (TODAY, -30, 0, 100),  # available already
    (TODAY, 90, 90, 0),
    (TODAY, 120, 120, 0),
])
def test_the_start_part(start_on, available_in, late_days, expected):
    match = score(candidate(available_from=TODAY + timedelta(days=available_in)),
                  need(start_on=start_on, ends_on=TODAY + timedelta(days=365)))
    assert part(match, 'start').tenths == expected
    assert part(match, 'start').facts == {'late_days': late_days}


def test_the_openness_part_counts_the_instruments_that_help_this_person():
    # vmbo (learn-work places), loonwaarde 60 (wage subsidy), doelgroepregister (job coach), and a trial placement
    person = candidate(education_rank=1, loonwaarde=60, target_groups=frozenset({'doelgroepregister'}))
    match = score(person, need(openness=frozenset({'trial_placement', 'wage_subsidy', 'adapted_work'})))
    openness = part(match, 'openness')
    assert openness.tenths == 50
    assert openness.facts == {'offered': ['trial_placement', 'wage_subsidy'],
                              'not_offered': ['job_coach', 'learn_work']}


def test_a_loonwaarde_of_100_needs_no_wage_subsidy():
    match = score(candidate(loonwaarde=100), need(openness=frozenset({'wage_subsidy'})))
    assert part(match, 'openness').facts == {'offered': [], 'not_offered': ['trial_placement']}
    assert part(match, 'openness').tenths == 0


# Weights ------------------------------------------------------------------------------------------

def test_custom_weights_set_each_parts_maximum():
    weights = Weights(skills=50, experience=10, language=0, hours=10, distance=10, start=10, openness=10)
    match = score(weights=weights)
    assert [p.max_points for p in match.parts] == [50, 10, 0, 10, 10, 10, 10]
    assert tenths_of(match) == {'skills': 500, 'experience': 75, 'language': 0, 'hours': 100, 'distance': 100,
                                'start': 100, 'openness': 100}


@pytest.mark.parametrize('changes', [
    {'skills': 36},  # 101 together
    {'skills': 45, 'experience': -10},
    {'skills': 35.0},  # not a whole number
    {'skills': 34.5, 'experience': 15.5},
    {'language': True, 'hours': 19},
])
def test_weights_are_whole_numbers_of_at_least_0_that_add_up_to_100(changes):
    with pytest.raises(ValueError, match='add up to 100'):
        Weights(**changes)


def test_the_default_weights():
    assert Weights(35, 15, 10, 10, 10, 10, 10) == DEFAULT_WEIGHTS


@pytest.mark.parametrize(('weight', 'numerator', 'denominator', 'expected'), [
    (15, 3, 4, 113),  # 112.5: half up
    (1, 1, 4, 3),  # 2.5
    (10, 2, 3, 67),
    (10, 5, 4, 100),  # more than all of it is all of it
    (10, -1, 4, 0),
    (0, 1, 1, 0),
])
def test_tenths_are_exact_and_round_half_up(weight, numerator, denominator, expected):
    assert tenths(weight, numerator, denominator) == expected
