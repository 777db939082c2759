"""The caseload for staff: the list, a new profile, a profile's page and its form.

Every page that shows staff-only data (first names, references, notes) records who saw it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.caseload import bp, operations, queries
from portal.blueprints.caseload.forms import CandidateForm, initial_data, language_name
from portal.blueprints.caseload.forms_actions import MINE, NOBODY, CandidateFilterForm, ConsentForm
from portal.core.access import allowed_or_404
from portal.core.dbtypes import today
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.caseload import FRESHNESS, Candidate, CandidateStatus
from portal.models.tenancy import Region

TAB_PARAM_STATUSES = {'actief': CandidateStatus.ACTIVE, 'gepauzeerd': CandidateStatus.PAUSED,
                      'uitgeschreven': CandidateStatus.LEFT}
STATUS_PARAMS = {status: param for param, status in TAB_PARAM_STATUSES.items()}


@dataclass(frozen=True)
class Freshness:
    """Whether the profile is in the matching pool by date: the day it drops out, and how many days are left."""

    confirmed_on: date
    drops_out_on: date
    days_left: int

    @property
    def is_stale(self) -> bool:
        return self.days_left <= 0


def freshness(candidate: Candidate, on: date) -> Freshness:
    # fresh through confirmed_on + 8 weeks (Candidate.is_stale); out of matching from the day after
    drops_out_on = candidate.availability_confirmed_on + FRESHNESS + timedelta(days=1)
    return Freshness(candidate.availability_confirmed_on, drops_out_on, (drops_out_on - on).days)


def candidate_of_my_region(candidate_id: int, *, lock: bool = False) -> Candidate:
    """The candidate, if the user is staff of its region; `lock` holds its row until the commit (for a change, so
    two clicks cannot both record a consent or withdraw the same proposals)."""
    candidate = db.get_or_404(Candidate, candidate_id, with_for_update=lock)
    allowed_or_404(candidate.can_view(current_user))
    return candidate


def _value(field):
    return None if field.errors or field.data in ('', None) else field.data


def _filters(form: CandidateFilterForm, status: CandidateStatus | None) -> queries.CandidateFilters:
    accountmanager = _value(form.accountmanager)
    accountmanager_id = {None: None, MINE: current_user.id, NOBODY: queries.NO_ACCOUNTMANAGER}.get(
        accountmanager, int(accountmanager) if accountmanager and accountmanager.isdigit() else None)
    choice = {'actueel': True, 'verlopen': False, 'ja': True, 'nee': False, 'compleet': True, 'onvolledig': False}
    return queries.CandidateFilters(
        status=status, accountmanager_id=accountmanager_id,
        municipality_id=int(_value(form.gemeente)) if _value(form.gemeente) else None,
        fresh=choice.get(_value(form.actueel)), consent=choice.get(_value(form.toestemming)),
        complete=choice.get(_value(form.profiel)), text=_value(form.zoek) or '')


@bp.get('/')
def list_candidates():
    region_id = current_user.staff_region_id
    status = TAB_PARAM_STATUSES.get(request.args.get('status', 'actief'), CandidateStatus.ACTIVE)
    form = CandidateFilterForm(request.args, municipalities=queries.region_municipalities(region_id),
                               staff=queries.region_staff(region_id))
    form.validate()  # a value not on the list is shown as an error and does not filter
    filters = _filters(form, status)
    on = today()
    page = max(request.args.get('pagina', 1, type=int), 1)
    pagination = db.paginate(queries.with_list_loading(queries.candidates_query(region_id, filters, on)),
                             page=page, per_page=queries.PER_PAGE, error_out=False)
    args = {key: value for key, value in request.args.items(multi=False)
            if key not in ('pagina', 'status') and value}
    operations.record_list_view(current_user, region_id, list(pagination.items), page=page,
                                filters={'status': status.value, **{k: v for k, v in args.items() if k != 'zoek'},
                                         **({'zoek': True} if 'zoek' in args else {})})
    # render while the rows loaded with the page are fresh: a commit first would expire them, and the template
    # would then load every candidate and its skills, languages and consents again, one by one
    html = render_template('caseload/list.html', form=form, pagination=pagination, status=status, args=args,
                           counts=queries.status_counts(region_id, filters, on), status_params=STATUS_PARAMS,
                           freshness={c.id: freshness(c, on) for c in pagination.items})
    db.session.commit()
    return html


def _form(candidate: Candidate | None) -> CandidateForm:
    region_id = current_user.staff_region_id
    data = None
    if request.method == 'GET':
        data = initial_data(candidate) if candidate is not None else {
            'accountmanager_id': current_user.id, 'available_from': today(), 'hours_min': None}
    return CandidateForm(
        data=data, municipalities=queries.region_municipalities(region_id),
        staff=queries.region_staff(region_id, keep_id=candidate.accountmanager_id if candidate else None),
        reference_taken=lambda reference: queries.reference_taken(region_id, reference,
                                                                  exclude_id=candidate.id if candidate else None))


def _save(form: CandidateForm, candidate: Candidate | None):
    """Run the create or update operation and commit; None when it was refused (the reason is flashed)."""
    fields = form.profile_fields()
    try:
        if candidate is None:
            candidate = operations.create_candidate(current_user, db.session.get(Region, current_user.staff_region_id),
                                                    **fields)
            message = _('The profile of %(code)s is added.', code=candidate.code)
        else:
            changed = operations.update_candidate(current_user, candidate, **fields)
            message = _('Your changes are saved.') if changed else _('Nothing was changed.')
    except OperationRefused as refused:
        db.session.rollback()
        flash(str(refused), 'error')
        return None
    db.session.commit()
    flash(message, 'success')
    return redirect(url_for('caseload.view_candidate', candidate_id=candidate.id))


def _render_form(form: CandidateForm, candidate: Candidate | None):
    return render_template('caseload/form.html', form=form, candidate=candidate,
                           missing=candidate.missing_fields() if candidate is not None else None)


@bp.route('/nieuw', methods=['GET', 'POST'])
def new_candidate():
    form = _form(None)
    if form.is_submitted() and form.wants_more_rows:
        form.add_empty_rows(('experience',) if form.add_experience.data else ('languages',))
    elif form.validate_on_submit():
        response = _save(form, None)
        if response is not None:
            return response
    return _render_form(form, None)


@bp.get('/<int:candidate_id>')
def view_candidate(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id)
    if candidate.anonymised_at is None:
        operations.record_view(current_user, candidate)
        db.session.commit()
    history, views = queries.candidate_history(candidate)
    return render_template(
        'caseload/candidate.html', candidate=candidate, freshness=freshness(candidate, today()),
        history=history, views=views, proposals=queries.candidate_proposals(candidate),
        consent_form=ConsentForm(today=today(), data={'given_on': today()}), action_form=EmptyForm(),
        language_name=language_name, today=today())


@bp.route('/<int:candidate_id>/bewerken', methods=['GET', 'POST'])
def edit_candidate(candidate_id: int):
    candidate = candidate_of_my_region(candidate_id)
    if not candidate.can_edit(current_user):
        flash(_('This profile can no longer be changed.'), 'error')
        return redirect(url_for('caseload.view_candidate', candidate_id=candidate.id))
    form = _form(candidate)
    if form.is_submitted() and form.wants_more_rows:
        form.add_empty_rows(('experience',) if form.add_experience.data else ('languages',))
    elif form.validate_on_submit():
        response = _save(form, candidate)
        if response is not None:
            return response
    if request.method == 'GET':
        operations.record_view(current_user, candidate, page='edit')
        db.session.commit()
    return _render_form(form, candidate)
