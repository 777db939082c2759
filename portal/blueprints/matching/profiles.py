"""Rows to matcher profiles: the one place that reads candidates and needs for `portal.matching`."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

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
from portal.models.places import PostcodeArea

SKILL_LEVEL_RANK = {'basic': 1, 'good': 2, 'expert': 3}


def region_weights(region_id: int) -> Weights:
    row = db.session.get(MatchWeights, region_id)
    return Weights(**row.as_dict()) if row is not None else DEFAULT_WEIGHTS


def municipality_point(municipality_id: int) -> tuple[float, float] | None:
    """The mean of the municipality's postcode-area centres: where a need without a postcode is placed."""
    lat, lon = db.session.execute(
        select(func.avg(PostcodeArea.latitude), func.avg(PostcodeArea.longitude))
        .where(PostcodeArea.municipality_id == municipality_id)).one()
    return (float(lat), float(lon)) if lat is not None else None


def need_point(need: StaffingNeed) -> tuple[float, float] | None:
    if need.postcode:
        area = db.session.get(PostcodeArea, need.postcode[:4])
        if area is not None:
            return area.point
    return municipality_point(need.municipality_id)


def need_profile(need: StaffingNeed, point: tuple[float, float] | None = None) -> NeedProfile:
    return NeedProfile(
        id=need.id, point=point if point is not None else need_point(need),
        hours_min=need.hours_min, hours_max=need.hours_max,
        openness=frozenset(name.removeprefix('open_to_') for name in need.openness),
        day_parts=frozenset(need.day_parts or ()), start_on=need.start_on, ends_on=need.ends_on,
        required_skills=frozenset(link.skill_id for link in need.skill_links if link.is_required),
        wished_skills=frozenset(link.skill_id for link in need.skill_links if not link.is_required),
        isco_code=need.occupation.isco_code, required_dutch_rank=REQUIRED_DUTCH_RANK[need.language_level.value])


def candidate_profile(candidate: Candidate, points: dict[str, tuple[float, float]]) -> CandidateProfile:
    """`points`: postcode-area centres by code (see `PostcodeArea.points`)."""
    dutch = candidate.dutch_level
    return CandidateProfile(
        id=candidate.id, point=points.get(candidate.postcode_area or ''),
        hours_min=candidate.hours_min, hours_max=candidate.hours_max, max_travel_km=candidate.max_travel_km,
        available_from=candidate.available_from, day_parts=frozenset(candidate.day_parts or ()),
        support_needs=frozenset(candidate.support_needs or ()),
        skills={link.skill_id: SKILL_LEVEL_RANK[link.level.value] for link in candidate.skill_links},
        experience=_experience(candidate.experience),
        dutch_rank=DUTCH_RANK[dutch.value if dutch else None],
        education_rank=EDUCATION_RANK[candidate.education_level.value],
        target_groups=frozenset(candidate.target_groups or ()), loonwaarde=candidate.loonwaarde,
        has_consent=candidate.has_consent(ConsentScope.PROPOSALS))


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


def matchable_candidates(region_id: int, today: date):
    """The region's matching pool: active, confirmed within 8 weeks, consent to be proposed in force.

    Incomplete profiles are dropped afterwards by `Candidate.missing_fields()`.
    """
    consented = exists().where(CandidateConsent.candidate_id == Candidate.id,
                               CandidateConsent.scope == ConsentScope.PROPOSALS,
                               CandidateConsent.withdrawn_at.is_(None))
    query = (select(Candidate).options(*with_profile_data())
             .where(Candidate.region_id == region_id, Candidate.status == CandidateStatus.ACTIVE,
                    Candidate.anonymised_at.is_(None), Candidate.availability_confirmed_on >= today - FRESHNESS,
                    consented)
             .order_by(Candidate.id))
    return [c for c in db.session.scalars(query) if not c.missing_fields()]


def score(candidate: Candidate, need: StaffingNeed, today: date, weights: Weights | None = None) -> Match:
    """One pair, as a proposal stores it."""
    points = PostcodeArea.points([candidate.postcode_area])
    return score_pair(candidate_profile(candidate, points), need_profile(need),
                      weights or region_weights(need.region_id), today=today)
