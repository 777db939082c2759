"""Occupations and skills: coordinators and admins keep the shared list; forms choose from it."""

from flask import Blueprint
from flask_login import current_user

from portal.core.access import check_role

bp = Blueprint('taxonomy', __name__, url_prefix='/beroepen-en-vaardigheden')


@bp.before_request
def coordinators_and_admins_only():
    """One list serves every region: its coordinators and the platform's admins keep it; others get 403."""
    return check_role('admin' if current_user.is_authenticated and current_user.is_admin else 'coordinator')


from portal.blueprints.taxonomy import views  # noqa: E402,F401
