"""Journey of the buddy project: an employer signs up as a buddy (agreeing it is an orientation talk without a job
guarantee), staff pair them with a job seeker whom the buddy knows by code only, the buddy records the meeting and
gives feedback with a next step, staff close the pairing, and the region's overview counts it.

Every page a person opens is checked with axe-core and must log no console errors (see Visitor); each person browses
in a browser context of their own. Texts are read through `say`, as the live server renders them in Dutch.
"""

import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from portal.core.dbtypes import today
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.models.buddies import BuddyPairing, NextStep, PairingState
from tests.e2e.helpers import (
    Visitor,
    audit_rows,
    create_user,
    detached,
    flash_texts,
    label_starting,
    last_mail_to,
    make_job_seeker,
    move_meeting_into_the_past,
    open_in_menu,
    say,
    sign_in,
    sign_in_as_staff,
)

pytestmark = pytest.mark.e2e

ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal
BUDDY_KVK = '99100002'  # Ommer Groenwerk (demo), Ommen, Vechtdal: verified, so its people can sign up as buddies


def overview(staff: Visitor) -> dict[str, int]:
    """The buddy overview's figures: pairings per state (by key) and how often a meeloopdag was suggested."""
    page = staff.page
    figures = {cell.get_attribute('data-count'): int(cell.inner_text().replace('.', ''))
               for cell in page.locator('#counts td[data-count]').all()}
    figures['suggested'] = int(page.locator('#steps tr[data-step="job_shadowing"] td[data-suggested]')
                               .get_attribute('data-suggested'))
    return figures


def test_a_buddy_pairing_from_sign_up_to_feedback_and_the_regions_figures(live_app, new_visitor):
    buddy, staff = new_visitor(), new_visitor()
    run, day = uuid.uuid4().hex[:6], today()
    email, password, name = f'buddy-{run}@example.com', 'een gesprek zonder baangarantie', f'Bert Buddy {run}'
    create_user(live_app, email, password, name=name, member_of=BUDDY_KVK)
    candidate_id, code = make_job_seeker(live_app, staff_email=ACCOUNTMANAGER, first_name='Hiltje',
                                         reference=f'E2E-{run}-buddy')
    page = buddy.page

    def t(msgid: str, **params) -> str:
        return say(live_app, msgid, **params)

    sign_in_as_staff(staff, live_app, ACCOUNTMANAGER, DEMO_PASSWORD)
    open_in_menu(staff, '/medewerkers/buddy')
    staff.follow(staff.page.locator('nav.kk-tabs').get_by_role('link', name=t('Overview'), exact=True))
    before = overview(staff)

    # 1. An employer signs up as a buddy; without agreeing to "no job guarantee" the offer is not saved.
    sign_in(buddy, email, password)
    open_in_menu(buddy, '/buddy')
    page.get_by_label(t('How many job seekers at the same time'), exact=True).fill('1')
    page.locator('input[name="sectors"][value="A"]').check()
    page.get_by_label(t('When you are available'), exact=True).fill('Maandagochtend, buiten op een project')
    sign_up = page.locator('main').get_by_role('button', name=t('Sign up as a buddy'), exact=True)
    buddy.follow(sign_up)
    assert t('Agree to this to sign up as a buddy.') in page.locator('#error-summary').inner_text()
    page.get_by_label(t('I understand that a pairing is an orientation talk without a job guarantee.'),
                      exact=True).check()
    buddy.follow(sign_up)
    assert buddy.path == '/buddy'
    assert t('Your buddy offer is saved. An account manager will pair you with a job seeker and let you know by '
             'mail.') in flash_texts(buddy)

    # 2. The accountmanager pairs the buddy with a job seeker, who the buddy knows by code only.
    staff.follow(staff.page.locator('nav.kk-tabs').get_by_role('link', name=t('Buddies'), exact=True))
    staff.follow(staff.page.locator('main tbody').get_by_role('link', name=name, exact=True))
    form = staff.page.locator('main form[method=post]')
    form.get_by_label(t('Code of the job seeker'), exact=True).fill(code)
    form.get_by_label(t('Day of the meeting'), exact=True).fill((day + timedelta(days=2)).isoformat())
    form.get_by_label(t('Time of the meeting'), exact=True).fill('10:00')
    form.get_by_label(t('Place of the meeting'), exact=True).fill('Ommer Groenwerk, Stationsweg 3, Ommen')
    form.get_by_label(t('The job seeker knows this is an orientation talk without a job guarantee, and agrees to '
                        'it.'), exact=True).check()
    staff.follow(form.get_by_role('button', name=t('Pair and mail the buddy'), exact=True))
    match = re.fullmatch(r'/medewerkers/buddy/koppelingen/(\d+)', staff.path)
    assert match, f'the pairing was not shown after pairing: {staff.page.url}'
    pairing_id = int(match.group(1))
    paired = last_mail_to(live_app, email, 'buddies/paired')
    assert code in paired.subject
    assert 'Hiltje' not in paired.body
    buddy.goto(urlsplit(paired.link('/buddy/koppelingen/')).path)
    assert code in page.locator('main h1').inner_text()
    assert 'Hiltje' not in page.content(), 'the buddy sees the job seeker by code only'

    # 3. After the meeting the buddy records it and says how it went, suggesting a meeloopdag.
    move_meeting_into_the_past(live_app, pairing_id)
    buddy.reload()
    page.get_by_label(t('The day you met'), exact=True).fill(day.isoformat())
    buddy.follow(page.get_by_role('button', name=t('Record the meeting'), exact=True))
    assert t('The meeting is recorded. Now tell us how it went.') in flash_texts(buddy)
    page.get_by_label(t('What went well: the job seeker’s strengths'), exact=True).fill('Weet veel van planten.')
    page.get_by_label(t('What to work on'), exact=True).fill('Op tijd vertrekken met het openbaar vervoer.')
    page.get_by_label(t('A job-shadowing day (meeloopdag)'), exact=True).check()
    page.get_by_label(label_starting(t('About the next step'))).fill('Een dag meelopen met de snoeiploeg.')
    buddy.follow(page.get_by_role('button', name=t('Send my feedback'), exact=True))
    assert t('Thank you for your feedback. The account manager has been told.') in flash_texts(buddy)
    recorded = detached(live_app, BuddyPairing, pairing_id)
    assert (recorded.candidate_id, recorded.next_step) == (candidate_id, NextStep.JOB_SHADOWING)

    # 4. The accountmanager reads the feedback and closes the pairing; the buddy is thanked.
    told = last_mail_to(live_app, ACCOUNTMANAGER, 'buddies/feedback_given')
    staff.goto(urlsplit(told.link('/medewerkers/buddy/koppelingen/')).path)
    assert 'Weet veel van planten.' in staff.page.locator('main').inner_text()
    staff.follow(staff.page.get_by_role('button', name=t('Close the pairing'), exact=True))
    assert t('The pairing is closed. We have thanked the buddy by mail.') in flash_texts(staff)
    assert detached(live_app, BuddyPairing, pairing_id).state == PairingState.CLOSED
    assert code in last_mail_to(live_app, email, 'buddies/closed').body
    assert audit_rows(live_app, 'buddy.closed', 'BuddyPairing', pairing_id)

    # 5. The region's overview counts it: one more closed pairing, one more meeloopdag suggested.
    staff.follow(staff.page.locator('nav.kk-tabs').get_by_role('link', name=t('Overview'), exact=True))
    after = overview(staff)
    assert after['afgesloten'] == before['afgesloten'] + 1
    assert after['alle'] == before['alle'] + 1
    assert after['suggested'] == before['suggested'] + 1
