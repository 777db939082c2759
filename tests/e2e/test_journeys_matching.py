"""Journeys of matching: from an employer's need to a job seeker hired, followed up and counted, and an employer
answering a proposal by keyboard only.

Every page a person opens is checked with axe-core and must log no console errors (see Visitor); each person
browses in a browser context of their own. The texts these pages show are read through `say`, as the live
server renders them in Dutch: the Dutch catalogue's words once it has them, the English msgid until then.
"""

import re
import uuid

import pytest
from flask import Flask

from portal.core.dbtypes import today
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.extensions import db
from portal.models.matching import Proposal, ProposalState
from tests.e2e.helpers import (
    PublishedNeed,
    Visitor,
    audit_rows,
    flash_texts,
    follow_up_falls_due,
    last_mail_to,
    open_in_menu,
    publish_need_with_job_seeker,
    say,
    sent_proposal,
    sign_in,
    sign_in_as_staff,
)

pytestmark = pytest.mark.e2e

DEMO_EMPLOYER = 'werkgever@demo.kansenkamer.nl'  # owner of Kanaalzicht Logistiek (demo), Hardenberg, verified
DEMO_ACCOUNTMANAGER = 'accountmanager@demo.kansenkamer.nl'  # staff of Vechtdal, where Hardenberg lies
EMPLOYER_KVK = '99100001'
MATCHING, PROPOSALS, OUTCOMES = '/medewerkers/matching/', '/voorstellen', '/medewerkers/regio/resultaten'
MOTIVATION = ('Heeft vier jaar op een tankwagen gereden, met ADR en VCA VOL. Woont dichtbij en kan direct '
              'beginnen; ik ken de kandidaat goed en zie een goede match.')


def publish(app: Flask) -> PublishedNeed:
    return publish_need_with_job_seeker(app, employer_email=DEMO_EMPLOYER, staff_email=DEMO_ACCOUNTMANAGER,
                                        kvk=EMPLOYER_KVK, run=uuid.uuid4().hex[:6])


def proposal_state(app: Flask, proposal_id: int) -> Proposal:
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        db.session.expunge(proposal)
        return proposal


def table_rows(visitor: Visitor, table_id: str) -> dict[str, list[str]]:
    """A table of the outcomes page: each row's label and its cells as shown ("12", "< 5", "—")."""
    return {row.locator('th').inner_text().strip(): [cell.strip() for cell in row.locator('td').all_inner_texts()]
            for row in visitor.page.locator(f'#{table_id} tbody tr').all()}


def outcomes(visitor: Visitor) -> dict[str, list[str]]:
    """The funnel's counts per step and the key figures (value, counted over), by their labels."""
    return table_rows(visitor, 'table-funnel') | {
        f'key: {label}': cells for label, cells in table_rows(visitor, 'table-key-figures').items()}


def leading_number(text: str) -> int:
    found = re.match(r'\d+', text)
    assert found, f'“{text}” does not start with a number: the demo data has too few people to show it'
    return int(found.group())


def test_from_a_need_to_a_hire_that_is_followed_up_and_counted(live_app, new_visitor):
    found = publish(live_app)
    staff, employer = new_visitor(), new_visitor()
    day = today()

    def t(msgid: str, **params) -> str:
        return say(live_app, msgid, **params)

    # 0. The accountmanager notes where the region's outcomes stand.
    sign_in_as_staff(staff, live_app, DEMO_ACCOUNTMANAGER, DEMO_PASSWORD)
    page = staff.page
    open_in_menu(staff, OUTCOMES)
    before = outcomes(staff)
    sent, hired = t('Sent to the employer'), t('Hired')
    retention = f'key: {t("Still employed after 3 months")}'
    for label in (sent, hired, retention):
        assert label in before, f'no row “{label}” on the outcomes page: {before}'

    # 1. Matching: the open needs, then the ranked job seekers for the new need.
    open_in_menu(staff, MATCHING)
    row = page.locator(f'main tr[data-need="{found.need_id}"]')
    assert int(row.locator('[data-eligible]').get_attribute('data-eligible')) >= 1
    staff.follow(row.get_by_role('link', name=found.need_title, exact=True))
    assert staff.path == f'{MATCHING}behoefte/{found.need_id}'
    assert page.locator('main h1').inner_text() == t('Job seekers for %(title)s', title=found.need_title)
    ranked = page.locator('main ol.kk-posting-list > li')
    totals = [float(total) for total in ranked.evaluate_all('items => items.map(item => item.dataset.total)')]
    assert totals == sorted(totals, reverse=True), 'best first'
    first = ranked.and_(page.locator(f'[data-candidate="{found.candidate_id}"]'))
    assert float(first.get_attribute('data-total')) == totals[0], 'the fitting job seeker is among the best'
    assert first.get_by_role('heading').inner_text() == found.code
    assert found.first_name not in first.inner_text(), 'the ranking names job seekers by code only'

    # ... reads the explanation: every part in words, the two sides adding up to the total.
    first.locator('summary').click()
    table = first.locator('table.kk-explanation')
    assert table.is_visible()
    assert set(table.locator('tbody tr[data-part]').evaluate_all(
        'rows => rows.map(r => r.dataset.part)')) >= {'skills', 'experience', 'hours', 'distance'}
    skills_line = table.locator('tr[data-part="skills"]').inner_text()
    assert 'ADR-certificaat gevaarlijke stoffen' in skills_line, skills_line
    subtotals = [float(cell) for cell in table.locator('tr[data-subtotal] td[data-points]').evaluate_all(
        'cells => cells.map(c => c.dataset.points)')]
    total = float(first.get_attribute('data-total'))
    assert round(sum(subtotals), 1) == total, f'the sides {subtotals} do not add up to {total}'
    staff.check()  # the opened explanation passes axe too

    # 2. A proposal with a motivation: saved as a draft, then sent.
    staff.follow(first.get_by_role('link', name=t('Make a proposal'), exact=True))
    assert staff.path == '/medewerkers/voorstellen/nieuw'
    assert page.locator(f'main [data-card="{found.code}"]').is_visible(), 'the card the employer will see'
    page.get_by_label(t('Your motivation'), exact=True).fill(MOTIVATION)
    staff.follow(page.get_by_role('button', name=t('Save the proposal as a draft'), exact=True))
    match = re.fullmatch(r'/medewerkers/voorstellen/(\d+)', staff.path)
    assert match, f'the draft was not shown after saving: {page.url}'
    proposal_id, proposal_path = int(match.group(1)), staff.path
    assert t('The proposal is saved as a draft. Check the card the employer will see, then send it.') \
        in flash_texts(staff)
    staff.follow(page.get_by_role('button', name=t('Send to the employer'), exact=True))
    assert any(text.startswith(t('The proposal is sent.')) for text in flash_texts(staff)), flash_texts(staff)
    assert page.locator('main [data-state]').first.get_attribute('data-state') == 'sent'

    # 3. The employer gets a mail, opens "Voorstellen" and reads the anonymous card.
    mail = last_mail_to(live_app, DEMO_EMPLOYER, 'proposals/sent')
    assert found.need_title in mail.subject
    assert mail.link('/voorstellen/').endswith(f'/voorstellen/{proposal_id}')
    for private in (found.first_name, found.reference):
        assert private not in mail.body
    sign_in(employer, DEMO_EMPLOYER, DEMO_PASSWORD)
    open_in_menu(employer, PROPOSALS)
    card = employer.page.locator(f'main li[data-proposal="{proposal_id}"]')
    employer.follow(card.get_by_role('link', name=t('Job seeker %(code)s', code=found.code), exact=True))
    assert employer.path == f'/voorstellen/{proposal_id}'
    content = employer.page.locator('main').inner_text()
    assert MOTIVATION in content
    for private in (found.first_name, found.reference):
        assert private not in employer.page.content(), f'{private!r} is on the employer page before consent'
    assert employer.page.locator('[data-identity]').count() == 0

    # ... and answers: interested.
    employer.page.get_by_label(t('Yes, we would like to meet this person'), exact=True).check()
    employer.follow(employer.page.get_by_role('button', name=t('Send my answer'), exact=True))
    assert employer.path == f'/voorstellen/{proposal_id}'
    assert proposal_state(live_app, proposal_id).state == ProposalState.INTERESTED
    answered = last_mail_to(live_app, DEMO_ACCOUNTMANAGER, 'proposals/answered')
    assert answered.link('/medewerkers/voorstellen/').endswith(proposal_path)

    # 4. The accountmanager records the job seeker's consent with the name and phone to share.
    staff.goto(proposal_path)
    form = page.locator('form[action$="/introductie"]')
    form.get_by_label(t('The job seeker has given consent to share their name and contact details with this '
                        'employer'), exact=True).check()
    form.get_by_label(t('Day the job seeker gave consent'), exact=True).fill(day.isoformat())
    shared_name, phone = f'{found.first_name} Hofman', '06 12345678'
    form.get_by_label(t('Name to share'), exact=True).fill(shared_name)
    form.get_by_label(re.compile('^' + re.escape(t('Phone number to share')))).fill(phone)
    staff.follow(form.get_by_role('button', name=t('Record consent and introduce'), exact=True))
    assert any(text.startswith(t('The employer now sees the name and contact details.'))
               for text in flash_texts(staff)), flash_texts(staff)
    assert page.locator('main dl[data-identity]').inner_text().count(shared_name) == 1
    disclosed = audit_rows(live_app, 'proposal.identity_disclosed', 'Proposal', proposal_id)
    assert len(disclosed) == 1
    assert disclosed[0].details['shared'] == ['name', 'phone']
    staff_views = [row for row in audit_rows(live_app, 'proposal.identity_viewed', 'Proposal', proposal_id)
                   if row.details.get('side') == 'staff']
    assert staff_views, 'the accountmanager seeing the shared name is audited'
    assert staff_views[-1].actor_id is not None

    # 5. The employer now sees who it is; that view is audited too.
    employer.reload()
    identity = employer.page.locator('main section[data-identity]')
    assert shared_name in identity.inner_text()
    assert phone in identity.inner_text()
    assert found.reference not in employer.page.content(), 'the reference stays with the municipality'
    employer_views = [row for row in audit_rows(live_app, 'proposal.identity_viewed', 'Proposal', proposal_id)
                      if row.details.get('side') == 'employer']
    assert len(employer_views) == 1

    # 6. Intake and hire today (neither may come before the sending day); three months later the follow-up is due.
    intake = page.locator('form[action$="/intake"]')
    intake.get_by_label(t('Date of the intake'), exact=True).fill(day.isoformat())
    staff.follow(intake.get_by_role('button', name=t('Record the intake'), exact=True))
    assert t('The intake is recorded.') in flash_texts(staff)
    hire = page.locator('form[action$="/in-dienst"]')
    hire.get_by_label(t('Contract'), exact=True).select_option('permanent')
    hire.get_by_label(t('Hours per week'), exact=True).fill('36')
    hire.get_by_label(t('First working day'), exact=True).fill(day.isoformat())
    hire.locator('input[type=checkbox][value="wage_subsidy"]').check()
    staff.follow(hire.get_by_role('button', name=t('Record the hire'), exact=True))
    assert t('The hire is recorded. Follow-ups are planned at 3, 6 and 12 months.') in flash_texts(staff)
    assert page.locator('main [data-state]').first.get_attribute('data-state') == 'hired'
    assert page.locator('form[action*="/medewerkers/voorstellen/nazorg/"]').count() == 0, 'nothing is due yet'
    follow_up_falls_due(live_app, proposal_id, month=3)
    staff.reload()

    # 7. The 3-month follow-up: still employed.
    follow_up = page.locator('form[action*="/medewerkers/voorstellen/nazorg/"]')
    follow_up.get_by_role('group', name=t('Does the person still work there?')).get_by_label(
        t('Yes'), exact=True).check()
    follow_up.get_by_label(re.compile('^' + re.escape(t('Note')))).fill('Gaat goed, rijdt zelfstandig.')
    staff.follow(follow_up.get_by_role('button', name=t('Record the follow-up'), exact=True))
    assert t('The follow-up is recorded.') in flash_texts(staff)
    proposal = proposal_state(live_app, proposal_id)
    assert proposal.state == ProposalState.HIRED
    assert proposal.job_starts_on == day
    with live_app.app_context():
        follow_ups = {f.month: f for f in db.session.get(Proposal, proposal_id).follow_ups}
        assert follow_ups[3].still_employed is True
        assert follow_ups[6].recorded_at is None
    assert audit_rows(live_app, 'proposal.follow_up', 'Proposal', proposal_id)[-1].details['month'] == 3

    # 8. The outcomes page counts the proposal sent, the hire and its follow-up now due. Whether the person is
    # still employed may read "< 5" before and after: with few people not employed, it would give them away.
    open_in_menu(staff, OUTCOMES)
    after = outcomes(staff)
    for step in (sent, hired):
        assert after[step][0] == str(leading_number(before[step][0]) + 1), \
            f'“{step}” went from {before[step][0]} to {after[step][0]}'
    due_before, due_after = leading_number(before[retention][1]), leading_number(after[retention][1])
    assert due_after == due_before + 1, f'hires whose 3-month follow-up is due went from {due_before} to {due_after}'


def test_an_employer_answers_a_proposal_with_the_keyboard_only(live_app, visitor):
    found = publish(live_app)
    proposal_id = sent_proposal(live_app, found, staff_email=DEMO_ACCOUNTMANAGER, motivation=MOTIVATION)
    page, keyboard = visitor.page, visitor.page.keyboard

    def t(msgid: str) -> str:
        return say(live_app, msgid)

    def tab_to(predicate, what: str, presses: int = 80) -> dict:
        for _ in range(presses):
            keyboard.press('Tab')
            focused = visitor.focused()
            if predicate(focused):
                return focused
        raise AssertionError(f'Tab never reached {what}')

    sign_in(visitor, DEMO_EMPLOYER, DEMO_PASSWORD)
    visitor.goto(f'/voorstellen/{proposal_id}')
    yes = page.get_by_label(t('Yes, we would like to meet this person'), exact=True)
    button = t('Send my answer')

    # Sent without an answer: the summary says so, and its link takes the reader to the question.
    tab_to(lambda el: el['tag'] == 'button' and el['text'] == button, 'the answer button')
    with page.expect_navigation():
        keyboard.press('Enter')
    visitor.check()
    summary_link = page.locator('#error-summary').get_by_role('link')
    assert summary_link.get_attribute('href') == '#answer'
    tab_to(lambda el: el['href'] == '#answer', 'the link in the error summary')
    keyboard.press('Enter')
    assert visitor.focused()['id'] == 'answer', 'the summary link moves focus to the question'

    # Into the choices, yes with the space bar, on to the button and Enter.
    focused = tab_to(lambda el: el['tag'] == 'input', 'the first choice', presses=3)
    assert focused['id'] == yes.get_attribute('id')
    assert page.evaluate('document.activeElement.matches(":focus-visible")'), 'the focus is shown'
    keyboard.press('Space')
    assert yes.is_checked()
    tab_to(lambda el: el['tag'] == 'button' and el['text'] == button, 'the answer button', presses=10)
    assert page.evaluate('document.activeElement.matches(":focus-visible")'), 'the focus is shown'
    with page.expect_navigation():
        keyboard.press('Enter')
    visitor.check()
    assert visitor.path == f'/voorstellen/{proposal_id}'
    assert proposal_state(live_app, proposal_id).state == ProposalState.INTERESTED
    assert page.locator('#error-summary').count() == 0
