"""The region's outlook for its staff: charts with their tables, and the same figures as one CSV file."""

import csv
import io
from dataclasses import dataclass

from flask import Response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.blueprints.demand.labels import HORIZON_LABELS
from portal.blueprints.regional import bp
from portal.blueprints.regional.forms_outlook import OutlookFilterForm
from portal.blueprints.regional.outlook import (
    TOP_EFFECTS,
    TOP_OCCUPATIONS,
    TOP_SKILLS,
    Outlook,
    OutlookFilters,
    Row,
    region_municipalities,
    region_outlook,
)
from portal.core.dbtypes import utcnow
from portal.models.demand import EffectDirection, Horizon

POSITIONS = _l('Positions')
PEOPLE = _l('People')


@dataclass(frozen=True)
class Section:
    """One chart and its table: a heading that is also the caption and the CSV section, and the rows."""

    key: str
    title: str
    label_heading: str
    value_headings: tuple[str, ...]
    rows: list[Row]


def _sections(outlook: Outlook) -> dict[str, Section]:
    effects = outlook.effects
    sections = [
        Section('horizon', _('Positions by horizon'), _('Horizon'), (POSITIONS,), outlook.by_horizon),
        Section('occupation', _('Positions by occupation (top %(count)s)', count=TOP_OCCUPATIONS), _('Occupation'),
                (POSITIONS,), outlook.by_occupation),
        Section('sector', _('Positions by sector'), _('Sector'), (POSITIONS,), outlook.by_sector),
        Section('municipality', _('Positions per municipality'), _('Municipality'), (POSITIONS,),
                outlook.by_municipality),
        Section('grows', _('Occupations that grow (top %(count)s)', count=TOP_EFFECTS), _('Occupation'), (PEOPLE,),
                effects.get(EffectDirection.GROWS, [])),
        Section('shrinks', _('Occupations that shrink (top %(count)s)', count=TOP_EFFECTS), _('Occupation'),
                (PEOPLE,), effects.get(EffectDirection.SHRINKS, [])),
        Section('new', _('New occupations (top %(count)s)', count=TOP_EFFECTS), _('Occupation'), (PEOPLE,),
                effects.get(EffectDirection.NEW, [])),
        Section('skills', _('Skills most asked for (top %(count)s)', count=TOP_SKILLS), _('Skill'),
                (_('Required'), _('Wished for'), _('Needs in all')), outlook.skills),
    ]
    return {section.key: section for section in sections}


def _figures():
    """The filter form and, when it is valid, the figures it selects (else the whole region's, with the errors)."""
    region_id = current_user.staff_region_id
    municipalities = region_municipalities(region_id)
    form = OutlookFilterForm(request.args, municipalities=[(str(m.id), m.name) for m in municipalities])
    filters = OutlookFilters()
    if form.validate():
        by_id = {str(m.id): m for m in municipalities}
        filters = OutlookFilters(horizon=Horizon(form.horizon.data) if form.horizon.data else None,
                                 municipality=by_id.get(form.municipality.data))
    outlook = region_outlook(region_id, filters, municipalities, str(get_locale()))
    return form, filters, outlook


def _chosen(filters: OutlookFilters) -> tuple[str, str]:
    horizon = str(HORIZON_LABELS[filters.horizon]) if filters.horizon else _('All horizons')
    municipality = filters.municipality.name if filters.municipality else _('All municipalities')
    return horizon, municipality


def _render(form: OutlookFilterForm, filters: OutlookFilters, figures: Outlook) -> str:
    horizon, municipality = _chosen(filters)
    csv_args = {}
    if filters.horizon:
        csv_args['horizon'] = filters.horizon.value
    if filters.municipality:
        csv_args['municipality'] = filters.municipality.id
    return render_template('regional/outlook.html', form=form, filters=filters, outlook=figures,
                           sections=_sections(figures), chosen_horizon=horizon, chosen_municipality=municipality,
                           region=current_user.staff_role.region, csv_args=csv_args, today=utcnow())


@bp.get('/vooruitblik')
def outlook():
    return _render(*_figures())


@bp.get('/vooruitblik.csv')
def export_outlook():
    form, filters, figures = _figures()
    if form.errors:
        return _render(form, filters, figures)
    horizon, municipality = _chosen(filters)
    rows: list[tuple] = [
        (_('Selection'), _('Horizon'), horizon),
        (_('Selection'), _('Municipality'), municipality),
        (_('Totals'), _('Published needs'), figures.needs),
        (_('Totals'), _('Positions in published needs'), figures.positions),
        (_('Totals'), _('Published innovation plans'), figures.plans),
    ]
    for section in _sections(figures).values():
        for row in section.rows:
            for heading, value in zip(section.value_headings, row.values, strict=True):
                name = section.title if len(section.value_headings) == 1 else \
                    _('%(section)s: %(column)s', section=section.title, column=heading)
                rows.append((name, row.label, value))
    region = current_user.staff_role.region
    filename = _('outlook-%(region)s-%(date)s.csv', region=region.slug, date=utcnow().date().isoformat())
    return Response(_csv([(_('Section'), _('Label'), _('Value')), *rows]), mimetype='text/csv',
                    headers={'Content-Disposition': f'attachment; filename="{filename}"'})


def _csv(rows: list[tuple]) -> str:
    """Semicolon-separated with a byte-order mark, as Dutch spreadsheet programs open it correctly."""
    buffer = io.StringIO()
    buffer.write('\ufeff')
    writer = csv.writer(buffer, delimiter=';')
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return buffer.getvalue()


def _cell(value) -> str | int:
    """Text that a spreadsheet would read as a formula is prefixed with a quote (CSV injection)."""
    if isinstance(value, str) and value[:1] in {'=', '+', '-', '@', '\t', '\r'}:
        return "'" + value
    return value
