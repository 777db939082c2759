"""The outcome figures as tables of display text, one source for the page and for the CSV file.

A suppressed count reads "< 5"; a percentage or median that cannot be shown (its base or its
count is suppressed, or the base is empty) reads "—". Numbers follow the reader's locale.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import format_decimal, format_number, format_percent
from flask_babel import gettext as _

from portal.blueprints.monitoring.figures import FOLLOW_UP_MONTHS, STEPS, Cell, Figures, GroupRow
from portal.blueprints.monitoring.labels import EMPLOYED_LABELS, STEP_LABELS
from portal.core.labels import DECLINE_LABELS

NOT_SHOWN = '—'


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its length (None: no bar, the figure is suppressed) and the text written at it."""

    label: str
    value: int | None
    text: str


@dataclass
class Table:
    key: str
    title: str
    label_heading: str
    headings: tuple[str, ...]
    rows: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    #: a last row set apart (the total of the rows above)
    total: tuple[str, tuple[str, ...]] | None = None
    bars: list[Bar] = field(default_factory=list)

    def csv_rows(self) -> list[tuple[str, str, str, str]]:
        """(section, group, measure, value) for each cell."""
        rows = self.rows + ([self.total] if self.total else [])
        return [(self.title, label, heading, value)
                for label, values in rows for heading, value in zip(self.headings, values, strict=True)]


class Formatter:
    def __init__(self, min_group: int) -> None:
        self.suppressed = f'< {min_group}'

    def count(self, cell: Cell) -> str:
        return self.suppressed if cell.suppressed else format_number(cell.value)

    @staticmethod
    def percent(value: Decimal | None) -> str:
        return NOT_SHOWN if value is None else format_percent(value / 100, '#,##0.0%')

    @staticmethod
    def days(value: Decimal | None) -> str:
        return NOT_SHOWN if value is None else format_decimal(value, '#,##0.#')


def funnel_table(figures: Figures, fmt: Formatter) -> Table:
    table = Table('funnel', _('From proposal to lasting work'), _('Step'),
                  (_('Proposals'), _('Share of the step before')))
    for step in STEPS:
        cell = figures.steps[step]
        table.rows.append((str(STEP_LABELS[step]), (fmt.count(cell), fmt.percent(figures.conversion(step)))))
        table.bars.append(Bar(str(STEP_LABELS[step]), cell.shown, fmt.count(cell)))
    for month in FOLLOW_UP_MONTHS:
        cell = figures.employed[month]
        table.rows.append((str(EMPLOYED_LABELS[month]), (fmt.count(cell), fmt.percent(figures.retention(month)))))
        table.bars.append(Bar(str(EMPLOYED_LABELS[month]), cell.shown, fmt.count(cell)))
    return table


def key_figures_table(figures: Figures, fmt: Formatter) -> Table:
    hires = figures.steps['hired']
    table = Table('key-figures', _('Time to work, retention and return to benefits'), _('Figure'),
                  (_('Value'), _('Counted over')))
    table.rows.append((_('Median days from sending the proposal to the first day of work'),
                       (fmt.days(figures.median_days), _('%(count)s hires', count=fmt.count(hires)))))
    for month in FOLLOW_UP_MONTHS:
        table.rows.append((str(EMPLOYED_LABELS[month]), (
            fmt.percent(figures.retention(month)),
            _('%(count)s hires whose follow-up is due', count=fmt.count(figures.due[month])))))
    table.rows.append((_('Returned to benefits'), (
        fmt.percent(figures.return_to_benefits),
        _('%(count)s ended proposals', count=fmt.count(figures.ended)))))
    return table


def declines_table(figures: Figures, fmt: Formatter) -> Table:
    table = Table('declines', _('Declined by the employer, by reason'), _('Reason'), (_('Proposals'),))
    for reason, cell in figures.declines.items():
        table.rows.append((str(DECLINE_LABELS[reason]), (fmt.count(cell),)))
    table.total = (_('All declined proposals'), (fmt.count(figures.declined),))
    return table


@dataclass
class Breakdown:
    """One breakdown on the page: a heading, and two tables narrow enough to read and print (counts, results)."""

    key: str
    title: str
    tables: tuple[Table, Table]


def breakdown_section(key: str, title: str, label_heading: str, rows: list[GroupRow],
                      label: Callable[[Hashable], str], rest_label: str, fmt: Formatter) -> Breakdown:
    steps = Table(f'{key}-steps', _('%(breakdown)s: proposals per step', breakdown=title), label_heading,
                  (_('Sent'), _('Interested'), _('Introduced'), _('Intake'), _('Trial placement'), _('Hired')))
    results = Table(f'{key}-results', _('%(breakdown)s: results', breakdown=title), label_heading,
                    (_('Hired, share of sent'), _('Median days to the first day of work'),
                     *(_('Still employed after %(months)s months, share', months=month) for month in FOLLOW_UP_MONTHS),
                     _('Returned to benefits, share of ended')))
    named = sorted((row for row in rows if not row.is_rest), key=lambda row: label(row.key).lower())
    for row in [*named, *(row for row in rows if row.is_rest)]:
        f, name = row.figures, rest_label if row.is_rest else label(row.key)
        steps.rows.append((name, tuple(fmt.count(f.steps[step]) for step in STEPS)))
        results.rows.append((name, (fmt.percent(f.hire_rate), fmt.days(f.median_days),
                                    *(fmt.percent(f.retention(month)) for month in FOLLOW_UP_MONTHS),
                                    fmt.percent(f.return_to_benefits))))
    return Breakdown(key, title, (steps, results))
