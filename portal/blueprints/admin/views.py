"""Administration pages: the overview, regions and their municipalities."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal.blueprints.admin import bp, operations
from portal.blueprints.admin.forms import MunicipalityForm, MunicipalityNameForm, RegionCreateForm, RegionForm
from portal.extensions import db
from portal.models.accounts import StaffRole, User
from portal.models.organisations import Organisation
from portal.models.tenancy import Municipality, Region


def _count(query) -> int:
    return db.session.scalar(query) or 0


@bp.get('/')
def overview():
    counts = {
        'regions': _count(select(func.count(Region.id))),
        'municipalities': _count(select(func.count(Municipality.id))),
        'staff': _count(select(func.count(StaffRole.id))),
        'organisations': _count(select(func.count(Organisation.id))),
        'users': _count(select(func.count(User.id)).where(User.deleted_at.is_(None))),
    }
    return render_template('admin/overview.html', counts=counts)


# Regions ------------------------------------------------------------------------------------

@bp.get('/regios')
def regions():
    municipalities = (select(func.count(Municipality.id)).where(Municipality.region_id == Region.id)
                      .correlate(Region).scalar_subquery())
    staff = (select(func.count(StaffRole.id)).where(StaffRole.region_id == Region.id)
             .correlate(Region).scalar_subquery())
    rows = db.session.execute(select(Region, municipalities, staff).order_by(Region.name)).all()
    return render_template('admin/regions.html', rows=rows)


@bp.route('/regios/nieuw', methods=['GET', 'POST'])
def create_region():
    form = RegionCreateForm()
    if form.validate_on_submit():
        try:
            region = operations.create_region(current_user, slug=form.slug.data, name=form.name.data,
                                              primary_colour=form.primary_colour.data,
                                              accent_colour=form.accent_colour.data)
        except operations.NotAllowed as refused:
            form.slug.errors.append(refused.message)
        else:
            db.session.commit()
            flash(_('Region %(name)s has been created. Add its municipalities now.', name=region.name), 'success')
            return redirect(url_for('admin.municipalities', region_id=region.id))
    return render_template('admin/region_form.html', form=form, region=None)


@bp.route('/regios/<int:region_id>', methods=['GET', 'POST'])
def edit_region(region_id: int):
    region = db.get_or_404(Region, region_id)
    form = RegionForm(obj=region)
    if form.validate_on_submit():
        changes = operations.update_region(current_user, region, name=form.name.data,
                                           primary_colour=form.primary_colour.data,
                                           accent_colour=form.accent_colour.data)
        db.session.commit()
        if changes:
            flash(_('The changes to %(name)s have been saved.', name=region.name), 'success')
        else:
            flash(_('Nothing was changed.'), 'info')
        return redirect(url_for('admin.regions'))
    return render_template('admin/region_form.html', form=form, region=region)


# Municipalities -----------------------------------------------------------------------------

@bp.route('/regios/<int:region_id>/gemeenten', methods=['GET', 'POST'])
def municipalities(region_id: int):
    region = db.get_or_404(Region, region_id)
    form = MunicipalityForm()
    if form.validate_on_submit():
        try:
            municipality = operations.create_municipality(current_user, region, cbs_code=form.cbs_code.data,
                                                          name=form.name.data)
        except operations.NotAllowed as refused:
            form.cbs_code.errors.append(refused.message)
        else:
            db.session.commit()
            flash(_('%(name)s has been added to %(region)s.', name=municipality.name, region=region.name),
                  'success')
            return redirect(url_for('admin.municipalities', region_id=region.id))
    return render_template('admin/municipalities.html', region=region, form=form)


@bp.route('/gemeenten/<int:municipality_id>', methods=['GET', 'POST'])
def rename_municipality(municipality_id: int):
    municipality = db.get_or_404(Municipality, municipality_id)
    form = MunicipalityNameForm(obj=municipality)
    if form.validate_on_submit():
        changes = operations.rename_municipality(current_user, municipality, name=form.name.data)
        db.session.commit()
        if changes:
            flash(_('The municipality is now called %(name)s.', name=municipality.name), 'success')
        else:
            flash(_('Nothing was changed.'), 'info')
        return redirect(url_for('admin.municipalities', region_id=municipality.region_id))
    return render_template('admin/municipality_form.html', form=form, municipality=municipality)
