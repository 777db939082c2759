"""Benchmark of the matching engine on synthetic job seekers and needs, run by `make bench`.

No database and no Flask: it generates realistic but fictional profiles with a seeded random
generator (the postcode areas of one large region, skills whose popularity falls off like
real ones, ISCO occupations in minor groups, hours, travel, day parts, support, consent), then
measures:

- ranking 100,000 candidates for one need with `ranking.rank` (a different need each run; p50 and
  p95 over the runs), and separately the one-off time to build the candidate pool;
- the same ranking done the straightforward way, `rules.score_pair` one candidate at a time and the
  eligible sorted by score (the median over a few needs; it also checks that both rankings agree);
- scoring every pair of 1,000 needs and 20,000 candidates with `ranking.score_matrix`;
- the baseline, a plain Python loop over `rules.score_pair` one pair at a time, on a sample of the
  needs against the same 20,000 candidates, and from its speed the projected time for every pair
  (it also checks that the baseline and the matrix agree on every pair of the sample);
- the peak memory: tracemalloc's peak during one ranking and during the matrix, and the
  process's maximum resident set size.

Every figure is printed on its own line as `name: value unit`; lines starting with # are notes.

    .venv/bin/python benchmarks/matching.py [--candidates 100000] [--repeat 30] [--needs 1000]
        [--matrix-candidates 20000] [--baseline-needs 20] [--rank-baseline-repeat 3] [--seed 2026]
"""

import argparse
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

if __package__ in (None, ''):  # run as a script: make the repository importable like the tests do
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.matching.profiles import DEFAULT_WEIGHTS, CandidateProfile, Match, NeedProfile  # noqa: E402
from portal.matching.ranking import EXCLUDED, CandidatePool, rank, score_matrix  # noqa: E402
from portal.matching.rules import score_pair  # noqa: E402

DEFAULT_CANDIDATES = 100_000
DEFAULT_REPEAT = 30
DEFAULT_NEEDS = 1_000
DEFAULT_MATRIX_CANDIDATES = 20_000
DEFAULT_BASELINE_NEEDS = 20
DEFAULT_RANK_BASELINE_REPEAT = 3
DEFAULT_SEED = 2026
TODAY = date(2026, 11, 23)

DAY_PARTS = ('weekday_morning', 'weekday_afternoon', 'weekday_evening', 'night', 'weekend')
SUPPORT = ('job_coach', 'adapted_work', 'wage_subsidy', 'part_time')
OPENNESS = ('wage_subsidy', 'job_coach', 'trial_placement', 'learn_work', 'part_time', 'adapted_work')
REQUIRED_DUTCH = (0, 2, 3, 4)
MiB = 1024 * 1024


class World:
    """The vocabulary profiles are drawn from: postcode areas, skills by popularity, occupations by minor group."""

    def __init__(self, rng: random.Random, areas: int = 600, skills: int = 2_000, minor_groups: int = 130) -> None:
        self.rng = rng
        # the postcode areas (PC4) of a large labour-market region, some 65 by 60 km around Rotterdam
        self.points = [(round(rng.uniform(51.65, 52.25), 4), round(rng.uniform(4.0, 4.9), 4)) for _ in range(areas)]
        self.skill_ids = list(range(1, skills + 1))
        self.skill_weights = [1 / rank ** 0.9 for rank in range(1, skills + 1)]
        self.isco_codes = [f'{minor}{unit}' for minor in rng.sample(range(111, 964), minor_groups)
                           for unit in range(1, rng.randint(2, 6))]

    def skills(self, count: int) -> list[int]:
        return list(dict.fromkeys(self.rng.choices(self.skill_ids, self.skill_weights, k=count)))

    def hours(self) -> tuple[int, int]:
        low = self.rng.choice((8, 12, 16, 20, 24, 24, 32, 32, 36))
        return low, min(40, low + self.rng.choice((0, 4, 8, 8, 12, 16)))

    def candidate(self, candidate_id: int) -> CandidateProfile:
        rng = self.rng
        hours_min, hours_max = self.hours()
        return CandidateProfile(
            id=candidate_id, point=rng.choice(self.points) if rng.random() > 0.01 else None,
            hours_min=hours_min, hours_max=hours_max, max_travel_km=rng.choice((5, 10, 10, 15, 20, 25, 30, 40, 50)),
            available_from=TODAY + timedelta(days=rng.randint(-60, 150)),
            day_parts=frozenset(rng.sample(DAY_PARTS, rng.randint(1, 4))),
            support_needs=frozenset(rng.sample(SUPPORT, 1)) if rng.random() < 0.15 else frozenset(),
            skills={skill: rng.choice((1, 1, 2, 2, 2, 3)) for skill in self.skills(rng.randint(3, 12))},
            experience={code: rng.randint(0, 12) for code in rng.sample(self.isco_codes, rng.choice((0, 1, 1, 2, 3)))},
            dutch_rank=rng.choice((1, 2, 3, 3, 4, 5, 7, 7)), education_rank=rng.choice((0, 1, 1, 2, 2, 3, 4, 5, 6)),
            target_groups=frozenset({'participatiewet'} | ({'doelgroepregister'} if rng.random() < 0.2 else set())),
            loonwaarde=rng.choice((None, None, 40, 50, 60, 70, 80, 100)), has_consent=rng.random() < 0.95)

    def need(self, need_id: int) -> NeedProfile:
        rng = self.rng
        hours_min, hours_max = self.hours()
        skills = self.skills(rng.randint(2, 10))
        n_required = max(1, len(skills) * 2 // 3)
        start = TODAY + timedelta(days=rng.randint(0, 90)) if rng.random() < 0.7 else None
        return NeedProfile(
            id=need_id, point=rng.choice(self.points), hours_min=hours_min, hours_max=hours_max,
            openness=frozenset(name for name in OPENNESS if rng.random() < 0.4),
            day_parts=frozenset(rng.sample(DAY_PARTS, rng.randint(1, 3))) if rng.random() < 0.7 else frozenset(),
            start_on=start, ends_on=(start or TODAY) + timedelta(days=rng.randint(30, 180)),
            required_skills=frozenset(skills[:n_required]), wished_skills=frozenset(skills[n_required:]),
            isco_code=rng.choice(self.isco_codes), required_dutch_rank=rng.choice(REQUIRED_DUTCH))


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method='inclusive')[94]


def _number(value: float) -> str:
    return f'{value:.0f}' if value >= 100 else f'{value:.1f}' if value >= 10 else f'{value:.2f}'


def rank_one_at_a_time(profiles: list[CandidateProfile], need: NeedProfile, *, limit: int = 50) -> list[Match]:
    """The baseline ranking: `score_pair` for every candidate in turn, then the best eligible ones (equal totals:
    lowest id first, as `rank` orders them)."""
    matches = (score_pair(candidate, need, DEFAULT_WEIGHTS, today=TODAY) for candidate in profiles)
    eligible = [match for match in matches if not match.excluded]
    return sorted(eligible, key=lambda match: (-match.total_tenths, match.candidate_id))[:limit]


def measure_rank(world: World, candidates: int, repeat: int,
                 baseline_repeat: int = DEFAULT_RANK_BASELINE_REPEAT) -> dict[str, float]:
    """Build a pool of `candidates` once, then rank it for `repeat` different needs (after one warm-up), and for
    the first `baseline_repeat` of them the one-pair-at-a-time way."""
    profiles = [world.candidate(i) for i in range(1, candidates + 1)]
    started = time.perf_counter()
    pool = CandidatePool.from_profiles(profiles)
    build = time.perf_counter() - started
    needs = [world.need(i) for i in range(1, repeat + 2)]
    rank(pool, needs[0], DEFAULT_WEIGHTS, today=TODAY)
    timings = []
    for need in needs[1:]:
        started = time.perf_counter()
        rank(pool, need, DEFAULT_WEIGHTS, today=TODAY)
        timings.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    rank(pool, needs[1], DEFAULT_WEIGHTS, today=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    baseline_timings = []
    for need in needs[1:1 + max(1, baseline_repeat)]:
        started = time.perf_counter()
        baseline = rank_one_at_a_time(pool.profiles, need)
        baseline_timings.append((time.perf_counter() - started) * 1000)
        ranked = rank(pool, need, DEFAULT_WEIGHTS, today=TODAY).matches
        if baseline != list(ranked):
            raise RuntimeError('rank and the one-pair-at-a-time ranking disagree')
    return {'pool_build': build, 'p50': statistics.median(timings), 'p95': p95(timings), 'peak': peak / MiB,
            'baseline_p50': statistics.median(baseline_timings), 'baseline_runs': len(baseline_timings)}


def measure_matrix(world: World, needs: int, candidates: int, baseline_needs: int) -> dict[str, float]:
    """All pairs with `score_matrix`, then the one-pair-at-a-time baseline on the first `baseline_needs` needs."""
    pool = CandidatePool.from_profiles(world.candidate(i) for i in range(1, candidates + 1))
    need_list = [world.need(i) for i in range(1, needs + 1)]
    started = time.perf_counter()
    matrix = score_matrix(pool, need_list, DEFAULT_WEIGHTS, today=TODAY)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    score_matrix(pool, need_list, DEFAULT_WEIGHTS, today=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    sample = need_list[:baseline_needs]
    started = time.perf_counter()
    baseline = []  # only the totals: holding 400,000 explained matches would dwarf everything else measured
    for need in sample:
        for candidate in pool.profiles:
            match = score_pair(candidate, need, DEFAULT_WEIGHTS, today=TODAY)
            baseline.append(EXCLUDED if match.excluded else match.total_tenths)
    baseline_seconds = time.perf_counter() - started
    expected = np.array(baseline, dtype=np.int16).reshape(len(sample), pool.size)
    if not np.array_equal(expected, matrix.totals[:len(sample)]):
        raise RuntimeError('score_matrix and score_pair disagree on the baseline sample')
    pairs, baseline_pairs = needs * candidates, len(sample) * candidates
    baseline_rate = baseline_pairs / baseline_seconds
    return {'seconds': seconds, 'rate': pairs / seconds, 'peak': peak / MiB, 'baseline_rate': baseline_rate,
            'baseline_pairs': baseline_pairs, 'projected': pairs / baseline_rate,
            'eligible_share': float(np.count_nonzero(matrix.totals != EXCLUDED)) / max(1, pairs)}


def run(candidates: int = DEFAULT_CANDIDATES, repeat: int = DEFAULT_REPEAT, needs: int = DEFAULT_NEEDS,
        matrix_candidates: int = DEFAULT_MATRIX_CANDIDATES, baseline_needs: int = DEFAULT_BASELINE_NEEDS,
        seed: int = DEFAULT_SEED, out: Callable[[str], None] = print,
        rank_baseline_repeat: int = DEFAULT_RANK_BASELINE_REPEAT) -> list[str]:
    """The whole benchmark; returns (and passes to `out`) the figure lines."""
    baseline_needs = min(baseline_needs, needs)
    out(f'# seed {seed}; numpy {np.__version__}; rank: {candidates} candidates, {repeat} needs; '
        f'matrix: {needs} needs x {matrix_candidates} candidates; baseline: {baseline_needs} of those needs')
    ranked = measure_rank(World(random.Random(seed)), candidates, repeat,  # noqa: S311 (made-up data)
                          rank_baseline_repeat)
    out(f'# rank_baseline_100k: score_pair one candidate at a time over the same {candidates} candidates, '
        f'median of {ranked["baseline_runs"]} needs; it ranked exactly as rank did')
    scored = measure_matrix(World(random.Random(seed + 1)), needs, matrix_candidates,  # noqa: S311 (the same)
                            baseline_needs)
    out(f'# the baseline agreed with score_matrix on all {scored["baseline_pairs"]} pairs of its sample; '
        f'{scored["eligible_share"]:.0%} of all pairs pass every hard condition')
    lines = [
        f'rank_pool_build: {_number(ranked["pool_build"])} s',
        f'rank_p50: {_number(ranked["p50"])} ms',
        f'rank_p95: {_number(ranked["p95"])} ms',
        f'rank_baseline_100k: {_number(ranked["baseline_p50"])} ms',
        f'rank_speedup_over_baseline: {_number(ranked["baseline_p50"] / ranked["p50"])} x',
        f'rank_peak_memory: {_number(ranked["peak"])} MiB',
        f'matrix_seconds: {_number(scored["seconds"])} s',
        f'matrix_pairs_per_second: {scored["rate"]:.0f} pairs/s',
        f'matrix_peak_memory: {_number(scored["peak"])} MiB',
        f'baseline_pairs_per_second: {scored["baseline_rate"]:.0f} pairs/s',
        f'baseline_projected_matrix_seconds: {_number(scored["projected"])} s',
        f'matrix_speedup_over_baseline: {_number(scored["projected"] / scored["seconds"])} x',
        f'max_rss: {_number(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)} MiB',
    ]
    for line in lines:
        out(line)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--candidates', type=int, default=DEFAULT_CANDIDATES, help='pool size for ranking one need')
    parser.add_argument('--repeat', type=int, default=DEFAULT_REPEAT, help='needs ranked, one timing each')
    parser.add_argument('--needs', type=int, default=DEFAULT_NEEDS, help='needs in the all-pairs matrix')
    parser.add_argument('--matrix-candidates', type=int, default=DEFAULT_MATRIX_CANDIDATES)
    parser.add_argument('--baseline-needs', type=int, default=DEFAULT_BASELINE_NEEDS,
                        help='needs the one-pair-at-a-time baseline scores against every matrix candidate')
    parser.add_argument('--rank-baseline-repeat', type=int, default=DEFAULT_RANK_BASELINE_REPEAT,
                        help='needs the pool is also ranked for one pair at a time (the median is shown)')
    parser.add_argument('--seed', type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    run(args.candidates, args.repeat, args.needs, args.matrix_candidates, args.baseline_needs, args.seed,
        rank_baseline_repeat=args.rank_baseline_repeat)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
