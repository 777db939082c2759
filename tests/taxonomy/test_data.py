"""The curated list: big enough, well-formed, unique per language, and loaded idempotently."""

import re

import sqlalchemy as sa
from sqlalchemy import func, select

from portal.data.taxonomy import OCCUPATIONS_FILE, SKILLS_FILE, load_taxonomy, read_occupations, read_skills
from portal.models.taxonomy import Occupation, Skill

#: the 43 sub-major groups of ISCO-08; a unit group code starts with one of them
ISCO_SUB_MAJOR_GROUPS = {
    '01', '02', '03', '11', '12', '13', '14', '21', '22', '23', '24', '25', '26', '31', '32', '33', '34', '35',
    '41', '42', '43', '44', '51', '52', '53', '54', '61', '62', '63', '71', '72', '73', '74', '75', '81', '82',
    '83', '91', '92', '93', '94', '95', '96',
}


def test_there_are_at_least_150_occupations_and_250_skills():
    assert len(read_occupations()) >= 150
    assert len(read_skills()) >= 250


def test_every_isco_code_is_a_four_digit_code_of_an_isco_08_sub_major_group():
    for row in read_occupations():
        assert re.fullmatch(r'\d{4}', row['isco_code']), row
        assert row['isco_code'][:2] in ISCO_SUB_MAJOR_GROUPS, row


def test_a_few_codes_that_are_easy_to_get_wrong():
    codes = {row['label_nl']: row['isco_code'] for row in read_occupations()}
    assert codes['Heftruckchauffeur'] == '8344'  # lifting-truck operators
    assert codes['Inpakker'] == '9321'  # hand packers
    assert codes['Medewerker wasserij'] == '8157'  # laundry machine operators (8155 is fur and leather)
    assert codes['Schoonmaker'] == '9112'
    assert codes['Afwasser'] == '9412'
    assert codes['Vakkenvuller'] == '9334'
    assert codes['Elektricien'] == '7411'


def test_labels_are_filled_and_unique_per_language_ignoring_case():
    for rows in (read_occupations(), read_skills()):
        for language in ('label_nl', 'label_en'):
            labels = [row[language] for row in rows]
            assert all(label and label == label.strip() and len(label) <= 160 for label in labels)
            folded = [label.casefold() for label in labels]
            duplicates = {label for label in folded if folded.count(label) > 1}
            assert not duplicates, f'{language}: {duplicates}'


def test_esco_uris_are_empty_or_esco_skill_addresses():
    for row in read_skills():
        uri = row['esco_uri']
        assert uri is None or re.fullmatch(r'http://data\.europa\.eu/esco/skill/[A-Za-z0-9.-]+', uri), row


def test_the_files_say_which_version_they_are():
    for path in (OCCUPATIONS_FILE, SKILLS_FILE):
        first = path.read_text(encoding='utf-8').splitlines()[0]
        assert first.startswith('#')
        assert 'version 1' in first
        assert '2026-11-22' in first


def test_the_migration_loaded_the_list_into_the_database(db):
    labels = [row['label_nl'] for row in read_occupations()]
    assert db.session.scalar(select(func.count(Occupation.id)).where(Occupation.label_nl.in_(labels))) == len(labels)
    skill_labels = [row['label_nl'] for row in read_skills()]
    assert db.session.scalar(select(func.count(Skill.id)).where(Skill.label_nl.in_(skill_labels))) == \
        len(skill_labels)
    forklift = db.session.scalar(select(Occupation).where(Occupation.label_nl == 'Heftruckchauffeur'))
    assert (forklift.isco_code, forklift.label_en, forklift.is_active) == ('8344', 'Forklift driver', True)


def _tables() -> tuple[sa.Engine, sa.Table, sa.Table]:
    """The loader's view of the two tables, on an empty in-memory database."""
    metadata = sa.MetaData()

    def columns() -> list[sa.Column]:
        return [sa.Column('id', sa.Integer, primary_key=True), sa.Column('label_nl', sa.String(160), unique=True),
                sa.Column('label_en', sa.String(160)), sa.Column('is_active', sa.Boolean),
                sa.Column('created_at', sa.DateTime(timezone=True)),
                sa.Column('updated_at', sa.DateTime(timezone=True))]

    occupations = sa.Table('occupations', metadata, sa.Column('isco_code', sa.String(4)), *columns())
    skills = sa.Table('skills', metadata, sa.Column('esco_uri', sa.String(255)), *columns())
    engine = sa.create_engine('sqlite://')
    metadata.create_all(engine)
    return engine, occupations, skills


def test_the_loader_adds_everything_once_and_then_nothing():
    engine, occupations, skills = _tables()
    with engine.begin() as conn:
        assert load_taxonomy(conn, occupations, skills) == (len(read_occupations()), len(read_skills()))
    with engine.begin() as conn:
        assert load_taxonomy(conn, occupations, skills) == (0, 0)
        assert conn.scalar(select(func.count()).select_from(occupations)) == len(read_occupations())
        assert conn.scalar(select(func.count()).select_from(skills)) == len(read_skills())


def test_the_loader_leaves_entries_a_coordinator_changed_alone():
    engine, occupations, skills = _tables()
    with engine.begin() as conn:
        conn.execute(occupations.insert().values(isco_code='9333', label_nl='ORDERPICKER', label_en='Picker',
                                                 is_active=False))
        added, _ = load_taxonomy(conn, occupations, skills)
        assert added == len(read_occupations()) - 1  # 'Orderpicker' is there already, in another case
        row = conn.execute(select(occupations).where(func.lower(occupations.c.label_nl) == 'orderpicker')).one()
        assert (row.label_nl, row.label_en, row.is_active) == ('ORDERPICKER', 'Picker', False)
