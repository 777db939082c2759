"""Helpers the caseload, matching, proposals and monitoring areas share live in portal/core, once."""

import ast
import pathlib
from datetime import date

from portal.core.dbtypes import add_months

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 3, 31), -12) == date(2025, 3, 31)
    assert add_months(date(2026, 1, 10), -1) == date(2025, 12, 10)


def _imports_of(name: str) -> list[tuple[str, str]]:
    """(file, module) for every `from module import name` under portal/, tests/ and benchmarks/."""
    found = []
    for folder in ('portal', 'tests', 'benchmarks'):
        for path in (ROOT / folder).rglob('*.py'):
            for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
                if isinstance(node, ast.ImportFrom) and any(alias.name == name for alias in node.names):
                    found.append((str(path.relative_to(ROOT)), node.module))
    return found


def test_every_module_takes_add_months_from_core():
    imports = _imports_of('add_months')
    assert len(imports) > 10
    assert [(path, module) for path, module in imports if module != 'portal.core.dbtypes'] == []
