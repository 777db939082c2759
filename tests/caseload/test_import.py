"""Importing candidates: the file's format, the dry run row by row and in chunks, and all or nothing."""

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.blueprints.caseload import imports
from portal.core.dbtypes import today
from portal.core.operations import OperationRefused
from portal.models.caseload import Candidate, CandidateImport, ConsentScope, ImportState
from tests.caseload.conftest import csv_text, events, valid_row
from tests.factories import make_candidate, make_skill


@pytest.fixture
def upload(db, region, staff, skills, occupation):
    def send(text: str, *, encoding: str = 'utf-8') -> CandidateImport:
        return imports.upload_import(staff, region, filename='kandidaten.csv', raw=text.encode(encoding))
    return send


def checked(staff, candidate_import, **kwargs) -> CandidateImport:
    imports.check_import(staff, candidate_import, rows=None, **kwargs)
    return candidate_import


def problems_of(candidate_import) -> list[tuple]:
    return [(p['row'], p['column']) for p in candidate_import.problems]


def candidates(db, region) -> int:
    return db.session.scalar(select(func.count()).select_from(Candidate).where(Candidate.region_id == region.id))


# Reading the file ----------------------------------------------------------------------------------

@pytest.mark.parametrize(('delimiter', 'bom'), [(';', ''), (';', '\ufeff'), (',', ''), (',', '\ufeff')])
def test_semicolons_or_commas_with_or_without_a_byte_order_mark(db, staff, upload, delimiter, bom):
    candidate_import = checked(staff, upload(bom + csv_text([valid_row(1), valid_row(2)], delimiter=delimiter)))
    assert candidate_import.problems == []
    assert candidate_import.row_count == 2
    assert candidate_import.state == ImportState.CHECKED


def test_empty_lines_are_skipped_and_rows_keep_the_numbers_excel_shows(db, staff, upload):
    text = csv_text([valid_row(1)]) + ';;;\r\n' + csv_text([valid_row(2, uren_min='x')]).split('\r\n', 1)[1]
    candidate_import = checked(staff, upload(text))
    assert candidate_import.row_count == 2
    assert problems_of(candidate_import) == [(4, 'uren_min')]


def test_a_file_that_is_not_utf8_or_has_no_rows_is_refused_at_upload(db, upload):
    with pytest.raises(OperationRefused, match='UTF-8'):
        upload(csv_text([valid_row(1, voornaam='Zoë')]), encoding='utf-16')
    with force_locale('en'), pytest.raises(OperationRefused, match='no rows'):
        upload(csv_text([]))


def test_the_upload_is_kept_for_its_dry_run_and_audited(db, staff, upload, region):
    candidate_import = upload(csv_text([valid_row(1)]))
    assert (candidate_import.state, candidate_import.row_count, candidate_import.region_id) == (
        ImportState.UPLOADED, 1, region.id)
    assert [e.details for e in events(db, 'candidate_import.uploaded')] == [{'rows': 1}]


# The dry run ---------------------------------------------------------------------------------------

def test_a_missing_required_column_stops_the_check_and_unknown_columns_are_named(db, staff, upload):
    columns = [c for c in valid_row() if c != 'uren_max'] + ['uren']
    candidate_import = checked(staff, upload(csv_text([valid_row(1, uren='8')], columns=columns)))
    assert candidate_import.state == ImportState.REJECTED
    assert sorted(problems_of(candidate_import)) == [(1, 'uren'), (1, 'uren_max')]
    assert candidate_import.checked_rows == 1


@pytest.mark.parametrize(('column', 'value', 'message'), [
    ('referentie', '', 'Fill in the reference'),
    ('gemeente', 'Zwolle', '“Zwolle” is not a municipality of your region'),
    ('postcode', '7772 AB', 'four digits'),
    ('opleiding', 'universiteit', '“universiteit” is not one of the allowed values'),
    ('rijbewijs', 'misschien', 'Fill in ja or nee.'),
    ('uren_min', '0', 'Fill in a whole number from 1 to 60.'),
    ('uren_max', '12', 'The most hours per week cannot be fewer than the fewest.'),
    ('reisafstand_km', '12,5', 'Fill in a whole number from 0 to 200.'),
    ('beschikbaar_vanaf', '1 december', 'Fill in a date like 2026-12-01 or 01-12-2026.'),
    ('dagdelen', 'ochtend;zondag', '“zondag” is not one of the allowed values: ochtend, middag, avond, nacht, weekend'),
    ('ondersteuning', 'fiets', '“fiets” is not one of the allowed values'),
    ('doelgroepen', 'wajong', '“wajong” is not one of the allowed values'),
    ('loonwaarde', '60.5', 'Fill in a whole number from 0 to 100.'),
    ('loonwaarde', '110', 'Fill in a whole number from 0 to 100.'),
    ('accountmanager', 'iemand@elders.nl', 'iemand@elders.nl is not an account manager of your region.'),
    ('vaardigheden', 'Heftruckcertificaat;Toveren', '“Toveren” is not in the list of occupations and skills.'),
    ('vaardigheden', 'VCA basis;VCA basis:expert', '“VCA basis” appears more than once.'),
    ('werkervaring', 'Orderpicker:drie', 'Give the years after a colon'),
    ('werkervaring', '9333:2', 'ISCO code 9333 does not name exactly one occupation'),
    ('talen', 'nl', 'Give each language as its code and level'),
    ('talen', 'xx:B1', 'Give each language as its code and level'),
    ('toestemming_datum', '', 'Fill in a date.'),
    ('toestemming_datum', (today() + timedelta(days=1)).isoformat(), 'cannot be in the future'),
    ('voornaam', 'x' * 61, 'Use at most 60 characters.'),
])
def test_each_problem_is_reported_with_its_row_and_column(db, staff, upload, column, value, message):
    candidate_import = checked(staff, upload(csv_text([valid_row(1), valid_row(2, **{column: value})])))
    assert candidate_import.state == ImportState.REJECTED
    assert problems_of(candidate_import) == [(3, column)]
    assert message in candidate_import.problems[0]['message']


def test_taxonomy_by_esco_uri_and_isco_code_and_municipality_by_cbs_code(db, staff, upload):
    skill = make_skill(db, esco_uri='http://data.europa.eu/esco/skill/test-forklift')
    row = valid_row(1, gemeente='gm0175', vaardigheden=f'{skill.esco_uri}:basis', werkervaring='7212:2',
                    opleiding='MBO 2', talen='NL:b2', rijbewijs='Nee', toestemming_voorstellen='nee',
                    toestemming_datum='')
    candidate_import = checked(staff, upload(csv_text([row])))
    assert candidate_import.problems == []


def test_a_bsn_in_any_cell_is_refused_without_repeating_it(db, staff, upload):
    candidate_import = checked(staff, upload(csv_text([valid_row(1, notities='bsn 111222333'),
                                                       valid_row(2, referentie='111.222.333')])))
    assert problems_of(candidate_import) == [(2, 'notities'), (3, 'referentie')]
    assert all('citizen service number' in p['message'] for p in candidate_import.problems)
    assert '111' not in str(candidate_import.problems)


def test_references_are_unique_in_the_region_and_in_the_file(db, staff, upload, region):
    make_candidate(db, region=region, reference='CL-1')
    candidate_import = checked(staff, upload(csv_text([valid_row(1), valid_row(2), valid_row(2)])))
    assert problems_of(candidate_import) == [(2, 'referentie'), (4, 'referentie')]
    assert 'Row 3 of this file has the same reference.' in candidate_import.problems[1]['message']


def test_a_switched_off_skill_is_refused(db, staff, upload, skills):
    skills[1].is_active = False
    candidate_import = checked(staff, upload(csv_text([valid_row(1)])))
    assert problems_of(candidate_import) == [(2, 'vaardigheden')]
    assert 'no longer in the list' in candidate_import.problems[0]['message']


def test_the_dry_run_goes_in_chunks_and_finds_duplicates_across_them(db, staff, upload):
    rows = [valid_row(n) for n in range(1, 1201)]
    rows[899]['referentie'] = 'CL-2'
    candidate_import = upload(csv_text(rows))
    progress = []
    while candidate_import.state == ImportState.UPLOADED:
        imports.check_import(staff, candidate_import, rows=500)
        progress.append(candidate_import.checked_rows)
    assert progress == [500, 1000, 1200]
    assert problems_of(candidate_import) == [(901, 'referentie')]
    assert candidate_import.state == ImportState.REJECTED
    assert len(events(db, 'candidate_import.checked')) == 1


def test_check_again_starts_over(db, staff, upload, skills):
    skills[1].is_active = False
    candidate_import = checked(staff, upload(csv_text([valid_row(1)])))
    skills[1].is_active = True
    imports.restart_check(staff, candidate_import)
    assert checked(staff, candidate_import).state == ImportState.CHECKED
    assert candidate_import.problems == []


# Importing -----------------------------------------------------------------------------------------

def test_import_writes_every_row_with_consent_only_where_the_file_says_so(db, staff, upload, region, skills):
    candidate_import = checked(staff, upload(csv_text([
        valid_row(1), valid_row(2, toestemming_voorstellen='nee', toestemming_datum='', accountmanager='')])))

    assert imports.import_candidates(staff, candidate_import) == 2

    first, second = db.session.scalars(select(Candidate).where(Candidate.region_id == region.id)
                                       .order_by(Candidate.reference))
    assert first.reference == 'CL-1'
    assert first.first_name == 'Fatima'
    assert first.accountmanager_id == staff.id
    assert first.municipality.name == 'Hardenberg'
    assert first.day_parts == ['weekday_afternoon', 'weekday_morning']
    assert {link.skill_id: link.level.value for link in first.skill_links} == {
        skills[0].id: 'expert', skills[1].id: 'good'}
    assert first.experience[0].years == 3
    assert first.dutch_level.value == 'b1'
    assert first.availability_confirmed_on == today()
    assert first.active_consent(ConsentScope.PROPOSALS).given_on == today() - timedelta(days=10)
    assert first.is_matchable(today())
    assert second.consents == []
    assert second.accountmanager_id is None
    assert first.code != second.code
    assert candidate_import.state == ImportState.IMPORTED
    assert candidate_import.content is None
    assert candidate_import.imported_count == 2
    [event] = events(db, 'candidate_import.imported')
    assert (event.object_type, event.object_id, event.details) == ('CandidateImport', str(candidate_import.id),
                                                                 {'count': 2})
    # and each profile's own history says who created it, and from which file
    rows = events(db, 'candidate.imported')
    assert sorted((e.object_type, e.object_id) for e in rows) == sorted(
        [('Candidate', str(first.id)), ('Candidate', str(second.id))])
    assert {(e.actor_id, e.actor_kind, e.region_id) for e in rows} == {(staff.id, 'user', region.id)}
    assert [e.details for e in rows] == [{'import_id': candidate_import.id}] * 2
    assert all(e.occurred_at is not None for e in rows)


def test_only_a_checked_file_is_imported(db, staff, upload):
    candidate_import = upload(csv_text([valid_row(1)]))
    with pytest.raises(OperationRefused):
        imports.import_candidates(staff, candidate_import)
    checked(staff, candidate_import)
    imports.import_candidates(staff, candidate_import)
    with pytest.raises(OperationRefused):
        imports.import_candidates(staff, candidate_import)


def test_what_changed_since_the_dry_run_stops_the_whole_import(db, staff, upload, region):
    candidate_import = checked(staff, upload(csv_text([valid_row(1), valid_row(2)])))
    make_candidate(db, region=region, reference='CL-2')
    assert imports.import_candidates(staff, candidate_import) == 0
    assert candidate_import.state == ImportState.REJECTED
    assert problems_of(candidate_import) == [(3, 'referentie')]
    assert candidates(db, region) == 1


def test_a_failure_while_writing_leaves_nothing_written(db, staff, upload, region, monkeypatch):
    candidate_import = checked(staff, upload(csv_text([valid_row(n) for n in range(1, 31)])))
    db.session.commit()
    # two rows with the same pseudonym: the database refuses the second one, after 29 good rows
    monkeypatch.setattr(imports, 'new_codes', lambda count: ['KB-AAAA-AA'] * count)
    with pytest.raises(OperationRefused):
        imports.import_candidates(staff, candidate_import)
    db.session.rollback()
    assert candidates(db, region) == 0
    assert candidate_import.state == ImportState.CHECKED
    assert candidate_import.content is not None
    assert events(db, 'candidate.imported') == []
    assert events(db, 'candidate_import.imported') == []


def test_discarding_clears_the_file(db, staff, upload):
    candidate_import = checked(staff, upload(csv_text([valid_row(1, gemeente='Zwolle')])))
    imports.discard_import(staff, candidate_import)
    assert candidate_import.content is None
    assert candidate_import.problems == []
    assert imports.is_discarded(candidate_import)
    assert len(events(db, 'candidate_import.discarded')) == 1
    for operation in (imports.discard_import, imports.check_import, imports.restart_check):
        with pytest.raises(OperationRefused):
            operation(staff, candidate_import)


# Two thousand rows ---------------------------------------------------------------------------------

def test_two_thousand_rows_are_checked_and_imported(db, staff, upload, region):
    candidate_import = upload(csv_text([valid_row(n) for n in range(1, 2001)]))
    while candidate_import.state == ImportState.UPLOADED:
        imports.check_import(staff, candidate_import)
    assert candidate_import.state == ImportState.CHECKED
    assert imports.import_candidates(staff, candidate_import) == 2000
    assert candidates(db, region) == 2000


def test_one_bad_row_among_two_thousand_blocks_the_whole_import(db, staff, upload, region):
    rows = [valid_row(n) for n in range(1, 2001)]
    rows[1733]['uren_max'] = '61'
    candidate_import = checked(staff, upload(csv_text(rows)))
    assert problems_of(candidate_import) == [(1735, 'uren_max')]
    with pytest.raises(OperationRefused):
        imports.import_candidates(staff, candidate_import)
    assert candidates(db, region) == 0
