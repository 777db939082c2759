"""What every proposal page shares: labels, money in the reader's format, and which endpoints exist.

The pages themselves: views_staff.py (list, new, one proposal), views_steps.py (staff's steps)
and views_employer.py (incoming proposals and the answer).
"""

from decimal import Decimal

from flask import current_app
from flask_babel import format_currency

from portal.blueprints.proposals import bp
from portal.blueprints.proposals.labels import template_labels


def money(value: Decimal) -> str:
    return format_currency(value, 'EUR')


@bp.context_processor
def inject_labels() -> dict:
    # `endpoints` lets a page link to another area only once that area's page exists
    return {**template_labels(), 'money': money, 'endpoints': current_app.view_functions}


from portal.blueprints.proposals import views_employer, views_staff, views_steps  # noqa: E402,F401
