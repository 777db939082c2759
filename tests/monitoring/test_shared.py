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


def test_the_label_tables_four_areas_show_are_one_table_each():
    from portal.blueprints.caseload import labels as caseload
    from portal.blueprints.matching import explain as matching
    from portal.blueprints.monitoring import present as monitoring
    from portal.blueprints.monitoring import views as monitoring_views
    from portal.blueprints.proposals import labels as proposals
    from portal.core import labels as shared

    assert caseload.EDUCATION_LABELS is proposals.EDUCATION_LABELS is shared.EDUCATION_LABELS
    assert caseload.SKILL_LEVEL_LABELS is proposals.SKILL_LEVEL_LABELS is shared.SKILL_LEVEL_LABELS
    assert caseload.CEFR_LABELS is proposals.DUTCH_LABELS is shared.CEFR_LABELS
    assert caseload.SUPPORT_LABELS is proposals.SUPPORT_LABELS is shared.SUPPORT_LABELS
    assert caseload.TARGET_GROUP_LABELS is monitoring_views.TARGET_GROUP_LABELS is shared.TARGET_GROUP_LABELS
    assert (caseload.MISSING_FIELD_LABELS is proposals.MISSING_FIELD_LABELS is matching.MISSING_FIELD_LABELS
            is shared.MISSING_FIELD_LABELS)
    assert caseload.PROPOSAL_STATE_LABELS is proposals.STATE_LABELS is shared.PROPOSAL_STATE_LABELS
    assert proposals.DECLINE_LABELS is monitoring.DECLINE_LABELS is shared.DECLINE_LABELS


def test_no_area_defines_a_shared_label_table_again():
    shared = {'EDUCATION_LABELS', 'SKILL_LEVEL_LABELS', 'CEFR_LABELS', 'DUTCH_LABELS', 'SUPPORT_LABELS',
              'TARGET_GROUP_LABELS', 'MISSING_FIELD_LABELS', 'PROPOSAL_STATE_LABELS', 'STATE_LABELS',
              'DECLINE_LABELS'}
    copies = []
    for area in ('caseload', 'matching', 'proposals', 'monitoring'):
        for path in (ROOT / 'portal' / 'blueprints' / area).glob('*.py'):
            for node in ast.parse(path.read_text(encoding='utf-8')).body:
                if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                        and any(isinstance(t, ast.Name) and t.id in shared for t in node.targets)):
                    copies.append(f'{path.relative_to(ROOT)}:{node.lineno}')
    assert copies == []
