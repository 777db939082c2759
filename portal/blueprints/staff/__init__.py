"""Municipal staff (accountmanagers and coordinators) of one region: verifying organisations."""

from flask import Blueprint

from portal.blueprints.organisations.labels import template_labels
from portal.core.access import require_role

bp = Blueprint('staff', __name__, url_prefix='/medewerkers')
require_role(bp, 'staff')
bp.context_processor(template_labels)

from portal.blueprints.staff import views  # noqa: E402,F401
