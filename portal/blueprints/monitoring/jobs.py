"""The daily privacy job: anonymise job seekers who left the caseload or withdrew consent long enough ago,
and empty candidate files that were uploaded but not imported within a day."""

from datetime import datetime, timedelta

from flask import current_app

from portal.blueprints.monitoring import operations
from portal.core.jobs import periodic_job
from portal.extensions import db


@periodic_job('caseload-anonymise', every=timedelta(hours=24))
def caseload_anonymise_job(now: datetime) -> str:
    anonymised = operations.anonymise_due_candidates(now, current_app.config['CANDIDATE_ANONYMISE_AFTER'])
    cleared = operations.clear_stale_imports(now)
    db.session.commit()
    return f'{anonymised} candidates anonymised, {cleared} import files cleared'
