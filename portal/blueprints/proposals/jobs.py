"""The daily proposals job: remind accountmanagers of due follow-ups and of proposals waiting on the employer.

`flask run-jobs` runs it outside any request, so the mail's links are built in a request made
from PORTAL_URL, as the demand job does; without it the links are paths on the portal.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app

from portal.blueprints.proposals import reminders
from portal.core.jobs import periodic_job
from portal.extensions import db

logger = logging.getLogger(__name__)


@periodic_job('follow-up-reminders', every=timedelta(hours=24))
def follow_up_reminders_job(now: datetime) -> str:
    base_url = current_app.config.get('PORTAL_URL')
    context = current_app.test_request_context(base_url=base_url) if base_url else current_app.test_request_context()
    with context:
        mails, follow_ups = reminders.send_follow_up_reminders(
            now, answer_within=current_app.config['PROPOSAL_ANSWER_WITHIN'], external=bool(base_url))
    db.session.commit()
    if mails and not base_url:
        logger.warning('PORTAL_URL is not set: %s reminder mails link to a path on the portal, not a full address',
                       mails)
    return f'{mails} reminder mails queued, {follow_ups} follow-ups due'
