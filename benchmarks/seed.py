"""Fast bulk data for the benchmark: organisations in the demo regions, and needs, plans and reviews in state mixes.

Rows go in with Core executemany inserts in batches and explicit ids (so children can point at
their parents without reading ids back); PostgreSQL's sequences are moved past them at the end.
The published version of each posting is built here in the shape the models' snapshot() gives
(tests/benchmarks checks that it still is).
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, insert, select

from portal.core.demo import seed_regions
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.demand import (
    OPENNESS,
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
    effect_skills,
)
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from portal.models.organisations import MemberRole, Membership, Organisation, OrganisationStatus, SizeClass
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

BATCH = 5_000
NEED_SHARE = 0.7  # of the postings; the rest are innovation plans
STAFF_EMAIL = 'accountmanager@bench.kansenkamer.nl'

#: (value, weight) pairs: what a region's mix looks like after a year of use
NEED_STATES = [(PostingState.PUBLISHED, 50), (PostingState.PENDING, 10), (PostingState.CHANGES_REQUESTED, 4),
               (PostingState.REJECTED, 3), (PostingState.DRAFT, 12), (PostingState.WITHDRAWN, 6),
               (PostingState.FILLED, 9), (PostingState.EXPIRED, 6)]
PLAN_STATES = [(PostingState.PUBLISHED, 55), (PostingState.PENDING, 12), (PostingState.CHANGES_REQUESTED, 5),
               (PostingState.REJECTED, 3), (PostingState.DRAFT, 17), (PostingState.WITHDRAWN, 8)]
ORGANISATION_STATUSES = [(OrganisationStatus.VERIFIED, 85), (OrganisationStatus.PENDING, 11),
                         (OrganisationStatus.REJECTED, 4)]
SECTIONS = [('H', 14), ('C', 16), ('G', 18), ('F', 12), ('I', 9), ('N', 8), ('Q', 10), ('M', 5), ('A', 4),
            ('P', 2), ('S', 2)]
HORIZONS = [(Horizon.NOW, 25), (Horizon.WITHIN_6_MONTHS, 30), (Horizon.MONTHS_6_24, 20),
            (Horizon.YEARS_2_5, 15), (Horizon.YEARS_5_PLUS, 10)]
DIRECTIONS = [(EffectDirection.GROWS, 50), (EffectDirection.SHRINKS, 20), (EffectDirection.NEW, 30)]
POSITIONS = [(1, 40), (2, 25), (3, 15), (4, 8), (5, 6), (8, 4), (12, 2)]
#: states whose posting has been published at some time (and so has a published version)
ONCE_PUBLISHED = {PostingState.PUBLISHED, PostingState.FILLED, PostingState.EXPIRED}
#: share of published postings with a changed version waiting for review
REVISION_SHARE = 0.05


@dataclass
class Seeded:
    region_id: int
    staff_id: int
    municipality_id: int
    busy_occupation_id: int
    busy_skill_id: int
    summary: str


def _pick(rng: random.Random, pairs: list[tuple[Any, int]]):
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def _label(thing) -> dict:
    return {'id': thing.id, 'nl': thing.label_nl, 'en': thing.label_en}


def _taxonomy(rng: random.Random) -> tuple[list, list]:
    """The occupations and skills the migrations seeded; made up when there are too few."""
    now = datetime.now(UTC)
    for model, minimum, word in ((Occupation, 150, 'Beroep'), (Skill, 250, 'Vaardigheid')):
        have = db.session.scalar(select(func.count(model.id)))
        if have < minimum:
            first = _next_id(model)
            rows = [{'id': first + i, 'label_nl': f'{word} {first + i} (bench)', 'label_en': f'{model.__name__} '
                     f'{first + i} (bench)', 'is_active': True, 'created_at': now, 'updated_at': now}
                    for i in range(minimum - have)]
            if model is Occupation:
                for row in rows:
                    row['isco_code'] = f'{rng.randrange(1000, 9999)}'
            _insert(model.__table__, rows)
    occupations = list(db.session.scalars(select(Occupation).where(Occupation.is_active)))
    skills = list(db.session.scalars(select(Skill).where(Skill.is_active)))
    return occupations, skills


def _organisations(rng: random.Random, count: int, municipalities: list[Municipality], now: datetime):
    first_org, first_user = _next_id(Organisation), _next_id(User)
    organisations, users, memberships = [], [], []
    for i in range(count):
        org_id, user_id = first_org + i, first_user + i
        municipality = rng.choice(municipalities)
        status = _pick(rng, ORGANISATION_STATUSES)
        created = now - timedelta(days=rng.randrange(1, 900))
        organisations.append({
            'id': org_id, 'name': f'Bench Bedrijf {org_id} B.V.', 'kvk_number': f'{30_000_000 + org_id:08d}',
            'kind': 'employer', 'sbi_section': _pick(rng, SECTIONS), 'sbi_code': None,
            'size_class': rng.choice(list(SizeClass)), 'municipality_id': municipality.id,
            'region_id': municipality.region_id, 'visiting_postcode': f'{rng.randrange(1000, 9999)} AB',
            'status': status, 'verified_at': created if status == OrganisationStatus.VERIFIED else None,
            'rejection_reason': 'Niet gevonden in het KvK-register' if status == OrganisationStatus.REJECTED else None,
            'created_at': created, 'updated_at': created})
        users.append({'id': user_id, 'email': f'eigenaar{org_id}@bench.kansenkamer.nl', 'name': f'Eigenaar {org_id}',
                      'password_hash': None, 'locale': 'nl', 'email_verified_at': created, 'is_admin': False,
                      'is_enabled': True, 'failed_sign_ins': 0, 'session_version': 1, 'created_at': created,
                      'updated_at': created})
        memberships.append({'user_id': user_id, 'organisation_id': org_id, 'role': MemberRole.OWNER,
                            'status': 'active', 'created_at': created, 'updated_at': created})
    _insert(User.__table__, users)
    _insert(Organisation.__table__, organisations)
    _insert(Membership.__table__, memberships)
    return organisations, {m['organisation_id']: m['user_id'] for m in memberships}


def _need_snapshot(row: dict, occupation, required: list, wished: list, municipality_name: str) -> dict:
    """As StaffingNeed.snapshot() writes it."""
    return {
        'title': row['title'], 'description': row['description'], 'occupation': _label(occupation),
        'required_skills': [_label(s) for s in required], 'wished_skills': [_label(s) for s in wished],
        'positions': row['positions'], 'hours_min': row['hours_min'], 'hours_max': row['hours_max'],
        'contract_type': row['contract_type'].value, 'municipality': municipality_name,
        'postcode': row['postcode'], 'day_parts': list(row['day_parts']),
        'language_level': row['language_level'].value, 'horizon': row['horizon'].value,
        'start_on': row['start_on'].isoformat() if row['start_on'] else None,
        'openness': [name for name in OPENNESS if row[name]], 'ends_on': row['ends_on'].isoformat(),
    }


def _plan_snapshot(row: dict, effects: list[tuple[dict, Any, list]]) -> dict:
    """As InnovationPlan.snapshot() writes it."""
    return {
        'title': row['title'], 'theme': row['theme'].value, 'timeframe': row['timeframe'].value,
        'description': row['description'], 'visibility': row['visibility'].value,
        'effects': [{'occupation': _label(occupation), 'direction': effect['direction'].value,
                     'headcount': effect['headcount'], 'by_when': effect['by_when'].value,
                     'training_need': effect['training_need'],
                     'skills': [_label(s) for s in sorted(skills, key=lambda s: s.label_nl)]}
                    for effect, occupation, skills in effects],
    }


class _Reviews:
    """Collects review rows: the history a posting's state implies, plus a pending revision now and then."""

    def __init__(self, rng: random.Random, staff_id: int) -> None:
        self.rng, self.staff_id, self.rows, self.next_id = rng, staff_id, [], _next_id(Review)

    def _add(self, kind, row, snapshot, state, submitted, *, revision=False, reason=None) -> None:
        decided = state not in (ReviewState.PENDING, ReviewState.CANCELLED)
        self.rows.append({
            'id': self.next_id, 'posting_kind': kind, 'posting_id': row['id'],
            'organisation_id': row['organisation_id'], 'region_id': row['region_id'], 'state': state,
            'is_revision': revision, 'submitted_by_id': row['created_by_id'], 'submitted_at': submitted,
            'decided_by_id': self.staff_id if decided else None,
            'decided_at': submitted + timedelta(days=1) if decided else None, 'reason': reason,
            'snapshot': snapshot})
        self.next_id += 1

    def for_posting(self, kind: PostingKind, row: dict, snapshot: dict) -> None:
        state, submitted = row['state'], row['submitted_at']
        if state == PostingState.DRAFT:
            return
        if state == PostingState.PENDING:
            self._add(kind, row, snapshot, ReviewState.PENDING, submitted)
        elif state == PostingState.CHANGES_REQUESTED:
            self._add(kind, row, snapshot, ReviewState.CHANGES_REQUESTED, submitted,
                      reason='Vermeld de werktijden en het aantal uren per week.')
        elif state == PostingState.REJECTED:
            self._add(kind, row, snapshot, ReviewState.REJECTED, submitted,
                      reason='Dit is geen personeelsbehoefte maar een advertentie.')
        elif state == PostingState.WITHDRAWN:
            self._add(kind, row, snapshot, ReviewState.CANCELLED, submitted)
        else:
            self._add(kind, row, snapshot, ReviewState.APPROVED, submitted)
            if state == PostingState.PUBLISHED and self.rng.random() < REVISION_SHARE:
                self._add(kind, row, snapshot, ReviewState.PENDING, submitted + timedelta(days=30), revision=True)


def _needs(rng, count, organisations, occupations, skills, municipalities, owner_of, reviews, now) -> None:
    by_region = {}
    for municipality in municipalities:
        by_region.setdefault(municipality.region_id, []).append(municipality)
    names = {m.id: m.name for m in municipalities}
    occupation_weights = [1 / (rank + 1) for rank in range(len(occupations))]  # a few occupations are asked often
    first = _next_id(StaffingNeed)
    needs, links = [], []
    for i in range(count):
        organisation = rng.choice(organisations)
        verified = organisation['status'] == OrganisationStatus.VERIFIED
        state = _pick(rng, NEED_STATES) if verified else PostingState.DRAFT
        occupation = rng.choices(occupations, weights=occupation_weights)[0]
        chosen = rng.sample(skills, rng.randint(2, 7))
        split = rng.randint(1, min(4, len(chosen)))
        required, wished = chosen[:split], chosen[split:]
        municipality_id = organisation['municipality_id'] if rng.random() < 0.8 else \
            rng.choice(by_region[organisation['region_id']]).id
        created = now - timedelta(days=rng.randrange(1, 700))
        hours_min = rng.choice((8, 16, 20, 24, 32))
        row = {
            'id': first + i, 'organisation_id': organisation['id'], 'region_id': organisation['region_id'],
            'created_by_id': owner_of[organisation['id']], 'title': f'{occupation.label_nl} gezocht',
            'description': 'Wij zoeken collega’s die willen leren; ervaring is mooi maar niet nodig.',
            'occupation_id': occupation.id, 'positions': _pick(rng, POSITIONS), 'hours_min': hours_min,
            'hours_max': min(hours_min + rng.choice((0, 4, 8, 16)), 40),
            'contract_type': rng.choice(list(ContractType)),
            'municipality_id': municipality_id, 'postcode': None,
            'day_parts': rng.sample([d.value for d in DayPart], rng.randint(1, 3)),
            'language_level': rng.choice(list(LanguageLevel)), 'start_on': None, 'horizon': _pick(rng, HORIZONS),
            'ends_on': (now + timedelta(days=rng.randrange(-60, 180))).date(), 'expiry_reminder_sent_at': None,
            'state': state, 'published_snapshot': None, 'published_at': None,
            'submitted_at': created + timedelta(days=1) if state != PostingState.DRAFT else None,
            'created_at': created, 'updated_at': created}
        for name in OPENNESS:
            row[name] = rng.random() < 0.35
        snapshot = _need_snapshot(row, occupation, required, wished, names[municipality_id])
        if state in ONCE_PUBLISHED:
            row['published_snapshot'], row['published_at'] = snapshot, created + timedelta(days=2)
        needs.append(row)
        links += [{'need_id': row['id'], 'skill_id': s.id, 'is_required': True} for s in required]
        links += [{'need_id': row['id'], 'skill_id': s.id, 'is_required': False} for s in wished]
        reviews.for_posting(PostingKind.NEED, row, snapshot)
    _insert(StaffingNeed.__table__, needs)
    _insert(NeedSkill.__table__, links)


def _plans(rng, count, organisations, occupations, skills, owner_of, reviews, now) -> None:
    first_plan, next_effect = _next_id(InnovationPlan), _next_id(InnovationEffect)
    plans, effects, effect_links = [], [], []
    for i in range(count):
        organisation = rng.choice(organisations)
        verified = organisation['status'] == OrganisationStatus.VERIFIED
        state = _pick(rng, PLAN_STATES) if verified else PostingState.DRAFT
        created = now - timedelta(days=rng.randrange(1, 700))
        theme = rng.choice(list(PlanTheme))
        row = {
            'id': first_plan + i, 'organisation_id': organisation['id'], 'region_id': organisation['region_id'],
            'created_by_id': owner_of[organisation['id']], 'title': f'Plan {theme.value.replace("_", " ")}',
            'theme': theme, 'timeframe': _pick(rng, HORIZONS),
            'description': 'Wat we de komende jaren anders gaan doen, en wat dat voor ons personeel betekent.',
            'visibility': rng.choice(list(PlanVisibility)), 'state': state, 'published_snapshot': None,
            'published_at': None, 'submitted_at': created + timedelta(days=1) if state != PostingState.DRAFT else None,
            'created_at': created, 'updated_at': created}
        described = []
        for _ in range(rng.randint(1, 4)):
            effect = {'id': next_effect, 'plan_id': row['id'], 'occupation_id': None,
                      'direction': _pick(rng, DIRECTIONS), 'headcount': rng.randint(1, 10),
                      'by_when': _pick(rng, HORIZONS),
                      'training_need': 'Omscholing naar technisch werk' if rng.random() < 0.4 else None}
            occupation = rng.choice(occupations)
            effect['occupation_id'] = occupation.id
            chosen = rng.sample(skills, rng.randint(1, 3))
            effect_links += [{'effect_id': next_effect, 'skill_id': s.id} for s in chosen]
            effects.append(effect)
            described.append((effect, occupation, chosen))
            next_effect += 1
        snapshot = _plan_snapshot(row, described)
        if state == PostingState.PUBLISHED:
            row['published_snapshot'], row['published_at'] = snapshot, created + timedelta(days=2)
        plans.append(row)
        reviews.for_posting(PostingKind.PLAN, row, snapshot)
    _insert(InnovationPlan.__table__, plans)
    _insert(InnovationEffect.__table__, effects)
    _insert(effect_skills, effect_links)


def _move_sequences() -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not advance."""
    if db.session.get_bind().dialect.name != 'postgresql':
        return
    for table in (User, Organisation, Membership, StaffingNeed, InnovationPlan, InnovationEffect, Review,
                  Occupation, Skill):
        name = table.__tablename__  # our own table names, not input
        db.session.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                                   f"(SELECT coalesce(max(id), 1) FROM {name}))"))


def seed(organisations: int, postings: int, *, random_seed: int = 20261122) -> Seeded:
    """Fill the (migrated, empty) database; commits. The staff member works in Vechtdal."""
    rng = random.Random(random_seed)  # noqa: S311 (made-up data, the same on every run)
    now = datetime.now(UTC)
    seed_regions()
    region = db.session.scalar(select(Region).where(Region.slug == 'vechtdal'))
    staff = User(email=STAFF_EMAIL, name='Bench Accountmanager', locale='nl', email_verified_at=now)
    staff.staff_role = StaffRole(region=region, kind=StaffKind.ACCOUNTMANAGER)
    db.session.add(staff)
    db.session.flush()
    municipalities = list(db.session.scalars(select(Municipality).order_by(Municipality.id)))
    occupations, skills = _taxonomy(rng)
    rows, owner_of = _organisations(rng, organisations, municipalities, now)
    reviews = _Reviews(rng, staff.id)
    needs = round(postings * NEED_SHARE)
    _needs(rng, needs, rows, occupations, skills, municipalities, owner_of, reviews, now)
    _plans(rng, postings - needs, rows, occupations, skills, owner_of, reviews, now)
    _insert(Review.__table__, reviews.rows)
    _move_sequences()
    db.session.commit()
    # a live database has its planner statistics (autovacuum keeps PostgreSQL's up to date); give this one them too
    db.session.execute(sa.text('ANALYZE'))
    db.session.commit()
    busy_occupation = db.session.scalar(
        select(StaffingNeed.occupation_id).where(StaffingNeed.region_id == region.id)
        .group_by(StaffingNeed.occupation_id).order_by(func.count().desc()).limit(1))
    busy_skill = db.session.scalar(
        select(NeedSkill.skill_id).group_by(NeedSkill.skill_id).order_by(func.count().desc()).limit(1))
    municipality_id = next(m.id for m in municipalities if m.region_id == region.id)
    return Seeded(region_id=region.id, staff_id=staff.id, municipality_id=municipality_id,
                  busy_occupation_id=busy_occupation, busy_skill_id=busy_skill,
                  summary=f'{organisations} organisations, {needs} needs, {postings - needs} plans, '
                          f'{len(reviews.rows)} reviews')
