"""Many pairs through the engine: the best few, and how many pairs each hard condition ruled out.

The pure engine scores one pair (`score_pair`); this module walks a pool with it. The order is
the total, highest first, and then the lower id, so the same data always gives the same list.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from portal.matching import CandidateProfile, Match, NeedProfile, Weights, score_pair
from portal.matching.geo import distance_km
from portal.matching.rules import AVAILABILITY, DAY_PARTS, DISTANCE, HOURS, NO_CONSENT, SUPPORT, exclusions

#: hard conditions in the order the pages report them
CONDITIONS = (NO_CONSENT, HOURS, DISTANCE, DAY_PARTS, AVAILABILITY, SUPPORT)
CANDIDATES_SHOWN = 50
NEEDS_SHOWN = 30


@dataclass(frozen=True)
class Ranked:
    #: the best pairs that no hard condition rules out, best first
    matches: list[Match]
    #: how many pairs were scored
    pool_size: int
    #: how many of them no hard condition rules out
    eligible: int
    #: per hard condition, the pairs it rules out (a pair ruled out twice counts under both)
    excluded_counts: dict[str, int]


def _ranked(matches: Sequence[Match], key, limit: int) -> Ranked:
    counts = Counter(code for match in matches for code in match.excluded)
    eligible = sorted((match for match in matches if not match.is_excluded), key=key)
    return Ranked(eligible[:limit], len(matches), len(eligible),
                  {code: counts[code] for code in CONDITIONS if counts[code]})


def rank_candidates(candidates: Sequence[CandidateProfile], need: NeedProfile, weights: Weights, *, today: date,
                    limit: int = CANDIDATES_SHOWN) -> Ranked:
    matches = [score_pair(candidate, need, weights, today=today) for candidate in candidates]
    return _ranked(matches, lambda match: (-match.total_tenths, match.candidate_id), limit)


def rank_needs(candidate: CandidateProfile, needs: Sequence[NeedProfile], weights: Weights, *, today: date,
               limit: int = NEEDS_SHOWN) -> Ranked:
    matches = [score_pair(candidate, need, weights, today=today) for need in needs]
    return _ranked(matches, lambda match: (-match.total_tenths, match.need_id), limit)


def eligible_counts(candidates: Sequence[CandidateProfile], needs: Sequence[NeedProfile]) -> dict[int, int]:
    """Per need id, how many candidates no hard condition rules out (the hard conditions only: no scores)."""
    counts = {}
    for need in needs:
        passing = 0
        for candidate in candidates:
            km = distance_km(candidate.point, need.point) if candidate.point and need.point else None
            if not exclusions(candidate, need, km):
                passing += 1
        counts[need.id] = passing
    return counts
