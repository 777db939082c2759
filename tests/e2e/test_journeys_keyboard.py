"""Journeys: signing in with the keyboard alone, and choosing a language once signed in.

In Dutch and in English; every page is checked with axe-core and must log no console errors.
"""

import uuid

import pytest

from tests.e2e.helpers import (
    SIGN_IN_TEXT,
    SIGNED_IN,
    Visitor,
    create_user,
    flash_texts,
    sign_in,
    switch_language,
    user_state,
)

pytestmark = pytest.mark.e2e

MY_ACCOUNT = {'nl': 'Mijn account', 'en': 'My account'}


def new_account(live_app, lang: str, purpose: str) -> tuple[str, str]:
    email = f'{purpose}-{lang}-{uuid.uuid4().hex[:8]}@example.com'
    password = 'toetsenbord is ook een weg'
    create_user(live_app, email, password, name='Lotte Toets', locale=lang)
    return email, password


def focus_ring(visitor: Visitor) -> dict:
    """The focused element and how its focus is drawn."""
    return visitor.page.evaluate(
        '() => { const el = document.activeElement; const style = getComputedStyle(el); return {'
        'id: el.id, tag: el.tagName.toLowerCase(), focusVisible: el.matches(":focus-visible"), '
        'outline: style.outlineStyle, width: parseFloat(style.outlineWidth)}; }')


def assert_focus_visible_on(visitor: Visitor, element_id: str | None = None, tag: str | None = None) -> None:
    ring = focus_ring(visitor)
    if element_id is not None:
        assert ring['id'] == element_id, f'expected focus on #{element_id}, it is on {ring}'
    if tag is not None:
        assert ring['tag'] == tag, f'expected focus on a {tag}, it is on {ring}'
    assert ring['focusVisible'], f'the focus is not shown: {ring}'
    assert ring['outline'] != 'none', f'the focused element has no outline: {ring}'
    assert ring['width'] >= 2, f'the focus outline is too thin to see: {ring}'


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_signing_in_with_the_keyboard_only(live_app, visitor: Visitor, lang):
    email, password = new_account(live_app, lang, 'toetsenbord')
    keyboard = visitor.page.keyboard
    visitor.goto('/inloggen')
    switch_language(visitor, lang)

    for _ in range(15):  # past the skip link, the header and its links
        keyboard.press('Tab')
        if focus_ring(visitor)['id'] == 'email':
            break
    assert_focus_visible_on(visitor, 'email')
    keyboard.type(email)
    keyboard.press('Tab')
    assert_focus_visible_on(visitor, 'password')
    keyboard.type(password)
    keyboard.press('Tab')
    assert_focus_visible_on(visitor, 'remember')
    keyboard.press('Space')
    assert visitor.page.get_by_label(SIGN_IN_TEXT[lang]['email'], exact=True).input_value() == email
    assert visitor.page.locator('#remember').is_checked()
    keyboard.press('Tab')
    assert_focus_visible_on(visitor, tag='button')
    assert visitor.focused()['text'] == SIGN_IN_TEXT[lang]['button']

    with visitor.page.expect_navigation():
        keyboard.press('Enter')
    visitor.check()
    assert SIGNED_IN[lang] in flash_texts(visitor)
    assert visitor.page.locator('main h1').inner_text() == MY_ACCOUNT[lang]
    assert any(cookie['name'] == 'remember_token' for cookie in visitor.page.context.cookies()), \
        '"stay signed in" was ticked with the space bar'


@pytest.mark.parametrize(('start', 'other'), [('nl', 'en'), ('en', 'nl')])
def test_a_signed_in_person_switches_language_in_the_header(live_app, visitor: Visitor, start, other):
    email, password = new_account(live_app, start, 'taal')
    visitor.goto('/inloggen')
    switch_language(visitor, start)
    sign_in(visitor, email, password, start)
    assert visitor.lang == start
    assert visitor.page.locator('main h1').inner_text() == MY_ACCOUNT[start]

    switch_language(visitor, other)
    assert visitor.path == '/account/', 'the switch returns to the page the person was on'
    assert visitor.page.locator('main h1').inner_text() == MY_ACCOUNT[other]
    visitor.goto('/organisatie/')
    assert visitor.lang == other, 'the next page speaks the chosen language too'
    assert user_state(live_app, email).locale == other, 'and so does the mail the portal sends this person'
