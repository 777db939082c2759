"""Changes to the caseload: profiles, availability, consent and status; each audited, none committed here.

Audit rows are kept for years, so they name what changed (field names, counts, ids), never a value
that could say something about the person.
"""

import secrets
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.blueprints.activities.registrations import cancel_future_registrations
from portal.blueprints.caseload.labels import LEAVE_REASONS
from portal.blueprints.caseload.queries import reference_taken, region_staff
from portal.blueprints.proposals.operations import withdraw_step
from portal.core.audit import record_event
from portal.core.bsn import contains_bsn
from portal.core.dbtypes import today, utcnow
from portal.core.operations import OperationRefused
from portal.extensions import db
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
)
from portal.models.matching import Proposal, ProposalState
from portal.models.tenancy import Municipality, Region

#: the profile's own columns, as the form and the import give them
PROFILE_FIELDS = ('municipality_id', 'postcode_area', 'first_name', 'reference', 'education_level',
                  'has_driving_licence', 'hours_min', 'hours_max', 'max_travel_km', 'available_from', 'day_parts',
                  'support_needs', 'target_groups', 'loonwaarde', 'accountmanager_id', 'notes')
#: proposals that stop when the person can no longer be proposed: nothing has happened with the employer yet
EARLY_PROPOSAL_STATES = (ProposalState.DRAFT, ProposalState.SENT, ProposalState.INTERESTED)
#: why a proposal was withdrawn by these operations (ProposalEvent.data and the audit row)
CONSENT_WITHDRAWN = 'consent_withdrawn'
CANDIDATE_LEFT = 'candidate_left'


def new_codes(count: int) -> list[str]:
    """`count` fresh pseudonyms like KB-7H3M-Q9, checked against the database in one query per batch."""
    codes: list[str] = []
    while len(codes) < count:
        batch = {_random_code() for _ in range(min(count - len(codes), 1000))} - set(codes)
        taken = set(db.session.scalars(select(Candidate.code).where(Candidate.code.in_(batch))))
        codes.extend(sorted(batch - taken))
    return codes[:count]


def _random_code() -> str:
    raw = ''.join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f'KB-{raw[:4]}-{raw[4:]}'


def _check_profile(actor, region_id: int, fields: dict, *, candidate: Candidate | None = None) -> None:
    """What the database does not hold by itself: the municipality, the accountmanager and the reference."""
    municipality = db.session.get(Municipality, fields['municipality_id'])
    if municipality is None or municipality.region_id != region_id:
        raise OperationRefused(_('Choose a municipality of your region.'))
    accountmanager_id = fields.get('accountmanager_id')
    if accountmanager_id is not None and accountmanager_id not in {user.id for user in region_staff(
            region_id, keep_id=candidate.accountmanager_id if candidate else None)}:
        raise OperationRefused(_('Choose an account manager of your region.'))
    reference = fields.get('reference')
    if reference:
        if contains_bsn(reference):
            raise OperationRefused(_('This looks like a citizen service number (BSN). Kansenkamer never stores a '
                                     'BSN: leave it out.'))
        if reference_taken(region_id, reference, exclude_id=candidate.id if candidate else None):
            raise OperationRefused(_('Another job seeker in your region already has this reference.'))


def _profile_values(fields: dict) -> dict:
    values = {name: fields.get(name) for name in PROFILE_FIELDS}
    values['education_level'] = EducationLevel(values['education_level'])
    values['has_driving_licence'] = bool(values['has_driving_licence'])
    for name in ('day_parts', 'support_needs', 'target_groups'):
        values[name] = sorted(set(values[name] or ()))
    for name in ('postcode_area', 'first_name', 'reference', 'notes'):
        values[name] = values[name] or None
    return values


def _set_rows(candidate: Candidate, skills, experience, languages) -> list[str]:
    """Bring the skill, experience and language rows to what is given, in place; the names of what changed."""
    changed = []
    wanted_skills = {int(skill_id): SkillLevel(level) for skill_id, level in skills}
    if {link.skill_id: link.level for link in candidate.skill_links} != wanted_skills:
        changed.append('skills')
        _sync(candidate.skill_links, 'skill_id', 'level', wanted_skills,
              lambda key, value: CandidateSkill(skill_id=key, level=value))
    wanted_years = {int(occupation_id): int(years) for occupation_id, years in experience}
    if {row.occupation_id: row.years for row in candidate.experience} != wanted_years:
        changed.append('experience')
        _sync(candidate.experience, 'occupation_id', 'years', wanted_years,
              lambda key, value: CandidateExperience(occupation_id=key, years=value))
    wanted_languages = {code: CefrLevel(level) for code, level in languages}
    if {row.language: row.level for row in candidate.languages} != wanted_languages:
        changed.append('languages')
        _sync(candidate.languages, 'language', 'level', wanted_languages,
              lambda key, value: CandidateLanguage(language=key, level=value))
    return changed


def _sync(rows: list, key_name: str, value_name: str, wanted: dict, make) -> None:
    for row in list(rows):
        key = getattr(row, key_name)
        if key not in wanted:
            rows.remove(row)
        elif getattr(row, value_name) != wanted[key]:
            setattr(row, value_name, wanted[key])
    present = {getattr(row, key_name) for row in rows}
    rows.extend(make(key, value) for key, value in wanted.items() if key not in present)


def _flush_profile() -> None:
    """Write the profile; a reference another profile took meanwhile (the unique index) is a refusal."""
    try:
        db.session.flush()
    except IntegrityError:
        raise OperationRefused(_('Another job seeker in your region already has this reference.')) from None


def create_candidate(actor, region: Region, *, skills=(), experience=(), languages=(), **fields) -> Candidate:
    """A new profile in `region`: a fresh pseudonym, availability confirmed today by `actor`."""
    _check_profile(actor, region.id, fields)
    candidate = Candidate(region_id=region.id, code=new_codes(1)[0], status=CandidateStatus.ACTIVE,
                          availability_confirmed_on=today(), availability_confirmed_by_id=actor.id,
                          created_by_id=actor.id, **_profile_values(fields))
    _set_rows(candidate, skills, experience, languages)
    db.session.add(candidate)
    _flush_profile()
    record_event('candidate.created', actor=actor, obj=candidate)
    return candidate


def update_candidate(actor, candidate: Candidate, *, skills=(), experience=(), languages=(), **fields) -> list[str]:
    """Change the profile; returns the names of the fields that changed (and audits those names only)."""
    if not candidate.can_edit(actor):
        raise OperationRefused(_('This profile can no longer be changed.'))
    _check_profile(actor, candidate.region_id, fields, candidate=candidate)
    changed = []
    for name, value in _profile_values(fields).items():
        if getattr(candidate, name) != value:
            setattr(candidate, name, value)
            changed.append(name)
    changed += _set_rows(candidate, skills, experience, languages)
    _flush_profile()
    if changed:
        record_event('candidate.updated', actor=actor, obj=candidate, details={'fields': changed})
    return changed


def record_view(actor, candidate: Candidate, *, page: str = 'profile') -> None:
    """Someone opened the staff-only data of this profile."""
    record_event('candidate.viewed', actor=actor, obj=candidate, details={'page': page})


def record_list_view(actor, region_id: int, candidates: list[Candidate], *, filters: dict, page: int) -> None:
    """The caseload list shows first names: which profiles one page showed, and with which filter."""
    record_event('candidate.list_viewed', actor=actor, region_id=region_id,
                 details={'candidate_ids': [c.id for c in candidates], 'count': len(candidates), 'filters': filters,
                          'page': page})


def _refuse_unless_editable(actor, candidate: Candidate) -> None:
    if not candidate.can_edit(actor):
        raise OperationRefused(_('This profile can no longer be changed.'))


def confirm_availability(actor, candidate: Candidate) -> None:
    """The person is still available as the profile says: back in (or longer in) the matching pool."""
    _refuse_unless_editable(actor, candidate)
    if candidate.status == CandidateStatus.LEFT:
        raise OperationRefused(_('This job seeker has left the caseload. Make the profile active again first.'))
    candidate.availability_confirmed_on = today()
    candidate.availability_confirmed_by_id = actor.id
    db.session.flush()
    record_event('candidate.availability_confirmed', actor=actor, obj=candidate)


def record_consent(actor, candidate: Candidate, *, scope: str, given_on: date) -> CandidateConsent:
    _refuse_unless_editable(actor, candidate)
    scope = ConsentScope(scope)
    if candidate.status == CandidateStatus.LEFT:
        raise OperationRefused(_('This job seeker has left the caseload. Make the profile active again first.'))
    if given_on > today():
        raise OperationRefused(_('The date consent was given cannot be in the future.'))
    if candidate.has_consent(scope):
        raise OperationRefused(_('This consent is already recorded.'))
    consent = CandidateConsent(scope=scope, given_on=given_on, recorded_at=utcnow(), recorded_by_id=actor.id)
    candidate.consents.append(consent)
    db.session.flush()
    record_event('candidate.consent_recorded', actor=actor, obj=candidate,
                 details={'consent_id': consent.id, 'scope': scope.value})
    return consent


def withdraw_consent(actor, candidate: Candidate, consent: CandidateConsent) -> int:
    """Record that the person withdrew `consent`. Without consent to be proposed, the proposals that have not
    gone further than the employer's interest are withdrawn too; returns how many."""
    _refuse_unless_editable(actor, candidate)
    if consent.candidate_id != candidate.id or not consent.is_active:
        raise OperationRefused(_('This consent was already withdrawn.'))
    consent.withdrawn_at = utcnow()
    consent.withdrawn_by_id = actor.id
    db.session.flush()
    record_event('candidate.consent_withdrawn', actor=actor, obj=candidate,
                 details={'consent_id': consent.id, 'scope': consent.scope.value})
    if consent.scope == ConsentScope.ACTIVITIES:
        # their seats go to the first in line; withdrawing this consent withdraws no proposals
        cancel_future_registrations(actor, candidate=candidate, reason='consent_withdrawn')
        return 0
    if consent.scope != ConsentScope.PROPOSALS:
        return 0
    return _withdraw_early_proposals(actor, candidate, CONSENT_WITHDRAWN,
                                     _('The job seeker withdrew consent to be proposed to employers.'))


def _withdraw_early_proposals(actor, candidate: Candidate, reason: str, note: str) -> int:
    proposals = list(db.session.scalars(
        select(Proposal).where(Proposal.candidate_id == candidate.id, Proposal.state.in_(EARLY_PROPOSAL_STATES))
        .order_by(Proposal.id).with_for_update()))
    for proposal in proposals:
        # the proposals' own step: audited as proposal.withdraw, and the employer told if they had it
        withdraw_step(actor, proposal, note=note, data={'reason': reason})
    db.session.flush()
    return len(proposals)


def pause_candidate(actor, candidate: Candidate) -> None:
    """Temporarily not available (illness, care, a course): out of matching, still in the caseload."""
    _refuse_unless_editable(actor, candidate)
    if candidate.status != CandidateStatus.ACTIVE:
        raise OperationRefused(_('Only an active profile can be paused.'))
    candidate.status = CandidateStatus.PAUSED
    db.session.flush()
    record_event('candidate.paused', actor=actor, obj=candidate)


def reactivate_candidate(actor, candidate: Candidate) -> None:
    """Back in the caseload after a pause, or after leaving (as long as the profile is not anonymised)."""
    _refuse_unless_editable(actor, candidate)
    if candidate.status == CandidateStatus.ACTIVE:
        raise OperationRefused(_('This profile is already active.'))
    candidate.status = CandidateStatus.ACTIVE
    candidate.left_at = None
    candidate.left_reason = None
    db.session.flush()
    record_event('candidate.reactivated', actor=actor, obj=candidate)


def leave_caseload(actor, candidate: Candidate, *, reason: str) -> int:
    """The person leaves the caseload; their early proposals are withdrawn (returns how many). The profile is
    anonymised later by the periodic job."""
    _refuse_unless_editable(actor, candidate)
    if reason not in LEAVE_REASONS:
        raise OperationRefused(_('Choose why the job seeker leaves.'))
    if candidate.status == CandidateStatus.LEFT:
        raise OperationRefused(_('This job seeker has already left the caseload.'))
    candidate.status = CandidateStatus.LEFT
    candidate.left_at = utcnow()
    candidate.left_reason = reason
    db.session.flush()
    record_event('candidate.left', actor=actor, obj=candidate, details={'reason': reason})
    cancel_future_registrations(actor, candidate=candidate, reason='left_caseload')
    return _withdraw_early_proposals(actor, candidate, CANDIDATE_LEFT, _('The job seeker left the caseload.'))
