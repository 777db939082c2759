"""The matching rules, one pair at a time: hard conditions that rule a pair out, and a score in parts.

The score works both ways (see dutch-domain.md §4.1): skills, experience and Dutch say how well
the person fits the need; hours, distance, start date and the employer's openness say how well
the work fits the person. Each part earns at most its weight; the parts add up to the total.
`portal.matching.ranking` computes the same for many candidates at once and must agree with
this module to the tenth of a point.
"""

import math
from datetime import date
from fractions import Fraction

from portal.matching.geo import distance_km
from portal.matching.profiles import (
    DEFAULT_WEIGHTS,
    EDUCATION_RANK,
    SKILL_LEVEL_TENTHS,
    CandidateProfile,
    Match,
    NeedProfile,
    Part,
    Weights,
)

#: change it whenever a rule or a constant below changes: proposals store the version they were scored with
#: 2026.11-2: every part is an exact fraction of its weight, rounded half up (was floating point, half to even)
RULES_VERSION = '2026.11-2'

#: hard conditions, in the order they are reported
NO_CONSENT = 'no_consent'
HOURS = 'hours'
DISTANCE = 'distance'
DAY_PARTS = 'day_parts'
AVAILABILITY = 'availability'
SUPPORT = 'support'
EXCLUSIONS = (NO_CONSENT, HOURS, DISTANCE, DAY_PARTS, AVAILABILITY, SUPPORT)

#: required skills weigh this much of the skills part when the need also wishes for skills
REQUIRED_SHARE = Fraction(3, 4)
#: full distance points within this many kilometres
NEARBY_KM = 5
#: a start this many days after the need's start date earns no start points
START_SLACK_DAYS = 90
#: years of experience in the occupation that earn the full experience part
FULL_EXPERIENCE_YEARS = 3
#: up to this education level, learn-work places (leerwerkplekken) help
LEARN_WORK_UP_TO = EDUCATION_RANK['mbo2']


def part_time_floor(need: NeedProfile) -> int:
    """The fewest hours a person may work: half the need's minimum if the employer is open to part-time."""
    return math.ceil(need.hours_min / 2) if 'part_time' in need.openness else need.hours_min


def exclusions(candidate: CandidateProfile, need: NeedProfile, km: float | None) -> tuple[str, ...]:
    found = []
    if not candidate.has_consent:
        found.append(NO_CONSENT)
    if candidate.hours_max < part_time_floor(need) or candidate.hours_min > need.hours_max:
        found.append(HOURS)
    if km is not None and km > candidate.max_travel_km:
        found.append(DISTANCE)
    if need.day_parts and not (need.day_parts & candidate.day_parts):
        found.append(DAY_PARTS)
    if candidate.available_from > need.ends_on:
        found.append(AVAILABILITY)
    if candidate.support_needs - need.openness:
        found.append(SUPPORT)
    return tuple(found)


def tenths(weight: int, numerator: int, denominator: int = 1) -> int:
    """Points in tenths for the fraction numerator/denominator (clamped to 0–1) of a part's weight.

    Whole numbers throughout and rounded half up, so `portal.matching.ranking` gets the same tenth
    on any platform (floating point would make the result depend on the order of the operations).
    """
    numerator = min(max(numerator, 0), denominator)
    return (20 * weight * numerator + denominator) // (2 * denominator)


def skills_fraction(required_tenths: int, n_required: int, n_wished_matched: int, n_wished: int) -> tuple[int, int]:
    """The skills part as a fraction: required skills by level (in tenths), wished skills by count."""
    if n_required and n_wished:
        share, rest = REQUIRED_SHARE.numerator, REQUIRED_SHARE.denominator - REQUIRED_SHARE.numerator
        return (share * required_tenths * n_wished + rest * n_wished_matched * 10 * n_required,
                REQUIRED_SHARE.denominator * 10 * n_required * n_wished)
    if n_required:
        return required_tenths, 10 * n_required
    if n_wished:
        return n_wished_matched, n_wished
    return 1, 1


def skills_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    required = sorted(need.required_skills)
    wished = sorted(need.wished_skills)
    matched_required = [s for s in required if s in candidate.skills]
    matched_wished = [s for s in wished if s in candidate.skills]
    required_tenths = sum(SKILL_LEVEL_TENTHS[candidate.skills[s]] for s in matched_required)
    fraction = skills_fraction(required_tenths, len(required), len(matched_wished), len(wished))
    facts = {'matched': matched_required + matched_wished,
             'missing_required': [s for s in required if s not in candidate.skills],
             'missing_wished': [s for s in wished if s not in candidate.skills]}
    return Part('skills', tenths(weight, *fraction), weight, facts)


def experience_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    same = candidate.experience.get(need.isco_code)
    if same is not None:
        fraction = (1 + min(same, FULL_EXPERIENCE_YEARS), 1 + FULL_EXPERIENCE_YEARS)
        return Part('experience', tenths(weight, *fraction), weight, {'match': 'occupation', 'years': same})
    related = [years for code, years in candidate.experience.items() if code[:3] == need.isco_code[:3]]
    if related:
        years = max(related)
        fraction = (1 + min(years, FULL_EXPERIENCE_YEARS), 2 * (1 + FULL_EXPERIENCE_YEARS))
        return Part('experience', tenths(weight, *fraction), weight, {'match': 'related', 'years': years})
    return Part('experience', 0, weight, {'match': 'none', 'years': 0})


def language_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    gap = need.required_dutch_rank - candidate.dutch_rank
    fraction = (1, 1) if gap <= 0 else (1, 2) if gap == 1 else (0, 1)
    return Part('language', tenths(weight, *fraction), weight,
                {'required': need.required_dutch_rank, 'has': candidate.dutch_rank})


def hours_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    fraction = (1, 1) if candidate.hours_max >= need.hours_min else (candidate.hours_max, need.hours_min)
    return Part('hours', tenths(weight, *fraction), weight,
                {'can': candidate.hours_max, 'asked_min': need.hours_min, 'asked_max': need.hours_max})


def distance_fraction(km_tenths: int, max_km: int) -> tuple[int, int]:
    """Full points nearby or within a short reach, then less and less up to the person's maximum."""
    if km_tenths <= 10 * NEARBY_KM or max_km <= NEARBY_KM:
        return (1, 1) if km_tenths <= 10 * max(NEARBY_KM, max_km) else (0, 1)
    return 10 * max_km - km_tenths, 10 * (max_km - NEARBY_KM)


def distance_part(candidate: CandidateProfile, km: float | None, weight: int) -> Part:
    if km is None:
        return Part('distance', tenths(weight, 1, 2), weight, {'km': None, 'max_km': candidate.max_travel_km})
    fraction = distance_fraction(round(km * 10), candidate.max_travel_km)
    return Part('distance', tenths(weight, *fraction), weight, {'km': km, 'max_km': candidate.max_travel_km})


def start_part(candidate: CandidateProfile, need: NeedProfile, weight: int, today: date) -> Part:
    wanted = max(need.start_on or today, today)
    late_days = max(0, (candidate.available_from - wanted).days)
    return Part('start', tenths(weight, START_SLACK_DAYS - late_days, START_SLACK_DAYS), weight,
                {'late_days': late_days})


def helpful_instruments(candidate: CandidateProfile) -> frozenset[str]:
    """What an employer's openness can do for this person, beyond the support they cannot do without."""
    helpful = {'trial_placement'}  # a trial placement is a way in for everyone in the caseload
    if candidate.education_rank <= LEARN_WORK_UP_TO:
        helpful.add('learn_work')
    if candidate.loonwaarde is not None and candidate.loonwaarde < 100:
        helpful.add('wage_subsidy')
    if 'doelgroepregister' in candidate.target_groups:
        helpful.add('job_coach')
    return frozenset(helpful)


def openness_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    helpful = helpful_instruments(candidate)
    offered = helpful & need.openness
    return Part('openness', tenths(weight, len(offered), len(helpful)), weight,
                {'offered': sorted(offered), 'not_offered': sorted(helpful - offered)})


def score_pair(candidate: CandidateProfile, need: NeedProfile, weights: Weights = DEFAULT_WEIGHTS, *,
               today: date) -> Match:
    """Rule the pair out or score it; both answers carry every part, so an excluded pair explains itself too."""
    km = distance_km(candidate.point, need.point) if candidate.point and need.point else None
    parts = (
        skills_part(candidate, need, weights.skills),
        experience_part(candidate, need, weights.experience),
        language_part(candidate, need, weights.language),
        hours_part(candidate, need, weights.hours),
        distance_part(candidate, km, weights.distance),
        start_part(candidate, need, weights.start, today),
        openness_part(candidate, need, weights.openness),
    )
    return Match(candidate.id, need.id, exclusions(candidate, need, km), parts)
