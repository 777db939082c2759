"""Staff of a region review what employers post: approve, request changes, or reject."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('review', __name__, url_prefix='/medewerkers/beoordelen')
require_role(bp, 'staff')

from portal.blueprints.review import views  # noqa: E402,F401
