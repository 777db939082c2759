"""Platform administration: regions, municipalities and staff accounts."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('admin', __name__, url_prefix='/beheer')
require_role(bp, 'admin')

from portal.blueprints.admin import staff_views, views  # noqa: E402,F401
