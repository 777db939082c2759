"""Builders for the caseload tests: a region with two municipalities, its staff, curated skills, a profile."""

import pytest
from sqlalchemy import select

from portal.core.dbtypes import today
from portal.models.audit import AuditEvent
from tests.factories import make_municipality, make_occupation, make_region, make_skill, make_staff


@pytest.fixture
def region(db):
    region = make_region(db, name='Vechtdal', municipalities=0)
    make_municipality(db, region=region, name='Hardenberg', cbs_code='GM0160')
    make_municipality(db, region=region, name='Ommen', cbs_code='GM0175')
    db.session.refresh(region)
    return region


@pytest.fixture
def staff(db, region):
    return make_staff(db, region=region, name='Anna Accountmanager', email='anna@hardenberg.nl', locale='en')


@pytest.fixture
def colleague(db, region):
    return make_staff(db, region=region, name='Bert Collega', email='bert@hardenberg.nl', locale='en')


@pytest.fixture
def other_staff(db):
    return make_staff(db, region=make_region(db, name='Drechtsteden'), locale='en')


@pytest.fixture
def skills(db):
    return [make_skill(db, label_nl=label) for label in ('Heftruckcertificaat', 'VCA basis', 'Orderpicken')]


@pytest.fixture
def occupation(db):
    return make_occupation(db, label_nl='Orderpicker')


@pytest.fixture
def profile_fields(region, staff, skills, occupation):
    """Everything the candidate form gives an operation, valid and complete."""
    return {
        'municipality_id': region.municipalities[0].id, 'postcode_area': '7772', 'first_name': 'Fatima',
        'reference': 'CL-20481', 'education_level': 'mbo2', 'has_driving_licence': True, 'hours_min': 24,
        'hours_max': 32, 'max_travel_km': 20, 'available_from': today(), 'day_parts': ['weekday_morning', 'night'],
        'support_needs': ['job_coach'], 'target_groups': ['participatiewet'], 'loonwaarde': 70,
        'accountmanager_id': staff.id, 'notes': 'Wil graag in de logistiek werken.',
        'skills': [(skills[0].id, 'good'), (skills[1].id, 'basic')], 'experience': [(occupation.id, 3)],
        'languages': [('nl', 'b1'), ('ar', 'native')],
    }


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# Imports -------------------------------------------------------------------------------------------

def valid_row(n: int = 1, **cells) -> dict:
    """One row of a candidate CSV that passes the check in the `region` fixture (with the `staff` fixture)."""
    from datetime import timedelta

    return {'referentie': f'CL-{n}', 'voornaam': 'Fatima', 'gemeente': 'Hardenberg', 'postcode': '7772',
            'opleiding': 'mbo2', 'rijbewijs': 'ja', 'uren_min': '24', 'uren_max': '32', 'reisafstand_km': '20',
            'beschikbaar_vanaf': '2026-12-01', 'dagdelen': 'ochtend;middag', 'ondersteuning': 'jobcoach',
            'doelgroepen': 'participatiewet', 'loonwaarde': '60', 'accountmanager': 'anna@hardenberg.nl',
            'vaardigheden': 'Heftruckcertificaat:expert;VCA basis', 'werkervaring': 'Orderpicker:3',
            'talen': 'nl:B1;ar:moedertaal', 'toestemming_voorstellen': 'ja',
            'toestemming_datum': (today() - timedelta(days=10)).isoformat(), 'notities': 'Vroege diensten.',
            **cells}


def csv_text(rows: list[dict], *, delimiter: str = ';', columns=None) -> str:
    import csv
    import io

    from portal.blueprints.caseload.import_format import COLUMNS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns or COLUMNS), delimiter=delimiter, lineterminator='\r\n',
                            extrasaction='ignore')
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
