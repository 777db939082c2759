"""Journeys: an employer posts a need and a plan, staff ask for a change, the employer fixes it, staff approve,
and a member of the regional network sees both; the need form's errors in English.

Every page a person opens is checked with axe-core and must log no console errors (see Visitor).
Each person browses in a browser context of their own. The occupation and skill pickers are filled in
through helpers that work with the JavaScript combobox and with the native select alike.
"""

import re
import uuid

import pytest
from flask import Flask

from portal.core.demo_accounts import DEMO_PASSWORD
from portal.extensions import db
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus
from portal.models.organisations import Organisation
from portal.models.tenancy import Region
from tests.e2e.helpers import (
    Visitor,
    choose_occupation,
    choose_skills,
    create_user,
    flash_texts,
    last_mail_to,
    mails_to,
    picker_value,
    sign_in,
    sign_in_as_staff,
    switch_language,
)

pytestmark = pytest.mark.e2e

DEMO_EMPLOYER = 'werkgever@demo.kansenkamer.nl'  # owner of Kanaalzicht Logistiek (demo), Hardenberg, verified
DEMO_ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal, where Hardenberg lies
NETWORK_EMPLOYER = 'werkgever2@demo.kansenkamer.nl'  # owner of Ommer Groenwerk (demo), Ommen, also Vechtdal
EMPLOYER_KVK, NETWORK_MEMBER_KVK = '99100001', '99100002'
EMPLOYER_NAME = 'Kanaalzicht Logistiek (demo)'

#: what the people of the Dutch journey read and click
NL = {
    'nav_demand': 'Behoeften en plannen', 'add_need': 'Personeelsbehoefte toevoegen',
    'add_plan': 'Innovatieplan toevoegen', 'new_need': 'Nieuwe personeelsbehoefte',
    'new_plan': 'Nieuw innovatieplan', 'title': 'Titel', 'occupation': 'Beroep',
    'required_skills': 'Vaardigheden die mensen moeten hebben', 'positions': 'Aantal mensen',
    'hours_min': 'Uren per week, minimaal', 'hours_max': 'Uren per week, maximaal', 'contract': 'Contract',
    'permanent': 'Vast contract', 'municipality': 'Gemeente waar het werk is', 'description': 'Omschrijving',
    'day_parts': ['Doordeweekse ochtenden', 'Doordeweekse middagen'], 'horizon': 'Binnen 6 maanden',
    'openness': ['Een jobcoach', 'Deeltijdwerk'], 'save_and_submit': 'Opslaan en ter goedkeuring indienen',
    'submitted': 'Ingediend. Een accountmanager van de gemeente bekijkt het, meestal binnen een paar werkdagen, '
                 'en u krijgt een e-mail als dat is gebeurd.',
    'pending': 'Wacht op goedkeuring', 'changes_requested': 'Aanpassing gevraagd', 'published': 'Gepubliceerd',
    'theme': 'Automatisering', 'timeframe': 'Over 2 tot 5 jaar',
    'network_visibility': 'De accountmanagers en de leden van het regionale netwerk', 'effect': 'Gevolg 1',
    'direction': 'Groeit, krimpt of nieuw', 'grows': 'Groeit', 'headcount': 'Hoeveel mensen', 'by_when': 'Wanneer',
    'effect_skills': 'Benodigde vaardigheden', 'training_need': 'Opleidingsbehoefte',
    'nav_review': 'Te beoordelen', 'reason': 'Wat moet er anders', 'send_back': 'Terugsturen met deze vraag',
    'sent_back': 'We hebben {organisation} gevraagd “{title}” aan te passen en uw toelichting gemaild.',
    'change': 'Wijzigen', 'change_heading': '‘{title}’ wijzigen', 'approve': 'Goedkeuren en publiceren',
    'approved': '“{title}” is gepubliceerd. We hebben de werkgever een e-mail gestuurd.',
    'next_page': 'Volgende pagina', 'nav_network': 'Netwerk', 'network_heading': 'Vraag in het netwerk',
}


def ensure_network_member(app: Flask, kvk: str, region_slug: str) -> None:
    """Seat the organisation in its region's network, active, in the live server's database (the demo data
    already does; this keeps the journey true if that ever changes)."""
    with app.app_context():
        region = Region.by_slug(region_slug)
        organisation = Organisation.by_kvk(kvk)
        assert region is not None, f'no region {region_slug}'
        assert organisation is not None, f'no organisation with KvK number {kvk}'
        assert organisation.is_verified, 'only a verified organisation sees the network'
        network = Network.of_region(region.id)
        if network is None:
            network = Network(region=region, name='Netwerk Vechtdal (test)')
            db.session.add(network)
        seat = next((m for m in network.members if m.organisation_id == organisation.id), None)
        if seat is None:
            network.members.append(NetworkMembership(organisation=organisation))
        else:
            seat.status = NetworkMemberStatus.ACTIVE
        db.session.commit()


def open_from_queue(staff: Visitor, title: str, *, queue_shown: bool = False) -> None:
    """Open the review page of `title` from the queue (oldest first, so it may be on a later page).

    `queue_shown`: the page shows the queue as it is now (a decision just led back to it).
    """
    page = staff.page
    if not queue_shown:
        staff.follow(page.get_by_role('navigation').get_by_role('link', name=NL['nav_review'], exact=True))
    assert staff.path == '/medewerkers/beoordelen/', f'expected the review queue, got {page.url}'
    while True:
        link = page.locator('main tbody').get_by_role('link', name=title, exact=True)
        if link.count():
            staff.follow(link)
            return
        next_page = page.get_by_role('link', name=NL['next_page'], exact=True)
        assert next_page.count(), f'“{title}” is not in the review queue'
        staff.follow(next_page)


def status_badge(visitor: Visitor) -> str:
    return visitor.page.locator('main .kk-status .utrecht-status-badge').inner_text().strip()


def test_a_need_and_a_plan_go_through_review_to_the_network(live_app, new_visitor):
    employer, staff, member = new_visitor(), new_visitor(), new_visitor()
    run = uuid.uuid4().hex[:6]
    need_title, plan_title = f'Orderpicker avonddienst {run}', f'Robots in het magazijn {run}'
    reason = 'Vermeld ook of er een inwerkperiode is en wie de nieuwe collega begeleidt.'

    # 1. The employer signs in, opens "Behoeften en plannen" and adds a staffing need.
    sign_in(employer, DEMO_EMPLOYER, DEMO_PASSWORD)
    page = employer.page
    employer.follow(page.get_by_role('navigation').get_by_role('link', name=NL['nav_demand'], exact=True))
    assert employer.path == '/vraag/'
    employer.follow(page.locator('main').get_by_role('link', name=NL['add_need'], exact=True))
    assert page.locator('main h1').inner_text() == NL['new_need']
    page.get_by_label(NL['title'], exact=True).fill(need_title)
    choose_occupation(page, NL['occupation'], 'Orderpicker')
    choose_skills(page, NL['required_skills'], ['Heftruckcertificaat', 'Samenwerken'])
    page.get_by_label(NL['positions'], exact=True).fill('2')
    page.get_by_label(NL['hours_min'], exact=True).fill('24')
    page.get_by_label(NL['hours_max'], exact=True).fill('32')
    page.get_by_label(NL['contract'], exact=True).select_option(label=NL['permanent'])
    page.get_by_label(NL['municipality'], exact=True).select_option(label='Hardenberg')
    for label in NL['day_parts'] + NL['openness']:
        page.get_by_label(label, exact=True).check()
    page.get_by_label(NL['horizon'], exact=True).check()
    employer.follow(page.get_by_role('button', name=NL['save_and_submit'], exact=True))
    assert NL['submitted'] in flash_texts(employer)
    need_match = re.fullmatch(r'/vraag/behoeften/(\d+)', employer.path)
    assert need_match, f'the need was not shown after saving: {page.url}'
    need_path = employer.path
    assert page.locator('main h1').inner_text() == need_title
    assert status_badge(employer) == NL['pending']

    # ... and an innovation plan with one effect, shared with the network.
    employer.follow(page.get_by_role('navigation').get_by_role('link', name=NL['nav_demand'], exact=True))
    employer.follow(page.locator('main').get_by_role('link', name=NL['add_plan'], exact=True))
    assert page.locator('main h1').inner_text() == NL['new_plan']
    page.get_by_label(NL['title'], exact=True).fill(plan_title)
    page.get_by_label(NL['theme'], exact=True).check()
    page.get_by_label(NL['timeframe'], exact=True).check()
    page.get_by_label(NL['description'], exact=True).fill(
        'Over drie jaar pakken robots het zware tilwerk; onze mensen gaan ze bedienen en onderhouden.')
    page.get_by_label(NL['network_visibility'], exact=True).check()
    effect = page.get_by_role('group', name=NL['effect'], exact=True)
    choose_occupation(effect, NL['occupation'], 'Magazijnmedewerker')
    effect.get_by_label(NL['direction'], exact=True).select_option(label=NL['grows'])
    effect.get_by_label(NL['headcount'], exact=True).fill('3')
    effect.get_by_label(NL['by_when'], exact=True).select_option(label=NL['timeframe'])
    choose_skills(effect, NL['effect_skills'], ['Heftruck rijden'])
    effect.get_by_label(NL['training_need']).fill('Cursus robotbediening')
    employer.follow(page.get_by_role('button', name=NL['save_and_submit'], exact=True))
    assert NL['submitted'] in flash_texts(employer)
    assert re.fullmatch(r'/vraag/plannen/\d+', employer.path), f'the plan was not shown after saving: {page.url}'
    assert page.locator('main h1').inner_text() == plan_title
    assert status_badge(employer) == NL['pending']

    # 2. The accountmanager of Vechtdal opens the need from the queue and asks for a change.
    sign_in_as_staff(staff, live_app, DEMO_ACCOUNTMANAGER, DEMO_PASSWORD)
    open_from_queue(staff, need_title)
    assert staff.page.locator('main h1').inner_text() == need_title
    staff.page.get_by_label(NL['reason'], exact=True).fill(reason)
    staff.follow(staff.page.get_by_role('button', name=NL['send_back'], exact=True))
    assert NL['sent_back'].format(organisation=EMPLOYER_NAME, title=need_title) in flash_texts(staff)

    # 3. The employer gets a mail, reads the reason on the need's page, changes the need and submits it again.
    mail = last_mail_to(live_app, DEMO_EMPLOYER, 'demand/changes_requested')
    assert need_title in mail.subject
    assert reason in mail.body, 'the mail says what to change'
    assert mail.link('/vraag/behoeften/').endswith(need_path)
    employer.goto(need_path)
    assert status_badge(employer) == NL['changes_requested']
    assert page.locator('main .kk-status blockquote').inner_text().strip() == reason
    employer.follow(page.locator('main').get_by_role('link', name=NL['change'], exact=True))
    assert page.locator('main h1').inner_text() == NL['change_heading'].format(title=need_title)
    assert picker_value(page, NL['occupation']) == 'Orderpicker', 'the saved occupation is shown in the form'
    page.get_by_label(NL['description']).fill(
        'De eerste twee weken werkt u samen met een ervaren collega, die u daarna blijft begeleiden.')
    employer.follow(page.get_by_role('button', name=NL['save_and_submit'], exact=True))
    assert NL['submitted'] in flash_texts(employer)
    assert employer.path == need_path
    assert status_badge(employer) == NL['pending']
    assert page.locator('main .kk-status blockquote').count() == 0, 'the reason no longer applies'

    # 4. The accountmanager approves the need and the plan.
    for title in (need_title, plan_title):
        open_from_queue(staff, title, queue_shown=title == plan_title)
        staff.follow(staff.page.get_by_role('button', name=NL['approve'], exact=True))
        assert NL['approved'].format(title=title) in flash_texts(staff)
    approved_subjects = [mail.subject for mail in mails_to(live_app, DEMO_EMPLOYER, 'demand/approved')]
    for title in (need_title, plan_title):
        assert any(title in subject for subject in approved_subjects), f'no approval mail for “{title}”'
    employer.reload()
    assert status_badge(employer) == NL['published']

    # 5. Another employer of the region, in the network, sees both on "Netwerk".
    ensure_network_member(live_app, NETWORK_MEMBER_KVK, 'vechtdal')
    sign_in(member, NETWORK_EMPLOYER, DEMO_PASSWORD)
    member.follow(member.page.get_by_role('navigation').get_by_role('link', name=NL['nav_network'], exact=True))
    assert member.page.locator('main h1').inner_text() == NL['network_heading']
    for title in (need_title, plan_title):
        posting = member.page.locator('main .kk-posting').filter(
            has=member.page.get_by_role('heading', name=title, exact=True))
        assert posting.count() == 1, f'the network does not see “{title}”'
        assert EMPLOYER_NAME in posting.inner_text()


def test_the_need_form_in_english_shows_an_hours_error_at_the_field_and_in_the_summary(live_app, visitor):
    email = f'colleague-{uuid.uuid4().hex[:8]}@example.com'
    password = 'a long sentence as my password'
    create_user(live_app, email, password, name='Casey Colleague', locale='en', member_of=EMPLOYER_KVK)
    title = f'Evening order picker {uuid.uuid4().hex[:6]}'
    page = visitor.page

    visitor.goto('/inloggen')
    switch_language(visitor, 'en')
    sign_in(visitor, email, password, 'en')
    visitor.follow(page.get_by_role('navigation').get_by_role('link', name='Needs and plans', exact=True))
    visitor.follow(page.locator('main').get_by_role('link', name='Add a staffing need', exact=True))
    assert page.locator('main h1').inner_text() == 'New staffing need'

    page.get_by_label('Title', exact=True).fill(title)
    choose_occupation(page, 'Occupation', 'Order picker')
    page.get_by_label('Hours per week, at least', exact=True).fill('32')
    page.get_by_label('Hours per week, at most', exact=True).fill('16')
    page.get_by_label('Contract', exact=True).select_option(label='Permanent contract')
    page.get_by_label('Now', exact=True).check()
    visitor.follow(page.get_by_role('button', name='Save and submit for approval', exact=True))  # axe: error state

    message = 'The most hours per week cannot be fewer than the fewest.'
    summary = page.locator('#error-summary')
    assert summary.get_by_role('heading').inner_text() == 'Please correct the following'
    assert summary.get_by_role('link').count() == 1
    link = summary.get_by_role('link', name=f'Hours per week, at most: {message}', exact=True)
    assert link.get_attribute('href') == '#hours_max'
    field = page.get_by_label('Hours per week, at most', exact=True)
    assert page.locator('#hours_max-error').inner_text() == message, 'the error is shown at the field'
    assert field.get_attribute('aria-invalid') == 'true'
    assert 'hours_max-error' in field.get_attribute('aria-describedby').split()
    link.click()
    assert visitor.focused()['id'] == 'hours_max', 'the summary link takes the reader to the field'

    # What was typed is kept, the occupation too; corrected, it saves as a draft.
    assert page.get_by_label('Title', exact=True).input_value() == title
    assert picker_value(page, 'Occupation') == 'Order picker'
    assert page.get_by_label('Hours per week, at least', exact=True).input_value() == '32'
    field.fill('38')
    visitor.follow(page.get_by_role('button', name='Save as draft', exact=True))
    assert 'Saved as a draft. Submit it for approval when it is complete.' in flash_texts(visitor)
    assert page.locator('main h1').inner_text() == title
    assert visitor.lang == 'en'
