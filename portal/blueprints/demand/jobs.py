"""The hourly demand job: needs past their end date expire, and needs that end soon get a reminder.

`flask run-jobs` runs it outside any request, so the mail's links are built in a request made
from PORTAL_URL (the portal's public address). Without it the link is a path only, which the
reader must open on the portal themselves: set PORTAL_URL in production.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app

from portal.blueprints.demand import operations
from portal.core.jobs import periodic_job
from portal.extensions import db

logger = logging.getLogger(__name__)


@periodic_job('demand-expiry', every=timedelta(hours=1))
def demand_expiry_job(now: datetime) -> str:
    base_url = current_app.config.get('PORTAL_URL')
    context = current_app.test_request_context(base_url=base_url) if base_url else current_app.test_request_context()
    with context:
        expired = operations.expire_needs(now)
        reminded = operations.send_expiry_reminders(now, external=bool(base_url))
    db.session.commit()
    if reminded and not base_url:
        logger.warning('PORTAL_URL is not set: %s reminder mails link to a path on the portal, not a full address',
                       reminded)
    return f'{expired} needs expired, {reminded} reminders queued'
