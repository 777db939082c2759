"""The explanation in words: one sentence per part of a score, translated, with plurals and the locale's numbers."""

from datetime import date

import pytest
from flask import render_template_string
from flask_babel import force_locale
from sqlalchemy import event

from portal.blueprints.matching.explain import (
    describe,
    describe_exclusions,
    excluded_count_lines,
    left_out_lines,
    skill_labels_for,
)
from portal.blueprints.monitoring.operations import bare_parts
from portal.extensions import db as _db
from portal.matching import CandidateProfile, NeedProfile, Weights, score_pair
from tests.factories import make_skill

LABELS = {1: 'forklift', 2: 'order picking', 3: 'stock control', 4: 'VCA'}


@pytest.fixture
def english(app):
    with app.test_request_context('/'), force_locale('en'):
        yield


@pytest.fixture
def dutch(app):
    with app.test_request_context('/'), force_locale('nl'):
        yield


def part(name, points=0.0, maximum=10, **facts):
    return {'name': name, 'points': points, 'max': maximum, 'facts': facts}


def one(p, **kwargs) -> str:
    return describe([p], skill_labels=LABELS, **kwargs)[0].sentence


# Skills ---------------------------------------------------------------------------------------

def test_skills_name_what_the_person_has_and_what_is_missing(english):
    sentence = one(part('skills', 26.3, 35, matched=[1, 2, 3], missing_required=[4], missing_wished=[]))
    assert sentence == '3 of the 4 skills asked: forklift, order picking, and stock control. Missing and required: VCA'


def test_skills_missing_wished_for_and_none_matched(english):
    assert one(part('skills', matched=[], missing_required=[], missing_wished=[3])) == (
        'None of the 1 skill asked. Missing and wished for: stock control')
    assert one(part('skills', matched=[], missing_required=[1, 4], missing_wished=[])) == (
        'None of the 2 skills asked. Missing and required: forklift and VCA')


def test_skills_when_the_work_asks_none(english):
    assert one(part('skills', 35, 35, matched=[], missing_required=[], missing_wished=[])) == (
        'The work asks for no particular skills')


def test_skills_in_dutch_join_with_en(dutch):
    sentence = one(part('skills', matched=[1, 2], missing_required=[], missing_wished=[]))
    assert 'forklift en order picking' in sentence


# The other parts ------------------------------------------------------------------------------

def test_experience_in_the_same_occupation_with_its_name_and_plural(english):
    assert one(part('experience', match='occupation', years=2), occupation='order picker') == (
        '2 years as order picker (same occupation)')
    assert one(part('experience', match='occupation', years=1), occupation='order picker') == (
        '1 year as order picker (same occupation)')
    assert one(part('experience', match='occupation', years=0)) == 'Less than a year in the same occupation'
    assert one(part('experience', match='occupation', years=4)) == '4 years in the same occupation'


def test_experience_related_and_none(english):
    assert one(part('experience', match='related', years=3)) == '3 years in a related occupation'
    assert one(part('experience', match='none', years=0)) == 'No experience in this or a related occupation'


def test_language_levels(english):
    assert one(part('language', required=2, has=3)) == 'Dutch at B1, the work asks A2'
    assert one(part('language', required=4, has=7)) == 'Dutch as a native speaker; the work asks B2'
    assert one(part('language', required=3, has=0)) == 'Speaks no Dutch; the work asks B1'
    assert one(part('language', required=0, has=3)) == 'The work needs no Dutch'


def test_hours(english):
    assert one(part('hours', can=24, asked_min=32, asked_max=32)) == 'Can work 24 of the 32 hours asked'
    assert one(part('hours', can=36, asked_min=24, asked_max=32)) == (
        'Can work up to 36 hours a week; the work asks 24 to 32')
    assert one(part('hours', can=40, asked_min=32, asked_max=32)) == 'Can work the 32 hours a week asked'


def test_distance_with_the_locales_decimal_separator(english):
    assert one(part('distance', km=12.4, max_km=25)) == 'Lives 12.4 km from the work (travels at most 25 km)'
    assert one(part('distance', km=None, max_km=25)) == 'Distance unknown: no postcode area'


def test_distance_in_dutch_uses_a_comma(dutch):
    assert '12,4 km' in one(part('distance', km=12.4, max_km=25))


def test_start_with_plural_days(english):
    assert one(part('start', late_days=14)) == 'Available 14 days after the wanted start'
    assert one(part('start', late_days=1)) == 'Available 1 day after the wanted start'
    assert one(part('start', late_days=0)) == 'Available by the wanted start'


def test_openness(english):
    assert one(part('openness', offered=['learn_work', 'trial_placement'], not_offered=['job_coach'])) == (
        'The employer offers a learn-work place and a trial placement; not a job coach')
    assert one(part('openness', offered=['trial_placement'], not_offered=[])) == (
        'The employer offers a trial placement')
    assert one(part('openness', offered=[], not_offered=['trial_placement', 'wage_subsidy'])) == (
        'The employer offers none of what would help: a trial placement and wage-cost subsidy')


# Sides, labels, points --------------------------------------------------------------------------

def test_describe_a_real_match_keeps_points_sides_and_labels(english):
    candidate = CandidateProfile(
        id=1, point=(52.575, 6.62), hours_min=20, hours_max=24, max_travel_km=25, available_from=date(2026, 3, 15),
        day_parts=frozenset({'weekday_morning'}), support_needs=frozenset(), skills={1: 2, 2: 1},
        experience={'9321': 2}, dutch_rank=3, education_rank=2)
    need = NeedProfile(
        id=9, point=(52.58, 6.64), hours_min=32, hours_max=32, openness=frozenset({'trial_placement'}),
        day_parts=frozenset(), start_on=date(2026, 3, 1), ends_on=date(2026, 12, 31),
        required_skills=frozenset({1, 2, 4}), wished_skills=frozenset({3}), isco_code='9321', required_dutch_rank=2)
    match = score_pair(candidate, need, Weights(), today=date(2026, 2, 1))
    lines = describe(match.as_json(), skill_labels=LABELS)
    assert [line.name for line in lines] == list(Weights.PARTS)
    assert [line.side for line in lines] == ['employer'] * 3 + ['candidate'] * 4
    assert [line.label for line in lines] == ['Skills', 'Experience', 'Dutch', 'Hours', 'Travel distance',
                                              'Start date', 'What the employer offers']
    assert [line.points for line in lines] == [p.points for p in match.parts]
    assert sum(line.max_points for line in lines) == 100
    assert round(sum(line.points for line in lines), 1) == match.total
    assert lines[0].sentence == '2 of the 4 skills asked: forklift and order picking. Missing and required: VCA. ' \
                                'Missing and wished for: stock control'
    assert lines[3].sentence == 'Can work 24 of the 32 hours asked'
    assert lines[5].sentence == 'Available 14 days after the wanted start'


def test_an_anonymised_proposals_parts_say_their_details_were_removed(english):
    """Anonymising keeps each part's name, points and maximum, not its facts: no sentence may read as if the
    work asked nothing ('The work needs no Dutch') or the person had nothing ('None of the 0 skills asked')."""
    candidate = CandidateProfile(
        id=1, point=(52.575, 6.62), hours_min=20, hours_max=24, max_travel_km=25, available_from=date(2026, 3, 15),
        day_parts=frozenset(), support_needs=frozenset(), skills={1: 2}, experience={}, dutch_rank=3,
        education_rank=2)
    need = NeedProfile(
        id=9, point=(52.58, 6.64), hours_min=20, hours_max=24, openness=frozenset({'trial_placement'}),
        day_parts=frozenset(), start_on=date(2026, 3, 1), ends_on=date(2026, 12, 31),
        required_skills=frozenset({1}), wished_skills=frozenset(), isco_code='9321', required_dutch_rank=2)
    match = score_pair(candidate, need, Weights(), today=date(2026, 2, 1))
    lines = describe(bare_parts(match.as_json()), skill_labels=LABELS)
    assert [line.name for line in lines] == list(Weights.PARTS)
    assert [line.points for line in lines] == [p.points for p in match.parts]
    assert {line.sentence for line in lines} == {"Details removed when the job seeker's data was anonymised."}
    # a part with its facts still says what they are
    assert one(part('language', 5, 10, required=2, has=3)) == 'Dutch at B1, the work asks A2'


def test_the_macro_shows_each_side_adding_up_to_the_total(english):
    lines = describe([part('skills', 26.3, 35, matched=[1], missing_required=[], missing_wished=[]),
                      part('experience', 7.5, 15, match='related', years=3),
                      part('language', 10, 10, required=2, has=3),
                      part('hours', 7.5, 10, can=24, asked_min=32, asked_max=32),
                      part('distance', 8.1, 10, km=5.4, max_km=25),
                      part('start', 10, 10, late_days=0),
                      part('openness', 3.3, 10, offered=['trial_placement'], not_offered=['job_coach'])],
                     skill_labels=LABELS)
    html = render_template_string("{% from 'matching/_explanation.html' import explanation %}"
                                  "{{ explanation(lines, 72.7) }}", lines=lines)
    assert '<caption class="utrecht-table__caption">How the score is made up</caption>' in html
    assert '<tr class="utrecht-table__row" data-subtotal="employer">' in html
    assert 'data-points="43.8"' in html  # 26.3 + 7.5 + 10
    assert 'data-points="28.9"' in html  # 7.5 + 8.1 + 10 + 3.3
    assert '43.8 of 60' in html
    assert '28.9 of 40' in html
    assert '72.7 of 100' in html
    assert 'Fits the employer' in html
    assert 'Fits the job seeker' in html
    assert html.count('scope="row"') == 7 + 2 + 1


def test_the_macro_in_dutch_formats_points_with_a_comma(dutch):
    lines = describe([part('skills', 26.3, 35, matched=[], missing_required=[], missing_wished=[])],
                     skill_labels=LABELS)
    html = render_template_string("{% from 'matching/_explanation.html' import explanation %}"
                                  "{{ explanation(lines, 26.3) }}", lines=lines)
    assert '26,3' in html


# Exclusions and the pool in words ---------------------------------------------------------------

def test_exclusions_in_words(english):
    assert describe_exclusions(['hours', 'distance', 'support']) == [
        'The hours do not fit', 'The work is farther away than the job seeker travels',
        'Needs support the employer does not offer']


def test_exclusion_counts_with_plurals(english):
    assert excluded_count_lines({'distance': 12, 'hours': 1}) == [
        '12 job seekers ruled out by travel distance', '1 job seeker ruled out by the hours']
    assert excluded_count_lines({'availability': 2, 'day_parts': 0}, of='needs') == [
        '2 needs ruled out: they end before the job seeker is available']


def test_left_out_lines_put_the_fixable_first(english):
    assert left_out_lines({'left': 3, 'stale': 1, 'no_consent': 2, 'incomplete': 0}) == [
        '1 job seeker left out: availability not confirmed in the last 8 weeks',
        '2 job seekers left out: no consent to be proposed',
        '3 job seekers left out: left the caseload']


# Skill labels -----------------------------------------------------------------------------------

def test_skill_labels_for_every_part_in_one_query(db):
    skills = [make_skill(db, label_nl=f'Uitlegvaardigheid {i}', label_en=f'Explain skill {i}') for i in range(3)]
    parts = [part('skills', matched=[skills[0].id], missing_required=[skills[1].id], missing_wished=[]),
             part('skills', matched=[skills[2].id], missing_required=[], missing_wished=[skills[0].id]),
             part('hours', can=1, asked_min=1, asked_max=1)]
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(_db.engine, 'before_cursor_execute', count)
    try:
        english_labels = skill_labels_for(parts, 'en')
    finally:
        event.remove(_db.engine, 'before_cursor_execute', count)
    assert len([s for s in statements if not s.startswith(('SAVEPOINT', 'RELEASE'))]) == 1
    assert english_labels == {skill.id: skill.label_en for skill in skills}
    assert skill_labels_for(parts, 'nl')[skills[1].id] == 'Uitlegvaardigheid 1'
    assert skill_labels_for([part('hours')], 'nl') == {}
