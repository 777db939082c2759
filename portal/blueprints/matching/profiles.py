"""Rows to matcher profiles: the one place that reads candidates and needs for `portal.matching`.

Everything here loads in a fixed number of queries however many rows there are, so a ranking
page costs the same for a region of 50 job seekers as for one of 5,000.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.matching import DEFAULT_WEIGHTS, CandidateProfile, Match, NeedProfile, Weights, score_pair
from portal.matching.profiles import DUTCH_RANK, EDUCATION_RANK, REQUIRED_DUTCH_RANK
from portal.models.caseload import (
    FRESHNESS,
    Candidate,
    CandidateConsent,
    CandidateExperience,
    CandidateStatus,
    ConsentScope,
)
from portal.models.demand import StaffingNeed
from portal.models.matching import MatchWeights
from portal.models.moderation import PostingState
from portal.models.places import PostcodeArea

SKILL_LEVEL_RANK = {'basic': 1, 'good': 2, 'expert': 3}
#: why a candidate of the region is not in the matching pool, in the order a candidate is counted under
LEFT_OUT_REASONS = ('left', 'paused', 'stale', 'no_consent', 'incomplete')
Point = tuple[float, float]


def region_weights(region_id: int) -> Weights:
    row = db.session.get(MatchWeights, region_id)
    return Weights(**row.as_dict()) if row is not None else DEFAULT_WEIGHTS


def municipality_point(municipality_id: int) -> Point | None:
    """The mean of the municipality's postcode-area centres: where a need without a postcode is placed."""
    return municipality_points([municipality_id]).get(municipality_id)


def municipality_points(municipality_ids: Iterable[int]) -> dict[int, Point]:
    """`municipality_point` for many municipalities in one query."""
    ids = set(municipality_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(PostcodeArea.municipality_id, func.avg(PostcodeArea.latitude), func.avg(PostcodeArea.longitude))
        .where(PostcodeArea.municipality_id.in_(ids)).group_by(PostcodeArea.municipality_id))
    return {municipality_id: (float(lat), float(lon)) for municipality_id, lat, lon in rows if lat is not None}


def need_point(need: StaffingNeed) -> Point | None:
    return need_points([need]).get(need.id)


def need_points(needs: Sequence[StaffingNeed]) -> dict[int, Point]:
    """Where each need's work is: its postcode area, else the centre of its municipality (two queries at most)."""
    areas = PostcodeArea.points(need.postcode[:4] for need in needs if need.postcode)
    placed = {need.id: areas[need.postcode[:4]] for need in needs if need.postcode and need.postcode[:4] in areas}
    centres = municipality_points(need.municipality_id for need in needs if need.id not in placed)
    for need in needs:
        if need.id not in placed and need.municipality_id in centres:
            placed[need.id] = centres[need.municipality_id]
    return placed


def need_profile(need: StaffingNeed, point: Point | None = None) -> NeedProfile:
    """The need as the matcher reads it; `point` (else looked up) is where the work is."""
    return _need_profile(need, point if point is not None else need_point(need))


def _need_profile(need: StaffingNeed, point: Point | None) -> NeedProfile:
    return NeedProfile(
        id=need.id, point=point,
        hours_min=need.hours_min, hours_max=need.hours_max,
        openness=frozenset(name.removeprefix('open_to_') for name in need.openness),
        day_parts=frozenset(need.day_parts or ()), start_on=need.start_on, ends_on=need.ends_on,
        required_skills=frozenset(link.skill_id for link in need.skill_links if link.is_required),
        wished_skills=frozenset(link.skill_id for link in need.skill_links if not link.is_required),
        isco_code=need.occupation.isco_code, required_dutch_rank=REQUIRED_DUTCH_RANK[need.language_level])


def candidate_profile(candidate: Candidate, points: dict[str, Point]) -> CandidateProfile:
    """`points`: postcode-area centres by code (see `PostcodeArea.points`).

    The enums are StrEnums, so they look up their values' entries directly (`.value` is slow in a loop of thousands).
    """
    dutch = candidate.dutch_level
    return CandidateProfile(
        id=candidate.id, point=points.get(candidate.postcode_area or ''),
        hours_min=candidate.hours_min, hours_max=candidate.hours_max, max_travel_km=candidate.max_travel_km,
        available_from=candidate.available_from, day_parts=frozenset(candidate.day_parts or ()),
        support_needs=frozenset(candidate.support_needs or ()),
        skills={link.skill_id: SKILL_LEVEL_RANK[link.level] for link in candidate.skill_links},
        experience=_experience(candidate.experience),
        dutch_rank=DUTCH_RANK[dutch],
        education_rank=EDUCATION_RANK[candidate.education_level],
        target_groups=frozenset(candidate.target_groups or ()), loonwaarde=candidate.loonwaarde,
        has_consent=candidate.has_consent(ConsentScope.PROPOSALS))


def candidate_profiles(candidates: Sequence[Candidate]) -> list[CandidateProfile]:
    """Profiles of candidates loaded `with_profile_data()`, their postcode areas in one query."""
    points = PostcodeArea.points(candidate.postcode_area for candidate in candidates)
    return [candidate_profile(candidate, points) for candidate in candidates]


def _experience(rows: Iterable[CandidateExperience]) -> dict[str, int]:
    years: dict[str, int] = {}
    for row in rows:
        code = row.occupation.isco_code
        years[code] = max(years.get(code, 0), row.years)
    return years


def with_profile_data():
    """Loader options for everything `candidate_profile` reads, in a fixed number of queries."""
    return (selectinload(Candidate.skill_links), selectinload(Candidate.languages), selectinload(Candidate.consents),
            selectinload(Candidate.experience).selectinload(CandidateExperience.occupation))


def _consented():
    return exists().where(CandidateConsent.candidate_id == Candidate.id,
                          CandidateConsent.scope == ConsentScope.PROPOSALS,
                          CandidateConsent.withdrawn_at.is_(None))


def _fresh_and_consented(region_id: int, today: date):
    return (select(Candidate).options(*with_profile_data())
            .where(Candidate.region_id == region_id, Candidate.status == CandidateStatus.ACTIVE,
                   Candidate.anonymised_at.is_(None), Candidate.availability_confirmed_on >= today - FRESHNESS,
                   _consented())
            .order_by(Candidate.id))


def matchable_candidates(region_id: int, today: date):
    """The region's matching pool: active, confirmed within 8 weeks, consent to be proposed in force.

    Incomplete profiles are dropped afterwards by `Candidate.missing_fields()`.
    """
    return candidate_pool(region_id, today).candidates


@dataclass
class CandidatePool:
    """The region's matchable candidates, and how many others were left out, per reason (LEFT_OUT_REASONS)."""

    candidates: list[Candidate]
    left_out: dict[str, int] = field(default_factory=dict)


def candidate_pool(region_id: int, today: date, *, count_left_out: bool = False) -> CandidatePool:
    """`matchable_candidates`, and with `count_left_out` one more query that says who is not in it and why."""
    loaded = list(db.session.scalars(_fresh_and_consented(region_id, today)))
    candidates = [candidate for candidate in loaded if not candidate.missing_fields()]
    left_out: dict[str, int] = {}
    if count_left_out:
        left_out = left_out_counts(region_id, today)
        left_out['incomplete'] = len(loaded) - len(candidates)
    return CandidatePool(candidates, {reason: left_out[reason] for reason in LEFT_OUT_REASONS if left_out.get(reason)})


def left_out_counts(region_id: int, today: date) -> dict[str, int]:
    """The region's candidates outside the pool, each counted once under the first reason that holds
    (left, paused, stale, no consent); incomplete profiles are counted by `candidate_pool`."""
    reason = case(
        (or_(Candidate.status == CandidateStatus.LEFT, Candidate.anonymised_at.is_not(None)), 'left'),
        (Candidate.status == CandidateStatus.PAUSED, 'paused'),
        (Candidate.availability_confirmed_on < today - FRESHNESS, 'stale'),
        (~_consented(), 'no_consent'),
        else_='pool')
    reasons = select(reason.label('reason')).where(Candidate.region_id == region_id).subquery()
    rows = db.session.execute(select(reasons.c.reason, func.count()).group_by(reasons.c.reason))
    return {name: count for name, count in rows if name != 'pool'}


def with_need_data():
    """Loader options for everything `need_profile` and the ranking pages read of a need."""
    return (selectinload(StaffingNeed.skill_links), joinedload(StaffingNeed.occupation),
            joinedload(StaffingNeed.organisation), joinedload(StaffingNeed.municipality))


def is_matchable_need(need: StaffingNeed, today: date) -> bool:
    """Published (a change waiting for review included) and not past its end date."""
    return need.state == PostingState.PUBLISHED and need.ends_on >= today


def matchable_needs(region_id: int, today: date) -> list[StaffingNeed]:
    """The region's published needs that have not come to their end date, newest first."""
    return list(db.session.scalars(
        select(StaffingNeed).options(*with_need_data())
        .where(StaffingNeed.region_id == region_id, StaffingNeed.state == PostingState.PUBLISHED,
               StaffingNeed.ends_on >= today)
        .order_by(StaffingNeed.published_at.desc(), StaffingNeed.id.desc())).unique())


def need_profiles(needs: Sequence[StaffingNeed]) -> list[NeedProfile]:
    """Profiles of needs loaded `with_need_data()`; a need whose place is unknown gets no point."""
    points = need_points(needs)
    return [_need_profile(need, points.get(need.id)) for need in needs]


def score(candidate: Candidate, need: StaffingNeed, today: date, weights: Weights | None = None) -> Match:
    """One pair, as a proposal stores it."""
    points = PostcodeArea.points([candidate.postcode_area])
    return score_pair(candidate_profile(candidate, points), need_profile(need),
                      weights or region_weights(need.region_id), today=today)
