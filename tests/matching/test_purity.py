"""`portal.matching` is pure computation: no module in it imports Flask, the database or the web layer."""

import ast
from pathlib import Path

import pytest

import portal.matching

FORBIDDEN = ('flask', 'flask_', 'sqlalchemy', 'portal.extensions', 'portal.models', 'portal.blueprints')
MODULES = sorted(Path(portal.matching.__file__).parent.rglob('*.py'))


def imported_names(source: str) -> list[str]:
    """Every module an import statement names, at any depth (inside functions and try blocks too)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = '.' * node.level + (node.module or '')
            names.append(base)
            names += [f'{base}.{alias.name}' if node.module else f'{base}{alias.name}' for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, 'id', getattr(node.func, 'attr', None)) in (
                '__import__', 'import_module') and node.args and isinstance(node.args[0], ast.Constant):
            names.append(str(node.args[0].value))
    return names


def is_forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad if bad.endswith('_') else f'{bad}.') for bad in FORBIDDEN)


def test_there_are_modules_to_check():
    assert {path.name for path in MODULES} >= {'__init__.py', 'rules.py', 'ranking.py', 'geo.py', 'subsidy.py',
                                                'profiles.py'}


@pytest.mark.parametrize('path', MODULES, ids=lambda path: path.name)
def test_no_module_imports_flask_or_the_database(path):
    names = imported_names(path.read_text(encoding='utf-8'))
    assert not [name for name in names if is_forbidden(name)]
    assert not [name for name in names if name.startswith('.')], 'relative imports would hide what is imported'


@pytest.mark.parametrize(('source', 'caught'), [
    ('import flask', True),
    ('from flask_login import current_user', True),
    ('def f():\n    from sqlalchemy import select', True),
    ('from portal.models.caseload import Candidate', True),
    ('from portal import extensions', True),
    ('from portal import models as m', True),
    ('import importlib\nimportlib.import_module("portal.blueprints.matching")', True),
    ('from portal.matching.rules import score_pair', False),
    ('import flaskish', False),
])
def test_the_check_itself(source, caught):
    names = imported_names(source)
    assert any(is_forbidden(name) for name in names) is caught
