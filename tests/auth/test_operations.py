"""Registration and email verification: the operations behind the forms."""

import pytest
from sqlalchemy import func, select

from portal.blueprints.auth import operations
from portal.blueprints.auth.operations import OrganisationDetails, RegistrationOutcome, VerifyOutcome
from portal.core import tokens
from portal.core.passwords import verify_password
from portal.models.accounts import User
from portal.models.organisations import MemberRole, Membership, MembershipStatus, Organisation, OrganisationStatus
from tests.auth.conftest import actions
from tests.factories import make_organisation, make_user

NEW_PASSWORD = 'een lange zin als wachtwoord'


def details(region, **fields) -> OrganisationDetails:
    values = {'name': 'Bakkerij Bol B.V.', 'kvk_number': '69599084', 'sbi_section': 'G', 'sbi_code': '4724',
              'size_class': '10-49', 'municipality_id': region.municipalities[1].id, 'visiting_postcode': '7772 AB',
              'website': 'https://bakkerijbol.nl'}
    return OrganisationDetails(**{**values, **fields})


def register(region, email='bea@bakkerijbol.nl', locale='en', **fields):
    return operations.register_employer(name='Bea Bol', email=email, password=NEW_PASSWORD, locale=locale,
                                        organisation=details(region, **fields))


def test_registration_creates_a_pending_organisation_owned_by_the_registrant(db, request_context, outbox, region):
    result = register(region, email=' Bea@BakkerijBol.nl ')
    assert result.outcome == RegistrationOutcome.NEW_ORGANISATION
    assert not result.organisation_exists
    user = result.user
    assert user.email == 'bea@bakkerijbol.nl'
    assert user.locale == 'en'
    assert not user.is_email_verified
    assert verify_password(user.password_hash, NEW_PASSWORD)
    organisation = Organisation.by_kvk('69599084')
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.municipality == region.municipalities[1]
    assert organisation.region_id == region.id
    assert organisation.owner == user
    assert user.current_organisation_id == organisation.id
    assert actions(db) == ['organisation.register']
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [('bea@bakkerijbol.nl', 'auth/verify_email', 'en')]
    assert '/e-mail-bevestigen/' in outbox[0].body_text


def test_registration_with_a_known_kvk_number_asks_the_owner_instead_of_duplicating(db, request_context, outbox,
                                                                                     region):
    owner = make_user(db, email='olga@bakkerijbol.nl', locale='nl')
    organisation = make_organisation(db, region=region, owner=owner, kvk_number='69599084', name='Bakkerij Bol')
    result = register(region)
    assert result.outcome == RegistrationOutcome.JOIN_REQUESTED
    assert result.organisation_exists
    assert db.session.scalar(select(func.count(Organisation.id)).where(Organisation.kvk_number == '69599084')) == 1
    membership = db.session.scalar(select(Membership).where(Membership.user_id == result.user.id))
    assert membership.organisation == organisation
    assert (membership.role, membership.status) == (MemberRole.MEMBER, MembershipStatus.REQUESTED)
    assert actions(db) == ['organisation.request_join']
    sent = {(m.recipient, m.template, m.locale) for m in outbox}
    assert sent == {('olga@bakkerijbol.nl', 'auth/join_request', 'nl'),
                    ('bea@bakkerijbol.nl', 'auth/verify_email', 'en')}
    to_owner = next(m for m in outbox if m.template == 'auth/join_request')
    assert 'Bea Bol' in to_owner.body_text
    assert '/organisatie/' in to_owner.body_text


def test_a_taken_email_creates_nothing_and_tells_the_owner_of_the_address(db, request_context, outbox, region):
    existing = make_user(db, email='bea@bakkerijbol.nl', locale='nl')
    before = db.session.scalar(select(func.count(User.id)))
    result = register(region, email='BEA@bakkerijbol.nl')
    assert result.outcome == RegistrationOutcome.EMAIL_TAKEN
    assert not result.organisation_exists
    assert db.session.scalar(select(func.count(User.id))) == before
    assert Organisation.by_kvk('69599084') is None
    assert [(m.recipient, m.template, m.locale) for m in outbox] == [(existing.email, 'auth/register_taken', 'nl')]
    assert actions(db) == ['user.register_existing_email']


def test_a_taken_email_with_a_known_kvk_number_answers_like_a_join_request(db, request_context, outbox, region):
    make_user(db, email='bea@bakkerijbol.nl')
    make_organisation(db, region=region, kvk_number='69599084')
    assert register(region).organisation_exists is True


def test_registration_refuses_an_unknown_municipality(db, request_context, outbox, region):
    with pytest.raises(ValueError, match='municipality'):
        register(region, municipality_id=999999)


# Verification ---------------------------------------------------------------------------

def _token(user, email=None, version=None):
    return tokens.make_token('verify-email', {'id': user.id, 'email': email or user.email,
                                              'v': version or user.session_version})


def test_verifying_marks_the_address_once(db, request_context):
    user = make_user(db, verified=False)
    assert operations.verify_email(user, user.email, version=user.session_version) == VerifyOutcome.VERIFIED
    assert user.is_email_verified
    assert operations.verify_email(user, user.email, version=user.session_version) == \
        VerifyOutcome.ALREADY_VERIFIED
    assert actions(db) == ['user.verify_email']


def test_a_verification_link_for_a_new_address_moves_the_account(db, request_context, outbox):
    user = make_user(db, email='oud@bakkerij.nl', locale='en')
    operations.send_verification_mail(user, email='Nieuw@Bakkerij.nl')
    assert [(m.recipient, m.template) for m in outbox] == [('nieuw@bakkerij.nl', 'auth/verify_email')]
    assert user.email == 'oud@bakkerij.nl'  # nothing changes until the link is opened
    found = operations.read_verification_token(outbox[0].body_text.split('/e-mail-bevestigen/')[1].split()[0])
    assert found == (user, 'nieuw@bakkerij.nl', 1)
    assert operations.verify_email(user, 'nieuw@bakkerij.nl', version=1) == VerifyOutcome.CHANGED
    assert user.email == 'nieuw@bakkerij.nl'
    assert user.session_version == 2
    assert actions(db) == ['user.change_email']
    assert [(m.recipient, m.template, m.locale) for m in outbox[1:]] == [('oud@bakkerij.nl', 'auth/email_changed',
                                                                          'en')]


def test_an_older_change_link_no_longer_works(db, request_context):
    user = make_user(db, session_version=3)
    assert operations.verify_email(user, 'ander@bakkerij.nl', version=2) == VerifyOutcome.STALE
    assert user.email != 'ander@bakkerij.nl'


def test_a_change_to_an_address_taken_meanwhile_is_refused(db, request_context):
    user = make_user(db)
    make_user(db, email='bezet@bakkerij.nl')
    assert operations.verify_email(user, 'bezet@bakkerij.nl', version=user.session_version) == VerifyOutcome.TAKEN


def test_forged_expired_and_foreign_tokens_are_not_read(db, request_context, app, monkeypatch):
    user = make_user(db)
    assert operations.read_verification_token('nonsense') is None
    assert operations.read_verification_token(tokens.make_token('reset-password', {'id': user.id,
                                                                                   'email': user.email})) is None
    token = _token(user)
    monkeypatch.setattr(tokens, 'EMAIL_VERIFICATION_MAX_AGE', -1)
    assert operations.read_verification_token(token) is None
