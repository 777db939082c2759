"""The public page on wage-cost subsidy for employers: what it is, an indicative calculator, and the other
instruments a municipality offers. No personal data: the calculator keeps nothing."""

from datetime import date

from flask import render_template, request
from flask_babel import format_date, format_decimal

from portal.blueprints.monitoring import bp
from portal.blueprints.monitoring.forms import SubsidyForm
from portal.core.dbtypes import add_months
from portal.data.instruments import INSTRUMENTS, Fact
from portal.matching.subsidy import CAP, EMPLOYER_COSTS, HOLIDAY_PAY, MINIMUM_WAGE_PER_HOUR, estimate, in_force


def _show(value: Fact) -> str:
    if isinstance(value, date):
        return format_date(value, 'long')
    return format_decimal(value)


def _wage_since(on: date) -> date:
    """The first day of the minimum wage in force on `on`."""
    return max(first for first, _value in MINIMUM_WAGE_PER_HOUR if first <= on)


@bp.get('/loonkostensubsidie')
def subsidy():
    form = SubsidyForm(request.args)
    result = None
    if request.args and form.validate():
        result = estimate(form.loonwaarde.data, form.uren.data, form.startdatum.data)
    on = result.on if result else max(form.startdatum.data or date.min, MINIMUM_WAGE_PER_HOUR[0][0])
    latest = MINIMUM_WAGE_PER_HOUR[-1][0]
    return render_template(
        'monitoring/subsidy.html', form=form, result=result,
        wage_since=_wage_since(on), beyond_known=on >= add_months(latest, 6), next_unknown=add_months(latest, 6),
        holiday_pay=in_force(HOLIDAY_PAY, on), cap=in_force(CAP, on), employer_costs=in_force(EMPLOYER_COSTS, on),
        wages=list(reversed(MINIMUM_WAGE_PER_HOUR)),
        instruments=[(instrument, instrument.rule_texts(_show)) for instrument in INSTRUMENTS])
