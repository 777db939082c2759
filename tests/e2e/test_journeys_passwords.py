"""Journeys: a forgotten password chosen anew through the mailed link, and an account locked after wrong passwords.

Each runs in Dutch and in English: the person picks the language in the header, and the account
(and so its mail) speaks it too. Every page is checked with axe-core and must log no console errors.
"""

import uuid

import pytest

from tests.e2e.helpers import (
    SIGN_IN_TEXT,
    Visitor,
    create_user,
    flash_texts,
    last_mail_to,
    mails_to,
    sign_in,
    switch_language,
    user_state,
)

pytestmark = pytest.mark.e2e

TEXT = {
    'nl': {
        'forgot': 'Wachtwoord vergeten?', 'send': 'Stuur de link', 'sent': 'Kijk in uw mail',
        'reset_subject': 'Kies een nieuw wachtwoord voor Kansenkamer', 'choose': 'Kies een nieuw wachtwoord',
        'repeat': 'Herhaal het wachtwoord', 'save': 'Wachtwoord opslaan',
        'saved': 'Uw wachtwoord is opgeslagen. Log in met uw nieuwe wachtwoord.',
        'my_account': 'Mijn account', 'link_dead': 'Deze link werkt niet meer',
        'wrong': 'E-mailadres of wachtwoord klopt niet.',
        'locked': 'Inloggen met dit account is na te veel pogingen een tijdje geblokkeerd.',
        'locked_subject': 'Inloggen op uw Kansenkamer-account is een tijdje geblokkeerd',
    },
    'en': {
        'forgot': 'Forgot your password?', 'send': 'Send the link', 'sent': 'Check your mail',
        'reset_subject': 'Choose a new password for Kansenkamer', 'choose': 'Choose a new password',
        'repeat': 'Repeat the password', 'save': 'Save the password',
        'saved': 'Your password is saved. Sign in with your new password.',
        'my_account': 'My account', 'link_dead': 'This link no longer works',
        'wrong': 'Email address or password is not correct.',
        'locked': 'Signing in to this account is blocked for a while after too many attempts.',
        'locked_subject': 'Signing in to your Kansenkamer account is blocked for a while',
    },
}
LANGUAGES = ['nl', 'en']


def new_account(live_app, lang: str, purpose: str) -> tuple[str, str]:
    email = f'{purpose}-{lang}-{uuid.uuid4().hex[:8]}@example.com'
    password = f'het oude wachtwoord {uuid.uuid4().hex[:6]}'
    create_user(live_app, email, password, name='Kim Klant', locale=lang)
    return email, password


@pytest.mark.parametrize('lang', LANGUAGES)
def test_a_forgotten_password_is_chosen_anew_through_a_single_use_link(live_app, visitor: Visitor, lang):
    text, page = TEXT[lang], visitor.page
    email, old_password = new_account(live_app, lang, 'vergeten')
    new_password = 'mijn nieuwe lange wachtzin'

    visitor.goto('/inloggen')
    switch_language(visitor, lang)
    visitor.follow(page.get_by_role('link', name=text['forgot']))
    page.get_by_label(SIGN_IN_TEXT[lang]['email'], exact=True).fill(email)
    visitor.follow(page.get_by_role('button', name=text['send']))
    assert page.locator('main h1').inner_text() == text['sent']

    mail = last_mail_to(live_app, email, 'auth/reset_password')
    assert mail.subject == text['reset_subject']
    link = mail.link('/wachtwoord-herstellen/')
    visitor.goto(link)
    assert page.locator('main h1').inner_text() == text['choose']
    page.get_by_label(SIGN_IN_TEXT[lang]['password'], exact=True).fill(new_password)
    page.get_by_label(text['repeat'], exact=True).fill(new_password)
    visitor.follow(page.get_by_role('button', name=text['save']))
    assert visitor.path == '/inloggen'
    assert text['saved'] in flash_texts(visitor)

    sign_in(visitor, email, old_password, lang)
    assert text['wrong'] in page.locator('#error-summary').inner_text(), 'the old password no longer works'
    sign_in(visitor, email, new_password, lang)
    assert visitor.path == '/account/'
    assert page.locator('main h1').inner_text() == text['my_account']

    # The link did its work once; opened again it is refused.
    visitor.goto(link, status=400)
    assert page.locator('main h1').inner_text() == text['link_dead']


@pytest.mark.parametrize('lang', LANGUAGES)
def test_wrong_passwords_lock_the_account_and_its_owner_is_mailed(live_app, visitor: Visitor, lang):
    text, page = TEXT[lang], visitor.page
    email, password = new_account(live_app, lang, 'slot')
    threshold = live_app.config['LOCKOUT_THRESHOLD']

    visitor.goto('/inloggen')
    switch_language(visitor, lang)
    for attempt in range(1, threshold + 1):
        sign_in(visitor, email, f'geen idee {attempt}', lang)  # each failure is a page of its own, checked by axe
        summary = page.locator('#error-summary').inner_text()
        if attempt < threshold:
            assert text['wrong'] in summary, f'attempt {attempt} of {threshold}'
            assert not mails_to(live_app, email), 'no mail before the account is locked'
        else:
            assert text['locked'] in summary, f'attempt {threshold} locks the account'
        assert page.get_by_label(SIGN_IN_TEXT[lang]['email'], exact=True).input_value() == email

    locked = mails_to(live_app, email)
    assert [mail.template for mail in locked] == ['auth/locked']
    assert locked[0].subject == text['locked_subject']
    assert locked[0].link('/wachtwoord-herstellen/'), 'the mail offers a way back in'
    assert user_state(live_app, email).locked_until is not None

    # While locked, even the right password is refused.
    sign_in(visitor, email, password, lang)
    assert text['locked'] in page.locator('#error-summary').inner_text()
    assert visitor.path == '/inloggen'
    assert page.locator('header').get_by_role('link', name=SIGN_IN_TEXT[lang]['button'], exact=True).is_visible()
    assert len(mails_to(live_app, email)) == 1, 'the owner is mailed once, not at every attempt'
