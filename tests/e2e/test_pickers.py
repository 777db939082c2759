"""The occupation and skills pickers in Chromium: a WAI-ARIA combobox with JavaScript, a labelled select without.

Runs on the live server (seeded with the demo data) through the need form of a demo employer; axe-core
checks the page with the list of suggestions open, and the console must stay free of errors (CSP included).
"""

import pytest

from portal.core.demo_accounts import DEMO_PASSWORD
from tests.e2e.helpers import Visitor, sign_in

pytestmark = pytest.mark.e2e

NEED_FORM = '/vraag/behoeften/nieuw'
EMPLOYER = 'werkgever@demo.kansenkamer.nl'


@pytest.fixture
def need_form(visitor) -> Visitor:
    sign_in(visitor, EMPLOYER, DEMO_PASSWORD)
    visitor.goto(NEED_FORM)
    return visitor


def test_the_occupation_picker_is_a_combobox_driven_by_the_keyboard(need_form):
    page = need_form.page
    box = page.locator('#occupation_id')
    assert box.get_attribute('role') == 'combobox'
    assert box.get_attribute('aria-expanded') == 'false'
    assert page.locator('#occupation_id-select').is_hidden()
    label_for = page.locator('label[for="occupation_id"]')
    assert label_for.count() == 1

    box.fill('heftruck')
    listbox = page.locator('#occupation_id-listbox')
    assert box.get_attribute('aria-expanded') == 'true'
    assert box.get_attribute('aria-controls') == 'occupation_id-listbox'
    assert listbox.get_attribute('role') == 'listbox'
    assert 'Heftruckchauffeur' in listbox.inner_text()
    need_form.check()  # axe, with the suggestions open

    box.press('ArrowDown')
    active = box.get_attribute('aria-activedescendant')
    assert active
    assert page.locator(f'#{active}').get_attribute('role') == 'option'
    assert 'Heftruckchauffeur' in page.locator(f'#{active}').inner_text()
    box.press('Enter')
    assert box.input_value() == 'Heftruckchauffeur'
    assert box.get_attribute('aria-expanded') == 'false'
    chosen = page.locator('#occupation_id-select').input_value()
    assert page.locator(f'#occupation_id-select option[value="{chosen}"]').inner_text() == 'Heftruckchauffeur'

    box.fill('forklift')  # the other language finds it too
    assert 'Heftruckchauffeur' in listbox.inner_text()
    box.press('Escape')
    assert box.get_attribute('aria-expanded') == 'false'
    box.fill('')
    box.press('Tab')  # leaving an empty box clears the choice
    assert page.locator('#occupation_id-select').input_value() == ''
    assert not need_form.console_errors


def test_the_skills_picker_adds_and_removes_skills(need_form):
    page = need_form.page
    box = page.locator('#required_skill_ids')
    box.fill('vca')
    box.press('ArrowDown')
    box.press('Enter')
    chosen = page.locator('.kk-picker__chosen-list').first
    assert 'VCA basis' in chosen.inner_text()
    selected = page.eval_on_selector('#required_skill_ids-select',
                                     'select => Array.from(select.selectedOptions).map(o => o.text)')
    assert selected == ['VCA basis']
    box.fill('vca')
    assert 'VCA basis' not in page.locator('#required_skill_ids-listbox').inner_text()  # chosen ones are not offered
    box.press('Escape')
    need_form.check()

    page.get_by_role('button', name='VCA basis').click()  # its accessible name is "Remove VCA basis" in words
    assert page.eval_on_selector('#required_skill_ids-select', 'select => select.selectedOptions.length') == 0
    assert page.evaluate('document.activeElement.id') == 'required_skill_ids'


def test_without_javascript_the_pickers_are_labelled_native_selects(browser, live_server):
    # axe runs as JavaScript in the page, so this tab is driven without the Visitor's checks
    context = browser.new_context(base_url=live_server, locale='nl-NL', java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto('/inloggen')
        page.get_by_label('E-mailadres', exact=True).fill(EMPLOYER)
        page.get_by_label('Wachtwoord', exact=True).fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.locator('main').get_by_role('button', name='Inloggen', exact=True).click()
        page.goto(NEED_FORM)
        occupation = page.locator('select#occupation_id')
        assert occupation.is_visible()
        assert occupation.locator('option').count() > 150
        skills = page.locator('select#required_skill_ids')
        assert skills.get_attribute('multiple') is not None
        assert page.locator('#required_skill_ids-howto').is_visible()
        assert page.locator('[role="combobox"]').count() == 0
        assert page.locator('label[for="required_skill_ids"]').count() == 1
    finally:
        context.close()
