"""The data migration: `flask db upgrade` brings the curated list; its downgrade takes back only what it added
and is not in use."""

from collections.abc import Iterator

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.data.taxonomy import read_occupations, read_skills
from portal.extensions import db
from portal.models.taxonomy import Occupation, Skill
from tests.core.conftest import app_on_database, empty_database
from tests.factories import make_need, make_occupation, make_skill

BEFORE = '632a162b3fa4'  # the demand schema, without the curated rows


@pytest.fixture
def fresh_app(monkeypatch, tmp_path) -> Iterator[Flask]:
    with empty_database(tmp_path, 'taxonomy') as url, app_on_database(url, monkeypatch) as app:
        yield app


def counts() -> tuple[int, int]:
    return (db.session.scalar(select(func.count(Occupation.id))), db.session.scalar(select(func.count(Skill.id))))


def test_upgrade_loads_the_list_and_downgrade_removes_it_except_what_is_in_use(fresh_app):
    with fresh_app.app_context():
        flask_migrate.upgrade()
        assert counts() == (len(read_occupations()), len(read_skills()))

        # a coordinator's own entry, and a need that uses a curated occupation and skill
        make_occupation(db, isco_code='9629', label_nl='Eigen beroep', label_en='Own occupation')
        forklift = db.session.scalar(select(Skill).where(Skill.label_nl == 'Heftruckcertificaat'))
        picker = db.session.scalar(select(Occupation).where(Occupation.label_nl == 'Orderpicker'))
        make_need(db, occupation=picker, skills=[forklift, make_skill(db, label_nl='Eigen vaardigheid')])
        db.session.commit()
        db.session.remove()  # the migrations run on their own connection

        flask_migrate.downgrade(revision=BEFORE)
        occupations = set(db.session.scalars(select(Occupation.label_nl)))
        skills = set(db.session.scalars(select(Skill.label_nl)))
        assert occupations == {'Eigen beroep', 'Orderpicker'}
        assert skills == {'Heftruckcertificaat', 'Eigen vaardigheid'}

        db.session.remove()
        flask_migrate.upgrade()  # and back: nothing twice
        assert counts() == (len(read_occupations()) + 1, len(read_skills()) + 1)
