"""A profile's form and page: adding, changing, the BSN refusal, freshness, the audit of every opening."""

from datetime import timedelta

import pytest
from flask import url_for

from portal.core.dbtypes import today
from portal.models.caseload import Candidate
from tests.caseload.conftest import events
from tests.factories import make_candidate, make_proposal, make_skill

NEW = '/medewerkers/kandidaten/nieuw'
BSN_TEXT = 'This looks like a citizen service number (BSN)'


def view_url(candidate) -> str:
    return f'/medewerkers/kandidaten/{candidate.id}'


@pytest.fixture
def form_data(region, staff, skills, occupation):
    """The profile form as a browser sends it, valid and complete."""
    return {
        'first_name': 'Fatima', 'reference': 'CL-20481', 'municipality_id': str(region.municipalities[1].id),
        'postcode_area': '7731', 'accountmanager_id': str(staff.id), 'hours_min': '20', 'hours_max': '32',
        'max_travel_km': '15', 'available_from': today().isoformat(), 'day_parts': ['weekday_morning', 'weekend'],
        'has_driving_licence': 'y', 'education_level': 'mbo2', 'support_needs': ['job_coach'],
        'target_groups': ['participatiewet'], 'loonwaarde': '60', 'good_skill_ids': [str(skills[0].id)],
        'basic_skill_ids': [str(skills[1].id)], 'expert_skill_ids': [],
        'experience-0-occupation_id': str(occupation.id), 'experience-0-years': '2',
        'dutch_level': 'a2', 'languages-0-language': 'tr', 'languages-0-level': 'native',
        'notes': 'Zoekt werk in de ochtend.',
    }


@pytest.fixture
def signed_in(db, login, staff):
    db.session.commit()  # a refused save rolls back: keep the test's own rows
    return login(staff)


def errors(page: str) -> list[str]:
    return [line.split('</p>')[0] for line in page.split('<p class="kk-error-line">')[1:]]


# Adding --------------------------------------------------------------------------------------------

def test_new_profile_is_added_with_a_code_and_shown(db, client, post, signed_in, form_data, region, skills):
    response = post(NEW, form_data)

    candidate = db.session.query(Candidate).filter_by(reference='CL-20481').one()
    assert response.status_code == 302
    assert response.location == view_url(candidate)
    assert candidate.municipality_id == region.municipalities[1].id
    assert candidate.loonwaarde == 60
    assert candidate.has_driving_licence is True
    assert sorted((link.skill_id, link.level.value) for link in candidate.skill_links) == sorted(
        [(skills[0].id, 'good'), (skills[1].id, 'basic')])
    assert [(row.language, row.level.value) for row in candidate.languages] == [('nl', 'a2'), ('tr', 'native')]
    assert candidate.experience[0].years == 2
    assert candidate.missing_fields() == []
    assert len(events(db, 'candidate.created')) == 1
    page = client.get(response.location).get_data(as_text=True)
    assert f'The profile of {candidate.code} is added.' in page
    assert 'data-matchable="no"' in page  # consent is recorded on the profile's page
    assert 'there is no consent to be proposed' in page


def test_the_new_form_offers_only_the_region_and_its_staff(db, client, signed_in, region, other_staff):
    page = client.get(NEW).get_data(as_text=True)
    assert 'Hardenberg' in page
    assert 'Ommen' in page
    assert other_staff.staff_role.region.municipalities[0].name not in page
    assert other_staff.name not in page
    assert f'<option selected value="{signed_in.id}">' in page


@pytest.mark.parametrize('reference', ['111222333', '111 222 333', '111/222/333', 'BSN111-22-2333'])
def test_a_bsn_as_reference_is_refused_with_one_clear_message(db, client, post, signed_in, form_data, reference):
    page = post(NEW, {**form_data, 'reference': reference}).get_data(as_text=True)
    assert db.session.query(Candidate).count() == 0
    assert [e for e in errors(page) if BSN_TEXT in e] == [
        'This looks like a citizen service number (BSN). Kansenkamer never stores a BSN: leave it out.']


def test_a_bsn_in_the_notes_is_refused_too(db, client, post, signed_in, form_data):
    page = post(NEW, {**form_data, 'notes': 'BSN is 111222333, bel haar maandag'}).get_data(as_text=True)
    assert db.session.query(Candidate).count() == 0
    assert any(BSN_TEXT in e for e in errors(page))


@pytest.mark.parametrize(('field', 'value', 'message'), [
    ('loonwaarde', '60.5', 'Fill in a whole percentage from 0 to 100, like 60.'),
    ('loonwaarde', '101', 'Fill in a whole percentage from 0 to 100, like 60.'),
    ('loonwaarde', 'zestig', 'Fill in a whole percentage from 0 to 100, like 60.'),
    ('postcode_area', '0999', 'Fill in the four digits of the postcode, from 1000 to 9999, like 7772.'),
    ('postcode_area', '7772 AB', 'Fill in the four digits of the postcode, from 1000 to 9999, like 7772.'),
    ('hours_min', '0', 'Fill in a number of hours from 1 to 60.'),
    ('hours_max', '12', 'The most hours per week cannot be fewer than the fewest.'),
    ('max_travel_km', '250', 'Fill in a distance from 0 to 200 km.'),
    ('available_from', '31-02-2026', 'Fill in a date, like 22-11-2026.'),
])
def test_values_out_of_range_get_a_clear_message_at_their_field(db, client, post, signed_in, form_data, field, value,
                                                                 message):
    page = post(NEW, {**form_data, field: value}).get_data(as_text=True)
    assert db.session.query(Candidate).count() == 0
    assert f'id="{field}-error"' in page
    assert message in errors(page)
    assert f'href="#{field}"' in page  # the summary links to the field


def test_a_reference_is_unique_in_the_region(db, client, post, signed_in, form_data, region):
    make_candidate(db, region=region, reference='CL-20481')
    db.session.commit()
    page = post(NEW, form_data).get_data(as_text=True)
    assert 'Another job seeker in your region already has this reference.' in errors(page)


def test_a_skill_has_one_level_and_an_occupation_one_row(db, client, post, signed_in, form_data, skills, occupation):
    page = post(NEW, {**form_data, 'expert_skill_ids': [str(skills[0].id)], 'experience-1-occupation_id':
                      str(occupation.id), 'experience-1-years': '1'}).get_data(as_text=True)
    assert 'A skill has one level: choose it in only one of the three lists.' in errors(page)
    assert 'Each occupation once, please: add up the years in one row.' in errors(page)
    assert db.session.query(Candidate).count() == 0


def test_a_half_filled_row_is_checked_and_an_empty_one_ignored(db, client, post, signed_in, form_data):
    page = post(NEW, {**form_data, 'languages-0-level': '', 'languages-1-language': '', 'languages-1-level': ''}
                ).get_data(as_text=True)
    assert 'Choose a level.' in errors(page)
    assert 'href="#languages-0-level"' in page


def test_add_another_row_keeps_what_was_typed_and_saves_nothing(db, client, post, signed_in, form_data):
    page = post(NEW, {**form_data, 'add_experience': 'y'}).get_data(as_text=True)
    assert db.session.query(Candidate).count() == 0
    assert 'name="experience-1-occupation_id"' in page
    assert 'value="Fatima"' in page


def test_an_incomplete_profile_is_saved_and_told_it_is_not_matched(db, client, post, signed_in, form_data):
    data = {**form_data, 'postcode_area': '', 'day_parts': [], 'dutch_level': ''}
    response = post(NEW, data)
    candidate = db.session.query(Candidate).one()
    assert response.status_code == 302
    assert candidate.missing_fields() == ['postcode_area', 'day_parts', 'dutch']
    page = client.get(view_url(candidate)).get_data(as_text=True)
    assert 'the profile is incomplete (missing: postcode area, working times, level of Dutch)' in page
    edit = client.get(view_url(candidate) + '/bewerken').get_data(as_text=True)
    assert 'data-missing="postcode_area day_parts dutch"' in edit


# Changing ------------------------------------------------------------------------------------------

def test_edit_shows_the_profile_records_the_opening_and_saves_changes(db, client, post, signed_in, region, staff,
                                                                       form_data):
    candidate = make_candidate(db, region=region, first_name='Fatima', reference='CL-20481', accountmanager=staff)
    db.session.commit()
    edit = view_url(candidate) + '/bewerken'
    page = client.get(edit).get_data(as_text=True)
    assert 'value="Fatima"' in page
    assert [e.details for e in events(db, 'candidate.viewed')] == [{'page': 'edit'}]

    response = post(edit, {**form_data, 'hours_max': '34'})

    assert response.status_code == 302
    assert candidate.hours_max == 34
    [event] = events(db, 'candidate.updated')
    assert 'hours_max' in event.details['fields']
    assert 'Fatima' not in str(event.details)
    assert 'Your changes are saved.' in client.get(response.location).get_data(as_text=True)


def test_staff_of_another_region_get_404(db, client, login, other_staff, region, post):
    candidate = make_candidate(db, region=region)
    login(other_staff)
    assert client.get(view_url(candidate)).status_code == 404
    assert client.get(view_url(candidate) + '/bewerken').status_code == 404
    assert post(view_url(candidate) + '/bewerken', {'hours_min': '1'}).status_code == 404
    assert events(db, 'candidate.viewed') == []


# The profile's page --------------------------------------------------------------------------------

def test_every_opening_is_recorded(db, client, signed_in, region):
    candidate = make_candidate(db, region=region, first_name='Fatima', notes='Alleen ochtenden')
    for _ in range(2):
        page = client.get(view_url(candidate)).get_data(as_text=True)
    assert 'Fatima' in page
    assert 'Alleen ochtenden' in page
    assert [e.actor_id for e in events(db, 'candidate.viewed')] == [signed_in.id, signed_in.id]
    assert 'The profile was opened 2 times by staff.' in page


def test_freshness_counts_down_and_then_says_since_when_it_is_outside_matching(db, client, signed_in, region):
    fresh = make_candidate(db, region=region, availability_confirmed_on=today() - timedelta(weeks=8) + timedelta(
        days=2))
    stale = make_candidate(db, region=region, availability_confirmed_on=today() - timedelta(weeks=10))
    page = client.get(view_url(fresh)).get_data(as_text=True)
    assert 'drops out of matching in 3 days' in page
    assert 'data-matchable="yes"' in page
    page = client.get(view_url(stale)).get_data(as_text=True)
    dropped_out = today() - timedelta(weeks=2) + timedelta(days=1)
    assert f'outside matching since {dropped_out:%B} {dropped_out.day}, {dropped_out.year}' in page
    assert 'availability was not confirmed in the last 8 weeks' in page


def test_the_page_shows_consents_and_the_link_to_matching_needs_when_it_exists(app, db, client, signed_in, region,
                                                                                 staff):
    candidate = make_candidate(db, region=region)
    page = client.get(view_url(candidate)).get_data(as_text=True)
    assert 'To be proposed to employers as an anonymous profile' in page
    assert f'/medewerkers/kandidaten/{candidate.id}/toestemming/{candidate.consents[0].id}/intrekken' in page
    if 'matching.needs_for_candidate' in app.view_functions:
        with app.test_request_context():
            assert url_for('matching.needs_for_candidate', candidate_id=candidate.id) in page
    else:
        assert 'Find matching needs' not in page


def test_the_page_lists_the_candidates_proposals(app, db, client, signed_in, region):
    if 'proposals.view_proposal' not in app.view_functions:
        pytest.skip('the proposals area has no page for a proposal yet')
    candidate = make_candidate(db, region=region, skills=[make_skill(db)])
    from tests.factories import make_need, make_organisation

    need = make_need(db, organisation=make_organisation(db, region=region), state='published', title='Heftruck')
    proposal = make_proposal(db, need=need, candidate=candidate, state='sent')
    page = client.get(view_url(candidate)).get_data(as_text=True)
    with app.test_request_context():
        assert url_for('proposals.view_proposal', proposal_id=proposal.id) in page
    assert 'Sent, waiting for the employer' in page
