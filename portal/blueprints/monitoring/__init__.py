"""Outcomes of matching for a region (funnel, retention, skills gap) and the subsidy information for employers."""

from flask import Blueprint

bp = Blueprint('monitoring', __name__)

from portal.blueprints.monitoring import jobs, views  # noqa: E402,F401 (routes, and the anonymisation job)
