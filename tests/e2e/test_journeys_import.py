"""Journey of the caseload: staff import job seekers from a CSV file with a dry run that lists a bad row in the
portal's words, fix the file and import it whole, and are refused a BSN typed into a free-text field.

Every page is checked with axe-core and must log no console errors (see Visitor). The texts these pages show
are read through `say`, as the live server renders them in Dutch.
"""

import re
import uuid

import pytest

from portal.core.dbtypes import today
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.extensions import db
from portal.models.caseload import Candidate
from tests.e2e.helpers import Visitor, audit_rows, open_in_menu, say, sign_in_as_staff

pytestmark = pytest.mark.e2e

DEMO_ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal
#: the refusal every free-text field gives, in the Dutch of the catalogue
BSN_REFUSED = 'Dit lijkt een burgerservicenummer (BSN). Kansenkamer bewaart nooit een BSN: laat het weg.'

IMPORT_HEADER = ('referentie;voornaam;gemeente;postcode;opleiding;rijbewijs;uren_min;uren_max;reisafstand_km;'
                 'beschikbaar_vanaf;dagdelen;ondersteuning;doelgroepen;loonwaarde;accountmanager;vaardigheden;'
                 'werkervaring;talen;toestemming_voorstellen;toestemming_datum;notities')


def import_file(run: str, second_row_hours: tuple[int, int]) -> str:
    """Two job seekers in the documented format; the second one's hours as given (at least, at most)."""
    low, high = second_row_hours
    consent = today().isoformat()
    return '\n'.join([
        IMPORT_HEADER,
        f'E2E-{run}-1;Ilse;Hardenberg;7772;mbo2;ja;24;32;25;{consent};"ochtend;middag";;participatiewet;;'
        f'{DEMO_ACCOUNTMANAGER};"Orderpicken:goed;Heftruckcertificaat";Orderpicker:3;nl:B1;ja;{consent};',
        f'E2E-{run}-2;Joost;Ommen;7731;vmbo;nee;{low};{high};15;{consent};"ochtend;weekend";;participatiewet;;'
        f'{DEMO_ACCOUNTMANAGER};Schoonmaken volgens schoonmaakplan;Schoonmaker:2;nl:moedertaal;ja;{consent};',
    ]) + '\n'


def upload_and_check(staff: Visitor, path, t) -> None:
    """On the upload page: choose the file, upload it, and run the dry run (the script checks it in chunks)."""
    page = staff.page
    page.get_by_label(re.compile('^' + re.escape(t('CSV file')))).set_input_files(str(path))
    staff.follow(page.get_by_role('button', name=t('Upload and check'), exact=True))
    assert re.fullmatch(r'/medewerkers/kandidaten/import/\d+', staff.path), f'not on the import page: {page.url}'
    assert page.locator('main [data-state]').get_attribute('data-state') == 'uploaded'
    staff.follow(page.get_by_role('button', name=t('Check every row'), exact=True))


def test_importing_job_seekers_with_a_dry_run_and_refusing_a_bsn_in_the_notes(live_app, visitor, tmp_path):
    run = uuid.uuid4().hex[:6].upper()
    page = visitor.page

    def t(msgid: str, **params) -> str:
        return say(live_app, msgid, **params)

    sign_in_as_staff(visitor, live_app, DEMO_ACCOUNTMANAGER, DEMO_PASSWORD)
    open_in_menu(visitor, '/medewerkers/kandidaten/')
    visitor.follow(page.locator('main').get_by_role('link', name=t('Import job seekers from a file'), exact=True))

    # 1. A file whose third line has fewer hours at most than at least: the dry run lists it, nothing is written.
    bad = tmp_path / 'kandidaten.csv'
    bad.write_text(import_file(run, (32, 16)), encoding='utf-8')
    upload_and_check(visitor, bad, t)
    assert page.locator('main [data-state]').get_attribute('data-state') == 'rejected'
    problems = page.locator('main ul[data-problems]')
    assert problems.get_attribute('data-problems') == '1'
    expected = t('Row %(row)s, column %(column)s: %(message)s', row=3, column='uren_max',
                 message=t('The most hours per week cannot be fewer than the fewest.'))
    assert problems.locator('li').all_inner_texts() == [expected]
    assert page.get_by_role('button', name=t('Import all rows'), exact=True).count() == 0

    # 2. Fixed and uploaded again: the check passes and every row is imported at once.
    visitor.follow(page.locator('main').get_by_role('link', name=t('All imports'), exact=True))
    good = tmp_path / 'kandidaten-verbeterd.csv'
    good.write_text(import_file(run, (16, 32)), encoding='utf-8')
    upload_and_check(visitor, good, t)
    assert page.locator('main [data-state]').get_attribute('data-state') == 'checked'
    assert page.locator('main ul[data-problems]').count() == 0
    visitor.follow(page.get_by_role('button', name=t('Import all rows'), exact=True))
    assert page.locator('main [data-state]').get_attribute('data-state') == 'imported'

    # 3. Both are in the list, found by their references.
    visitor.follow(page.locator('main').get_by_role('link', name=t('To the job seekers'), exact=True))
    page.get_by_label(re.compile('^' + re.escape(t('Code or reference')))).fill(f'E2E-{run}')
    visitor.follow(page.locator('main form.kk-filter').get_by_role('button', name=t('Show'), exact=True))
    rows = page.locator('#candidates tbody tr')
    first_names = sorted(row.locator('td').first.inner_text() for row in rows.all())
    assert first_names == ['Ilse', 'Joost'], first_names

    # 4. A BSN typed into the notes is refused at the field and in the summary; nothing is saved.
    visitor.follow(rows.filter(has_text='Ilse').get_by_role('link'))
    candidate_path = visitor.path
    visitor.follow(page.locator('main').get_by_role('link', name=t('Change the profile'), exact=True))
    notes = page.get_by_label(re.compile('^' + re.escape(t('Notes for staff'))))
    notes.fill('Belde op maandag; noemde zelf haar nummer 111 222 333.')
    visitor.follow(page.get_by_role('button', name=t('Save the profile'), exact=True))

    assert page.locator('#notes-error').inner_text().strip() == BSN_REFUSED
    assert notes.get_attribute('aria-invalid') == 'true'
    assert 'notes-error' in notes.get_attribute('aria-describedby').split()
    summary = page.locator('#error-summary')
    link = summary.get_by_role('link', name=f'{t("Notes for staff")}: {BSN_REFUSED}', exact=True)
    assert link.get_attribute('href') == '#notes'
    candidate_id = int(candidate_path.rstrip('/').rsplit('/', 1)[1])
    assert audit_rows(live_app, 'candidate.updated', 'Candidate', candidate_id) == []
    with live_app.app_context():
        assert db.session.get(Candidate, candidate_id).notes is None
