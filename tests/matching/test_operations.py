"""Matching's operations: the region's weights (set, reset, refused) and the AI-Act log of a ranking."""

from datetime import date

import pytest
from flask_babel import refresh
from sqlalchemy import select

from portal.blueprints.matching.operations import (
    WeightsRefused,
    inputs_hash,
    log_candidate_ranking,
    log_need_ranking,
    reset_weights,
    set_weights,
)
from portal.blueprints.matching.rankings import rank_candidates, rank_needs
from portal.matching import DEFAULT_WEIGHTS, RULES_VERSION, CandidateProfile, NeedProfile, Weights
from portal.models.audit import AuditEvent
from portal.models.matching import MatchWeights
from tests.factories import make_candidate, make_need, make_region, make_staff

NEW = {'skills': 20, 'experience': 20, 'language': 20, 'hours': 10, 'distance': 10, 'start': 10, 'openness': 10}
DEFAULTS = {'skills': 35, 'experience': 15, 'language': 10, 'hours': 10, 'distance': 10, 'start': 10, 'openness': 10}


@pytest.fixture(autouse=True)
def _refusals_in_english(app):
    """The refusals are read in English here (the Dutch catalogue translates them), as in the proposals tests."""
    with app.test_request_context('/', headers={'Accept-Language': 'en'}):
        refresh()
        yield
    refresh()


def events(db, action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def region(db):
    return make_region(db)


@pytest.fixture
def coordinator(db, region):
    return make_staff(db, region=region, kind='coordinator')


def test_set_weights_stores_the_row_and_audits_old_and_new(db, region, coordinator):
    assert set_weights(coordinator, region, values=NEW) is True
    row = db.session.get(MatchWeights, region.id)
    assert row.as_dict() == NEW
    assert row.updated_by_id == coordinator.id
    (event,) = events(db, 'matching.weights_changed')
    assert event.details == {'old': DEFAULTS, 'new': NEW}
    assert (event.actor_id, event.region_id, event.object_type, event.object_id) == (
        coordinator.id, region.id, 'Region', str(region.id))

    changed = {**NEW, 'skills': 30, 'openness': 0}
    assert set_weights(coordinator, region, values=changed) is True
    assert db.session.get(MatchWeights, region.id).as_dict() == changed
    assert [e.details['old'] for e in events(db, 'matching.weights_changed')][-1] == NEW


def test_the_same_weights_again_change_nothing(db, region, coordinator):
    assert set_weights(coordinator, region, values=DEFAULTS) is False
    assert db.session.get(MatchWeights, region.id) is None
    assert events(db, 'matching.weights_changed') == []


@pytest.mark.parametrize('values', [
    {**NEW, 'skills': 30},  # 110
    {**NEW, 'skills': -10, 'experience': 50},  # 100, but below 0
    {key: value for key, value in NEW.items() if key != 'start'},
    {**NEW, 'hours': 'tien'},
])
def test_weights_must_be_whole_numbers_from_0_that_make_100(db, region, coordinator, values):
    with pytest.raises(WeightsRefused, match='whole number'):
        set_weights(coordinator, region, values=values)
    assert db.session.get(MatchWeights, region.id) is None
    assert events(db, 'matching.weights_changed') == []


def test_only_a_coordinator_of_the_region_sets_or_resets_weights(db, region, coordinator):
    for actor in (make_staff(db, region=region), make_staff(db, kind='coordinator')):
        with pytest.raises(WeightsRefused, match='Only a coordinator'):
            set_weights(actor, region, values=NEW)
    set_weights(coordinator, region, values=NEW)
    with pytest.raises(WeightsRefused, match='Only a coordinator'):
        reset_weights(make_staff(db, region=region), region)
    assert db.session.get(MatchWeights, region.id).as_dict() == NEW


def test_reset_goes_back_to_the_defaults_and_is_audited(db, region, coordinator):
    set_weights(coordinator, region, values=NEW)
    reset_weights(coordinator, region)
    assert db.session.get(MatchWeights, region.id) is None
    (event,) = events(db, 'matching.weights_reset')
    assert event.details == {'old': NEW, 'new': DEFAULTS}
    with pytest.raises(WeightsRefused, match='already uses the default'):
        reset_weights(coordinator, region)


# The AI-Act log ----------------------------------------------------------------------------------

def profile(id, **fields):
    values = {'point': (52.575, 6.62), 'hours_min': 24, 'hours_max': 36, 'max_travel_km': 25,
              'available_from': date(2026, 2, 1), 'day_parts': frozenset({'weekday_morning', 'weekend'}),
              'support_needs': frozenset(), 'skills': {1: 2, 2: 1}, 'experience': {'9321': 1}, 'dutch_rank': 3,
              'education_rank': 2}
    values.update(fields)
    return CandidateProfile(id=id, **values)


NEED = NeedProfile(id=1, point=(52.58, 6.64), hours_min=24, hours_max=32, openness=frozenset({'trial_placement'}),
                   day_parts=frozenset(), start_on=None, ends_on=date(2026, 12, 31), required_skills=frozenset({1}),
                   wished_skills=frozenset({2}), isco_code='9321', required_dutch_rank=2)


def test_the_inputs_hash_is_stable_and_sees_every_input():
    pool = [profile(1), profile(2, skills={1: 3})]
    digest = inputs_hash(pool, [NEED], DEFAULT_WEIGHTS, date(2026, 2, 1))
    assert digest == inputs_hash(list(reversed(pool)), [NEED], DEFAULT_WEIGHTS, date(2026, 2, 1))
    assert digest == inputs_hash([profile(2, skills={1: 3}), profile(1, day_parts=frozenset({'weekend',
                                                                                             'weekday_morning'}))],
                                 [NEED], DEFAULT_WEIGHTS, date(2026, 2, 1))
    others = [
        inputs_hash([profile(1), profile(2, skills={1: 2})], [NEED], DEFAULT_WEIGHTS, date(2026, 2, 1)),
        inputs_hash(pool, [NEED], Weights(skills=45, experience=5), date(2026, 2, 1)),
        inputs_hash(pool, [NEED], DEFAULT_WEIGHTS, date(2026, 2, 2)),
        inputs_hash(pool[:1], [NEED], DEFAULT_WEIGHTS, date(2026, 2, 1)),
    ]
    assert len({digest, *others}) == 5


def test_log_candidate_ranking_names_the_top_ten(db):
    need = make_need(db, state='published')
    actor = make_staff(db, region=need.organisation.region)
    pool = [profile(i, skills={1: 2} if i % 2 else {}) for i in range(1, 15)]
    ranked = rank_candidates(pool, NEED, DEFAULT_WEIGHTS, today=date(2026, 2, 1))
    event = log_candidate_ranking(actor, need, ranked=ranked, weights=DEFAULT_WEIGHTS, candidates=pool,
                                  need_profile=NEED, today=date(2026, 2, 1), left_out={'stale': 2})
    assert event.action == 'matching.ranked'
    assert event.region_id == need.region_id
    assert event.details['rules_version'] == RULES_VERSION
    assert event.details['top'] == [[m.candidate_id, m.total] for m in ranked.matches[:10]]
    assert len(event.details['top']) == 10
    assert event.details['pool_size'] == 14
    assert event.details['left_out'] == {'stale': 2}
    assert event.details['inputs_hash'] == inputs_hash(pool, [NEED], DEFAULT_WEIGHTS, date(2026, 2, 1))


def test_log_need_ranking_is_recorded_on_the_candidate(db):
    candidate = make_candidate(db)
    actor = make_staff(db, region=candidate.region)
    ranked = rank_needs(profile(candidate.id), [NEED], DEFAULT_WEIGHTS, today=date(2026, 2, 1))
    event = log_need_ranking(actor, candidate, ranked=ranked, weights=DEFAULT_WEIGHTS,
                             candidate_profile=profile(candidate.id), needs=[NEED], today=date(2026, 2, 1))
    assert (event.action, event.object_type, event.object_id) == ('matching.ranked_needs', 'Candidate',
                                                                  str(candidate.id))
    assert event.region_id == candidate.region_id
    assert event.details['top'] == [[1, ranked.matches[0].total]]
    assert 'first_name' not in str(event.details)
    assert candidate.first_name not in str(event.details)
