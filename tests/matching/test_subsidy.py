"""The indicative wage-cost subsidy with the issue's figures, worked out by hand in the comments."""

from datetime import date
from decimal import Decimal

import pytest

from portal.matching.subsidy import SubsidyError, estimate, minimum_wage

ON = date(2026, 2, 1)  # minimum wage €14.71; with 8% holiday pay €15.8868 an hour


@pytest.mark.parametrize(('on', 'wage'), [
    (date(2025, 3, 1), '14.06'),
    (date(2025, 8, 1), '14.40'),
    (date(2026, 2, 1), '14.71'),
    (date(2025, 1, 1), '14.06'),  # each value holds from its first day …
    (date(2025, 6, 30), '14.06'),  # … up to the day before the next one
    (date(2025, 7, 1), '14.40'),
    (date(2025, 12, 31), '14.40'),
    (date(2026, 1, 1), '14.71'),
    (date(2030, 1, 1), '14.71'),  # the last known value holds until a newer one is added
])
def test_the_minimum_wage_in_force_on_a_date(on, wage):
    assert minimum_wage(on) == Decimal(wage)


def test_youth_rates_are_a_share_of_the_adult_rate_in_cents():
    assert minimum_wage(ON, age=20) == Decimal('11.77')  # 80% of 14.71 = 11.768
    assert minimum_wage(ON, age=15) == Decimal('4.41')  # 30% of 14.71 = 4.413
    assert minimum_wage(ON, age=21) == minimum_wage(ON, age=67) == Decimal('14.71')


def test_at_50_percent_the_subsidy_tops_up_half_the_wage():
    result = estimate(50, 36, ON)
    assert result.minimum_wage == Decimal('14.71')
    assert result.wage_with_holiday_pay == Decimal('15.8868')  # 14.71 × 1.08
    assert result.subsidy_per_hour == Decimal('7.9434')  # 15.8868 − 50% of it
    assert result.employer_costs_per_hour == Decimal('1.8667')  # 23.5% of 7.9434 = 1.86670
    assert result.total_per_hour == Decimal('9.8101')
    assert result.total_per_month == Decimal('1530.38')  # 9.810099 × 36 hours × 52/12 weeks
    assert not result.is_capped
    assert (result.holiday_pay, result.cap, result.employer_costs) == (Decimal('0.08'), Decimal('0.70'),
                                                                        Decimal('0.235'))


def test_at_20_percent_the_subsidy_is_capped_at_70_percent_of_the_minimum_wage():
    result = estimate(20, 36, ON)
    assert result.subsidy_per_hour == Decimal('11.1208')  # 70% of 15.8868 = 11.12076, not 80% (12.7094)
    assert result.employer_costs_per_hour == Decimal('2.6134')
    assert result.total_per_hour == Decimal('13.7341')
    assert result.is_capped


def test_at_30_percent_the_subsidy_reaches_the_cap_exactly():
    result = estimate(30, 36, ON)
    assert result.subsidy_per_hour == Decimal('11.1208')
    assert not result.is_capped  # the loonwaarde, not the cap, set it


@pytest.mark.parametrize('loonwaarde', [0, 10])
def test_a_very_low_loonwaarde_still_gets_no_more_than_the_cap(loonwaarde):
    assert estimate(loonwaarde, 20, ON).subsidy_per_hour == Decimal('11.1208')


def test_a_loonwaarde_of_100_gets_nothing():
    result = estimate(100, 36, ON)
    assert result.subsidy_per_hour == result.employer_costs_per_hour == result.total_per_hour == Decimal(0)
    assert result.total_per_month == Decimal(0)


def test_an_earlier_date_uses_that_dates_minimum_wage():
    assert estimate(50, 36, date(2025, 3, 1)).subsidy_per_hour == Decimal('7.5924')  # 14.06 × 1.08 / 2
    assert estimate(50, 36, date(2025, 8, 1)).subsidy_per_hour == Decimal('7.7760')  # 14.40 × 1.08 / 2


def test_a_higher_job_wage_lowers_the_subsidy():
    # the loonwaarde is worth 50% of €16 with holiday pay: 8.64; the subsidy tops up to 15.8868
    assert estimate(50, 36, ON, functieloon=Decimal('16.00')).subsidy_per_hour == Decimal('7.2468')
    # worth more than the minimum wage: nothing, never a negative subsidy
    assert estimate(90, 36, ON, functieloon=Decimal('20.00')).subsidy_per_hour == Decimal(0)


def test_a_youth_wage():
    assert estimate(50, 36, ON, age=20).subsidy_per_hour == Decimal('6.3558')  # 11.77 × 1.08 / 2


def test_part_hours_and_a_month():
    result = estimate(50, Decimal('20.5'), ON)
    assert result.hours_per_week == Decimal('20.5')
    assert result.total_per_month == Decimal('871.46')  # 9.810099 × 20.5 hours × 52/12 weeks = 871.4638


@pytest.mark.parametrize('on', [date(2024, 12, 31), date(2020, 1, 1)])
def test_a_date_before_the_first_parameter_is_refused(on):
    with pytest.raises(SubsidyError, match='no parameter in force'):
        estimate(50, 36, on)
    with pytest.raises(SubsidyError):
        minimum_wage(on)


@pytest.mark.parametrize('age', [14, 0, -1])
def test_an_age_below_15_is_refused(age):
    with pytest.raises(SubsidyError, match='15'):
        estimate(50, 36, ON, age=age)


@pytest.mark.parametrize('loonwaarde', [50.0, 50.5, '50', Decimal('50'), True, None, -1, 101])
def test_a_loonwaarde_that_is_not_a_whole_percentage_from_0_to_100_is_refused(loonwaarde):
    with pytest.raises(SubsidyError, match='whole percentage'):
        estimate(loonwaarde, 36, ON)


@pytest.mark.parametrize('hours', [0, Decimal('0.5'), 61])
def test_hours_outside_1_to_60_are_refused(hours):
    with pytest.raises(SubsidyError, match='hours per week'):
        estimate(50, hours, ON)


def test_the_error_is_a_value_error():
    assert issubclass(SubsidyError, ValueError)
