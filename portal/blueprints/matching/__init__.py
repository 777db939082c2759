"""Matching for staff: ranked candidates for a need, ranked needs for a candidate, and the region's weights."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('matching', __name__, url_prefix='/medewerkers/matching')
require_role(bp, 'staff')

from portal.blueprints.matching import views  # noqa: E402,F401
