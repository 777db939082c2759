"""Many pairs through the engine: the best few, and how many pairs each hard condition ruled out.

A need's candidates go through the vectorised engine (`portal.matching.ranking`), which gives the
very `Match` objects `score_pair` gives; a job seeker's needs are few, so they are scored one by
one. Either way the order is the total, highest first, then the lower id.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from portal.matching import CandidateProfile, Match, NeedProfile, Weights, score_pair
from portal.matching.ranking import EXCLUDED, CandidatePool, rank, score_matrix
from portal.matching.rules import AVAILABILITY, DAY_PARTS, DISTANCE, HOURS, NO_CONSENT, SUPPORT

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


def _pool(candidates: Sequence[CandidateProfile]) -> CandidatePool:
    # the engine breaks ties by position, so the pool goes in id order
    return CandidatePool.from_profiles(sorted(candidates, key=lambda profile: profile.id))


def rank_candidates(candidates: Sequence[CandidateProfile], need: NeedProfile, weights: Weights, *, today: date,
                    limit: int = CANDIDATES_SHOWN) -> Ranked:
    ranking = rank(_pool(candidates), need, weights, today=today, limit=limit)
    counts = ranking.excluded_counts
    return Ranked(list(ranking.matches), ranking.pool_size, ranking.eligible,
                  {code: counts[code] for code in CONDITIONS if counts.get(code)})


def rank_needs(candidate: CandidateProfile, needs: Sequence[NeedProfile], weights: Weights, *, today: date,
               limit: int = NEEDS_SHOWN) -> Ranked:
    matches = [score_pair(candidate, need, weights, today=today) for need in needs]
    return _ranked(matches, lambda match: (-match.total_tenths, match.need_id), limit)


def eligible_counts(candidates: Sequence[CandidateProfile], needs: Sequence[NeedProfile], *,
                    today: date) -> dict[int, int]:
    """Per need id, how many candidates no hard condition rules out."""
    if not needs:
        return {}
    if not candidates:
        return {need.id: 0 for need in needs}
    # any weights will do: only whether a pair is ruled out counts here
    matrix = score_matrix(_pool(candidates), needs, Weights(), today=today)
    passing = (matrix.totals != EXCLUDED).sum(axis=1)
    return {int(need_id): int(count) for need_id, count in zip(matrix.need_ids, passing, strict=True)}
