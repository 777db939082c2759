"""Innovation plans: add, read, change (with rows that grow without JavaScript), submit, withdraw and delete."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.demand import bp, moderation, operations
from portal.blueprints.demand.forms_plan import PlanForm
from portal.blueprints.demand.views import (
    confirm_or_act,
    current_organisation_or_404,
    may_submit,
    own_or_404,
    status_of,
)
from portal.blueprints.demand.views_shared import save_and_redirect, submit_and_redirect, versions
from portal.models.demand import InnovationPlan
from portal.models.moderation import PostingState


def _form(plan: InnovationPlan | None) -> PlanForm:
    data = None
    if request.method == 'GET' and plan is not None:
        data = {'title': plan.title, 'theme': plan.theme.value, 'timeframe': plan.timeframe.value,
                'description': plan.description, 'visibility': plan.visibility.value,
                'effects': [{'occupation_id': e.occupation_id, 'direction': e.direction.value,
                             'headcount': e.headcount, 'by_when': e.by_when.value,
                             'skill_ids': [s.id for s in e.skills], 'training_need': e.training_need}
                            for e in plan.effects]}
    return PlanForm(data=data, is_published=plan is not None and plan.state == PostingState.PUBLISHED)


def _render_form(form: PlanForm, plan: InnovationPlan | None, organisation):
    return render_template('demand/plan_form.html', form=form, plan=plan, organisation=organisation,
                           may_submit=may_submit(organisation), status=status_of(plan) if plan else None)


@bp.route('/plannen/nieuw', methods=['GET', 'POST'])
def create_plan():
    organisation = current_organisation_or_404()
    form = _form(None)
    if form.add_row.data:
        # "Add another row": the same form again with one more empty row; nothing is checked or saved yet
        form.add_empty_row()
    elif form.validate_on_submit():
        response = save_and_redirect(operations.create_plan, current_user, organisation, submit=form.wants_submit,
                                     **form.plan_fields())
        if response is not None:
            return response
    return _render_form(form, None, organisation)


@bp.get('/plannen/<int:posting_id>')
def view_plan(posting_id: int):
    plan = own_or_404(InnovationPlan, posting_id)
    return render_template('demand/plan.html', plan=plan, posting=plan, status=status_of(plan),
                           may_submit=may_submit(plan.organisation), versions=versions(plan))


@bp.route('/plannen/<int:posting_id>/bewerken', methods=['GET', 'POST'])
def edit_plan(posting_id: int):
    plan = own_or_404(InnovationPlan, posting_id)
    if not plan.can_edit(current_user):
        flash(_('This can no longer be changed.'), 'error')
        return redirect(url_for('demand.view_plan', posting_id=plan.id))
    form = _form(plan)
    if form.add_row.data:
        form.add_empty_row()
    elif form.validate_on_submit():
        response = save_and_redirect(operations.update_plan, current_user, plan, submit=form.wants_submit,
                                     **form.plan_fields())
        if response is not None:
            return response
    return _render_form(form, plan, plan.organisation)


@bp.post('/plannen/<int:posting_id>/indienen')
def submit_plan(posting_id: int):
    return submit_and_redirect(own_or_404(InnovationPlan, posting_id))


@bp.route('/plannen/<int:posting_id>/intrekken', methods=['GET', 'POST'])
def withdraw_plan(posting_id: int):
    plan = own_or_404(InnovationPlan, posting_id)
    return confirm_or_act(plan, allowed=plan.can_withdraw(current_user), operation=moderation.withdraw,
                          refused=_('This cannot be withdrawn in its current state.'),
                          done=_('Withdrawn: it is no longer shown to anyone outside your organisation.'),
                          template='demand/confirm_withdraw.html')


@bp.route('/plannen/<int:posting_id>/verwijderen', methods=['GET', 'POST'])
def delete_plan(posting_id: int):
    plan = own_or_404(InnovationPlan, posting_id)
    return confirm_or_act(plan, allowed=plan.can_delete(current_user), operation=operations.delete_draft,
                          refused=_('Only a draft that was never submitted can be deleted.'),
                          done=_('The draft is deleted.'), template='demand/confirm_delete.html',
                          done_url=url_for('demand.overview'))
