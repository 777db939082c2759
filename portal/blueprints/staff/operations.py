"""Staff decisions on organisations: verify, or reject with a reason the owner is mailed."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.organisations import Organisation, OrganisationStatus


class VerificationRefused(OperationRefused):
    """The decision is not possible now; str(exc) is a message for the staff member."""


def _require_decidable(actor: User, organisation: Organisation) -> None:
    if not organisation.is_staff_of_region(actor):
        raise VerificationRefused(_l('Only staff of the organisation’s region can decide on it.'))
    if organisation.status != OrganisationStatus.PENDING:
        raise VerificationRefused(_l('A decision on this organisation was already made.'))


def _mail_owner(organisation: Organisation, template: str, **context) -> None:
    owner = organisation.owner
    if owner is None:  # the owner's account was deleted; the decision stands without a mail
        return
    queue_mail(owner.email, f'staff/{template}', locale=owner.locale, region_id=organisation.region_id,
               recipient_name=owner.name, organisation_name=organisation.name, **context)


def verify_organisation(actor: User, organisation: Organisation) -> None:
    """Staff of the region confirm the organisation is real: from now on what it publishes is shown."""
    _require_decidable(actor, organisation)
    organisation.status = OrganisationStatus.VERIFIED
    organisation.verified_at = utcnow()
    organisation.decided_by_id = actor.id
    organisation.rejection_reason = None
    db.session.flush()
    record_event('organisation.verify', actor=actor, obj=organisation)
    _mail_owner(organisation, 'organisation_verified',
                overview_url=url_for('organisations.overview', _external=True))


def reject_organisation(actor: User, organisation: Organisation, *, reason: str) -> None:
    """Staff of the region refuse the organisation with a reason; the owner can correct the details."""
    _require_decidable(actor, organisation)
    reason = reason.strip()
    if not reason:
        raise VerificationRefused(_l('Fill in the reason, so the owner knows what to correct.'))
    organisation.status = OrganisationStatus.REJECTED
    organisation.rejection_reason = reason
    organisation.verified_at = None
    organisation.decided_by_id = actor.id
    db.session.flush()
    record_event('organisation.reject', actor=actor, obj=organisation, details={'reason': reason})
    _mail_owner(organisation, 'organisation_rejected', reason=reason,
                edit_url=url_for('organisations.edit_details', _external=True))
