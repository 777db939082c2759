"""The matching rules, one pair at a time: hard conditions that rule a pair out, and a score in parts.

The score works both ways (see dutch-domain.md §4.1): skills, experience and Dutch say how well
the person fits the need; hours, distance, start date and the employer's openness say how well
the work fits the person. Each part earns at most its weight; the parts add up to the total.
`portal.matching.ranking` computes the same for many candidates at once and must agree with
this module to the tenth of a point.
"""

import math
from datetime import date

from portal.matching.geo import distance_km
from portal.matching.profiles import (
    DEFAULT_WEIGHTS,
    EDUCATION_RANK,
    SKILL_LEVEL_FACTOR,
    CandidateProfile,
    Match,
    NeedProfile,
    Part,
    Weights,
)

#: change it whenever a rule or a constant below changes: proposals store the version they were scored with
RULES_VERSION = '2026.11-1'

#: hard conditions, in the order they are reported
NO_CONSENT = 'no_consent'
HOURS = 'hours'
DISTANCE = 'distance'
DAY_PARTS = 'day_parts'
AVAILABILITY = 'availability'
SUPPORT = 'support'

#: required skills weigh this much of the skills part when the need also wishes for skills
REQUIRED_SHARE = 0.75
#: full distance points within this many kilometres
NEARBY_KM = 5.0
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


def tenths(weight: int, fraction: float) -> int:
    """Points in tenths for a fraction (0–1) of a part's weight."""
    return round(weight * 10 * min(1.0, max(0.0, fraction)))


def skills_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    required = sorted(need.required_skills)
    wished = sorted(need.wished_skills)
    matched_required = [s for s in required if s in candidate.skills]
    matched_wished = [s for s in wished if s in candidate.skills]
    required_fraction = (sum(SKILL_LEVEL_FACTOR[candidate.skills[s]] for s in matched_required) / len(required)
                         if required else 1.0)
    wished_fraction = len(matched_wished) / len(wished) if wished else 1.0
    if required and wished:
        fraction = REQUIRED_SHARE * required_fraction + (1 - REQUIRED_SHARE) * wished_fraction
    elif required:
        fraction = required_fraction
    else:
        fraction = wished_fraction
    facts = {'matched': matched_required + matched_wished,
             'missing_required': [s for s in required if s not in candidate.skills],
             'missing_wished': [s for s in wished if s not in candidate.skills]}
    return Part('skills', tenths(weight, fraction), weight, facts)


def experience_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    same = candidate.experience.get(need.isco_code)
    if same is not None:
        fraction = (1 + min(same, FULL_EXPERIENCE_YEARS)) / (1 + FULL_EXPERIENCE_YEARS)
        return Part('experience', tenths(weight, fraction), weight, {'match': 'occupation', 'years': same})
    related = [years for code, years in candidate.experience.items() if code[:3] == need.isco_code[:3]]
    if related:
        years = max(related)
        fraction = (1 + min(years, FULL_EXPERIENCE_YEARS)) / (1 + FULL_EXPERIENCE_YEARS) / 2
        return Part('experience', tenths(weight, fraction), weight, {'match': 'related', 'years': years})
    return Part('experience', 0, weight, {'match': 'none', 'years': 0})


def language_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    gap = need.required_dutch_rank - candidate.dutch_rank
    fraction = 1.0 if gap <= 0 else 0.5 if gap == 1 else 0.0
    return Part('language', tenths(weight, fraction), weight,
                {'required': need.required_dutch_rank, 'has': candidate.dutch_rank})


def hours_part(candidate: CandidateProfile, need: NeedProfile, weight: int) -> Part:
    fraction = 1.0 if candidate.hours_max >= need.hours_min else candidate.hours_max / need.hours_min
    return Part('hours', tenths(weight, fraction), weight,
                {'can': candidate.hours_max, 'asked_min': need.hours_min, 'asked_max': need.hours_max})


def distance_part(candidate: CandidateProfile, km: float | None, weight: int) -> Part:
    if km is None:
        return Part('distance', tenths(weight, 0.5), weight, {'km': None, 'max_km': candidate.max_travel_km})
    if km <= NEARBY_KM or candidate.max_travel_km <= NEARBY_KM:
        fraction = 1.0 if km <= max(NEARBY_KM, candidate.max_travel_km) else 0.0
    else:
        fraction = 1 - (km - NEARBY_KM) / (candidate.max_travel_km - NEARBY_KM)
    return Part('distance', tenths(weight, fraction), weight, {'km': km, 'max_km': candidate.max_travel_km})


def start_part(candidate: CandidateProfile, need: NeedProfile, weight: int, today: date) -> Part:
    wanted = max(need.start_on or today, today)
    late_days = max(0, (candidate.available_from - wanted).days)
    fraction = 1 - late_days / START_SLACK_DAYS
    return Part('start', tenths(weight, fraction), weight, {'late_days': late_days})


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
    fraction = len(offered) / len(helpful)
    return Part('openness', tenths(weight, fraction), weight,
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
