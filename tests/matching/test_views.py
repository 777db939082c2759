"""The staff's matching pages: ranked candidates for a need, ranked needs for a candidate, the open needs,
the AI-Act log of each ranking, who may see what, and the query count that does not grow with the pool."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from portal.core.dbtypes import today
from portal.extensions import db as _db
from portal.matching import RULES_VERSION
from portal.models.audit import AuditEvent
from portal.models.caseload import Candidate, CandidateStatus
from portal.models.demand import LanguageLevel
from portal.models.tenancy import Region
from tests.factories import (
    make_candidate,
    make_need,
    make_occupation,
    make_organisation,
    make_postcode_area,
    make_proposal,
    make_region,
    make_skill,
    make_staff,
    make_user,
)

OPEN_NEEDS = '/medewerkers/matching/'


def for_need(need) -> str:
    return f'/medewerkers/matching/behoefte/{need.id}'


def for_candidate(candidate) -> str:
    return f'/medewerkers/matching/kandidaat/{candidate.id}'


def ranked_ids(page: str, attribute: str = 'candidate') -> list[int]:
    return [int(value) for value in re.findall(rf'<li class="kk-posting" data-{attribute}="(\d+)"', page)]


def audit(action: str) -> list[AuditEvent]:
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


class World:
    """Vechtdal with a published need in Hardenberg (7772) and a pool around it."""

    def __init__(self, db):
        self.region = make_region(db, slug='match-vechtdal', name='Vechtdal', municipalities=2)
        hardenberg, ommen = self.region.municipalities
        make_postcode_area(db, '7771', 52.5750, 6.6200, hardenberg)
        make_postcode_area(db, '7772', 52.5800, 6.6400, hardenberg)
        make_postcode_area(db, '7701', 52.6000, 6.4600, ommen)  # about 12 km from 7772
        make_postcode_area(db, '7811', 52.7800, 6.9000)  # about 30 km from 7772
        self.forklift = make_skill(db, label_nl='Testheftruck', label_en='Test forklift')
        self.picking = make_skill(db, label_nl='Testorderpicken', label_en='Test order picking')
        self.stock = make_skill(db, label_nl='Testvoorraadbeheer', label_en='Test stock control')
        self.other = make_skill(db, label_nl='Testbakken', label_en='Test baking')
        self.occupation = make_occupation(db, isco_code='9321', label_nl='Testorderpicker',
                                          label_en='Test order picker')
        self.owner = make_user(db)
        self.organisation = make_organisation(db, municipality=hardenberg, owner=self.owner, name='Magazijn B.V.')
        self.need = make_need(db, organisation=self.organisation, occupation=self.occupation, state='published',
                              title='Orderpicker dagdienst', skills=[self.forklift, self.picking],
                              wished_skills=[self.stock], postcode='7772 AB', hours_min=24, hours_max=32,
                              day_parts=['weekday_morning'], open_to_trial_placement=True,
                              language_level=LanguageLevel.A2)
        self.staff = make_staff(db, region=self.region, locale='en')
        self.coordinator = make_staff(db, region=self.region, kind='coordinator', locale='en')

    def candidate(self, db, **fields) -> Candidate:
        fields.setdefault('skills', [self.other])
        return make_candidate(db, region=self.region, first_name=fields.pop('first_name', 'Geheimenaam'), **fields)


@pytest.fixture
def world(db):
    return World(db)


@pytest.fixture
def pool(db, world):
    """Three who fit in order, one too far away, and four outside the pool for four reasons."""
    w = world
    return {
        'best': w.candidate(db, skills=[w.forklift, w.picking, w.stock], experience=[(w.occupation, 2)],
                            postcode_area='7771'),
        'middle': w.candidate(db, skills=[w.forklift], postcode_area='7701'),
        'low': w.candidate(db, skills=[w.other], postcode_area='7771'),
        'far': w.candidate(db, skills=[w.forklift, w.picking, w.stock], postcode_area='7811', max_travel_km=10),
        'stale': w.candidate(db, skills=[w.forklift, w.picking],
                             availability_confirmed_on=today() - timedelta(weeks=9)),
        'no_consent': w.candidate(db, skills=[w.forklift, w.picking], consent=False),
        'paused': w.candidate(db, skills=[w.forklift, w.picking], status=CandidateStatus.PAUSED),
        'incomplete': w.candidate(db, skills=[w.forklift, w.picking], day_parts=[]),
    }


# Ranked candidates for a need ---------------------------------------------------------------------

def test_candidates_are_ranked_by_score_with_exclusions_and_left_out_in_words(client, login, world, pool):
    login(world.staff)
    page = client.get(for_need(world.need)).text
    assert ranked_ids(page) == [pool['best'].id, pool['middle'].id, pool['low'].id]
    totals = [float(value) for value in re.findall(r'data-candidate="\d+" data-total="([\d.]+)"', page)]
    assert totals == sorted(totals, reverse=True)
    assert totals[0] > totals[1] > totals[2]
    assert 'data-pool-size="4"' in page
    assert '1 job seeker ruled out by travel distance' in page
    assert 'data-eligible="3"' in page
    assert '3 job seekers meet every hard condition.' in page
    assert 'Below, highest score first.' in page
    for line in ('1 job seeker left out: availability not confirmed in the last 8 weeks',
                 '1 job seeker left out: profile incomplete', '1 job seeker left out: no consent to be proposed',
                 '1 job seeker left out: paused'):
        assert line in page
    for absent in ('far', 'stale', 'no_consent', 'paused', 'incomplete'):
        assert f'data-candidate="{pool[absent].id}"' not in page


def test_candidates_appear_by_code_only_with_their_explanation(client, login, world, pool):
    login(world.staff)
    page = client.get(for_need(world.need)).text
    assert pool['best'].code in page
    assert 'Geheimenaam' not in page
    assert pool['best'].reference not in page
    assert '3 of the 3 skills asked: Test forklift, Test order picking, and Test stock control' in page
    assert '2 years as Test order picker (same occupation)' in page
    assert '1 of the 3 skills asked: Test forklift. Missing and required: Test order picking. ' \
           'Missing and wished for: Test stock control' in page
    assert 'Dutch at B1, the work asks A2' in page
    assert re.search(r'Lives [\d.]+ km from the work \(travels at most 25 km\)', page)
    assert 'Fits the employer' in page
    assert 'Fits the job seeker' in page
    assert page.count('<details class="kk-details">') == 3 + 1  # three explanations and the weights


def test_each_ranking_is_logged_for_the_ai_act(client, login, world, pool):
    login(world.staff)
    client.get(for_need(world.need))
    client.get(for_need(world.need))
    first, second = audit('matching.ranked')
    assert (first.actor_id, first.object_type, first.object_id, first.region_id) == (
        world.staff.id, 'StaffingNeed', str(world.need.id), world.region.id)
    details = first.details
    assert details['rules_version'] == RULES_VERSION
    assert details['weights'] == {'skills': 35, 'experience': 15, 'language': 10, 'hours': 10, 'distance': 10,
                                  'start': 10, 'openness': 10}
    assert (details['pool_size'], details['eligible'], details['excluded_counts']) == (4, 3, {'distance': 1})
    assert [candidate_id for candidate_id, _ in details['top']] == [pool['best'].id, pool['middle'].id,
                                                                  pool['low'].id]
    assert details['left_out'] == {'paused': 1, 'stale': 1, 'no_consent': 1, 'incomplete': 1}
    assert re.fullmatch(r'[0-9a-f]{64}', details['inputs_hash'])
    assert second.details['inputs_hash'] == details['inputs_hash']  # the same inputs, the same hash

    pool['low'].hours_max = 30
    _db.session.flush()
    client.get(for_need(world.need))
    assert audit('matching.ranked')[-1].details['inputs_hash'] != details['inputs_hash']


def test_an_open_proposal_shows_a_badge(db, client, login, world, pool):
    make_proposal(db, need=world.need, candidate=pool['middle'], state='sent')
    make_proposal(db, need=world.need, candidate=pool['low'], state='withdrawn')
    login(world.staff)
    page = client.get(for_need(world.need)).text
    items = dict(zip(ranked_ids(page), page.split('<li class="kk-posting"')[1:], strict=True))
    assert 'data-proposed' in items[pool['middle'].id]
    assert 'data-proposed' not in items[pool['best'].id]
    assert 'data-proposed' not in items[pool['low'].id]


def test_a_need_that_is_not_published_or_has_ended_is_not_ranked(db, client, login, world, pool):
    login(world.staff)
    pending = make_need(db, organisation=world.organisation, state='pending', title='Nog niet goedgekeurd')
    page = client.get(for_need(pending)).text
    assert 'data-not-matchable' in page
    assert 'is not published' in page
    assert 'data-candidate=' not in page
    ended = make_need(db, organisation=world.organisation, state='published', ends_on=today() - timedelta(days=1))
    assert 'ended on' in client.get(for_need(ended)).text
    assert audit('matching.ranked') == []


def test_region_isolation(db, client, login, world, pool):
    elsewhere = make_region(db, slug='match-elders')
    other_need = make_need(db, organisation=make_organisation(db, region=elsewhere, owner=make_user(db)),
                           state='published')
    other_candidate = make_candidate(db, region=elsewhere)
    draft = make_need(db, organisation=world.organisation, state='draft')
    login(world.staff)
    assert client.get(for_need(other_need)).status_code == 404
    assert client.get(for_need(draft)).status_code == 404
    assert client.get('/medewerkers/matching/behoefte/999999').status_code == 404
    assert client.get(for_candidate(other_candidate)).status_code == 404
    login(make_staff(db, region=elsewhere))
    assert client.get(for_need(world.need)).status_code == 404
    assert client.get(for_candidate(pool['best'])).status_code == 404
    assert f'data-candidate="{pool["best"].id}"' not in client.get(for_need(other_need)).text


def test_employers_and_the_anonymous_cannot_match(client, login, world):
    assert '/inloggen' in client.get(for_need(world.need)).headers['Location']
    login(world.owner)
    assert client.get(for_need(world.need)).status_code == 403
    assert client.get(OPEN_NEEDS).status_code == 403


def test_accountmanagers_see_the_weights_read_only(client, login, world, pool):
    login(world.staff)
    page = client.get(for_need(world.need)).text
    assert 'How the score counts' in page
    assert re.search(r'data-weight="skills">\s*<th[^>]*>Skills</th>\s*<td[^>]*>35</td>', page)
    assert '/medewerkers/matching/gewichten' not in page
    login(world.coordinator)
    assert '/medewerkers/matching/gewichten' in client.get(for_need(world.need)).text


# Ranked needs for a candidate -------------------------------------------------------------------------

def test_needs_are_ranked_for_a_candidate_with_exclusions(db, client, login, world, pool):
    w = world
    weaker = make_need(db, organisation=w.organisation, occupation=make_occupation(db), state='published',
                       title='Inpakker', skills=[w.other], postcode='7772 AB', day_parts=['weekday_morning'])
    night = make_need(db, organisation=w.organisation, state='published', title='Nachtdienst', postcode='7772 AB',
                      day_parts=['night'])
    make_need(db, organisation=w.organisation, state='published', title='Verlopen',
              ends_on=today() - timedelta(days=1))
    make_need(db, organisation=w.organisation, state='pending', title='Wacht')
    make_proposal(db, need=weaker, candidate=pool['best'], state='draft')
    login(w.staff)
    page = client.get(for_candidate(pool['best'])).text
    assert ranked_ids(page, 'need') == [w.need.id, weaker.id]
    assert 'data-pool-size="3"' in page
    assert 'data-eligible="2"' in page
    assert '1 need ruled out by the working times' in page
    assert f'data-need="{night.id}"' not in page
    assert 'Verlopen' not in page
    assert 'Wacht' not in page
    items = dict(zip(ranked_ids(page, 'need'), page.split('<li class="kk-posting"')[1:], strict=True))
    assert 'data-proposed' in items[weaker.id]
    assert 'data-proposed' not in items[w.need.id]
    assert 'Geheimenaam' not in page

    (event,) = audit('matching.ranked_needs')
    assert (event.actor_id, event.object_type, event.object_id, event.region_id) == (
        w.staff.id, 'Candidate', str(pool['best'].id), w.region.id)
    assert (event.details['pool_size'], event.details['eligible']) == (3, 2)
    assert event.details['excluded_counts'] == {'day_parts': 1}
    assert [need_id for need_id, _ in event.details['top']] == [w.need.id, weaker.id]


@pytest.mark.parametrize(('name', 'reasons'), [
    ('stale', ['stale']), ('no_consent', ['no_consent']), ('paused', ['paused']), ('incomplete', ['incomplete'])])
def test_a_candidate_outside_the_pool_is_told_why_instead_of_ranked(client, login, world, pool, name, reasons):
    login(world.staff)
    page = client.get(for_candidate(pool[name])).text
    assert 'data-not-matchable' in page
    assert re.findall(r'data-reason="(\w+)"', page) == reasons
    assert 'data-need=' not in page
    assert audit('matching.ranked_needs') == []


def test_every_reason_is_named_and_what_is_missing(db, client, login, world):
    candidate = world.candidate(db, consent=False, availability_confirmed_on=today() - timedelta(weeks=10),
                                day_parts=[], postcode_area=None)
    login(world.staff)
    page = client.get(for_candidate(candidate)).text
    assert re.findall(r'data-reason="(\w+)"', page) == ['stale', 'no_consent', 'incomplete']
    assert 'Missing: postcode area, working times.' in page
    candidate.status = CandidateStatus.LEFT
    _db.session.flush()
    assert re.findall(r'data-reason="(\w+)"', client.get(for_candidate(candidate)).text) == ['left']


# The open needs ---------------------------------------------------------------------------------------

def test_open_needs_count_who_meets_the_hard_conditions(db, client, login, world, pool):
    night = make_need(db, organisation=world.organisation, state='published', title='Nachtdienst',
                      postcode='7772 AB', day_parts=['night'])
    make_need(db, organisation=world.organisation, state='pending', title='Nog in beoordeling')
    login(world.staff)
    page = client.get(OPEN_NEEDS).text
    assert 'data-pool-size="4"' in page
    assert re.search(rf'data-need="{world.need.id}">.*?data-eligible="3"', page, re.S)
    assert re.search(rf'data-need="{night.id}">.*?data-eligible="0"', page, re.S)
    assert 'Nog in beoordeling' not in page
    assert f'/medewerkers/matching/behoefte/{world.need.id}' in page
    assert '1 job seeker left out: paused' in page


# Queries do not grow with the pool ---------------------------------------------------------------------

def count_queries(client, address: str) -> int:
    """The SQL statements a GET of `address` makes, from an empty identity map (as a real request starts)."""
    _db.session.expunge_all()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(('SAVEPOINT', 'RELEASE')):
            statements.append(statement)

    event.listen(_db.engine, 'before_cursor_execute', count)
    try:
        response = client.get(address)
        assert response.status_code == 200
    finally:
        event.remove(_db.engine, 'before_cursor_execute', count)
    return len(statements)


def test_the_pages_make_as_many_queries_for_30_as_for_5(db, client, login, world):
    region_id, need_id = world.region.id, world.need.id
    skills = [world.forklift, world.picking, world.stock, world.other]
    occupation = world.occupation
    login(world.staff)
    first = world.candidate(db, skills=skills, experience=[(occupation, 1)])

    def add(n: int) -> None:
        region = _db.session.get(Region, region_id)
        organisation = make_organisation(db, municipality=region.municipalities[0], owner=make_user(db))
        for i in range(n):
            make_candidate(db, region=region, skills=skills[: 1 + i % 4], experience=[(make_occupation(db), 2)],
                           postcode_area=('7771', '7701', '7811')[i % 3])
            make_need(db, organisation=organisation, occupation=make_occupation(db), state='published',
                      skills=skills[i % 4: i % 4 + 2], wished_skills=[make_skill(db)],
                      postcode=('7772 AB', None)[i % 2], day_parts=['weekday_morning'])

    add(4)
    addresses = (f'/medewerkers/matching/behoefte/{need_id}', f'/medewerkers/matching/kandidaat/{first.id}',
                 OPEN_NEEDS)
    few = [count_queries(client, address) for address in addresses]
    add(25)
    many = [count_queries(client, address) for address in addresses]
    page = client.get(addresses[0]).text
    assert len(ranked_ids(page)) > 5
    assert len(ranked_ids(client.get(addresses[1]).text, 'need')) > 5
    assert many == few


# The region's weights -------------------------------------------------------------------------------

WEIGHTS = '/medewerkers/matching/gewichten'
RESET = '/medewerkers/matching/gewichten/standaard'
NEW = {'skills': 40, 'experience': 10, 'language': 10, 'hours': 10, 'distance': 15, 'start': 5, 'openness': 10}


def test_only_coordinators_set_weights(db, client, login, post, world):
    login(world.staff)
    assert client.get(WEIGHTS).status_code == 403
    assert post(WEIGHTS, NEW).status_code == 403
    assert audit('matching.weights_changed') == []
    login(world.coordinator)
    page = client.get(WEIGHTS).text
    assert 'data-default' in page
    assert re.search(r'id="skills"[^>]*value="35"|value="35"[^>]*id="skills"', page)
    assert 'Default: 35' in page


def test_a_coordinator_saves_weights_and_the_change_is_audited(db, client, login, post, world, pool):
    login(world.coordinator)
    response = post(WEIGHTS, NEW)
    assert response.status_code == 302
    assert response.headers['Location'].endswith(WEIGHTS)
    page = client.get(WEIGHTS).text
    assert 'The weights are saved.' in page
    assert 'data-custom' in page
    (event,) = audit('matching.weights_changed')
    assert (event.actor_id, event.object_type, event.region_id) == (world.coordinator.id, 'Region', world.region.id)
    assert event.details['old']['skills'] == 35
    assert event.details['new'] == NEW
    client.get(for_need(world.need))
    assert audit('matching.ranked')[-1].details['weights'] == NEW
    assert re.search(r'data-weight="skills">\s*<th[^>]*>Skills</th>\s*<td[^>]*>40</td>', client.get(
        for_need(world.need)).text)


def test_weights_that_do_not_make_100_are_refused_with_the_sum(db, client, login, post, world):
    login(world.coordinator)
    response = post(WEIGHTS, {**NEW, 'skills': 30})
    assert response.status_code == 200
    page = response.text
    assert 'The points add up to 90; together they must make 100.' in page
    assert 'id="weights-sum-error"' in page
    assert 'aria-describedby="weights-sum-error"' in page
    assert 'id="error-summary"' in page
    assert audit('matching.weights_changed') == []
    assert 'data-default' in client.get(WEIGHTS).text


@pytest.mark.parametrize(('field', 'value', 'message'), [
    ('hours', '-5', 'Give a whole number from 0 to 100.'),
    ('hours', '2.5', 'Fill in the points, a whole number'),
    ('start', '', 'Fill in the points, a whole number'),
])
def test_each_part_must_be_a_whole_number_from_0(db, client, login, post, world, field, value, message):
    login(world.coordinator)
    page = post(WEIGHTS, {**NEW, field: value}).text
    assert message in page
    assert f'id="{field}-error"' in page
    assert audit('matching.weights_changed') == []


def test_saving_the_weights_in_use_changes_nothing(db, client, login, post, world):
    login(world.coordinator)
    post(WEIGHTS, {'skills': 35, 'experience': 15, 'language': 10, 'hours': 10, 'distance': 10, 'start': 10,
                   'openness': 10})
    assert 'Nothing changed' in client.get(WEIGHTS).text
    assert audit('matching.weights_changed') == []


def test_a_coordinator_resets_to_the_defaults(db, client, login, post, world):
    login(world.coordinator)
    post(WEIGHTS, NEW)
    assert 'Use the default weights' in client.get(WEIGHTS).text
    response = post(RESET)
    assert response.status_code == 302
    page = client.get(WEIGHTS).text
    assert 'The weights are back to the defaults.' in page
    assert 'data-default' in page
    (event,) = audit('matching.weights_reset')
    assert event.details['old'] == NEW
    assert event.details['new']['skills'] == 35
    assert 'Use the default weights' not in page
    post(RESET)
    assert 'already uses the default weights' in client.get(WEIGHTS).text
    assert len(audit('matching.weights_reset')) == 1


def test_a_reset_without_a_valid_token_changes_nothing(db, client, login, post, world):
    login(world.coordinator)
    post(WEIGHTS, NEW)
    assert client.post(RESET).status_code == 400  # CSRF
    assert audit('matching.weights_reset') == []
    assert 'data-custom' in client.get(WEIGHTS).text
    login(world.staff)
    assert post(RESET).status_code == 403
