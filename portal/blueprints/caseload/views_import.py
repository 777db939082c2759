"""Importing candidates from a CSV: upload, the dry run (in chunks with JavaScript, in one go without), import.

The dry run's endpoint answers JSON to static/js/import.js (which shows a progress bar) and redirects
a plain form post back to the import's page.
"""

from pathlib import Path

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from portal.blueprints.caseload import bp, imports, queries
from portal.blueprints.caseload.forms_actions import MAX_IMPORT_BYTES, UploadForm
from portal.blueprints.caseload.import_format import OPTIONAL, REQUIRED
from portal.core.access import allowed_or_404
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.models.caseload import CandidateImport, ImportState
from portal.models.tenancy import Region

#: the most problems one page lists; the rest are counted
PROBLEMS_SHOWN = 2000


def _import_of_my_region(import_id: int, *, lock: bool = False) -> CandidateImport:
    if lock:
        candidate_import = db.session.scalar(select(CandidateImport).where(CandidateImport.id == import_id)
                                             .with_for_update())
    else:
        candidate_import = db.session.get(CandidateImport, import_id)
    allowed_or_404(candidate_import is not None and candidate_import.can_view(current_user))
    return candidate_import


def _render_upload(form: UploadForm, status: int = 200):
    return render_template('caseload/imports.html', form=form,
                           imports=queries.recent_imports(current_user.staff_region_id),
                           is_discarded=imports.is_discarded, required=REQUIRED, optional=OPTIONAL), status


def _sample() -> Path:
    return Path(current_app.root_path).parent / 'docs' / 'kandidaten-voorbeeld.csv'


@bp.route('/import', methods=['GET', 'POST'])
def upload_import():
    # a file far beyond the limit is refused before it is read
    request.max_content_length = MAX_IMPORT_BYTES + 256 * 1024
    if request.content_length and request.content_length > request.max_content_length:
        form = UploadForm(formdata=None)
        form.file.errors = [_('The file is larger than 5 MB. Split it into smaller files.')]
        return _render_upload(form, 413)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            candidate_import = imports.upload_import(
                current_user, db.session.get(Region, current_user.staff_region_id), filename=upload.filename,
                raw=upload.stream.read())
        except OperationRefused as refused:
            db.session.rollback()
            form.file.errors = [str(refused)]
        else:
            db.session.commit()
            flash(ngettext('The file is uploaded: %(num)d row. Check it before you import it.',
                           'The file is uploaded: %(num)d rows. Check them before you import them.',
                           candidate_import.row_count), 'success')
            return redirect(url_for('caseload.view_import', import_id=candidate_import.id))
    return _render_upload(form)


@bp.get('/import/voorbeeld.csv')
def sample_file():
    """The documented sample (docs/kandidaten-voorbeeld.csv): every column, with fictional job seekers."""
    if not _sample().is_file():
        abort(404)
    return send_file(_sample(), mimetype='text/csv', as_attachment=True, download_name='kandidaten-voorbeeld.csv')


@bp.get('/import/<int:import_id>')
def view_import(import_id: int):
    candidate_import = _import_of_my_region(import_id)
    problems = candidate_import.problems or []
    return render_template('caseload/import.html', candidate_import=candidate_import, action_form=EmptyForm(),
                           problems=problems[:PROBLEMS_SHOWN], problem_count=len(problems),
                           discarded=imports.is_discarded(candidate_import),
                           is_discarded=imports.is_discarded)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == 'application/json'


def _progress(candidate_import: CandidateImport, status: int = 200):
    return jsonify(checked_rows=candidate_import.checked_rows, row_count=candidate_import.row_count,
                   done=candidate_import.state != ImportState.UPLOADED,
                   problems=len(candidate_import.problems or []), state=candidate_import.state.value), status


@bp.post('/import/<int:import_id>/controleren')
def check_import(import_id: int):
    """One chunk of the dry run for the script; every remaining row for a plain form post."""
    candidate_import = _import_of_my_region(import_id, lock=True)
    back = redirect(url_for('caseload.view_import', import_id=candidate_import.id))
    if not EmptyForm().validate_on_submit():
        return _progress(candidate_import, 400) if _wants_json() else back
    try:
        if request.form.get('opnieuw'):
            imports.restart_check(current_user, candidate_import)
        imports.check_import(current_user, candidate_import, rows=imports.CHUNK if _wants_json() else None)
    except OperationRefused as refused:
        db.session.rollback()
        if _wants_json():
            return jsonify(error=str(refused)), 409
        flash(str(refused), 'error')
        return back
    db.session.commit()
    if _wants_json():
        return _progress(candidate_import)
    if candidate_import.state == ImportState.CHECKED:
        flash(_('The check found no problems. You can import the file now.'), 'success')
    elif candidate_import.state == ImportState.REJECTED:
        flash(_('The check found problems: nothing was imported. Fix them in the file and upload it again.'),
              'warning')
    return back


@bp.post('/import/<int:import_id>/importeren')
def run_import(import_id: int):
    candidate_import = _import_of_my_region(import_id, lock=True)
    if EmptyForm().validate_on_submit():
        try:
            count = imports.import_candidates(current_user, candidate_import)
        except OperationRefused as refused:
            db.session.rollback()
            flash(str(refused), 'error')
        else:
            db.session.commit()
            if candidate_import.state == ImportState.IMPORTED:
                flash(ngettext('%(num)d job seeker was imported.', '%(num)d job seekers were imported.', count),
                      'success')
            else:
                flash(_('Something changed since the check, so nothing was imported. See the problems below.'),
                      'error')
    return redirect(url_for('caseload.view_import', import_id=candidate_import.id))


@bp.post('/import/<int:import_id>/verwijderen')
def discard_import(import_id: int):
    candidate_import = _import_of_my_region(import_id, lock=True)
    if EmptyForm().validate_on_submit() and commit_or_flash(imports.discard_import, current_user, candidate_import):
        flash(_('The file is discarded. Nothing from it was imported.'), 'success')
    return redirect(url_for('caseload.upload_import'))
