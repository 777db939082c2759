"""Pure computation for matching job seekers to employers' needs, and the wage-cost subsidy maths.

Nothing here imports Flask or the database: callers turn rows into the profiles below, and
get back numbers and codes that the web layer puts into words.
"""

from portal.matching.profiles import DEFAULT_WEIGHTS, CandidateProfile, Match, NeedProfile, Part, Weights
from portal.matching.rules import RULES_VERSION, score_pair

__all__ = ['DEFAULT_WEIGHTS', 'RULES_VERSION', 'CandidateProfile', 'Match', 'NeedProfile', 'Part', 'Weights',
           'score_pair']
