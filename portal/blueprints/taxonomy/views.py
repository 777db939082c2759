"""Pages for coordinators and admins: the list of occupations and skills, searchable and paged, with
forms to add an entry, rename it, or switch it off. (The blueprint itself refuses everyone else.)"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.taxonomy import bp, operations, queries
from portal.blueprints.taxonomy.forms import (
    OccupationEditForm,
    OccupationForm,
    SearchForm,
    SkillEditForm,
    SkillForm,
)
from portal.extensions import db
from portal.models.taxonomy import Occupation, Skill


@bp.get('/')
def overview():
    return render_template('taxonomy/overview.html', totals=queries.totals())


def _search(model):
    """The search form from the query string and the page of entries it finds."""
    form = SearchForm(request.args)
    form.validate()
    text = form.zoek.data if not form.zoek.errors else None
    page = queries.search(model, text=text, status=form.status.data, locale=str(get_locale()),
                          page=request.args.get('pagina', 1, type=int))
    return form, page


def _run(operation, *args, **kwargs):
    """Run the operation and commit, returning its result; when it is refused, roll back, say why, return None."""
    try:
        result = operation(*args, **kwargs)
    except operations.TaxonomyRefused as refused:
        db.session.rollback()
        flash(str(refused), 'error')
        return None
    db.session.commit()
    return result


def _label(entry) -> str:
    return entry.label(str(get_locale()))


def _changed(changes: dict, label: str) -> None:
    if changes:
        flash(_('The changes to %(label)s have been saved.', label=label), 'success')
    else:
        flash(_('Nothing was changed.'), 'info')


# Occupations ---------------------------------------------------------------------------------

@bp.get('/beroepen')
def occupations():
    form, page = _search(Occupation)
    usage = queries.occupation_usage([occupation.id for occupation in page.items])
    return render_template('taxonomy/occupations.html', form=form, page=page, usage=usage)


@bp.route('/beroepen/nieuw', methods=['GET', 'POST'])
def create_occupation():
    form = OccupationForm()
    if form.validate_on_submit():
        occupation = _run(operations.create_occupation, current_user, isco_code=form.isco_code.data,
                          label_nl=form.label_nl.data, label_en=form.label_en.data)
        if occupation is not None:
            flash(_('%(label)s has been added to the occupations.', label=_label(occupation)), 'success')
            return redirect(url_for('taxonomy.occupations', zoek=_label(occupation)))
    return render_template('taxonomy/occupation_form.html', form=form, occupation=None)


@bp.route('/beroepen/<int:occupation_id>', methods=['GET', 'POST'])
def edit_occupation(occupation_id: int):
    occupation = db.get_or_404(Occupation, occupation_id)
    form = OccupationEditForm(obj=occupation, current=occupation)
    if form.validate_on_submit():
        changes = _run(operations.update_occupation, current_user, occupation, isco_code=form.isco_code.data,
                       label_nl=form.label_nl.data, label_en=form.label_en.data, is_active=form.is_active.data)
        if changes is not None:
            _changed(changes, _label(occupation))
            return redirect(url_for('taxonomy.occupations', zoek=occupation.label_nl))
    usage = queries.occupation_usage([occupation.id])[occupation.id]
    return render_template('taxonomy/occupation_form.html', form=form, occupation=occupation, usage=usage)


# Skills ---------------------------------------------------------------------------------------

@bp.get('/vaardigheden')
def skills():
    form, page = _search(Skill)
    usage = queries.skill_usage([skill.id for skill in page.items])
    return render_template('taxonomy/skills.html', form=form, page=page, usage=usage)


@bp.route('/vaardigheden/nieuw', methods=['GET', 'POST'])
def create_skill():
    form = SkillForm()
    if form.validate_on_submit():
        skill = _run(operations.create_skill, current_user, label_nl=form.label_nl.data,
                     label_en=form.label_en.data, esco_uri=form.esco_uri.data)
        if skill is not None:
            flash(_('%(label)s has been added to the skills.', label=_label(skill)), 'success')
            return redirect(url_for('taxonomy.skills', zoek=_label(skill)))
    return render_template('taxonomy/skill_form.html', form=form, skill=None)


@bp.route('/vaardigheden/<int:skill_id>', methods=['GET', 'POST'])
def edit_skill(skill_id: int):
    skill = db.get_or_404(Skill, skill_id)
    form = SkillEditForm(obj=skill, current=skill)
    if form.validate_on_submit():
        changes = _run(operations.update_skill, current_user, skill, label_nl=form.label_nl.data,
                       label_en=form.label_en.data, esco_uri=form.esco_uri.data, is_active=form.is_active.data)
        if changes is not None:
            _changed(changes, _label(skill))
            return redirect(url_for('taxonomy.skills', zoek=skill.label_nl))
    usage = queries.skill_usage([skill.id])[skill.id]
    return render_template('taxonomy/skill_form.html', form=form, skill=skill, usage=usage)
