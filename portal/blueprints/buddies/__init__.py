"""The buddy project: employers offer to meet a job seeker; staff pair them and follow the pairing."""

from flask import Blueprint

bp = Blueprint('buddies', __name__)

from portal.blueprints.buddies import views  # noqa: E402,F401
