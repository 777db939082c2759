"""The organisation operations: each one's happy path, its illegal states, its audit row and its mail."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.blueprints.organisations import operations as ops
from portal.blueprints.organisations.operations import OrganisationChangeRefused
from portal.core.dbtypes import utcnow
from portal.core.tokens import hash_token
from portal.models.audit import AuditEvent
from portal.models.organisations import (
    Invitation,
    MemberRole,
    Membership,
    MembershipStatus,
    OrganisationStatus,
    SizeClass,
)
from tests.factories import add_member, make_municipality, make_organisation, make_region, make_user

pytestmark = pytest.mark.usefixtures('request_context')


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


@pytest.fixture
def owner(db):
    return make_user(db, name='Olga Eigenaar', email='olga@bakkerij.nl')


@pytest.fixture
def organisation(db, owner):
    return make_organisation(db, owner=owner, name='Bakkerij Bol B.V.')


@pytest.fixture
def colleague(db, organisation):
    user = make_user(db, name='Cor Collega', email='cor@bakkerij.nl', locale='en')
    add_member(db, organisation, user)
    return user


# Invitations -----------------------------------------------------------------------------

def test_invite_stores_only_the_token_hash_audits_and_mails_the_link(db, owner, organisation, outbox):
    invitation, token = ops.invite_colleague(owner, organisation, email='  Nieuw@Bakkerij.NL ')

    assert invitation.email == 'nieuw@bakkerij.nl'
    assert invitation.token_hash == hash_token(token) != token
    assert invitation.expires_at - utcnow() > timedelta(days=6, hours=23)
    assert invitation.expires_at - utcnow() <= timedelta(days=7)
    assert invitation.invited_by is owner
    assert invitation.is_open()
    [event] = events(db, 'organisation.invite')
    assert (event.actor_id, event.object_type, event.object_id) == (owner.id, 'Organisation', str(organisation.id))
    assert event.region_id == organisation.region_id
    assert event.details['email'] == 'nieuw@bakkerij.nl'
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('nieuw@bakkerij.nl', 'organisations/invitation', 'nl')
    assert token in mail.body_text
    assert 'Bakkerij Bol B.V.' in mail.subject


def test_invite_mails_someone_with_an_account_in_their_own_language(db, owner, organisation, outbox):
    make_user(db, email='known@example.com', locale='en')
    ops.invite_colleague(owner, organisation, email='known@example.com')
    [mail] = outbox
    assert mail.locale == 'en'
    assert mail.subject == 'Invitation to join Bakkerij Bol B.V. on Kansenkamer'


def test_a_new_invitation_to_the_same_address_replaces_the_open_one(db, owner, organisation, outbox):
    first, first_token = ops.invite_colleague(owner, organisation, email='nieuw@bakkerij.nl')
    second, _ = ops.invite_colleague(owner, organisation, email='nieuw@bakkerij.nl')
    assert not first.is_open()
    assert first.revoked_at is not None
    assert organisation.open_invitations == [second]
    assert events(db, 'organisation.invite')[1].details['replaces'] == [first.id]
    assert len(outbox) == 2


def test_invite_refuses_an_active_member_and_a_non_owner(db, owner, organisation, colleague, outbox):
    with pytest.raises(OrganisationChangeRefused):
        ops.invite_colleague(owner, organisation, email='COR@bakkerij.nl')
    with pytest.raises(OrganisationChangeRefused):
        ops.invite_colleague(colleague, organisation, email='nieuw@bakkerij.nl')
    assert not organisation.invitations
    assert not events(db, 'organisation.invite')
    assert not outbox


def test_revoke_invitation_closes_it_and_audits(db, owner, organisation, outbox):
    invitation, _ = ops.invite_colleague(owner, organisation, email='nieuw@bakkerij.nl')
    ops.revoke_invitation(owner, invitation)
    assert invitation.revoked_at is not None
    assert not invitation.is_open()
    [event] = events(db, 'organisation.revoke_invitation')
    assert event.details == {'email': 'nieuw@bakkerij.nl', 'invitation_id': invitation.id}
    assert len(outbox) == 1  # only the invitation itself


def test_revoke_refuses_a_closed_invitation_and_a_non_owner(db, owner, organisation, colleague, outbox):
    invitation, _ = ops.invite_colleague(owner, organisation, email='nieuw@bakkerij.nl')
    with pytest.raises(OrganisationChangeRefused):
        ops.revoke_invitation(colleague, invitation)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(OrganisationChangeRefused):
        ops.revoke_invitation(owner, invitation)
    assert invitation.revoked_at is None
    assert not events(db, 'organisation.revoke_invitation')


# Members ---------------------------------------------------------------------------------

def test_remove_member_ends_the_membership_clears_current_organisation_and_mails(db, owner, organisation, colleague,
                                                                                 outbox):
    colleague.current_organisation_id = organisation.id
    membership = colleague.membership_of(organisation)

    ops.remove_member(owner, membership)

    assert colleague.membership_of(organisation) is None
    assert colleague.current_organisation_id is None
    assert db.session.get(Membership, membership.id) is None
    [event] = events(db, 'organisation.remove_member')
    assert event.details == {'user_id': colleague.id, 'name': 'Cor Collega', 'email': 'cor@bakkerij.nl'}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('cor@bakkerij.nl', 'organisations/member_removed', 'en')
    assert 'Olga Eigenaar' in mail.body_text


def test_remove_member_refuses_the_owner_and_a_non_owner(db, owner, organisation, colleague, outbox):
    with pytest.raises(OrganisationChangeRefused):
        ops.remove_member(owner, owner.membership_of(organisation))
    with pytest.raises(OrganisationChangeRefused):
        ops.remove_member(colleague, colleague.membership_of(organisation))
    assert len(organisation.active_members) == 2
    assert not events(db, 'organisation.remove_member')
    assert not outbox


def test_leave_organisation(db, owner, organisation, colleague):
    colleague.current_organisation_id = organisation.id
    ops.leave_organisation(colleague, organisation)
    assert colleague.membership_of(organisation) is None
    assert colleague.current_organisation_id is None
    [event] = events(db, 'organisation.leave')
    assert event.actor_id == colleague.id
    assert event.details['user_id'] == colleague.id


def test_the_owner_cannot_leave_and_a_stranger_cannot_either(db, owner, organisation):
    with pytest.raises(OrganisationChangeRefused):
        ops.leave_organisation(owner, organisation)
    with pytest.raises(OrganisationChangeRefused):
        ops.leave_organisation(make_user(db), organisation)
    assert organisation.owner is owner
    assert not events(db, 'organisation.leave')


def test_transfer_ownership_swaps_the_roles_and_mails_both(db, owner, organisation, colleague, outbox):
    ops.transfer_ownership(owner, colleague.membership_of(organisation))

    assert organisation.owner is colleague
    assert owner.membership_of(organisation).role == MemberRole.MEMBER
    assert organisation.can_manage(colleague)
    assert not organisation.can_manage(owner)
    [event] = events(db, 'organisation.transfer_ownership')
    assert event.details['from_user_id'] == owner.id
    assert event.details['to_user_id'] == colleague.id
    received, handed_over = outbox
    assert (received.recipient, received.template, received.locale) == (
        'cor@bakkerij.nl', 'organisations/ownership_received', 'en')
    assert (handed_over.recipient, handed_over.template, handed_over.locale) == (
        'olga@bakkerij.nl', 'organisations/ownership_handed_over', 'nl')


def test_transfer_ownership_refuses_a_join_request_and_a_non_owner(db, owner, organisation, colleague, outbox):
    requester = make_user(db)
    request = add_member(db, organisation, requester, status='requested')
    with pytest.raises(OrganisationChangeRefused):
        ops.transfer_ownership(owner, request)
    with pytest.raises(OrganisationChangeRefused):
        ops.transfer_ownership(colleague, colleague.membership_of(organisation))
    assert organisation.owner is owner
    assert not outbox


def test_the_database_refuses_a_second_owner(db, owner, organisation, colleague):
    membership = colleague.membership_of(organisation)
    savepoint = db.session.begin_nested()
    membership.role = MemberRole.OWNER
    with pytest.raises(IntegrityError):
        db.session.flush()
    savepoint.rollback()
    db.session.expire_all()
    assert organisation.owner.id == owner.id


def test_the_database_refuses_inserting_a_second_owner(db, owner, organisation):
    other = make_user(db)
    savepoint = db.session.begin_nested()
    db.session.add(Membership(user=other, organisation=organisation, role=MemberRole.OWNER))
    with pytest.raises(IntegrityError):
        db.session.flush()
    savepoint.rollback()
    assert organisation.owner.id == owner.id


# Join requests ---------------------------------------------------------------------------

def test_approve_join_request(db, owner, organisation, outbox):
    requester = make_user(db, email='vraag@bakkerij.nl', locale='en')
    request = add_member(db, organisation, requester, status='requested')

    ops.approve_join_request(owner, request)

    assert request.status == MembershipStatus.ACTIVE
    assert requester.membership_of(organisation) is request
    [event] = events(db, 'organisation.approve_join')
    assert event.details['user_id'] == requester.id
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('vraag@bakkerij.nl', 'organisations/join_approved', 'en')
    assert 'http://localhost/organisatie/' in mail.body_text


def test_decline_join_request_deletes_it_and_mails(db, owner, organisation, outbox):
    requester = make_user(db, email='vraag@bakkerij.nl')
    request = add_member(db, organisation, requester, status='requested')

    ops.decline_join_request(owner, request)

    assert db.session.get(Membership, request.id) is None
    assert not organisation.join_requests
    [event] = events(db, 'organisation.decline_join')
    assert event.details['email'] == 'vraag@bakkerij.nl'
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('vraag@bakkerij.nl', 'organisations/join_declined', 'nl')


def test_an_answered_request_cannot_be_answered_again(db, owner, organisation, colleague, outbox):
    with pytest.raises(OrganisationChangeRefused):
        ops.approve_join_request(owner, colleague.membership_of(organisation))
    with pytest.raises(OrganisationChangeRefused):
        ops.decline_join_request(owner, colleague.membership_of(organisation))
    request = add_member(db, organisation, make_user(db), status='requested')
    with pytest.raises(OrganisationChangeRefused):
        ops.approve_join_request(colleague, request)
    assert request.status == MembershipStatus.REQUESTED
    assert not outbox


# Details ---------------------------------------------------------------------------------

def details(organisation, **changes) -> dict:
    data = {'name': organisation.name, 'vestigingsnummer': organisation.vestigingsnummer,
            'sbi_section': organisation.sbi_section, 'sbi_code': organisation.sbi_code,
            'size_class': organisation.size_class.value, 'municipality': organisation.municipality,
            'visiting_postcode': organisation.visiting_postcode, 'website': organisation.website}
    data.update(changes)
    return data


def test_update_keeps_a_verified_organisation_verified_for_minor_changes(db, owner, organisation):
    back = ops.update_organisation(owner, organisation, **details(organisation, size_class='50-249',
                                                                  website='https://bol.nl'))
    assert back is False
    assert organisation.status == OrganisationStatus.VERIFIED
    assert organisation.size_class == SizeClass.MEDIUM
    [event] = events(db, 'organisation.update')
    assert event.details == {'changes': {'size_class': ['10-49', '50-249'], 'website': [None, 'https://bol.nl']},
                             'back_to_pending': False}


@pytest.mark.parametrize('change', ['name', 'municipality'])
def test_a_new_name_or_municipality_sends_a_verified_organisation_back_to_pending(db, owner, organisation, change):
    value = 'Bakkerij Bol en Zonen' if change == 'name' else make_municipality(db, region=organisation.region)
    assert ops.update_organisation(owner, organisation, **details(organisation, **{change: value})) is True
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.verified_at is None
    assert organisation.decided_by_id is None
    assert events(db, 'organisation.update')[0].details['back_to_pending'] is True


def test_moving_to_another_region_moves_the_organisation_to_its_staff(db, owner, organisation):
    elsewhere = make_region(db).municipalities[0]
    ops.update_organisation(owner, organisation, **details(organisation, municipality=elsewhere))
    assert organisation.region_id == elsewhere.region_id
    assert organisation.municipality is elsewhere


def test_saving_a_rejected_organisation_sends_it_back_even_unchanged(db):
    organisation = make_organisation(db, owner=make_user(db), status='rejected')
    owner = organisation.owner
    assert ops.update_organisation(owner, organisation, **details(organisation)) is True
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.rejection_reason is None
    assert events(db, 'organisation.update')[0].details == {'changes': {}, 'back_to_pending': True}


def test_saving_nothing_new_records_nothing(db, owner, organisation):
    assert ops.update_organisation(owner, organisation, **details(organisation)) is False
    assert not events(db, 'organisation.update')


def test_only_the_owner_updates(db, organisation, colleague):
    with pytest.raises(OrganisationChangeRefused):
        ops.update_organisation(colleague, organisation, **details(organisation, name='Anders'))
    assert organisation.name == 'Bakkerij Bol B.V.'


# Switching -------------------------------------------------------------------------------

def test_switch_organisation(db, owner, organisation):
    second = make_organisation(db, name='Tweede Zaak')
    add_member(db, second, owner)
    ops.switch_organisation(owner, second)
    assert owner.current_organisation is second
    [event] = events(db, 'user.switch_organisation')
    assert (event.object_type, event.object_id) == ('User', str(owner.id))
    assert event.details == {'organisation_id': second.id}
    assert event.region_id == second.region_id


def test_switching_to_an_organisation_one_only_asked_to_join_is_refused(db, owner, organisation):
    second = make_organisation(db)
    add_member(db, second, owner, status='requested')
    with pytest.raises(OrganisationChangeRefused):
        ops.switch_organisation(owner, second)
    assert owner.current_organisation is organisation
    assert not events(db, 'user.switch_organisation')


def test_invitation_rows_hold_no_token(db, owner, organisation, outbox):
    _, token = ops.invite_colleague(owner, organisation, email='nieuw@bakkerij.nl')
    stored = db.session.scalars(select(Invitation.token_hash)).all()
    assert token not in stored
