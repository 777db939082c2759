"""My account operations: profile, password, email, my data, and deleting the account."""

import json
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.blueprints.account import operations
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.passwords import verify_password
from portal.models.accounts import RecoveryCode, User
from portal.models.audit import AuditEvent
from portal.models.organisations import Invitation, Membership, Organisation
from tests.factories import PASSWORD, add_member, make_employer, make_organisation, make_staff, make_user

NEW_PASSWORD = 'een nieuw en lang wachtwoord'


def make_owner(db, **user_fields) -> User:
    """A user who owns a verified organisation (make_employer takes only organisation fields)."""
    user = make_user(db, **user_fields)
    make_organisation(db, owner=user)
    db.session.refresh(user)
    return user


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# Profile -----------------------------------------------------------------------------------------

def test_update_profile_changes_name_and_language(db):
    user = make_user(db, name='Oud', locale='nl')
    changes = operations.update_profile(user, name=' Nieuw ', locale='en')
    assert (user.name, user.locale) == ('Nieuw', 'en')
    [event] = events(db, 'user.update_profile')
    assert event.actor_id == user.id
    assert changes == {'name': ['Oud', 'Nieuw'], 'locale': ['nl', 'en']}
    # the old name is not kept in the trail, which outlives a deleted account
    assert event.details == {'changed': ['locale', 'name'], 'locale': ['nl', 'en']}


def test_update_profile_without_changes_records_nothing(db):
    user = make_user(db)
    assert operations.update_profile(user, name=user.name, locale=user.locale) == {}
    assert events(db, 'user.update_profile') == []


def test_update_profile_refuses_an_unknown_language(db):
    with pytest.raises(ValueError, match='unknown locale'):
        operations.update_profile(make_user(db), name='X', locale='de')


# Password ----------------------------------------------------------------------------------------

def test_change_password_ends_other_sessions_and_tells_the_user(db, outbox):
    user = make_user(db, locale='en')
    version = user.session_version
    operations.change_password(user, new_password=NEW_PASSWORD)
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert user.session_version == version + 1
    [event] = events(db, 'user.change_password')
    assert event.actor_id == user.id
    assert event.object_id == str(user.id)
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == (user.email, 'account/password_changed', 'en')
    assert NEW_PASSWORD not in mail.body_text


def test_change_password_refuses_a_weak_one(db):
    user = make_user(db)
    with pytest.raises(operations.NotAllowed):
        operations.change_password(user, new_password=user.email)
    assert verify_password(user.password_hash, PASSWORD)
    assert events(db, 'user.change_password') == []


# Email -------------------------------------------------------------------------------------------

def test_request_email_change_mails_the_new_address_and_warns_the_old(db, outbox, request_context):
    user = make_user(db, email='oud@example.nl', locale='en')
    assert operations.request_email_change(user, new_email=' Nieuw@Example.nl ') == 'nieuw@example.nl'
    assert user.email == 'oud@example.nl'  # only the link changes it
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [
        ('nieuw@example.nl', 'auth/verify_email', 'en'),
        ('oud@example.nl', 'account/email_change_requested', 'en'),
    ]
    assert 'nieuw@example.nl' in outbox[1].body_text
    [event] = events(db, 'user.request_email_change')
    assert event.details == {'new_email': 'nieuw@example.nl'}


@pytest.mark.parametrize('new_email', ['bezet@example.nl', 'EIGEN@example.nl'])
def test_request_email_change_refuses_a_taken_or_the_same_address(db, new_email, request_context):
    make_user(db, email='bezet@example.nl')
    user = make_user(db, email='eigen@example.nl')
    with pytest.raises(operations.NotAllowed):
        operations.request_email_change(user, new_email=new_email)
    assert events(db, 'user.request_email_change') == []


def test_resend_verification(db, outbox, request_context):
    user = make_user(db, verified=False)
    operations.resend_verification(user)
    assert [(m.recipient, m.template) for m in outbox] == [(user.email, 'auth/verify_email')]
    with pytest.raises(operations.NotAllowed):
        operations.resend_verification(make_user(db))


# My data -----------------------------------------------------------------------------------------

def test_export_holds_everything_about_the_user_and_no_secrets(db):
    user = make_owner(db, name='Eva Export')
    organisation = user.memberships[0].organisation
    user.totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    user.totp_enabled_at = utcnow()
    db.session.add(RecoveryCode(user=user, code_hash='f' * 64))
    db.session.add(Invitation(organisation=organisation, email='collega@example.nl', invited_by=user,
                              token_hash='a' * 64, expires_at=utcnow() + timedelta(days=7)))
    record_event('organisation.update', actor=user, obj=organisation)
    record_event('user.locked', actor=None, obj=user)
    db.session.flush()

    data = operations.export_data(user)

    assert data['profile']['name'] == 'Eva Export'
    assert data['profile']['email'] == user.email
    assert data['profile']['two_step_sign_in'] is True
    assert data['organisations'] == [{'organisation': organisation.name, 'kvk_number': organisation.kvk_number,
                                      'role': 'owner', 'status': 'active',
                                      'member_since': organisation.memberships[0].created_at.isoformat()}]
    assert data['staff_role'] is None
    assert [i['email'] for i in data['invitations_sent']] == ['collega@example.nl']
    assert 'organisation.update' in [a['action'] for a in data['your_actions']]
    assert [a['action'] for a in data['actions_on_your_account']] == ['user.locked']
    text = json.dumps(data)
    for secret in (user.password_hash, user.totp_secret, 'f' * 64, 'a' * 64):
        assert secret not in text
    assert 'password' not in text
    assert 'totp_secret' not in text
    [event] = events(db, 'user.export_data')
    assert event.actor_id == user.id


def test_export_of_a_staff_member_names_their_region(db):
    staff = make_staff(db, kind='coordinator')
    data = operations.export_data(staff)
    assert data['staff_role']['region'] == staff.staff_role.region.name
    assert data['staff_role']['kind'] == 'coordinator'


# Deleting the account ----------------------------------------------------------------------------

def test_delete_account_anonymises_and_keeps_the_organisation(db, outbox):
    owner = make_owner(db, name='Otto Eigenaar', locale='en')
    organisation = owner.memberships[0].organisation
    email = owner.email
    db.session.add(RecoveryCode(user=owner, code_hash='c' * 64))
    owner.totp_secret, owner.totp_enabled_at = 'JBSWY3DPEHPK3PXP', utcnow()
    db.session.flush()
    version = owner.session_version

    operations.delete_account(owner)

    assert owner.name == ''
    with force_locale('en'):
        assert str(owner.display_name) == 'Former member'
    with force_locale('nl'):
        assert str(owner.display_name) == 'Voormalig lid'
    assert owner.email == f'deleted-{owner.id}@invalid'
    assert owner.password_hash is None
    assert owner.totp_secret is None
    assert owner.totp_enabled_at is None
    assert owner.deleted_at is not None
    assert not owner.is_enabled
    assert not owner.is_active
    assert owner.session_version == version + 1
    assert owner.locale == 'en'
    assert owner.memberships == []
    assert owner.recovery_codes == []
    assert db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == owner.id)).all() == []
    # the organisation and its records stay, now without members
    assert db.session.get(Organisation, organisation.id) is organisation
    assert organisation.memberships == []
    assert User.by_email(email) is None
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == (email, 'account/deleted', 'en')
    assert 'Otto Eigenaar' in mail.body_text
    [event] = events(db, 'user.delete')
    assert event.actor_id == owner.id
    assert event.details == {'organisations': [organisation.id]}


def test_an_owner_with_colleagues_must_hand_over_first(db):
    owner = make_employer(db)
    organisation = owner.memberships[0].organisation
    add_member(db, organisation, make_user(db))
    assert operations.organisations_to_hand_over(owner) == [organisation]
    with pytest.raises(operations.NotAllowed):
        operations.delete_account(owner)
    assert owner.deleted_at is None
    assert owner.name
    assert events(db, 'user.delete') == []


def test_a_pending_join_request_does_not_block_the_owner(db, outbox):
    owner = make_employer(db)
    add_member(db, owner.memberships[0].organisation, make_user(db), status='requested')
    assert operations.organisations_to_hand_over(owner) == []
    operations.delete_account(owner)
    assert owner.deleted_at is not None


def test_a_member_leaves_the_organisation_with_its_owner(db, outbox):
    owner = make_employer(db)
    organisation = owner.memberships[0].organisation
    member = make_user(db)
    add_member(db, organisation, member)
    operations.delete_account(member)
    assert db.session.scalars(select(Membership).where(Membership.user_id == member.id)).all() == []
    assert organisation.owner == owner
    assert [m.user for m in organisation.active_members] == [owner]


def test_a_staff_member_loses_the_staff_role(db, outbox):
    staff = make_staff(db, is_admin=True)
    operations.delete_account(staff)
    assert staff.staff_role is None
    assert not staff.is_staff
    assert not staff.is_admin


def test_a_deleted_account_cannot_be_deleted_again(db, outbox):
    user = make_user(db)
    operations.delete_account(user)
    with pytest.raises(operations.NotAllowed):
        operations.delete_account(user)
    assert len(events(db, 'user.delete')) == 1


def test_the_owner_of_another_organisation_is_not_affected(db, outbox):
    other_owner = make_employer(db)
    make_organisation(db, owner=make_user(db))
    user = make_user(db)
    operations.delete_account(user)
    assert other_owner.memberships[0].is_owner
