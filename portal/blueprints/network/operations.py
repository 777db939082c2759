"""Who is in a region's networks: coordinators create them (a name and a chair organisation), change them (a new
chair takes over the meetings to come), add verified organisations and end memberships. Requests to join, the
directory and pledges are in operations_members.py.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import Activity, ActivityKind, ActivitySlot
from portal.models.moderation import PostingState
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus
from portal.models.organisations import Organisation, OrganisationKind
from portal.models.tenancy import Region


class NetworkRefused(OperationRefused):
    """The change is not possible now; str(exc) is a message for the coordinator."""


def _check_chair(region_id: int, chair: Organisation | None) -> Organisation:
    """A network is chaired by an entrepreneur: a verified employer of the region (not a school or a government)."""
    if (chair is None or chair.region_id != region_id or not chair.is_verified
            or chair.kind != OrganisationKind.EMPLOYER):
        raise NetworkRefused(_l('Choose a verified employer of your region to chair the network.'))
    return chair


def _seat(network: Network, organisation: Organisation) -> NetworkMembership:
    """The organisation's active membership, made or restored (a request or an ended seat becomes active)."""
    membership = network.membership_of(organisation)
    if membership is None:
        membership = NetworkMembership(organisation=organisation)
        network.members.append(membership)
    membership.status = NetworkMemberStatus.ACTIVE
    return membership


def create_network(actor: User, region: Region, *, name: str, chair: Organisation | None) -> Network:
    """Start a network of the region (a region has one or more), chaired by one of its organisations, which
    becomes its first member."""
    if not (actor.is_coordinator and actor.staff_region_id == region.id):
        raise NetworkRefused(_l('Only a coordinator of the region can start a network.'))
    name = (name or '').strip()
    if not name:
        raise NetworkRefused(_l('Fill in the name of the network.'))
    chair = _check_chair(region.id, chair)
    network = Network(region_id=region.id, name=name, chair_organisation=chair)
    db.session.add(network)
    _seat(network, chair)
    db.session.flush()
    record_event('network.create', actor=actor, obj=network, details={'name': name, 'chair_organisation_id': chair.id})
    return network


def edit_network(actor: User, network: Network, *, name: str, chair: Organisation | None) -> None:
    """Rename the network or hand the chair to another organisation of the region (which becomes a member)."""
    if not network.can_manage(actor):
        raise NetworkRefused(_l('Only a coordinator of the region can change its networks.'))
    name = (name or '').strip()
    if not name:
        raise NetworkRefused(_l('Fill in the name of the network.'))
    chair = _check_chair(network.region_id, chair)
    previous_id = network.chair_organisation_id
    network.name, network.chair_organisation = name, chair
    _seat(network, chair)
    moved = _move_meetings(actor, network, previous_id, chair) if previous_id not in (None, chair.id) else []
    db.session.flush()
    details = {'name': name, 'chair_organisation_id': chair.id}
    if moved:
        details['moved_meeting_ids'] = [meeting.id for meeting in moved]
    record_event('network.edit', actor=actor, obj=network, details=details)


def _move_meetings(actor: User, network: Network, previous_id: int, chair: Organisation) -> list[Activity]:
    """The meetings the old chair hosts that are not over or called off go to the new chair, whose people then edit
    and run them (the host is the activity's organisation); past meetings stay with the chair that held them."""
    not_over = or_(~Activity.slots.any(), Activity.slots.any(ActivitySlot.ends_at > utcnow()))
    meetings = list(db.session.scalars(
        select(Activity).where(Activity.network_id == network.id, Activity.kind == ActivityKind.NETWORK_MEETING,
                               Activity.organisation_id == previous_id, Activity.state != PostingState.CANCELLED,
                               not_over)
        .order_by(Activity.id)))
    for meeting in meetings:
        meeting.organisation = chair
        record_event('activity.host_changed', actor=actor, obj=meeting,
                     details={'network_id': network.id, 'from_organisation_id': previous_id,
                              'to_organisation_id': chair.id})
    return meetings


def add_member(actor: User, network: Network, organisation: Organisation) -> NetworkMembership:
    """Give a verified organisation of the region a seat; everyone who works there now sees what the network sees."""
    if not network.can_manage(actor):
        raise NetworkRefused(_l('Only a coordinator of the region can change who is in its network.'))
    if organisation.region_id != network.region_id or not organisation.is_verified:
        raise NetworkRefused(_l('Only verified organisations of your region can join the network.'))
    membership = network.membership_of(organisation)
    if membership is not None and membership.is_active:
        raise NetworkRefused(_l('%(name)s is already a member of the network.', name=organisation.name))
    # an organisation that left can come back; one that asked to join is let in
    membership = _seat(network, organisation)
    membership.decided_by_id, membership.decided_at = actor.id, utcnow()
    db.session.flush()
    record_event('network.add_member', actor=actor, obj=network,
                 details={'organisation_id': organisation.id, 'organisation_name': organisation.name})
    owner = organisation.owner
    if owner is not None:
        queue_mail(owner.email, 'network/member_added', locale=owner.locale, region_id=network.region_id,
                   recipient_name=owner.display_name, organisation_name=organisation.name, network_name=network.name,
                   url=url_for('network.demand', _external=True))
    return membership


def end_member(actor: User, membership: NetworkMembership) -> None:
    """End an organisation's seat: its people no longer see what the network sees."""
    network = membership.network
    if not network.can_manage(actor):
        raise NetworkRefused(_l('Only a coordinator of the region can change who is in its network.'))
    if not membership.is_active:
        raise NetworkRefused(_l('This membership has already ended.'))
    if network.chair_organisation_id == membership.organisation_id:
        raise NetworkRefused(_l('%(name)s chairs the network. Hand the chair to another organisation first.',
                                name=membership.organisation.name))
    membership.status = NetworkMemberStatus.ENDED
    db.session.flush()
    record_event('network.end_member', actor=actor, obj=network,
                 details={'organisation_id': membership.organisation_id,
                          'organisation_name': membership.organisation.name})
