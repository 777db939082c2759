"""The region's demand as a CSV file that opens straight in a Dutch Excel.

UTF-8 with a byte-order mark (or Excel guesses the wrong encoding for ë and é), `;` between
fields (a Dutch Excel reads `,` as the decimal comma), the header row in the reader's language,
and dates as 2026-11-22 so every spreadsheet sorts them.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import to_user_timezone

from portal.blueprints.demand.labels import (
    CONTRACT_LABELS,
    DAY_PART_LABELS,
    HORIZON_LABELS,
    LANGUAGE_LABELS,
    OPENNESS_LABELS,
    STATE_LABELS,
)
from portal.models.demand import OPENNESS, StaffingNeed

BOM = '\ufeff'
SEPARATOR = ';'
#: a cell starting with one of these is a formula to a spreadsheet; a leading apostrophe keeps it text
FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')


def _text(value) -> str:
    text = '' if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _date(value: date | datetime | None) -> str:
    if value is None:
        return ''
    if isinstance(value, datetime):  # a moment in UTC: the day it was in the Netherlands
        value = to_user_timezone(value).date()
    return value.isoformat()


def header(locale: str) -> list[str]:
    return [_('Reference'), _('Title'), _('Organisation'), _('KvK number'), _('Occupation'), _('ISCO code'),
            _('Municipality of the work'), _('Postcode'), _('Number of people'), _('Hours per week, at least'),
            _('Hours per week, at most'), _('Contract'), _('Working times'), _('Dutch language level'), _('When'),
            _('Start date'), _('End date'), _('Required skills'), _('Wished-for skills'),
            *(str(OPENNESS_LABELS[name]) for name in OPENNESS), _('State'), _('Submitted on'), _('Published on')]


def row(need: StaffingNeed, locale: str) -> list[str]:
    yes, no = _('Yes'), _('No')
    return [
        str(need.id), _text(need.title), _text(need.organisation.name), need.organisation.kvk_number,
        _text(need.occupation.label(locale)), need.occupation.isco_code, _text(need.municipality.name),
        need.postcode or '', str(need.positions), str(need.hours_min), str(need.hours_max),
        str(CONTRACT_LABELS[need.contract_type]),
        ', '.join(str(DAY_PART_LABELS.get(part, part)) for part in need.day_parts or []),
        str(LANGUAGE_LABELS[need.language_level]), str(HORIZON_LABELS[need.horizon]), _date(need.start_on),
        _date(need.ends_on), _text(', '.join(skill.label(locale) for skill in need.required_skills)),
        _text(', '.join(skill.label(locale) for skill in need.wished_skills)),
        *(yes if getattr(need, name) else no for name in OPENNESS), str(STATE_LABELS[need.state]),
        _date(need.submitted_at), _date(need.published_at),
    ]


def demand_csv(needs: Iterable[StaffingNeed], locale: str) -> str:
    """The whole file, header first; the needs must come with their relationships loaded."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator='\r\n')
    writer.writerow(header(locale))
    for need in needs:
        writer.writerow(row(need, locale))
    return BOM + out.getvalue()
