"""The buddy project: employers offer to meet a job seeker; staff pair them and follow the pairing.

Open to employers (their offer and pairings) and staff (their region's offers, pairings and
overview), so each view checks its own role (`role_required`) and asks the object's `can_*`.
"""

from flask import Blueprint, current_app

from portal.blueprints.buddies.labels import template_labels

bp = Blueprint('buddies', __name__)
bp.context_processor(template_labels)


@bp.context_processor
def endpoints() -> dict:
    """Links to other areas' pages are shown only where those pages exist."""
    return {'endpoints': current_app.view_functions}


from portal.blueprints.buddies import views, views_staff  # noqa: E402,F401
