"""The outlook's figures: only published postings of the region, in their approved version, counted by the database."""

import pytest
from flask_babel import force_locale

from portal.blueprints.regional import outlook
from portal.blueprints.regional.outlook import OutlookFilters, region_municipalities, region_outlook
from portal.models.demand import EffectDirection, Horizon
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
    region = make_region(db, name='Vechtdal', municipalities=0)
    make_municipality(db, region=region, name='Hardenberg')
    make_municipality(db, region=region, name='Ommen')
    make_municipality(db, region=region, name='Dalfsen')
    db.session.refresh(region)
    return region


@pytest.fixture
def places(region):
    return {m.name: m for m in region.municipalities}


@pytest.fixture
def transport(db, places):
    return make_organisation(db, municipality=places['Hardenberg'], owner=make_user(db), sbi_section='H')


@pytest.fixture
def builder(db, places):
    return make_organisation(db, municipality=places['Ommen'], owner=make_user(db), sbi_section='F',
                             sbi_code='4120')


@pytest.fixture
def driver(db):
    return make_occupation(db, label_nl='Chauffeur (proef)', label_en='Driver')


@pytest.fixture
def mason(db):
    return make_occupation(db, label_nl='Metselaar (proef)', label_en='Bricklayer')


def _figures(region, locale='en', **filters):
    with force_locale(locale):
        return region_outlook(region.id, OutlookFilters(**filters), region_municipalities(region.id), locale)


def _as_dict(rows) -> dict[str, tuple[int, ...]]:
    return {row.label: row.values for row in rows}


def test_counts_published_needs_only_by_horizon(db, region, transport, driver):
    make_need(db, organisation=transport, occupation=driver, state='published', positions=3, horizon=Horizon.NOW)
    make_need(db, organisation=transport, occupation=driver, state='published', positions=2, horizon=Horizon.NOW)
    make_need(db, organisation=transport, occupation=driver, state='published', positions=4,
              horizon=Horizon.YEARS_5_PLUS)
    for state in ('draft', 'pending', 'changes_requested', 'rejected', 'withdrawn', 'filled', 'expired'):
        make_need(db, organisation=transport, occupation=driver, state=state, positions=100, horizon=Horizon.NOW)
    figures = _figures(region)
    assert [(row.label, row.value) for row in figures.by_horizon] == [
        ('Now', 5), ('Within 6 months', 0), ('In 6 to 24 months', 0), ('In 2 to 5 years', 0),
        ('In 5 years or more', 4)]
    assert (figures.needs, figures.positions) == (3, 9)


def test_the_approved_version_counts_not_an_edit_under_review(db, region, transport, driver, mason, places):
    need = make_need(db, organisation=transport, occupation=driver, state='published', positions=2,
                     horizon=Horizon.NOW)
    # the employer changed it after approval; the change waits for review (or was turned down)
    need.positions, need.horizon, need.occupation = 40, Horizon.YEARS_5_PLUS, mason
    need.municipality = places['Dalfsen']
    db.session.flush()
    figures = _figures(region)
    assert [row.value for row in figures.by_horizon] == [2, 0, 0, 0, 0]
    assert _as_dict(figures.by_occupation) == {'Driver': (2,)}
    assert _as_dict(figures.by_municipality) == {'Hardenberg': (2,), 'Ommen': (0,), 'Dalfsen': (0,)}


def test_other_regions_never_count(db, region, transport, driver):
    make_need(db, organisation=transport, occupation=driver, state='published', positions=1)
    elsewhere = make_organisation(db, region=make_region(db), owner=make_user(db))
    make_need(db, organisation=elsewhere, occupation=driver, state='published', positions=50)
    make_plan(db, organisation=elsewhere, state='published', effects=[{'occupation': driver, 'headcount': 9}])
    figures = _figures(region)
    assert figures.positions == 1
    assert _as_dict(figures.by_occupation) == {'Driver': (1,)}
    assert figures.plans == 0
    assert figures.effects[EffectDirection.GROWS] == []


def test_occupations_largest_first_top_15_in_the_users_language(db, region, transport, driver, mason):
    make_need(db, organisation=transport, occupation=driver, state='published', positions=3)
    make_need(db, organisation=transport, occupation=mason, state='published', positions=7)
    for i in range(16):
        make_need(db, organisation=transport, state='published', positions=1,
                  occupation=make_occupation(db, label_nl=f'Proefberoep {i:02d}', label_en=f'Job {i:02d}'))
    figures = _figures(region)
    labels = [row.label for row in figures.by_occupation]
    assert len(labels) == outlook.TOP_OCCUPATIONS == 15
    assert labels[:2] == ['Bricklayer', 'Driver']
    assert labels[2:] == [f'Job {i:02d}' for i in range(13)]
    assert figures.top_occupation_positions == 7 + 3 + 13
    assert figures.positions == 7 + 3 + 16


def test_sectors_of_the_organisations(db, region, transport, builder, driver):
    make_need(db, organisation=transport, occupation=driver, state='published', positions=2)
    make_need(db, organisation=builder, occupation=driver, state='published', positions=5)
    assert _as_dict(_figures(region).by_sector) == {
        'F – Construction': (5,), 'H – Transportation and storage': (2,)}


def test_every_municipality_of_the_region_and_the_filters(db, region, places, transport, builder, driver):
    make_need(db, organisation=transport, occupation=driver, state='published', positions=2, horizon=Horizon.NOW)
    make_need(db, organisation=builder, occupation=driver, state='published', positions=5,
              horizon=Horizon.YEARS_2_5)
    make_need(db, organisation=builder, occupation=driver, state='published', positions=1, horizon=Horizon.NOW,
              municipality=places['Hardenberg'])
    assert [(row.label, row.value) for row in _figures(region).by_municipality] == [
        ('Ommen', 5), ('Hardenberg', 3), ('Dalfsen', 0)]

    only_now = _figures(region, horizon=Horizon.NOW)
    assert only_now.positions == 3
    assert _as_dict(only_now.by_municipality) == {'Hardenberg': (3,), 'Ommen': (0,), 'Dalfsen': (0,)}
    assert _as_dict(only_now.by_sector) == {'F – Construction': (1,), 'H – Transportation and storage': (2,)}

    in_hardenberg = _figures(region, municipality=places['Hardenberg'])
    assert in_hardenberg.positions == 3
    assert _as_dict(in_hardenberg.by_municipality) == {'Hardenberg': (3,)}


def test_effects_of_published_plans_by_direction(db, region, places, transport, builder, driver, mason):
    welder = make_occupation(db, label_nl='Lasser (proef)', label_en='Welder')
    make_plan(db, organisation=transport, state='published', visibility='staff', effects=[
        {'occupation': driver, 'direction': 'shrinks', 'headcount': 4, 'by_when': 'years_2_5'},
        {'occupation': welder, 'direction': 'new', 'headcount': 2, 'by_when': 'years_5_plus'}])
    make_plan(db, organisation=builder, state='published', visibility='network', effects=[
        {'occupation': driver, 'direction': 'shrinks', 'headcount': 1, 'by_when': 'now'},
        {'occupation': mason, 'direction': 'grows', 'headcount': 6, 'by_when': 'years_2_5'}])
    make_plan(db, organisation=builder, state='pending', effects=[{'occupation': mason, 'headcount': 50}])
    make_plan(db, organisation=builder, state='draft', effects=[{'occupation': mason, 'headcount': 50}])

    figures = _figures(region)
    assert figures.plans == 2
    assert _as_dict(figures.effects[EffectDirection.GROWS]) == {'Bricklayer': (6,)}
    assert _as_dict(figures.effects[EffectDirection.SHRINKS]) == {'Driver': (5,)}
    assert _as_dict(figures.effects[EffectDirection.NEW]) == {'Welder': (2,)}

    by_2030 = _figures(region, horizon=Horizon.YEARS_2_5)
    assert _as_dict(by_2030.effects[EffectDirection.SHRINKS]) == {'Driver': (4,)}
    assert by_2030.effects[EffectDirection.NEW] == []
    assert by_2030.plans == 2

    # a plan has no work location: it counts where its organisation is
    in_ommen = _figures(region, municipality=places['Ommen'])
    assert _as_dict(in_ommen.effects[EffectDirection.SHRINKS]) == {'Driver': (1,)}
    assert in_ommen.plans == 1


def test_an_edited_plan_counts_as_approved(db, region, transport, driver, mason):
    plan = make_plan(db, organisation=transport, state='published',
                     effects=[{'occupation': driver, 'direction': 'grows', 'headcount': 3}])
    plan.effects[0].occupation, plan.effects[0].headcount = mason, 30
    db.session.flush()
    assert _as_dict(_figures(region).effects[EffectDirection.GROWS]) == {'Driver': (3,)}


def test_skills_required_and_wished_top_20(db, region, transport, driver):
    forklift = make_skill(db, label_nl='Heftruck rijden (proef)', label_en='Forklift driving')
    safety = make_skill(db, label_nl='VCA (proef)', label_en='Safety certificate')
    dutch = make_skill(db, label_nl='Nederlands (proef)', label_en='Dutch')
    make_need(db, organisation=transport, occupation=driver, state='published', skills=[forklift, safety],
              wished_skills=[dutch])
    make_need(db, organisation=transport, occupation=driver, state='published', skills=[forklift],
              wished_skills=[safety])
    make_need(db, organisation=transport, occupation=driver, state='pending', skills=[dutch, safety])
    others = [make_skill(db, label_nl=f'Proefvaardigheid {i:02d}') for i in range(20)]
    make_need(db, organisation=transport, occupation=driver, state='published', wished_skills=others)

    skills = _figures(region).skills
    assert len(skills) == outlook.TOP_SKILLS == 20
    assert [(row.label, row.values) for row in skills[:3]] == [
        ('Forklift driving', (2, 0, 2)), ('Safety certificate', (1, 1, 2)), ('Dutch', (0, 1, 1))]


def test_nothing_published(db, region):
    figures = _figures(region)
    assert (figures.needs, figures.positions, figures.plans) == (0, 0, 0)
    assert [row.value for row in figures.by_horizon] == [0, 0, 0, 0, 0]
    assert figures.by_occupation == figures.by_sector == figures.skills == []
    assert [row.value for row in figures.by_municipality] == [0, 0, 0]
