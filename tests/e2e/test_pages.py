"""The public pages as a visitor meets them: in Dutch and English, by keyboard, on a phone; and the signed-in pages
of activities, the network and the buddy project, in both languages, with their forms' errors, on a phone.

Every page opened through the Visitor is checked with axe-core (WCAG 2.2 AA rules) and must
log no console errors, which includes Content-Security-Policy violations.
"""

import re

import pytest
from flask import Flask
from sqlalchemy import select

from portal.core.dbtypes import utcnow
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import Activity, ActivityFeedback, ActivitySlot, Audience, Registration, RegistrationState
from portal.models.buddies import BuddyOffer, BuddyPairing, PairingState
from portal.models.moderation import PostingState
from portal.models.network import Network, NetworkMemberStatus
from portal.models.tenancy import Region
from tests.e2e.helpers import Visitor, say, sign_in, switch_language

pytestmark = pytest.mark.e2e

# path, HTTP status, the English main heading
PAGES = [
    ('/', 200, 'Your staffing needs, our people'),
    ('/toegankelijkheid', 200, 'Accessibility statement'),
    ('/privacy', 200, 'Privacy'),
    ('/loonkostensubsidie', 200, 'Wage-cost subsidy (loonkostensubsidie)'),
    ('/bestaat-niet', 404, 'Page not found'),
]
PAGE_IDS = ['home', 'accessibility', 'privacy', 'subsidy', 'not-found']
REGION = 'Vechtdal'  # the first seeded region, shown to anonymous visitors
REGION_RGB = 'rgb(31, 92, 58)'  # Vechtdal's primary colour #1f5c3a


def switch_to_english(visitor: Visitor) -> None:
    visitor.follow(visitor.page.locator('header').get_by_role('link', name='English'))


@pytest.mark.parametrize(('path', 'status', 'heading'), PAGES, ids=PAGE_IDS)
def test_page_in_dutch(visitor, path, status, heading):
    visitor.goto(path, status)

    assert visitor.lang == 'nl'
    assert visitor.page.locator('header .kk-brand__region').inner_text() == REGION
    assert visitor.page.locator('main#main-content h1').count() == 1
    assert visitor.page.locator('header').get_by_role('link', name='English').is_visible()


@pytest.mark.parametrize(('path', 'status', 'heading'), PAGES, ids=PAGE_IDS)
def test_page_in_english_after_switching(visitor, path, status, heading):
    visitor.goto(path, status)
    switch_to_english(visitor)

    assert visitor.lang == 'en'
    assert visitor.page.url.endswith(path), 'the switch returns to the page the visitor was on'
    assert visitor.page.locator('main h1').inner_text() == heading
    assert visitor.page.locator('header .kk-brand__region').inner_text() == REGION

    # The choice is a cookie, so the next page speaks English too.
    next_path = '/privacy' if path != '/privacy' else '/'
    visitor.goto(next_path)
    assert visitor.lang == 'en'
    assert {'name': 'lang', 'value': 'en'}.items() <= next(
        cookie for cookie in visitor.page.context.cookies() if cookie['name'] == 'lang').items()


def test_switching_back_to_dutch(visitor):
    visitor.goto('/')
    switch_to_english(visitor)
    visitor.follow(visitor.page.locator('header').get_by_role('link', name='Nederlands'))

    assert visitor.lang == 'nl'
    visitor.goto('/privacy')
    assert visitor.lang == 'nl'


def test_dutch_is_the_default_for_a_browser_that_prefers_neither_language(browser, live_server):
    context = browser.new_context(base_url=live_server, locale='de-DE')
    try:
        visitor = Visitor(context.new_page())
        visitor.goto('/')
        assert visitor.lang == 'nl'
    finally:
        context.close()


@pytest.mark.parametrize(('path', 'status', 'heading'), PAGES, ids=PAGE_IDS)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(visitor, path, status, heading):
    visitor.goto(path, status)
    page = visitor.page
    skip_link = page.locator('a.utrecht-skip-link')
    box_before = skip_link.bounding_box()

    page.keyboard.press('Tab')
    assert visitor.focused()['href'] == '#main-content'
    box = skip_link.bounding_box()
    assert box_before is None or box_before['width'] <= 1, f'skip link takes up room before it has focus: {box_before}'
    assert box is not None, 'skip link is not rendered when focused'
    assert box['width'] > 40, f'skip link is not shown when focused: {box}'
    assert box['height'] > 20, f'skip link is not shown when focused: {box}'
    assert skip_link.evaluate('el => getComputedStyle(el).clipPath') == 'none', 'skip link is clipped when focused'
    assert box['x'] >= 0, f'skip link is off screen: {box}'
    assert box['y'] >= 0, f'skip link is off screen: {box}'
    assert box['y'] + box['height'] <= page.viewport_size['height'], f'skip link is below the fold: {box}'

    page.keyboard.press('Enter')
    assert visitor.focused()['id'] == 'main-content'
    assert visitor.focused()['tag'] == 'main'


def test_footer_links_are_reachable_by_keyboard(visitor):
    visitor.goto('/')
    page = visitor.page
    reached = []
    for _ in range(30):
        page.keyboard.press('Tab')
        focused = visitor.focused()
        reached.append(focused['href'])
        if focused['href'] == '/privacy':
            break
    assert '/toegankelijkheid' in reached
    assert reached[-1] == '/privacy', f'Tab never reached the privacy link; it visited {reached}'

    # Enter on the focused footer link opens it.
    footer_link = page.locator('footer').get_by_role('link', name='Privacy')
    visitor.follow(footer_link, key='Enter')
    assert page.url.endswith('/privacy')


def test_home_page_is_styled_with_the_vendored_nl_design_system_css(visitor):
    response = visitor.goto('/')

    csp = response.headers['content-security-policy']
    assert "script-src 'self'" in csp, 'the page is tested under the real CSP'
    assert "style-src 'self'" in csp, 'the page is tested under the real CSP'
    stylesheets = {r.url.removeprefix(visitor.page.url.rstrip('/')): r.status
                   for r in visitor.responses if r.request.resource_type == 'stylesheet'}
    assert stylesheets.get('/static/vendor/utrecht-design-tokens.css') == 200, stylesheets
    assert stylesheets.get('/static/vendor/utrecht-components.css') == 200, stylesheets
    assert all(status == 200 for status in stylesheets.values()), stylesheets

    header_background = visitor.page.locator('header.kk-header').evaluate('el => getComputedStyle(el).backgroundColor')
    assert header_background == REGION_RGB, 'the region theme colours the header'


@pytest.mark.parametrize(('path', 'status', 'heading'), PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize('language', ['nl', 'en'])
def test_no_horizontal_scroll_on_a_360_pixel_screen(narrow_visitor, path, status, heading, language):
    narrow_visitor.goto(path, status)
    if language == 'en':
        switch_to_english(narrow_visitor)
        assert narrow_visitor.lang == 'en'

    scroll_width = narrow_visitor.page.evaluate('document.documentElement.scrollWidth')
    assert scroll_width <= 360, f'{path} ({language}) scrolls sideways: {scroll_width}px wide'


SUBSIDY_CASES = [  # the figures: €7.9434 an hour at 50%, €9.8101 with employer costs; at 20% capped at €11.1208
    ('nl', 50, '€\xa07,94', '€\xa09,81', 'no'),
    ('en', 50, '€7.94', '€9.81', 'no'),
    ('nl', 20, '€\xa011,12', '€\xa013,73', 'yes'),
]


@pytest.mark.parametrize(('lang', 'loonwaarde', 'subsidy', 'total', 'capped'), SUBSIDY_CASES)
def test_the_subsidy_calculator_for_36_hours_from_february_2026(live_app, visitor, lang, loonwaarde, subsidy, total,
                                                                 capped):
    visitor.goto('/loonkostensubsidie')
    switch_language(visitor, lang)
    page = visitor.page

    def t(msgid: str) -> str:
        return say(live_app, msgid, lang)

    assert page.locator('main h1').inner_text() == t('Wage-cost subsidy (loonkostensubsidie)')
    page.get_by_label(re.compile('^' + re.escape(t('Loonwaarde (%)')))).fill(str(loonwaarde))
    page.get_by_label(re.compile('^' + re.escape(t('Hours per week')))).fill('36')
    page.get_by_label(re.compile('^' + re.escape(t('First day of work')))).fill('2026-02-01')
    visitor.follow(page.get_by_role('button', name=t('Calculate'), exact=True))

    assert visitor.lang == lang
    result = page.locator('#uitkomst')
    assert result.locator('[data-figure="subsidy-per-hour"]').inner_text() == subsidy
    assert result.locator('[data-figure="total-per-hour"]').inner_text() == total
    assert result.locator('[data-figure="capped"]').get_attribute('data-capped') == capped
    assert t('Indicative — the municipality sets the wage-cost subsidy') in result.inner_text()


# --- The pages of activities, the network and the buddy project, signed in, on the demo data ------------------

HOST, COORDINATOR = 'werkgever@demo.kansenkamer.nl', 'coordinator@demo.kansenkamer.nl'  # both of Vechtdal


def activities_demo_ids(app: Flask) -> dict:
    """Ids in Vechtdal's demo data: the host's published meeloopdag (with a waiting list) and a date of it to come,
    a past date of a job seekers' activity, an activity waiting for review, a cancelled one, feedback of both forms,
    the host's seat in the network, a request to join, the host's buddy pairing, an offer and a pairing per state."""
    with app.app_context():
        region, now = Region.by_slug('vechtdal'), utcnow()
        host = User.by_email(HOST)
        activities = list(db.session.scalars(select(Activity).where(Activity.region_id == region.id)
                                             .order_by(Activity.id)))
        shadowing = next(a for a in activities if a.is_own(host) and a.state == PostingState.PUBLISHED and any(
            r.state == RegistrationState.WAITLISTED for s in a.slots if s.starts_at > now for r in s.registrations))
        past = next(s for a in activities if a.audience == Audience.JOB_SEEKERS for s in a.slots if s.ends_at < now)
        feedback = {f.form: f.registration_id for f in db.session.scalars(
            select(ActivityFeedback).join(Registration).join(ActivitySlot).join(Activity)
            .where(Activity.region_id == region.id).order_by(ActivityFeedback.id.desc()))}
        network = Network.of_region(region.id)
        pairings = list(db.session.scalars(select(BuddyPairing).where(BuddyPairing.region_id == region.id)
                                           .order_by(BuddyPairing.id)))
        return {
            'shadowing': shadowing.id, 'slot': next(s.id for s in shadowing.slots if s.starts_at > now),
            'past_slot': past.id, 'past_activity': past.activity_id, 'feedback': list(feedback.values()),
            'pending': next(a.id for a in activities if a.state == PostingState.PENDING),
            'cancelled': next(a.id for a in activities if a.state == PostingState.CANCELLED),
            'network': network.id, 'seat': next(m.id for m in network.members if m.organisation.owner == host),
            'request': next(m.id for m in network.members if m.status == NetworkMemberStatus.PENDING),
            'own_pairing': next(p.id for p in pairings if p.offer.user_id == host.id),
            'offer': db.session.scalar(select(BuddyOffer.id).where(BuddyOffer.region_id == region.id,
                                                                   BuddyOffer.is_active.is_(True))),
            'pairings': sorted({p.state: p.id for p in reversed(pairings)}.values()),
            'planned': next(p.id for p in pairings if p.state == PairingState.PLANNED and not p.has_identity),
        }


def host_pages(ids: dict) -> list[str]:
    shadowing, slot, seat = ids['shadowing'], ids['slot'], ids['seat']
    return ['/activiteiten', '/activiteiten?soort=job_shadowing&vrij=y', '/activiteiten/nieuw',
            '/activiteiten/mijn-aanbod', f'/activiteiten/{shadowing}', f'/activiteiten/{shadowing}/beheer',
            f'/activiteiten/{shadowing}/bewerken', f'/activiteiten/{shadowing}/afzeggen',
            f'/activiteiten/tijdslot/{slot}/afzeggen', f'/activiteiten/tijdslot/{slot}/aanmeldingen',
            '/activiteiten/mijn-aanmeldingen', '/account/agenda', '/buddy',
            '/buddy/koppelingen', f'/buddy/koppelingen/{ids["own_pairing"]}', '/netwerk/', '/netwerk/deelnemers',
            '/netwerk/bijeenkomsten', '/netwerk/toezeggingen', '/netwerk/deelname', f'/netwerk/deelname/{seat}/gids',
            f'/netwerk/deelname/{seat}/toezegging']


def staff_pages(ids: dict) -> list[str]:
    return ['/activiteiten?voor=werkzoekenden', f'/activiteiten/{ids["shadowing"]}',
            f'/activiteiten/{ids["cancelled"]}', f'/activiteiten/{ids["past_activity"]}/beheer',
            f'/activiteiten/tijdslot/{ids["past_slot"]}/mailen',
            *(f'/activiteiten/aanmelding/{registration}/terugkoppeling' for registration in ids['feedback']),
            f'/medewerkers/beoordelen/activiteit/{ids["pending"]}', '/medewerkers/buddy',
            '/medewerkers/buddy?toon=gepauzeerd', '/medewerkers/buddy/koppelingen', '/medewerkers/buddy/overzicht',
            f'/medewerkers/buddy/aanbod/{ids["offer"]}',
            *(f'/medewerkers/buddy/koppelingen/{pairing}' for pairing in ids['pairings']),
            '/netwerk/leden', f'/netwerk/{ids["network"]}/beheer', '/netwerk/verzoeken',
            f'/netwerk/verzoeken/{ids["request"]}/afwijzen']


@pytest.fixture
def dutch_again(live_app):
    """Switching language signed in changes the account's language: give the demo people back their Dutch."""
    yield
    with live_app.app_context():
        for email in (HOST, COORDINATOR):
            User.by_email(email).locale = 'nl'
        db.session.commit()


@pytest.mark.parametrize('lang', ['nl', 'en'])
@pytest.mark.parametrize(('email', 'pages'), [(HOST, host_pages), (COORDINATOR, staff_pages)], ids=['host', 'staff'])
def test_activity_network_and_buddy_pages_pass_axe(live_app, visitor, dutch_again, email, pages, lang):
    sign_in(visitor, email, DEMO_PASSWORD)
    switch_language(visitor, lang)
    for path in pages(activities_demo_ids(live_app)):
        visitor.goto(path)
        assert visitor.lang == lang
        assert visitor.page.locator('main h1').count() == 1, f'{path} has no single main heading'


@pytest.mark.parametrize(('email', 'pages'), [(HOST, host_pages), (COORDINATOR, staff_pages)], ids=['host', 'staff'])
def test_activity_network_and_buddy_pages_fit_a_360_pixel_screen(live_app, narrow_visitor, email, pages):
    sign_in(narrow_visitor, email, DEMO_PASSWORD)
    too_wide = {}
    for path in pages(activities_demo_ids(live_app)):
        narrow_visitor.goto(path)
        width = narrow_visitor.page.evaluate('document.documentElement.scrollWidth')
        if width > 360:
            too_wide[path] = width
    assert not too_wide, f'these pages scroll sideways on a 360-pixel screen: {too_wide}'


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_activity_network_and_buddy_forms_with_errors_pass_axe(live_app, visitor, dutch_again, lang):
    """Each form sent empty shows its errors (and changes nothing): offering, calling off, pairing, stopping,
    sharing a name, mailing participants, declining a request to join."""
    ids = activities_demo_ids(live_app)
    forms = {HOST: [('/activiteiten/nieuw', 'main form[method=post]'),
                    (f'/activiteiten/{ids["shadowing"]}/afzeggen', 'main form[method=post]'),
                    (f'/activiteiten/tijdslot/{ids["slot"]}/afzeggen', 'main form[method=post]')],
             COORDINATOR: [(f'/medewerkers/buddy/aanbod/{ids["offer"]}', 'main form[method=post]'),
                           (f'/medewerkers/buddy/koppelingen/{ids["planned"]}', 'main form[action$="/stoppen"]'),
                           (f'/medewerkers/buddy/koppelingen/{ids["planned"]}', 'main form[action$="/identiteit"]'),
                           (f'/activiteiten/tijdslot/{ids["past_slot"]}/mailen', 'main form[method=post]'),
                           (f'/netwerk/verzoeken/{ids["request"]}/afwijzen', 'main form[method=post]')]}
    for email, pages in forms.items():
        visitor.page.context.clear_cookies()
        sign_in(visitor, email, DEMO_PASSWORD)
        switch_language(visitor, lang)
        for path, selector in pages:
            visitor.goto(path)
            visitor.follow(visitor.page.locator(selector).locator('button[type=submit]').last)
            assert visitor.page.locator('#error-summary').count() == 1, f'{selector} on {path} shows no errors'
    assert activities_demo_ids(live_app) == ids, 'a refused form changed nothing'
