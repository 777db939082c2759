"""Administration pages for staff accounts: list, create, change role or region, disable and enable."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.blueprints.admin import bp, operations
from portal.blueprints.admin.forms import StaffCreateForm, StaffFilterForm, StaffRoleForm
from portal.core.forms import EmptyForm
from portal.extensions import db
from portal.models.accounts import StaffRole, User
from portal.models.tenancy import Region

STAFF_PER_PAGE = 50


def region_choices() -> list[tuple[int, str]]:
    return [(region.id, region.name) for region in db.session.scalars(select(Region).order_by(Region.name))]


def _staff_member_or_404(user_id: int) -> User:
    """Only staff accounts are managed here; admins are made on the command line."""
    user = db.get_or_404(User, user_id)
    if user.staff_role is None:
        abort(404)
    return user


@bp.get('/medewerkers')
def staff():
    regions = region_choices()
    filters = StaffFilterForm(request.args, regions=regions)
    region_id = filters.regio.data if isinstance(filters.regio.data, int) else 0
    query = (select(User).join(StaffRole, StaffRole.user_id == User.id)
             .options(selectinload(User.staff_role).selectinload(StaffRole.region))
             .order_by(User.name, User.id))
    if region_id:
        query = query.where(StaffRole.region_id == region_id)
    page = db.paginate(query, page=request.args.get('pagina', 1, type=int), per_page=STAFF_PER_PAGE,
                       error_out=False)
    admins = db.session.scalars(select(User).where(User.is_admin.is_(True), User.deleted_at.is_(None))
                                .order_by(User.name)).all()
    return render_template('admin/staff_list.html', page=page, filters=filters, region_id=region_id, admins=admins)


@bp.route('/medewerkers/nieuw', methods=['GET', 'POST'])
def create_staff():
    form = StaffCreateForm(regions=region_choices())
    if form.validate_on_submit():
        try:
            user = operations.create_account(current_user, email=form.email.data, name=form.name.data,
                                             locale=form.locale.data, region=db.session.get(Region, form.region.data),
                                             kind=form.kind.data)
        except operations.NotAllowed as refused:
            form.email.errors.append(refused.message)
        else:
            db.session.commit()
            flash(_('The account for %(name)s has been created. We sent %(email)s a link to choose a password.',
                    name=user.name, email=user.email), 'success')
            return redirect(url_for('admin.staff'))
    return render_template('admin/staff_form.html', form=form)


@bp.route('/medewerkers/<int:user_id>', methods=['GET', 'POST'])
def edit_staff(user_id: int):
    user = _staff_member_or_404(user_id)
    form = StaffRoleForm(regions=region_choices(),
                         data={'region': user.staff_role.region_id, 'kind': user.staff_role.kind.value})
    if user.deleted_at is None and form.validate_on_submit():
        changes = operations.update_staff_role(current_user, user, region=db.session.get(Region, form.region.data),
                                               kind=form.kind.data)
        db.session.commit()
        if changes:
            flash(_('The role of %(name)s has been changed. They have been told by mail.', name=user.name),
                  'success')
        else:
            flash(_('Nothing was changed.'), 'info')
        return redirect(url_for('admin.staff'))
    return render_template('admin/staff_edit.html', form=form, user=user, button=EmptyForm())


@bp.post('/medewerkers/<int:user_id>/uitschakelen')
def disable_staff(user_id: int):
    return _switch(user_id, operations.disable_user,
                   lambda user: _('%(name)s can no longer sign in; their open sessions have ended.', name=user.name))


@bp.post('/medewerkers/<int:user_id>/inschakelen')
def enable_staff(user_id: int):
    return _switch(user_id, operations.enable_user, lambda user: _('%(name)s can sign in again.', name=user.name))


def _switch(user_id: int, operation, done):
    user = _staff_member_or_404(user_id)
    if EmptyForm().validate_on_submit():
        try:
            operation(current_user, user)
        except operations.NotAllowed as refused:
            flash(refused.message, 'error')
        else:
            db.session.commit()
            flash(done(user), 'success')
    return redirect(url_for('admin.edit_staff', user_id=user.id))
