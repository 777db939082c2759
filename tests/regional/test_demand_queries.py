"""The filter query behind the staff's demand list, its export and the outlook."""

from datetime import date

import pytest

from portal.blueprints.regional.queries import DemandFilters, demand_conditions, demand_query, plans_query
from portal.models.demand import Horizon
from portal.models.moderation import PostingState
from tests.factories import (
    make_municipality,
    make_need,
    make_occupation,
    make_organisation,
    make_plan,
    make_region,
    make_skill,
    make_user,
)


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal', municipalities=2)


@pytest.fixture
def organisation(db, region):
    return make_organisation(db, municipality=region.municipalities[0], owner=make_user(db), name='Bakkerij Bol')


def _titles(db, region, **filters) -> list[str]:
    return [need.title for need in db.session.scalars(demand_query(region.id, DemandFilters(**filters)))]


def test_published_by_default_and_never_drafts(db, region, organisation):
    make_need(db, organisation=organisation, title='Gepubliceerd', state='published')
    make_need(db, organisation=organisation, title='Wacht', state='pending')
    make_need(db, organisation=organisation, title='Concept', state='draft')
    assert _titles(db, region) == ['Gepubliceerd']
    assert sorted(_titles(db, region, state=None)) == ['Gepubliceerd', 'Wacht']
    assert _titles(db, region, state=PostingState.PENDING) == ['Wacht']
    with pytest.raises(ValueError, match='drafts'):
        demand_conditions(region.id, DemandFilters(state=PostingState.DRAFT))


def test_only_the_region_itself(db, region, organisation):
    other = make_organisation(db, region=make_region(db), owner=make_user(db))
    make_need(db, organisation=organisation, title='Hier', state='published')
    make_need(db, organisation=other, title='Elders', state='published')
    assert _titles(db, region) == ['Hier']


def test_each_filter(db, region, organisation):
    forklift, cleaning = make_occupation(db), make_occupation(db)
    skill = make_skill(db)
    second = region.municipalities[1]
    make_need(db, organisation=organisation, title='Heftruck', occupation=forklift, wished_skills=[skill],
              horizon=Horizon.NOW, open_to_job_coach=True, open_to_trial_placement=True, state='published')
    make_need(db, organisation=organisation, title='Schoonmaak 50%_korting', occupation=cleaning,
              municipality=second, horizon=Horizon.YEARS_5_PLUS, open_to_job_coach=True, state='published')
    assert _titles(db, region, occupation_id=forklift.id) == ['Heftruck']
    assert _titles(db, region, skill_id=skill.id) == ['Heftruck']
    assert _titles(db, region, municipality_id=second.id) == ['Schoonmaak 50%_korting']
    assert _titles(db, region, horizon=Horizon.NOW) == ['Heftruck']
    assert sorted(_titles(db, region, openness=('open_to_job_coach',))) == ['Heftruck', 'Schoonmaak 50%_korting']
    assert _titles(db, region, openness=('open_to_job_coach', 'open_to_trial_placement')) == ['Heftruck']
    assert _titles(db, region, text='heftr') == ['Heftruck']
    # % and _ are letters here, not wildcards
    assert _titles(db, region, text='50%_k') == ['Schoonmaak 50%_korting']
    assert _titles(db, region, text='5%k') == []
    with pytest.raises(ValueError, match='unknown openness'):
        demand_conditions(region.id, DemandFilters(openness=('open_to_everything',)))


def test_sorts(db, region, organisation):
    other = make_organisation(db, municipality=region.municipalities[0], owner=make_user(db), name='Aannemer Abel')
    make_need(db, organisation=organisation, title='Later', horizon=Horizon.YEARS_2_5, ends_on=date(2031, 1, 1),
              state='published')
    make_need(db, organisation=other, title='Nu', horizon=Horizon.NOW, ends_on=date(2032, 1, 1), state='published')
    make_need(db, organisation=organisation, title='Ver weg', horizon=Horizon.YEARS_5_PLUS,
              ends_on=date(2030, 1, 1), state='published')
    assert _titles(db, region, sort='newest') == ['Ver weg', 'Nu', 'Later']
    assert _titles(db, region, sort='oldest') == ['Later', 'Nu', 'Ver weg']
    assert _titles(db, region, sort='horizon') == ['Nu', 'Later', 'Ver weg']
    assert _titles(db, region, sort='ends_on') == ['Ver weg', 'Later', 'Nu']
    assert _titles(db, region, sort='organisation') == ['Nu', 'Ver weg', 'Later']
    with pytest.raises(ValueError, match='unknown sort'):
        demand_query(region.id, DemandFilters(sort='random'))


def test_plans_of_the_region(db, region, organisation):
    make_plan(db, organisation=organisation, title='Robot', state='published')
    make_plan(db, organisation=organisation, title='Concept', state='draft')
    make_plan(db, organisation=organisation, title='Wacht', state='pending')
    elsewhere = make_organisation(db, municipality=make_municipality(db, region=make_region(db)), owner=make_user(db))
    make_plan(db, organisation=elsewhere, title='Elders', state='published')
    assert [p.title for p in db.session.scalars(plans_query(region.id))] == ['Robot']
    assert sorted(p.title for p in db.session.scalars(plans_query(region.id, None))) == ['Robot', 'Wacht']
