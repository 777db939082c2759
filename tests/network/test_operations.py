"""Who is in a region's networks: create them with a chair, change them, add verified organisations of the region,
end memberships."""

import pytest
from sqlalchemy import select

from portal.blueprints.network.operations import NetworkRefused, add_member, create_network, edit_network, end_member
from portal.models.audit import AuditEvent
from portal.models.network import Network, NetworkMemberStatus
from tests.factories import make_network_member, make_organisation, make_region, make_staff, make_user
from tests.network.conftest import make_meeting, make_network

pytestmark = pytest.mark.usefixtures('request_context')


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def coordinator(db, region):
    return make_staff(db, region=region, kind='coordinator', name='Cor Coördinator')


@pytest.fixture
def network(db, region):
    network = Network(region_id=region.id, name='Vechtdalkamer')
    db.session.add(network)
    db.session.flush()
    return network


@pytest.fixture
def owner(db):
    return make_user(db, email='olga@bakkerij.nl', name='Olga', locale='en')


@pytest.fixture
def organisation(db, region, owner):
    return make_organisation(db, region=region, owner=owner, name='Bakkerij Bol B.V.')


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_coordinator_starts_a_network_chaired_by_an_organisation_that_becomes_its_first_member(
        db, region, coordinator, organisation, owner):
    network = create_network(coordinator, region, name='  Vechtdalkamer ', chair=organisation)
    assert (network.region_id, network.name, network.chair_organisation_id) == (region.id, 'Vechtdalkamer',
                                                                              organisation.id)
    assert [m.organisation_id for m in network.active_members] == [organisation.id]
    assert owner.in_network
    [event] = events(db, 'network.create')
    assert (event.actor_id, event.region_id) == (coordinator.id, region.id)
    assert event.details == {'name': 'Vechtdalkamer', 'chair_organisation_id': organisation.id}


def test_a_region_has_one_or_more_networks(db, region, coordinator, network, organisation):
    second = create_network(coordinator, region, name='Techniekkamer', chair=organisation)
    assert second.id != network.id
    assert Network.of_region(region.id).id == network.id  # "the" network stays the first
    assert len(events(db, 'network.create')) == 1


@pytest.mark.parametrize('chair', ['none', 'unverified', 'other region', 'education', 'government', 'other'])
def test_the_chair_is_a_verified_employer_of_the_region(db, region, coordinator, network, organisation, chair):
    candidate = {'none': lambda: None,
                 'unverified': lambda: make_organisation(db, region=region, status='pending'),
                 'other region': lambda: make_organisation(db, region=make_region(db))}.get(
        chair, lambda: make_organisation(db, region=region, kind=chair))()
    with pytest.raises(NetworkRefused, match='Choose a verified employer of your region to chair the network'):
        create_network(coordinator, region, name='Techniekkamer', chair=candidate)
    edit_network(coordinator, network, name=network.name, chair=organisation)
    with pytest.raises(NetworkRefused, match='Choose a verified employer of your region to chair the network'):
        edit_network(coordinator, network, name=network.name, chair=candidate)
    assert network.chair_organisation_id == organisation.id
    assert events(db, 'network.create') == []
    assert len(events(db, 'network.edit')) == 1


@pytest.mark.parametrize('who', ['accountmanager', 'coordinator elsewhere'])
def test_only_a_coordinator_of_the_region_starts_it(db, region, organisation, who):
    actor = (make_staff(db, region=region) if who == 'accountmanager'
             else make_staff(db, region=make_region(db), kind='coordinator'))
    with pytest.raises(NetworkRefused):
        create_network(actor, region, name='Vechtdalkamer', chair=organisation)
    assert Network.of_region(region.id) is None


def test_a_coordinator_renames_the_network_and_hands_over_the_chair(db, region, coordinator, network,
                                                                    organisation):
    edit_network(coordinator, network, name='De Vechtdalkamer', chair=organisation)
    assert (network.name, network.chair_organisation_id) == ('De Vechtdalkamer', organisation.id)
    assert network.membership_of(organisation).is_active
    [event] = events(db, 'network.edit')
    assert event.details == {'name': 'De Vechtdalkamer', 'chair_organisation_id': organisation.id}
    with pytest.raises(NetworkRefused):
        edit_network(make_staff(db, region=region), network, name='X', chair=organisation)
    with pytest.raises(NetworkRefused):
        edit_network(coordinator, network, name=' ', chair=organisation)


def test_a_new_chair_takes_over_the_meetings_to_come_and_the_old_chair_keeps_the_past_ones(
        db, region, coordinator, network, organisation, owner):
    old_owner = make_user(db)
    old_chair = make_organisation(db, region=region, owner=old_owner, name='Oude Voorzitter B.V.')
    edit_network(coordinator, network, name=network.name, chair=old_chair)
    soon = make_meeting(db, network, days_ahead=3, hosted_by=old_chair)
    draft = make_meeting(db, network, days_ahead=30, state='draft', hosted_by=old_chair)
    held = make_meeting(db, network, days_ahead=-20, hosted_by=old_chair, minutes='Notulen')
    called_off = make_meeting(db, network, days_ahead=10, state='cancelled', hosted_by=old_chair)
    by_staff = make_meeting(db, network, days_ahead=5)
    elsewhere = make_meeting(db, make_network(db, region, name='Andere kamer', chair=old_chair), days_ahead=4,
                             hosted_by=old_chair)

    edit_network(coordinator, network, name=network.name, chair=organisation)

    assert (soon.organisation_id, draft.organisation_id) == (organisation.id, organisation.id)
    assert soon.is_own(owner)
    assert not soon.is_own(old_owner)
    for meeting in (held, called_off, elsewhere):
        assert meeting.organisation_id == old_chair.id
    assert by_staff.organisation_id is None
    moved = events(db, 'activity.host_changed')
    assert sorted(int(e.object_id) for e in moved) == sorted([soon.id, draft.id])
    assert moved[0].details == {'network_id': network.id, 'from_organisation_id': old_chair.id,
                                'to_organisation_id': organisation.id}
    edited = [e for e in events(db, 'network.edit') if 'moved_meeting_ids' in e.details]
    assert [sorted(e.details['moved_meeting_ids']) for e in edited] == [sorted([soon.id, draft.id])]


def test_the_chair_cannot_be_ended(db, coordinator, network, organisation):
    edit_network(coordinator, network, name=network.name, chair=organisation)
    with pytest.raises(NetworkRefused, match='chairs the network'):
        end_member(coordinator, network.membership_of(organisation))
    assert network.membership_of(organisation).is_active


def test_adding_a_member_audits_and_mails_the_owner_in_their_language(db, coordinator, network, organisation, owner,
                                                                      outbox):
    membership = add_member(coordinator, network, organisation)

    assert membership.status == NetworkMemberStatus.ACTIVE
    assert owner.in_network
    [event] = events(db, 'network.add_member')
    assert (event.actor_id, event.object_type, event.object_id) == (coordinator.id, 'Network', str(network.id))
    assert event.details == {'organisation_id': organisation.id, 'organisation_name': 'Bakkerij Bol B.V.'}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('olga@bakkerij.nl', 'network/member_added', 'en')
    assert mail.subject == 'Bakkerij Bol B.V. is now a member of Vechtdalkamer'
    assert 'http://localhost/netwerk/' in mail.body_text


def test_a_dutch_owner_gets_the_mail_in_dutch(db, region, coordinator, network, outbox):
    owner = make_user(db, locale='nl')
    add_member(coordinator, network, make_organisation(db, region=region, owner=owner))
    assert (outbox[0].recipient, outbox[0].locale) == (owner.email, 'nl')


def test_an_organisation_without_an_owner_joins_without_a_mail(db, region, coordinator, network, outbox):
    add_member(coordinator, network, make_organisation(db, region=region))
    assert outbox == []
    assert len(events(db, 'network.add_member')) == 1


@pytest.mark.parametrize('case', ['unverified', 'other region', 'already a member'])
def test_what_cannot_join(db, region, coordinator, network, organisation, case):
    if case == 'unverified':
        organisation = make_organisation(db, region=region, owner=make_user(db), status='pending')
    elif case == 'other region':
        organisation = make_organisation(db, region=make_region(db), owner=make_user(db))
    else:
        make_network_member(db, organisation)
    with pytest.raises(NetworkRefused):
        add_member(coordinator, network, organisation)
    assert events(db, 'network.add_member') == []


@pytest.mark.parametrize('who', ['accountmanager', 'coordinator elsewhere', 'employer'])
def test_only_a_coordinator_of_the_region_adds_members(db, region, network, organisation, owner, who):
    actor = {'accountmanager': lambda: make_staff(db, region=region),
             'coordinator elsewhere': lambda: make_staff(db, region=make_region(db), kind='coordinator'),
             'employer': lambda: owner}[who]()
    with pytest.raises(NetworkRefused):
        add_member(actor, network, organisation)
    assert network.members == []


def test_ending_a_membership_audits_and_takes_the_network_away(db, coordinator, network, organisation, owner):
    [membership] = make_network_member(db, organisation).members
    assert owner.in_network
    end_member(coordinator, membership)

    assert membership.status == NetworkMemberStatus.ENDED
    assert not owner.in_network
    [event] = events(db, 'network.end_member')
    assert event.details == {'organisation_id': organisation.id, 'organisation_name': 'Bakkerij Bol B.V.'}
    with pytest.raises(NetworkRefused):
        end_member(coordinator, membership)
    assert len(events(db, 'network.end_member')) == 1


def test_an_organisation_that_left_can_come_back(db, coordinator, network, organisation, owner, outbox):
    [membership] = make_network_member(db, organisation).members
    end_member(coordinator, membership)
    again = add_member(coordinator, network, organisation)
    assert again.id == membership.id
    assert again.status == NetworkMemberStatus.ACTIVE
    assert owner.in_network
    assert [m.template for m in outbox] == ['network/member_added']


def test_a_coordinator_elsewhere_cannot_end_a_membership(db, network, organisation):
    [membership] = make_network_member(db, organisation).members
    with pytest.raises(NetworkRefused):
        end_member(make_staff(db, region=make_region(db), kind='coordinator'), membership)
    assert membership.status == NetworkMemberStatus.ACTIVE
