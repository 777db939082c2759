"""The innovation plan pages: effect rows without JavaScript, submitting, and who reaches a plan."""

import pytest
from sqlalchemy import select

from portal.models.demand import InnovationPlan
from portal.models.moderation import PostingState, Review
from tests.factories import make_employer, make_occupation, make_organisation, make_plan, make_staff, make_user


@pytest.fixture
def form(occupation, skills) -> dict:
    """The plan form with one filled row and one empty row, as a browser posts it."""
    return {
        'title': 'Robots in het magazijn', 'theme': 'automation', 'timeframe': 'years_2_5',
        'description': 'We automatiseren het orderpicken.', 'visibility': 'network',
        'effects-0-occupation_id': occupation.id, 'effects-0-direction': 'grows', 'effects-0-headcount': '3',
        'effects-0-by_when': 'years_2_5', 'effects-0-skill_ids': [skills[0].id],
        'effects-0-training_need': 'Heftruckcertificaat',
        'effects-1-occupation_id': '', 'effects-1-direction': '', 'effects-1-headcount': '', 'effects-1-by_when': '',
        'effects-1-training_need': '',
    }


def _plans(db, organisation) -> list[InnovationPlan]:
    return list(db.session.scalars(select(InnovationPlan).where(InnovationPlan.organisation_id == organisation.id)))


def test_the_new_plan_form_has_two_empty_rows_and_explains_visibility(client, login, owner, organisation):
    login(owner)
    page = client.get('/vraag/plannen/nieuw').text
    assert 'id="effect-0"' in page
    assert 'id="effect-1"' in page
    assert 'id="effect-2"' not in page
    assert 'Members of the regional network (entrepreneurs, education and government) only see it' in page
    assert 'Add another row' in page


def test_add_another_row_keeps_everything_typed_and_saves_nothing(db, client, login, post, owner, organisation,
                                                                  form):
    login(owner)
    page = post('/vraag/plannen/nieuw', {**form, 'add_row': 'y'}).text

    assert 'id="effect-2"' in page
    assert 'id="effect-3"' not in page
    assert 'value="Robots in het magazijn"' in page
    assert 'value="Heftruckcertificaat"' in page
    assert 'Please correct the following' not in page
    assert 'formaction="/vraag/plannen/nieuw#effect-3"' in page
    assert _plans(db, organisation) == []


def test_save_and_submit_a_plan_ignoring_empty_rows(db, client, login, post, owner, organisation, form, occupation):
    login(owner)
    response = post('/vraag/plannen/nieuw', {**form, 'save_and_submit': 'y'})

    [plan] = _plans(db, organisation)
    assert response.location.endswith(f'/vraag/plannen/{plan.id}')
    assert plan.state == PostingState.PENDING
    [effect] = plan.effects
    assert effect.occupation == occupation
    assert effect.headcount == 3
    page = client.get(response.location).text
    assert 'Robots in het magazijn' in page
    assert 'Grows: 3 × Baker' in page


def test_a_plan_needs_a_row_to_be_submitted_but_not_to_be_a_draft(db, client, login, post, owner, organisation,
                                                                  form):
    for key in [k for k in form if k.startswith('effects-0-')]:
        form[key] = '' if key != 'effects-0-skill_ids' else []
    login(owner)

    page = post('/vraag/plannen/nieuw', {**form, 'save_and_submit': 'y'}).text
    assert 'Add at least one effect on your staff before you submit the plan.' in page
    assert 'href="#effects-heading"' in page
    assert _plans(db, organisation) == []

    post('/vraag/plannen/nieuw', {**form, 'save_draft': 'y'})
    [plan] = _plans(db, organisation)
    assert plan.state == PostingState.DRAFT
    assert plan.effects == []


def test_a_half_filled_row_is_checked(db, client, login, post, owner, organisation, form):
    login(owner)
    page = post('/vraag/plannen/nieuw', {**form, 'effects-1-headcount': '2', 'save_draft': 'y'}).text
    assert 'id="effects-1-occupation_id-error"' in page
    assert 'Effect 2, Occupation: Choose an occupation.' in page
    assert 'href="#effects-1-occupation_id"' in page
    assert _plans(db, organisation) == []


@pytest.mark.parametrize(('changes', 'message'), [
    ({'title': ''}, 'Fill in a title.'),
    ({'description': ''}, 'Describe the plan.'),
    ({'theme': 'world_domination'}, 'Choose one of the options.'),
    ({'effects-0-headcount': '0'}, 'Fill in a number from 1 to 9999.'),
])
def test_bad_plan_input_comes_back_with_errors(db, client, login, post, owner, organisation, form, changes,
                                               message):
    login(owner)
    page = post('/vraag/plannen/nieuw', {**form, **changes}).text
    assert message in page
    assert 'We automatiseren' in page or changes.get('description') == ''
    assert _plans(db, organisation) == []


def test_edit_shows_the_existing_rows_and_two_empty_ones(db, client, login, owner, organisation):
    plan = make_plan(db, organisation=organisation, effects=[{'headcount': 4}, {'direction': 'shrinks'}])
    login(owner)
    page = client.get(f'/vraag/plannen/{plan.id}/bewerken').text
    assert 'value="4"' in page
    assert 'id="effect-3"' in page
    assert 'id="effect-4"' not in page


def test_a_material_edit_of_a_published_plan_keeps_the_approved_version(db, client, login, post, owner,
                                                                        organisation, form):
    plan = make_plan(db, organisation=organisation, state='published', title='Oud plan',
                     effects=[{'occupation': make_occupation(db)}])
    login(owner)
    response = post(f'/vraag/plannen/{plan.id}/bewerken', {**form, 'save_draft': 'y'})

    assert plan.state == PostingState.PUBLISHED
    assert plan.published_snapshot['title'] == 'Oud plan'
    assert Review.pending_for(plan.KIND, plan.id).is_revision
    page = client.get(response.location).text
    assert 'What others see now' in page
    assert 'Oud plan' in page


def test_submit_withdraw_and_delete_a_plan(db, client, login, post, owner, organisation):
    draft = make_plan(db, organisation=organisation)
    other = make_plan(db, organisation=organisation)
    login(owner)
    post(f'/vraag/plannen/{draft.id}/indienen')
    assert draft.state == PostingState.PENDING
    post(f'/vraag/plannen/{draft.id}/intrekken')
    assert draft.state == PostingState.WITHDRAWN
    post(f'/vraag/plannen/{other.id}/verwijderen')
    assert _plans(db, organisation) == [draft]


def test_another_organisation_and_staff_do_not_reach_a_plan(db, client, login, post, region, organisation):
    plan = make_plan(db, organisation=organisation, state='published', visibility='network')
    login(make_employer(db))
    for url in ('', '/bewerken', '/intrekken', '/verwijderen'):
        assert client.get(f'/vraag/plannen/{plan.id}{url}').status_code == 404
    assert post(f'/vraag/plannen/{plan.id}/indienen').status_code == 404
    login(make_staff(db, region=region))
    assert client.get(f'/vraag/plannen/{plan.id}').status_code == 403


def test_an_unverified_organisation_drafts_a_plan_but_does_not_submit(db, client, login, post, region, form):
    user = make_user(db, locale='en')
    organisation = make_organisation(db, region=region, owner=user, status='pending')
    login(user)
    assert 'Save and submit for approval' not in client.get('/vraag/plannen/nieuw').text
    post('/vraag/plannen/nieuw', {**form, 'save_draft': 'y'})
    [plan] = _plans(db, organisation)
    page = client.get(f'/vraag/plannen/{plan.id}').text
    assert 'Submit for approval' not in page
    assert 'You can submit it for approval once your email address is confirmed' in page
    assert post(f'/vraag/plannen/{plan.id}/indienen').status_code == 302
    assert plan.state == PostingState.DRAFT
