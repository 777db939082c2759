"""`flask seed-demo`: the two demo regions, idempotent, and never by accident in production."""

from flask import Flask
from sqlalchemy import delete, func, select

from portal.extensions import db as _db
from portal.models.tenancy import Municipality, Region
from tests.factories import make_region

VECHTDAL = {'Hardenberg', 'Dalfsen', 'Ommen'}
DRECHTSTEDEN = {'Dordrecht', 'Zwijndrecht', 'Papendrecht', 'Sliedrecht', 'Alblasserdam', 'Hendrik-Ido-Ambacht'}


def counts() -> tuple[int, int]:
    return (_db.session.scalar(select(func.count()).select_from(Region)),
            _db.session.scalar(select(func.count()).select_from(Municipality)))


def municipality_names(slug: str) -> set[str]:
    return {municipality.name for municipality in Region.by_slug(slug).municipalities}


def seed(app: Flask, *args: str):
    with app.app_context():
        return app.test_cli_runner().invoke(args=['seed-demo', *args])


# seed-demo commits for real, so these tests run on a database of their own (see the last test).

def test_seed_demo_creates_vechtdal_and_drechtsteden(isolated_app: Flask):
    result = seed(isolated_app)
    assert result.exit_code == 0, result.output
    assert 'regions and municipalities: 11 created' in result.output

    with isolated_app.app_context():
        assert Region.by_slug('vechtdal').name == 'Vechtdal'
        assert municipality_names('vechtdal') == VECHTDAL
        assert Region.by_slug('drechtsteden').name == 'Drechtsteden'
        assert municipality_names('drechtsteden') == DRECHTSTEDEN
        assert counts() == (2, 9)


def test_seed_demo_twice_changes_nothing(isolated_app: Flask):
    assert seed(isolated_app).exit_code == 0
    with isolated_app.app_context():
        after_first = counts()

    second = seed(isolated_app)
    assert second.exit_code == 0, second.output
    assert 'regions and municipalities: 0 created' in second.output
    with isolated_app.app_context():
        assert counts() == after_first == (2, 9)


def test_seed_demo_refuses_under_production_settings(production_app: Flask):
    result = seed(production_app)
    assert result.exit_code != 0
    assert 'refuses to run with production settings' in result.output
    assert '--force' in result.output
    with production_app.app_context():
        assert counts() == (0, 0)


def test_seed_demo_runs_under_production_settings_with_force(production_app: Flask):
    result = seed(production_app, '--force')
    assert result.exit_code == 0, result.output
    with production_app.app_context():
        assert municipality_names('vechtdal') == VECHTDAL
        assert counts() == (2, 9)


def test_a_commit_inside_the_db_fixture_stays_inside_the_test_transaction(app, db):
    make_region(db, slug='commit-probe', municipalities=0)
    db.session.commit()  # what seed-demo and every other CLI command does
    with db.engine.connect() as other:
        leaked = other.scalar(select(func.count()).select_from(Region).where(Region.slug == 'commit-probe'))
    if leaked:
        # Do not leave the row behind for the rest of the suite (the first region brands every page).
        with db.engine.begin() as other:
            other.execute(delete(Region).where(Region.slug == 'commit-probe'))
    assert leaked == 0, 'the commit escaped the test transaction'
