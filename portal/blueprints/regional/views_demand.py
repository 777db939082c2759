"""The region's demand for its staff: search and filter the submitted needs, export them, and read the plans."""

from flask import Response, render_template, request, url_for
from flask_babel import get_locale, to_user_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.blueprints.regional import bp, queries
from portal.blueprints.regional.csv_demand import demand_csv
from portal.blueprints.regional.forms_demand import ALL_SUBMITTED, OPENNESS_PARAMS, DemandFilterForm, PlanFilterForm
from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.demand import Horizon
from portal.models.moderation import PostingKind, PostingState
from portal.models.tenancy import Region

PER_PAGE = 50

#: what an employer is open to, in a word or two for a narrow table column
OPENNESS_SHORT_LABELS = {
    'open_to_wage_subsidy': _l('Wage-cost subsidy'),
    'open_to_job_coach': _l('Job coach'),
    'open_to_trial_placement': _l('Trial placement'),
    'open_to_learn_work': _l('BBL'),
    'open_to_part_time': _l('Part-time'),
    'open_to_adapted_work': _l('Adapted work'),
}


def _filter_form(region_id: int) -> DemandFilterForm:
    locale = str(get_locale())
    form = DemandFilterForm(request.args, occupations=queries.region_occupations(region_id, locale),
                            skills=queries.region_skills(region_id, locale),
                            municipalities=queries.region_municipalities(region_id))
    form.validate()  # a value that is not on the list is shown as an error and does not filter
    return form


def _value(field):
    return None if field.errors or field.data in ('', None) else field.data


def _number(field) -> int | None:
    value = _value(field)
    return int(value) if value else None


def _filters(form: DemandFilterForm) -> queries.DemandFilters:
    """What the form asks for; fields with an error are left out."""
    status = _value(form.status) or PostingState.PUBLISHED.value
    return queries.DemandFilters(
        occupation_id=_number(form.beroep), skill_id=_number(form.vaardigheid),
        municipality_id=_number(form.gemeente),
        horizon=Horizon(_value(form.termijn)) if _value(form.termijn) else None,
        openness=tuple(column for param, column in OPENNESS_PARAMS.items() if form[param].data),
        state=None if status == ALL_SUBMITTED else PostingState(status),
        text=_value(form.zoek) or '', sort=_value(form.sorteer) or queries.SORTS[0])


def _query_args() -> dict:
    """The filter as it is in the address, without the page: for the export link and the pages."""
    return {key: value for key, value in request.args.items(multi=False) if key != 'pagina'}


@bp.get('/vraag')
def demand():
    region_id = current_user.staff_region_id
    form = _filter_form(region_id)
    query = queries.with_list_loading(queries.demand_query(region_id, _filters(form)))
    pagination = db.paginate(query, page=max(request.args.get('pagina', 1, type=int), 1), per_page=PER_PAGE,
                             error_out=False)
    args = _query_args()
    return render_template(
        'regional/demand.html', form=form, pagination=pagination, args=args,
        revisions=queries.pending_revision_ids(PostingKind.NEED, [need.id for need in pagination.items]),
        export_url=url_for('regional.export_demand', **args), locale=str(get_locale()),
        openness_short=OPENNESS_SHORT_LABELS)


@bp.get('/vraag.csv')
def export_demand():
    """The same needs as the list with the same filter: every row, not only one page."""
    region_id = current_user.staff_region_id
    needs = db.session.scalars(queries.with_list_loading(
        queries.demand_query(region_id, _filters(_filter_form(region_id))))).unique()
    region = db.session.get(Region, region_id)
    filename = _('demand-%(region)s-%(date)s.csv', region=region.slug,
                 date=to_user_timezone(utcnow()).date().isoformat())
    return Response(demand_csv(needs, str(get_locale())), mimetype='text/csv',
                    headers={'Content-Disposition': f'attachment; filename="{filename}"',
                             'Cache-Control': 'no-store'})


@bp.get('/plannen')
def plans():
    region_id = current_user.staff_region_id
    form = PlanFilterForm(request.args)
    form.validate()
    status = _value(form.status) or PostingState.PUBLISHED.value
    query = queries.plans_query(region_id, None if status == ALL_SUBMITTED else PostingState(status))
    pagination = db.paginate(query, page=max(request.args.get('pagina', 1, type=int), 1), per_page=PER_PAGE,
                             error_out=False)
    return render_template('regional/demand_plans.html', form=form, pagination=pagination, args=_query_args(),
                           revisions=queries.pending_revision_ids(PostingKind.PLAN,
                                                                  [plan.id for plan in pagination.items]),
                           locale=str(get_locale()))
