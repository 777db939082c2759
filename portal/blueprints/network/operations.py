"""Who is in the region's network: coordinators create it, add verified organisations and end memberships."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.core.audit import record_event
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus
from portal.models.organisations import Organisation
from portal.models.tenancy import Region


class NetworkRefused(OperationRefused):
    """The change is not possible now; str(exc) is a message for the coordinator."""


def create_network(actor: User, region: Region, *, name: str) -> Network:
    """Start the region's network; a region has one."""
    if not (actor.is_coordinator and actor.staff_region_id == region.id):
        raise NetworkRefused(_l('Only a coordinator of the region can start its network.'))
    if Network.of_region(region.id) is not None:
        raise NetworkRefused(_l('Your region already has a network.'))
    name = name.strip()
    if not name:
        raise NetworkRefused(_l('Fill in the name of the network.'))
    network = Network(region_id=region.id, name=name)
    db.session.add(network)
    db.session.flush()
    record_event('network.create', actor=actor, obj=network, details={'name': name})
    return network


def add_member(actor: User, network: Network, organisation: Organisation) -> NetworkMembership:
    """Give a verified organisation of the region a seat; everyone who works there now sees what the network sees."""
    if not network.can_manage(actor):
        raise NetworkRefused(_l('Only a coordinator of the region can change who is in its network.'))
    if organisation.region_id != network.region_id or not organisation.is_verified:
        raise NetworkRefused(_l('Only verified organisations of your region can join the network.'))
    membership = next((m for m in network.members if m.organisation_id == organisation.id), None)
    if membership is not None and membership.is_active:
        raise NetworkRefused(_l('%(name)s is already a member of the network.', name=organisation.name))
    if membership is None:
        membership = NetworkMembership(organisation=organisation)
        network.members.append(membership)
    membership.status = NetworkMemberStatus.ACTIVE  # an organisation that left can come back
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
    membership.status = NetworkMemberStatus.ENDED
    db.session.flush()
    record_event('network.end_member', actor=actor, obj=network,
                 details={'organisation_id': membership.organisation_id,
                          'organisation_name': membership.organisation.name})
