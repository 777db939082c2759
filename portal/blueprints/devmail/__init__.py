"""The development mailbox: read the outbox in the browser without an SMTP server.

Registered only when DEV_MAILBOX is set (development and tests, never production), and
answers only requests from this machine.
"""

import ipaddress

from flask import Blueprint, abort, request

bp = Blueprint('devmail', __name__, url_prefix='/dev/mailbox')


@bp.before_request
def only_from_this_machine():
    # Not gated on a staff sign-in: in development the reader is the developer playing every
    # demo user (an employer reads their verification link here before any staff exists), and
    # the page exists only in development and testing and only answers this machine.
    try:
        if not ipaddress.ip_address(request.remote_addr or '').is_loopback:
            abort(404)
    except ValueError:
        abort(404)


from portal.blueprints.devmail import views  # noqa: E402,F401
