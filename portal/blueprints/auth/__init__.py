"""Getting in and out: registration, email verification, sign-in with lock-out and two-step, password reset."""

from flask import Blueprint

bp = Blueprint('auth', __name__)

from portal.blueprints.auth import views, views_invitations, views_passwords, views_two_step  # noqa: E402,F401
