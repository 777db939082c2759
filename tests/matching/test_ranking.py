"""The vectorised engine against `score_pair`: random profiles (Hypothesis) and hand-made rankings."""

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.matching import DEFAULT_WEIGHTS, CandidateProfile, NeedProfile, Weights, score_pair
from portal.matching.ranking import EXCLUDED, CandidatePool, rank, score_matrix, score_pool
from portal.matching.rules import EXCLUSIONS, part_time_floor
from tests.matching.test_rules import HERE, TODAY, candidate, need, north_of

DAY_PARTS = ('weekday_morning', 'weekday_afternoon', 'weekday_evening', 'night', 'weekend')
SUPPORT = ('job_coach', 'adapted_work', 'wage_subsidy', 'part_time')
OPENNESS = ('wage_subsidy', 'job_coach', 'trial_placement', 'learn_work', 'part_time', 'adapted_work')
ISCO = ('5223', '5221', '5230', '9112', '9111', '7411')
PLACES = ((52.5, 6.3), (52.51, 6.31), (51.8, 4.7), (52.0, 5.0))

PROPERTY = settings(max_examples=100, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def subsets(values) -> st.SearchStrategy[frozenset]:
    return st.frozensets(st.sampled_from(values))


@st.composite
def hours(draw) -> tuple[int, int]:
    low = draw(st.integers(1, 60))
    return low, draw(st.integers(low, 60))


@st.composite
def weights(draw) -> Weights:
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=6, max_size=6)))
    bounds = [0, *cuts, 100]
    return Weights(*(high - low for low, high in zip(bounds, bounds[1:], strict=False)))


@st.composite
def needs(draw) -> NeedProfile:
    low, high = draw(hours())
    start = draw(st.none() | st.integers(-30, 120).map(lambda days: TODAY + timedelta(days=days)))
    return NeedProfile(
        id=draw(st.integers(1, 1000)), point=draw(st.sampled_from((*PLACES, None))), hours_min=low, hours_max=high,
        openness=draw(subsets(OPENNESS)), day_parts=draw(subsets(DAY_PARTS)), start_on=start,
        ends_on=TODAY + timedelta(days=draw(st.integers(-10, 200))),
        required_skills=draw(st.frozensets(st.integers(1, 12), max_size=6)),
        wished_skills=draw(st.frozensets(st.integers(1, 12), max_size=5)),
        isco_code=draw(st.sampled_from((*ISCO, '2512'))), required_dutch_rank=draw(st.sampled_from((0, 2, 3, 4))))


@st.composite
def candidates(draw, the_need: NeedProfile | None, today: date, candidate_id: int) -> CandidateProfile:
    """A job seeker, often right on one of the need's boundaries: a distance of exactly 5 km or the person's
    maximum (or a tenth either side), the fewest or most hours allowed (or one beyond), the day the need
    ends, or a start exactly 0, 45 or 90 days late."""
    travel = draw(st.sampled_from((0, 3, 5, 6, 10, 25)) | st.integers(0, 60))
    places = [st.none(), st.sampled_from(PLACES)]
    low_high = [hours()]
    days = [st.integers(-100, 300).map(lambda d: TODAY + timedelta(days=d))]
    if the_need is not None:
        if the_need.point is not None:
            edges = st.sampled_from((0, 49, 50, 51, 10 * travel, 10 * travel + 1, 10 * travel - 1))
            places += [edge.map(lambda t: north_of(the_need.point, max(t, 0) / 10))
                       for edge in (edges, edges, st.integers(0, 700))]
        floor, most = part_time_floor(the_need), the_need.hours_max
        edges = sorted({h for h in (floor - 1, floor, the_need.hours_min - 1, the_need.hours_min, most, most + 1)
                        if 1 <= h <= 60})
        low_high.append(st.sampled_from(edges).flatmap(
            lambda h: st.sampled_from([(low, h) for low in (1, h)] + [(h, high) for high in (h, 60)])))
        wanted = max(the_need.start_on or today, today)
        days.append(st.sampled_from((the_need.ends_on, the_need.ends_on + timedelta(days=1), wanted,
                                     wanted + timedelta(days=45), wanted + timedelta(days=90),
                                     wanted + timedelta(days=91))))
    low, high = draw(st.one_of(low_high))
    return CandidateProfile(
        id=candidate_id, point=draw(st.one_of(places)), hours_min=low, hours_max=high, max_travel_km=travel,
        available_from=draw(st.one_of(days)), day_parts=draw(subsets(DAY_PARTS)),
        support_needs=draw(subsets(SUPPORT)),
        skills=draw(st.dictionaries(st.integers(1, 12), st.integers(1, 3), max_size=8)),
        experience=draw(st.dictionaries(st.sampled_from(ISCO), st.integers(0, 60), max_size=4)),
        dutch_rank=draw(st.integers(0, 7)), education_rank=draw(st.integers(0, 6)),
        target_groups=draw(subsets(('participatiewet', 'doelgroepregister', 'nugger'))),
        loonwaarde=draw(st.none() | st.integers(0, 100)), has_consent=draw(st.booleans()))


@st.composite
def cases(draw):
    the_need = draw(needs())
    today = TODAY + timedelta(days=draw(st.integers(-40, 40)))
    ids = draw(st.lists(st.integers(1, 10**6), min_size=0, max_size=25, unique=True))
    pool = [draw(candidates(the_need, today, candidate_id)) for candidate_id in ids]
    return the_need, pool, draw(weights()), today


@PROPERTY
@given(cases())
def test_the_vectorised_parts_and_exclusions_equal_score_pair_for_every_candidate(case):
    the_need, profiles, the_weights, today = case
    pool = CandidatePool.from_profiles(profiles)
    scores = score_pool(pool, the_need, the_weights, today=today)
    assert list(pool.ids) == sorted(p.id for p in profiles)
    for row, profile in enumerate(pool.profiles):
        match = score_pair(profile, the_need, the_weights, today=today)
        vectorised = {name: int(column[row]) for name, column in scores.parts.items()}
        assert {p.name: p.tenths for p in match.parts} == vectorised
        assert match.excluded == tuple(code for code in EXCLUSIONS if scores.excluded[code][row])
        assert int(scores.total[row]) == match.total_tenths


@PROPERTY
@given(cases(), st.integers(0, 30))
def test_rank_is_the_best_of_score_pair_in_order(case, limit):
    the_need, profiles, the_weights, today = case
    ranking = rank(CandidatePool.from_profiles(profiles), the_need, the_weights, today=today, limit=limit)
    every = [score_pair(p, the_need, the_weights, today=today) for p in profiles]
    eligible = sorted((m for m in every if not m.excluded), key=lambda m: (-m.total_tenths, m.candidate_id))
    assert list(ranking.matches) == eligible[:limit]
    assert ranking.eligible == len(eligible)
    assert ranking.pool_size == len(profiles)
    assert ranking.excluded_counts == {code: sum(code in m.excluded for m in every) for code in EXCLUSIONS}


@settings(PROPERTY, max_examples=40)  # the pairs themselves are checked above; here the rows and columns
@given(st.lists(needs(), max_size=4), st.lists(st.integers(1, 10**6), max_size=15, unique=True), st.data())
def test_score_matrix_holds_every_pairs_total_or_excluded(need_list, ids, data):
    profiles = [data.draw(candidates(data.draw(st.sampled_from(need_list)) if need_list else None, TODAY,
                                      candidate_id)) for candidate_id in ids]
    pool = CandidatePool.from_profiles(profiles)
    matrix = score_matrix(pool, need_list, DEFAULT_WEIGHTS, today=TODAY)
    assert matrix.totals.shape == (len(need_list), len(profiles))
    assert matrix.totals.dtype == np.int16
    for i, the_need in enumerate(need_list):
        for j, profile in enumerate(pool.profiles):
            match = score_pair(profile, the_need, DEFAULT_WEIGHTS, today=TODAY)
            assert matrix.totals[i, j] == (EXCLUDED if match.excluded else match.total_tenths)
    assert list(matrix.need_ids) == [n.id for n in need_list]
    assert list(matrix.candidate_ids) == sorted(ids)


# Hand-made rankings -----------------------------------------------------------------------------

def test_rank_orders_by_total_then_by_id_and_stops_at_the_limit():
    people = [
        candidate(id=7, experience={}),  # 85.0
        candidate(id=3),  # 96.3
        candidate(id=5, experience={}),  # 85.0, but a lower id than 7
        candidate(id=2, has_consent=False),  # ruled out
        candidate(id=9, experience={'5223': 5}),  # 100.0
        candidate(id=4, hours_min=40, hours_max=40, day_parts=frozenset({'night'})),  # ruled out twice
    ]
    pool = CandidatePool.from_profiles(people)
    ranking = rank(pool, need(), DEFAULT_WEIGHTS, today=TODAY, limit=3)
    assert [(m.candidate_id, m.total_tenths) for m in ranking.matches] == [(9, 1000), (3, 963), (5, 850)]
    assert ranking.pool_size == 6
    assert ranking.eligible == 4
    assert ranking.excluded_counts == {'no_consent': 1, 'hours': 1, 'distance': 0, 'day_parts': 1,
                                       'availability': 0, 'support': 0}
    assert ranking.need_id == 10
    assert [m.candidate_id for m in rank(pool, need(), DEFAULT_WEIGHTS, today=TODAY).matches] == [9, 3, 5, 7]


def test_rank_returns_the_very_matches_score_pair_makes():
    people = [candidate(id=1, skills={1: 1, 4: 2}), candidate(id=2, point=north_of(HERE, 7.5))]
    the_need = need(wished_skills=frozenset({4, 5}))
    ranking = rank(CandidatePool.from_profiles(people), the_need, DEFAULT_WEIGHTS, today=TODAY)
    assert list(ranking.matches) == [score_pair(p, the_need, DEFAULT_WEIGHTS, today=TODAY) for p in people]
    assert ranking.matches[0].parts[0].facts == {'matched': [1, 4], 'missing_required': [], 'missing_wished': [5]}


def test_an_empty_pool_and_a_limit_of_zero():
    empty = rank(CandidatePool.from_profiles([]), need(), DEFAULT_WEIGHTS, today=TODAY)
    assert (empty.matches, empty.pool_size, empty.eligible) == ((), 0, 0)
    assert set(empty.excluded_counts.values()) == {0}
    assert rank(CandidatePool.from_profiles([candidate()]), need(), DEFAULT_WEIGHTS, today=TODAY, limit=0).matches == ()
    assert score_matrix(CandidatePool.from_profiles([]), [need()], DEFAULT_WEIGHTS, today=TODAY).totals.shape == (1, 0)


def test_a_need_without_a_place_and_day_parts_unknown_to_the_pool():
    pool = CandidatePool.from_profiles([candidate(id=1), candidate(id=2, point=None)])
    scores = score_pool(pool, need(point=None, day_parts=frozenset({'night'})), DEFAULT_WEIGHTS, today=TODAY)
    assert list(scores.parts['distance']) == [50, 50]
    assert list(scores.excluded['day_parts']) == [True, True]


def test_a_distance_on_a_rounding_boundary_is_the_one_geo_rounds(monkeypatch):
    """NumPy's sine may differ from libm's in the last bit; near x.x5 km the exact function decides."""
    from portal.matching import ranking

    pool = CandidatePool.from_profiles([candidate(point=north_of(HERE, 7.45))])
    calls = []
    real = ranking.distance_km
    monkeypatch.setattr(ranking, 'distance_km', lambda a, b: calls.append((a, b)) or real(a, b))
    monkeypatch.setattr(ranking, '_BOUNDARY', 0.6)  # every distance counts as near a boundary
    km = ranking.distance_tenths(pool, HERE)
    assert calls
    assert list(km) == [round(real(pool.profiles[0].point, HERE) * 10)]


@pytest.mark.parametrize('limit', [1, 2, 50])
def test_ties_at_the_limit_go_to_the_lowest_ids(limit):
    people = [candidate(id=candidate_id) for candidate_id in (40, 10, 30, 20)]
    ranking = rank(CandidatePool.from_profiles(people), need(), DEFAULT_WEIGHTS, today=TODAY, limit=limit)
    assert [m.candidate_id for m in ranking.matches] == [10, 20, 30, 40][:limit]


def test_the_pool_keeps_the_profiles_in_id_order_with_their_columns():
    people = [candidate(id=2, skills={5: 3}, experience={'5221': 4}), replace(candidate(id=1), point=None)]
    pool = CandidatePool.from_profiles(people)
    assert [p.id for p in pool.profiles] == [1, 2]
    assert list(pool.point_index) == [-1, 0]
    assert list(pool.skills[5].rows) == [1]
    assert list(pool.experience_minor['522'].values) == [2, 4]  # candidate 1: 2 years in 5223; candidate 2: 4
