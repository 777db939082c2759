"""An employer's organisation: details, colleagues, invitations, join requests, switching organisation."""

from flask import Blueprint
from flask_login import login_required

from portal.blueprints.organisations.labels import template_labels

bp = Blueprint('organisations', __name__, url_prefix='/organisatie')
bp.context_processor(template_labels)


@bp.before_request
@login_required
def require_sign_in():
    return None


from portal.blueprints.organisations import members, views  # noqa: E402,F401
