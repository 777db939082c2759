"""Matching for staff: ranked candidates for a need, ranked needs for a candidate, and the region's weights."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('matching', __name__, url_prefix='/medewerkers/matching')
require_role(bp, 'staff')


@bp.context_processor
def _labels() -> dict:
    from portal.blueprints.matching.explain import PART_LABELS

    return {'part_labels': PART_LABELS}


from portal.blueprints.matching import views, views_weights  # noqa: E402,F401
