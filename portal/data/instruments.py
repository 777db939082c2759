"""The instruments a municipality offers employers who hire someone from the caseload, as data.

Each entry has its rules as numbers (so a page and a test read the same value), the public
source they come from (see ../shared/research/dutch-domain.md §1) and the day that source was
last checked. Rules change by law or by local policy: update the value, the source and the
date together. The texts are English msgids, translated in the catalogue; the page renders
each rule with its values, so a number never hides inside a translation.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l

#: the day the sources below were read (dutch-domain.md, §1.1 and §1.4–1.7)
CHECKED = date(2026, 11, 22)


Fact = int | Decimal | date | None


@dataclass(frozen=True)
class Instrument:
    key: str
    title: object
    text: object
    #: the rules as data: what tests and calculations read, and what the rule texts show
    facts: dict[str, Fact]
    #: lazy msgids; a placeholder %(name)s shows the fact of that name
    rules: tuple[object, ...]
    source_url: str
    last_checked: date

    def rule_texts(self, show: Callable[[Fact], str]) -> list[str]:
        """Each rule in the reader's language, its facts written by `show` (a number or date in their locale)."""
        values = {name: show(value) for name, value in self.facts.items() if value is not None}
        return [str(rule) % values if '%(' in str(rule) else str(rule) for rule in self.rules]


INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        key='loonkostensubsidie',
        title=_l('Wage-cost subsidy (loonkostensubsidie)'),
        text=_l('For someone who cannot yet earn the full minimum wage, the municipality pays you the difference '
                'between the minimum wage and what the person delivers (the loonwaarde), plus a compensation for '
                'employer costs. You pay the normal wage; the subsidy makes up for the lower output.'),
        # None: no maximum duration
        facts={'cap_percent': 70, 'employer_costs_percent': Decimal('23.5'), 'max_years': None},
        rules=(
            _l('The subsidy is never more than %(cap_percent)s%% of the minimum wage.'),
            _l('On top of the subsidy you receive %(employer_costs_percent)s%% of it for employer costs.'),
            _l('There is no maximum duration; the municipality measures the loonwaarde again from time to time.'),
            _l('The loonwaarde is measured on the workplace with one national method, after hearing you and the '
               'employee.'),
        ),
        source_url='https://wetten.overheid.nl/BWBR0044901/2021-07-01',
        last_checked=CHECKED,
    ),
    Instrument(
        key='no-riskpolis',
        title=_l('No-risk policy (no-riskpolis)'),
        text=_l('If an employee from the target-group register falls ill, UWV pays the sickness benefit '
                '(Ziektewet), whatever the cause. You may set it off against the wage, and the absence does not '
                'raise your premium. You remain responsible for helping the employee back to work.'),
        facts={'structural_since': date(2017, 2, 1), 'ask_within_months': 3},
        rules=(
            _l('It has no end date: the policy has been permanent since %(structural_since)s.'),
            _l('Ask the employee within %(ask_within_months)s months of the start whether a UWV scheme applies.'),
        ),
        source_url='https://www.samenvoordeklant.nl/werkgeversdienstverlening/toolbox/no-risk-polis-banenafspraak',
        last_checked=CHECKED,
    ),
    Instrument(
        key='proefplaatsing',
        title=_l('Trial placement (proefplaatsing)'),
        text=_l('The person works for you for a while without pay and keeps their benefit, so you can both see '
                'whether the work fits before a contract is signed.'),
        facts={'months': 2, 'max_months': 6, 'min_contract_months': 6},
        rules=(
            _l('It lasts %(months)s months, and can be extended to at most %(max_months)s months in total.'),
            _l('You declare beforehand that you intend to offer a contract of at least %(min_contract_months)s '
               'months, for at least the same hours.'),
            _l('No probation period (proeftijd) is allowed in the contract that follows.'),
            _l('You insure the person against accidents and liability during the placement.'),
            _l('For people on social assistance the municipality sets the exact duration in its own rules.'),
        ),
        source_url='https://www.awvn.nl/proefplaatsing',
        last_checked=CHECKED,
    ),
    Instrument(
        key='jobcoaching',
        title=_l('Job coaching'),
        text=_l('A job coach helps the employee learn the work and keep it, and helps you and your team work '
                'together with them. The municipality or UWV pays for the coach.'),
        facts={'max_years': 3, 'right_to_apply_since': date(2023, 7, 1)},
        rules=(
            _l('Coaching is usually paid for up to %(max_years)s years.'),
            _l('Since %(right_to_apply_since)s both you and the employee have the right to apply for it.'),
        ),
        source_url='https://www.samenvoordeklant.nl/werkgeversdienstverlening/toolbox/jobcoaching',
        last_checked=CHECKED,
    ),
    Instrument(
        key='praktijkroute',
        title=_l('Practice route (praktijkroute)'),
        text=_l('When the loonwaarde measured on the workplace is below the minimum wage, the municipality can '
                'register the person in the target-group register without an assessment by UWV. The job then '
                'counts towards the job-quota agreement (banenafspraak), and the no-risk policy applies.'),
        facts={'open_since': date(2017, 1, 1)},
        rules=(
            _l('Open since %(open_since)s. The municipality reports the loonwaarde and the date it was set; you do '
               'not apply yourself.'),
        ),
        source_url='https://www.inlichtingenbureau.nl/Pages/Praktijkroute-opengesteld-als-toegang-tot-het-'
                   'doelgroepregister.aspx',
        last_checked=CHECKED,
    ),
)

BY_KEY = {instrument.key: instrument for instrument in INSTRUMENTS}
