"""Builders for the demand tests: an employer of Vechtdal, occupations and skills, and a need's form fields."""

import pytest
from sqlalchemy import select

from portal.blueprints.demand import operations
from portal.models.audit import AuditEvent
from tests.factories import make_occupation, make_organisation, make_region, make_skill, make_user


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal', municipalities=2)


@pytest.fixture
def owner(db):
    return make_user(db, email='olga@bakkerij.nl', name='Olga Eigenaar', locale='en')


@pytest.fixture
def organisation(db, region, owner):
    organisation = make_organisation(db, region=region, owner=owner, name='Bakkerij Bol B.V.')
    db.session.refresh(owner)
    return organisation


@pytest.fixture
def occupation(db):
    return make_occupation(db, isco_code='7512', label_nl='Broodbakker', label_en='Baker')


@pytest.fixture
def skills(db):
    return [make_skill(db, label_nl=f'Vaardigheid {name}', label_en=f'Skill {name}') for name in 'ABCD']


@pytest.fixture
def need_fields(region, occupation, skills):
    """Everything the need form gives an operation, valid."""
    return {
        'title': 'Broodbakker in de nacht', 'description': 'Vers brood voor de regio.',
        'occupation_id': occupation.id, 'required_skill_ids': [skills[0].id, skills[1].id],
        'wished_skill_ids': [skills[2].id], 'positions': 2, 'hours_min': 24, 'hours_max': 32,
        'contract_type': 'fixed_term', 'municipality_id': region.municipalities[0].id, 'postcode': '7772 AB',
        'day_parts': ['night', 'weekend'], 'language_level': 'a2', 'start_on': None, 'horizon': 'within_6_months',
        'open_to_wage_subsidy': True, 'open_to_job_coach': True, 'open_to_trial_placement': False,
        'open_to_learn_work': False, 'open_to_part_time': True, 'open_to_adapted_work': False,
        'ends_on': operations.default_end(),
    }


@pytest.fixture
def plan_fields(occupation, skills):
    return {
        'title': 'Robots in het magazijn', 'theme': 'automation', 'timeframe': 'years_2_5',
        'description': 'We automatiseren het orderpicken.', 'visibility': 'network',
        'effects': [{'occupation_id': occupation.id, 'direction': 'grows', 'headcount': 3, 'by_when': 'years_2_5',
                     'skill_ids': [skills[0].id], 'training_need': 'Heftruckcertificaat'}],
    }


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))
