"""The employer's demand: staffing needs and innovation plans, from draft to published."""

from flask import Blueprint

from portal.core.access import require_role

bp = Blueprint('demand', __name__, url_prefix='/vraag')
require_role(bp, 'employer')

from portal.blueprints.demand import jobs, views  # noqa: E402,F401 (routes, and the periodic job's registration)
