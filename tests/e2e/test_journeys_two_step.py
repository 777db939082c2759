"""Journey: a staff member turns on two-step sign-in, then signs in with the app's code and with a recovery code.

The test reads the key from the set-up page as a person types it into an authenticator app, and
computes the app's codes with pyotp. In Dutch and in English; every page is checked with axe-core.
"""

import uuid

import pyotp
import pytest

from tests.e2e.helpers import (
    SIGNED_IN,
    Visitor,
    create_user,
    enrol_two_step,
    enter_second_step,
    flash_texts,
    last_mail_to,
    sign_in,
    sign_out,
    switch_language,
    user_state,
)

pytestmark = pytest.mark.e2e

TEXT = {
    'nl': {'staff_home': 'Organisaties om te controleren', 'menu': 'Hoofdmenu', 'my_account': 'Mijn account',
           'turn_on': 'Inloggen in twee stappen aanzetten', 'setup': 'Inloggen in twee stappen instellen',
           'codes': 'Uw herstelcodes', 'on': 'Inloggen in twee stappen staat aan.',
           'saved': 'Ik heb de codes bewaard: verder', 'second_step': 'Inloggen in twee stappen',
           'recovery_used': 'U hebt een herstelcode gebruikt; er zijn er nog 9 over.'},
    'en': {'staff_home': 'Organisations to verify', 'menu': 'Main menu', 'my_account': 'My account',
           'turn_on': 'Turn on two-step sign-in', 'setup': 'Set up two-step sign-in',
           'codes': 'Your recovery codes', 'on': 'Two-step sign-in is on.',
           'saved': 'I have saved the codes: continue', 'second_step': 'Two-step sign-in',
           'recovery_used': 'You used a recovery code; 9 are left.'},
}


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_staff_enrol_two_step_sign_in_and_use_it(live_app, visitor: Visitor, lang):
    text, page = TEXT[lang], visitor.page
    email = f'medewerker-{lang}-{uuid.uuid4().hex[:8]}@example.com'
    password = 'een goed en lang wachtwoord'
    create_user(live_app, email, password, name='Sanne Medewerker', locale=lang, staff_region='vechtdal')

    visitor.goto('/inloggen')
    switch_language(visitor, lang)
    sign_in(visitor, email, password, lang)
    assert page.locator('main h1').inner_text() == text['staff_home']

    # From the account page to the set-up page; the key shown there goes into the "app".
    visitor.follow(page.get_by_role('navigation', name=text['menu']).get_by_role('link', name=text['my_account']))
    visitor.follow(page.locator('main').get_by_role('link', name=text['turn_on']))
    assert page.locator('main h1').inner_text() == text['setup']
    assert page.get_by_role('img').first.get_attribute('alt'), 'the QR code has a text alternative'
    secret, recovery_codes = enrol_two_step(visitor, lang)
    app = pyotp.TOTP(secret)
    assert page.locator('main h1').inner_text() == text['codes']
    assert text['on'] in flash_texts(visitor)
    assert last_mail_to(live_app, email, 'auth/two_step_changed').locale == lang
    visitor.follow(page.get_by_role('link', name=text['saved']))
    assert page.locator('main h1').inner_text() == text['staff_home']
    assert user_state(live_app, email).has_two_step

    # Signing in now takes the password and then the code the app shows.
    sign_out(visitor, lang)
    sign_in(visitor, email, password, lang)
    assert visitor.path == '/inloggen/tweestaps', 'the password alone is not enough any more'
    assert page.locator('main h1').inner_text() == text['second_step']
    enter_second_step(visitor, app.now(), lang)
    assert page.locator('main h1').inner_text() == text['staff_home']
    assert SIGNED_IN[lang] in flash_texts(visitor)

    # Without the phone: one of the recovery codes, once.
    sign_out(visitor, lang)
    sign_in(visitor, email, password, lang)
    enter_second_step(visitor, recovery_codes[0], lang)
    assert page.locator('main h1').inner_text() == text['staff_home']
    assert any(message.startswith(text['recovery_used']) for message in flash_texts(visitor)), flash_texts(visitor)
