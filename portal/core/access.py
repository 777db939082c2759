"""Who may reach a view: deny by default, one decorator per role family, 404 outside one's scope.

Blueprints for staff and admins check their role in `before_request` (see `require_role`);
views then load their object and ask its `can_*` method, answering 404 for objects the user
may not know exist.
"""

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.extensions import login_manager

login_manager.login_view = 'auth.sign_in'
login_manager.login_message = _l('Please sign in to open this page.')
login_manager.login_message_category = 'info'
login_manager.session_protection = 'strong'


def is_staff(user) -> bool:
    return user.is_authenticated and user.is_staff


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.is_coordinator


def is_admin(user) -> bool:
    return user.is_authenticated and user.is_admin


def is_employer(user) -> bool:
    """Signed in, email verified, and working for at least one organisation."""
    return user.is_authenticated and user.is_email_verified and user.current_membership is not None


ROLE_CHECKS: dict[str, Callable] = {
    'staff': is_staff,
    'coordinator': is_coordinator,
    'admin': is_admin,
    'employer': is_employer,
}


def check_role(role: str):
    """None when the current user has `role`; otherwise the response to send instead."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not ROLE_CHECKS[role](current_user):
        if role == 'employer' and not current_user.is_email_verified and not current_user.is_staff:
            flash(_l('Confirm your email address first: open the link in the mail we sent you.'), 'warning')
            return redirect(url_for('account.overview'))
        abort(403)
    if role in {'staff', 'coordinator', 'admin'} and needs_two_step_enrolment(current_user):
        flash(_l('Set up two-step sign-in before you continue.'), 'warning')
        return redirect(url_for('auth.two_step_setup', next=request.full_path))
    return None


def needs_two_step_enrolment(user) -> bool:
    """Staff and admins must enrol two-step sign-in where the settings require it (production)."""
    return (current_app.config['REQUIRE_STAFF_TWO_STEP'] and (user.is_staff or user.is_admin)
            and not user.has_two_step)


def require_role(blueprint: Blueprint, role: str) -> None:
    """Deny the whole blueprint to everyone without `role` (checked before every request)."""
    blueprint.before_request(lambda: check_role(role))


def role_required(role: str):
    """The same check for a single view in a blueprint that is open to several roles."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            response = check_role(role)
            if response is not None:
                return response
            return view(*args, **kwargs)
        return wrapped
    return decorator


def allowed_or_404(allowed: bool) -> None:
    """Objects outside the user's organisation or region do not exist for them."""
    if not allowed:
        abort(404)
