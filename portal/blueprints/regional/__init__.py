"""The region's demand for its staff: search, filter, export, and the outlook for the years ahead."""

from flask import Blueprint

from portal.blueprints.demand.labels import template_labels as demand_labels
from portal.core.access import require_role

bp = Blueprint('regional', __name__, url_prefix='/medewerkers/regio')
require_role(bp, 'staff')
bp.context_processor(demand_labels)

from portal.blueprints.regional import views_demand, views_outlook  # noqa: E402,F401
