"""The import pages: upload, the dry run by script (JSON chunks) and without (one post), import, discard."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.blueprints.caseload import imports
from portal.core.demo import seed_regions
from portal.core.demo_accounts import seed_accounts
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.caseload import Candidate, CandidateImport, ImportState
from portal.models.tenancy import Region
from tests.caseload.conftest import csv_text, events, valid_row
from tests.factories import make_user

UPLOAD = '/medewerkers/kandidaten/import'
SAMPLE = Path(__file__).parents[2] / 'docs' / 'kandidaten-voorbeeld.csv'
JSON = {'Accept': 'application/json'}


@pytest.fixture
def signed_in(db, login, staff, skills, occupation):
    db.session.commit()  # a refused action rolls back: keep the test's own rows
    return login(staff)


def send_file(post, text: str | bytes, filename: str = 'kandidaten.csv'):
    raw = text.encode() if isinstance(text, str) else text
    return post(UPLOAD, {'file': (io.BytesIO(raw), filename)}, content_type='multipart/form-data')


def uploaded(db) -> CandidateImport:
    return db.session.scalars(select(CandidateImport).order_by(CandidateImport.id.desc())).first()


def count(db, region_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Candidate).where(Candidate.region_id == region_id))


def test_upload_then_check_without_javascript_then_import(db, client, post, signed_in, region):
    page = client.get(UPLOAD).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page

    response = send_file(post, csv_text([valid_row(1), valid_row(2)]))
    candidate_import = uploaded(db)
    assert response.status_code == 302
    assert response.location == f'{UPLOAD}/{candidate_import.id}'
    page = client.get(response.location).get_data(as_text=True)
    assert 'The file is uploaded: 2 rows.' in page
    assert '<progress id="import-progress" max="2" value="0">' in page
    assert 'js/import.js' in page

    response = post(f'{UPLOAD}/{candidate_import.id}/controleren')
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert 'The check found no problems.' in page
    assert 'data-state="checked"' in page

    page = client.get(post(f'{UPLOAD}/{candidate_import.id}/importeren').location).get_data(as_text=True)
    assert '2 job seekers were imported.' in page
    assert count(db, region.id) == 2
    assert candidate_import.content is None

    # each imported profile's history says who imported it
    imported = db.session.scalars(select(Candidate).where(Candidate.region_id == region.id)).first()
    profile = client.get(f'/medewerkers/kandidaten/{imported.id}').get_data(as_text=True)
    history = profile.split('id="history-caption"', 1)[1].split('</table>', 1)[0]
    assert '>Imported the profile from a file</th>' in history
    assert 'Anna Accountmanager' in history


def test_the_script_checks_in_chunks_and_reads_json(db, client, post, signed_in, csrf_token):
    send_file(post, csv_text([valid_row(n) for n in range(1, 1101)]))
    candidate_import = uploaded(db)
    url = f'{UPLOAD}/{candidate_import.id}/controleren'
    answers = []
    while not answers or not answers[-1]['done']:
        response = client.post(url, headers={**JSON, 'X-CSRFToken': csrf_token()})
        assert response.status_code == 200
        answers.append(response.get_json())
    assert [a['checked_rows'] for a in answers] == [500, 1000, 1100]
    assert answers[-1] == {'checked_rows': 1100, 'row_count': 1100, 'done': True, 'problems': 0, 'state': 'checked'}


def test_the_chunk_endpoint_needs_the_csrf_token(db, client, post, signed_in):
    send_file(post, csv_text([valid_row(1)]))
    candidate_import = uploaded(db)
    assert client.post(f'{UPLOAD}/{candidate_import.id}/controleren', headers=JSON).status_code == 400
    assert candidate_import.checked_rows == 0


def test_problems_are_listed_by_row_and_column_and_nothing_can_be_imported(db, client, post, signed_in, region):
    send_file(post, csv_text([valid_row(1), valid_row(2, uren_min='zestig', gemeente='Zwolle')]))
    candidate_import = uploaded(db)
    page = client.get(post(f'{UPLOAD}/{candidate_import.id}/controleren').location).get_data(as_text=True)
    assert 'Row 3, column uren_min: Fill in a whole number from 1 to 60.' in page
    assert 'Row 3, column gemeente: “Zwolle” is not a municipality of your region.' in page
    assert 'data-problems="2"' in page
    assert 'Import all rows' not in page
    post(f'{UPLOAD}/{candidate_import.id}/importeren')
    assert count(db, region.id) == 0
    assert candidate_import.state == ImportState.REJECTED


def test_problems_are_written_in_the_staff_members_language(db, client, post, login, region, skills, occupation):
    dutch = login(make_user(db, email='dirk@ommen.nl', locale='nl'))
    dutch.staff_role = StaffRole(region=region, kind=StaffKind.ACCOUNTMANAGER)
    db.session.commit()
    send_file(post, csv_text([valid_row(1, accountmanager='', voornaam='x' * 61)]))
    candidate_import = uploaded(db)
    post(f'{UPLOAD}/{candidate_import.id}/controleren')
    assert candidate_import.problems[0]['message'] == 'Gebruik maximaal 60 tekens.'


@pytest.mark.parametrize(('filename', 'content', 'message'), [
    ('kandidaten.xlsx', 'referentie', 'Choose a .csv file.'),
    ('kandidaten.csv', '', 'The file is empty.'),
    ('kandidaten.csv', 'referentie;gemeente\r\n', 'This file has no rows below the header.'),
    ('kandidaten.csv', 'referentie;voornaam\r\nCL-1;Zoë\r\n'.encode('cp1252'), 'This file is not UTF-8 text.'),
])
def test_a_file_that_cannot_be_imported_is_refused_at_the_field(db, client, post, signed_in, filename, content,
                                                                message):
    page = send_file(post, content, filename).get_data(as_text=True)
    assert message in page
    assert 'id="file-error"' in page
    assert uploaded(db) is None


def test_a_file_over_five_megabytes_is_refused(db, client, post, signed_in):
    response = send_file(post, b'referentie\r\n' + b'x' * (5 * 1024 * 1024))
    assert response.status_code in (200, 413)
    assert 'The file is larger than 5 MB.' in response.get_data(as_text=True)
    assert uploaded(db) is None


def test_discard_clears_the_content(db, client, post, signed_in):
    send_file(post, csv_text([valid_row(1)]))
    candidate_import = uploaded(db)
    page = client.get(post(f'{UPLOAD}/{candidate_import.id}/verwijderen').location).get_data(as_text=True)
    assert 'The file is discarded.' in page
    assert candidate_import.content is None
    assert 'Discarded' in page
    assert len(events(db, 'candidate_import.discarded')) == 1


def test_imports_of_another_region_are_not_found(db, client, post, login, signed_in, other_staff):
    send_file(post, csv_text([valid_row(1)]))
    candidate_import = uploaded(db)
    login(other_staff)
    assert client.get(UPLOAD).get_data(as_text=True).count('kandidaten.csv') == 0
    for action in ('', '/controleren', '/importeren', '/verwijderen'):
        url = f'{UPLOAD}/{candidate_import.id}{action}'
        assert (client.get(url) if not action else post(url)).status_code == 404
    assert candidate_import.content is not None


def test_two_thousand_rows_through_the_pages(db, client, post, signed_in, csrf_token, region):
    send_file(post, csv_text([valid_row(n) for n in range(1, 2001)]))
    candidate_import = uploaded(db)
    done = False
    while not done:
        done = client.post(f'{UPLOAD}/{candidate_import.id}/controleren',
                           headers={**JSON, 'X-CSRFToken': csrf_token()}).get_json()['done']
    assert candidate_import.state == ImportState.CHECKED
    post(f'{UPLOAD}/{candidate_import.id}/importeren')
    assert count(db, region.id) == 2000
    assert [e.details for e in events(db, 'candidate_import.imported')] == [{'count': 2000}]
    assert len(events(db, 'candidate.imported')) == 2000


def test_the_sample_file_passes_in_a_region_built_like_the_demo(db, client, post, login):
    seed_regions()
    seed_accounts()
    vechtdal = Region.by_slug('vechtdal')
    staff = db.session.scalar(select(User).where(User.email == 'accountmanager@demo.kansenkamer.nl'))
    db.session.commit()
    login(staff)
    send_file(post, SAMPLE.read_bytes(), 'kandidaten-voorbeeld.csv')
    candidate_import = uploaded(db)
    assert candidate_import.row_count >= 10
    imports.check_import(staff, candidate_import, rows=None)
    assert candidate_import.problems == []
    assert imports.import_candidates(staff, candidate_import) == candidate_import.row_count
    assert count(db, vechtdal.id) == candidate_import.row_count


def test_the_upload_page_names_the_columns_and_offers_the_sample(db, client, signed_in):
    page = client.get(UPLOAD).get_data(as_text=True)
    assert 'Required columns: referentie, gemeente, opleiding, uren_min, uren_max' in page
    response = client.get(UPLOAD + '/voorbeeld.csv')
    assert response.status_code == 200
    assert response.mimetype == 'text/csv'
    assert response.data == SAMPLE.read_bytes()
    response.close()
