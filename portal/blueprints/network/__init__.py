"""The regional networks: what their members see of the region's demand, the members' directory, meetings and
pledges, requests to join, and the coordinator's pages to run the region's networks."""

from flask import Blueprint, current_app
from flask_login import login_required

from portal.blueprints.demand.labels import template_labels as demand_labels
from portal.blueprints.network.labels import template_labels as network_labels

bp = Blueprint('network', __name__, url_prefix='/netwerk')
bp.context_processor(demand_labels)
bp.context_processor(network_labels)


@bp.context_processor
def page_context() -> dict:
    """Links to other areas' pages (the activities) are shown only where those pages exist; the tabs ask
    whether the user chairs a network only when they are drawn."""
    from flask_login import current_user

    from portal.models.network import chaired_networks

    return {'endpoints': current_app.view_functions,
            'chairs_a_network': lambda: bool(chaired_networks(current_user))}


@bp.before_request
@login_required
def require_sign_in():
    return None


from portal.blueprints.network import views, views_members  # noqa: E402,F401
