"""The migrations build exactly the models' schema, on an empty database of the run's kind, and undo it."""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask

from portal import MIGRATIONS_DIR
from portal.extensions import db
from tests.core.conftest import app_on_database, empty_database

VERSIONS_DIR = MIGRATIONS_DIR / 'versions'
FILE_NAME = re.compile(r'^\d{8}_\d{4}_[0-9a-f]+_\w+\.py$')


@pytest.fixture
def empty_db_app(monkeypatch, tmp_path) -> Iterator[Flask]:
    """A testing app on a brand-new, empty database of the same kind as this run's."""
    with empty_database(tmp_path, 'migrations') as url, app_on_database(url, monkeypatch) as app:
        yield app


def schema_differences() -> list:
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={'compare_type': True}), db.metadata)


def leftovers() -> set[str]:
    """Every schema object that is not Alembic's own bookkeeping."""
    with db.engine.connect() as conn:
        if conn.dialect.name == 'sqlite':
            rows = conn.execute(sa.text("SELECT type || ' ' || name FROM sqlite_master "
                                        "WHERE tbl_name <> 'alembic_version'"))
        else:
            rows = conn.execute(sa.text(
                "SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version' "
                "UNION ALL SELECT 'function ' || proname FROM pg_proc "
                "WHERE pronamespace = 'public'::regnamespace "
                "UNION ALL SELECT 'sequence ' || sequencename FROM pg_sequences WHERE schemaname = 'public'"))
        return set(rows.scalars())


def test_upgrade_on_an_empty_database_gives_exactly_the_models_schema(empty_db_app):
    with empty_db_app.app_context():
        flask_migrate.upgrade()
        assert set(sa.inspect(db.engine).get_table_names()) >= set(db.metadata.tables)
        assert schema_differences() == []


def test_downgrade_to_base_removes_everything_and_upgrade_works_again(empty_db_app):
    with empty_db_app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision='base')
        assert set(sa.inspect(db.engine).get_table_names()) <= {'alembic_version'}
        assert leftovers() == set()

        flask_migrate.upgrade()
        assert schema_differences() == []


def test_the_migration_history_has_one_head():
    assert len(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()) == 1


def _migration_files() -> list[Path]:
    return sorted(VERSIONS_DIR.glob('*.py'))


def test_there_are_migrations():
    assert _migration_files()


@pytest.mark.parametrize('path', _migration_files(), ids=lambda path: path.name)
def test_migration_file_is_named_and_reversible(path: Path):
    assert FILE_NAME.match(path.name), f'{path.name}: name it YYYYMMDD_HHMM_<revision>_<slug>.py'
    module = ast.parse(path.read_text())
    assignments = {target.id: node.value for node in module.body if isinstance(node, ast.Assign)
                   for target in node.targets if isinstance(target, ast.Name)}
    revision = ast.literal_eval(assignments['revision'])
    assert path.name.split('_')[2] == revision, 'the file name carries its own revision id'

    functions = {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}
    assert 'upgrade' in functions
    assert 'downgrade' in functions, f'{path.name} has no downgrade()'
    body = [statement for statement in functions['downgrade'].body
            if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))]
    assert body, f'{path.name}: downgrade() is empty'
    assert not all(isinstance(statement, ast.Pass) for statement in body), f'{path.name}: downgrade() only passes'
