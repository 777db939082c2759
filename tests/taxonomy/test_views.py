"""The coordinators' pages for the list of occupations and skills: who gets in, searching, paging, adding,
renaming and switching off, with errors tied to their fields."""

import pytest
from flask import url_for
from sqlalchemy import select

from portal.models.audit import AuditEvent
from portal.models.taxonomy import Occupation, Skill
from tests.factories import make_admin, make_employer, make_need, make_occupation, make_region, make_skill, make_staff

PAGES = ['/beroepen-en-vaardigheden/', '/beroepen-en-vaardigheden/beroepen', '/beroepen-en-vaardigheden/beroepen/nieuw',
         '/beroepen-en-vaardigheden/vaardigheden', '/beroepen-en-vaardigheden/vaardigheden/nieuw']


@pytest.fixture
def coordinator(db, login):
    return login(make_staff(db, kind='coordinator', locale='en'))


def last_event(db, action: str) -> AuditEvent | None:
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))


@pytest.mark.parametrize('url', PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert '/inloggen' in response.headers['Location']


@pytest.mark.parametrize('who', ['employer', 'accountmanager'])
@pytest.mark.parametrize('url', PAGES)
def test_employers_and_accountmanagers_get_403(db, client, login, who, url):
    login(make_employer(db) if who == 'employer' else make_staff(db))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize('url', PAGES)
def test_coordinators_of_any_region_and_admins_get_in(db, client, login, url):
    login(make_staff(db, region=make_region(db), kind='coordinator'))
    assert client.get(url).status_code == 200
    login(make_admin(db))
    assert client.get(url).status_code == 200


def test_the_overview_counts_both_lists(db, client, coordinator):
    make_occupation(db, label_nl='Uitgezet beroep', label_en='Switched-off job').is_active = False
    db.session.flush()
    total = db.session.query(Occupation).count()
    page = client.get('/beroepen-en-vaardigheden/').get_data(as_text=True)
    assert f'{total} occupations, of which {total - 1} are offered in forms.' in page
    assert 'href="/beroepen-en-vaardigheden/vaardigheden/nieuw"' in page


def test_the_list_is_paged_by_50_and_sorted_by_the_readers_language(db, client, coordinator):
    page = client.get('/beroepen-en-vaardigheden/beroepen').get_data(as_text=True)
    assert 'Page 1 of' in page
    assert 'rel="next"' in page
    assert page.count('<tr class="utrecht-table__row">') == 51  # the header row and 50 occupations
    assert page.index('Accountant') < page.index('Administrative assistant')  # English order for an English reader
    second = client.get('/beroepen-en-vaardigheden/beroepen?pagina=2').get_data(as_text=True)
    assert 'Page 2 of' in second
    assert 'rel="prev"' in second


def test_search_finds_either_language_and_isco_codes_and_keeps_the_filter_in_page_links(db, client, coordinator):
    dutch = client.get('/beroepen-en-vaardigheden/beroepen?zoek=heftruck').get_data(as_text=True)
    assert 'Heftruckchauffeur' in dutch
    assert 'Kok' not in dutch
    english = client.get('/beroepen-en-vaardigheden/beroepen?zoek=forklift').get_data(as_text=True)
    assert 'Heftruckchauffeur' in english
    code = client.get('/beroepen-en-vaardigheden/beroepen?zoek=8344').get_data(as_text=True)
    assert 'Reachtruckchauffeur' in code
    assert 'Occupations found: 2' in code
    none = client.get('/beroepen-en-vaardigheden/vaardigheden?zoek=zzzz').get_data(as_text=True)
    assert 'No skills match your search.' in none
    paged = client.get('/beroepen-en-vaardigheden/vaardigheden?zoek=e&status=actief').get_data(as_text=True)
    assert 'zoek=e&amp;status=actief&amp;pagina=2' in paged


def test_the_status_filter_shows_what_is_switched_off_and_how_often_it_is_used(db, client, coordinator):
    occupation = make_occupation(db, label_nl='Uitgezet beroep', label_en='Switched-off job')
    occupation.is_active = False
    make_need(db, occupation=occupation)
    page = client.get('/beroepen-en-vaardigheden/beroepen?status=uit').get_data(as_text=True)
    assert 'Occupations found: 1' in page
    assert 'Uitgezet beroep' in page
    assert 'Switched off' in page
    assert '<td class="utrecht-table__cell">1</td>' in page


def test_add_an_occupation(db, client, coordinator, post):
    response = post('/beroepen-en-vaardigheden/beroepen/nieuw',
                    {'label_nl': 'Statafelverhuurder', 'label_en': 'Event furniture renter', 'isco_code': '9629'})
    assert response.status_code == 302
    occupation = db.session.scalar(select(Occupation).where(Occupation.label_nl == 'Statafelverhuurder'))
    assert occupation.isco_code == '9629'
    assert occupation.is_active
    assert last_event(db, 'occupation.create').actor_id == coordinator.id
    page = client.get(response.headers['Location']).get_data(as_text=True)
    assert 'Event furniture renter has been added to the occupations.' in page


def test_bad_input_re_renders_with_errors_at_the_fields_and_keeps_what_was_typed(db, client, coordinator, post):
    response = post('/beroepen-en-vaardigheden/beroepen/nieuw',
                    {'label_nl': 'Orderpicker', 'label_en': 'Picker of orders', 'isco_code': '93a3'})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'There is already an entry with this Dutch name.' in page
    assert 'The ISCO-08 code has 4 digits, like 9333.' in page
    assert 'value="Picker of orders"' in page
    assert 'value="93a3"' in page
    assert 'aria-invalid="true"' in page
    assert 'href="#isco_code"' in page
    assert last_event(db, 'occupation.create') is None


def test_the_errors_speak_dutch_to_a_dutch_coordinator(db, client, login, post):
    login(make_staff(db, kind='coordinator', locale='nl'))
    response = post('/beroepen-en-vaardigheden/vaardigheden/nieuw', {'label_nl': '', 'label_en': 'x'})
    page = response.get_data(as_text=True)
    assert 'lang="nl"' in page
    assert 'Verbeter het volgende' in page
    assert 'id="label_nl-error"' in page
    assert 'href="#label_nl"' in page


def test_rename_and_switch_off_a_skill(db, client, coordinator, post):
    skill = make_skill(db, label_nl='Kratten stapelen', label_en='Stacking crates')
    url = f'/beroepen-en-vaardigheden/vaardigheden/{skill.id}'
    form = client.get(url).get_data(as_text=True)
    assert 'value="Kratten stapelen"' in form
    assert 'checked' in form
    response = post(url, {'label_nl': 'Kratten stapelen', 'label_en': 'Stacking boxes', 'esco_uri': ''})
    assert response.status_code == 302
    db.session.refresh(skill)
    assert (skill.label_en, skill.is_active) == ('Stacking boxes', False)  # an unticked box switches it off
    assert last_event(db, 'skill.update').details == {'label_en': ['Stacking crates', 'Stacking boxes'],
                                                      'is_active': [True, False]}
    assert 'The changes to Stacking boxes have been saved.' in client.get(response.headers['Location']).get_data(
        as_text=True)


def test_saving_unchanged_says_so(db, client, coordinator, post):
    occupation = make_occupation(db, isco_code='9629', label_nl='Ongewijzigd', label_en='Unchanged')
    response = post(f'/beroepen-en-vaardigheden/beroepen/{occupation.id}',
                    {'label_nl': 'Ongewijzigd', 'label_en': 'Unchanged', 'isco_code': '9629', 'is_active': 'y'},
                    follow_redirects=True)
    assert 'Nothing was changed.' in response.get_data(as_text=True)
    assert last_event(db, 'occupation.update') is None


def test_a_rename_to_a_name_in_use_is_refused_at_the_field(db, client, coordinator, post):
    skill = make_skill(db, label_nl='Nieuwe vaardigheid', label_en='New skill')
    page = post(f'/beroepen-en-vaardigheden/vaardigheden/{skill.id}',
                {'label_nl': 'Nieuwe vaardigheid', 'label_en': 'Forklift certificate', 'is_active': 'y'}
                ).get_data(as_text=True)
    assert 'There is already an entry with this English name.' in page
    db.session.refresh(skill)
    assert skill.label_en == 'New skill'


def test_unknown_entries_are_404(db, client, coordinator):
    assert client.get('/beroepen-en-vaardigheden/beroepen/999999').status_code == 404
    assert client.get('/beroepen-en-vaardigheden/vaardigheden/999999').status_code == 404


@pytest.mark.parametrize(('who', 'linked'), [('coordinator', True), ('admin', True), ('accountmanager', False),
                                             ('employer', False)])
def test_the_menu_links_here_for_those_who_may_come(db, client, login, who, linked):
    users = {'coordinator': lambda: make_staff(db, kind='coordinator'), 'admin': lambda: make_admin(db),
             'accountmanager': lambda: make_staff(db), 'employer': lambda: make_employer(db)}
    login(users[who]())
    with client.application.test_request_context():
        account = url_for('account.overview')
    assert ('href="/beroepen-en-vaardigheden/"' in client.get(account).get_data(as_text=True)) is linked


def test_an_inactive_skill_keeps_its_rows_and_nothing_can_be_deleted(db, client, coordinator):
    methods = {rule.endpoint: rule.methods for rule in client.application.url_map.iter_rules()
               if rule.endpoint.startswith('taxonomy.')}
    assert all('DELETE' not in allowed for allowed in methods.values())
    assert db.session.scalar(select(Skill).where(Skill.label_nl == 'Heftruckcertificaat')) is not None
