"""Indicative wage-cost subsidy (loonkostensubsidie, Participatiewet art. 10d): the municipality decides.

The calculation agreed with the ministry (dutch-domain.md §1.1):
  LKS per hour = min(WML·(1+VT) − loonwaarde·functieloon·(1+VT), cap·WML·(1+VT))
  employer-cost compensation = percentage · LKS
with WML the statutory minimum wage per hour, VT the holiday pay. Every parameter is
effective-dated: the value for a date is the last one that started on or before it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

#: (first day, value); sources in dutch-domain.md §1.1–1.2
MINIMUM_WAGE_PER_HOUR = (  # 21 and over
    (date(2025, 1, 1), Decimal('14.06')),
    (date(2025, 7, 1), Decimal('14.40')),
    (date(2026, 1, 1), Decimal('14.71')),
)
HOLIDAY_PAY = ((date(2025, 1, 1), Decimal('0.08')),)
#: the subsidy is never more than this share of the minimum wage (with holiday pay)
CAP = ((date(2025, 1, 1), Decimal('0.70')),)
#: Regeling loonkostensubsidie Participatiewet 2021, art. 1
EMPLOYER_COSTS = ((date(2025, 1, 1), Decimal('0.235')),)
#: the youth minimum wage as a share of the 21+ rate, by age
YOUTH_SHARE = {20: Decimal('0.80'), 19: Decimal('0.60'), 18: Decimal('0.50'), 17: Decimal('0.395'),
               16: Decimal('0.345'), 15: Decimal('0.30')}
#: weeks in a month, for the monthly figure
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
FOUR_PLACES = Decimal('0.0001')
CENTS = Decimal('0.01')


class SubsidyError(ValueError):
    """Input the calculation cannot take: a date before the first parameter, a loonwaarde outside 0–100, …"""


def in_force(table: tuple[tuple[date, Decimal], ...], on: date) -> Decimal:
    value = None
    for first_day, row_value in table:
        if first_day <= on:
            value = row_value
    if value is None:
        raise SubsidyError(f'no parameter in force on {on.isoformat()} (the first starts on {table[0][0]})')
    return value


def minimum_wage(on: date, age: int = 21) -> Decimal:
    """The statutory minimum wage per hour on `on` for `age` (youth rates as a share of the 21+ rate)."""
    if age < 15:
        raise SubsidyError('there is no minimum wage below the age of 15')
    adult = in_force(MINIMUM_WAGE_PER_HOUR, on)
    return adult if age >= 21 else (adult * YOUTH_SHARE[age]).quantize(CENTS, ROUND_HALF_UP)


@dataclass(frozen=True)
class SubsidyEstimate:
    on: date
    loonwaarde: int
    hours_per_week: Decimal
    minimum_wage: Decimal
    #: the minimum wage with holiday pay: what the subsidy tops up to
    wage_with_holiday_pay: Decimal
    subsidy_per_hour: Decimal
    employer_costs_per_hour: Decimal
    total_per_hour: Decimal
    total_per_month: Decimal
    #: True when the 70% cap, not the loonwaarde, set the subsidy
    is_capped: bool
    holiday_pay: Decimal
    cap: Decimal
    employer_costs: Decimal


def estimate(loonwaarde: int, hours_per_week: int | Decimal, on: date, *, age: int = 21,
             functieloon: Decimal | None = None) -> SubsidyEstimate:
    """The indicative subsidy for a person with `loonwaarde` % working `hours_per_week` from `on`.

    `functieloon` is the hourly wage of the job before holiday pay; it defaults to the minimum wage.
    """
    if isinstance(loonwaarde, bool) or not isinstance(loonwaarde, int) or not 0 <= loonwaarde <= 100:
        raise SubsidyError('the loonwaarde is a whole percentage from 0 to 100')
    hours = Decimal(hours_per_week)
    if not Decimal(1) <= hours <= Decimal(60):
        raise SubsidyError('hours per week must be between 1 and 60')
    wml = minimum_wage(on, age)
    holiday, cap, costs = in_force(HOLIDAY_PAY, on), in_force(CAP, on), in_force(EMPLOYER_COSTS, on)
    base = wml * (1 + holiday)
    worth = Decimal(loonwaarde) / 100 * (functieloon if functieloon is not None else wml) * (1 + holiday)
    uncapped = max(base - worth, Decimal(0))
    limit = cap * base
    subsidy = min(uncapped, limit)
    compensation = costs * subsidy
    total = subsidy + compensation
    return SubsidyEstimate(
        on=on, loonwaarde=loonwaarde, hours_per_week=hours, minimum_wage=wml,
        wage_with_holiday_pay=base.quantize(FOUR_PLACES, ROUND_HALF_UP),
        subsidy_per_hour=subsidy.quantize(FOUR_PLACES, ROUND_HALF_UP),
        employer_costs_per_hour=compensation.quantize(FOUR_PLACES, ROUND_HALF_UP),
        total_per_hour=total.quantize(FOUR_PLACES, ROUND_HALF_UP),
        total_per_month=(total * hours * WEEKS_PER_MONTH).quantize(CENTS, ROUND_HALF_UP),
        is_capped=uncapped > limit, holiday_pay=holiday, cap=cap, employer_costs=costs)
