"""The ranking pages: the region's open needs, the candidates for a need, the needs for a candidate.

Candidates appear by their pseudonym code only. Every ranking shown is logged for the AI Act
(see operations.py), so these GET pages write one audit row and commit it.
"""

from dataclasses import dataclass

from flask import render_template
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from portal.blueprints.matching import bp, operations
from portal.blueprints.matching.explain import (
    MISSING_FIELD_LABELS,
    ExplainedPart,
    describe,
    excluded_count_lines,
    left_out_lines,
    skill_labels_for,
)
from portal.blueprints.matching.profiles import (
    candidate_pool,
    candidate_profiles,
    is_matchable_need,
    matchable_needs,
    need_profile,
    need_profiles,
    region_weights,
    with_need_data,
    with_profile_data,
)
from portal.blueprints.matching.rankings import eligible_counts, rank_candidates, rank_needs
from portal.core.access import allowed_or_404
from portal.core.dbtypes import today as dutch_today
from portal.extensions import db
from portal.matching import DEFAULT_WEIGHTS, Match
from portal.models.caseload import Candidate, CandidateStatus, ConsentScope
from portal.models.demand import StaffingNeed
from portal.models.matching import OPEN_STATES, Proposal
from portal.models.moderation import PostingKind, Review, ReviewState


@dataclass(frozen=True)
class Row:
    """One line of a ranking: the pair's match, the other side's row, the parts in words."""

    match: Match
    subject: object
    lines: list[ExplainedPart]
    is_proposed: bool

    @property
    def km(self) -> float | None:
        return next((part.facts.get('km') for part in self.match.parts if part.name == 'distance'), None)


def _rows(ranked_matches: list[Match], subjects: dict[int, object], proposed: set[int], *, by: str,
          occupation_of) -> list[Row]:
    locale = str(get_locale())
    parts = [part for match in ranked_matches for part in match.as_json()]
    labels = skill_labels_for(parts, locale)
    rows = []
    for match in ranked_matches:
        key = match.candidate_id if by == 'candidate' else match.need_id
        subject = subjects[key]
        rows.append(Row(match, subject, describe(match.as_json(), skill_labels=labels,
                                                 occupation=occupation_of(subject)), key in proposed))
    return rows


def _has_pending_change(need: StaffingNeed) -> bool:
    return db.session.scalar(select(Review.id).where(
        Review.posting_kind == PostingKind.NEED, Review.posting_id == need.id, Review.state == ReviewState.PENDING,
        Review.is_revision.is_(True)).limit(1)) is not None


@bp.get('/')
def open_needs():
    """The accountmanager's starting point: the region's open needs, and how many job seekers could fit each."""
    region_id = current_user.staff_region_id
    today = dutch_today()
    pool = candidate_pool(region_id, today, count_left_out=True)
    needs = matchable_needs(region_id, today)
    counts = eligible_counts(candidate_profiles(pool.candidates), need_profiles(needs), today=today)
    return render_template('matching/open_needs.html', needs=needs, counts=counts, pool_size=len(pool.candidates),
                           left_out=left_out_lines(pool.left_out), weights=region_weights(region_id),
                           defaults=DEFAULT_WEIGHTS, locale=str(get_locale()))


@bp.get('/behoefte/<int:need_id>')
def candidates_for_need(need_id: int):
    need = db.session.scalar(select(StaffingNeed).options(*with_need_data()).where(StaffingNeed.id == need_id))
    allowed_or_404(need is not None and need.can_match(current_user))
    today = dutch_today()
    weights = region_weights(need.region_id)
    locale = str(get_locale())
    page = {'need': need, 'weights': weights, 'defaults': DEFAULT_WEIGHTS, 'locale': locale,
            'is_matchable': is_matchable_need(need, today), 'today': today}
    if not page['is_matchable']:
        return render_template('matching/candidates_for_need.html', **page)
    pool = candidate_pool(need.region_id, today, count_left_out=True)
    candidates = {candidate.id: candidate for candidate in pool.candidates}
    profiles = candidate_profiles(pool.candidates)
    profile = need_profile(need)
    ranked = rank_candidates(profiles, profile, weights, today=today)
    operations.log_candidate_ranking(current_user, need, ranked=ranked, weights=weights, candidates=profiles,
                                     need_profile=profile, today=today, left_out=pool.left_out)
    proposed = set(db.session.scalars(select(Proposal.candidate_id).where(
        Proposal.need_id == need.id, Proposal.state.in_(OPEN_STATES))))
    occupation = need.occupation.label(locale)
    rows = _rows(ranked.matches, candidates, proposed, by='candidate', occupation_of=lambda _: occupation)
    html = render_template('matching/candidates_for_need.html', **page, ranked=ranked, rows=rows,
                           left_out=left_out_lines(pool.left_out),
                           ruled_out=excluded_count_lines(ranked.excluded_counts, of='candidates'),
                           has_pending_change=_has_pending_change(need))
    db.session.commit()  # after rendering: a commit expires every row the page still reads
    return html


def unmatchable_reasons(candidate: Candidate, today) -> list[str]:
    """Why a job seeker is not in the matching pool, as codes the page explains (each with its fix)."""
    if candidate.status == CandidateStatus.LEFT or candidate.anonymised_at is not None:
        return ['left']
    reasons = []
    if candidate.status == CandidateStatus.PAUSED:
        reasons.append('paused')
    if candidate.is_stale(today):
        reasons.append('stale')
    if not candidate.has_consent(ConsentScope.PROPOSALS):
        reasons.append('no_consent')
    if candidate.missing_fields():
        reasons.append('incomplete')
    return reasons


@bp.get('/kandidaat/<int:candidate_id>')
def needs_for_candidate(candidate_id: int):
    candidate = db.session.scalar(select(Candidate).options(*with_profile_data()).where(Candidate.id == candidate_id))
    allowed_or_404(candidate is not None and candidate.can_view(current_user))
    today = dutch_today()
    weights = region_weights(candidate.region_id)
    locale = str(get_locale())
    page = {'candidate': candidate, 'weights': weights, 'defaults': DEFAULT_WEIGHTS, 'locale': locale,
            'reasons': unmatchable_reasons(candidate, today), 'today': today,
            'missing': [MISSING_FIELD_LABELS[name] for name in candidate.missing_fields()]}
    if page['reasons']:
        return render_template('matching/needs_for_candidate.html', **page)
    needs = matchable_needs(candidate.region_id, today)
    profiles = need_profiles(needs)
    profile = candidate_profiles([candidate])[0]
    ranked = rank_needs(profile, profiles, weights, today=today)
    operations.log_need_ranking(current_user, candidate, ranked=ranked, weights=weights, candidate_profile=profile,
                                needs=profiles, today=today)
    proposed = set(db.session.scalars(select(Proposal.need_id).where(
        Proposal.candidate_id == candidate.id, Proposal.state.in_(OPEN_STATES))))
    rows = _rows(ranked.matches, {need.id: need for need in needs}, proposed, by='need',
                 occupation_of=lambda need: need.occupation.label(locale))
    html = render_template('matching/needs_for_candidate.html', **page, ranked=ranked, rows=rows,
                           ruled_out=excluded_count_lines(ranked.excluded_counts, of='needs'))
    db.session.commit()  # after rendering: a commit expires every row the page still reads
    return html
