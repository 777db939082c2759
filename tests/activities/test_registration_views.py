"""The registration pages and buttons: who reaches them (404 outside one's reach), what they change, where they go."""

from datetime import timedelta

from flask import render_template_string

from portal.blueprints.activities import views_registrations
from portal.core.dbtypes import utcnow
from portal.models.activities import Registration, RegistrationState
from tests.activities.conftest import events, make_activity, make_activity_candidate, make_registration
from tests.factories import make_user

MY = '/activiteiten/mijn-aanmeldingen'


def register_url(slot) -> str:
    return f'/activiteiten/tijdslot/{slot.id}/aanmelden'


def registration_url(registration, action: str) -> str:
    return f'/activiteiten/aanmelding/{registration.id}/{action}'


def only_registration(db, slot) -> Registration | None:
    db.session.expire_all()
    registrations = [r for r in slot.registrations if r.is_live]
    assert len(registrations) <= 1
    return registrations[0] if registrations else None


# Registering oneself -----------------------------------------------------------------------------------------

def test_registering_takes_a_seat_and_returns_with_a_message(db, client, login, post, event, employer, outbox):
    login(employer)
    slot = event.slots[0]

    response = post(register_url(slot), follow_redirects=True)

    assert response.status_code == 200
    assert only_registration(db, slot).state == RegistrationState.CONFIRMED
    assert b'You are registered. The invitation is in your mail.' in response.data
    assert len(outbox) == 1


def test_without_the_csrf_token_nothing_happens(db, client, login, event, employer):
    login(employer)
    slot = event.slots[0]

    response = client.post(register_url(slot))

    assert response.status_code in (302, 400)
    assert only_registration(db, slot) is None


def test_a_refusal_is_flashed(db, client, login, post, event, employer, outbox):
    login(employer)
    slot = event.slots[0]
    make_registration(db, slot, user=employer)
    db.session.commit()  # the refused request rolls back; what the test made must outlive it

    response = post(register_url(slot), follow_redirects=True)

    assert b'You are already registered for this date.' in response.data


def test_a_full_date_says_the_place_on_the_waiting_list(db, client, login, post, event, employer, outbox):
    slot = event.slots[0]
    for _ in range(slot.seats):
        make_registration(db, slot, user=make_user(db))
    login(employer)

    response = post(register_url(slot), follow_redirects=True)

    assert b'you are number 1 on the waiting list' in response.data


def test_activities_out_of_reach_are_404(db, client, login, post, event, other_employer, other_staff):
    for user in (other_employer, other_staff):
        login(user)
        assert post(register_url(event.slots[0])).status_code == 404
    assert post('/activiteiten/tijdslot/999999/aanmelden').status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(db, client, post, event):
    response = post(register_url(event.slots[0]))

    assert response.status_code == 302
    assert '/inloggen' in response.headers['Location'] or 'sign' in response.headers['Location']


# Job seekers ---------------------------------------------------------------------------------------------------

def test_staff_register_a_job_seeker(db, client, login, post, slot, staff, candidate, outbox):
    login(staff)

    response = post(f'/activiteiten/tijdslot/{slot.id}/kandidaat', {'candidate_code': f' {candidate.code.lower()} '},
                    follow_redirects=True)

    assert response.status_code == 200
    registration = only_registration(db, slot)
    assert (registration.candidate_id, registration.registered_by_id) == (candidate.id, staff.id)
    assert f'Job seeker {candidate.code} is registered.'.encode() in response.data
    [event] = events(db, 'registration.register')
    assert event.details['candidate_code'] == candidate.code
    assert events(db, 'candidate.list_viewed') == []


def test_a_job_seeker_of_another_region_or_without_consent_is_refused(db, client, login, post, slot, staff, region,
                                                                    other_region):
    from tests.factories import make_candidate

    login(staff)
    elsewhere, without_consent = make_activity_candidate(db, region=other_region), make_candidate(db, region=region)
    db.session.commit()  # a refusal rolls the request back
    said = {}
    for name, code in (('elsewhere', elsewhere.code), ('without_consent', without_consent.code), ('made_up', 'XX-0')):
        response = post(f'/activiteiten/tijdslot/{slot.id}/kandidaat', {'candidate_code': code}, follow_redirects=True)
        said[name] = response.get_data(as_text=True)
    assert 'There is no job seeker with this code in your region’s caseload.' in said['elsewhere']
    assert 'There is no job seeker with this code in your region’s caseload.' in said['made_up']
    assert 'consent to take part in activities' in said['without_consent']
    empty = post(f'/activiteiten/tijdslot/{slot.id}/kandidaat', {'candidate_code': ''}, follow_redirects=True)
    assert 'Fill in the code of the job seeker.' in empty.get_data(as_text=True)
    assert only_registration(db, slot) is None


def test_registering_job_seekers_is_for_staff_of_the_region(db, client, login, post, slot, event, host, other_staff,
                                                            staff, candidate):
    url = f'/activiteiten/tijdslot/{slot.id}/kandidaat'
    login(host)
    assert post(url, {'candidate_code': candidate.code}).status_code == 403
    login(other_staff)
    assert post(url, {'candidate_code': candidate.code}).status_code == 404
    login(staff)  # an activity not meant for job seekers
    assert post(f'/activiteiten/tijdslot/{event.slots[0].id}/kandidaat',
                {'candidate_code': candidate.code}).status_code == 404


# Cancelling ----------------------------------------------------------------------------------------------------

def test_cancelling_ones_own_returns_to_my_registrations(db, client, login, post, event, employer):
    registration = make_registration(db, event.slots[0], user=employer)
    login(employer)

    response = post(registration_url(registration, 'annuleren'))

    assert response.status_code == 302
    assert response.headers['Location'].endswith(MY)
    db.session.refresh(registration)
    assert registration.state == RegistrationState.CANCELLED


def test_the_host_cancels_with_a_reason_and_returns_to_the_list(db, client, login, post, slot, host, staff, candidate,
                                                               outbox):
    registration = make_registration(db, slot, candidate=candidate, registered_by=staff)
    db.session.commit()  # the refused request rolls back
    login(host)

    refused = post(registration_url(registration, 'annuleren'), follow_redirects=True)
    assert b'Tell the participant why you cancel their registration.' in refused.data
    response = post(registration_url(registration, 'annuleren'), {'reason': 'De oven is kapot.'})

    assert response.headers['Location'].endswith(f'/activiteiten/tijdslot/{slot.id}/aanmeldingen')
    db.session.refresh(registration)
    assert registration.state == RegistrationState.CANCELLED
    assert 'De oven is kapot.' in outbox[0].body_text


def test_someone_elses_registration_is_404(db, client, login, post, event, employer, other_employer, host):
    registration = make_registration(db, event.slots[0], user=employer)
    for user in (other_employer, host):  # the host of another activity
        login(user)
        for action in ('annuleren', 'goedkeuren', 'afwijzen', 'aanwezigheid'):
            assert post(registration_url(registration, action)).status_code == 404


# The host's decisions and attendance ------------------------------------------------------------------------

def test_the_host_approves_and_declines(db, client, login, post, host_organisation, host, staff, region, outbox):
    activity = make_activity(db, organisation=host_organisation, requires_approval=True)
    slot = activity.slots[0]
    first, second = (make_registration(db, slot, candidate=make_activity_candidate(db, region=region),
                                       registered_by=staff, state='pending') for _ in range(2))
    login(host)

    post(registration_url(first, 'goedkeuren'))
    missing = post(registration_url(second, 'afwijzen'), follow_redirects=True)
    assert b'Give a reason: the participant reads it.' in missing.data
    post(registration_url(second, 'afwijzen'), {'reason': 'Vol met vaste klanten.'})

    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.state, second.state) == (RegistrationState.CONFIRMED, RegistrationState.DECLINED)
    assert len(events(db, 'registration.approve')) == 1


def test_attendance_is_marked_once_the_date_started(db, client, login, post, host_organisation, host, staff,
                                                    candidate):
    activity = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() - timedelta(hours=1)}])
    registration = make_registration(db, activity.slots[0], candidate=candidate, registered_by=staff)
    login(staff)

    assert post(registration_url(registration, 'aanwezigheid'), {'present': '2'}).status_code == 302
    db.session.refresh(registration)
    assert registration.state == RegistrationState.CONFIRMED
    post(registration_url(registration, 'aanwezigheid'), {'present': '0'})

    db.session.refresh(registration)
    assert registration.state == RegistrationState.NO_SHOW


# Pages -----------------------------------------------------------------------------------------------------------

def test_my_registrations_lists_what_is_coming_and_what_was(db, client, login, region, employer):
    coming = make_activity(db, kind='workshop', region=region, title='Komt nog')
    was = make_activity(db, kind='workshop', region=region, title='Was al',
                        slots=[{'starts_at': utcnow() - timedelta(days=3)}])
    upcoming = make_registration(db, coming.slots[0], user=employer, state='waitlisted')
    make_registration(db, was.slots[0], user=employer, state='attended')
    login(employer)

    page = client.get(MY).get_data(as_text=True)

    upcoming_table = page.split('id="registrations-upcoming"')[1].split('</table>')[0]
    past_table = page.split('id="registrations-past"')[1].split('</table>')[0]
    assert 'Komt nog' in upcoming_table
    assert 'Was al' in past_table
    assert f'/activiteiten/aanmelding/{upcoming.id}/annuleren' in upcoming_table
    assert f'/activiteiten/tijdslot/{coming.slots[0].id}.ics' in upcoming_table
    assert 'data-state="waitlisted"' in upcoming_table
    assert '/annuleren' not in past_table


def test_staff_see_the_job_seekers_they_registered_by_code(db, client, login, slot, staff, candidate):
    make_registration(db, slot, candidate=candidate, registered_by=staff)
    login(staff)

    page = client.get(MY).get_data(as_text=True)

    assert 'id="registrations-candidates"' in page
    assert candidate.code in page
    assert candidate.first_name not in page


def test_the_hosts_list_shows_job_seekers_by_code_only(db, client, login, slot, host, staff, candidate, employer):
    make_registration(db, slot, candidate=candidate, registered_by=staff)
    login(host)

    response = client.get(f'/activiteiten/tijdslot/{slot.id}/aanmeldingen')

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert candidate.code in page
    assert candidate.first_name not in page
    assert 'data-action="register-candidate"' not in page
    login(employer)
    assert client.get(f'/activiteiten/tijdslot/{slot.id}/aanmeldingen').status_code == 404


def test_staff_can_register_from_the_list(db, client, login, slot, staff, candidate):
    login(staff)

    page = client.get(f'/activiteiten/tijdslot/{slot.id}/aanmeldingen').get_data(as_text=True)

    assert 'data-action="register-candidate"' in page
    assert 'name="candidate_code"' in page
    assert candidate.code not in page


# The partial for the activity page ----------------------------------------------------------------------------

def render_actions(app, user, slot) -> str:
    with app.test_request_context():
        from flask_login import login_user

        login_user(user)
        registration, block = views_registrations.slot_state(user, slot)
        forms = views_registrations.action_forms(user, slot.activity)
        return render_template_string(
            "{% from 'activities/registrations/_slot_actions.html' import slot_actions %}"
            '{{ slot_actions(slot, registration, block, forms) }}',
            slot=slot, registration=registration, block=block, forms=forms)


def test_the_partial_offers_a_seat_then_the_waiting_list_then_shows_the_registration(app, db, event, employer):
    slot = event.slots[0]  # two seats

    assert 'data-free-seats="2"' in render_actions(app, employer, slot)
    for _ in range(2):
        make_registration(db, slot, user=make_user(db))
    full = render_actions(app, employer, slot)
    assert 'Full: you join the waiting list (place 1)' in full
    assert 'Join the waiting list' in full
    registration = make_registration(db, slot, user=employer, state='waitlisted')
    mine = render_actions(app, employer, slot)
    assert 'You are number 1 on the waiting list' in mine
    assert f'/activiteiten/aanmelding/{registration.id}/annuleren' in mine


def test_the_partial_says_why_not(app, db, region, employer):
    closed = make_activity(db, kind='workshop', region=region,
                           slots=[{'days_ahead': 2, 'closes_at': utcnow() - timedelta(hours=1)}])

    html = render_actions(app, employer, closed.slots[0])

    assert 'data-block' in html
    assert 'Registration closed on' in html
    assert 'data-action="register"' not in html
