"""After a date: the host's feedback on each job seeker who attended (general, or the practice interview's
competence form), who reads it (every staff read audited), the accountmanager's mail without content, and the
attendees' ratings."""

from datetime import timedelta

import pytest

from portal.blueprints.activities import followup
from portal.blueprints.activities.followup import FollowUpRefused
from portal.core.dbtypes import utcnow
from portal.models.activities import FeedbackForm
from tests.activities.conftest import events, make_activity, make_activity_candidate, make_registration
from tests.factories import add_member, make_staff, make_user

EN = {'Accept-Language': 'en'}
GENERAL = {'how_it_went': 'Op tijd en nieuwsgierig.', 'strengths': 'Stelt goede vragen.',
           'points_to_work_on': 'Meer oogcontact maken.', 'next_step': 'job_shadowing'}
INTERVIEW = {'preparation': '4', 'presentation': '3', 'motivation': '5', 'questions_asked': '2',
             'points_to_work_on': 'Vragen voorbereiden.', 'would_invite': 'yes'}


def started_activity(db, host_organisation, host, kind='job_shadowing'):
    return make_activity(db, organisation=host_organisation, created_by=host, kind=kind,
                         slots=[{'starts_at': (utcnow() - timedelta(hours=3)).replace(microsecond=0), 'hours': 2}])


@pytest.fixture
def attended(db, host_organisation, host, staff, candidate):
    """Karin (accountmanager: staff) attended a meeloopdag that ended an hour ago."""
    activity = started_activity(db, host_organisation, host)
    return make_registration(db, activity.slots[0], candidate=candidate, registered_by=staff, state='attended')


@pytest.fixture
def interview(db, host_organisation, host, staff, candidate):
    activity = started_activity(db, host_organisation, host, kind='practice_interview')
    return make_registration(db, activity.slots[0], candidate=candidate, registered_by=staff, state='attended')


def url(registration) -> str:
    return f'/activiteiten/aanmelding/{registration.id}/terugkoppeling'


# Writing ---------------------------------------------------------------------------------------------

def test_the_host_writes_feedback_and_the_accountmanager_is_told_without_its_content(
        db, client, login, post, host, staff, attended, outbox):
    login(host)
    assert 'name="next_step"' in client.get(url(attended)).get_data(as_text=True)

    response = post(url(attended), GENERAL)

    assert response.status_code == 302
    feedback = attended.feedback
    assert feedback.form == FeedbackForm.GENERAL
    assert feedback.author_id == host.id
    assert feedback.answers == GENERAL
    [message] = outbox
    assert message.recipient == staff.email
    assert message.template == 'activities_host/feedback_received'
    assert attended.candidate.code in message.subject
    assert url(attended) in message.body_text
    for answer in GENERAL.values():
        assert answer not in message.body_text
    [event] = events(db, 'activity_feedback.created')
    assert event.details['candidate_code'] == attended.candidate.code
    assert 'Stelt goede vragen.' not in str(event.details)


def test_the_practice_interview_has_the_competence_form(db, client, login, post, host, interview, outbox):
    login(host)
    text = client.get(url(interview), headers=EN).get_data(as_text=True)
    assert 'name="preparation"' in text
    assert 'name="would_invite"' in text

    post(url(interview), INTERVIEW)

    assert interview.feedback.form == FeedbackForm.PRACTICE_INTERVIEW
    assert interview.feedback.answers == {'preparation': 4, 'presentation': 3, 'motivation': 5,
                                          'questions_asked': 2, 'points_to_work_on': 'Vragen voorbereiden.',
                                          'would_invite': True}


def test_the_competence_form_needs_every_score(db, client, login, post, host, interview, outbox):
    login(host)
    response = post(url(interview), {**INTERVIEW, 'motivation': ''}, headers=EN)
    assert response.status_code == 200
    assert 'Choose a score from 1 to 5.' in response.get_data(as_text=True)
    assert interview.feedback is None
    assert outbox == []


def test_general_feedback_needs_some_words(db, host, attended, request_context):
    with pytest.raises(FollowUpRefused):
        followup.save_feedback(host, attended, answers={'next_step': 'none'})
    with pytest.raises(FollowUpRefused):
        followup.save_feedback(host, attended, answers={**GENERAL, 'next_step': 'bake_bread'})


def test_the_author_changes_the_feedback_without_a_second_mail(db, host, attended, request_context, outbox):
    followup.save_feedback(host, attended, answers=GENERAL)
    followup.save_feedback(host, attended, answers={**GENERAL, 'strengths': 'Zelfstandig.'})

    assert attended.feedback.answers['strengths'] == 'Zelfstandig.'
    assert len(outbox) == 1
    assert events(db, 'activity_feedback.updated')


def test_feedback_is_only_on_job_seekers_who_attended(db, client, login, host, host_organisation, staff, candidate,
                                                      employer, request_context):
    activity = started_activity(db, host_organisation, host)
    absent = make_registration(db, activity.slots[0], candidate=candidate, registered_by=staff, state='no_show')
    person = make_registration(db, activity.slots[0], user=employer, state='attended')
    for registration in (absent, person):
        with pytest.raises(FollowUpRefused):
            followup.save_feedback(host, registration, answers=GENERAL)
    login(host)
    assert client.get(url(absent)).status_code == 404
    assert client.get(url(person)).status_code == 404


def test_a_colleague_of_the_host_cannot_change_anothers_feedback(db, client, login, post, host, host_organisation,
                                                                  attended, request_context, outbox):
    followup.save_feedback(host, attended, answers=GENERAL)
    colleague = make_user(db)
    add_member(db, host_organisation, colleague)
    db.session.refresh(colleague)
    login(colleague)
    assert client.get(url(attended)).status_code == 404
    with pytest.raises(FollowUpRefused):
        followup.save_feedback(colleague, attended, answers=GENERAL)


# Reading ---------------------------------------------------------------------------------------------

@pytest.fixture
def written(db, host, attended, app, outbox):
    with app.test_request_context('/'):
        followup.save_feedback(host, attended, answers=GENERAL)
    return attended


def test_the_accountmanager_and_coordinators_read_it_and_each_read_is_audited(db, client, login, staff, coordinator,
                                                                              written):
    for reader in (staff, coordinator):
        login(reader)
        text = client.get(url(written), headers=EN).get_data(as_text=True)
        assert 'Stelt goede vragen.' in text
        assert 'data-next-step="job_shadowing"' in text
    assert [e.actor_id for e in events(db, 'activity_feedback.viewed')] == [staff.id, coordinator.id]


@pytest.mark.parametrize('who', ['other_accountmanager', 'employer', 'other_staff', 'other_coordinator'])
def test_everyone_else_gets_404(db, client, login, written, region, employer, other_staff, other_region, who):
    reader = {'other_accountmanager': lambda: make_staff(db, region=region),
              'employer': lambda: employer, 'other_staff': lambda: other_staff,
              'other_coordinator': lambda: make_staff(db, region=other_region, kind='coordinator')}[who]()
    login(reader)
    assert client.get(url(written)).status_code == 404
    assert events(db, 'activity_feedback.viewed') == []


def test_the_manage_page_links_the_feedback_per_job_seeker(db, client, login, host, staff, written):
    activity_id = written.slot.activity_id
    login(host)
    text = client.get(f'/activiteiten/{activity_id}/beheer').get_data(as_text=True)
    assert f'data-registration-id="{written.id}" data-feedback="given"' in text
    assert url(written) in text
    login(make_staff(db, region=staff.region))  # staff of the region who may not read it
    text = client.get(f'/activiteiten/{activity_id}/beheer').get_data(as_text=True)
    assert url(written) not in text


# Ratings ---------------------------------------------------------------------------------------------

@pytest.fixture
def attendee(db, host_organisation, host, employer):
    activity = started_activity(db, host_organisation, host)
    activity.audience = 'signed_in'
    return make_registration(db, activity.slots[0], user=employer, state='attended')


def rate_url(registration) -> str:
    return f'/activiteiten/aanmelding/{registration.id}/waardering'


def test_an_attendee_rates_the_activity_and_may_change_it(db, client, login, post, employer, attendee):
    login(employer)
    text = client.get(f'/activiteiten/{attendee.slot.activity_id}').get_data(as_text=True)
    assert rate_url(attendee) in text

    prefix = f'rating-{attendee.id}-'
    post(rate_url(attendee), {prefix + 'rating': '4', prefix + 'comment': 'Leerzaam'})
    assert (attendee.rating, attendee.rating_comment) == (4, 'Leerzaam')
    post(rate_url(attendee), {prefix + 'rating': '5', prefix + 'comment': ''})

    assert (attendee.rating, attendee.rating_comment) == (5, None)
    assert [e.details['changed'] for e in events(db, 'registration.rate')] == [False, True]


def test_a_rating_must_be_one_to_five(db, client, login, post, employer, attendee):
    login(employer)
    post(rate_url(attendee), {f'rating-{attendee.id}-rating': '9'})
    assert attendee.rating is None


def test_only_who_attended_rates(db, client, login, post, employer, attendee, host, request_context):
    attendee.state = 'no_show'
    db.session.flush()
    with pytest.raises(FollowUpRefused):
        followup.rate_activity(employer, attendee, rating=3)
    login(host)
    assert post(rate_url(attendee), {f'rating-{attendee.id}-rating': '1'}).status_code == 404


def test_staff_see_the_average(db, client, login, staff, attendee, request_context):
    other = make_registration(db, attendee.slot, user=make_user(db), state='attended')
    followup.rate_activity(attendee.user, attendee, rating=5, comment='Top')
    followup.rate_activity(other.user, other, rating=2)
    login(staff)
    text = client.get(f'/activiteiten/{attendee.slot.activity_id}').get_data(as_text=True)
    assert 'data-rating-average="3.5" data-rating-count="2"' in text
    assert 'Top' in text


def test_without_an_accountmanager_the_coordinators_hear_of_the_feedback(db, host, region, coordinator,
                                                                         host_organisation, request_context, outbox):
    """Without an accountmanager, the region's coordinators (who may read it) hear of the feedback, not the staff
    member who registered the job seeker (who may not)."""
    registrar = make_staff(db, region=region)
    seeker = make_activity_candidate(db, region=region, accountmanager=None)
    activity = started_activity(db, host_organisation, host)
    registration = make_registration(db, activity.slots[0], candidate=seeker, registered_by=registrar,
                                     state='attended')
    assert not followup.can_rate(host, registration)
    followup.save_feedback(host, registration, answers=GENERAL)
    assert [m.recipient for m in outbox] == [coordinator.email]
    assert followup.can_read_feedback(coordinator, registration)
    assert not followup.can_read_feedback(registrar, registration)
