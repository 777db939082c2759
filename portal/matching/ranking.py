"""The matching rules for a whole pool at once: `rules.score_pair` as NumPy column arithmetic.

`CandidatePool.from_profiles` turns the profiles into columns once; `score_pool` then scores every
candidate against a need in a few array operations per part, `rank` keeps the best as the very
`Match` objects `score_pair` makes, and `score_matrix` scores many needs for a benchmark or a
report. Every part is a whole number of tenths computed exactly as in `rules` (integers, rounded
half up); only the distance uses floating point, and a distance within a hair of a rounding
boundary is computed again by `geo.distance_km` itself, so the two engines agree to the tenth.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from portal.matching import rules
from portal.matching.geo import EARTH_RADIUS_KM, distance_km
from portal.matching.profiles import SKILL_LEVEL_TENTHS, CandidateProfile, Match, NeedProfile, Weights

#: a pair that a hard condition rules out, in `score_matrix`
EXCLUDED = -1
#: how close (in tenths of a km) to a rounding boundary NumPy's distance must be to be recomputed exactly
_BOUNDARY = 1e-6
_LEVEL_TENTHS = np.zeros(max(SKILL_LEVEL_TENTHS) + 1, dtype=np.int32)
for _level, _value in SKILL_LEVEL_TENTHS.items():
    _LEVEL_TENTHS[_level] = _value
_HELPFUL_WHEN = ('learn_work', 'wage_subsidy', 'job_coach')


@dataclass(frozen=True, slots=True)
class Postings:
    """Candidate rows (indices into the pool) and a small number for each: a skill's levels, an occupation's years."""

    rows: np.ndarray
    values: np.ndarray


def _postings(pairs: dict[object, list[tuple[int, int]]]) -> dict[object, Postings]:
    return {key: Postings(np.array([row for row, _ in items], dtype=np.int32),
                          np.array([value for _, value in items], dtype=np.int16))
            for key, items in pairs.items()}


def _bits(vocabulary: dict[str, int], values: Iterable[str]) -> int:
    mask = 0
    for value in values:
        mask |= 1 << vocabulary.setdefault(value, len(vocabulary))
    return mask


@dataclass(frozen=True, eq=False)
class CandidatePool:
    """Candidates as columns, in order of id; build it once, rank many needs against it."""

    profiles: tuple[CandidateProfile, ...]
    ids: np.ndarray
    has_consent: np.ndarray
    hours_min: np.ndarray
    hours_max: np.ndarray
    max_travel_km: np.ndarray
    available_from: np.ndarray  # date ordinals
    day_parts: np.ndarray  # bit masks over day_part_bits
    support_needs: np.ndarray  # bit masks over support_bits
    dutch_rank: np.ndarray
    #: the instruments of `rules.helpful_instruments` beyond a trial placement: one column each
    helpful: dict[str, np.ndarray]
    helpful_count: np.ndarray
    #: index into point_lat/point_lon; -1 when the person's point is unknown
    point_index: np.ndarray
    point_lat: np.ndarray
    point_lon: np.ndarray
    day_part_bits: dict[str, int]
    support_bits: dict[str, int]
    #: skill id → the candidates that have it, with their level
    skills: dict[int, Postings]
    #: ISCO unit group → candidates with experience in it and their years; minor group (3 digits) → the most years
    experience: dict[str, Postings]
    experience_minor: dict[str, Postings]

    @property
    def size(self) -> int:
        return len(self.profiles)

    @classmethod
    def from_profiles(cls, profiles: Iterable[CandidateProfile]) -> 'CandidatePool':
        ordered = tuple(sorted(profiles, key=lambda p: p.id))
        day_part_bits: dict[str, int] = {}
        support_bits: dict[str, int] = {}
        points: dict[tuple[float, float], int] = {}
        skills: dict[object, list[tuple[int, int]]] = {}
        experience: dict[object, list[tuple[int, int]]] = {}
        minor: dict[object, dict[int, int]] = {}
        columns: dict[str, list] = {name: [] for name in (
            'ids', 'consent', 'hours_min', 'hours_max', 'travel', 'available', 'day_parts', 'support', 'dutch',
            'learn_work', 'wage_subsidy', 'job_coach', 'point')}
        for row, p in enumerate(ordered):
            columns['ids'].append(p.id)
            columns['consent'].append(p.has_consent)
            columns['hours_min'].append(p.hours_min)
            columns['hours_max'].append(p.hours_max)
            columns['travel'].append(p.max_travel_km)
            columns['available'].append(p.available_from.toordinal())
            columns['day_parts'].append(_bits(day_part_bits, p.day_parts))
            columns['support'].append(_bits(support_bits, p.support_needs))
            columns['dutch'].append(p.dutch_rank)
            helpful = rules.helpful_instruments(p)
            for name in _HELPFUL_WHEN:
                columns[name].append(name in helpful)
            columns['point'].append(-1 if p.point is None else points.setdefault(p.point, len(points)))
            for skill, level in p.skills.items():
                skills.setdefault(skill, []).append((row, level))
            for code, years in p.experience.items():
                experience.setdefault(code, []).append((row, years))
                group = minor.setdefault(code[:3], {})
                group[row] = max(group.get(row, 0), years)
        if len(day_part_bits) > 63 or len(support_bits) > 63:
            raise ValueError('more than 63 different day parts or support needs')
        lat_lon = np.array(list(points), dtype=np.float64).reshape(-1, 2)
        helpful_columns = {name: np.array(columns[name], dtype=bool) for name in _HELPFUL_WHEN}
        return cls(
            profiles=ordered, ids=np.array(columns['ids'], dtype=np.int64),
            has_consent=np.array(columns['consent'], dtype=bool),
            hours_min=np.array(columns['hours_min'], dtype=np.int32),
            hours_max=np.array(columns['hours_max'], dtype=np.int32),
            max_travel_km=np.array(columns['travel'], dtype=np.int32),
            available_from=np.array(columns['available'], dtype=np.int32),
            day_parts=np.array(columns['day_parts'], dtype=np.uint64),
            support_needs=np.array(columns['support'], dtype=np.uint64),
            dutch_rank=np.array(columns['dutch'], dtype=np.int32),
            helpful=helpful_columns, helpful_count=1 + sum(c.astype(np.int32) for c in helpful_columns.values()),
            point_index=np.array(columns['point'], dtype=np.int32),
            point_lat=lat_lon[:, 0].copy(), point_lon=lat_lon[:, 1].copy(),
            day_part_bits=day_part_bits, support_bits=support_bits,
            skills=_postings(skills), experience=_postings(experience),
            experience_minor=_postings({key: list(rows.items()) for key, rows in minor.items()}))


@dataclass(frozen=True, slots=True)
class PoolScores:
    """One need against the whole pool: each part in tenths and each hard condition, per candidate."""

    parts: dict[str, np.ndarray]
    excluded: dict[str, np.ndarray]

    @property
    def total(self) -> np.ndarray:
        return sum(self.parts.values())

    @property
    def any_excluded(self) -> np.ndarray:
        return np.logical_or.reduce(list(self.excluded.values()))


def _tenths(weight: int, numerator, denominator, size: int) -> np.ndarray:
    """`rules.tenths` on arrays (or scalars, spread over `size` rows).

    Floating-point division is exact enough here: numerator and denominator are whole numbers far
    below 2**26, so a quotient that is not whole lies at least 1/denominator from the next whole
    number, many orders of magnitude more than the rounding error of one division.
    """
    numerator = np.minimum(np.maximum(numerator, 0), denominator)
    quotient = np.floor((20.0 * weight * numerator + denominator) / (2.0 * np.asarray(denominator, dtype=np.float64)))
    return np.broadcast_to(quotient, size).astype(np.int16)


def _table(weight: int, fractions: Sequence[tuple[int, int]]) -> np.ndarray:
    """Tenths for each of a few possible fractions, to look up by index."""
    return np.array([rules.tenths(weight, n, d) for n, d in fractions], dtype=np.int16)


def distance_tenths(pool: CandidatePool, point: tuple[float, float] | None) -> np.ndarray:
    """Kilometres in tenths from each of the pool's points to `point` (−1: unknown), as `geo.distance_km` rounds."""
    if point is None or not len(pool.point_lat):
        return np.full(len(pool.point_lat), -1, dtype=np.int32)
    lat1, lon1 = np.radians(pool.point_lat), np.radians(pool.point_lon)
    lat2, lon2 = math.radians(point[0]), math.radians(point[1])
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * math.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    raw = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h)) * 10
    km = np.floor(raw + 0.5)
    for i in np.flatnonzero(np.abs(raw - np.floor(raw) - 0.5) < _BOUNDARY):
        km[i] = round(distance_km((float(pool.point_lat[i]), float(pool.point_lon[i])), point) * 10)
    return km.astype(np.int32)


def _gather(postings: Postings | None, size: int, fill: int, dtype=np.int32) -> np.ndarray:
    column = np.full(size, fill, dtype=dtype)
    if postings is not None:
        column[postings.rows] = postings.values
    return column


def score_pool(pool: CandidatePool, need: NeedProfile, weights: Weights, *, today: date) -> PoolScores:
    """`rules.score_pair` for every candidate of the pool against `need`."""
    n = pool.size
    km_by_point = distance_tenths(pool, need.point)
    km = np.where(pool.point_index >= 0, km_by_point[pool.point_index] if len(km_by_point) else -1, -1)
    known = km >= 0

    day_mask = sum(1 << pool.day_part_bits[part] for part in need.day_parts if part in pool.day_part_bits)
    open_mask = sum(1 << bit for value, bit in pool.support_bits.items() if value in need.openness)
    excluded = {
        rules.NO_CONSENT: ~pool.has_consent,
        rules.HOURS: (pool.hours_max < rules.part_time_floor(need)) | (pool.hours_min > need.hours_max),
        rules.DISTANCE: known & (km > 10 * pool.max_travel_km),
        rules.DAY_PARTS: (np.zeros(n, dtype=bool) if not need.day_parts
                          else (pool.day_parts & np.uint64(day_mask)) == 0),
        rules.AVAILABILITY: pool.available_from > need.ends_on.toordinal(),
        rules.SUPPORT: (pool.support_needs & ~np.uint64(open_mask)) != 0,
    }

    # skills: required ones by level, in tenths; wished ones by count
    required_tenths = np.zeros(n, dtype=np.int32)
    for skill in need.required_skills:
        if (postings := pool.skills.get(skill)) is not None:
            required_tenths[postings.rows] += _LEVEL_TENTHS[postings.values]
    wished_matched = np.zeros(n, dtype=np.int32)
    for skill in need.wished_skills:
        if (postings := pool.skills.get(skill)) is not None:
            wished_matched[postings.rows] += 1
    numerator, denominator = rules.skills_fraction(required_tenths, len(need.required_skills), wished_matched,
                                                   len(need.wished_skills))

    # experience: years in the need's occupation, else the most years in its minor group (at half the points)
    full = rules.FULL_EXPERIENCE_YEARS
    same = _gather(pool.experience.get(need.isco_code), n, -1)
    related = _gather(pool.experience_minor.get(need.isco_code[:3]), n, -1)
    same_table = _table(weights.experience, [(1 + y, 1 + full) for y in range(full + 1)])
    related_table = _table(weights.experience, [(1 + y, 2 * (1 + full)) for y in range(full + 1)])
    experience = np.where(same >= 0, same_table[np.clip(same, 0, full)],
                          np.where(related >= 0, related_table[np.clip(related, 0, full)], 0)).astype(np.int16)

    gap = need.required_dutch_rank - pool.dutch_rank
    language_table = _table(weights.language, [(1, 1), (1, 2), (0, 1)])
    language = language_table[np.where(gap <= 0, 0, np.where(gap == 1, 1, 2))]

    asked = need.hours_min  # all of the hours part from the need's minimum up; below it, a share
    hours_table = _table(weights.hours, [(1, 1) if h >= asked else (h, asked) for h in range(asked + 1)])
    hours = hours_table[np.clip(pool.hours_max, 0, asked)]

    travel, nearby = pool.max_travel_km, rules.NEARBY_KM
    flat = (km <= 10 * nearby) | (travel <= nearby)
    reach = 10 * np.maximum(nearby, travel)
    distance = _tenths(weights.distance, np.where(flat, (km <= reach).astype(np.int32), 10 * travel - km),
                       np.where(flat, 1, 10 * (travel - nearby)), n)
    distance = np.where(known, distance, rules.tenths(weights.distance, 1, 2)).astype(np.int16)

    wanted = max(need.start_on or today, today).toordinal()
    slack = rules.START_SLACK_DAYS
    start_table = _table(weights.start, [(slack - late, slack) for late in range(slack + 1)])
    start = start_table[np.clip(pool.available_from - wanted, 0, slack)]

    offered = np.full(n, 1 if 'trial_placement' in need.openness else 0, dtype=np.int32)
    for name in _HELPFUL_WHEN:
        if name in need.openness:
            offered += pool.helpful[name]
    most = 1 + len(_HELPFUL_WHEN)
    openness_table = _table(weights.openness, [(o, max(h, 1)) for o in range(most + 1) for h in range(most + 1)])
    openness = openness_table[offered * (most + 1) + pool.helpful_count]

    parts = {'skills': _tenths(weights.skills, numerator, denominator, n), 'experience': experience,
             'language': language, 'hours': hours, 'distance': distance, 'start': start, 'openness': openness}
    return PoolScores(parts=parts, excluded=excluded)


@dataclass(frozen=True, slots=True)
class Ranking:
    need_id: int
    #: the best `limit` candidates that no hard condition rules out, best first (equal totals: lowest id first)
    matches: tuple[Match, ...]
    #: hard condition → how many candidates it rules out (a candidate counts under each condition it fails)
    excluded_counts: dict[str, int]
    pool_size: int
    #: candidates no hard condition rules out
    eligible: int


def _best(total: np.ndarray, eligible: np.ndarray, limit: int) -> np.ndarray:
    """Rows of the `limit` highest totals among the eligible, ties to the lowest row (the pool is in id order)."""
    rows = np.flatnonzero(eligible)
    if limit <= 0 or not len(rows):
        return rows[:0]
    key = total[rows].astype(np.int64) * (len(total) + 1) - rows  # unique; higher is better
    if len(rows) > limit:
        keep = np.argpartition(-key, limit - 1)[:limit]
        rows, key = rows[keep], key[keep]
    return rows[np.argsort(-key, kind='stable')]


def rank(pool: CandidatePool, need: NeedProfile, weights: Weights, *, today: date, limit: int = 50) -> Ranking:
    """The pool's best candidates for `need`, each explained exactly as `score_pair` explains it."""
    scores = score_pool(pool, need, weights, today=today)
    excluded = scores.any_excluded
    best = _best(scores.total, ~excluded, limit)
    matches = tuple(rules.score_pair(pool.profiles[row], need, weights, today=today) for row in best)
    return Ranking(need_id=need.id, matches=matches,
                   excluded_counts={code: int(np.count_nonzero(column)) for code, column in scores.excluded.items()},
                   pool_size=pool.size, eligible=int(pool.size - np.count_nonzero(excluded)))


@dataclass(frozen=True, slots=True)
class ScoreMatrix:
    """Totals in tenths, a row per need and a column per candidate (`candidate_ids` order); EXCLUDED: ruled out."""

    need_ids: np.ndarray
    candidate_ids: np.ndarray
    totals: np.ndarray


def score_matrix(pool: CandidatePool, needs: Sequence[NeedProfile], weights: Weights, *, today: date) -> ScoreMatrix:
    """Every pair of `needs` and the pool, one need at a time: only an int16 row per need is kept."""
    totals = np.empty((len(needs), pool.size), dtype=np.int16)
    for i, need in enumerate(needs):
        scores = score_pool(pool, need, weights, today=today)
        totals[i] = np.where(scores.any_excluded, EXCLUDED, scores.total)
    return ScoreMatrix(need_ids=np.array([need.id for need in needs], dtype=np.int64), candidate_ids=pool.ids,
                       totals=totals)
