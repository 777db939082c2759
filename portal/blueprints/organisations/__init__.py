"""An employer's organisation: details, colleagues, invitations, join requests, switching organisation."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint('organisations', __name__, url_prefix='/organisatie')


@bp.before_request
@login_required
def require_sign_in():
    return None


from portal.blueprints.organisations import views  # noqa: E402,F401
