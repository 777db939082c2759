"""Demo caseload for `flask seed-demo`: postcode areas, a few hundred fictional job seekers in each demo region,
and proposals in every state (portal/core/demo_proposals.py), with the audit trail the operations write.

Rows are made directly, dated in the past and without mail, like the demand seeder's. One fixed seed
gives the same caseload on every machine. A region that has any candidate is left alone, so running it
again (or after staff entered their own) adds nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import exists, select

from portal.core import demo_proposals, demo_year
from portal.core.dbtypes import TIMEZONE, today, utcnow
from portal.core.demo import seeder
from portal.core.demo_demand import DAY_PARTS
from portal.data import demo_caseload as data
from portal.data.postcode_areas import DEMO_FILE, load_demo_areas, parse
from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.caseload import (
    CODE_ALPHABET,
    Candidate,
    CandidateConsent,
    CandidateExperience,
    CandidateLanguage,
    CandidateSkill,
    CandidateStatus,
    CefrLevel,
    ConsentScope,
    EducationLevel,
    SkillLevel,
    SupportNeed,
    TargetGroup,
)
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

#: what becomes of each job seeker besides being in the matching pool (weights out of 100)
FATES = {'pool': 78, 'stale': 10, 'paused': 3, 'left': 3, 'no_consent': 3, 'withdrawn': 2, 'incomplete': 1}
EDUCATION = {'primary': 8, 'vmbo': 30, 'mbo2': 30, 'mbo3': 14, 'mbo4': 7, 'havo_vwo': 5, 'hbo': 5, 'wo': 1}
DUTCH = {'native': 45, 'b2': 14, 'b1': 20, 'a2': 16, 'a1': 5}
SKILL_LEVELS = {'basic': 25, 'good': 55, 'expert': 20}
TRAVEL_KM = {'vechtdal': (10, 15, 20, 25, 30, 40), 'drechtsteden': (5, 10, 10, 15, 20, 25)}
LEAVE_REASONS = ('moved', 'benefit_ended', 'other')


@dataclass
class Caseload:
    """What the seeder knows while it fills one region."""

    region: Region
    rng: random.Random
    now: datetime
    today: date
    municipalities: dict[str, Municipality]
    areas: dict[str, list[str]]
    staff: list[User]
    staff_weights: list[int]
    skills: dict[str, Skill]
    occupations: dict[str, Occupation]
    codes: set[str]
    candidates: list[Candidate] = field(default_factory=list)
    #: candidate id → what becomes of them (see FATES)
    fates: dict[int, str] = field(default_factory=dict)
    #: audit rows to add once every date is final: (action, actor, candidate, when, details)
    events: list[tuple[str, User | None, Candidate, datetime, dict[str, Any]]] = field(default_factory=list)

    def pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def moment(self, day: date, hour: int | None = None) -> datetime:
        """A moment in office hours (Dutch time) on `day`, never later than now."""
        hour = hour if hour is not None else self.rng.randint(8, 16)
        local = datetime.combine(day, time(hour, self.rng.randrange(0, 60, 5)), tzinfo=TIMEZONE)
        return min(local.astimezone(self.now.tzinfo), self.now - timedelta(minutes=5))

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)


def _code(caseload: Caseload) -> str:
    """A pseudonym like KB-7H3M-Q9 from the seeded generator (Candidate.new_code would differ on every run)."""
    while True:
        raw = ''.join(caseload.rng.choice(CODE_ALPHABET) for _ in range(6))
        code = f'KB-{raw[:4]}-{raw[4:]}'
        if code not in caseload.codes:
            caseload.codes.add(code)
            return code


def _reference(caseload: Caseload, cbs_code: str, created: date, taken: set[str]) -> str:
    """The person's number in the municipality's own (made-up) system, e.g. HDB-2026-0412: never nine digits."""
    while True:
        reference = f'{data.REFERENCE_PREFIX[cbs_code]}-{created.year}-{caseload.rng.randint(1, 9999):04d}'
        if reference not in taken:
            taken.add(reference)
            return reference


def _skills(caseload: Caseload, background: data.Background, has_licence: bool) -> list[CandidateSkill]:
    rng = caseload.rng
    labels = list(background.core)
    labels += rng.sample(background.skills, k=min(len(background.skills), rng.randint(2, 5)))
    labels += rng.sample(data.GENERAL_SKILLS, k=rng.randint(1, 2))
    if has_licence:
        labels.append(data.B)
    return [CandidateSkill(skill=caseload.skills[label], level=SkillLevel(caseload.pick(SKILL_LEVELS)))
            for label in dict.fromkeys(labels)]


def _languages(caseload: Caseload, fate: str) -> list[CandidateLanguage]:
    rng = caseload.rng
    rows = [] if fate == 'incomplete' else [CandidateLanguage(language='nl', level=CefrLevel(caseload.pick(DUTCH)))]
    if rng.random() < 0.4:
        language = caseload.pick(data.OTHER_LANGUAGES)
        level = CefrLevel.NATIVE if language != 'en' else CefrLevel(rng.choice(('a2', 'b1', 'b2')))
        rows.append(CandidateLanguage(language=language, level=level))
    return rows


def _support(caseload: Caseload, hours_max: int) -> tuple[list[str], list[str], int | None]:
    """Support needed, target groups and an estimated loonwaarde (for about 30%)."""
    rng = caseload.rng
    loonwaarde = rng.choice(range(35, 95, 5)) if rng.random() < 0.3 else None
    registered = rng.random() < (0.5 if loonwaarde is not None else 0.06)
    support = []
    if rng.random() < (0.35 if registered else 0.06):
        support.append(SupportNeed.JOB_COACH.value)
    if rng.random() < (0.2 if registered else 0.03):
        support.append(SupportNeed.ADAPTED_WORK.value)
    if hours_max <= 24 and rng.random() < 0.25:
        support.append(SupportNeed.PART_TIME.value)
    if loonwaarde is not None and loonwaarde < 70 and rng.random() < 0.5:
        support.append(SupportNeed.WAGE_SUBSIDY.value)
    groups = [TargetGroup.NUGGER.value] if rng.random() < 0.08 else [TargetGroup.PARTICIPATIEWET.value]
    if registered:
        groups.append(TargetGroup.DOELGROEPREGISTER.value)
    return support, groups, loonwaarde


def _candidate(caseload: Caseload, fate: str, references: set[str]) -> Candidate:
    rng = caseload.rng
    background = data.BACKGROUNDS[caseload.pick(data.REGION_BACKGROUNDS[caseload.region.slug])]
    cbs_code = caseload.pick(data.REGIONS[caseload.region.slug][1])
    confirmed_ago = rng.randint(60, 160) if fate == 'stale' else rng.randint(0, 50)
    created = caseload.days_ago(rng.randint(max(confirmed_ago, 20), 700))
    hours_max = rng.choice(background.hours)
    has_licence = data.B in background.core or rng.random() < 0.45
    support, groups, loonwaarde = _support(caseload, hours_max)
    available = (caseload.days_ago(rng.randint(0, 60)) if rng.random() < 0.7
                 else caseload.today + timedelta(days=rng.randint(7, 60)))
    manager = rng.choices(caseload.staff, weights=caseload.staff_weights)[0]
    candidate = Candidate(
        region_id=caseload.region.id, municipality=caseload.municipalities[cbs_code], code=_code(caseload),
        first_name=rng.choice(data.FIRST_NAMES), reference=_reference(caseload, cbs_code, created, references),
        postcode_area=rng.choice(caseload.areas[cbs_code]), education_level=EducationLevel(caseload.pick(EDUCATION)),
        has_driving_licence=has_licence, hours_min=max(4, hours_max - rng.choice((0, 4, 8, 12))), hours_max=hours_max,
        max_travel_km=rng.choice(TRAVEL_KM[caseload.region.slug]), available_from=max(available, created),
        day_parts=[] if fate == 'incomplete' else [DAY_PARTS[c].value for c in rng.choice(background.days)],
        support_needs=support, target_groups=groups, loonwaarde=loonwaarde, accountmanager=manager,
        notes=rng.choice(data.NOTES) if rng.random() < 0.4 else None, status=CandidateStatus.ACTIVE,
        availability_confirmed_on=caseload.days_ago(confirmed_ago), availability_confirmed_by_id=manager.id,
        created_by_id=manager.id, created_at=caseload.moment(created), updated_at=caseload.moment(created))
    candidate.skill_links = _skills(caseload, background, has_licence)
    if rng.random() < 0.75:
        for occupation in rng.sample(background.occupations, k=min(len(background.occupations), rng.randint(1, 2))):
            candidate.experience.append(CandidateExperience(occupation=caseload.occupations[occupation],
                                                            years=rng.choice((0, 1, 1, 2, 3, 4, 6, 10))))
    candidate.languages = _languages(caseload, fate)
    scopes = [] if fate == 'no_consent' else [ConsentScope.PROPOSALS]
    if rng.random() < 0.5:
        scopes.append(ConsentScope.ACTIVITIES)
    for scope in scopes:
        candidate.consents.append(CandidateConsent(scope=scope, given_on=created, recorded_at=candidate.created_at,
                                                   recorded_by_id=manager.id))
    return candidate


def _fates(caseload: Caseload, count: int) -> list[str]:
    fates = [fate for fate, weight in FATES.items() for _ in range(round(count * weight / 100))]
    fates += ['pool'] * (count - len(fates))
    caseload.rng.shuffle(fates)
    return fates[:count]


def _after_stories(caseload: Caseload, candidate: Candidate, fate: str) -> None:
    """What happened to the profile apart from proposals: a pause, leaving, a withdrawn consent."""
    rng, manager = caseload.rng, candidate.accountmanager
    if fate == 'paused':
        candidate.status = CandidateStatus.PAUSED
        caseload.events.append(('candidate.paused', manager, candidate,
                                caseload.moment(caseload.days_ago(rng.randint(3, 40))), {}))
    elif fate == 'left':
        reason = rng.choice(LEAVE_REASONS)
        candidate.status, candidate.left_reason = CandidateStatus.LEFT, reason
        candidate.left_at = caseload.moment(caseload.days_ago(rng.randint(5, 60)))
        caseload.events.append(('candidate.left', manager, candidate, candidate.left_at, {'reason': reason}))
    elif fate == 'withdrawn':
        consent = next(c for c in candidate.consents if c.scope == ConsentScope.PROPOSALS)
        consent.withdrawn_at = caseload.moment(caseload.days_ago(rng.randint(5, 40)))
        consent.withdrawn_by_id = manager.id
        caseload.events.append(('candidate.consent_withdrawn', manager, candidate, consent.withdrawn_at,
                                {'consent_id': consent.id, 'scope': consent.scope.value}))


def _audit(caseload: Caseload) -> None:
    """The candidates' audit trail as the caseload operations write it, dated when it happened."""
    rows = []
    for candidate in caseload.candidates:
        manager = candidate.accountmanager
        rows.append(('candidate.created', manager, candidate, candidate.created_at, {}))
        rows += [('candidate.consent_recorded', manager, candidate, consent.recorded_at,
                  {'consent_id': consent.id, 'scope': consent.scope.value}) for consent in candidate.consents]
    for action, actor, candidate, when, details in rows + caseload.events:
        candidate.updated_at = max(candidate.updated_at, when)
        db.session.add(AuditEvent(actor_id=actor.id if actor else None, actor_kind='user' if actor else 'system',
                                  action=action, object_type='Candidate', object_id=str(candidate.id),
                                  region_id=candidate.region_id, details=details, occurred_at=when))


def _lookups(region: Region, rng: random.Random, now: datetime) -> Caseload | None:
    _, shares, staff_shares = data.REGIONS[region.slug]
    staff = [(User.by_email(email), weight) for email, weight in staff_shares.items()]
    staff = [(user, weight) for user, weight in staff if user is not None and user.staff_region_id == region.id]
    if not staff:
        return None  # the demo accounts are not there: nobody to keep a caseload
    municipalities = {m.cbs_code: m for m in region.municipalities if m.cbs_code in shares}
    areas: dict[str, list[str]] = {}
    for row in parse(DEMO_FILE.read_text(encoding='utf-8')).rows:
        areas.setdefault(row.cbs_code, []).append(row.code)
    return Caseload(
        region=region, rng=rng, now=now, today=today(now), municipalities=municipalities, areas=areas,
        staff=[user for user, _ in staff], staff_weights=[weight for _, weight in staff],
        skills={s.label_nl: s for s in db.session.scalars(select(Skill))},
        occupations={o.label_nl: o for o in db.session.scalars(select(Occupation))},
        codes=set(db.session.scalars(select(Candidate.code))))


def seed_region(region: Region, now: datetime) -> tuple[int, int, int]:
    """Fill one region: returns (job seekers, proposals, past needs) made."""
    caseload = _lookups(region, random.Random(f'{data.SEED}-{region.slug}'), now)  # noqa: S311 (demo data, not secrets)
    if caseload is None:
        return 0, 0, 0
    count = data.REGIONS[region.slug][0]
    references: set[str] = set()
    for fate in _fates(caseload, count):
        candidate = _candidate(caseload, fate, references)
        db.session.add(candidate)
        caseload.candidates.append(candidate)
        db.session.flush()
        caseload.fates[candidate.id] = fate
    pool = [c for c in caseload.candidates if caseload.fates[c.id] == 'pool']
    telling = demo_proposals.prepare(caseload, pool)
    proposals = demo_proposals.tell_stories(caseload, telling) + demo_year.tell_year_stories(caseload, telling)
    for candidate in caseload.candidates:
        _after_stories(caseload, candidate, caseload.fates[candidate.id])
    db.session.flush()
    _audit(caseload)
    db.session.flush()
    return len(caseload.candidates), proposals, telling.past_needs


@seeder
def seed_caseload() -> str:
    areas = load_demo_areas()
    now = utcnow()
    made = [0, 0, 0]
    for slug in data.REGIONS:
        region = Region.by_slug(slug)
        if region is None or db.session.scalar(select(exists().where(Candidate.region_id == region.id))):
            continue
        for index, count in enumerate(seed_region(region, now)):
            made[index] += count
    return (f'caseload: {areas.added} postcode areas added; {made[0]} job seekers, {made[1]} proposals and '
            f'{made[2]} past staffing needs created')
