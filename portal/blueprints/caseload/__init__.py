"""The caseload (kaartenbak): staff keep job seekers' matching profiles, consents and CSV imports."""

from flask import Blueprint

from portal.blueprints.caseload.labels import template_labels
from portal.core.access import require_role

bp = Blueprint('caseload', __name__, url_prefix='/medewerkers/kandidaten')
require_role(bp, 'staff')
bp.context_processor(template_labels)

from portal.blueprints.caseload import views, views_actions, views_import  # noqa: E402,F401
