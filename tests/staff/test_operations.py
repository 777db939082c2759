"""Verifying and rejecting organisations: happy paths, illegal states, the audit row and the owner's mail."""

import pytest
from sqlalchemy import select

from portal.blueprints.staff.operations import VerificationRefused, reject_organisation, verify_organisation
from portal.models.audit import AuditEvent
from portal.models.organisations import OrganisationStatus
from tests.factories import make_organisation, make_region, make_staff, make_user

pytestmark = pytest.mark.usefixtures('request_context')

REASON = 'Het KvK-nummer hoort bij een ander bedrijf.'


@pytest.fixture
def region(db):
    return make_region(db)


@pytest.fixture
def accountmanager(db, region):
    return make_staff(db, region=region, name='Anna Accountmanager')


@pytest.fixture
def owner(db):
    return make_user(db, email='olga@bakkerij.nl', locale='en')


@pytest.fixture
def organisation(db, region, owner):
    return make_organisation(db, region=region, owner=owner, status='pending', name='Bakkerij Bol B.V.')


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_verify_records_who_and_when_audits_and_mails_the_owner(db, accountmanager, organisation, outbox):
    verify_organisation(accountmanager, organisation)

    assert organisation.status == OrganisationStatus.VERIFIED
    assert organisation.verified_at is not None
    assert organisation.decided_by_id == accountmanager.id
    [event] = events(db, 'organisation.verify')
    assert (event.actor_id, event.object_id, event.region_id) == (accountmanager.id, str(organisation.id),
                                                                  organisation.region_id)
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('olga@bakkerij.nl', 'staff/organisation_verified', 'en')
    assert mail.subject == 'Bakkerij Bol B.V. is verified'
    assert 'http://localhost/organisatie/' in mail.body_text


def test_reject_keeps_the_reason_audits_it_and_mails_it_with_how_to_correct(db, accountmanager, organisation,
                                                                            outbox):
    reject_organisation(accountmanager, organisation, reason=f'  {REASON} ')

    assert organisation.status == OrganisationStatus.REJECTED
    assert organisation.rejection_reason == REASON
    assert organisation.decided_by_id == accountmanager.id
    assert organisation.verified_at is None
    [event] = events(db, 'organisation.reject')
    assert event.details == {'reason': REASON}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('olga@bakkerij.nl', 'staff/organisation_rejected', 'en')
    assert REASON in mail.body_text
    assert 'http://localhost/organisatie/gegevens' in mail.body_text


def test_the_owner_is_mailed_in_dutch_when_that_is_their_language(db, accountmanager, region, outbox):
    organisation = make_organisation(db, region=region, owner=make_user(db), status='pending')
    verify_organisation(accountmanager, organisation)
    assert outbox[0].locale == 'nl'
    assert outbox[0].template == 'staff/organisation_verified'


@pytest.mark.parametrize('status', ['verified', 'rejected'])
def test_a_decision_is_made_only_once(db, accountmanager, region, status, outbox):
    organisation = make_organisation(db, region=region, owner=make_user(db), status=status)
    with pytest.raises(VerificationRefused):
        verify_organisation(accountmanager, organisation)
    with pytest.raises(VerificationRefused):
        reject_organisation(accountmanager, organisation, reason=REASON)
    assert organisation.status == OrganisationStatus(status)
    assert organisation.decided_by_id is None
    assert not events(db, 'organisation.verify')
    assert not events(db, 'organisation.reject')
    assert not outbox


def test_staff_of_another_region_cannot_decide(db, organisation, outbox):
    elsewhere = make_staff(db)
    with pytest.raises(VerificationRefused):
        verify_organisation(elsewhere, organisation)
    with pytest.raises(VerificationRefused):
        reject_organisation(elsewhere, organisation, reason=REASON)
    assert organisation.status == OrganisationStatus.PENDING
    assert not outbox


def test_an_employer_cannot_decide_on_their_own_organisation(db, owner, organisation, outbox):
    with pytest.raises(VerificationRefused):
        verify_organisation(owner, organisation)
    assert organisation.status == OrganisationStatus.PENDING


def test_a_reason_is_required(db, accountmanager, organisation, outbox):
    with pytest.raises(VerificationRefused):
        reject_organisation(accountmanager, organisation, reason='   ')
    assert organisation.status == OrganisationStatus.PENDING
    assert not outbox


def test_coordinators_decide_like_accountmanagers(db, region, organisation, outbox):
    coordinator = make_staff(db, region=region, kind='coordinator')
    verify_organisation(coordinator, organisation)
    assert organisation.status == OrganisationStatus.VERIFIED
    assert organisation.decided_by_id == coordinator.id


def test_an_organisation_without_owner_is_decided_without_mail(db, accountmanager, region, outbox):
    organisation = make_organisation(db, region=region, status='pending')
    verify_organisation(accountmanager, organisation)
    assert organisation.status == OrganisationStatus.VERIFIED
    assert not outbox
    assert events(db, 'organisation.verify')
