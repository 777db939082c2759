"""The caseload (kaartenbak): staff keep job seekers' matching profiles, consents and CSV imports."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('caseload', __name__, url_prefix='/medewerkers/kandidaten')
require_role(bp, 'staff')

from portal.blueprints.caseload import views  # noqa: E402,F401
