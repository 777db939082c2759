"""Builders with sensible defaults: `make_region(db)`; pass only what the test is about."""

import itertools

from portal.models.tenancy import Municipality, Region

_counter = itertools.count(1)


def make_region(db, *, slug: str | None = None, name: str | None = None, municipalities: int = 1,
                **fields) -> Region:
    n = next(_counter)
    region = Region(slug=slug or f'regio-{n}', name=name or f'Regio {n}', **fields)
    for i in range(municipalities):
        region.municipalities.append(make_municipality(db, region=None, name=f'Gemeente {n}-{i}'))
    db.session.add(region)
    db.session.flush()
    return region


def make_municipality(db, *, region: Region | None, name: str | None = None, cbs_code: str | None = None
                      ) -> Municipality:
    n = next(_counter)
    municipality = Municipality(name=name or f'Gemeente {n}', cbs_code=cbs_code or f'GM{9000 - n % 9000:04d}')
    if region is not None:
        municipality.region = region
        db.session.add(municipality)
        db.session.flush()
    return municipality


# Accounts ---------------------------------------------------------------------------------

#: every user a factory makes has this password, hashed once per run (argon2 is slow on purpose)
PASSWORD = 'correct horse battery'
_password_hash: str | None = None


def _hashed_password() -> str:
    global _password_hash
    if _password_hash is None:
        from portal.core.passwords import hash_password

        _password_hash = hash_password(PASSWORD)
    return _password_hash


def make_user(db, *, email: str | None = None, name: str | None = None, verified: bool = True,
              locale: str = 'nl', **fields):
    from portal.core.dbtypes import utcnow
    from portal.models.accounts import User

    n = next(_counter)
    user = User(email=email or f'gebruiker{n}@example.nl', name=name or f'Gebruiker {n}',
                password_hash=_hashed_password(), locale=locale,
                email_verified_at=utcnow() if verified else None, **fields)
    db.session.add(user)
    db.session.flush()
    return user


def make_organisation(db, *, municipality=None, region=None, owner=None, status: str = 'verified',
                      kvk_number: str | None = None, name: str | None = None, **fields):
    """An organisation in `municipality` (default: a new region's first municipality), owned by `owner`."""
    from portal.core.dbtypes import utcnow
    from portal.models.organisations import MemberRole, Membership, Organisation, OrganisationStatus, SizeClass

    if municipality is None:
        region = region or make_region(db)
        municipality = region.municipalities[0]
    n = next(_counter)
    status = OrganisationStatus(status)
    organisation = Organisation(
        name=name or f'Bedrijf {n} B.V.', kvk_number=kvk_number or f'{90000000 + n:08d}',
        sbi_section=fields.pop('sbi_section', 'H'), sbi_code=fields.pop('sbi_code', '4941'),
        size_class=fields.pop('size_class', SizeClass.MEDIUM_SMALL), municipality=municipality,
        region_id=municipality.region_id, visiting_postcode=fields.pop('visiting_postcode', '7772 AB'),
        status=status, verified_at=utcnow() if status == OrganisationStatus.VERIFIED else None,
        rejection_reason='Onbekend bij de KvK' if status == OrganisationStatus.REJECTED else None, **fields)
    db.session.add(organisation)
    if owner is not None:
        organisation.memberships.append(Membership(user=owner, role=MemberRole.OWNER))
    db.session.flush()
    return organisation


def add_member(db, organisation, user, *, status: str = 'active'):
    from portal.models.organisations import MemberRole, Membership, MembershipStatus

    membership = Membership(user=user, organisation=organisation, role=MemberRole.MEMBER,
                            status=MembershipStatus(status))
    db.session.add(membership)
    db.session.flush()
    return membership


def make_employer(db, **organisation_fields):
    """A verified user who owns a verified organisation; returns the user."""
    user = make_user(db)
    make_organisation(db, owner=user, **organisation_fields)
    db.session.refresh(user)
    return user


def make_staff(db, *, region=None, kind: str = 'accountmanager', two_step: bool = False, **user_fields):
    from portal.core.dbtypes import utcnow
    from portal.models.accounts import StaffKind, StaffRole

    region = region or make_region(db)
    user = make_user(db, **user_fields)
    user.staff_role = StaffRole(region=region, kind=StaffKind(kind))
    if two_step:
        import pyotp

        user.totp_secret = pyotp.random_base32()
        user.totp_enabled_at = utcnow()
    db.session.flush()
    return user


def make_admin(db, **user_fields):
    return make_user(db, is_admin=True, **user_fields)


# Demand -----------------------------------------------------------------------------------

def _curated(db, model, label_nl: str | None, **fields):
    """The entry of the curated list (loaded by the migrations) with this Dutch label, set to `fields`."""
    from sqlalchemy import select

    if label_nl is None:
        return None
    entry = db.session.scalar(select(model).where(model.label_nl == label_nl))
    if entry is not None:
        for name, value in fields.items():
            if value is not None:
                setattr(entry, name, value)
        db.session.flush()
    return entry


def make_occupation(db, *, isco_code: str | None = None, label_nl: str | None = None, label_en: str | None = None):
    """A new occupation; asked for by a label the curated list already holds, that entry (with these values)."""
    from portal.models.taxonomy import Occupation

    existing = _curated(db, Occupation, label_nl, isco_code=isco_code, label_en=label_en)
    if existing is not None:
        return existing
    n = next(_counter)
    occupation = Occupation(isco_code=isco_code or '8322', label_nl=label_nl or f'Beroep {n}',
                            label_en=label_en or f'Occupation {n}')
    db.session.add(occupation)
    db.session.flush()
    return occupation


def make_skill(db, *, label_nl: str | None = None, label_en: str | None = None, esco_uri: str | None = None):
    """A new skill; asked for by a label the curated list already holds, that entry (with these values)."""
    from portal.models.taxonomy import Skill

    existing = _curated(db, Skill, label_nl, label_en=label_en, esco_uri=esco_uri)
    if existing is not None:
        return existing
    n = next(_counter)
    skill = Skill(label_nl=label_nl or f'Vaardigheid {n}', label_en=label_en or f'Skill {n}', esco_uri=esco_uri)
    db.session.add(skill)
    db.session.flush()
    return skill


def make_need(db, *, organisation=None, occupation=None, state: str = 'draft', skills=(), wished_skills=(),
              created_by=None, **fields):
    """A staffing need of `organisation` (default: a new verified employer's) in the given state."""
    from datetime import timedelta

    from portal.core.dbtypes import utcnow
    from portal.models.demand import ContractType, Horizon, NeedSkill, StaffingNeed
    from portal.models.moderation import PostingState

    if organisation is None:
        organisation = make_employer(db).memberships[0].organisation
    need = StaffingNeed(
        organisation=organisation, region_id=organisation.region_id, created_by=created_by,
        title=fields.pop('title', 'Orderpicker'), occupation=occupation or make_occupation(db),
        positions=fields.pop('positions', 2), hours_min=fields.pop('hours_min', 24),
        hours_max=fields.pop('hours_max', 32),
        contract_type=fields.pop('contract_type', ContractType.FIXED_TERM),
        municipality=fields.pop('municipality', organisation.municipality),
        horizon=fields.pop('horizon', Horizon.WITHIN_6_MONTHS),
        ends_on=fields.pop('ends_on', (utcnow() + timedelta(days=180)).date()),
        state=PostingState(state), **fields)
    need.skill_links = [NeedSkill(skill=s, is_required=True) for s in skills] + \
        [NeedSkill(skill=s, is_required=False) for s in wished_skills]
    db.session.add(need)
    db.session.flush()
    if need.state == PostingState.PUBLISHED:
        need.published_snapshot = need.snapshot()
        need.published_at = utcnow()
    db.session.flush()
    return need


def make_plan(db, *, organisation=None, state: str = 'draft', visibility: str = 'staff', effects=(), **fields):
    """An innovation plan; `effects` are dicts for InnovationEffect (occupation defaults to a new one)."""
    from portal.core.dbtypes import utcnow
    from portal.models.demand import (
        EffectDirection,
        Horizon,
        InnovationEffect,
        InnovationPlan,
        PlanTheme,
        PlanVisibility,
    )
    from portal.models.moderation import PostingState

    if organisation is None:
        organisation = make_employer(db).memberships[0].organisation
    plan = InnovationPlan(
        organisation=organisation, region_id=organisation.region_id,
        title=fields.pop('title', 'Automatisering magazijn'),
        theme=fields.pop('theme', PlanTheme.AUTOMATION), timeframe=fields.pop('timeframe', Horizon.YEARS_2_5),
        description=fields.pop('description', 'We automatiseren het orderpicken.'),
        visibility=PlanVisibility(visibility), state=PostingState(state), **fields)
    for effect in effects or [{}]:
        effect = dict(effect)
        plan.effects.append(InnovationEffect(
            occupation=effect.pop('occupation', None) or make_occupation(db),
            direction=EffectDirection(effect.pop('direction', 'grows')), headcount=effect.pop('headcount', 3),
            by_when=Horizon(effect.pop('by_when', 'years_2_5')), **effect))
    db.session.add(plan)
    db.session.flush()
    if plan.state == PostingState.PUBLISHED:
        plan.published_snapshot = plan.snapshot()
        plan.published_at = utcnow()
        db.session.flush()
    return plan


def make_network_member(db, organisation):
    """Put `organisation` in its region's network (made when missing)."""
    from sqlalchemy import select

    from portal.models.network import Network, NetworkMembership

    network = db.session.scalar(select(Network).where(Network.region_id == organisation.region_id))
    if network is None:
        network = Network(region_id=organisation.region_id, name='Netwerk')
        db.session.add(network)
    network.members.append(NetworkMembership(organisation=organisation))
    db.session.flush()
    return network


# Caseload and matching ------------------------------------------------------------------------

def make_postcode_area(db, code: str, latitude: float, longitude: float, municipality=None):
    from portal.models.places import PostcodeArea

    area = db.session.get(PostcodeArea, code)
    if area is None:
        area = PostcodeArea(code=code, latitude=latitude, longitude=longitude,
                            municipality_id=municipality.id if municipality else None)
        db.session.add(area)
        db.session.flush()
    return area


def make_candidate(db, *, region=None, municipality=None, skills=(), consent: bool = True, dutch: str = 'b1',
                   experience=(), accountmanager=None, **fields):
    """A complete, fresh, consenting job seeker; `skills` are Skill rows (level good) or (skill, level) pairs,
    `experience` (occupation, years) pairs."""
    from datetime import timedelta

    from portal.core.dbtypes import utcnow
    from portal.models.caseload import (
        Candidate,
        CandidateConsent,
        CandidateExperience,
        CandidateLanguage,
        CandidateSkill,
        CefrLevel,
        ConsentScope,
        EducationLevel,
        SkillLevel,
    )

    if region is None:
        region = municipality.region if municipality is not None else make_region(db)
    municipality = municipality or region.municipalities[0]
    from portal.core.dbtypes import today as dutch_today

    today = dutch_today()
    n = next(_counter)
    candidate = Candidate(
        region_id=region.id, municipality=municipality, code=fields.pop('code', None) or Candidate.new_code(),
        first_name=fields.pop('first_name', f'Kandidaat{n}'), reference=fields.pop('reference', f'REF-{n}'),
        postcode_area=fields.pop('postcode_area', '7771'),
        education_level=EducationLevel(fields.pop('education_level', 'mbo2')),
        hours_min=fields.pop('hours_min', 24), hours_max=fields.pop('hours_max', 36),
        max_travel_km=fields.pop('max_travel_km', 25),
        available_from=fields.pop('available_from', today),
        day_parts=fields.pop('day_parts', ['weekday_morning', 'weekday_afternoon']),
        availability_confirmed_on=fields.pop('availability_confirmed_on', today - timedelta(days=7)),
        accountmanager=accountmanager, **fields)
    if not skills:
        skills = [make_skill(db)]
    for entry in skills:
        skill, level = entry if isinstance(entry, tuple) else (entry, 'good')
        candidate.skill_links.append(CandidateSkill(skill=skill, level=SkillLevel(level)))
    for occupation, years in experience:
        candidate.experience.append(CandidateExperience(occupation=occupation, years=years))
    if dutch:
        candidate.languages.append(CandidateLanguage(language='nl', level=CefrLevel(dutch)))
    if consent:
        candidate.consents.append(CandidateConsent(scope=ConsentScope.PROPOSALS, given_on=today,
                                                   recorded_at=utcnow()))
    db.session.add(candidate)
    db.session.flush()
    return candidate


def make_proposal(db, *, need=None, candidate=None, state: str = 'draft', accountmanager=None, **fields):
    """A proposal in `state` (its steps are not replayed: set the columns a test needs through `fields`)."""
    from decimal import Decimal

    from portal.core.dbtypes import utcnow
    from portal.models.matching import Proposal, ProposalState

    if need is None:
        need = make_need(db, state='published')
    if candidate is None:
        candidate = make_candidate(db, region=need.organisation.region)
    state = ProposalState(state)
    proposal = Proposal(
        region_id=need.region_id, need=need, organisation_id=need.organisation_id, candidate=candidate,
        accountmanager=accountmanager, state=state, motivation=fields.pop('motivation', 'Past goed bij de vraag.'),
        score=fields.pop('score', Decimal('72.5')),
        score_parts=fields.pop('score_parts', [{'name': 'skills', 'points': 72.5, 'max': 100, 'facts': {}}]),
        rules_version=fields.pop('rules_version', '2026.11-1'), **fields)
    if state != ProposalState.DRAFT and proposal.sent_at is None:
        proposal.sent_at = utcnow()
    if state != ProposalState.DRAFT and proposal.card is None:
        proposal.card = {'code': candidate.code}
    db.session.add(proposal)
    db.session.flush()
    return proposal
