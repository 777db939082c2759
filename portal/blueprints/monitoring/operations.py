"""Changes this area makes: anonymising job seekers who left or withdrew consent, clearing old import files,
and the audit row of an export of the figures.

Anonymising keeps exactly what the outcome figures count (municipality, target groups,
education, status, every proposal's states, dates, follow-up answers and reasons), so the
figures are the same before and after; everything that could name or describe the person goes.
"""

from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import selectinload

from portal.core.audit import record_event
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.activities import ActivityFeedback, Registration
from portal.models.buddies import BuddyPairing
from portal.models.caseload import Candidate, CandidateConsent, CandidateImport, CandidateStatus, ConsentScope
from portal.models.matching import OPEN_STATES, Proposal

#: what an anonymised proposal's motivation holds instead: a mark in no language (a real motivation is never this
#: short), which the proposal pages show as "(removed)" in the reader's language
ANONYMISED_MOTIVATION = '—'
#: an uploaded file that was not imported within this time loses its content
IMPORT_KEPT_FOR = timedelta(hours=24)
#: candidates anonymised per flush, so a large backlog does not sit in memory at once
BATCH = 200

LEFT, CONSENT_WITHDRAWN = 'left', 'consent_withdrawn'


def _open_proposal():
    return exists().where(Proposal.candidate_id == Candidate.id, Proposal.state.in_(OPEN_STATES))


def due_for_anonymising(now: datetime, after: timedelta):
    """Ids of candidates to anonymise: left the caseload, or withdrew consent to be proposed and have no consent
    left in force, longer than `after` ago; never while a proposal for them is still open (a hire is followed
    up for a year, and staff need to know whom to ask)."""
    cutoff = now - after
    consent_in_force = exists().where(CandidateConsent.candidate_id == Candidate.id,
                                      CandidateConsent.withdrawn_at.is_(None))
    last_withdrawal = (select(func.max(CandidateConsent.withdrawn_at))
                       .where(CandidateConsent.candidate_id == Candidate.id,
                              CandidateConsent.scope == ConsentScope.PROPOSALS)
                       .correlate(Candidate).scalar_subquery())
    left = and_(Candidate.status == CandidateStatus.LEFT, Candidate.left_at.is_not(None), Candidate.left_at < cutoff)
    withdrew = and_(~consent_in_force, last_withdrawal < cutoff)
    return (select(Candidate.id)
            .where(Candidate.anonymised_at.is_(None), ~_open_proposal(), or_(left, withdrew))
            .order_by(Candidate.id))


def anonymise_candidate(actor, candidate: Candidate, *, now: datetime, reason: str) -> None:
    """Clear the person's details in place and in their proposals; `actor` None is the system's job."""
    if candidate.anonymised_at is not None:
        raise OperationRefused(_l('This profile has already been anonymised.'))
    if db.session.scalar(select(exists().where(Proposal.candidate_id == candidate.id,
                                               Proposal.state.in_(OPEN_STATES)))):
        raise OperationRefused(_l('A proposal for this job seeker is still open: end it first.'))
    candidate.first_name = candidate.reference = candidate.notes = None
    candidate.postcode_area = None
    candidate.loonwaarde = None
    candidate.skill_links.clear()
    candidate.experience.clear()
    candidate.languages.clear()
    candidate.consents.clear()
    candidate.day_parts = []
    candidate.support_needs = []
    candidate.anonymised_at = now
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.candidate_id == candidate.id)
        .options(selectinload(Proposal.events), selectinload(Proposal.follow_ups))).all()
    for proposal in proposals:
        proposal.shared_name = proposal.shared_phone = proposal.shared_email = None
        proposal.motivation = ANONYMISED_MOTIVATION
        proposal.decline_text = proposal.end_text = None
        proposal.score_parts = bare_parts(proposal.score_parts)
        if proposal.card is not None:
            proposal.card = {'code': candidate.code}
        for event in proposal.events:
            event.note = None
        for follow_up in proposal.follow_ups:
            follow_up.note = None
    _anonymise_activities(candidate)
    db.session.flush()
    record_event('candidate.anonymised', actor=actor, obj=candidate,
                 details={'reason': reason, 'proposals': len(proposals)})


def bare_parts(parts: list[dict] | None) -> list[dict]:
    """A score's parts without the facts behind them (the km from home, maximum travel, hours, Dutch level,
    skills): the name, points and maximum only, which describe the match and not the person."""
    return [{'name': part['name'], 'points': part['points'], 'max': part['max']} for part in parts or ()]


def _anonymise_activities(candidate: Candidate) -> None:
    """Buddy pairings lose the shared identity and the written feedback (the next step stays for the figures);
    hosts' feedback on activities keeps its scores, not its words."""
    for pairing in db.session.scalars(select(BuddyPairing).where(BuddyPairing.candidate_id == candidate.id)):
        pairing.shared_name = pairing.shared_phone = pairing.shared_email = None
        pairing.strengths = pairing.to_work_on = pairing.next_step_note = pairing.stop_reason = None
    feedback_rows = db.session.scalars(
        select(ActivityFeedback).join(Registration).where(Registration.candidate_id == candidate.id))
    for feedback in feedback_rows:
        feedback.answers = {key: value for key, value in feedback.answers.items() if not isinstance(value, str)}
    for registration in db.session.scalars(select(Registration).where(Registration.candidate_id == candidate.id)):
        registration.cancel_reason = None


def anonymise_due_candidates(now: datetime, after: timedelta) -> int:
    """Anonymise every candidate `due_for_anonymising`; returns how many."""
    ids = list(db.session.scalars(due_for_anonymising(now, after)))
    cutoff = now - after
    for start in range(0, len(ids), BATCH):
        candidates = db.session.scalars(
            select(Candidate).where(Candidate.id.in_(ids[start:start + BATCH]))
            .options(selectinload(Candidate.skill_links), selectinload(Candidate.experience),
                     selectinload(Candidate.languages), selectinload(Candidate.consents))).all()
        for candidate in candidates:
            left = (candidate.status == CandidateStatus.LEFT and candidate.left_at is not None
                    and candidate.left_at < cutoff)
            anonymise_candidate(None, candidate, now=now, reason=LEFT if left else CONSENT_WITHDRAWN)
    return len(ids)


def clear_stale_imports(now: datetime) -> int:
    """Empty the content of uploaded candidate files older than IMPORT_KEPT_FOR (the rows hold staff-only data);
    such an upload can no longer be imported. Returns how many were cleared."""
    result = db.session.execute(
        update(CandidateImport)
        .where(CandidateImport.content.is_not(None), CandidateImport.created_at < now - IMPORT_KEPT_FOR)
        .values(content=None).execution_options(synchronize_session='fetch'))
    return result.rowcount


def record_export(actor, region, *, report: str, selection: dict[str, Any]) -> None:
    """An export of the region's anonymous figures leaves the portal: who took which one."""
    record_event('monitoring.exported', actor=actor, obj=region, details={'report': report, **selection})
