"""Journeys: an employer registers and brings in a colleague (Dutch and English); the registration form's errors.

Every page a person opens is checked with axe-core and must log no console errors (see Visitor).
Each person browses in a browser context of their own.
"""

import uuid

import pytest

from portal.core.demo_accounts import DEMO_PASSWORD
from tests.e2e.helpers import (
    SIGNED_IN,
    Visitor,
    create_user,
    flash_texts,
    last_mail_to,
    link_in,
    read_in_mailbox,
    sign_in,
    sign_in_as_staff,
    switch_language,
)

pytestmark = pytest.mark.e2e

DEMO_ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal, where Hardenberg lies
PASSWORD = 'een lange zin als wachtwoord'

#: what each person reads and clicks, in Dutch and in English
TEXT = {
    'nl': {
        'register_link': 'Meld uw organisatie aan', 'name': 'Uw naam', 'email': 'E-mailadres',
        'password': 'Wachtwoord', 'repeat': 'Herhaal het wachtwoord', 'organisation': 'Naam van de organisatie',
        'kvk': 'KvK-nummer', 'sector': 'Sector', 'transport': 'H – Vervoer en opslag', 'sbi': 'SBI-code',
        'size': 'Aantal mensen dat er werkt', 'two_to_nine': '2 tot en met 9 mensen', 'municipality': 'Gemeente',
        'postcode': 'Postcode van het bezoekadres', 'register': 'Aanmelden', 'check_mail': 'Kijk in uw mail',
        'verify_subject': 'Bevestig uw e-mailadres voor Kansenkamer', 'confirmed': 'E-mailadres bevestigd',
        'to_sign_in': 'Naar inloggen', 'pending': 'Wacht op controle', 'queue': 'Organisaties om te controleren',
        'verify': 'Organisatie goedkeuren', 'verified': 'Goedgekeurd',
        'verified_flash': '{organisation} is goedgekeurd. We hebben de eigenaar een e-mail gestuurd.',
        'invite_label': 'E-mailadres van uw collega', 'invite': 'Uitnodiging versturen',
        'invited_flash': 'We hebben een uitnodiging gestuurd naar {email}. Die is 7 dagen geldig.',
        'invitations': 'Uitnodigingen die nog niet zijn aangenomen',
        'invitation_subject': 'Uitnodiging om mee te doen met {organisation} op Kansenkamer',
        'join_heading': 'Word lid van {organisation}', 'join': 'Account aanmaken en lid worden',
        'welcome': 'Welkom bij {organisation}. Uw account is klaar.',
        'members': 'Mensen die in dit portaal voor {organisation} werken', 'owner': 'Eigenaar',
        'colleague': 'Collega',
    },
    'en': {
        'register_link': 'Register your organisation', 'name': 'Your name', 'email': 'Email address',
        'password': 'Password', 'repeat': 'Repeat the password', 'organisation': 'Name of the organisation',
        'kvk': 'KvK number', 'sector': 'Sector', 'transport': 'H – Transportation and storage', 'sbi': 'SBI code',
        'size': 'Number of people working there', 'two_to_nine': '2 to 9 people', 'municipality': 'Municipality',
        'postcode': 'Postcode of the visiting address', 'register': 'Register', 'check_mail': 'Check your mail',
        'verify_subject': 'Confirm your email address for Kansenkamer', 'confirmed': 'Email address confirmed',
        'to_sign_in': 'Go to sign in', 'pending': 'Waiting for verification', 'queue': 'Organisations to verify',
        'verify': 'Verify the organisation', 'verified': 'Verified',
        'verified_flash': '{organisation} is verified. We have let the owner know by mail.',
        'invite_label': 'Your colleague’s email address', 'invite': 'Send invitation',
        'invited_flash': 'We have sent an invitation to {email}. It is valid for 7 days.',
        'invitations': 'Invitations not yet accepted',
        'invitation_subject': 'Invitation to join {organisation} on Kansenkamer',
        'join_heading': 'Join {organisation}', 'join': 'Make my account and join',
        'welcome': 'Welcome to {organisation}. Your account is ready.',
        'members': 'People who work for {organisation} in this portal', 'owner': 'Owner', 'colleague': 'Colleague',
    },
}
#: KvK numbers the demo data does not use, typed with a space as on a KvK extract
KVK = {'nl': '6959 9084', 'en': '6959 9085'}


def unique(name: str) -> str:
    return f'{name}-{uuid.uuid4().hex[:8]}@example.com'


def fill_registration(page, text, *, name, email, password, organisation, kvk, postcode) -> None:
    page.get_by_label(text['name'], exact=True).fill(name)
    page.get_by_label(text['email'], exact=True).fill(email)
    page.get_by_label(text['password'], exact=True).fill(password)
    page.get_by_label(text['repeat'], exact=True).fill(password)
    page.get_by_label(text['organisation'], exact=True).fill(organisation)
    page.get_by_label(text['kvk'], exact=True).fill(kvk)
    page.get_by_label(text['sector'], exact=True).select_option(label=text['transport'])
    page.get_by_label(text['sbi']).fill('49.41')  # optional: its label ends in "(optional)"
    page.get_by_label(text['size'], exact=True).select_option(label=text['two_to_nine'])
    page.get_by_label(text['municipality'], exact=True).select_option(label='Hardenberg')
    page.get_by_label(text['postcode'], exact=True).fill(postcode)


def an_accountmanager_of_vechtdal(live_app, lang: str) -> tuple[str, str]:
    """The demo accountmanager (who reads Dutch), or for the English journey one who reads English."""
    if lang == 'nl':
        return DEMO_ACCOUNTMANAGER, DEMO_PASSWORD
    email = unique('accountmanager')
    create_user(live_app, email, PASSWORD, name='Alex Accountmanager', locale=lang, staff_region='vechtdal')
    return email, PASSWORD


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_an_employer_registers_is_verified_and_a_colleague_joins(live_app, new_visitor, lang):
    text = TEXT[lang]
    employer, accountmanager, colleague = new_visitor(), new_visitor(), new_visitor()
    owner_email, colleague_email = unique('eigenaar'), unique('collega')
    organisation = f'Vechtdal Vervoer {uuid.uuid4().hex[:6]}'

    # The employer finds the registration form on the home page and fills it in.
    employer.goto('/')
    switch_language(employer, lang)
    employer.follow(employer.page.locator('main').get_by_role('link', name=text['register_link']))
    fill_registration(employer.page, text, name='Ilse Eigenaar', email=owner_email, password=PASSWORD,
                      organisation=organisation, kvk=KVK[lang], postcode='7773 ck')
    employer.follow(employer.page.get_by_role('button', name=text['register'], exact=True))
    assert employer.page.locator('main h1').inner_text() == text['check_mail']

    # The mail in the (development) mailbox has the link that confirms the address.
    body = read_in_mailbox(employer, owner_email, text['verify_subject'])
    employer.goto(link_in(body, '/e-mail-bevestigen/'))
    assert employer.page.locator('main h1').inner_text() == text['confirmed']
    employer.follow(employer.page.get_by_role('link', name=text['to_sign_in']))
    sign_in(employer, owner_email, PASSWORD, lang)
    assert SIGNED_IN[lang] in flash_texts(employer)
    assert employer.path == '/organisatie/'
    assert employer.page.locator('main h1').inner_text() == organisation
    assert employer.page.locator('.kk-status .utrecht-status-badge').inner_text() == text['pending']

    # An accountmanager of Vechtdal finds the organisation in the queue and verifies it.
    staff_email, staff_password = an_accountmanager_of_vechtdal(live_app, lang)
    accountmanager.goto('/inloggen')
    switch_language(accountmanager, lang)
    sign_in_as_staff(accountmanager, live_app, staff_email, staff_password, lang)
    assert accountmanager.page.locator('main h1').inner_text() == text['queue']
    row = accountmanager.page.locator('tbody tr').filter(has_text=organisation)
    assert row.get_by_role('cell', name=KVK[lang].replace(' ', '')).is_visible(), 'stored without the space'
    assert row.get_by_role('cell', name='Hardenberg').is_visible()
    accountmanager.follow(row.get_by_role('link', name=organisation))
    accountmanager.follow(accountmanager.page.get_by_role('button', name=text['verify']))
    assert text['verified_flash'].format(organisation=organisation) in flash_texts(accountmanager)
    assert accountmanager.page.locator('tbody tr').filter(has_text=organisation).count() == 0
    assert last_mail_to(live_app, owner_email, 'staff/organisation_verified').locale == lang

    # The employer reloads, sees the organisation verified, and invites a colleague.
    employer.reload()
    assert employer.page.locator('.kk-status .utrecht-status-badge').inner_text() == text['verified']
    employer.page.get_by_label(text['invite_label'], exact=True).fill(colleague_email)
    employer.follow(employer.page.get_by_role('button', name=text['invite']))
    assert text['invited_flash'].format(email=colleague_email) in flash_texts(employer)
    assert employer.page.get_by_role('table', name=text['invitations']).get_by_role(
        'rowheader', name=colleague_email).is_visible()

    # The colleague opens the invitation in their own browser and makes an account.
    body = read_in_mailbox(colleague, colleague_email, text['invitation_subject'].format(organisation=organisation))
    colleague.goto(link_in(body, '/uitnodiging/'))
    switch_language(colleague, lang)
    assert colleague.page.locator('main h1').inner_text() == text['join_heading'].format(organisation=organisation)
    colleague.page.get_by_label(text['name'], exact=True).fill('Jeroen Collega')
    colleague.page.get_by_label(text['password'], exact=True).fill('nog een lange zin voor mij')
    colleague.page.get_by_label(text['repeat'], exact=True).fill('nog een lange zin voor mij')
    colleague.follow(colleague.page.get_by_role('button', name=text['join']))
    assert text['welcome'].format(organisation=organisation) in flash_texts(colleague)
    assert colleague.path == '/organisatie/'
    assert colleague.page.locator('main h1').inner_text() == organisation

    # The owner now sees two people: themselves and the colleague.
    employer.reload()
    members = employer.page.get_by_role('table', name=text['members'].format(organisation=organisation))
    rows = members.locator('tbody tr')
    assert rows.count() == 2
    assert rows.filter(has_text='Ilse Eigenaar').get_by_role('cell', name=text['owner'], exact=True).is_visible()
    assert rows.filter(has_text='Jeroen Collega').get_by_role('cell', name=text['colleague'],
                                                              exact=True).is_visible()


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
