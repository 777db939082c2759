"""Reading the pool and the needs for the matcher: who is in, who is left out and why, where work is, the order."""

from datetime import date, timedelta

import pytest

from portal.blueprints.matching.profiles import (
    candidate_pool,
    candidate_profiles,
    is_matchable_need,
    left_out_counts,
    matchable_candidates,
    matchable_needs,
    municipality_points,
    need_points,
    need_profiles,
    region_weights,
    score,
)
from portal.blueprints.matching.rankings import eligible_counts, rank_candidates, rank_needs
from portal.core.dbtypes import today, utcnow
from portal.matching import DEFAULT_WEIGHTS, CandidateProfile, NeedProfile, Weights, score_pair
from portal.models.caseload import CandidateStatus, ConsentScope
from portal.models.matching import MatchWeights
from tests.factories import (
    make_candidate,
    make_need,
    make_organisation,
    make_postcode_area,
    make_region,
    make_skill,
    make_user,
)


@pytest.fixture
def region(db):
    region = make_region(db, slug='pool-regio', municipalities=2)
    make_postcode_area(db, '7771', 52.5750, 6.6200, region.municipalities[0])
    make_postcode_area(db, '7773', 52.5850, 6.6600, region.municipalities[0])
    make_postcode_area(db, '7701', 52.6000, 6.4600, region.municipalities[1])
    return region


@pytest.fixture
def organisation(db, region):
    return make_organisation(db, municipality=region.municipalities[0], owner=make_user(db))


def test_the_pool_holds_the_matchable_and_counts_everyone_else_once(db, region):
    inside = [make_candidate(db, region=region) for _ in range(2)]
    stale_day = today() - timedelta(weeks=8, days=1)
    make_candidate(db, region=region, availability_confirmed_on=stale_day)
    make_candidate(db, region=region, availability_confirmed_on=stale_day, consent=False)  # stale first
    make_candidate(db, region=region, consent=False)
    make_candidate(db, region=region, status=CandidateStatus.PAUSED, consent=False)  # paused first
    make_candidate(db, region=region, status=CandidateStatus.LEFT, left_at=utcnow())
    make_candidate(db, region=region, anonymised_at=utcnow())
    make_candidate(db, region=region, dutch=None)
    make_candidate(db, region=region, postcode_area=None)
    withdrawn = make_candidate(db, region=region)
    withdrawn.active_consent(ConsentScope.PROPOSALS).withdrawn_at = utcnow()
    make_candidate(db, region=make_region(db))  # another region counts nowhere
    db.session.flush()

    pool = candidate_pool(region.id, today(), count_left_out=True)
    assert [c.id for c in pool.candidates] == [c.id for c in inside]
    assert pool.left_out == {'left': 2, 'paused': 1, 'stale': 2, 'no_consent': 2, 'incomplete': 2}
    assert [c.id for c in matchable_candidates(region.id, today())] == [c.id for c in inside]
    assert candidate_pool(region.id, today()).left_out == {}
    assert left_out_counts(make_region(db).id, today()) == {}


def test_confirmed_exactly_8_weeks_ago_is_still_fresh(db, region):
    fresh = make_candidate(db, region=region, availability_confirmed_on=today() - timedelta(weeks=8))
    assert [c.id for c in matchable_candidates(region.id, today())] == [fresh.id]
    assert fresh.is_matchable(today())


def test_profiles_read_the_postcode_area_and_levels(db, region):
    skill = make_skill(db)
    candidate = make_candidate(db, region=region, skills=[(skill, 'basic')], postcode_area='7701', dutch='b2')
    unknown = make_candidate(db, region=region, postcode_area='9999')
    profiles = {p.id: p for p in candidate_profiles([candidate, unknown])}
    assert profiles[candidate.id].point == (52.6, 6.46)
    assert profiles[candidate.id].skills == {skill.id: 1}
    assert profiles[candidate.id].dutch_rank == 4
    assert profiles[unknown.id].point is None


def test_work_is_placed_at_its_postcode_area_else_its_municipality(db, region, organisation):
    at_postcode = make_need(db, organisation=organisation, state='published', postcode='7701 XZ')
    in_town = make_need(db, organisation=organisation, state='published', municipality=region.municipalities[0])
    unknown_postcode = make_need(db, organisation=organisation, state='published', postcode='9999 AA',
                                 municipality=region.municipalities[1])
    nowhere = make_need(db, organisation=organisation, state='published',
                        municipality=make_region(db).municipalities[0])
    points = need_points([at_postcode, in_town, unknown_postcode, nowhere])
    assert points[at_postcode.id] == (52.6, 6.46)
    assert points[in_town.id] == pytest.approx((52.58, 6.64))
    assert points[unknown_postcode.id] == (52.6, 6.46)
    assert nowhere.id not in points
    assert [p.point for p in need_profiles([nowhere])] == [None]
    assert municipality_points([]) == {}


def test_matchable_needs_are_published_and_not_ended(db, region, organisation):
    newest = make_need(db, organisation=organisation, state='published')
    last_day = make_need(db, organisation=organisation, state='published', ends_on=today())
    ended = make_need(db, organisation=organisation, state='published', ends_on=today() - timedelta(days=1))
    for state in ('draft', 'pending', 'changes_requested', 'withdrawn', 'filled', 'expired', 'rejected'):
        make_need(db, organisation=organisation, state=state)
    make_need(db, organisation=make_organisation(db, owner=make_user(db)), state='published')
    assert {need.id for need in matchable_needs(region.id, today())} == {newest.id, last_day.id}
    assert is_matchable_need(last_day, today())
    assert not is_matchable_need(ended, today())


def test_region_weights_fall_back_to_the_defaults(db, region):
    assert region_weights(region.id) == DEFAULT_WEIGHTS
    db.session.add(MatchWeights(region_id=region.id, skills=50, experience=10, language=10, hours=10, distance=10,
                                start=5, openness=5))
    db.session.flush()
    assert region_weights(region.id) == Weights(50, 10, 10, 10, 10, 5, 5)


def test_score_of_one_pair_uses_the_regions_weights(db, region, organisation):
    skill = make_skill(db)
    need = make_need(db, organisation=organisation, state='published', skills=[skill], postcode='7771 AA')
    candidate = make_candidate(db, region=region, skills=[skill], postcode_area='7771')
    match = score(candidate, need, today())
    assert not match.is_excluded
    assert match.parts[0].points == 35


# Ranking many pairs ------------------------------------------------------------------------------

def candidate(id, **fields):
    values = {'point': (52.575, 6.62), 'hours_min': 24, 'hours_max': 36, 'max_travel_km': 25,
              'available_from': date(2026, 2, 1), 'day_parts': frozenset({'weekday_morning'}),
              'support_needs': frozenset(), 'skills': {}, 'experience': {}, 'dutch_rank': 3, 'education_rank': 2}
    values.update(fields)
    return CandidateProfile(id=id, **values)


def need(id, **fields):
    values = {'point': (52.58, 6.64), 'hours_min': 24, 'hours_max': 32, 'openness': frozenset(),
              'day_parts': frozenset(), 'start_on': None, 'ends_on': date(2026, 12, 31),
              'required_skills': frozenset({1, 2}), 'wished_skills': frozenset(), 'isco_code': '9321',
              'required_dutch_rank': 2}
    values.update(fields)
    return NeedProfile(id=id, **values)


def test_rank_candidates_orders_by_total_then_id_and_counts_each_exclusion():
    pool = [candidate(5, skills={1: 2}), candidate(3, skills={1: 2, 2: 2}), candidate(4, skills={1: 2}),
            candidate(7, hours_max=10, max_travel_km=1, point=(52.78, 6.9)), candidate(8, hours_max=12)]
    ranked = rank_candidates(pool, need(1), DEFAULT_WEIGHTS, today=date(2026, 2, 1), limit=2)
    assert [m.candidate_id for m in ranked.matches] == [3, 4]
    assert (ranked.pool_size, ranked.eligible) == (5, 3)
    assert ranked.excluded_counts == {'hours': 2, 'distance': 1}
    everyone = rank_candidates(pool, need(1), DEFAULT_WEIGHTS, today=date(2026, 2, 1))
    assert [m.candidate_id for m in everyone.matches] == [3, 4, 5]
    assert everyone.matches[0] == score_pair(pool[1], need(1), DEFAULT_WEIGHTS, today=date(2026, 2, 1))
    empty = rank_candidates([], need(1), DEFAULT_WEIGHTS, today=date(2026, 2, 1))
    assert (empty.matches, empty.pool_size, empty.eligible, empty.excluded_counts) == ([], 0, 0, {})


def test_rank_needs_orders_by_total_then_need_id():
    needs = [need(9, required_skills=frozenset({1})), need(2, required_skills=frozenset({1})),
             need(4, required_skills=frozenset({3})), need(6, day_parts=frozenset({'night'}))]
    ranked = rank_needs(candidate(1, skills={1: 2}), needs, DEFAULT_WEIGHTS, today=date(2026, 2, 1))
    assert [m.need_id for m in ranked.matches] == [2, 9, 4]
    assert ranked.excluded_counts == {'day_parts': 1}


def test_eligible_counts_apply_only_the_hard_conditions():
    pool = [candidate(1), candidate(2, hours_max=10), candidate(3, point=None), candidate(4, max_travel_km=1,
                                                                                       point=(52.78, 6.9))]
    counts = eligible_counts(pool, [need(1), need(2, day_parts=frozenset({'night'})), need(3, point=None)],
                             today=date(2026, 2, 1))
    assert counts == {1: 2, 2: 0, 3: 3}
    assert eligible_counts([], [need(1)], today=date(2026, 2, 1)) == {1: 0}
    assert eligible_counts(pool, [], today=date(2026, 2, 1)) == {}
