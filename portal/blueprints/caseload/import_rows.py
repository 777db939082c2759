"""Checking one row of the candidate CSV into the values of a profile, or the row's problems.

What a row is checked against (the region's municipalities and staff, the taxonomy, references in
use) is loaded once per chunk into `Lookups`, so checking a row asks the database nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _

from portal.blueprints.caseload.import_format import (
    CEFR,
    DATE_FORMATS,
    DAY_PARTS,
    EDUCATION,
    KNOWN_LANGUAGES,
    LIST_SEPARATOR,
    NO,
    SKILL_LEVELS,
    SUPPORT,
    TARGET_GROUPS,
    YES,
    problem,
)
from portal.core.bsn import contains_bsn
from portal.models.caseload import EducationLevel, SkillLevel


@dataclass
class Lookups:
    """What a row is checked against: the region's municipalities and staff, the taxonomy, references in use."""

    region_id: int
    municipalities: dict[str, int]
    skills: dict[str, tuple[int, bool]]
    occupations: dict[str, tuple[int, bool]]
    occupations_by_isco: dict[str, list[int]]
    staff: dict[str, int]
    taken_references: set[str]
    today: date
    #: each reference and the first row that has it, up to the rows being checked
    first_row: dict[str, int] = field(default_factory=dict)


class _Row:
    """One row being checked: its cells by column, the values found and the problems."""

    def __init__(self, number: int, cells: dict[str, str]):
        self.number = number
        self.cells = cells
        self.problems: list[dict] = []

    def cell(self, name: str) -> str:
        return (self.cells.get(name) or '').strip()

    def refuse(self, column: str, message: str) -> None:
        self.problems.append(problem(self.number, column, message))

    def number_in(self, name: str, low: int, high: int, required: bool = True) -> int | None:
        text = self.cell(name).removesuffix('%').strip()
        if not text:
            if required:
                self.refuse(name, _('Fill in a value.'))
            return None
        if not re.fullmatch(r'\d+', text) or not low <= int(text) <= high:
            self.refuse(name, _('Fill in a whole number from %(low)s to %(high)s.', low=low, high=high))
            return None
        return int(text)

    def day(self, name: str) -> date | None:
        text = self.cell(name)
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a calendar day, no clock)
            except ValueError:
                continue
        self.refuse(name, _('Fill in a date like 2026-12-01 or 01-12-2026.') if text else _('Fill in a date.'))
        return None

    def choices(self, name: str, table: dict) -> list[str]:
        values = []
        for item in _items(self.cell(name)):
            value = table.get(item.lower()) or next((v for v in table.values() if v.value == item.lower()), None)
            if value is None:
                self.refuse(name, _('“%(value)s” is not one of the allowed values: %(allowed)s.', value=item,
                                    allowed=', '.join(table)))
            elif value.value not in values:
                values.append(value.value)
        return sorted(values)


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def check_row(number: int, cells: dict[str, str], lookups: Lookups) -> tuple[dict | None, list[dict]]:
    """The profile values of one row, or None and its problems."""
    row = _Row(number, cells)
    for name, text in cells.items():
        if contains_bsn(text):
            row.refuse(name, _('This looks like a citizen service number (BSN). Kansenkamer never stores a BSN: '
                               'leave it out.'))
    if row.problems:
        return None, row.problems  # nothing else is read from a row that holds a BSN
    values = {'reference': _reference(row, lookups), 'first_name': _text(row, 'voornaam', 60),
              'notes': _text(row, 'notities', 5000), 'municipality_id': _municipality(row, lookups),
              'postcode_area': _postcode(row), 'education_level': _education(row),
              'has_driving_licence': _yes_no(row, 'rijbewijs'),
              'hours_min': row.number_in('uren_min', 1, 60), 'hours_max': row.number_in('uren_max', 1, 60),
              'max_travel_km': row.number_in('reisafstand_km', 0, 200),
              'available_from': row.day('beschikbaar_vanaf'),
              'day_parts': row.choices('dagdelen', DAY_PARTS), 'support_needs': row.choices('ondersteuning', SUPPORT),
              'target_groups': row.choices('doelgroepen', TARGET_GROUPS),
              'loonwaarde': row.number_in('loonwaarde', 0, 100, required=False),
              'accountmanager_id': _accountmanager(row, lookups), 'skills': _skills(row, lookups),
              'experience': _experience(row, lookups), 'languages': _languages(row),
              'consent_on': _consent(row, lookups)}
    if values['hours_min'] and values['hours_max'] and values['hours_min'] > values['hours_max']:
        row.refuse('uren_max', _('The most hours per week cannot be fewer than the fewest.'))
    return (None if row.problems else values), row.problems


def _text(row: _Row, name: str, limit: int) -> str | None:
    text = row.cell(name)
    if len(text) > limit:
        row.refuse(name, _('Use at most %(max)d characters.', max=limit))
    return text or None


def _reference(row: _Row, lookups: Lookups) -> str | None:
    reference = row.cell('referentie')
    if not reference:
        row.refuse('referentie', _('Fill in the reference of the municipality’s own system.'))
        return None
    if len(reference) > 40:
        row.refuse('referentie', _('Use at most %(max)d characters.', max=40))
    if contains_bsn(reference):
        row.refuse('referentie', _('This looks like a citizen service number (BSN). Kansenkamer never stores a '
                                   'BSN: leave it out.'))
    elif reference in lookups.taken_references:
        row.refuse('referentie', _('Another job seeker in your region already has this reference.'))
    elif lookups.first_row.get(reference, row.number) != row.number:
        row.refuse('referentie', _('Row %(row)s of this file has the same reference.',
                                   row=lookups.first_row[reference]))
    return reference


def _municipality(row: _Row, lookups: Lookups) -> int | None:
    text = row.cell('gemeente')
    found = lookups.municipalities.get(text.upper()) or lookups.municipalities.get(text.casefold())
    if found is None:
        row.refuse('gemeente', _('“%(value)s” is not a municipality of your region. Use its name or CBS code, '
                                 'like GM0160.', value=text) if text else _('Fill in the municipality.'))
    return found


def _postcode(row: _Row) -> str | None:
    text = row.cell('postcode')
    if text and not re.fullmatch(r'[1-9][0-9]{3}', text):
        row.refuse('postcode', _('Fill in the four digits of the postcode, from 1000 to 9999, like 7772.'))
        return None
    return text or None


def _education(row: _Row) -> str | None:
    text = re.sub(r'[\s\-/_]', '', row.cell('opleiding').lower())
    level = EDUCATION.get(text) or next((e for e in EducationLevel if e.value == row.cell('opleiding').lower()), None)
    if level is None:
        row.refuse('opleiding', _('“%(value)s” is not one of the allowed values: %(allowed)s.',
                                  value=row.cell('opleiding'), allowed='basisonderwijs, vmbo, mbo2, mbo3, mbo4, '
                                                                       'havo_vwo, hbo, wo'))
        return None
    return level.value


def _yes_no(row: _Row, name: str) -> bool:
    text = row.cell(name).lower()
    if text not in YES + NO:
        row.refuse(name, _('Fill in ja or nee.'))
    return text in YES


def _accountmanager(row: _Row, lookups: Lookups) -> int | None:
    email = row.cell('accountmanager').lower()
    if not email:
        return None
    if email not in lookups.staff:
        row.refuse('accountmanager', _('%(email)s is not an account manager of your region.', email=email))
    return lookups.staff.get(email)


def _entry(row: _Row, column: str, text: str, table: dict[str, tuple[int, bool]]) -> int | None:
    found = table.get(text.casefold()) or table.get(text)
    if found is None:
        row.refuse(column, _('“%(value)s” is not in the list of occupations and skills.', value=text))
        return None
    entry_id, is_active = found
    if not is_active:
        row.refuse(column, _('“%(value)s” is no longer in the list of occupations and skills.', value=text))
    return entry_id


def _skills(row: _Row, lookups: Lookups) -> list[tuple[int, str]]:
    skills: dict[int, str] = {}
    for item in _items(row.cell('vaardigheden')):
        name, level = item, SkillLevel.GOOD
        head, _sep, tail = item.rpartition(':')
        if head and tail.strip().lower() in SKILL_LEVELS:
            name, level = head.strip(), SKILL_LEVELS[tail.strip().lower()]
        skill_id = _entry(row, 'vaardigheden', name, lookups.skills)
        if skill_id is not None:
            if skill_id in skills:
                row.refuse('vaardigheden', _('“%(value)s” appears more than once.', value=name))
            skills[skill_id] = level.value
    return list(skills.items())


def _experience(row: _Row, lookups: Lookups) -> list[tuple[int, int]]:
    years_by_occupation: dict[int, int] = {}
    for item in _items(row.cell('werkervaring')):
        name, _sep, years_text = item.rpartition(':')
        if not name:
            name, years_text = item, '0'
        years_text = years_text.strip()
        if not re.fullmatch(r'\d+', years_text) or int(years_text) > 60:
            row.refuse('werkervaring', _('Give the years after a colon as a whole number from 0 to 60, like '
                                         'Orderpicker:3.'))
            continue
        name = name.strip()
        if re.fullmatch(r'\d{4}', name):
            ids = lookups.occupations_by_isco.get(name, [])
            if len(ids) != 1:
                row.refuse('werkervaring', _('ISCO code %(code)s does not name exactly one occupation in the list: '
                                             'use the occupation’s Dutch name.', code=name))
                continue
            occupation_id = ids[0]
        else:
            occupation_id = _entry(row, 'werkervaring', name, lookups.occupations)
        if occupation_id is not None:
            if occupation_id in years_by_occupation:
                row.refuse('werkervaring', _('“%(value)s” appears more than once.', value=name))
            years_by_occupation[occupation_id] = int(years_text)
    return list(years_by_occupation.items())


def _languages(row: _Row) -> list[tuple[str, str]]:
    languages: dict[str, str] = {}
    for item in _items(row.cell('talen')):
        code, _sep, level_text = item.partition(':')
        code, level = code.strip().lower(), CEFR.get(level_text.strip().lower())
        if code not in KNOWN_LANGUAGES or level is None:
            row.refuse('talen', _('Give each language as its code and level, like nl:B1;en:A2 (levels A1 to C2, '
                                  'or moedertaal).'))
        elif code in languages:
            row.refuse('talen', _('“%(value)s” appears more than once.', value=code))
        else:
            languages[code] = level.value
    return list(languages.items())


def _consent(row: _Row, lookups: Lookups) -> date | None:
    if not _yes_no(row, 'toestemming_voorstellen'):
        if row.cell('toestemming_datum'):
            row.refuse('toestemming_datum', _('A date of consent needs ja in toestemming_voorstellen.'))
        return None
    given_on = row.day('toestemming_datum')
    if given_on is not None and given_on > lookups.today:
        row.refuse('toestemming_datum', _('The date consent was given cannot be in the future.'))
    return given_on
