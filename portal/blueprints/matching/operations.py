"""What matching changes or records: the region's weights, and the AI-Act log of every ranking shown.

Ranking people for work is a high-risk use under the EU AI Act (Annex III point 4): each ranking
a staff member sees is logged with the rules' version, the weights, what went in (as a hash)
and what came out on top, so it can be reconstructed and explained later.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.blueprints.matching.rankings import Ranked
from portal.core.audit import record_event
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.matching import DEFAULT_WEIGHTS, RULES_VERSION, CandidateProfile, NeedProfile, Weights
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.caseload import Candidate
from portal.models.demand import StaffingNeed
from portal.models.matching import MatchWeights
from portal.models.tenancy import Region

#: how many of the top pairs the log names
LOGGED_TOP = 10


class WeightsRefused(OperationRefused):
    """The weights cannot be changed like this; str(exc) is a message for the coordinator."""


def _weights_dict(weights: Weights) -> dict[str, int]:
    return {part: getattr(weights, part) for part in Weights.PARTS}


def set_weights(actor: User, region: Region, *, values: Mapping[str, int]) -> bool:
    """Set the points each part can earn in the region; False when nothing changed (and nothing is logged)."""
    if not (actor.is_coordinator and actor.staff_region_id == region.id):
        raise WeightsRefused(_l('Only a coordinator of the region can set its weights.'))
    try:
        new = _weights_dict(Weights(**{part: int(values[part]) for part in Weights.PARTS}))
    except (KeyError, TypeError, ValueError) as exc:
        raise WeightsRefused(
            _l('Give each part a whole number of points of at least 0; together they make 100.')) from exc
    row = db.session.get(MatchWeights, region.id)
    old = row.as_dict() if row is not None else _weights_dict(DEFAULT_WEIGHTS)
    if new == old:
        return False
    if row is None:
        row = MatchWeights(region_id=region.id)
        db.session.add(row)
    for part, points in new.items():
        setattr(row, part, points)
    row.updated_by_id = actor.id
    db.session.flush()
    record_event('matching.weights_changed', actor=actor, obj=region, details={'old': old, 'new': new})
    return True


def reset_weights(actor: User, region: Region) -> None:
    """Go back to the defaults (`portal.matching.DEFAULT_WEIGHTS`): the region's own row goes."""
    if not (actor.is_coordinator and actor.staff_region_id == region.id):
        raise WeightsRefused(_l('Only a coordinator of the region can set its weights.'))
    row = db.session.get(MatchWeights, region.id)
    if row is None:
        raise WeightsRefused(_l('Your region already uses the default weights.'))
    old = row.as_dict()
    db.session.delete(row)
    db.session.flush()
    record_event('matching.weights_reset', actor=actor, obj=region,
                 details={'old': old, 'new': _weights_dict(DEFAULT_WEIGHTS)})


# The AI-Act log -------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A profile's values as JSON can hold them, in one fixed order (sets sorted, dates as ISO text)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted(_plain(item) for item in value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _profile(profile: CandidateProfile | NeedProfile) -> dict[str, Any]:
    return {field.name: _plain(getattr(profile, field.name)) for field in fields(profile)}


def inputs_hash(candidates: Sequence[CandidateProfile], needs: Sequence[NeedProfile], weights: Weights,
                today: date) -> str:
    """SHA-256 over everything the engine read: the same inputs always give the same hash."""
    data = {
        'candidates': [_profile(profile) for profile in sorted(candidates, key=lambda p: p.id)],
        'needs': [_profile(profile) for profile in sorted(needs, key=lambda p: p.id)],
        'weights': _weights_dict(weights), 'today': today.isoformat(), 'rules_version': RULES_VERSION,
    }
    encoded = json.dumps(data, sort_keys=True, separators=(',', ':'), ensure_ascii=True)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _details(ranked: Ranked, weights: Weights, digest: str, top: list[list]) -> dict[str, Any]:
    return {'rules_version': RULES_VERSION, 'weights': _weights_dict(weights), 'pool_size': ranked.pool_size,
            'eligible': ranked.eligible, 'excluded_counts': dict(ranked.excluded_counts), 'top': top,
            'inputs_hash': digest}


def log_candidate_ranking(actor: User, need: StaffingNeed, *, ranked: Ranked, weights: Weights,
                          candidates: Sequence[CandidateProfile], need_profile: NeedProfile,
                          today: date, left_out: Mapping[str, int] | None = None) -> AuditEvent:
    """Record that `actor` saw the candidates ranked for `need` (audit 'matching.ranked')."""
    details = _details(ranked, weights, inputs_hash(candidates, [need_profile], weights, today),
                       [[match.candidate_id, match.total] for match in ranked.matches[:LOGGED_TOP]])
    details['left_out'] = dict(left_out or {})
    return record_event('matching.ranked', actor=actor, obj=need, details=details)


def log_need_ranking(actor: User, candidate: Candidate, *, ranked: Ranked, weights: Weights,
                     candidate_profile: CandidateProfile, needs: Sequence[NeedProfile],
                     today: date) -> AuditEvent:
    """Record that `actor` saw the needs ranked for `candidate` (audit 'matching.ranked_needs')."""
    details = _details(ranked, weights, inputs_hash([candidate_profile], needs, weights, today),
                       [[match.need_id, match.total] for match in ranked.matches[:LOGGED_TOP]])
    return record_event('matching.ranked_needs', actor=actor, obj=candidate, details=details)
