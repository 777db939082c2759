"""The region's demand for its staff: search, filter, export, and the outlook for the years ahead."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('regional', __name__, url_prefix='/medewerkers/regio')
require_role(bp, 'staff')

from portal.blueprints.regional import views_demand, views_outlook  # noqa: E402,F401
