"""Every caseload page renders for a Dutch staff member (the catalogue's plural rules are strict about numbers)."""

from datetime import timedelta

from portal.blueprints.caseload import imports
from portal.core.dbtypes import today
from tests.caseload.conftest import csv_text, valid_row
from tests.factories import make_candidate, make_staff


def test_every_page_renders_in_dutch(db, client, login, region, skills, occupation):
    staff = login(make_staff(db, region=region, email='anna@hardenberg.nl', locale='nl'))
    fresh = make_candidate(db, region=region, experience=[(occupation, 1)], accountmanager=staff)
    stale = make_candidate(db, region=region, availability_confirmed_on=today() - timedelta(weeks=9), dutch=None)
    checked = imports.upload_import(staff, region, filename='a.csv', raw=csv_text([valid_row(1)]).encode())
    imports.check_import(staff, checked, rows=None)
    rejected = imports.upload_import(staff, region, filename='b.csv',
                                     raw=csv_text([valid_row(2, gemeente='Zwolle')]).encode())
    imports.check_import(staff, rejected, rows=None)
    done = imports.upload_import(staff, region, filename='c.csv', raw=csv_text([valid_row(3)]).encode())
    imports.check_import(staff, done, rows=None)
    imports.import_candidates(staff, done)
    waiting = imports.upload_import(staff, region, filename='d.csv', raw=csv_text([valid_row(4)]).encode())
    db.session.commit()
    base = '/medewerkers/kandidaten'
    for url in (f'{base}/', f'{base}/?actueel=verlopen', f'{base}/nieuw', f'{base}/{fresh.id}', f'{base}/{stale.id}',
                f'{base}/{fresh.id}/bewerken', f'{base}/{fresh.id}/uitschrijven', f'{base}/import',
                *(f'{base}/import/{item.id}' for item in (checked, rejected, done, waiting))):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="nl"' in response.get_data(as_text=True)
