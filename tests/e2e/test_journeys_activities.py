"""Journeys of activities and the network: an employer's meeloopdag from its offer to the host's feedback (review,
registrations, the waiting list and a promotion, attendance), a network member who joins a meeting and takes it into
their calendar, and registering and cancelling by keyboard only. The buddy pairing is in test_journeys_buddies.py.

Every page a person opens is checked with axe-core and must log no console errors (see Visitor); each person browses
in a browser context of their own. Texts are read through `say`, as the live server renders them in Dutch.
"""

import re
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.core.dbtypes import today
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.extensions import db
from portal.models.activities import Activity, ActivitySlot, Registration, RegistrationState
from portal.models.buddies import BuddyOffer
from portal.models.moderation import PostingState
from portal.models.tenancy import Region
from tests.e2e.helpers import (
    attached_calendar,
    audit_rows,
    calendar_events,
    create_user,
    detached,
    fill_seats,
    first_slot,
    flash_texts,
    focus_problems,
    label_starting,
    last_mail_to,
    make_job_seeker,
    meeting_to_join,
    move_slot_into_the_past,
    open_in_menu,
    open_in_review_queue,
    registration_id,
    registration_states,
    say,
    sign_in,
    sign_in_as_staff,
    tab_to,
    user_id,
)

pytestmark = pytest.mark.e2e

HOST = 'werkgever@demo.kansenkamer.nl'  # owner of Kanaalzicht Logistiek (demo), Hardenberg, Vechtdal
ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal
COORDINATOR = 'coordinator@demo.kansenkamer.nl'  # staff of Vechtdal, registers the job seekers a journey is not about
MEMBER = 'werkgever2@demo.kansenkamer.nl'  # owner of Ommer Groenwerk (demo), a member of the Vechtdalkamer
MEMBER_KVK = '99100002'
R = RegistrationState


def test_a_meeloopdag_from_the_offer_to_the_hosts_feedback(live_app, new_visitor):
    host, staff = new_visitor(), new_visitor()
    run, day = uuid.uuid4().hex[:6], today()
    title = f'Meeloopdag expeditie {run}'
    first, second = (make_job_seeker(live_app, staff_email=ACCOUNTMANAGER, first_name=name,
                                     reference=f'E2E-{run}-{name}') for name in ('Fokeline', 'Wubbe'))

    def t(msgid: str, **params) -> str:
        return say(live_app, msgid, **params)

    # 1. The employer offers a meeloopdag on two dates, four places on the first, and submits it for approval.
    sign_in(host, HOST, DEMO_PASSWORD)
    page = host.page
    open_in_menu(host, '/activiteiten')
    host.follow(page.locator('main').get_by_role('link', name=t('Offer an activity'), exact=True))
    page.get_by_label(t('Job-shadowing day'), exact=True).check()
    page.get_by_label(t('Title'), exact=True).fill(title)
    page.get_by_label(t('Description'), exact=True).fill('Een dag meelopen in het magazijn: orderpicken en laden.')
    page.get_by_label(t('Job seekers (the municipality registers them)'), exact=True).check()
    page.get_by_label(label_starting(t('Address'))).fill('Kanaalweg 1, Hardenberg')
    for row, (offset, seats) in enumerate([(14, '4'), (21, '6')]):
        if row:
            host.follow(page.get_by_role('button', name=t('Add a date'), exact=True))
        date_row = page.locator(f'#date-{row}')
        date_row.get_by_label(t('Date'), exact=True).fill((day + timedelta(days=offset)).isoformat())
        date_row.get_by_label(t('Start time'), exact=True).fill('09:00')
        date_row.get_by_label(t('End time'), exact=True).fill('15:00')
        date_row.get_by_label(t('Places'), exact=True).fill(seats)
    host.follow(page.get_by_role('button', name=t('Save and submit for approval'), exact=True))
    match = re.fullmatch(r'/activiteiten/(\d+)', host.path)
    assert match, f'the offer was not shown after submitting: {page.url}'
    activity_id = int(match.group(1))
    assert t('Submitted. An account manager of the municipality checks it, usually within a few working days, and '
             'you get an email when it is done.') in flash_texts(host)
    assert detached(live_app, Activity, activity_id).state == PostingState.PENDING
    slot_id, later_slot_id = first_slot(live_app, activity_id)
    assert later_slot_id, 'both dates were saved'

    # 2. The accountmanager approves it in the review queue; the employer hears so.
    sign_in_as_staff(staff, live_app, ACCOUNTMANAGER, DEMO_PASSWORD)
    open_in_review_queue(staff, title)
    assert staff.path == f'/medewerkers/beoordelen/activiteit/{activity_id}'
    staff.follow(staff.page.get_by_role('button', name=t('Approve and publish'), exact=True))
    assert detached(live_app, Activity, activity_id).state == PostingState.PUBLISHED
    approved = last_mail_to(live_app, HOST, 'activities_host/approved')
    assert title in approved.subject
    assert urlsplit(approved.link('/activiteiten/')).path == f'/activiteiten/{activity_id}'

    # 3. Three places of the first date are taken already; the accountmanager registers two job seekers.
    fill_seats(live_app, slot_id, 3, staff_email=COORDINATOR)
    staff.goto(f'/activiteiten/{activity_id}')
    date = staff.page.locator(f'main li[data-slot-id="{slot_id}"]')
    assert date.locator('[data-free-seats]').get_attribute('data-free-seats') == '1'
    for (_id, code), said in [(first, 'Job seeker %(code)s is registered. The invitation is in your mail.'),
                                       (second, 'This date is full: job seeker %(code)s is number %(position)s on '
                                                'the waiting list.')]:
        date.get_by_label(t('Code of the job seeker'), exact=True).fill(code)
        staff.follow(date.get_by_role('button', name=t('Register job seeker'), exact=True))
        assert t(said, code=code, position=1) in flash_texts(staff)
    assert date.locator('[data-free-seats]').get_attribute('data-free-seats') == '0'
    states = registration_states(live_app, slot_id)
    assert (states[first[0]], states[second[0]]) == (R.CONFIRMED, R.WAITLISTED)
    invitation = attached_calendar(live_app, ACCOUNTMANAGER, 'activities/registration_confirmed')
    assert [str(event['summary']) for event in invitation] == [title]

    # 4. The first cannot come: the accountmanager cancels, and the first on the waiting list gets the place.
    staff.follow(staff.page.get_by_role('link', name=t('Registrations and attendance'), exact=True))
    row = staff.page.locator(f'tr[data-registration-id="{registration_id(live_app, slot_id, candidate_id=first[0])}"]')
    row.locator('summary').click()
    row.get_by_label(t('Reason'), exact=True).fill('Heeft een proefplaatsing gekregen op die dag.')
    staff.follow(row.get_by_role('button', name=t('Cancel registration'), exact=True))
    assert t('The first on the waiting list got the place and has been mailed.') in flash_texts(staff)
    states = registration_states(live_app, slot_id)
    assert (states[first[0]], states[second[0]]) == (R.CANCELLED, R.CONFIRMED)
    promoted = last_mail_to(live_app, ACCOUNTMANAGER, 'activities/registration_promoted')
    assert second[1] in promoted.subject
    assert title in promoted.subject
    assert urlsplit(promoted.link('/activiteiten/')).path == f'/activiteiten/{activity_id}'
    assert audit_rows(live_app, 'registration.promote', 'Registration',
                      registration_id(live_app, slot_id, candidate_id=second[0])), 'the promotion is audited'

    # 5. The day has passed. The host sees the job seekers by code only, marks who came and writes feedback.
    move_slot_into_the_past(live_app, slot_id)
    host.goto(f'/activiteiten/{activity_id}/beheer')
    registrations = page.locator(f'#slot-{slot_id}-registrations').inner_text()
    assert second[1] in registrations
    for private in ('Fokeline', 'Wubbe', f'E2E-{run}'):
        assert private not in page.content(), f'{private!r} is on the host’s page'
    attended = registration_id(live_app, slot_id, candidate_id=second[0])
    host.follow(page.locator(f'#slot-{slot_id}-registrations tr[data-registration-id="{attended}"] '
                             '[data-action="present"]'))
    assert t('Attendance saved.') in flash_texts(host)
    other = page.locator(f'#slot-{slot_id}-registrations tr[data-state="confirmed"]').first
    host.follow(other.locator('[data-action="absent"]'))
    assert registration_states(live_app, slot_id)[second[0]] == R.ATTENDED
    host.goto(f'/activiteiten/{activity_id}/beheer')
    host.follow(page.get_by_role('link', name=t('Write feedback on %(code)s', code=second[1]), exact=True))
    page.get_by_label(label_starting(t('How it went'))).fill('Was op tijd en werkte geconcentreerd mee.')
    page.get_by_label(label_starting(t('Strengths'))).fill('Nauwkeurig bij het orderpicken.')
    page.get_by_label(label_starting(t('Points to work on'))).fill('Vragen stellen als iets niet duidelijk is.')
    page.get_by_label(t('Apply for a job'), exact=True).check()
    host.follow(page.get_by_role('button', name=t('Save the feedback'), exact=True))
    assert host.path == f'/activiteiten/{activity_id}/beheer'
    assert page.locator(f'tr[data-registration-id="{attended}"][data-feedback="given"]').count() == 1

    # 6. The accountmanager is told, without the content, and reads the feedback; that read is on the record.
    told = last_mail_to(live_app, ACCOUNTMANAGER, 'activities_host/feedback_received')
    assert second[1] in told.subject
    assert 'Nauwkeurig' not in told.body, 'the mail says feedback is there, not what it says'
    staff.goto(urlsplit(told.link('/activiteiten/aanmelding/')).path)
    assert 'Nauwkeurig bij het orderpicken.' in staff.page.locator('main').inner_text()
    with live_app.app_context():
        feedback_id = db.session.get(Registration, attended).feedback.id
    assert audit_rows(live_app, 'activity_feedback.viewed', 'ActivityFeedback', feedback_id), 'the read is audited'


def test_a_network_member_joins_a_meeting_and_adds_it_to_their_calendar(live_app, new_visitor):
    member, calendar_app = new_visitor(), new_visitor()
    activity_id, slot_id, title = meeting_to_join(live_app, MEMBER)
    page = member.page

    def t(msgid: str, **params) -> str:
        return say(live_app, msgid, **params)

    # 1. The member opens the network's meetings, reads the agenda and registers on the meeting's page.
    sign_in(member, MEMBER, DEMO_PASSWORD)
    open_in_menu(member, '/netwerk/')
    member.follow(page.locator('nav.kk-tabs').get_by_role('link', name=t('Meetings'), exact=True))
    meeting = page.locator(f'#upcoming li[data-meeting-id="{activity_id}"]')
    meeting.locator('summary').click()
    assert meeting.locator('details p').is_visible(), 'the agenda opens'
    member.follow(meeting.get_by_role('link', name=title, exact=True))
    member.follow(page.locator(f'li[data-slot-id="{slot_id}"] [data-action="register"]'))
    assert t('You are registered. The invitation is in your mail.') in flash_texts(member)
    assert registration_states(live_app, slot_id)[-user_id(live_app, MEMBER)] == R.CONFIRMED
    invitation = attached_calendar(live_app, MEMBER, 'activities/registration_confirmed')
    assert [str(event['summary']) for event in invitation] == [title]

    # 2. "Mijn aanmeldingen" lists it; its .ics holds the meeting, its time and a link back.
    open_in_menu(member, '/activiteiten')
    member.follow(page.locator('main').get_by_role('link', name=t('My registrations'), exact=True))
    mine = registration_id(live_app, slot_id, email=MEMBER)
    row = page.locator(f'#registrations-upcoming tr[data-registration-id="{mine}"]')
    assert row.get_by_role('link', name=title, exact=True).is_visible()
    with page.expect_download() as download:
        row.get_by_role('link', name=t('Add “%(title)s” to your calendar (.ics)', title=title), exact=True).click()
    [event] = calendar_events(Path(download.value.path()).read_bytes())
    with live_app.app_context():
        starts_at = db.session.get(ActivitySlot, slot_id).starts_at
    assert (str(event['summary']), event['dtstart'].dt) == (title, starts_at)
    assert urlsplit(str(event['url'])).path == f'/activiteiten/{activity_id}'

    # 3. On the agenda page the private feed address; a calendar app (not signed in) fetches the meeting from it.
    member.follow(page.get_by_role('link', name=t('Have your registrations appear in your own calendar'), exact=True))
    feed_url = page.get_by_label(t('Your private calendar address'), exact=True).input_value()
    assert re.fullmatch(r'https?://[^/]+/agenda/[\w-]+\.ics', feed_url), feed_url
    feed = calendar_app.page.request.get(feed_url)
    assert feed.status == 200
    assert feed.headers['content-type'].startswith('text/calendar')
    [listed] = [event for event in calendar_events(feed.body()) if str(event['summary']) == title]
    assert urlsplit(str(listed['url'])).path == f'/activiteiten/{activity_id}'
    assert str(listed['status']) == 'CONFIRMED'


def test_registering_for_a_date_and_cancelling_with_the_keyboard_only(live_app, visitor):
    run = uuid.uuid4().hex[:6]
    email, password = f'toetsenbord-{run}@example.com', 'alles met de tab-toets'
    create_user(live_app, email, password, name='Karin Toets', member_of=MEMBER_KVK)
    activity_id, slot_id, _title = meeting_to_join(live_app, email)
    page = visitor.page

    def t(msgid: str, **params) -> str:
        return say(live_app, msgid, **params)

    sign_in(visitor, email, password)
    visitor.goto(f'/activiteiten/{activity_id}')
    tab_to(visitor, f'li[data-slot-id="{slot_id}"] [data-action="register"]')
    with page.expect_navigation():
        page.keyboard.press('Enter')
    visitor.check()
    assert t('You are registered. The invitation is in your mail.') in flash_texts(visitor)
    assert registration_states(live_app, slot_id)[-user_id(live_app, email)] == R.CONFIRMED

    tab_to(visitor, f'li[data-slot-id="{slot_id}"] [data-action="cancel-registration"]')
    with page.expect_navigation():
        page.keyboard.press('Enter')
    visitor.check()
    assert visitor.path == '/activiteiten/mijn-aanmeldingen'
    assert t('The registration is cancelled.') in flash_texts(visitor)
    assert registration_states(live_app, slot_id)[-user_id(live_app, email)] == R.CANCELLED


def test_every_tab_stop_of_the_offer_and_buddy_forms_shows_the_focus(live_app, visitor):
    """Date, time and date-and-time fields take the focus in their parts (day, hour, minute): the house focus ring
    must show there as on every other stop, and no page may keep the focus."""
    sign_in(visitor, HOST, DEMO_PASSWORD)
    problems = focus_problems(visitor, '/activiteiten/nieuw') + focus_problems(visitor, '/buddy')
    visitor.page.context.clear_cookies()
    sign_in_as_staff(visitor, live_app, ACCOUNTMANAGER, DEMO_PASSWORD)
    with live_app.app_context():
        offer_id = db.session.scalar(select(BuddyOffer.id).where(
            BuddyOffer.region_id == Region.by_slug('vechtdal').id, BuddyOffer.is_active.is_(True)).limit(1))
    problems += focus_problems(visitor, f'/medewerkers/buddy/aanbod/{offer_id}')
    assert not problems, '\n'.join(problems)
