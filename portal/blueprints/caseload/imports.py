"""Importing candidates from a CSV: upload, a dry run in chunks, and the import of every row in one go.

Nothing is written to the caseload until the dry run found no problems; the import then checks every
row once more (things may have changed meanwhile) and writes all rows or none. The file holds
staff-only data, so its content is cleared once it is imported or discarded.
"""

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from portal.blueprints.caseload import import_format as fmt
from portal.blueprints.caseload import import_rows
from portal.blueprints.caseload.operations import new_codes
from portal.blueprints.caseload.queries import references_taken, staff_by_email
from portal.core.audit import record_event
from portal.core.dbtypes import today, utcnow
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.audit import AuditEvent
from portal.models.caseload import (
    Candidate,
    CandidateConsent,
    CandidateExperience,
    CandidateImport,
    CandidateLanguage,
    CandidateSkill,
    CandidateStatus,
    CefrLevel,
    ConsentScope,
    EducationLevel,
    ImportState,
    SkillLevel,
)
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

#: rows one request of the dry run checks
CHUNK = 500
#: the candidate columns a checked row gives
CANDIDATE_COLUMNS = ('municipality_id', 'postcode_area', 'first_name', 'reference', 'education_level',
                     'has_driving_licence', 'hours_min', 'hours_max', 'max_travel_km', 'available_from', 'day_parts',
                     'support_needs', 'target_groups', 'loonwaarde', 'accountmanager_id', 'notes')


def upload_import(actor, region: Region, *, filename: str, raw: bytes) -> CandidateImport:
    """Keep an uploaded file for its dry run; a file that is not UTF-8 text or has no rows is refused."""
    try:
        text = fmt.decode(raw)
    except fmt.FileUnreadable:
        raise OperationRefused(_('This file is not UTF-8 text. In Excel choose “Save as”, then “CSV UTF-8”.')) from None
    row_count = fmt.count_rows(text)
    if row_count == 0:
        raise OperationRefused(_('This file has no rows below the header.'))
    candidate_import = CandidateImport(region_id=region.id, uploaded_by_id=actor.id, filename=filename[:255],
                                       content=text, row_count=row_count, state=ImportState.UPLOADED)
    db.session.add(candidate_import)
    db.session.flush()
    record_event('candidate_import.uploaded', actor=actor, obj=candidate_import, details={'rows': row_count})
    return candidate_import


def is_discarded(candidate_import: CandidateImport) -> bool:
    return candidate_import.content is None and candidate_import.state != ImportState.IMPORTED


def _lookups(region_id: int, references: set[str]) -> import_rows.Lookups:
    municipalities = {}
    for municipality in db.session.scalars(select(Municipality).where(Municipality.region_id == region_id)):
        municipalities[municipality.name.casefold()] = municipality.id
        if municipality.cbs_code:
            municipalities[municipality.cbs_code.upper()] = municipality.id
    skills = {}
    for skill_id, label, uri, active in db.session.execute(select(Skill.id, Skill.label_nl, Skill.esco_uri,
                                                                  Skill.is_active)):
        skills[label.casefold()] = (skill_id, active)
        if uri:
            skills[uri.casefold()] = (skill_id, active)
    occupations, by_isco = {}, {}
    for occupation_id, label, isco, active in db.session.execute(select(Occupation.id, Occupation.label_nl,
                                                                        Occupation.isco_code, Occupation.is_active)):
        occupations[label.casefold()] = (occupation_id, active)
        if active:
            by_isco.setdefault(isco, []).append(occupation_id)
    return import_rows.Lookups(region_id=region_id, municipalities=municipalities, skills=skills,
                               occupations=occupations, occupations_by_isco=by_isco, staff=staff_by_email(region_id),
                               taken_references=references_taken(region_id, references), today=today())


def _check(candidate_import: CandidateImport, start: int, stop: int | None):
    """Check data rows start..stop (all when None): their values and problems, header problems first."""
    header, rows = fmt.read(candidate_import.content or '')
    problems = fmt.header_problems(header) if start == 0 else []
    if any(name not in header for name in fmt.REQUIRED):
        return [], problems, True  # without a required column no row can be read
    chosen, first_row = [], {}
    for index, (number, cells) in enumerate(rows):
        if stop is not None and index >= stop:
            break
        named = dict(zip(header, cells, strict=False))
        reference = (named.get('referentie') or '').strip()
        if reference:
            first_row.setdefault(reference, number)
        if index >= start:
            if len(cells) > len(header):
                problems.append(fmt.problem(number, None, _('This row has more cells than the header has '
                                                            'columns. A cell with a ; in it needs quotes.')))
            chosen.append((number, named))
    lookups = _lookups(candidate_import.region_id, {(cells.get('referentie') or '').strip() for _, cells in chosen})
    lookups.first_row = first_row
    values = []
    for number, cells in chosen:
        row_values, row_problems = import_rows.check_row(number, cells, lookups)
        problems.extend(row_problems)
        if row_values is not None:
            values.append(row_values)
    return values, problems, False


def check_import(actor, candidate_import: CandidateImport, *, rows: int | None = CHUNK) -> None:
    """Run the dry run on the next `rows` rows (all remaining when None); when the last row is checked, the
    import is CHECKED (no problems) or REJECTED. `restart` the dry run with `restart_check` first."""
    if is_discarded(candidate_import) or candidate_import.state == ImportState.IMPORTED:
        raise OperationRefused(_('This file was imported or discarded already.'))
    if candidate_import.state != ImportState.UPLOADED:
        return
    start = candidate_import.checked_rows
    stop = None if rows is None else start + rows
    with force_locale(actor.locale):  # the problems are read by staff, in their language
        _values, problems, fatal = _check(candidate_import, start, stop)
    candidate_import.problems = [*(candidate_import.problems or []), *problems]
    candidate_import.checked_rows = (candidate_import.row_count if fatal or stop is None
                                     else min(stop, candidate_import.row_count))
    if candidate_import.checked_rows >= candidate_import.row_count:
        candidate_import.state = ImportState.REJECTED if candidate_import.problems else ImportState.CHECKED
        record_event('candidate_import.checked', actor=actor, obj=candidate_import,
                     details={'rows': candidate_import.row_count, 'problems': len(candidate_import.problems)})
    db.session.flush()


def restart_check(actor, candidate_import: CandidateImport) -> None:
    """Start the dry run again, for instance after a skill was added to the list or a colleague was made staff."""
    if is_discarded(candidate_import) or candidate_import.state == ImportState.IMPORTED:
        raise OperationRefused(_('This file was imported or discarded already.'))
    candidate_import.state = ImportState.UPLOADED
    candidate_import.checked_rows = 0
    candidate_import.problems = []
    db.session.flush()


def import_candidates(actor, candidate_import: CandidateImport) -> int:
    """Write every row of a checked file as a new candidate, in this one transaction; returns how many.

    Every row is checked again first: when something changed since the dry run, nothing is written and the
    import is REJECTED with the new problems (the caller commits that). Any failure while writing raises
    OperationRefused, and the caller's rollback leaves the caseload as it was.
    """
    if candidate_import.state != ImportState.CHECKED or candidate_import.content is None:
        raise OperationRefused(_('Only a file whose check found no problems can be imported.'))
    with force_locale(actor.locale):
        values, problems, _fatal = _check(candidate_import, 0, None)
    if problems:
        candidate_import.problems = problems
        candidate_import.checked_rows = candidate_import.row_count
        candidate_import.state = ImportState.REJECTED
        db.session.flush()
        return 0
    try:
        count = _write(actor, candidate_import, values)
    except IntegrityError:
        raise OperationRefused(_('The import failed, so nothing was imported. Check the file again and try once '
                                 'more.')) from None
    candidate_import.content = None
    candidate_import.state = ImportState.IMPORTED
    candidate_import.imported_count = count
    candidate_import.imported_at = utcnow()
    db.session.flush()
    record_event('candidate_import.imported', actor=actor, obj=candidate_import, details={'count': count})
    return count


def _write(actor, candidate_import: CandidateImport, values: list[dict]) -> int:
    """Insert the checked rows as candidates with their skills, experience, languages and consent, and one
    `candidate.imported` audit row per candidate (so each profile's history says who created it and how): a
    few multi-row INSERTs through the session (thousands of ORM objects would take seconds), in its transaction."""
    region_id = candidate_import.region_id
    now, confirmed_on = utcnow(), today()
    rows = [{'region_id': region_id, 'code': code, 'status': CandidateStatus.ACTIVE,
             'availability_confirmed_on': confirmed_on, 'availability_confirmed_by_id': actor.id,
             'created_by_id': actor.id, 'created_at': now, 'updated_at': now, 'left_at': None,
             'left_reason': None, 'anonymised_at': None,
             **{name: row[name] for name in CANDIDATE_COLUMNS}}
            for row, code in zip(values, new_codes(len(values)), strict=True)]
    for row in rows:
        row['education_level'] = EducationLevel(row['education_level'])
    ids = db.session.execute(insert(Candidate).returning(Candidate.id, sort_by_parameter_order=True),
                             rows).scalars().all()
    children = (
        (CandidateSkill, [{'candidate_id': candidate_id, 'skill_id': skill_id, 'level': SkillLevel(level)}
                          for candidate_id, row in zip(ids, values, strict=True) for skill_id, level in row['skills']]),
        (CandidateExperience, [{'candidate_id': candidate_id, 'occupation_id': occupation_id, 'years': years}
                               for candidate_id, row in zip(ids, values, strict=True)
                               for occupation_id, years in row['experience']]),
        (CandidateLanguage, [{'candidate_id': candidate_id, 'language': code, 'level': CefrLevel(level)}
                             for candidate_id, row in zip(ids, values, strict=True)
                             for code, level in row['languages']]),
        (CandidateConsent, [{'candidate_id': candidate_id, 'scope': ConsentScope.PROPOSALS,
                             'given_on': row['consent_on'], 'recorded_at': now, 'recorded_by_id': actor.id,
                             'withdrawn_at': None, 'withdrawn_by_id': None}
                            for candidate_id, row in zip(ids, values, strict=True) if row['consent_on'] is not None]),
    )
    for model, child_rows in children:
        if child_rows:
            db.session.execute(insert(model), child_rows)
    if ids:
        # the rows record_event would add, written in one statement
        db.session.execute(insert(AuditEvent), [
            {'occurred_at': now, 'actor_id': actor.id, 'actor_kind': 'user', 'action': 'candidate.imported',
             'object_type': Candidate.__name__, 'object_id': str(candidate_id), 'region_id': region_id,
             'details': {'import_id': candidate_import.id}}
            for candidate_id in ids])
    return len(ids)


def discard_import(actor, candidate_import: CandidateImport) -> None:
    """Throw the file away without importing it (what it held is staff-only data)."""
    if is_discarded(candidate_import) or candidate_import.state == ImportState.IMPORTED:
        raise OperationRefused(_('This file was imported or discarded already.'))
    candidate_import.content = None
    candidate_import.problems = []
    db.session.flush()
    record_event('candidate_import.discarded', actor=actor, obj=candidate_import)
