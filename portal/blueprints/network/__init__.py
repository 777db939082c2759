"""The regional network: what its members see of the region's demand, and who is a member."""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint('network', __name__, url_prefix='/netwerk')


@bp.before_request
@login_required
def require_sign_in():
    return None


from portal.blueprints.network import views  # noqa: E402,F401
