"""What the verification pages read: a region's organisations by status, and an organisation's history."""

from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.organisations import Membership, Organisation, OrganisationStatus

PER_PAGE = 50
HISTORY_LIMIT = 200

#: oldest first for the queue (first come, first served); the latest decisions first for the others
_ORDER = {
    OrganisationStatus.PENDING: (Organisation.created_at, Organisation.id),
    OrganisationStatus.VERIFIED: (Organisation.verified_at.desc(), Organisation.id.desc()),
    OrganisationStatus.REJECTED: (Organisation.updated_at.desc(), Organisation.id.desc()),
}

#: how the history names each audit action; others show their code
ACTION_LABELS = {
    'organisation.register': _l('Registered the organisation'),
    'organisation.verify': _l('Verified the organisation'),
    'organisation.reject': _l('Did not approve the organisation'),
    'organisation.update': _l('Changed the details'),
    'organisation.invite': _l('Invited a colleague'),
    'organisation.revoke_invitation': _l('Withdrew an invitation'),
    'organisation.remove_member': _l('Removed a colleague'),
    'organisation.leave': _l('Left the organisation'),
    'organisation.transfer_ownership': _l('Handed over ownership'),
    'organisation.approve_join': _l('Approved a request to join'),
    'organisation.decline_join': _l('Declined a request to join'),
}

#: how the history names the details an owner changed
FIELD_LABELS = {
    'name': _l('Name of the organisation'),
    'vestigingsnummer': _l('Branch number (vestigingsnummer)'),
    'sbi_section': _l('Sector'),
    'sbi_code': _l('SBI code'),
    'size_class': _l('Number of people working there'),
    'municipality_id': _l('Municipality'),
    'visiting_postcode': _l('Postcode of the visiting address'),
    'website': _l('Website'),
}


def organisations_page(region_id: int, status: OrganisationStatus, page: int) -> Pagination:
    """One page of the region's organisations in `status`, with members and municipality loaded."""
    query = (select(Organisation)
             .where(Organisation.region_id == region_id, Organisation.status == status)
             .options(joinedload(Organisation.municipality),
                      selectinload(Organisation.memberships).joinedload(Membership.user))
             .order_by(*_ORDER[status]))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def status_counts(region_id: int) -> dict[OrganisationStatus, int]:
    rows = db.session.execute(select(Organisation.status, func.count(Organisation.id))
                              .where(Organisation.region_id == region_id)
                              .group_by(Organisation.status)).all()
    counts = dict.fromkeys(OrganisationStatus, 0)
    counts.update({OrganisationStatus(status): count for status, count in rows})
    return counts


def organisation_history(organisation: Organisation) -> list[tuple[AuditEvent, User | None]]:
    """The audit events about `organisation`, newest first, each with the user who acted (None: the system)."""
    events = list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == 'Organisation', AuditEvent.object_id == str(organisation.id))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(HISTORY_LIMIT)))
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    actors = ({user.id: user for user in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
              if actor_ids else {})
    return [(event, actors.get(event.actor_id)) for event in events]
