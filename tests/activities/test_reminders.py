"""The hourly reminder job: everyone with a seat hears about a date a day before, once; links from PORTAL_URL."""

from datetime import timedelta

from portal.blueprints.activities.jobs import activity_reminders_job, send_reminders
from portal.core.dbtypes import utcnow
from portal.core.jobs import JOBS, run_due_jobs
from tests.activities.conftest import events, make_activity, make_registration
from tests.factories import make_user


def test_the_job_is_registered_to_run_every_hour():
    assert JOBS['activity-reminders'].every == timedelta(hours=1)


def test_seated_people_and_the_staff_behind_job_seekers_are_reminded_once(app, db, host_organisation, staff,
                                                                          candidate, outbox, monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', 'https://kansenkamer.example.nl')
    soon = make_activity(db, organisation=host_organisation, audience='signed_in', title='Rondleiding',
                         slots=[{'starts_at': utcnow() + timedelta(hours=20)}])
    slot = soon.slots[0]
    person = make_user(db, locale='en')
    make_registration(db, slot, user=person)
    make_registration(db, slot, candidate=candidate, registered_by=staff)
    make_registration(db, slot, user=make_user(db), state='waitlisted')
    make_registration(db, slot, user=make_user(db), state='cancelled')

    summary = activity_reminders_job(utcnow())

    assert summary == '1 dates reminded, 2 reminders queued'
    assert slot.reminder_sent_at is not None
    assert sorted(m.recipient for m in outbox) == sorted([person.email, staff.email])
    assert {m.template for m in outbox} == {'activities/reminder'}
    to_staff = next(m for m in outbox if m.recipient == staff.email)
    assert candidate.code in to_staff.body_text
    assert candidate.first_name not in to_staff.body_text
    assert 'https://kansenkamer.example.nl/' in to_staff.body_text
    [row] = events(db, 'activity.remind')
    assert row.details == {'slot_id': slot.id, 'registrations': 2, 'mails': 2}

    outbox.clear()
    assert activity_reminders_job(utcnow()) == '0 dates reminded, 0 reminders queued'
    assert outbox == []


def test_only_dates_within_the_reminder_time_of_published_activities(app, db, region, host_organisation, outbox):
    person = make_user(db)
    later = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() + timedelta(hours=30)}])
    past = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() - timedelta(hours=1)}])
    called_off = make_activity(db, organisation=host_organisation, state='cancelled',
                               slots=[{'starts_at': utcnow() + timedelta(hours=2)}])
    for activity in (later, past, called_off):
        make_registration(db, activity.slots[0], user=person)

    with app.test_request_context():
        assert send_reminders(utcnow()) == (0, 0)
    assert outbox == []


def test_the_reminder_time_is_a_setting(app, db, host_organisation, outbox, monkeypatch):
    monkeypatch.setitem(app.config, 'ACTIVITY_REMINDER_BEFORE', timedelta(hours=48))
    activity = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() + timedelta(hours=30)}])
    make_registration(db, activity.slots[0], user=make_user(db))

    with app.test_request_context():
        assert send_reminders(utcnow()) == (1, 1)


def test_without_portal_url_the_link_is_a_path(app, db, host_organisation, outbox, monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', None)
    activity = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() + timedelta(hours=3)}])
    make_registration(db, activity.slots[0], user=make_user(db))

    activity_reminders_job(utcnow())

    [message] = outbox
    assert 'http://localhost' not in message.body_text
    assert '\n/activiteiten/' in message.body_text


def test_run_jobs_runs_it(app, db, host_organisation, outbox, monkeypatch):
    monkeypatch.setitem(app.config, 'PORTAL_URL', 'https://kansenkamer.example.nl')
    activity = make_activity(db, organisation=host_organisation, slots=[{'starts_at': utcnow() + timedelta(hours=5)}])
    make_registration(db, activity.slots[0], user=make_user(db))

    [outcome] = run_due_jobs(only=['activity-reminders'])

    assert outcome.status == 'done'
    assert activity.slots[0].reminder_sent_at is not None
    assert len(outbox) == 1
