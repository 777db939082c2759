"""What every browser test does on every page it opens: run axe-core and watch the console."""

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from flask_babel import force_locale, gettext
from icalendar import Calendar
from playwright.sync_api import ConsoleMessage, Locator, Page, Response
from sqlalchemy import select

from portal.blueprints.activities import registrations
from portal.blueprints.caseload.operations import create_candidate, record_consent
from portal.blueprints.demand import moderation
from portal.blueprints.demand.operations import create_need
from portal.blueprints.proposals import operations as proposals
from portal.core.dbtypes import today, utcnow
from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.activities import LIVE_STATES, Activity, ActivityKind, ActivitySlot, Registration, RegistrationState
from portal.models.audit import AuditEvent
from portal.models.buddies import BuddyPairing
from portal.models.caseload import Candidate, CandidateStatus, ConsentScope
from portal.models.demand import StaffingNeed
from portal.models.matching import FollowUp
from portal.models.moderation import PostingState
from portal.models.organisations import MemberRole, Membership, Organisation
from portal.models.outbox import OutboxMessage
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

# WCAG 2.2 AA as far as axe-core can test it automatically (2.2 only added AA rules).
AXE_OPTIONS = {'runOnly': {'type': 'tag', 'values': ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}

_axe = Axe()


def format_violations(url: str, violations: list[dict]) -> str:
    """One readable block per axe violation: rule, impact, what it means and where."""
    lines = [f'axe found {len(violations)} accessibility violation(s) on {url}:']
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation['nodes']:
            target = ' '.join(str(part) for part in node['target'])
            lines.append(f'    at {target}: {node["html"][:160]}')
            if node.get('failureSummary'):
                lines.extend(f'      {line}' for line in node['failureSummary'].splitlines())
    return '\n'.join(lines)


def _invisible_text(incomplete: list[dict]) -> list[dict]:
    """Text in exactly its background's colour, which axe files under "needs review" rather than as a violation.

    That is how white header text on a white Utrecht header slipped through once; nobody means it.
    """
    found = []
    for result in incomplete:
        if result['id'] != 'color-contrast':
            continue
        nodes = [node for node in result['nodes']
                 if any((check.get('data') or {}).get('messageKey') == 'equalRatio' for check in node['any'])]
        if nodes:
            found.append({**result, 'impact': result.get('impact') or 'serious',
                          'help': result['help'] + ' (text is the same colour as its background)', 'nodes': nodes})
    return found


def assert_accessible(page: Page) -> None:
    """Fail with the list of violations when axe-core finds any WCAG A/AA problem on the page.

    The package injects axe through Playwright's evaluate (the DevTools protocol), which the
    page's Content-Security-Policy does not govern, so no CSP bypass is needed.
    """
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response['violations'] + _invisible_text(results.response['incomplete'])
    if violations:
        pytest.fail(format_violations(page.url, violations), pytrace=False)


class Visitor:
    """A browser tab that checks every page it lands on: axe-core, console errors, CSP reports."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.responses: list[Response] = []
        self._error_paths: set[str] = set()
        page.on('console', self._on_console)
        page.on('pageerror', lambda error: self.console_errors.append(f'uncaught: {error}'))
        page.on('response', self._on_response)

    def _on_response(self, response: Response) -> None:
        self.responses.append(response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != 'error':
            return
        # Chromium logs every 4xx/5xx document it loads; an error page we asked for is not a fault.
        url = message.location.get('url', '')
        if message.text.startswith('Failed to load resource') and urlsplit(url).path in self._error_paths:
            return
        self.console_errors.append(f'{message.text} ({url})')

    def goto(self, path: str, status: int = 200) -> Response:
        """Open `path`, expect `status`, then check the page."""
        self.responses.clear()
        if status >= 400:
            self._error_paths.add(urlsplit(path).path)
        response = self.page.goto(path)
        assert response is not None
        assert response.status == status, f'{path} answered {response.status}, expected {status}'
        self.check()
        return response

    def follow(self, link: Locator, key: str | None = None) -> None:
        """Click `link` (or press `key` on it), wait for the next page, then check it."""
        self.responses.clear()
        with self.page.expect_navigation():
            if key:
                link.press(key)
            else:
                link.click()
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state('load')
        assert_accessible(self.page)
        assert not self.console_errors, 'console errors:\n' + '\n'.join(self.console_errors)

    @property
    def lang(self) -> str | None:
        return self.page.locator('html').get_attribute('lang')

    def focused(self) -> dict:
        """The element that has keyboard focus: its tag, id, class, href and text."""
        return self.page.evaluate(
            '() => { const el = document.activeElement; return {tag: el.tagName.toLowerCase(), id: el.id, '
            'cls: el.className, href: el.getAttribute("href"), text: el.textContent.trim()}; }')

    def reload(self) -> None:
        """Load the same page again, as a person pressing F5 does, then check it."""
        self.responses.clear()
        response = self.page.reload()
        assert response is not None
        assert response.status == 200, f'reloading {self.page.url} answered {response.status}'
        self.check()

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path


# --- Journeys: what several people do on the live server, and the mail it sends them ---------------------

#: the visible texts the journeys type into and click, in both languages of the portal
SIGN_IN_TEXT = {
    'nl': {'email': 'E-mailadres', 'password': 'Wachtwoord', 'button': 'Inloggen'},
    'en': {'email': 'Email address', 'password': 'Password', 'button': 'Sign in'},
}
SIGNED_IN = {'nl': 'U bent ingelogd.', 'en': 'You are signed in.'}
_URL = re.compile(r'https?://\S+')


def switch_language(visitor: Visitor, lang: str) -> None:
    """Click the other language in the header, as a visitor who reads English (or Dutch) would."""
    if visitor.lang == lang:
        return
    name = {'nl': 'Nederlands', 'en': 'English'}[lang]
    visitor.follow(visitor.page.locator('header').get_by_role('link', name=name, exact=True))
    assert visitor.lang == lang


def sign_in(visitor: Visitor, email: str, password: str, lang: str = 'nl') -> None:
    """Fill in the sign-in form and press its button; the caller checks where that led."""
    text = SIGN_IN_TEXT[lang]
    if visitor.path != '/inloggen':
        visitor.goto('/inloggen')
    page = visitor.page
    page.get_by_label(text['email'], exact=True).fill(email)
    page.get_by_label(text['password'], exact=True).fill(password)
    visitor.follow(page.locator('main').get_by_role('button', name=text['button'], exact=True))


def sign_out(visitor: Visitor, lang: str = 'nl') -> None:
    name = {'nl': 'Uitloggen', 'en': 'Sign out'}[lang]
    visitor.follow(visitor.page.locator('header').get_by_role('button', name=name, exact=True))
    assert visitor.page.locator('header').get_by_role('link', name=SIGN_IN_TEXT[lang]['button']).is_visible()


def flash_texts(visitor: Visitor) -> list[str]:
    """The messages the portal shows at the top of the page (after saving, signing in, ...)."""
    return [text.strip() for text in visitor.page.locator('.kk-flashes .utrecht-alert').all_inner_texts()]


def create_user(app: Flask, email: str, password: str, *, name: str, locale: str = 'nl',
                staff_region: str | None = None, verified: bool = True, member_of: str | None = None) -> int:
    """A person a journey is not about making, stored directly in the live server's database.

    `member_of`: the KvK number of an organisation they work for, as a member (not its owner).
    """
    with app.app_context():
        user = User(email=email, name=name, password_hash=hash_password(password), locale=locale,
                    email_verified_at=utcnow() if verified else None)
        if staff_region is not None:
            user.staff_role = StaffRole(region=Region.by_slug(staff_region), kind=StaffKind.ACCOUNTMANAGER)
        if member_of is not None:
            organisation = Organisation.by_kvk(member_of)
            assert organisation is not None, f'no organisation with KvK number {member_of}'
            user.memberships.append(Membership(organisation=organisation, role=MemberRole.MEMBER))
        db.session.add(user)
        db.session.commit()
        return user.id


def user_state(app: Flask, email: str) -> User:
    """A detached copy of the user's row as the live server has stored it now."""
    with app.app_context():
        user = User.by_email(email)
        assert user is not None, f'no account for {email}'
        db.session.expunge(user)
        return user


@dataclass
class Mail:
    recipient: str
    subject: str
    body: str
    locale: str
    template: str

    def link(self, path_start: str) -> str:
        return link_in(self.body, path_start)


def mails_to(app: Flask, recipient: str, template: str | None = None) -> list[Mail]:
    """The mail queued in the live server's outbox for `recipient`, oldest first."""
    query = select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id)
    if template is not None:
        query = query.where(OutboxMessage.template == template)
    with app.app_context():
        return [Mail(m.recipient, m.subject, m.body_text, m.locale, m.template) for m in db.session.scalars(query)]


def last_mail_to(app: Flask, recipient: str, template: str) -> Mail:
    found = mails_to(app, recipient, template)
    assert found, f'no {template} mail was queued for {recipient}'
    return found[-1]


def read_in_mailbox(visitor: Visitor, recipient: str, subject: str) -> str:
    """Open the development mailbox, click the newest mail to `recipient` with `subject`, return its text."""
    visitor.goto('/dev/mailbox/')
    row = visitor.page.locator('tbody tr').filter(has_text=recipient).filter(
        has=visitor.page.get_by_role('link', name=subject, exact=True)).first
    visitor.follow(row.get_by_role('link', name=subject, exact=True))
    assert visitor.page.locator('main h1').inner_text() == subject
    return visitor.page.locator('pre.kk-mail-body').inner_text()


def link_in(text: str, path_start: str) -> str:
    """The one link in a mail's text whose path starts with `path_start`, as a person would copy it."""
    links = [url for url in _URL.findall(text) if urlsplit(url).path.startswith(path_start)]
    assert len(links) == 1, f'expected one {path_start} link in the mail, found {links} in:\n{text}'
    return links[0]


TWO_STEP_TEXT = {
    'nl': {'setup_code': 'Code uit de app', 'turn_on': 'Inloggen in twee stappen aanzetten',
           'saved': 'Ik heb de codes bewaard: verder', 'code': 'Code', 'button': 'Inloggen'},
    'en': {'setup_code': 'Code from the app', 'turn_on': 'Turn on two-step sign-in',
           'saved': 'I have saved the codes: continue', 'code': 'Code', 'button': 'Sign in'},
}


def enrol_two_step(visitor: Visitor, lang: str = 'nl') -> tuple[str, list[str]]:
    """On the set-up page: read the key the page shows, type the app's code, and note the recovery codes.

    Returns the secret (as an authenticator app would store it) and the recovery codes.
    """
    text = TWO_STEP_TEXT[lang]
    page = visitor.page
    shown = page.locator('code.kk-secret').inner_text().strip()
    assert re.fullmatch(r'([A-Z2-7]{4} )*[A-Z2-7]{1,4}', shown), f'the key is not shown in groups of four: {shown!r}'
    secret = shown.replace(' ', '')
    page.get_by_label(text['setup_code'], exact=True).fill(pyotp.TOTP(secret).now())
    visitor.follow(page.locator('main').get_by_role('button', name=text['turn_on'], exact=True))
    codes = page.locator('ul.kk-recovery-codes code').all_inner_texts()
    assert len(codes) == 10, f'expected ten recovery codes, the page shows {codes}'
    return secret, codes


def enter_second_step(visitor: Visitor, code: str, lang: str = 'nl') -> None:
    """On the two-step sign-in page: type a code from the app (or a recovery code) and sign in."""
    text = TWO_STEP_TEXT[lang]
    assert visitor.path == '/inloggen/tweestaps', f'expected the second step, got {visitor.page.url}'
    visitor.page.get_by_label(text['code'], exact=True).fill(code)
    visitor.follow(visitor.page.locator('main').get_by_role('button', name=text['button'], exact=True))


def sign_in_as_staff(visitor: Visitor, app: Flask, email: str, password: str, lang: str = 'nl') -> None:
    """Sign a staff member in, through two-step sign-in when their account or the settings ask for it."""
    sign_in(visitor, email, password, lang)
    if visitor.path == '/inloggen/tweestaps':
        enter_second_step(visitor, pyotp.TOTP(user_state(app, email).totp_secret).now(), lang)
    if visitor.path == '/tweestaps/instellen':  # REQUIRE_STAFF_TWO_STEP: staff pages wait for enrolment
        enrol_two_step(visitor, lang)
        visitor.follow(visitor.page.get_by_role('link', name=TWO_STEP_TEXT[lang]['saved'], exact=True))
    assert visitor.path.startswith('/medewerkers/'), f'staff should land on their pages, not {visitor.page.url}'


# --- Occupation and skill pickers: a combobox with JavaScript (js/picker.js), a native select without ------

def _is_select(field: Locator) -> bool:
    return field.evaluate('el => el.tagName') == 'SELECT'


def _option_named(label: str) -> re.Pattern:
    # An option's name is its label followed by its hint ("Orderpicker ISCO 9333").
    return re.compile(rf'^{re.escape(label)}(\s|$)')


def _choose_in_combobox(box: Locator, label: str) -> None:
    """Type the label into the combobox and click the suggestion with that name, as a person would."""
    box.fill(label)
    listbox = box.page.locator(f'[id="{box.get_attribute("aria-controls")}"]')
    listbox.get_by_role('option', name=_option_named(label)).click()


def choose_occupation(scope: Page | Locator, field_label: str, occupation: str) -> None:
    """Choose `occupation` in the occupation picker labelled `field_label` within `scope` (a page or a group).

    A single native select has the role combobox too, so one locator finds either form of the picker.
    """
    box = scope.get_by_role('combobox', name=field_label, exact=True)
    if _is_select(box):
        box.select_option(label=occupation)
        return
    _choose_in_combobox(box, occupation)
    assert box.input_value() == occupation, f'{field_label} shows {box.input_value()!r}, not {occupation!r}'


def choose_skills(scope: Page | Locator, field_label: str, skills: list[str]) -> None:
    """Choose `skills` in the skills picker whose label starts with `field_label` (it ends in "(optional)")."""
    box = scope.get_by_role('combobox', name=field_label)
    if not box.count():  # without JavaScript: a <select multiple>, whose role is listbox
        scope.get_by_role('listbox', name=field_label).select_option(label=skills)
        return
    for skill in skills:
        _choose_in_combobox(box, skill)
    chosen = box.locator('xpath=ancestor::*[@data-picker-for][1]').locator('.kk-picker__chosen-item').all_inner_texts()
    for skill in skills:
        assert any(text.startswith(skill) for text in chosen), f'{skill} is not among the chosen {chosen}'


def picker_value(scope: Page | Locator, field_label: str) -> str:
    """What the occupation picker shows as chosen: the combobox's text, or the native select's chosen option."""
    box = scope.get_by_role('combobox', name=field_label, exact=True)
    if _is_select(box):
        return box.locator('option:checked').inner_text().strip()
    return box.input_value()


# --- Caseload and matching: texts as the live server says them, the menu, the audit trail, test data ----------

def say(app: Flask, msgid: str, lang: str = 'nl', **params) -> str:
    """`msgid` as the live server renders it in `lang`: the catalogue's translation, or the English msgid while
    the catalogue has none yet (as a person reading the page would see it)."""
    with app.test_request_context(), force_locale(lang):
        return gettext(msgid, **params)


def open_in_menu(visitor: Visitor, path: str) -> None:
    """Follow the main menu's link to `path` as a person would; open it directly while the menu has none yet."""
    link = visitor.page.locator('nav.kk-nav').locator(f'a[href="{path}"]')
    if link.count():
        visitor.follow(link.first)
    else:
        visitor.goto(path)
    assert visitor.path == path, f'expected {path}, got {visitor.page.url}'


def audit_rows(app: Flask, action: str, obj_type: str, obj_id: int) -> list[AuditEvent]:
    """The audit trail of one object for `action`, oldest first, detached from the session."""
    with app.app_context():
        rows = list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.object_type == obj_type,
            AuditEvent.object_id == str(obj_id)).order_by(AuditEvent.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


@dataclass
class PublishedNeed:
    """A published staffing need and one job seeker who fits it well, made for a journey."""

    need_id: int
    need_title: str
    candidate_id: int
    code: str
    first_name: str
    reference: str


def publish_need_with_job_seeker(app: Flask, *, employer_email: str, staff_email: str, kvk: str,
                                 run: str) -> PublishedNeed:
    """Through the app's own operations: the employer submits a need for a tank truck driver in Hardenberg,
    staff approve it, and staff add a job seeker who has the needed certificates, lives nearby and consents
    to be proposed. The certificates are rare in the demo caseload, so this job seeker ranks first.
    """
    with app.test_request_context():
        employer, staff = User.by_email(employer_email), User.by_email(staff_email)
        organisation = Organisation.by_kvk(kvk)
        day = today()
        hardenberg = db.session.scalar(select(Municipality).where(Municipality.name == 'Hardenberg'))
        occupation = db.session.scalar(select(Occupation).where(Occupation.label_nl == 'Chauffeur tankwagen'))
        skills = list(db.session.scalars(select(Skill).where(
            Skill.label_nl.in_(['ADR-certificaat gevaarlijke stoffen', 'VCA VOL'])).order_by(Skill.id)))
        assert occupation is not None, 'the taxonomy has no tank truck driver'
        assert len(skills) == 2, 'the taxonomy lacks the ADR or VCA certificate'
        day_parts = ['weekday_morning', 'weekday_afternoon']
        need = create_need(
            employer, organisation, submit=True, title=f'Tankwagenchauffeur {run}', occupation_id=occupation.id,
            positions=1, hours_min=32, hours_max=38, contract_type='permanent', municipality_id=hardenberg.id,
            postcode='7772 AB', day_parts=day_parts, language_level='b1', start_on=day, horizon='now',
            open_to_wage_subsidy=True, open_to_job_coach=True, ends_on=day + timedelta(days=120),
            required_skill_ids=[skill.id for skill in skills])
        moderation.approve(staff, need)
        candidate = create_candidate(
            staff, Region.by_slug('vechtdal'), municipality_id=hardenberg.id, postcode_area='7772',
            first_name='Wietske', reference=f'E2E-{run}', education_level='mbo2', has_driving_licence=True,
            hours_min=32, hours_max=38, max_travel_km=25, available_from=day, day_parts=day_parts,
            support_needs=[], target_groups=['participatiewet'], loonwaarde=60, accountmanager_id=staff.id,
            notes=None, skills=[(skill.id, 'expert') for skill in skills], experience=[(occupation.id, 4)],
            languages=[('nl', 'native')])
        record_consent(staff, candidate, scope='proposals', given_on=day)
        db.session.commit()
        return PublishedNeed(need.id, need.title, candidate.id, candidate.code, candidate.first_name,
                             candidate.reference)


def sent_proposal(app: Flask, found: PublishedNeed, *, staff_email: str, motivation: str) -> int:
    """A proposal of the job seeker for the need, made and sent by staff through the operations; its id."""
    with app.test_request_context():
        staff = User.by_email(staff_email)
        proposal = proposals.create_proposal(staff, db.session.get(StaffingNeed, found.need_id),
                                             db.session.get(Candidate, found.candidate_id), motivation=motivation)
        proposals.send_proposal(staff, proposal)
        db.session.commit()
        return proposal.id


# --- Activities, networks and buddies: the live server's rows, a clock moved on, calendars ------------------

def make_job_seeker(app: Flask, *, staff_email: str, first_name: str, reference: str) -> tuple[int, str]:
    """A job seeker of Vechtdal who consents to activities, added by `staff_email` (their accountmanager) through
    the caseload's operations; their id and code."""
    with app.test_request_context():
        staff, day = User.by_email(staff_email), today()
        ommen = db.session.scalar(select(Municipality).where(Municipality.name == 'Ommen'))
        candidate = create_candidate(
            staff, Region.by_slug('vechtdal'), municipality_id=ommen.id, postcode_area='7731', first_name=first_name,
            reference=reference, education_level='mbo2', has_driving_licence=False, hours_min=24, hours_max=32,
            max_travel_km=20, available_from=day, day_parts=['weekday_morning'], support_needs=[],
            target_groups=['participatiewet'], loonwaarde=70, accountmanager_id=staff.id, notes=None)
        record_consent(staff, candidate, scope='activities', given_on=day)
        db.session.commit()
        return candidate.id, candidate.code


def fill_seats(app: Flask, slot_id: int, count: int, *, staff_email: str) -> list[int]:
    """People a journey is not about: `staff_email` registers `count` consenting job seekers of the demo caseload
    for the date, through the registration operation; their registrations' ids."""
    with app.test_request_context():
        staff, slot = User.by_email(staff_email), db.session.get(ActivitySlot, slot_id)
        taken = {r.candidate_id for r in slot.registrations}
        demo = [c for c in db.session.scalars(select(Candidate).where(
                    Candidate.region_id == slot.activity.region_id, Candidate.status == CandidateStatus.ACTIVE,
                    Candidate.anonymised_at.is_(None)).order_by(Candidate.id))
                if c.has_consent(ConsentScope.ACTIVITIES) and c.id not in taken
                and not (c.reference or '').startswith('E2E')]
        made = [registrations.register_candidate(staff, slot, candidate).id for candidate in demo[:count]]
        db.session.commit()
        return made


def move_slot_into_the_past(app: Flask, slot_id: int) -> None:
    """As a clock would: the date began three hours ago and ended an hour ago (registration closed the day before)."""
    with app.app_context():
        slot, now = db.session.get(ActivitySlot, slot_id), utcnow()
        slot.starts_at, slot.ends_at = now - timedelta(hours=3), now - timedelta(hours=1)
        slot.registration_closes_at = now - timedelta(hours=27)
        db.session.commit()


def move_meeting_into_the_past(app: Flask, pairing_id: int) -> None:
    """As a clock would: the buddy's meeting took place a few minutes ago (and after the pairing was made)."""
    with app.app_context():
        pairing = db.session.get(BuddyPairing, pairing_id)
        pairing.meeting_at = max(pairing.created_at, utcnow() - timedelta(minutes=5))
        db.session.commit()


def registration_states(app: Flask, slot_id: int) -> dict[int, RegistrationState]:
    """Each job seeker's (by candidate id) or user's (by negative user id) latest registration state on the date."""
    with app.app_context():
        rows = db.session.scalars(select(Registration).where(Registration.slot_id == slot_id).order_by(Registration.id))
        return {(r.candidate_id if r.candidate_id is not None else -r.user_id): r.state for r in rows}


def registration_id(app: Flask, slot_id: int, *, candidate_id: int | None = None, email: str | None = None) -> int:
    """The latest registration of a job seeker (or of the user with `email`) for the date."""
    with app.app_context():
        query = select(Registration.id).where(Registration.slot_id == slot_id).order_by(Registration.id.desc())
        if email is not None:
            query = query.where(Registration.user_id == User.by_email(email).id)
        else:
            query = query.where(Registration.candidate_id == candidate_id)
        found = db.session.scalar(query.limit(1))
        assert found is not None, f'no registration for slot {slot_id}'
        return found


def first_slot(app: Flask, activity_id: int) -> tuple[int, int]:
    """The ids of an activity's first two dates, in order of time (the second is 0 when it has one)."""
    with app.app_context():
        ids = list(db.session.scalars(select(ActivitySlot.id).where(ActivitySlot.activity_id == activity_id)
                                      .order_by(ActivitySlot.starts_at)))
        return ids[0], ids[1] if len(ids) > 1 else 0


def calendar_events(content: bytes | str) -> list:
    """The VEVENTs of an iCalendar file, which must parse (icalendar) and say it is version 2.0."""
    calendar = Calendar.from_ical(content)
    assert calendar.get('version') == '2.0', f'not an iCalendar 2.0 file: {calendar.get("version")}'
    return list(calendar.walk('VEVENT'))


def attached_calendar(app: Flask, recipient: str, template: str) -> list:
    """The events of the .ics invitation on the newest `template` mail to `recipient`."""
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage).where(
            OutboxMessage.recipient == recipient, OutboxMessage.template == template).order_by(OutboxMessage.id.desc())
            .limit(1))
        assert message is not None, f'no {template} mail was queued for {recipient}'
        files = [a for a in message.attachments or [] if a['filename'].endswith('.ics')]
        assert len(files) == 1, f'the {template} mail carries {len(files)} .ics files'
        return calendar_events(files[0]['content'])


def open_in_review_queue(staff: Visitor, title: str) -> None:
    """From the review queue (oldest first, so `title` may be on a later page), open `title`'s review page."""
    page = staff.page
    open_in_menu(staff, '/medewerkers/beoordelen/')
    while True:
        link = page.locator('main tbody').get_by_role('link', name=title, exact=True)
        if link.count():
            staff.follow(link)
            return
        later = page.locator('main a[rel=next]')
        assert later.count(), f'“{title}” is not in the review queue'
        staff.follow(later.first)


def detached(app: Flask, model, object_id: int):
    """A detached copy of a row as the live server has stored it now."""
    with app.app_context():
        found = db.session.get(model, object_id)
        assert found is not None, f'no {model.__name__} {object_id}'
        db.session.expunge(found)
        return found


def user_id(app: Flask, email: str) -> int:
    with app.app_context():
        return User.by_email(email).id


def label_starting(text: str) -> re.Pattern:
    """A label that begins with `text` (an optional field's label adds “(optional)”)."""
    return re.compile('^' + re.escape(text))


def meeting_to_join(app: Flask, email: str) -> tuple[int, int, str]:
    """The first coming Vechtdalkamer meeting `email` is not registered for: its id, its date's id, its title."""
    with app.app_context():
        user, now = User.by_email(email), utcnow()
        slots = db.session.scalars(select(ActivitySlot).join(Activity).where(
            Activity.kind == ActivityKind.NETWORK_MEETING, Activity.state == PostingState.PUBLISHED,
            Activity.title.startswith('Vechtdalkamer'), ActivitySlot.registration_closes_at > now)
            .order_by(ActivitySlot.starts_at))
        slot = next((s for s in slots if not any(r.user_id == user.id and r.state in LIVE_STATES
                                                 for r in s.registrations)), None)
        assert slot is not None, f'the demo has no coming Vechtdalkamer meeting that {email} can still join'
        return slot.activity_id, slot.id, slot.activity.title


def tab_to(visitor: Visitor, selector: str, presses: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus, which must be shown."""
    page = visitor.page
    for _ in range(presses):
        page.keyboard.press('Tab')
        if page.evaluate('selector => document.activeElement.matches(selector)', selector):
            assert page.evaluate('document.activeElement.matches(":focus-visible")'), f'{selector}: focus not shown'
            return
    raise AssertionError(f'Tab never reached {selector} on {visitor.path}')


#: the focused element and whether its focus is drawn (date and time fields take focus in their parts)
_FOCUSED = """() => { const el = document.activeElement; const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 40),
          shown: el.matches(':focus-visible')
                 || (['date', 'time', 'datetime-local'].includes(el.type) && el.matches(':focus-within')),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth), area: box.width * box.height}; }"""


def focus_problems(visitor: Visitor, path: str, limit: int = 400) -> list[str]:
    """Tab through `path` from the top until the focus leaves the page or comes round: each stop whose focus is not
    drawn (no outline of at least 2 px), and a page that keeps the focus (a keyboard trap)."""
    visitor.goto(path)
    problems, first = [], None
    for _ in range(limit):
        visitor.page.keyboard.press('Tab')
        focused = visitor.page.evaluate(_FOCUSED)
        key = (focused['tag'], focused['id'], focused['text'])
        if focused['tag'] == 'body' or key == first:
            return problems
        first = first or key
        if not focused['shown'] or focused['outline'] == 'none' or focused['width'] < 2 or not focused['area']:
            problems.append(f'{path}: focus on {focused} is not drawn')
    return [*problems, f'{path}: {limit} tab stops and still not through the page (a keyboard trap?)']


def follow_up_falls_due(app: Flask, proposal_id: int, *, month: int) -> None:
    """Let time pass for one follow-up: its day comes today, as it would `month` months after the first working day."""
    with app.app_context():
        follow_up = db.session.scalar(select(FollowUp).where(FollowUp.proposal_id == proposal_id,
                                                             FollowUp.month == month))
        assert follow_up is not None, f'no {month}-month follow-up planned for proposal {proposal_id}'
        follow_up.due_on = today()
        db.session.commit()
