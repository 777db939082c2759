"""The pages of caseload, matching, proposals and outcomes as staff and employers meet them, on the demo data.

Each page is opened in Dutch and in English and checked with axe-core (WCAG 2.2 AA rules) and for console
errors, including a proposal in every state, forms showing their errors, and a job seeker outside matching.
"""

import pytest
from flask import Flask
from sqlalchemy import select

from portal.core.dbtypes import today
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.extensions import db
from portal.models.accounts import User
from portal.models.caseload import Candidate, CandidateImport
from portal.models.demand import StaffingNeed
from portal.models.matching import Proposal, ProposalState
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation
from portal.models.tenancy import Region
from tests.e2e.helpers import Visitor, sign_in, sign_in_as_staff, switch_language

pytestmark = pytest.mark.e2e


COORDINATOR = 'coordinator@demo.kansenkamer.nl'  # staff of Vechtdal: sees every staff page, the weights too
DEMO_EMPLOYER = 'werkgever@demo.kansenkamer.nl'  # Kanaalzicht Logistiek (demo), which the demo proposes to
EMPLOYER_KVK = '99100001'


@pytest.fixture(autouse=True)
def _dutch_again(live_app):
    """Switching language signed in changes the account's language: give the demo people back their Dutch."""
    yield
    with live_app.app_context():
        for email in (COORDINATOR, DEMO_EMPLOYER):
            User.by_email(email).locale = 'nl'
        db.session.commit()


def demo_ids(app: Flask) -> dict:
    """Ids in Vechtdal's demo data: the first proposal in each state, the employer's latest sent proposal in each
    state, a job seeker in matching and one outside it, a published need, the latest import, and a pair of a
    matchable job seeker and a published need whose proposal was closed (so a new one may be made)."""
    with app.app_context():
        region, day = Region.by_slug('vechtdal'), today()
        proposals = list(db.session.scalars(select(Proposal).where(Proposal.region_id == region.id)
                                            .order_by(Proposal.id)))
        by_state: dict[ProposalState, int] = {}
        for proposal in proposals:
            by_state.setdefault(proposal.state, proposal.id)
        organisation = Organisation.by_kvk(EMPLOYER_KVK)
        employer = {p.state: p.id for p in proposals if p.organisation_id == organisation.id and p.sent_at}
        candidates = list(db.session.scalars(select(Candidate).where(Candidate.region_id == region.id)
                                             .order_by(Candidate.id)))
        closed = next((p for p in proposals if p.state in {ProposalState.DECLINED, ProposalState.WITHDRAWN}
                       and p.candidate.is_matchable(day) and p.need.state == PostingState.PUBLISHED), None)
        need = db.session.scalar(select(StaffingNeed.id).where(
            StaffingNeed.region_id == region.id, StaffingNeed.state == PostingState.PUBLISHED,
            StaffingNeed.ends_on >= day).order_by(StaffingNeed.id).limit(1))
        return {
            'proposals': by_state, 'employer': employer, 'need': need,
            'matchable': next(c.id for c in candidates if c.is_matchable(day)),
            'outside': next(c.id for c in candidates if c.is_stale(day) and c.anonymised_at is None),
            'pair': (closed.need_id, closed.candidate_id) if closed else None,
            'import': db.session.scalar(select(CandidateImport.id).where(CandidateImport.region_id == region.id)
                                        .order_by(CandidateImport.id.desc()).limit(1)),
        }


def staff_pages(ids: dict) -> list[str]:
    pages = [
        '/medewerkers/kandidaten/', '/medewerkers/kandidaten/?status=gepauzeerd&actueel=verlopen',
        '/medewerkers/kandidaten/nieuw', f'/medewerkers/kandidaten/{ids["matchable"]}',
        f'/medewerkers/kandidaten/{ids["matchable"]}/bewerken', f'/medewerkers/kandidaten/{ids["outside"]}',
        f'/medewerkers/kandidaten/{ids["matchable"]}/uitschrijven', '/medewerkers/kandidaten/import',
        '/medewerkers/matching/', f'/medewerkers/matching/behoefte/{ids["need"]}',
        f'/medewerkers/matching/kandidaat/{ids["matchable"]}', f'/medewerkers/matching/kandidaat/{ids["outside"]}',
        '/medewerkers/matching/gewichten', '/medewerkers/voorstellen', '/medewerkers/voorstellen?wie=mijn&status=sent',
        '/medewerkers/regio/resultaten', '/medewerkers/regio/resultaten?periode=dit-jaar',
        '/medewerkers/regio/vaardigheden',
    ]
    if ids['import']:
        pages.append(f'/medewerkers/kandidaten/import/{ids["import"]}')
    if ids['pair']:
        need_id, candidate_id = ids['pair']
        pages.append(f'/medewerkers/voorstellen/nieuw?need_id={need_id}&candidate_id={candidate_id}')
    pages += [f'/medewerkers/voorstellen/{proposal_id}' for proposal_id in ids['proposals'].values()]
    return pages


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_staff_pages_pass_axe(live_app, visitor: Visitor, lang):
    ids = demo_ids(live_app)
    assert set(ids['proposals']) == set(ProposalState), f'the demo lacks a state: {set(ids["proposals"])}'
    sign_in_as_staff(visitor, live_app, COORDINATOR, DEMO_PASSWORD)
    switch_language(visitor, lang)  # a signed-in person's language is their account's
    for path in staff_pages(ids):
        visitor.goto(path)
        assert visitor.lang == lang
        assert visitor.page.locator('main h1').count() == 1, f'{path} has no single main heading'


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_employer_pages_pass_axe(live_app, visitor: Visitor, lang):
    ids = demo_ids(live_app)
    sign_in(visitor, DEMO_EMPLOYER, DEMO_PASSWORD)
    switch_language(visitor, lang)
    for path in ['/voorstellen', *(f'/voorstellen/{pid}' for pid in ids['employer'].values())]:
        visitor.goto(path)
        assert visitor.lang == lang
        assert visitor.page.locator('main h1').count() == 1, f'{path} has no single main heading'


def submit_empty(visitor: Visitor, form_selector: str) -> None:
    """Press the form's own button without filling anything in, and check the page that answers."""
    form = visitor.page.locator(form_selector)
    assert form.count() == 1, f'no single {form_selector} on {visitor.path}'
    visitor.follow(form.locator('button[type=submit]').last)
    assert visitor.page.locator('#error-summary, .utrecht-form-field-error-message').count(), \
        f'{form_selector} on {visitor.path} shows no error'


@pytest.mark.parametrize('lang', ['nl', 'en'])
def test_forms_with_errors_pass_axe(live_app, visitor: Visitor, lang):
    """Every step's form refused with its errors shown; refused, nothing changes in the demo data."""
    ids = demo_ids(live_app)
    states = ids['proposals']
    page = visitor.page
    sign_in_as_staff(visitor, live_app, COORDINATOR, DEMO_PASSWORD)
    switch_language(visitor, lang)

    visitor.goto('/medewerkers/kandidaten/nieuw')
    submit_empty(visitor, 'main form[method=post]:has(button.utrecht-button--primary-action)')
    visitor.goto(f'/medewerkers/kandidaten/{ids["matchable"]}/uitschrijven')
    submit_empty(visitor, 'main form[method=post]')
    visitor.goto('/medewerkers/kandidaten/import')
    submit_empty(visitor, 'main form[enctype="multipart/form-data"]')
    visitor.goto('/medewerkers/matching/gewichten')
    page.locator('form[data-weights-form] #skills').fill('99')  # seven parts that no longer make 100
    submit_empty(visitor, 'form[data-weights-form]')
    assert page.locator('[data-default]').count() == 1, 'the region keeps the default weights'
    if ids['pair']:
        need_id, candidate_id = ids['pair']
        visitor.goto(f'/medewerkers/voorstellen/nieuw?need_id={need_id}&candidate_id={candidate_id}')
        submit_empty(visitor, 'main form[action*="/voorstellen/nieuw"]')
    steps = [(ProposalState.SENT, '/intrekken'), (ProposalState.INTERESTED, '/introductie'),
             (ProposalState.INTRODUCED, '/intake'), (ProposalState.INTAKE, '/proefplaatsing'),
             (ProposalState.INTAKE, '/in-dienst'), (ProposalState.TRIAL, '/afsluiten')]
    for state, action in steps:
        visitor.goto(f'/medewerkers/voorstellen/{states[state]}')
        submit_empty(visitor, f'main form[action$="{action}"]')
    before = proposal_states(live_app, [states[state] for state, _action in steps])
    assert all(before[states[state]] == state for state, _action in steps), 'a refused step changed nothing'
    visitor.goto('/loonkostensubsidie?loonwaarde=honderd&uren=0&startdatum=2020-01-01')
    assert page.locator('#error-summary').get_by_role('link').count() == 3


def proposal_states(app: Flask, proposal_ids: list[int]) -> dict[int, ProposalState]:
    with app.app_context():
        return dict(db.session.execute(select(Proposal.id, Proposal.state).where(Proposal.id.in_(proposal_ids))).all())


def test_pages_fit_a_360_pixel_screen(live_app, narrow_visitor: Visitor):
    """No sideways scrolling on a phone (WCAG 1.4.10): wide tables scroll inside their own box."""
    ids = demo_ids(live_app)
    visitor = narrow_visitor
    paths = staff_pages(ids) + ['/loonkostensubsidie?loonwaarde=50&uren=36&startdatum=2026-02-01']
    sign_in_as_staff(visitor, live_app, COORDINATOR, DEMO_PASSWORD)
    too_wide = {}
    for path in paths:
        visitor.goto(path)
        width = visitor.page.evaluate('document.documentElement.scrollWidth')
        if width > 360:
            too_wide[path] = width
    visitor.page.context.clear_cookies()
    sign_in(visitor, DEMO_EMPLOYER, DEMO_PASSWORD)
    for path in ['/voorstellen', *(f'/voorstellen/{pid}' for pid in ids['employer'].values())]:
        visitor.goto(path)
        width = visitor.page.evaluate('document.documentElement.scrollWidth')
        if width > 360:
            too_wide[path] = width
    assert not too_wide, f'these pages scroll sideways on a 360-pixel screen: {too_wide}'


#: the focused element and how its focus is drawn (a date field counts while focus is inside it)
FOCUSED = """() => { const el = document.activeElement; const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 40),
          shown: el.matches(':focus-visible') || (el.type === 'date' && el.matches(':focus-within')),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth), area: box.width * box.height}; }"""


def tab_through(visitor: Visitor, path: str) -> list[str]:
    """Tab from the top of `path` until focus leaves the page or comes round again; what went wrong on the way."""
    visitor.goto(path)
    problems, first = [], None
    for _ in range(400):
        visitor.page.keyboard.press('Tab')
        focused = visitor.page.evaluate(FOCUSED)
        if focused['tag'] == 'body':
            return problems
        key = (focused['tag'], focused['id'], focused['text'])
        if key == first:
            return problems
        first = first or key
        if not focused['shown'] or focused['outline'] == 'none' or focused['width'] < 2 or not focused['area']:
            problems.append(f'{path}: focus on {focused} is not drawn')
    return [*problems, f'{path}: 400 tab stops and still not through the page (a keyboard trap?)']


def test_every_tab_stop_shows_the_focus_and_none_traps_it(live_app, visitor: Visitor):
    ids = demo_ids(live_app)
    sign_in_as_staff(visitor, live_app, COORDINATOR, DEMO_PASSWORD)
    problems = [problem for path in staff_pages(ids) for problem in tab_through(visitor, path)]
    visitor.page.context.clear_cookies()
    sign_in(visitor, DEMO_EMPLOYER, DEMO_PASSWORD)
    for path in ['/voorstellen', *(f'/voorstellen/{pid}' for pid in ids['employer'].values()),
                 '/loonkostensubsidie?loonwaarde=50&uren=36&startdatum=2026-02-01']:
        problems += tab_through(visitor, path)
    assert not problems, '\n'.join(problems)
