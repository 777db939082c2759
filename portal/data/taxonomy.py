"""The curated occupations and skills, and one idempotent loader for the data migration and seed-demo.

The loader works on SQLAlchemy Core tables it is given, so the migration can pass its own
lightweight table definitions (never the ORM models, which change after the migration was written)
and seed-demo can pass the models' tables.
"""

import csv
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

DATA_DIR = Path(__file__).resolve().parent
#: version 1 of the lists; a later version is a new file with its own data migration
OCCUPATIONS_FILE = DATA_DIR / 'occupations_v1.csv'
SKILLS_FILE = DATA_DIR / 'skills_v1.csv'


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a curated CSV file; lines starting with # are comments."""
    with path.open(encoding='utf-8', newline='') as handle:
        lines = (line for line in handle if line.strip() and not line.lstrip().startswith('#'))
        for row in csv.DictReader(lines):
            yield {key: (value or '').strip() for key, value in row.items()}


def read_occupations(path: Path = OCCUPATIONS_FILE) -> list[dict[str, str]]:
    """[{'isco_code', 'label_nl', 'label_en'}, ...] in the file's order."""
    return list(_rows(path))


def read_skills(path: Path = SKILLS_FILE) -> list[dict[str, str | None]]:
    """[{'label_nl', 'label_en', 'esco_uri' (None when empty)}, ...] in the file's order."""
    return [{**row, 'esco_uri': row.get('esco_uri') or None} for row in _rows(path)]


def _missing(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose Dutch label (in any case) is not in `table` yet."""
    existing = {label.casefold() for label in connection.scalars(select(table.c.label_nl))}
    return [row for row in rows if row['label_nl'].casefold() not in existing]


def load_taxonomy(connection: Connection, occupations: Table, skills: Table,
                  now: datetime | None = None) -> tuple[int, int]:
    """Add every curated occupation and skill whose Dutch label is not there yet; returns how many of each.

    Idempotent: entries that exist (also when a coordinator switched them off) are left as they are.
    """
    now = now or datetime.now(UTC)
    stamps = {'is_active': True, 'created_at': now, 'updated_at': now}
    new_occupations = [{**row, **stamps} for row in _missing(connection, occupations, read_occupations())]
    new_skills = [{**row, **stamps} for row in _missing(connection, skills, read_skills())]
    if new_occupations:
        connection.execute(occupations.insert(), new_occupations)
    if new_skills:
        connection.execute(skills.insert(), new_skills)
    return len(new_occupations), len(new_skills)
