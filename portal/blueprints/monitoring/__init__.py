"""Outcomes of matching for a region (funnel, retention, skills gap) and the subsidy information for employers.

No blueprint-wide role: the staff pages each ask for staff, and the subsidy page is public.
"""

from flask import Blueprint

bp = Blueprint('monitoring', __name__)

from portal.blueprints.monitoring import jobs, subsidy_page, views  # noqa: E402,F401 (routes, and the privacy job)
