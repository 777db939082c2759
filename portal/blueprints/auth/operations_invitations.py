"""Accepting an invitation to join an organisation, with an existing account or a new one."""

from sqlalchemy import select, update

from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.passwords import hash_password, password_problem
from portal.core.tokens import hash_token
from portal.extensions import db
from portal.models.accounts import User, normalise_email
from portal.models.organisations import Invitation, MemberRole, Membership, MembershipStatus


class InvitationClosed(Exception):
    """The invitation was accepted, revoked or expired (perhaps a moment ago, in another request)."""


def invitation_for_token(token: str) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def is_invited(user: User, invitation: Invitation) -> bool:
    return user.email == normalise_email(invitation.email)


def accept_invitation(user: User, invitation: Invitation) -> Membership:
    """Make `user` an active member of the inviting organisation and use the invitation up."""
    if not is_invited(user, invitation):
        raise PermissionError('the invitation is for another email address')
    now = utcnow()
    # Conditional, so one invitation link cannot be used twice by two requests at once.
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
               Invitation.expires_at > now)
        .values(accepted_at=now).execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        raise InvitationClosed()
    db.session.refresh(invitation, ['accepted_at'])
    organisation = invitation.organisation
    membership = next((m for m in user.memberships if m.organisation_id == organisation.id), None)
    if membership is None:
        membership = Membership(user=user, organisation=organisation, role=MemberRole.MEMBER,
                                status=MembershipStatus.ACTIVE)
        db.session.add(membership)
    else:
        membership.status = MembershipStatus.ACTIVE  # a pending join request, now settled
    if user.current_organisation_id is None:
        user.current_organisation_id = organisation.id
    db.session.flush()
    record_event('organisation.join_by_invitation', actor=user, obj=organisation,
                 details={'invitation_id': invitation.id, 'membership_id': membership.id})
    return membership


def register_by_invitation(invitation: Invitation, *, name: str, password: str, locale: str) -> User:
    """A new account for the invited address, verified already (the invitation mail proved it), and joined."""
    email = normalise_email(invitation.email)
    if User.email_taken(email):
        raise ValueError('an account with this address exists; sign in to accept')
    problem = password_problem(password, email)
    if problem:
        raise ValueError(problem)
    user = User(email=email, name=name, password_hash=hash_password(password), locale=locale,
                email_verified_at=utcnow())
    db.session.add(user)
    db.session.flush()
    record_event('user.register_by_invitation', actor=user, obj=user, details={'invitation_id': invitation.id})
    accept_invitation(user, invitation)
    return user
