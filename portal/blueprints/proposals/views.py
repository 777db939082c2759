"""What every proposal page shares: labels and money in the reader's format.

The pages themselves: views_staff.py (list, new, one proposal), views_steps.py (staff's steps)
and views_employer.py (incoming proposals and the answer).
"""

from decimal import Decimal

from flask_babel import format_currency, get_locale

from portal.blueprints.proposals import bp
from portal.blueprints.proposals.labels import template_labels


def money(value: Decimal) -> str:
    return format_currency(value, 'EUR')


def whole_money(value: Decimal) -> str:
    """Whole euros in the reader's format (€ 6, €6): for a band, where cents would suggest precision."""
    pattern = get_locale().currency_formats['standard'].pattern.replace('.00', '')
    return format_currency(value, 'EUR', format=pattern, currency_digits=False)


@bp.context_processor
def inject_labels() -> dict:
    return {**template_labels(), 'money': money, 'whole_money': whole_money}


from portal.blueprints.proposals import views_employer, views_staff, views_steps  # noqa: E402,F401
