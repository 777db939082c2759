"""The matching benchmark on tiny sizes: it runs end to end, checks the engines agree, and prints each figure as
`name: value unit`."""

import random
import re

import numpy as np

from benchmarks.matching import TODAY, World, main, measure_matrix, measure_rank, rank_one_at_a_time, run
from portal.matching import DEFAULT_WEIGHTS
from portal.matching.ranking import CandidatePool, rank, score_pool
from portal.matching.rules import score_pair

FIGURE = re.compile(r'^(?P<name>[a-z0-9_]+): (?P<value>\d+(\.\d+)?) (?P<unit>ms|s|MiB|pairs/s|x)$')
EXPECTED = {
    'rank_pool_build': 's', 'rank_p50': 'ms', 'rank_p95': 'ms', 'rank_baseline_100k': 'ms',
    'rank_speedup_over_baseline': 'x', 'rank_peak_memory': 'MiB',
    'matrix_seconds': 's', 'matrix_pairs_per_second': 'pairs/s', 'matrix_peak_memory': 'MiB',
    'baseline_pairs_per_second': 'pairs/s', 'baseline_projected_matrix_seconds': 's',
    'matrix_speedup_over_baseline': 'x', 'max_rss': 'MiB',
}


def _figures(lines: list[str]) -> dict[str, str]:
    figures = {}
    for line in lines:
        match = FIGURE.match(line)
        assert match, f'not a `name: value unit` line: {line!r}'
        figures[match['name']] = match['unit']
    return figures


def test_run_prints_every_figure_in_the_agreed_format():
    printed: list[str] = []
    lines = run(candidates=300, repeat=3, needs=6, matrix_candidates=200, baseline_needs=2, out=printed.append)
    assert _figures(lines) == EXPECTED
    assert printed[-len(lines):] == lines
    assert all(line.startswith('# ') for line in printed[:-len(lines)])
    assert 'agreed with score_matrix on all 400 pairs' in '\n'.join(printed)
    assert '# rank_baseline_100k: score_pair one candidate at a time over the same 300 candidates' in '\n'.join(printed)
    rank_lines = [line.split(':')[0] for line in lines[:5]]
    assert rank_lines == ['rank_pool_build', 'rank_p50', 'rank_p95', 'rank_baseline_100k',
                          'rank_speedup_over_baseline']


def test_main_takes_the_sizes_on_the_command_line(capsys):
    assert main(['--candidates', '100', '--repeat', '2', '--needs', '3', '--matrix-candidates', '50',
                 '--baseline-needs', '5']) == 0
    out = capsys.readouterr().out
    assert 'baseline: 3 of those needs' in out  # never more baseline needs than needs
    assert _figures([line for line in out.splitlines() if not line.startswith('#')]) == EXPECTED


def test_the_measurements_are_positive_and_the_baseline_projection_follows_from_its_speed():
    ranked = measure_rank(World(random.Random(1)), candidates=200, repeat=3)
    assert ranked['pool_build'] > 0
    assert 0 < ranked['p50'] <= ranked['p95']
    assert ranked['baseline_p50'] > 0
    assert ranked['baseline_runs'] == 3
    scored = measure_matrix(World(random.Random(2)), needs=4, candidates=100, baseline_needs=2)
    assert scored['baseline_pairs'] == 200
    assert scored['projected'] == 4 * 100 / scored['baseline_rate']
    assert scored['rate'] > 0
    assert scored['peak'] > 0


def test_the_synthetic_world_is_the_same_for_the_same_seed_and_realistic():
    first, second = World(random.Random(7)), World(random.Random(7))
    people = [first.candidate(i) for i in range(1, 400)]
    assert people == [second.candidate(i) for i in range(1, 400)]
    need = first.need(1)
    assert need == second.need(1)
    assert all(p.day_parts and p.skills and 1 <= p.hours_min <= p.hours_max <= 40 for p in people)
    assert need.required_skills
    assert not need.required_skills & need.wished_skills
    # some pass every hard condition, some do not, and the engines agree on them
    pool = CandidatePool.from_profiles(people)
    excluded = score_pool(pool, need, DEFAULT_WEIGHTS, today=TODAY).any_excluded
    assert 0 < np.count_nonzero(excluded) < len(people)
    assert [bool(score_pair(p, need, today=TODAY).excluded) for p in pool.profiles] == list(excluded)


def test_the_one_at_a_time_ranking_is_the_same_ranking_as_rank():
    world = World(random.Random(11))
    people = [world.candidate(i) for i in range(1, 500)]
    pool = CandidatePool.from_profiles(people)
    for need in (world.need(1), world.need(2)):
        baseline = rank_one_at_a_time(pool.profiles, need, limit=20)
        assert baseline == list(rank(pool, need, DEFAULT_WEIGHTS, today=TODAY, limit=20).matches)
        assert all(not match.excluded for match in baseline)
        totals = [match.total_tenths for match in baseline]
        assert totals == sorted(totals, reverse=True)
