"""Staffing needs: add, read, change, submit, renew, mark as filled, withdraw and delete."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.demand import bp, moderation, operations
from portal.blueprints.demand.forms import NeedForm
from portal.blueprints.demand.views import (
    confirm_or_act,
    current_organisation_or_404,
    may_submit,
    municipalities,
    own_or_404,
    status_of,
)
from portal.blueprints.demand.views_shared import save_and_redirect, submit_and_redirect, versions
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.models.demand import OPENNESS, StaffingNeed
from portal.models.moderation import PostingState


def _form(need: StaffingNeed | None, organisation) -> NeedForm:
    data = None
    if request.method == 'GET':
        data = _initial(need) if need is not None else {
            'municipality_id': organisation.municipality_id, 'ends_on': operations.default_end(), 'positions': 1}
    return NeedForm(data=data, municipalities=municipalities(), today=operations.today(),
                    latest_end=operations.latest_end(), saved_start_on=need.start_on if need else None)


def _initial(need: StaffingNeed) -> dict:
    data = {name: getattr(need, name) for name in ('title', 'description', 'positions', 'hours_min', 'hours_max',
                                                   'postcode', 'start_on', 'ends_on', 'occupation_id',
                                                   'municipality_id', *OPENNESS)}
    data.update(contract_type=need.contract_type.value, language_level=need.language_level.value,
                horizon=need.horizon.value, day_parts=list(need.day_parts or ()),
                required_skill_ids=[s.id for s in need.required_skills],
                wished_skill_ids=[s.id for s in need.wished_skills])
    return data


@bp.route('/behoeften/nieuw', methods=['GET', 'POST'])
def create_need():
    organisation = current_organisation_or_404()
    form = _form(None, organisation)
    if form.validate_on_submit():
        response = save_and_redirect(operations.create_need, current_user, organisation,
                                     submit=form.wants_submit, **form.need_fields())
        if response is not None:
            return response
    return render_template('demand/need_form.html', form=form, need=None, organisation=organisation,
                           may_submit=may_submit(organisation))


@bp.get('/behoeften/<int:posting_id>')
def view_need(posting_id: int):
    need = own_or_404(StaffingNeed, posting_id)
    return render_template('demand/need.html', need=need, posting=need, status=status_of(need),
                           may_submit=may_submit(need.organisation), versions=versions(need),
                           renew_until=operations.default_end())


@bp.route('/behoeften/<int:posting_id>/bewerken', methods=['GET', 'POST'])
def edit_need(posting_id: int):
    need = own_or_404(StaffingNeed, posting_id)
    if not need.can_edit(current_user):
        flash(_('This can no longer be changed.'), 'error')
        return redirect(url_for('demand.view_need', posting_id=need.id))
    form = _form(need, need.organisation)
    if form.validate_on_submit():
        response = save_and_redirect(operations.update_need, current_user, need, submit=form.wants_submit,
                                     **form.need_fields())
        if response is not None:
            return response
    return render_template('demand/need_form.html', form=form, need=need, organisation=need.organisation,
                           may_submit=may_submit(need.organisation), status=status_of(need))


@bp.post('/behoeften/<int:posting_id>/indienen')
def submit_need(posting_id: int):
    return submit_and_redirect(own_or_404(StaffingNeed, posting_id))


@bp.post('/behoeften/<int:posting_id>/verlengen')
def renew_need(posting_id: int):
    need = own_or_404(StaffingNeed, posting_id)
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.renew_need, current_user, need):
        if need.state == PostingState.DRAFT:
            flash(_('Renewed until %(date)s. It is a draft again: submit it when it is complete.',
                    date=format_date(need.ends_on, 'long')), 'success')
        else:
            flash(_('Renewed: it is shown until %(date)s.', date=format_date(need.ends_on, 'long')), 'success')
    return redirect(url_for('demand.view_need', posting_id=need.id))


@bp.route('/behoeften/<int:posting_id>/vervuld', methods=['GET', 'POST'])
def fill_need(posting_id: int):
    need = own_or_404(StaffingNeed, posting_id)
    return confirm_or_act(need, allowed=need.can_fill(current_user), operation=operations.fill_need,
                          refused=_('This cannot be marked as filled in its current state.'),
                          done=_('Marked as filled. Congratulations, and thank you for letting us know!'),
                          template='demand/confirm_fill.html')


@bp.route('/behoeften/<int:posting_id>/intrekken', methods=['GET', 'POST'])
def withdraw_need(posting_id: int):
    need = own_or_404(StaffingNeed, posting_id)
    return confirm_or_act(need, allowed=need.can_withdraw(current_user), operation=moderation.withdraw,
                          refused=_('This cannot be withdrawn in its current state.'),
                          done=_('Withdrawn: it is no longer shown to anyone outside your organisation.'),
                          template='demand/confirm_withdraw.html')


@bp.route('/behoeften/<int:posting_id>/verwijderen', methods=['GET', 'POST'])
def delete_need(posting_id: int):
    need = own_or_404(StaffingNeed, posting_id)
    return confirm_or_act(need, allowed=need.can_delete(current_user), operation=operations.delete_draft,
                          refused=_('Only a draft that was never submitted can be deleted.'),
                          done=_('The draft is deleted.'), template='demand/confirm_delete.html',
                          done_url=url_for('demand.overview'))
