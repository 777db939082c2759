"""Whether a job seeker can be proposed for a need, and if not, why, in words staff can act on."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.proposals.labels import EXCLUSION_LABELS, MISSING_FIELD_LABELS
from portal.extensions import db
from portal.matching import Match
from portal.matching.rules import NO_CONSENT
from portal.models.caseload import Candidate, CandidateStatus, ConsentScope
from portal.models.demand import StaffingNeed
from portal.models.matching import OPEN_STATES, Proposal
from portal.models.moderation import PostingState


def open_proposal(need: StaffingNeed, candidate: Candidate, *, besides: Proposal | None = None) -> Proposal | None:
    """The proposal of this job seeker for this need that is still under way (other than `besides`), if any."""
    query = select(Proposal).where(Proposal.need_id == need.id, Proposal.candidate_id == candidate.id,
                                   Proposal.state.in_(OPEN_STATES))
    if besides is not None:
        query = query.where(Proposal.id != besides.id)
    return db.session.scalar(query)


def candidate_problems(candidate: Candidate, today: date) -> list[str]:
    """Why the profile is not in the matching pool (consent is reported with the hard conditions)."""
    problems = []
    if candidate.anonymised_at is not None:
        problems.append(_l('The profile has been anonymised.'))
        return [str(problem) for problem in problems]
    if candidate.status != CandidateStatus.ACTIVE:
        problems.append(_l('The job seeker is paused or has left the caseload.'))
    if candidate.is_stale(today):
        problems.append(_l('Nobody has confirmed the job seeker’s availability for more than 8 weeks: confirm it '
                           'on the profile first.'))
    missing = candidate.missing_fields()
    if missing:
        problems.append(_l('The profile is not complete. Missing: %(fields)s.',
                           fields=', '.join(str(MISSING_FIELD_LABELS[name]) for name in missing)))
    return [str(problem) for problem in problems]


def pair_problems(need: StaffingNeed, candidate: Candidate, match: Match | None, today: date, *,
                  proposal: Proposal | None = None) -> list[str]:
    """Everything that stands in the way of proposing `candidate` for `need`; empty when nothing does.

    `proposal`: the draft being sent, which does not stand in its own way.
    """
    problems: list[str] = []
    if need.state != PostingState.PUBLISHED:
        problems.append(str(_l('Only a published need can get proposals.')))
    if candidate.region_id != need.region_id:
        problems.append(str(_l('The job seeker and the need are in different regions.')))
    problems += candidate_problems(candidate, today)
    if not candidate.has_consent(ConsentScope.PROPOSALS) and (match is None or NO_CONSENT not in match.excluded):
        problems.append(str(EXCLUSION_LABELS[NO_CONSENT]))
    if match is not None:
        problems += [str(EXCLUSION_LABELS[code]) for code in match.excluded]
    if open_proposal(need, candidate, besides=proposal) is not None:
        problems.append(str(_l('This job seeker already has a proposal for this need that is still under way.')))
    return problems
