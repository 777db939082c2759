"""Outcomes of matching for the region's staff: the funnel, retention and breakdowns, and the skills gap.

The pages show counts only, never a person, so opening them is not audited; downloading the
figures is (`monitoring.exported`), as they leave the portal. The pages are for all staff of the
region; the downloads for its coordinators only (the exports are theirs in DESIGN.md).
"""

from flask import current_app, render_template, request
from flask_babel import format_number, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.blueprints.monitoring import bp
from portal.blueprints.monitoring.csv_file import csv_response
from portal.blueprints.monitoring.figures import breakdown, figures
from portal.blueprints.monitoring.forms import PeriodForm
from portal.blueprints.monitoring.labels import (
    NO_ACCOUNTMANAGER,
    NO_TARGET_GROUP,
    UNKNOWN,
)
from portal.blueprints.monitoring.operations import record_export
from portal.blueprints.monitoring.outcomes import first_sent_year, load_facts
from portal.blueprints.monitoring.present import (
    Bar,
    Formatter,
    Table,
    breakdown_section,
    declines_table,
    funnel_table,
    key_figures_table,
)
from portal.blueprints.monitoring.skills_gap import TOP, SkillGap, region_skills_gap
from portal.blueprints.regional.outlook import region_municipalities
from portal.core import sbi
from portal.core.access import role_required
from portal.core.dbtypes import today, utcnow
from portal.core.labels import TARGET_GROUP_LABELS
from portal.extensions import db
from portal.models.accounts import User
from portal.models.matching import DeclineReason
from portal.models.tenancy import Region


def _region() -> Region:
    return current_user.staff_role.region


def _min_group() -> int:
    return current_app.config['MONITORING_MIN_GROUP']


def _sector_label(letter: str | None) -> str:
    section = sbi.SECTIONS.get(letter or '')
    return f'{letter} – {section.label}' if section is not None else str(UNKNOWN)


def _outcomes():
    """The period form and every table of the outcomes page, for the signed-in staff member's region."""
    region, min_group, now = _region(), _min_group(), today()
    first_year = first_sent_year(region.id)
    form = PeriodForm(request.args, years=list(range(first_year or now.year, now.year + 1)), today=now)
    form.validate()
    period = form.period()
    facts = load_facts(region.id, period, now)
    reasons = list(DeclineReason)
    overall = figures(facts, min_group, reasons)
    fmt = Formatter(min_group)
    municipalities = {m.id: m.name for m in region_municipalities(region.id)}
    managers = {user.id: str(user.display_name) for user in db.session.scalars(
        select(User).where(User.id.in_({f.accountmanager_id for f in facts if f.accountmanager_id})))}
    dimensions = [
        ('municipality', _('By municipality of the job seeker'), _('Municipality'),
         lambda f: [f.municipality_id], lambda key: municipalities.get(key, str(UNKNOWN)),
         _('Other municipalities together')),
        ('sector', _('By sector of the employer'), _('Sector'), lambda f: [f.sector], _sector_label,
         _('Other sectors together')),
        ('accountmanager', _('By account manager'), _('Account manager'), lambda f: [f.accountmanager_id],
         lambda key: managers.get(key, str(NO_ACCOUNTMANAGER)), _('Other account managers together')),
        ('target-group', _('By target group'), _('Target group'), lambda f: list(f.target_groups) or [''],
         lambda key: str(TARGET_GROUP_LABELS.get(key, NO_TARGET_GROUP)), _('Other target groups together')),
    ]
    breakdowns = [breakdown_section(key, title, heading, breakdown(facts, keys, overall, min_group),
                                    label, rest, fmt)
                  for key, title, heading, keys, label, rest in dimensions]
    tables = {'funnel': funnel_table(overall, fmt), 'key': key_figures_table(overall, fmt),
              'declines': declines_table(overall, fmt)}
    return form, period, tables, breakdowns


def _chosen(form: PeriodForm, period) -> str:
    return str(dict(form.periode.choices).get(period.key, period.key))


@bp.get('/medewerkers/regio/resultaten')
@role_required('staff')
def outcomes():
    form, period, tables, breakdowns = _outcomes()
    return render_template('monitoring/outcomes.html', form=form, period=period, chosen=_chosen(form, period),
                           tables=tables, breakdowns=breakdowns, region=_region(), min_group=_min_group(),
                           counted_on=utcnow())


@bp.get('/medewerkers/regio/resultaten.csv')
@role_required('coordinator')
def export_outcomes():
    form, period, tables, breakdowns = _outcomes()
    region = _region()
    chosen = _chosen(form, period)
    rows: list[tuple] = [
        (_('Section'), _('Group'), _('Measure'), _('Value')),
        (_('Selection'), '', _('Region'), region.name),
        (_('Selection'), '', _('Proposals sent in'), str(chosen)),
        (_('Selection'), '', _('Counted on'), today().isoformat()),
        (_('Selection'), '', _('Smallest group shown'),
         _('%(count)s people; fewer reads “%(marker)s”', count=_min_group(), marker=f'< {_min_group()}')),
    ]
    for table in [*tables.values(), *(table for section in breakdowns for table in section.tables)]:
        rows.extend(table.csv_rows())
    record_export(current_user, region, report='outcomes', selection={'period': period.key})
    db.session.commit()
    filename = _('outcomes-%(region)s-%(date)s.csv', region=region.slug, date=today().isoformat())
    return csv_response(rows, filename)


# The skills gap ------------------------------------------------------------------------------

def _shortage_text(gap: SkillGap) -> str:
    if gap.is_lower_bound:
        return f'≥ {format_number(gap.shortage)}' if gap.shortage > 0 else '—'
    return format_number(gap.shortage)


def _gap_table(gaps: list[SkillGap], marker: str) -> Table:
    table = Table('skills-gap', _('Skills asked for with the largest shortage (top %(count)s)', count=TOP), _('Skill'),
                  (_('Required in needs (positions)'), _('Wished for in needs (positions)'),
                   _('In innovation plans (people)'), _('Asked for in all'), _('Job seekers with the skill'),
                   _('Of whom at level good or expert'), _('Shortage')))
    for gap in gaps:
        people = marker if gap.people is None else format_number(gap.people)
        skilled = marker if gap.skilled is None else format_number(gap.skilled)
        table.rows.append((gap.label, (format_number(gap.required), format_number(gap.wished),
                                       format_number(gap.plans), format_number(gap.asked), people, skilled,
                                       _shortage_text(gap))))
        table.bars.append(Bar(gap.label, gap.shortage if gap.shortage > 0 else None, _shortage_text(gap)))
    return table


@bp.get('/medewerkers/regio/vaardigheden')
@role_required('staff')
def skills_gap():
    region = _region()
    gaps = region_skills_gap(region.id, str(get_locale()), _min_group())
    # the page is about what employers ask for; a skill only the caseload has is in the CSV
    asked = [gap for gap in gaps if gap.asked][:TOP]
    return render_template('monitoring/skills_gap.html', gaps=_gap_table(asked, f'< {_min_group()}'),
                           region=region, min_group=_min_group(), counted_on=utcnow(), total=len(gaps))


@bp.get('/medewerkers/regio/vaardigheden.csv')
@role_required('coordinator')
def export_skills_gap():
    region, marker = _region(), f'< {_min_group()}'
    gaps = region_skills_gap(region.id, str(get_locale()), _min_group())
    rows: list[tuple] = [(_('Skill'), _('Required in needs (positions)'), _('Wished for in needs (positions)'),
                          _('In innovation plans (people)'), _('Asked for in all'), _('Job seekers with the skill'),
                          _('Of whom at level good or expert'), _('Shortage'))]
    for gap in gaps:
        shortage = gap.shortage if not gap.is_lower_bound else _shortage_text(gap)
        rows.append((gap.label, gap.required, gap.wished, gap.plans, gap.asked,
                     marker if gap.people is None else gap.people, marker if gap.skilled is None else gap.skilled,
                     shortage))
    record_export(current_user, region, report='skills_gap', selection={})
    db.session.commit()
    filename = _('skills-gap-%(region)s-%(date)s.csv', region=region.slug, date=today().isoformat())
    return csv_response(rows, filename)
