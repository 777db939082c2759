"""Journeys: an employer registers and brings in a colleague (Dutch); the registration form's errors (English).

Every page a person opens is checked with axe-core and must log no console errors (see Visitor).
Each person browses in a browser context of their own.
"""

import uuid

import pytest

from portal.core.demo_accounts import DEMO_PASSWORD
from tests.e2e.helpers import (
    SIGNED_IN,
    Visitor,
    flash_texts,
    last_mail_to,
    link_in,
    read_in_mailbox,
    sign_in,
    sign_in_as_staff,
    switch_language,
)

pytestmark = pytest.mark.e2e

ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal, where Hardenberg lies
PASSWORD = 'een lange zin als wachtwoord'


def unique(name: str) -> str:
    return f'{name}-{uuid.uuid4().hex[:8]}@example.com'


def fill_registration_nl(page, *, name, email, password, organisation, kvk, postcode) -> None:
    page.get_by_label('Uw naam', exact=True).fill(name)
    page.get_by_label('E-mailadres', exact=True).fill(email)
    page.get_by_label('Wachtwoord', exact=True).fill(password)
    page.get_by_label('Herhaal het wachtwoord', exact=True).fill(password)
    page.get_by_label('Naam van de organisatie', exact=True).fill(organisation)
    page.get_by_label('KvK-nummer', exact=True).fill(kvk)
    page.get_by_label('Sector', exact=True).select_option(label='H – Vervoer en opslag')
    page.get_by_label('SBI-code').fill('49.41')
    page.get_by_label('Aantal mensen dat er werkt', exact=True).select_option(label='2 tot en met 9 mensen')
    page.get_by_label('Gemeente', exact=True).select_option(label='Hardenberg')
    page.get_by_label('Postcode van het bezoekadres', exact=True).fill(postcode)


def test_an_employer_registers_is_verified_and_a_colleague_joins(live_app, new_visitor):
    employer, accountmanager, colleague = new_visitor(), new_visitor(), new_visitor()
    owner_email, colleague_email = unique('eigenaar'), unique('collega')
    organisation = f'Vechtdal Vervoer {uuid.uuid4().hex[:6]}'

    # The employer finds the registration form on the home page and fills it in.
    employer.goto('/')
    employer.follow(employer.page.locator('main').get_by_role('link', name='Meld uw organisatie aan'))
    assert employer.lang == 'nl'
    fill_registration_nl(employer.page, name='Ilse Eigenaar', email=owner_email, password=PASSWORD,
                         organisation=organisation, kvk='6959 9084', postcode='7773 ck')
    employer.follow(employer.page.get_by_role('button', name='Aanmelden', exact=True))
    assert employer.page.locator('main h1').inner_text() == 'Kijk in uw mail'

    # The mail in the (development) mailbox has the link that confirms the address.
    body = read_in_mailbox(employer, owner_email, 'Bevestig uw e-mailadres voor Kansenkamer')
    employer.goto(link_in(body, '/e-mail-bevestigen/'))
    assert employer.page.locator('main h1').inner_text() == 'E-mailadres bevestigd'
    employer.follow(employer.page.get_by_role('link', name='Naar inloggen'))
    sign_in(employer, owner_email, PASSWORD)
    assert SIGNED_IN['nl'] in flash_texts(employer)
    assert employer.path == '/organisatie/'
    assert employer.page.locator('main h1').inner_text() == organisation
    assert employer.page.locator('.kk-status .utrecht-status-badge').inner_text() == 'Wacht op controle'

    # The accountmanager of Vechtdal finds the organisation in the queue and verifies it.
    sign_in_as_staff(accountmanager, live_app, ACCOUNTMANAGER, DEMO_PASSWORD)
    assert accountmanager.page.locator('main h1').inner_text() == 'Organisaties om te controleren'
    row = accountmanager.page.locator('tbody tr').filter(has_text=organisation)
    assert row.get_by_role('cell', name='69599084').is_visible(), 'the KvK number is stored without the space'
    assert row.get_by_role('cell', name='Hardenberg').is_visible()
    accountmanager.follow(row.get_by_role('link', name=organisation))
    accountmanager.follow(accountmanager.page.get_by_role('button', name='Organisatie goedkeuren'))
    assert f'{organisation} is goedgekeurd. We hebben de eigenaar een e-mail gestuurd.' in flash_texts(accountmanager)
    assert accountmanager.page.locator('tbody tr').filter(has_text=organisation).count() == 0
    assert last_mail_to(live_app, owner_email, 'staff/organisation_verified').locale == 'nl'

    # The employer reloads, sees the organisation verified, and invites a colleague.
    employer.reload()
    assert employer.page.locator('.kk-status .utrecht-status-badge').inner_text() == 'Goedgekeurd'
    employer.page.get_by_label('E-mailadres van uw collega', exact=True).fill(colleague_email)
    employer.follow(employer.page.get_by_role('button', name='Uitnodiging versturen'))
    assert (f'We hebben een uitnodiging gestuurd naar {colleague_email}. Die is 7 dagen geldig.'
            in flash_texts(employer))
    assert employer.page.get_by_role('table', name='Uitnodigingen die nog niet zijn aangenomen').get_by_role(
        'rowheader', name=colleague_email).is_visible()

    # The colleague opens the invitation in their own browser and makes an account.
    body = read_in_mailbox(colleague, colleague_email,
                           f'Uitnodiging om mee te doen met {organisation} op Kansenkamer')
    colleague.goto(link_in(body, '/uitnodiging/'))
    assert colleague.page.locator('main h1').inner_text() == f'Word lid van {organisation}'
    colleague.page.get_by_label('Uw naam', exact=True).fill('Jeroen Collega')
    colleague.page.get_by_label('Wachtwoord', exact=True).fill('nog een lange zin voor mij')
    colleague.page.get_by_label('Herhaal het wachtwoord', exact=True).fill('nog een lange zin voor mij')
    colleague.follow(colleague.page.get_by_role('button', name='Account aanmaken en lid worden'))
    assert f'Welkom bij {organisation}. Uw account is klaar.' in flash_texts(colleague)
    assert colleague.path == '/organisatie/'
    assert colleague.page.locator('main h1').inner_text() == organisation

    # The owner now sees two people: themselves and the colleague.
    employer.reload()
    members = employer.page.get_by_role('table', name=f'Mensen die in dit portaal voor {organisation} werken')
    rows = members.locator('tbody tr')
    assert rows.count() == 2
    assert rows.filter(has_text='Ilse Eigenaar').get_by_role('cell', name='Eigenaar', exact=True).is_visible()
    assert rows.filter(has_text='Jeroen Collega').get_by_role('cell', name='Collega', exact=True).is_visible()


def test_the_registration_form_in_english_shows_errors_keeps_input_then_registers(live_app, visitor: Visitor):
    email = unique('owner')
    page = visitor.page
    visitor.goto('/registreren')
    switch_language(visitor, 'en')
    assert page.locator('main h1').inner_text() == 'Register your organisation'

    typed = {'Your name': 'Olivia Owner', 'Email address': email, 'Name of the organisation': 'Ommen Fresh Foods',
             'KvK number': '1234567', 'Postcode of the visiting address': 'SA12'}
    for label, value in typed.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label('Password', exact=True).fill('too short')
    page.get_by_label('Repeat the password', exact=True).fill('too short')
    page.get_by_label('Sector', exact=True).select_option(label='I – Accommodation and food service activities')
    page.get_by_label('Number of people working there', exact=True).select_option(label='Just me')
    page.get_by_label('Municipality', exact=True).select_option(label='Ommen')
    visitor.follow(page.get_by_role('button', name='Register', exact=True))  # axe runs on the error state too

    errors = {'kvk_number': 'A KvK number has exactly 8 digits, like 69599084.',
              'password': 'Use at least 12 characters.',
              'postcode': 'Fill in a Dutch postcode, like 7772 AB.'}
    labels = {'kvk_number': 'KvK number', 'password': 'Password', 'postcode': 'Postcode of the visiting address'}
    summary = page.locator('#error-summary')
    assert summary.get_by_role('heading').inner_text() == 'Please correct the following'
    assert summary.get_by_role('link').count() == len(errors)
    for field_id, message in errors.items():
        field = page.get_by_label(labels[field_id], exact=True)
        assert page.locator(f'#{field_id}-error').inner_text() == message, 'the error is shown at the field'
        assert field.get_attribute('aria-invalid') == 'true'
        assert f'{field_id}-error' in field.get_attribute('aria-describedby').split()
        link = summary.get_by_role('link', name=f'{labels[field_id]}: {message}')
        assert link.get_attribute('href') == f'#{field_id}'

    for label, value in typed.items():
        assert page.get_by_label(label, exact=True).input_value() == value, f'{label} lost what was typed'
    assert page.get_by_label('Municipality', exact=True).locator('option:checked').inner_text() == 'Ommen'
    assert page.get_by_label('Password', exact=True).input_value() == '', 'a password is never sent back'

    # Corrected and sent again.
    page.get_by_label('KvK number', exact=True).fill('7012 3456')
    page.get_by_label('Postcode of the visiting address', exact=True).fill('7731 ab')
    page.get_by_label('Password', exact=True).fill('a long enough sentence')
    page.get_by_label('Repeat the password', exact=True).fill('a long enough sentence')
    visitor.follow(page.get_by_role('button', name='Register', exact=True))
    assert page.locator('main h1').inner_text() == 'Check your mail'
    assert visitor.lang == 'en'

    mail = last_mail_to(live_app, email, 'auth/verify_email')
    assert mail.locale == 'en', 'someone who registered in English gets their mail in English'
    assert mail.subject == 'Confirm your email address for Kansenkamer'
    visitor.goto(mail.link('/e-mail-bevestigen/'))
    assert page.locator('main h1').inner_text() == 'Email address confirmed'
