"""What member organisations do themselves: ask to join a network (the chair or a coordinator decides), keep
their entry in the members' directory, and set their yearly pledge."""

from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.network.operations import NetworkRefused
from portal.core.audit import record_event
from portal.core.dbtypes import today as dutch_today
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus, NetworkPledge
from portal.models.organisations import Organisation

#: what an organisation can pledge, in the order pages show it
PLEDGE_FIELDS = ('job_shadowing_days', 'workshops', 'company_tours', 'practice_interviews', 'buddy_pairings')
MAX_PLEDGE = 100


def _coordinators(region_id: int) -> list[User]:
    return list(db.session.scalars(select(User).join(StaffRole).where(
        StaffRole.region_id == region_id, StaffRole.kind == StaffKind.COORDINATOR,
        User.is_enabled.is_(True), User.deleted_at.is_(None)).order_by(User.id)))


def _mail(users, template: str, network: Network, **context) -> None:
    sent = set()
    for user in users:
        if user is None or not user.is_active or user.email in sent:
            continue
        sent.add(user.email)
        queue_mail(user.email, f'network/{template}', locale=user.locale, region_id=network.region_id,
                   recipient_name=user.display_name, network_name=network.name, **context)


def request_to_join(actor: User, network: Network, organisation: Organisation, *, note: str | None
                    ) -> NetworkMembership:
    """Ask, for one's own verified organisation, to join a network of its region; the chair organisation's owner
    and the region's coordinators are mailed."""
    if actor.membership_of(organisation) is None:
        raise NetworkRefused(_l('Only people of the organisation can ask for it to join.'))
    if not organisation.is_verified:
        raise NetworkRefused(_l('Your organisation can ask to join once the municipality has verified it.'))
    if organisation.region_id != network.region_id:
        raise NetworkRefused(_l('Your organisation can join the networks of its own region.'))
    membership = network.membership_of(organisation)
    if membership is not None and membership.is_active:
        raise NetworkRefused(_l('%(name)s is already a member of %(network)s.', name=organisation.name,
                                network=network.name))
    if membership is not None and membership.is_pending:
        raise NetworkRefused(_l('%(name)s has already asked to join %(network)s.', name=organisation.name,
                                network=network.name))
    if membership is None:
        membership = NetworkMembership(organisation=organisation)
        network.members.append(membership)
    membership.status = NetworkMemberStatus.PENDING
    membership.requested_by_id, membership.request_note = actor.id, (note or '').strip() or None
    membership.decided_by_id = membership.decided_at = None
    db.session.flush()
    record_event('network.join_requested', actor=actor, obj=network,
                 details={'organisation_id': organisation.id, 'organisation_name': organisation.name})
    chair_owner = network.chair_organisation.owner if network.chair_organisation is not None else None
    _mail([chair_owner, *_coordinators(network.region_id)], 'join_requested', network,
          organisation_name=organisation.name, note=membership.request_note,
          url=url_for('network.join_requests', _external=True))
    return membership


def _decide(actor: User, membership: NetworkMembership) -> tuple[Network, NetworkMembership]:
    """The request, locked and read anew: of two people answering it at once (the chair and a coordinator), the
    second waits for the first and is then told it has been answered."""
    network = membership.network
    if not network.can_decide_requests(actor):
        raise NetworkRefused(_l('Only the chair of the network or a coordinator of the region can answer '
                                'requests to join.'))
    membership = NetworkMembership.locked(membership.id)
    if membership is None or not membership.is_pending:
        raise NetworkRefused(_l('This request has already been answered.'))
    membership.decided_by_id, membership.decided_at = actor.id, utcnow()
    return network, membership


def _requester(membership: NetworkMembership) -> User | None:
    """Who hears the answer: the person who asked while they still work there, else the organisation's owner."""
    requester = db.session.get(User, membership.requested_by_id) if membership.requested_by_id else None
    if requester is not None and requester.membership_of(membership.organisation) is not None:
        return requester
    return membership.organisation.owner


def approve_request(actor: User, membership: NetworkMembership) -> None:
    """Let the organisation in: its people become network members."""
    network, membership = _decide(actor, membership)
    if not membership.organisation.is_verified:
        raise NetworkRefused(_l('Only verified organisations can join the network.'))
    membership.status = NetworkMemberStatus.ACTIVE
    db.session.flush()
    record_event('network.join_approved', actor=actor, obj=network,
                 details={'organisation_id': membership.organisation_id,
                          'organisation_name': membership.organisation.name})
    _mail([_requester(membership)], 'join_approved', network, organisation_name=membership.organisation.name,
          url=url_for('network.directory', _external=True))


def decline_request(actor: User, membership: NetworkMembership, *, reason: str) -> None:
    """Turn the request down with a reason, which the person who asked reads."""
    reason = (reason or '').strip()
    if not reason:
        raise NetworkRefused(_l('Say why the request is declined.'))
    network, membership = _decide(actor, membership)
    membership.status = NetworkMemberStatus.DECLINED
    db.session.flush()
    record_event('network.join_declined', actor=actor, obj=network,
                 details={'organisation_id': membership.organisation_id,
                          'organisation_name': membership.organisation.name, 'reason': reason})
    _mail([_requester(membership)], 'join_declined', network, organisation_name=membership.organisation.name,
          reason=reason, url=url_for('network.participation', _external=True))


def set_directory_entry(actor: User, membership: NetworkMembership, *, in_directory: bool,
                        note: str | None) -> None:
    """Show the organisation in the members' directory, or not, with a note for the other members."""
    if not membership.can_edit(actor):
        raise NetworkRefused(_l('Only people of a member organisation can change its entry.'))
    membership.in_directory = bool(in_directory)
    membership.directory_note = (note or '').strip() or None
    db.session.flush()
    record_event('network.directory_changed', actor=actor, obj=membership.network,
                 details={'organisation_id': membership.organisation_id, 'in_directory': membership.in_directory})


def pledge_years(today: date | None = None) -> tuple[int, int]:
    """The years a member sets its pledge for: this one and the next."""
    year = (today or dutch_today()).year
    return year, year + 1


def set_pledge(actor: User, membership: NetworkMembership, *, year: int, note: str | None = None,
               today: date | None = None, **counts: int | None) -> NetworkPledge:
    """The organisation's promise to the network for `year` (this year or next): how many of each it offers."""
    if not membership.can_edit(actor):
        raise NetworkRefused(_l('Only people of a member organisation can set its pledge.'))
    if year not in pledge_years(today):
        raise NetworkRefused(_l('Set the pledge for this year or next year.'))
    if set(counts) != set(PLEDGE_FIELDS) or any(
            value is None or not 0 <= value <= MAX_PLEDGE for value in counts.values()):
        raise NetworkRefused(_l('Fill in numbers from 0 to %(max)d.', max=MAX_PLEDGE))
    pledge = membership.pledge_for(year)
    if pledge is None:
        pledge = NetworkPledge(year=year)
        membership.pledges.append(pledge)
    for field, value in counts.items():
        setattr(pledge, field, value)
    pledge.note = (note or '').strip() or None
    db.session.flush()
    record_event('network.pledge_set', actor=actor, obj=membership.network,
                 details={'organisation_id': membership.organisation_id, 'year': year, **counts})
    return pledge
