"""Staff of a region review what employers post: approve, request changes, or reject."""

from flask import Blueprint

from portal.blueprints.demand.labels import template_labels as demand_labels
from portal.blueprints.organisations.labels import template_labels as organisation_labels
from portal.blueprints.review.labels import template_labels as review_labels
from portal.core.access import require_role

bp = Blueprint('review', __name__, url_prefix='/medewerkers/beoordelen')
require_role(bp, 'staff')
bp.context_processor(demand_labels)
bp.context_processor(organisation_labels)
bp.context_processor(review_labels)

from portal.blueprints.review import views  # noqa: E402,F401
