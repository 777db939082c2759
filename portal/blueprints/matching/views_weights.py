"""The region's weights: coordinators set the points each part of a score can earn, or go back to the defaults."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.matching import bp, operations
from portal.blueprints.matching.forms import WeightsForm
from portal.core.access import role_required
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.matching import DEFAULT_WEIGHTS, Weights
from portal.models.matching import MatchWeights
from portal.models.tenancy import Region


def _as_dict(weights: Weights) -> dict[str, int]:
    return {part: getattr(weights, part) for part in Weights.PARTS}


@bp.route('/gewichten', methods=['GET', 'POST'])
@role_required('coordinator')
def edit_weights():
    region = db.session.get(Region, current_user.staff_region_id)
    row = db.session.get(MatchWeights, region.id)
    current = row.as_dict() if row is not None else _as_dict(DEFAULT_WEIGHTS)
    form = WeightsForm(data=current) if request.method == 'GET' else WeightsForm()
    if form.validate_on_submit():
        try:
            changed = operations.set_weights(current_user, region, values=form.values())
        except OperationRefused as exc:
            db.session.rollback()
            flash(str(exc), 'error')
        else:
            db.session.commit()
            if changed:
                flash(_('The weights are saved. Every ranking in your region now scores with them.'), 'success')
            else:
                flash(_('Nothing changed: your region already uses these weights.'), 'info')
            return redirect(url_for('matching.edit_weights'))
    return render_template('matching/weights.html', form=form, row=row, current=current,
                           defaults=_as_dict(DEFAULT_WEIGHTS), reset_form=EmptyForm())


@bp.post('/gewichten/standaard')
@role_required('coordinator')
def reset_weights():
    region = db.session.get(Region, current_user.staff_region_id)
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.reset_weights, current_user, region):
        flash(_('The weights are back to the defaults.'), 'success')
    return redirect(url_for('matching.edit_weights'))
