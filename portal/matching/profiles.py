"""What the matcher knows of a job seeker and of a need, and what it answers."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

#: Dutch as the CEFR ladder: 0 none … 7 native speaker
DUTCH_RANK = {None: 0, 'a1': 1, 'a2': 2, 'b1': 3, 'b2': 4, 'c1': 5, 'c2': 6, 'native': 7}
#: the Dutch a need asks for ('none': the work needs no Dutch)
REQUIRED_DUTCH_RANK = {'none': 0, 'a2': 2, 'b1': 3, 'b2': 4}
#: education levels in order
EDUCATION_RANK = {'primary': 0, 'vmbo': 1, 'mbo2': 2, 'mbo3': 3, 'mbo4': 4, 'havo_vwo': 4, 'hbo': 5, 'wo': 6}
#: skill level → how much a matched required skill counts, in tenths (whole numbers keep the score exact)
SKILL_LEVEL_TENTHS = {1: 7, 2: 10, 3: 10}
#: the same as a factor, for the explanation
SKILL_LEVEL_FACTOR = {level: value / 10 for level, value in SKILL_LEVEL_TENTHS.items()}


@dataclass(frozen=True, slots=True)
class CandidateProfile:
    id: int
    #: centre of the person's postcode area (latitude, longitude); None when unknown
    point: tuple[float, float] | None
    hours_min: int
    hours_max: int
    max_travel_km: int
    available_from: date
    #: DayPart values the person can work
    day_parts: frozenset[str]
    #: SupportNeed values: support without which the person cannot work
    support_needs: frozenset[str]
    #: skill id → level (1 basic, 2 good, 3 expert)
    skills: Mapping[int, int]
    #: ISCO-08 unit group (4 digits) → whole years of experience
    experience: Mapping[str, int]
    dutch_rank: int
    education_rank: int
    target_groups: frozenset[str] = frozenset()
    loonwaarde: int | None = None
    has_consent: bool = True


@dataclass(frozen=True, slots=True)
class NeedProfile:
    id: int
    point: tuple[float, float] | None
    hours_min: int
    hours_max: int
    #: what the employer is open to: wage_subsidy, job_coach, trial_placement, learn_work, part_time, adapted_work
    openness: frozenset[str]
    #: DayPart values of the work; empty: any time
    day_parts: frozenset[str]
    start_on: date | None
    ends_on: date
    required_skills: frozenset[int]
    wished_skills: frozenset[int]
    isco_code: str
    required_dutch_rank: int


@dataclass(frozen=True, slots=True)
class Weights:
    """Points each part can earn; together 100."""

    skills: int = 35
    experience: int = 15
    language: int = 10
    hours: int = 10
    distance: int = 10
    start: int = 10
    openness: int = 10

    PARTS = ('skills', 'experience', 'language', 'hours', 'distance', 'start', 'openness')

    def __post_init__(self):
        values = [getattr(self, name) for name in self.PARTS]
        if (any(isinstance(value, bool) or not isinstance(value, int) for value in values)
                or any(value < 0 for value in values) or sum(values) != 100):
            raise ValueError('weights must be whole numbers of at least 0 that add up to 100')


DEFAULT_WEIGHTS = Weights()

#: the parts that say how well the person fits the employer's need …
EMPLOYER_SIDE = ('skills', 'experience', 'language')
#: … and those that say how well the work fits the person
CANDIDATE_SIDE = ('hours', 'distance', 'start', 'openness')


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    #: points earned, in tenths (an integer, so the parts add up to the total exactly)
    tenths: int
    max_points: int
    #: the facts behind the points, for the explanation in words
    facts: Mapping[str, object] = field(default_factory=dict)

    @property
    def points(self) -> float:
        return self.tenths / 10


@dataclass(frozen=True, slots=True)
class Match:
    candidate_id: int
    need_id: int
    #: hard conditions that rule the pair out (empty: the pair can be proposed)
    excluded: tuple[str, ...]
    parts: tuple[Part, ...]

    @property
    def is_excluded(self) -> bool:
        return bool(self.excluded)

    @property
    def total_tenths(self) -> int:
        return sum(part.tenths for part in self.parts)

    @property
    def total(self) -> float:
        return self.total_tenths / 10

    def side_total(self, side: tuple[str, ...]) -> float:
        return sum(part.tenths for part in self.parts if part.name in side) / 10

    def as_json(self) -> list[dict]:
        """The parts as stored with a proposal."""
        return [{'name': p.name, 'points': p.points, 'max': p.max_points, 'facts': dict(p.facts)} for p in self.parts]
