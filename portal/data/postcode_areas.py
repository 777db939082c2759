"""Four-digit postcode areas (PC4) and their centres: read and check a CSV file, then load it in bulk.

One loader serves `flask import-postcode-areas` (a deployment loads the national set of about
4,000 areas) and seed-demo (the approximate demo file next to this module). Every row is checked
first, with the same bounds as the table's check constraint: a file with one bad row is not loaded
at all, so a half-read national file can never leave half the country without its centre.
"""

import csv
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from portal.extensions import db
from portal.models.places import PostcodeArea
from portal.models.tenancy import Municipality

DEMO_FILE = Path(__file__).resolve().parent / 'postcode_areas_demo.csv'

#: the bounds of the `inside_netherlands` check constraint on postcode_areas
LATITUDE = (50.0, 54.0)
LONGITUDE = (3.0, 8.0)
#: the names a column may have in the header (any case); CBS and PDOK files use the Dutch ones
COLUMNS = {
    'postcode': ('postcode', 'pc4', 'postcode4', 'code'),
    'latitude': ('latitude', 'lat', 'breedtegraad'),
    'longitude': ('longitude', 'lon', 'lng', 'lengtegraad'),
    'gemeentecode': ('gemeentecode', 'gm_code', 'gmcode', 'cbs_code'),
}
REQUIRED = ('postcode', 'latitude', 'longitude')
POSTCODE = re.compile(r'[1-9]\d{3}')
MUNICIPALITY_CODE = re.compile(r'(?:GM)?(\d{1,4})', re.IGNORECASE)
#: rows per DELETE when --replace removes areas the file no longer holds
DELETE_CHUNK = 500


@dataclass(frozen=True, slots=True)
class AreaRow:
    line: int
    code: str
    latitude: float
    longitude: float
    #: the municipality's CBS code as GM0160, or None
    cbs_code: str | None


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f'line {self.line}: {self.message}'


@dataclass
class ParsedFile:
    rows: list[AreaRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: whether the file names municipalities at all (if not, loading keeps the links areas have)
    has_municipality: bool = False


@dataclass
class LoadReport:
    read: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    #: areas of the file that belong to a municipality this portal knows
    linked: int = 0

    def __str__(self) -> str:
        return (f'postcode areas: {self.read} in the file; {self.added} added, {self.changed} changed, '
                f'{self.unchanged} unchanged, {self.removed} removed; '
                f'{self.linked} in a municipality of this portal')


# Reading and checking ----------------------------------------------------------------------------------

def _number(raw: str) -> float | None:
    """A decimal number, with a point or (as Dutch spreadsheets write it) a comma."""
    text = raw.strip()
    if ',' in text and '.' not in text:
        text = text.replace(',', '.')
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _header(names: list[str], line: int, parsed: ParsedFile) -> dict[str, int] | None:
    """Which position each known column has; None (with a problem) when a required one is missing."""
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        name = name.strip().lstrip('\ufeff').casefold()
        for column, aliases in COLUMNS.items():
            if name in aliases and column not in positions:
                positions[column] = index
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        parsed.problems.append(Problem(line, f'the header lacks {", ".join(missing)}: it must name postcode, '
                                             'latitude and longitude (and may name gemeentecode)'))
        return None
    parsed.has_municipality = 'gemeentecode' in positions
    return positions


def _row(values: list[str], line: int, positions: dict[str, int], problems: list[Problem]) -> AreaRow | None:
    def cell(column: str) -> str:
        index = positions.get(column)
        return values[index].strip() if index is not None and index < len(values) else ''

    before = len(problems)
    code = cell('postcode')
    if not POSTCODE.fullmatch(code):
        problems.append(Problem(line, f'postcode {code!r} is not four digits from 1000 to 9999'))
    coordinates = {}
    for column, (low, high) in (('latitude', LATITUDE), ('longitude', LONGITUDE)):
        raw = cell(column)
        value = _number(raw)
        if value is None:
            problems.append(Problem(line, f'{column} {raw!r} is not a number' if raw else f'{column} is empty'))
        elif not low <= value <= high:
            problems.append(Problem(line, f'{column} {raw} lies outside the Netherlands ({low:g} to {high:g}); '
                                          'are latitude and longitude swapped, or not in WGS84 degrees?'))
        coordinates[column] = value
    cbs_code = None
    raw_municipality = cell('gemeentecode')
    if raw_municipality:
        match = MUNICIPALITY_CODE.fullmatch(raw_municipality)
        if match is None:
            problems.append(Problem(line, f'gemeentecode {raw_municipality!r} is not like GM0160 or 0160'))
        else:
            cbs_code = f'GM{int(match.group(1)):04d}'
    if len(problems) > before:
        return None
    return AreaRow(line, code, coordinates['latitude'], coordinates['longitude'], cbs_code)


def parse(text: str) -> ParsedFile:
    """Check every row of a CSV text (`;` or `,` separated; lines starting with # are comments).

    Line numbers are those of the file, comments and blank lines included, so a problem can be found.
    """
    parsed = ParsedFile()
    lines = [(number, line) for number, line in enumerate(text.lstrip('\ufeff').splitlines(), 1)
             if line.strip() and not line.lstrip().startswith('#')]
    if not lines:
        parsed.problems.append(Problem(1, 'the file holds no header and no postcode areas'))
        return parsed
    header_line, header = lines[0]
    delimiter = ';' if header.count(';') > header.count(',') else ','
    records = csv.reader((line for _, line in lines), delimiter=delimiter)
    positions = _header(next(records), header_line, parsed)
    if positions is None:
        return parsed
    first_seen: dict[str, int] = {}
    for (number, _), values in zip(lines[1:], records, strict=True):
        row = _row(values, number, positions, parsed.problems)
        if row is None:
            continue
        if row.code in first_seen:
            parsed.problems.append(Problem(number, f'postcode {row.code} appears again (first on line '
                                                   f'{first_seen[row.code]})'))
            continue
        first_seen[row.code] = number
        parsed.rows.append(row)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(header_line, 'the file holds no postcode areas'))
    return parsed


# Loading -------------------------------------------------------------------------------------------------

def _same(a: float, b: float) -> bool:
    return round(a, 6) == round(b, 6)


def load(parsed: ParsedFile, *, replace: bool = False, only_missing: bool = False) -> LoadReport:
    """Add or update every area of a checked file in a few statements (never commits).

    `replace` also removes the areas the file does not hold; `only_missing` adds new areas and leaves
    known ones as they are (seed-demo: a national set loaded before stays). Refuses a file with problems.
    """
    if parsed.problems:
        raise ValueError('a file with problems is never loaded')
    municipality_ids = dict(db.session.execute(select(Municipality.cbs_code, Municipality.id)).all())
    existing = {code: (lat, lon, municipality_id) for code, lat, lon, municipality_id in db.session.execute(
        select(PostcodeArea.code, PostcodeArea.latitude, PostcodeArea.longitude, PostcodeArea.municipality_id))}
    report = LoadReport(read=len(parsed.rows))
    inserts, updates = [], []
    for row in parsed.rows:
        known = existing.get(row.code)
        if parsed.has_municipality:
            municipality_id = municipality_ids.get(row.cbs_code) if row.cbs_code else None
        else:
            municipality_id = known[2] if known else None
        values = {'code': row.code, 'latitude': row.latitude, 'longitude': row.longitude,
                  'municipality_id': municipality_id}
        if known is None:
            inserts.append(values)
        elif only_missing or (_same(known[0], row.latitude) and _same(known[1], row.longitude)
                              and known[2] == municipality_id):
            report.unchanged += 1
            municipality_id = known[2]
        else:
            updates.append(values)
        report.linked += municipality_id is not None
    if inserts:
        db.session.execute(insert(PostcodeArea), inserts)
    if updates:
        db.session.execute(update(PostcodeArea), updates)
    report.added, report.changed = len(inserts), len(updates)
    if replace:
        gone = sorted(set(existing) - {row.code for row in parsed.rows})
        for start in range(0, len(gone), DELETE_CHUNK):
            db.session.execute(delete(PostcodeArea).where(PostcodeArea.code.in_(gone[start:start + DELETE_CHUNK])))
        report.removed = len(gone)
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, PostcodeArea):  # bulk statements pass the identity map by
            db.session.expire(obj)
    return report


def load_demo_areas() -> LoadReport:
    """The approximate centres of the demo regions' areas, added where a code is not known yet."""
    return load(parse(DEMO_FILE.read_text(encoding='utf-8')), only_missing=True)
