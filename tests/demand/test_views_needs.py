"""The staffing need pages as the owner, an employer of another organisation, staff and anonymous visitors."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.demand import moderation, operations
from portal.models.demand import StaffingNeed
from portal.models.moderation import PostingState, Review
from tests.demand.conftest import events
from tests.factories import make_employer, make_need, make_organisation, make_staff, make_user


@pytest.fixture
def form(need_fields) -> dict:
    """The need form as a browser posts it."""
    data = {key: value for key, value in need_fields.items() if value not in (None, False)}
    data['ends_on'] = need_fields['ends_on'].isoformat()
    data['open_to_wage_subsidy'] = data['open_to_job_coach'] = data['open_to_part_time'] = 'y'
    return data


@pytest.fixture
def need(db, organisation, owner, occupation):
    return make_need(db, organisation=organisation, occupation=occupation, created_by=owner, title='Broodbakker')


def _needs(db, organisation) -> list[StaffingNeed]:
    return list(db.session.scalars(select(StaffingNeed).where(StaffingNeed.organisation_id == organisation.id)))


# Who reaches what --------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client, need):
    for url in ('/vraag/', '/vraag/behoeften/nieuw', f'/vraag/behoeften/{need.id}',
                f'/vraag/behoeften/{need.id}/bewerken'):
        response = client.get(url)
        assert response.status_code == 302
        assert '/inloggen' in response.location


def test_another_organisation_gets_404_for_every_page_of_a_need(db, client, login, post, need):
    login(make_employer(db))
    for url in ('', '/bewerken', '/vervuld', '/intrekken', '/verwijderen'):
        assert client.get(f'/vraag/behoeften/{need.id}{url}').status_code == 404
    for url in ('/bewerken', '/indienen', '/verlengen', '/vervuld', '/intrekken', '/verwijderen'):
        assert post(f'/vraag/behoeften/{need.id}{url}').status_code == 404
    assert need.state == PostingState.DRAFT
    assert 'Broodbakker' not in client.get('/vraag/').text


def test_staff_do_not_use_the_employer_pages_and_never_see_drafts(db, client, login, region, need):
    staff = make_staff(db, region=region)
    login(staff)
    assert client.get('/vraag/').status_code == 403
    assert client.get(f'/vraag/behoeften/{need.id}').status_code == 403
    assert not need.can_view(staff)


def test_an_unconfirmed_email_address_is_sent_to_confirm_first(db, client, login, region):
    user = make_user(db, verified=False, locale='en')
    make_organisation(db, region=region, owner=user)
    login(user)
    response = client.get('/vraag/')
    assert response.status_code == 302
    assert response.location.endswith('/account/')


# The overview -------------------------------------------------------------------------------------

def test_the_overview_says_where_each_need_stands_and_what_to_do(db, client, login, owner, organisation, need):
    operations.submit_posting(owner, make_need(db, organisation=organisation, title='Heftruckchauffeur'))
    make_need(db, organisation=organisation, state='published', title='Inpakker',
              ends_on=operations.today() + timedelta(days=5))
    login(owner)

    page = client.get('/vraag/').text

    assert '<h1 class="utrecht-heading-1">Needs and plans</h1>' in page
    assert 'Add a staffing need' in page
    assert 'Add an innovation plan' in page
    assert 'Submit it for approval when it is complete.' in page
    assert 'Nothing for now: an account manager is checking it.' in page
    assert 'Renew it: it ends in 5 days.' in page
    assert 'All (3)' in page
    assert 'Drafts (1)' in page
    assert 'You have not added an innovation plan yet.' in page


def test_the_overview_shows_the_reason_for_requested_changes(db, client, login, owner, need, region, outbox):
    with client.application.test_request_context():
        operations.submit_posting(owner, need)
        moderation.request_changes(make_staff(db, region=region), need, reason='Noem ook de werktijden.')
    login(owner)

    page = client.get('/vraag/').text

    assert 'Changes requested' in page
    assert 'What the account manager asks you to change' in page
    assert 'Noem ook de werktijden.' in page
    assert 'Make the requested change and submit it again.' in page


def test_the_overview_filters_by_state(db, client, login, owner, organisation, need):
    make_need(db, organisation=organisation, state='filled', title='Al vervuld')
    login(owner)
    page = client.get('/vraag/?toon=afgesloten').text
    assert 'Al vervuld' in page
    assert 'Broodbakker' not in page
    assert 'Broodbakker' in client.get('/vraag/?toon=onzin').text


def test_an_unverified_organisation_sees_it_can_prepare_drafts(db, client, login, region):
    user = make_user(db, locale='en')
    make_organisation(db, region=region, owner=user, status='pending')
    login(user)
    page = client.get('/vraag/').text
    assert 'Your organisation is not verified yet. You can already prepare drafts' in page
    form_page = client.get('/vraag/behoeften/nieuw').text
    assert 'Save as draft' in form_page
    assert 'Save and submit for approval' not in form_page


# Adding and changing -------------------------------------------------------------------------------

def test_the_new_need_form_starts_with_the_organisation_s_municipality_and_an_end_date(client, login, owner,
                                                                                     organisation):
    login(owner)
    page = client.get('/vraag/behoeften/nieuw').text
    assert f'<option selected value="{organisation.municipality_id}">' in page
    assert f'value="{operations.default_end().isoformat()}"' in page
    assert 'Save and submit for approval' in page


def test_save_a_draft(db, client, login, post, owner, organisation, form):
    login(owner)
    response = post('/vraag/behoeften/nieuw', {**form, 'save_draft': 'y'})

    [need] = _needs(db, organisation)
    assert response.status_code == 302
    assert response.location.endswith(f'/vraag/behoeften/{need.id}')
    assert need.state == PostingState.DRAFT
    assert need.title == 'Broodbakker in de nacht'
    assert need.day_parts == ['night', 'weekend']
    assert need.open_to_job_coach
    assert not need.open_to_learn_work
    assert 'Saved as a draft.' in client.get(response.location).text


def test_save_and_submit(db, client, login, post, owner, organisation, form):
    login(owner)
    post('/vraag/behoeften/nieuw', {**form, 'save_and_submit': 'y'})
    [need] = _needs(db, organisation)
    assert need.state == PostingState.PENDING
    assert 'Submitted. An account manager' in client.get(f'/vraag/behoeften/{need.id}').text


def test_an_unverified_organisation_cannot_submit_and_loses_nothing_typed(db, client, login, post, region, form):
    user = make_user(db, locale='en')
    organisation = make_organisation(db, region=region, owner=user, status='pending')
    db.session.commit()  # the refused request rolls back; what the test made must outlive it
    login(user)

    page = post('/vraag/behoeften/nieuw', {**form, 'save_and_submit': 'y'}).text

    assert 'submit only after your email address is confirmed' in page
    assert 'value="Broodbakker in de nacht"' in page
    assert _needs(db, organisation) == []
    post('/vraag/behoeften/nieuw', {**form, 'save_draft': 'y'})
    assert [n.state for n in _needs(db, organisation)] == [PostingState.DRAFT]


@pytest.mark.parametrize(('changes', 'field', 'message'), [
    ({'title': ''}, 'title', 'Fill in a title.'),
    ({'occupation_id': ''}, 'occupation_id', 'Choose an occupation.'),
    ({'hours_min': '40', 'hours_max': '20'}, 'hours_max', 'The most hours per week cannot be fewer than the fewest.'),
    ({'hours_max': '61'}, 'hours_max', 'Fill in a number of hours from 1 to 60.'),
    ({'positions': 'twee'}, 'positions', 'Fill in a whole number, like 3.'),
    ({'postcode': '12345'}, 'postcode', 'Fill in a Dutch postcode, like 7772 AB.'),
    ({'horizon': ''}, 'horizon', 'Choose when.'),
    ({'contract_type': 'slavery'}, 'contract_type', 'Choose one of the options.'),
    ({'ends_on': '2001-01-01'}, 'ends_on', 'The end date cannot be in the past.'),
    ({'ends_on': 'morgen'}, 'ends_on', 'Fill in a date, like 22-11-2026.'),
    ({'start_on': '2001-01-01'}, 'start_on', 'The start date cannot be in the past.'),
])
def test_bad_input_comes_back_with_the_error_at_its_field(db, client, login, post, owner, organisation, form,
                                                          changes, field, message):
    login(owner)
    response = post('/vraag/behoeften/nieuw', {**form, **changes, 'save_draft': 'y'})

    assert response.status_code == 200
    page = response.text
    assert f'id="{field}-error"' in page
    assert message in page
    assert 'href="#' + field + '"' in page
    assert 'Vers brood voor de regio.' in page  # nothing typed is lost
    assert _needs(db, organisation) == []


def test_a_skill_cannot_be_required_and_wished_for(db, client, login, post, owner, organisation, form, skills):
    login(owner)
    page = post('/vraag/behoeften/nieuw', {**form, 'wished_skill_ids': [skills[0].id]}).text
    assert 'A skill cannot be both required and nice to have' in page


def test_the_end_date_is_at_most_a_year_ahead(db, client, login, post, owner, organisation, form):
    login(owner)
    too_late = operations.add_months(operations.today(), 12) + timedelta(days=1)
    page = post('/vraag/behoeften/nieuw', {**form, 'ends_on': too_late.isoformat()}).text
    assert 'Choose an end date at most a year from now.' in page


def test_a_dutch_employer_gets_the_form_in_dutch(db, client, login, post, region, form):
    user = make_user(db, locale='nl')
    make_organisation(db, region=region, owner=user)
    login(user)
    page = post('/vraag/behoeften/nieuw', {**form, 'title': '', 'postcode': '12345'}).text
    assert '<html lang="nl"' in page
    assert 'id="title-error"' in page
    assert 'Vul een Nederlandse postcode in, zoals 7772 AB.' in page
    assert 'value="12345"' in page


def test_edit_a_published_need_sends_the_change_for_approval_and_shows_both_versions(db, client, login, post,
                                                                                   owner, need, form):
    need.state = PostingState.PUBLISHED
    need.published_snapshot = need.snapshot()
    login(owner)
    edit_page = client.get(f'/vraag/behoeften/{need.id}/bewerken').text
    assert 'value="Broodbakker"' in edit_page
    assert 'the approved version' in edit_page

    response = post(f'/vraag/behoeften/{need.id}/bewerken', {**form, 'save_draft': 'y'})

    assert response.status_code == 302
    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot['title'] == 'Broodbakker'
    assert Review.pending_for(need.KIND, need.id).is_revision
    page = client.get(response.location).text
    assert 'Your changes are sent for approval.' in page
    assert 'What others see now' in page
    assert 'Your changes waiting for approval' in page
    assert 'Published; your changes wait for approval' in page


def test_a_waiting_need_cannot_be_edited(db, client, login, post, owner, need, form):
    operations.submit_posting(owner, need)
    login(owner)
    response = client.get(f'/vraag/behoeften/{need.id}/bewerken')
    assert response.status_code == 302
    assert 'This can no longer be changed.' in client.get(response.location).text
    post(f'/vraag/behoeften/{need.id}/bewerken', form)
    assert need.title == 'Broodbakker'


# The need's page and its buttons ----------------------------------------------------------------------

def test_submit_a_draft_from_its_page(db, client, login, post, owner, need):
    login(owner)
    page = client.get(f'/vraag/behoeften/{need.id}').text
    assert 'Submit for approval' in page
    assert 'Delete draft' in page
    assert 'Mark as filled' not in page
    post(f'/vraag/behoeften/{need.id}/indienen')
    assert need.state == PostingState.PENDING
    post(f'/vraag/behoeften/{need.id}/indienen')
    assert len(events(db, 'need.submit')) == 1


def test_renew_from_the_page_the_reminder_links_to(db, client, login, post, owner, organisation):
    need = make_need(db, organisation=organisation, state='published', ends_on=operations.today() + timedelta(days=3))
    login(owner)
    page = client.get(f'/vraag/behoeften/{need.id}').text
    assert 'id="verlengen"' in page
    assert 'Renew for 6 months' in page

    response = post(f'/vraag/behoeften/{need.id}/verlengen')

    assert need.ends_on == operations.default_end()
    assert 'Renewed: it is shown until' in client.get(response.location).text


def test_fill_asks_first_then_marks_the_need_filled(db, client, login, post, owner, organisation):
    need = make_need(db, organisation=organisation, state='published', title='Inpakker')
    login(owner)
    assert 'Mark “Inpakker” as filled?' in client.get(f'/vraag/behoeften/{need.id}/vervuld').text
    assert need.state == PostingState.PUBLISHED
    post(f'/vraag/behoeften/{need.id}/vervuld')
    assert need.state == PostingState.FILLED
    assert len(events(db, 'need.fill')) == 1


def test_withdraw_a_published_need(db, client, login, post, owner, organisation):
    need = make_need(db, organisation=organisation, state='published')
    login(owner)
    post(f'/vraag/behoeften/{need.id}/intrekken')
    assert need.state == PostingState.WITHDRAWN


def test_a_draft_cannot_be_withdrawn_but_is_deleted(db, client, login, post, owner, organisation, need):
    login(owner)
    response = client.get(f'/vraag/behoeften/{need.id}/intrekken')
    assert 'This cannot be withdrawn in its current state.' in client.get(response.location).text
    response = post(f'/vraag/behoeften/{need.id}/verwijderen')
    assert response.location.endswith('/vraag/')
    assert _needs(db, organisation) == []


def test_a_submitted_need_is_not_deleted(db, client, login, post, owner, organisation, need):
    operations.submit_posting(owner, need)
    login(owner)
    response = post(f'/vraag/behoeften/{need.id}/verwijderen')
    assert 'Only a draft that was never submitted can be deleted.' in client.get(response.location).text
    assert _needs(db, organisation) == [need]


def test_a_start_date_that_passed_since_it_was_saved_does_not_block_an_edit(db, client, login, post, owner,
                                                                          organisation, form):
    last_week = operations.today() - timedelta(days=7)
    need = make_need(db, organisation=organisation, start_on=last_week)
    login(owner)
    response = post(f'/vraag/behoeften/{need.id}/bewerken', {**form, 'start_on': last_week.isoformat()})
    assert response.status_code == 302
    assert need.title == 'Broodbakker in de nacht'
    earlier = (last_week - timedelta(days=1)).isoformat()
    page = post(f'/vraag/behoeften/{need.id}/bewerken', {**form, 'start_on': earlier}).text
    assert 'The start date cannot be in the past.' in page
