"""Match proposals: staff curate and follow them, employers answer them (each view checks its own role)."""

from flask import Blueprint

bp = Blueprint('proposals', __name__)

from portal.blueprints.proposals import jobs, views  # noqa: E402,F401 (routes, and the follow-up reminder job)
