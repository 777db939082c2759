"""Demo demand for `flask seed-demo`: more fictional employers, a network in each region, and dozens of
staffing needs and innovation plans in every state, with the reviews and audit trail that go with them.

The rows are made directly, as the demand and moderation operations would have left them, but dated in
the past (so the review queue, the lists and the outlook look like a real region) and without mail:
nobody should get approval mails for demo postings. Running it again adds nothing: organisations are
found by KvK number, users by email, networks by name, postings by organisation and title.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import select

from portal.core.dbtypes import utcnow
from portal.core.demo import seeder
from portal.core.demo_accounts import DEMO_PASSWORD
from portal.core.passwords import hash_password
from portal.data import demo_postings as data
from portal.data.taxonomy import load_taxonomy
from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.demand import (
    ContractType,
    DayPart,
    EffectDirection,
    Horizon,
    InnovationEffect,
    InnovationPlan,
    LanguageLevel,
    NeedSkill,
    PlanTheme,
    PlanVisibility,
    StaffingNeed,
)
from portal.models.moderation import PostingState, Review, ReviewState
from portal.models.network import Network, NetworkMembership
from portal.models.organisations import MemberRole, Membership, Organisation, OrganisationStatus, SizeClass
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

OPENNESS = {'S': 'open_to_wage_subsidy', 'C': 'open_to_job_coach', 'T': 'open_to_trial_placement',
            'L': 'open_to_learn_work', 'P': 'open_to_part_time', 'A': 'open_to_adapted_work'}
DAY_PARTS = {'m': DayPart.WEEKDAY_MORNING, 'a': DayPart.WEEKDAY_AFTERNOON, 'e': DayPart.WEEKDAY_EVENING,
             'n': DayPart.NIGHT, 'w': DayPart.WEEKEND}
#: the demo staff who decide in each region (made by demo_accounts, which runs first)
REVIEWERS = {'vechtdal': 'accountmanager@demo.kansenkamer.nl',
             'drechtsteden': 'accountmanager@drechtsteden.demo.kansenkamer.nl'}
DECIDED_AFTER = timedelta(days=2)
RUNS_FOR = timedelta(days=182)  # about six months, like a need's default end date

Posting = StaffingNeed | InnovationPlan


@dataclass
class Lookups:
    organisations: dict[str, Organisation]
    occupations: dict[str, Occupation]
    skills: dict[str, Skill]
    municipalities: dict[str, Municipality]
    reviewers: dict[int, User | None]
    now: datetime


# Organisations, their owners and the networks ------------------------------------------------------------

@cache
def _demo_password_hash() -> str:
    return hash_password(DEMO_PASSWORD)  # argon2 is slow on purpose: once is enough


def _owner(email: str, name: str) -> User:
    user = User.by_email(email)
    if user is None:
        user = User(email=email, name=name, password_hash=_demo_password_hash(), locale='nl',
                    email_verified_at=utcnow())
        db.session.add(user)
    return user


def _organisations(municipalities: dict[str, Municipality], reviewers: dict[int, User | None]) -> int:
    created = 0
    for kvk, name, cbs_code, section, sbi_code, size, postcode, email, owner_name in data.ORGANISATIONS:
        if Organisation.by_kvk(kvk) is not None:
            continue
        municipality = municipalities[cbs_code]
        reviewer = reviewers.get(municipality.region_id)
        organisation = Organisation(
            kvk_number=kvk, name=name, municipality=municipality, region_id=municipality.region_id,
            sbi_section=section, sbi_code=sbi_code, size_class=SizeClass(size), visiting_postcode=postcode,
            status=OrganisationStatus.VERIFIED, verified_at=utcnow(), decided_by_id=reviewer.id if reviewer else None)
        organisation.memberships.append(Membership(user=_owner(email, owner_name), role=MemberRole.OWNER))
        db.session.add(organisation)
        created += 1
    db.session.flush()
    return created


def _networks(organisations: dict[str, Organisation]) -> tuple[int, int]:
    networks = seats = 0
    for slug, name, chair, members in data.NETWORKS:
        region = Region.by_slug(slug)
        # a region has one network: one a coordinator started already is used as it is
        network = db.session.scalar(select(Network).where(Network.region_id == region.id).order_by(Network.id).limit(1))
        if network is None:
            network = Network(region=region, name=name, chair_organisation=organisations[chair])
            db.session.add(network)
            networks += 1
        seated = {membership.organisation_id for membership in network.members}
        for kvk in members:
            if organisations[kvk].id not in seated:
                network.members.append(NetworkMembership(organisation=organisations[kvk]))
                seats += 1
    db.session.flush()
    return networks, seats


# Moderation history ------------------------------------------------------------------------------------

def _event(verb: str, actor: User | None, posting: Posting, when: datetime, **details: Any) -> None:
    """The audit row the operation would have written, dated when it happened."""
    db.session.add(AuditEvent(
        actor_id=actor.id if actor else None, actor_kind='user' if actor else 'system',
        action=f'{posting.KIND.value}.{verb}', object_type=type(posting).__name__, object_id=str(posting.id),
        region_id=posting.region_id, details=details, occurred_at=when))


def _submit(posting: Posting, owner: User, when: datetime, *, revision: bool = False) -> Review:
    review = Review(posting_kind=posting.KIND, posting_id=posting.id, organisation_id=posting.organisation_id,
                    region_id=posting.region_id, submitted_by_id=owner.id, submitted_at=when, is_revision=revision,
                    snapshot=posting.snapshot())
    db.session.add(review)
    if not revision:
        posting.state = PostingState.PENDING
    posting.submitted_at = when
    db.session.flush()
    _event('submit', owner, posting, when, review_id=review.id, revision=revision)
    return review


def _decide(posting: Posting, review: Review, reviewer: User | None, when: datetime, state: ReviewState,
            reason: str | None = None) -> None:
    review.state, review.decided_at, review.reason = state, when, reason
    review.decided_by_id = reviewer.id if reviewer else None
    verb = {ReviewState.APPROVED: 'approve', ReviewState.CHANGES_REQUESTED: 'request_changes',
            ReviewState.REJECTED: 'reject'}[state]
    details = {'review_id': review.id, **({'reason': reason} if reason else {})}
    _event(verb, reviewer, posting, when, **details)


def _revise(posting: Posting, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(posting, name, Horizon(value) if name in ('horizon', 'timeframe') else value)
    db.session.flush()


def _moderate(posting: Posting, spec: dict[str, Any], owner: User, lookups: Lookups) -> None:
    """Take the posting through the steps that lead to the state the spec asks for."""
    state = spec['state']
    if state == 'draft':
        return
    submitted = lookups.now - timedelta(days=spec['age'])
    decided = submitted + DECIDED_AFTER
    reviewer = lookups.reviewers.get(posting.region_id)
    review = _submit(posting, owner, submitted)
    if state == 'pending':
        return
    if state == 'withdrawn':
        review.state, posting.state = ReviewState.CANCELLED, PostingState.WITHDRAWN
        _event('withdraw', owner, posting, submitted + timedelta(days=1))
        return
    if state in ('changes_requested', 'rejected'):
        decision = ReviewState.CHANGES_REQUESTED if state == 'changes_requested' else ReviewState.REJECTED
        _decide(posting, review, reviewer, decided, decision, spec['reason'])
        posting.state = PostingState(state)
        return
    _decide(posting, review, reviewer, decided, ReviewState.APPROVED)
    posting.state, posting.published_snapshot, posting.published_at = PostingState.PUBLISHED, review.snapshot, decided
    if state == 'filled':
        posting.state = PostingState.FILLED
        _event('fill', owner, posting, decided + timedelta(days=spec['age'] // 2), previous_state='published')
    elif state == 'expired':
        posting.state = PostingState.EXPIRED
        _event('expire', None, posting, datetime.combine(posting.ends_on + timedelta(days=1), datetime.min.time(),
                                                         tzinfo=lookups.now.tzinfo),
               previous_state='published', ends_on=posting.ends_on.isoformat())
    elif state == 'revision':
        _revise(posting, spec['revision'])
        _event('update', owner, posting, lookups.now - timedelta(days=2), material=True)
        _submit(posting, owner, lookups.now - timedelta(days=2, hours=-1), revision=True)
    db.session.flush()


# Needs and plans -------------------------------------------------------------------------------------

def _titles(model) -> set[tuple[int, str]]:
    return {(organisation_id, title) for organisation_id, title in
            db.session.execute(select(model.organisation_id, model.title))}


def _is_there(existing: set[tuple[int, str]], organisation: Organisation, spec: dict[str, Any]) -> bool:
    titles = {spec['title'], spec['revision'].get('title')}
    return any((organisation.id, title) in existing for title in titles)


def _end_date(spec: dict[str, Any], now: datetime) -> date:
    if spec['state'] == 'draft':
        return (now + RUNS_FOR).date()
    return (now - timedelta(days=spec['age']) + DECIDED_AFTER + RUNS_FOR).date()


def _needs(lookups: Lookups) -> int:
    existing, created = _titles(StaffingNeed), 0
    for spec in data.NEEDS:
        organisation = lookups.organisations[spec['kvk']]
        if _is_there(existing, organisation, spec):
            continue
        owner = organisation.owner
        made = lookups.now - timedelta(days=spec['age'] + 3)
        need = StaffingNeed(
            organisation=organisation, region_id=organisation.region_id, created_by=owner, title=spec['title'],
            occupation=lookups.occupations[spec['occupation']], positions=spec['positions'],
            hours_min=spec['hours'][0], hours_max=spec['hours'][1], contract_type=ContractType(spec['contract']),
            municipality=lookups.municipalities[spec['municipality']] if spec['municipality']
            else organisation.municipality,
            day_parts=[DAY_PARTS[code].value for code in spec['days']],
            language_level=LanguageLevel(spec['language']), horizon=Horizon(spec['horizon']),
            ends_on=_end_date(spec, lookups.now), state=PostingState.DRAFT, created_at=made, updated_at=made,
            **{OPENNESS[code]: True for code in spec['open']})
        need.skill_links = [NeedSkill(skill=lookups.skills[label], is_required=True) for label in spec['skills']] + \
            [NeedSkill(skill=lookups.skills[label], is_required=False) for label in spec['wished']]
        db.session.add(need)
        db.session.flush()
        _event('create', owner, need, made, title=need.title)
        _moderate(need, spec, owner, lookups)
        created += 1
    return created


def _plans(lookups: Lookups) -> int:
    existing, created = _titles(InnovationPlan), 0
    for spec in data.PLANS:
        organisation = lookups.organisations[spec['kvk']]
        if _is_there(existing, organisation, spec):
            continue
        owner = organisation.owner
        made = lookups.now - timedelta(days=spec['age'] + 5)
        plan = InnovationPlan(
            organisation=organisation, region_id=organisation.region_id, created_by=owner, title=spec['title'],
            theme=PlanTheme(spec['theme']), timeframe=Horizon(spec['timeframe']), description=spec['description'],
            visibility=PlanVisibility(spec['visibility']), state=PostingState.DRAFT, created_at=made, updated_at=made)
        for occupation, direction, headcount, by_when, skills, training in spec['effects']:
            plan.effects.append(InnovationEffect(
                occupation=lookups.occupations[occupation], direction=EffectDirection(direction), headcount=headcount,
                by_when=Horizon(by_when), training_need=training, skills=[lookups.skills[s] for s in skills]))
        db.session.add(plan)
        db.session.flush()
        _event('create', owner, plan, made, title=plan.title, effects=len(plan.effects))
        _moderate(plan, spec, owner, lookups)
        created += 1
    return created


@seeder
def seed_demand() -> str:
    occupations_added, skills_added = load_taxonomy(db.session.connection(), Occupation.__table__, Skill.__table__)
    municipalities = {m.cbs_code: m for m in db.session.scalars(select(Municipality))}
    reviewers = {}
    for slug, email in REVIEWERS.items():
        region = Region.by_slug(slug)
        if region is not None:
            reviewers[region.id] = User.by_email(email)
    organisations_added = _organisations(municipalities, reviewers)
    organisations = {o.kvk_number: o for o in db.session.scalars(
        select(Organisation).where(Organisation.kvk_number.like('991000__')))}
    networks_added, seats_added = _networks(organisations)
    lookups = Lookups(organisations=organisations, municipalities=municipalities, reviewers=reviewers, now=utcnow(),
                      occupations={o.label_nl: o for o in db.session.scalars(select(Occupation))},
                      skills={s.label_nl: s for s in db.session.scalars(select(Skill))})
    needs_added, plans_added = _needs(lookups), _plans(lookups)
    return (f'demand: {occupations_added} occupations and {skills_added} skills added to the list; '
            f'{organisations_added} organisations, {networks_added} networks with {seats_added} members, '
            f'{needs_added} staffing needs and {plans_added} innovation plans created')
