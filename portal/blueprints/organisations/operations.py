"""Changes to an organisation's people and details, made by its owner or members.

Each function takes the acting user, checks the organisation's state, writes an audit row and
queues the mail it causes, and flushes; the caller commits.
"""

from datetime import timedelta
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.core.tokens import random_token
from portal.extensions import db
from portal.models.accounts import User, normalise_email
from portal.models.organisations import (
    Invitation,
    MemberRole,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
    SizeClass,
)
from portal.models.tenancy import Municipality

INVITATION_VALID_FOR = timedelta(days=7)

#: details whose change makes a verified organisation wait for staff again
REVERIFY_ON_CHANGE = ('name', 'municipality_id')


class OrganisationChangeRefused(OperationRefused):
    """The change is not possible in the current state; str(exc) is a message for the user."""


def _require_owner(actor: User, organisation: Organisation) -> None:
    if not organisation.can_manage(actor):
        raise OrganisationChangeRefused(_l('Only the owner of the organisation can do this.'))


def _mail(user: User, template: str, organisation: Organisation, **context: Any) -> None:
    queue_mail(user.email, f'organisations/{template}', locale=user.locale, region_id=organisation.region_id,
               organisation_name=organisation.name, recipient_name=user.name, **context)


def _overview_url() -> str:
    return url_for('organisations.overview', _external=True)


def _drop_membership(membership: Membership) -> None:
    """Delete a membership, and stop it being the person's current organisation."""
    user, organisation = membership.user, membership.organisation
    if user.current_organisation_id == organisation.id:
        user.current_organisation_id = None
    db.session.delete(membership)
    db.session.flush()
    # loaded collections keep a deleted row until they are read again
    db.session.expire(user, ['memberships'])
    db.session.expire(organisation, ['memberships'])


def _person(user: User) -> dict[str, Any]:
    return {'user_id': user.id, 'name': user.name, 'email': user.email}


# Invitations -----------------------------------------------------------------------------

def invite_colleague(actor: User, organisation: Organisation, *, email: str) -> tuple[Invitation, str]:
    """Invite `email` to join for seven days; an open invitation to the same address is replaced.

    Returns the invitation and the token for its link (only the token's hash is stored).
    """
    _require_owner(actor, organisation)
    email = normalise_email(email)
    if any(m.user.email == email for m in organisation.active_members):
        raise OrganisationChangeRefused(_l('This person already works for your organisation here.'))
    now = utcnow()
    replaced = [old for old in organisation.open_invitations if old.email == email]
    for old in replaced:
        old.revoked_at = now
    token, token_hash = random_token()
    invitation = Invitation(organisation=organisation, email=email, invited_by=actor, token_hash=token_hash,
                            expires_at=now + INVITATION_VALID_FOR)
    db.session.add(invitation)
    db.session.flush()
    record_event('organisation.invite', actor=actor, obj=organisation,
                 details={'email': email, 'invitation_id': invitation.id, 'replaces': [old.id for old in replaced]})
    invitee = User.by_email(email)
    queue_mail(email, 'organisations/invitation', locale=invitee.locale if invitee else actor.locale,
               region_id=organisation.region_id, organisation_name=organisation.name, inviter_name=actor.name,
               accept_url=url_for('auth.accept_invitation', token=token, _external=True),
               expires_at=invitation.expires_at)
    return invitation, token


def revoke_invitation(actor: User, invitation: Invitation) -> None:
    organisation = invitation.organisation
    _require_owner(actor, organisation)
    if not invitation.is_open():
        raise OrganisationChangeRefused(_l('This invitation was already used, withdrawn or has expired.'))
    invitation.revoked_at = utcnow()
    db.session.flush()
    record_event('organisation.revoke_invitation', actor=actor, obj=organisation,
                 details={'email': invitation.email, 'invitation_id': invitation.id})


# Members ---------------------------------------------------------------------------------

def remove_member(actor: User, membership: Membership) -> None:
    """The owner removes a colleague, who is told by mail."""
    organisation, user = membership.organisation, membership.user
    _require_owner(actor, organisation)
    if not membership.is_active:
        raise OrganisationChangeRefused(_l('This person is not a member of the organisation.'))
    if membership.is_owner:
        raise OrganisationChangeRefused(_l('The owner cannot be removed. Hand over ownership first.'))
    _drop_membership(membership)
    record_event('organisation.remove_member', actor=actor, obj=organisation, details=_person(user))
    _mail(user, 'member_removed', organisation, owner_name=actor.name)


def leave_organisation(actor: User, organisation: Organisation) -> None:
    """A colleague stops working for the organisation here; the owner hands over ownership first."""
    membership = actor.membership_of(organisation)
    if membership is None:
        raise OrganisationChangeRefused(_l('You are not a member of this organisation.'))
    if membership.is_owner:
        raise OrganisationChangeRefused(
            _l('As the owner you can only leave after you have handed over ownership to a colleague.'))
    _drop_membership(membership)
    record_event('organisation.leave', actor=actor, obj=organisation, details=_person(actor))


def transfer_ownership(actor: User, membership: Membership) -> None:
    """The owner makes the colleague of `membership` the owner and becomes a colleague; both get mail."""
    organisation, new_owner = membership.organisation, membership.user
    _require_owner(actor, organisation)
    if not membership.is_active or membership.is_owner:
        raise OrganisationChangeRefused(_l('Ownership can only go to a colleague who is a member.'))
    old = actor.membership_of(organisation)
    old.role = MemberRole.MEMBER
    # the database allows one owner per organisation: demote before promoting
    db.session.flush()
    membership.role = MemberRole.OWNER
    db.session.flush()
    record_event('organisation.transfer_ownership', actor=actor, obj=organisation,
                 details={'from_user_id': actor.id, 'to_user_id': new_owner.id, 'to_name': new_owner.name})
    _mail(new_owner, 'ownership_received', organisation, previous_owner_name=actor.name,
          overview_url=_overview_url())
    _mail(actor, 'ownership_handed_over', organisation, new_owner_name=new_owner.name, overview_url=_overview_url())


# Join requests ---------------------------------------------------------------------------

def _require_request(actor: User, membership: Membership) -> None:
    _require_owner(actor, membership.organisation)
    if membership.status != MembershipStatus.REQUESTED:
        raise OrganisationChangeRefused(_l('This request to join has already been answered.'))


def approve_join_request(actor: User, membership: Membership) -> None:
    organisation, user = membership.organisation, membership.user
    _require_request(actor, membership)
    membership.status = MembershipStatus.ACTIVE
    db.session.flush()
    record_event('organisation.approve_join', actor=actor, obj=organisation, details=_person(user))
    _mail(user, 'join_approved', organisation, owner_name=actor.name, overview_url=_overview_url())


def decline_join_request(actor: User, membership: Membership) -> None:
    organisation, user = membership.organisation, membership.user
    _require_request(actor, membership)
    _drop_membership(membership)
    record_event('organisation.decline_join', actor=actor, obj=organisation, details=_person(user))
    _mail(user, 'join_declined', organisation, owner_name=actor.name)


# Details ---------------------------------------------------------------------------------

def update_organisation(actor: User, organisation: Organisation, *, name: str, vestigingsnummer: str | None,
                        sbi_section: str, sbi_code: str | None, size_class: str, municipality: Municipality,
                        visiting_postcode: str, website: str | None) -> bool:
    """Save the owner's changes; True when the organisation now waits for (new) verification.

    A rejected organisation goes back to the queue on every save; a verified one when its name
    or municipality changes, because those are what staff checked.
    """
    _require_owner(actor, organisation)
    wanted = {'name': name, 'vestigingsnummer': vestigingsnummer or None, 'sbi_section': sbi_section,
              'sbi_code': sbi_code or None, 'size_class': SizeClass(size_class),
              'municipality_id': municipality.id, 'visiting_postcode': visiting_postcode, 'website': website or None}
    changes = {key: [_plain(getattr(organisation, key)), _plain(value)]
               for key, value in wanted.items() if getattr(organisation, key) != value}
    back_to_pending = (organisation.status == OrganisationStatus.REJECTED
                       or (organisation.status == OrganisationStatus.VERIFIED
                           and any(key in changes for key in REVERIFY_ON_CHANGE)))
    if not changes and not back_to_pending:
        return False
    for key, value in wanted.items():
        setattr(organisation, key, value)
    organisation.municipality = municipality
    organisation.region_id = municipality.region_id
    if back_to_pending:
        organisation.status = OrganisationStatus.PENDING
        organisation.verified_at = None
        organisation.decided_by_id = None
        organisation.rejection_reason = None
    db.session.flush()
    record_event('organisation.update', actor=actor, obj=organisation,
                 details={'changes': changes, 'back_to_pending': back_to_pending})
    return back_to_pending


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, SizeClass) else value


def switch_organisation(actor: User, organisation: Organisation) -> None:
    """Make `organisation` the one `actor` works for now; only one they actively belong to."""
    if actor.membership_of(organisation) is None:
        raise OrganisationChangeRefused(_l('You are not a member of this organisation.'))
    actor.current_organisation_id = organisation.id
    db.session.flush()
    record_event('user.switch_organisation', actor=actor, obj=actor, region_id=organisation.region_id,
                 details={'organisation_id': organisation.id})
