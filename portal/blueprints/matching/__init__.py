"""Matching for staff: ranked candidates for a need, ranked needs for a candidate, and the region's weights."""

from flask import Blueprint, current_app

from portal.core.access import require_role

bp = Blueprint('matching', __name__, url_prefix='/medewerkers/matching')
require_role(bp, 'staff')


@bp.context_processor
def _endpoints() -> dict:
    """Pages link to other areas' pages only where those exist (`{% if 'caseload.view_candidate' in endpoints %}`)."""
    from portal.blueprints.matching.explain import PART_LABELS

    return {'endpoints': current_app.view_functions, 'part_labels': PART_LABELS}


from portal.blueprints.matching import views, views_weights  # noqa: E402,F401
