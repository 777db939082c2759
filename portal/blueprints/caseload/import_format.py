"""The candidate CSV (docs/candidate-import.md): its columns and values, reading the file, and its header.

Every problem is reported as (row, column, message) in the reader's language, so a staff member
can fix the file in Excel and upload it again. Row numbers are those Excel shows: the header is 1.
Rows are checked in import_rows.py.
"""

import csv
import io
from collections.abc import Iterator

from babel import Locale
from flask_babel import gettext as _

from portal.models.caseload import CefrLevel, EducationLevel, SkillLevel, SupportNeed, TargetGroup
from portal.models.demand import DayPart

REQUIRED = ('referentie', 'gemeente', 'opleiding', 'uren_min', 'uren_max', 'reisafstand_km', 'beschikbaar_vanaf')
OPTIONAL = ('voornaam', 'postcode', 'rijbewijs', 'dagdelen', 'ondersteuning', 'doelgroepen', 'loonwaarde',
            'accountmanager', 'vaardigheden', 'werkervaring', 'talen', 'toestemming_voorstellen',
            'toestemming_datum', 'notities')
COLUMNS = REQUIRED + OPTIONAL
#: several values in one cell
LIST_SEPARATOR = ';'

EDUCATION = {'basisonderwijs': EducationLevel.PRIMARY, 'geen': EducationLevel.PRIMARY,
             'vmbo': EducationLevel.VMBO, 'praktijkonderwijs': EducationLevel.VMBO, 'entree': EducationLevel.VMBO,
             'mbo1': EducationLevel.VMBO, 'mbo2': EducationLevel.MBO2, 'mbo3': EducationLevel.MBO3,
             'mbo4': EducationLevel.MBO4, 'havovwo': EducationLevel.HAVO_VWO, 'havo': EducationLevel.HAVO_VWO,
             'vwo': EducationLevel.HAVO_VWO, 'hbo': EducationLevel.HBO, 'wo': EducationLevel.WO}
DAY_PARTS = {'ochtend': DayPart.WEEKDAY_MORNING, 'middag': DayPart.WEEKDAY_AFTERNOON,
             'avond': DayPart.WEEKDAY_EVENING, 'nacht': DayPart.NIGHT, 'weekend': DayPart.WEEKEND}
SUPPORT = {'jobcoach': SupportNeed.JOB_COACH, 'aangepast_werk': SupportNeed.ADAPTED_WORK,
           'loonkostensubsidie': SupportNeed.WAGE_SUBSIDY, 'deeltijd': SupportNeed.PART_TIME}
TARGET_GROUPS = {'participatiewet': TargetGroup.PARTICIPATIEWET, 'doelgroepregister': TargetGroup.DOELGROEPREGISTER,
                 'nugger': TargetGroup.NUGGER}
SKILL_LEVELS = {'basis': SkillLevel.BASIC, 'goed': SkillLevel.GOOD, 'expert': SkillLevel.EXPERT}
CEFR = {**{level.value: level for level in CefrLevel}, 'moedertaal': CefrLevel.NATIVE}
YES, NO = ('ja', 'j', 'yes', 'y'), ('nee', 'n', 'no', '')
DATE_FORMATS = ('%Y-%m-%d', '%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y')
KNOWN_LANGUAGES = frozenset(Locale('en').languages)


class FileUnreadable(ValueError):
    """The upload is not a UTF-8 text file."""


def decode(raw: bytes) -> str:
    try:
        return raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        raise FileUnreadable from None


def _delimiter(text: str) -> str:
    header = text.split('\n', 1)[0]
    return ';' if header.count(';') >= header.count(',') else ','


def read(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower-case names) and the non-empty rows with their Excel row numbers."""
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=_delimiter(text))
    header = [name.strip().lower() for name in next(reader, [])]

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, cells
    return header, rows()


def count_rows(text: str) -> int:
    return sum(1 for _ in read(text)[1])


def header_problems(header: list[str]) -> list[dict]:
    problems = []
    for name in header:
        if name and name not in COLUMNS:
            problems.append(problem(1, name, _('This column is unknown. Check the spelling against the '
                                               'documented format.')))
    for name in {name for name in header if header.count(name) > 1}:
        problems.append(problem(1, name, _('This column appears more than once.')))
    for name in REQUIRED:
        if name not in header:
            problems.append(problem(1, name, _('This required column is missing.')))
    return problems


def problem(row: int, column: str | None, message: str) -> dict:
    return {'row': row, 'column': column, 'message': message}
