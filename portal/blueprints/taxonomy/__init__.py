"""Occupations and skills: coordinators keep the list; forms choose from it."""

from flask import Blueprint

bp = Blueprint('taxonomy', __name__, url_prefix='/beroepen-en-vaardigheden')

from portal.blueprints.taxonomy import views  # noqa: E402,F401
