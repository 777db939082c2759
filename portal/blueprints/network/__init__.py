"""The regional network: what its members see of the region's demand, and who is a member."""

from flask import Blueprint
from flask_login import login_required

from portal.blueprints.demand.labels import template_labels as demand_labels

bp = Blueprint('network', __name__, url_prefix='/netwerk')
bp.context_processor(demand_labels)


@bp.before_request
@login_required
def require_sign_in():
    return None


from portal.blueprints.network import views  # noqa: E402,F401
