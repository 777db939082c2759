"""What the proposal pages show of an anonymised job seeker's proposal: the motivation reads "(removed)" in the
reader's language, never the words that were written about the person."""

import pytest

from portal.blueprints.monitoring import operations
from portal.core.dbtypes import utcnow
from tests.factories import make_need, make_organisation, make_staff, make_user
from tests.monitoring.conftest import walk

MOTIVATION = 'Anna is een harde werker met ervaring in de logistiek.'


@pytest.fixture
def employer(db):
    return make_user(db, locale='en')


@pytest.fixture
def anonymised(db, region, places, employer):
    organisation = make_organisation(db, owner=employer, municipality=places['Hardenberg'])
    need = make_need(db, organisation=organisation, state='published')
    proposal = walk(db, need=need, path='declined')
    proposal.motivation = MOTIVATION
    db.session.flush()
    operations.anonymise_candidate(None, proposal.candidate, now=utcnow(), reason='left')
    db.session.flush()
    return proposal


def test_the_stored_mark_is_in_no_language(db, anonymised):
    assert anonymised.motivation == operations.ANONYMISED_MOTIVATION == '—'


def test_staff_read_removed_in_their_language(client, login, db, region, anonymised):
    login(make_staff(db, region=region, locale='en'))
    html = client.get(f'/medewerkers/voorstellen/{anonymised.id}').get_data(as_text=True)
    assert '>(removed)</p>' in html
    assert 'Anna' not in html
    assert 'geanonimiseerd' not in html


def test_the_employer_reads_removed_in_their_language(client, login, employer, anonymised):
    login(employer)
    response = client.get(f'/voorstellen/{anonymised.id}')
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '>(removed)</p>' in html
    assert 'Anna' not in html
