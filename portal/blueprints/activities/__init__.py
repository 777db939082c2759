"""Activities: employers' offers and the region's events, registrations with a waiting list, calendars.

Open to several roles, so each view checks its own (`role_required`) and asks the object's `can_*`; staff pass the
staff check (two-step sign-in) on every page of it (views.staff_as_staff).
"""

from flask import Blueprint

bp = Blueprint('activities', __name__)

from portal.blueprints.activities import (  # noqa: E402,F401 (routes, and the reminder job's registration)
    jobs,
    views,
    views_calendar,
    views_host,
    views_registrations,
)
