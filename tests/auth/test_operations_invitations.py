"""Accepting an invitation with an existing account or a new one."""

from datetime import timedelta

import pytest

from portal.blueprints.auth import operations_invitations as ops
from portal.core.dbtypes import utcnow
from portal.core.tokens import random_token
from portal.models.organisations import Invitation, MembershipStatus
from tests.auth.conftest import actions
from tests.factories import add_member, make_organisation, make_user


@pytest.fixture
def invitation(db):
    organisation = make_organisation(db, owner=make_user(db), name='Bakkerij Bol')
    token, token_hash = random_token()
    invitation = Invitation(organisation=organisation, email='Cor@Bakkerij.nl', token_hash=token_hash,
                            expires_at=utcnow() + timedelta(days=7))
    db.session.add(invitation)
    db.session.flush()
    invitation.token = token
    return invitation


def test_the_token_finds_its_invitation(db, invitation):
    assert ops.invitation_for_token(invitation.token) == invitation
    assert ops.invitation_for_token('other') is None


def test_the_invited_user_joins_as_an_active_member(db, invitation):
    user = make_user(db, email='cor@bakkerij.nl')
    membership = ops.accept_invitation(user, invitation)
    assert membership.is_active
    assert not membership.is_owner
    assert membership.organisation == invitation.organisation
    assert invitation.accepted_at is not None
    assert user.current_organisation_id == invitation.organisation_id
    assert actions(db) == ['organisation.join_by_invitation']


def test_a_pending_join_request_is_settled_by_the_invitation(db, invitation):
    user = make_user(db, email='cor@bakkerij.nl')
    request = add_member(db, invitation.organisation, user, status='requested')
    assert ops.accept_invitation(user, invitation) == request
    assert request.status == MembershipStatus.ACTIVE


def test_someone_else_cannot_use_the_invitation(db, invitation):
    with pytest.raises(PermissionError):
        ops.accept_invitation(make_user(db, email='ander@bakkerij.nl'), invitation)
    assert invitation.accepted_at is None


@pytest.mark.parametrize('closed', ['accepted_at', 'revoked_at', 'expires_at'])
def test_a_used_revoked_or_expired_invitation_cannot_be_accepted(db, invitation, closed):
    setattr(invitation, closed, utcnow() - timedelta(minutes=1))
    db.session.flush()
    with pytest.raises(ops.InvitationClosed):
        ops.accept_invitation(make_user(db, email='cor@bakkerij.nl'), invitation)
    assert actions(db) == []


def test_a_new_account_from_an_invitation_is_verified_and_joined(db, invitation):
    user = ops.register_by_invitation(invitation, name='Cor Collega', password='een lange zin als wachtwoord',
                                      locale='en')
    assert user.email == 'cor@bakkerij.nl'
    assert user.is_email_verified
    assert user.locale == 'en'
    assert user.membership_of(invitation.organisation) is not None
    assert actions(db) == ['user.register_by_invitation', 'organisation.join_by_invitation']


def test_no_second_account_for_an_invited_address(db, invitation):
    make_user(db, email='cor@bakkerij.nl')
    with pytest.raises(ValueError, match='sign in to accept'):
        ops.register_by_invitation(invitation, name='Cor', password='een lange zin als wachtwoord', locale='nl')
