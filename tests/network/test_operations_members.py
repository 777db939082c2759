"""What member organisations do: ask to join (the chair or a coordinator answers), keep their directory entry,
set their yearly pledge."""

import pytest
from sqlalchemy import update

from portal.blueprints.network.operations import NetworkRefused
from portal.blueprints.network.operations_members import (
    approve_request,
    decline_request,
    pledge_years,
    request_to_join,
    set_directory_entry,
    set_pledge,
)
from portal.core.dbtypes import today
from portal.models.network import NetworkMembership, NetworkMemberStatus, network_ids
from tests.factories import add_member, make_organisation, make_region, make_staff, make_user
from tests.network.conftest import events, make_network, seat

pytestmark = pytest.mark.usefixtures('request_context')


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def chair_owner(db):
    return make_user(db, email='carla@chair.nl', name='Carla Chair', locale='en')


@pytest.fixture
def network(db, region, chair_owner):
    return make_network(db, region, chair=make_organisation(db, region=region, owner=chair_owner, name='Chair B.V.'))


@pytest.fixture
def coordinator(db, region):
    return make_staff(db, region=region, kind='coordinator', email='cor@vechtdal.nl', locale='en')


@pytest.fixture
def asker(db):
    return make_user(db, email='anne@bakkerij.nl', name='Anne', locale='en')


@pytest.fixture
def organisation(db, region, asker):
    organisation = make_organisation(db, region=region, owner=make_user(db, email='owner@bakkerij.nl'),
                                      name='Bakkerij Bol B.V.')
    add_member(db, organisation, asker)
    db.session.refresh(asker)
    return organisation


# Asking to join -------------------------------------------------------------------------------------

def test_asking_to_join_waits_audits_and_mails_the_chair_and_the_coordinators(db, network, organisation, asker,
                                                                              coordinator, outbox):
    make_staff(db, region=network.region, kind='coordinator', email='co2@vechtdal.nl')
    make_staff(db, region=network.region, email='am@vechtdal.nl')  # accountmanagers are not asked
    make_staff(db, region=make_region(db), kind='coordinator', email='elders@drecht.nl')
    membership = request_to_join(asker, network, organisation, note=' Wij willen meedoen ')

    assert (membership.status, membership.requested_by_id, membership.request_note) == (
        NetworkMemberStatus.PENDING, asker.id, 'Wij willen meedoen')
    assert not asker.in_network
    [event] = events(db, 'network.join_requested')
    assert (event.actor_id, event.object_id) == (asker.id, str(network.id))
    assert event.details == {'organisation_id': organisation.id, 'organisation_name': 'Bakkerij Bol B.V.'}
    assert sorted(m.recipient for m in outbox) == ['carla@chair.nl', 'co2@vechtdal.nl', 'cor@vechtdal.nl']
    mail = next(m for m in outbox if m.recipient == 'carla@chair.nl')
    assert mail.subject == 'Bakkerij Bol B.V. asks to join Vechtdalkamer'
    assert 'Wij willen meedoen' in mail.body_text
    assert 'http://localhost/netwerk/verzoeken' in mail.body_text


@pytest.mark.parametrize('case', ['unverified', 'other region', 'not theirs', 'member', 'pending'])
def test_what_cannot_ask_to_join(db, network, organisation, asker, case):
    actor = asker
    if case == 'unverified':
        organisation = make_organisation(db, region=network.region, owner=asker, status='pending')
    elif case == 'other region':
        organisation = make_organisation(db, region=make_region(db), owner=asker)
    elif case == 'not theirs':
        actor = make_user(db)
    else:
        seat(db, network, organisation, status='active' if case == 'member' else 'pending')
    with pytest.raises(NetworkRefused):
        request_to_join(actor, network, organisation, note=None)
    assert events(db, 'network.join_requested') == []


def test_a_declined_or_former_member_may_ask_again(db, network, organisation, asker, outbox):
    for status in ('declined', 'ended'):
        membership = network.membership_of(organisation) or seat(db, network, organisation, status=status)
        membership.status = NetworkMemberStatus(status)
        again = request_to_join(asker, network, organisation, note='Opnieuw')
        assert (again.id, again.status) == (membership.id, NetworkMemberStatus.PENDING)
        assert again.decided_at is None


# Answering ------------------------------------------------------------------------------------------

@pytest.fixture
def request_(db, network, organisation, asker):
    return seat(db, network, organisation, status='pending', requested_by=asker, note='Graag')


def test_the_chairs_people_approve_and_the_organisations_people_become_members(db, network, request_, asker,
                                                                              chair_owner, outbox):
    approve_request(chair_owner, request_)

    assert request_.status == NetworkMemberStatus.ACTIVE
    assert (request_.decided_by_id, request_.decided_at is not None) == (chair_owner.id, True)
    assert asker.in_network
    assert network_ids(asker) == {network.id}
    [event] = events(db, 'network.join_approved')
    assert event.details == {'organisation_id': request_.organisation_id, 'organisation_name': 'Bakkerij Bol B.V.'}
    [mail] = outbox
    assert (mail.recipient, mail.template) == ('anne@bakkerij.nl', 'network/join_approved')
    assert '/netwerk/deelnemers' in mail.body_text


def test_a_coordinator_approves_too(db, request_, coordinator, outbox):
    approve_request(coordinator, request_)
    assert request_.status == NetworkMemberStatus.ACTIVE


@pytest.mark.parametrize('who', ['accountmanager', 'coordinator elsewhere', 'the asker', 'another member'])
def test_others_cannot_answer(db, network, request_, asker, who):
    actor = {'accountmanager': lambda: make_staff(db, region=network.region),
             'coordinator elsewhere': lambda: make_staff(db, region=make_region(db), kind='coordinator'),
             'the asker': lambda: asker,
             'another member': lambda: make_organisation(db, region=network.region, owner=make_user(db)).owner,
             }[who]()
    if who == 'another member':
        seat(db, network, actor.memberships[0].organisation)
    for answer, kwargs in ((approve_request, {}), (decline_request, {'reason': 'Nee'})):
        with pytest.raises(NetworkRefused):
            answer(actor, request_, **kwargs)
    assert request_.status == NetworkMemberStatus.PENDING


def test_an_unverified_chair_cannot_answer(db, network, request_, chair_owner):
    network.chair_organisation.status = 'pending'
    network.chair_organisation.verified_at = None
    db.session.flush()
    with pytest.raises(NetworkRefused):
        approve_request(chair_owner, request_)


def test_declining_needs_a_reason_that_is_mailed_and_audited(db, request_, chair_owner, asker, outbox):
    with pytest.raises(NetworkRefused, match='why'):
        decline_request(chair_owner, request_, reason=' ')
    decline_request(chair_owner, request_, reason='Alleen bedrijven uit Ommen')

    assert request_.status == NetworkMemberStatus.DECLINED
    assert not asker.in_network
    [event] = events(db, 'network.join_declined')
    assert event.details['reason'] == 'Alleen bedrijven uit Ommen'
    [mail] = outbox
    assert (mail.recipient, mail.template) == ('anne@bakkerij.nl', 'network/join_declined')
    assert 'Alleen bedrijven uit Ommen' in mail.body_text


def test_a_request_is_answered_once(db, request_, chair_owner, coordinator, outbox):
    approve_request(chair_owner, request_)
    with pytest.raises(NetworkRefused, match='already been answered'):
        decline_request(coordinator, request_, reason='Te laat')
    with pytest.raises(NetworkRefused, match='already been answered'):
        approve_request(coordinator, request_)
    assert len(outbox) == 1


@pytest.mark.parametrize('first', ['approved', 'declined'])
def test_a_request_answered_meanwhile_by_someone_else_is_read_anew_and_refused(db, request_, chair_owner,
                                                                              coordinator, outbox, first):
    # the coordinator's page was loaded while the request was pending; the chair answered it since
    db.session.execute(update(NetworkMembership).where(NetworkMembership.id == request_.id)
                       .values(status=NetworkMemberStatus(first if first == 'declined' else 'active'))
                       .execution_options(synchronize_session=False))
    assert request_.is_pending  # what the coordinator's session still holds
    with pytest.raises(NetworkRefused, match='This request has already been answered.'):
        decline_request(coordinator, request_, reason='Te laat')
    with pytest.raises(NetworkRefused, match='This request has already been answered.'):
        approve_request(coordinator, request_)
    assert request_.decided_by_id is None
    assert events(db, 'network.join_declined') == events(db, 'network.join_approved') == []
    assert outbox == []


def test_the_owner_hears_when_the_asker_left(db, request_, chair_owner, asker, outbox):
    asker.memberships[0].status = 'requested'
    db.session.flush()
    db.session.expire(asker)
    approve_request(chair_owner, request_)
    assert [m.recipient for m in outbox] == ['owner@bakkerij.nl']


# The directory entry and the pledge -------------------------------------------------------------------

def test_members_set_their_directory_entry(db, network, organisation, asker):
    membership = seat(db, network, organisation)
    set_directory_entry(asker, membership, in_directory=True, note=' Bel Anne ')
    assert (membership.in_directory, membership.directory_note) == (True, 'Bel Anne')
    [event] = events(db, 'network.directory_changed')
    assert event.details == {'organisation_id': organisation.id, 'in_directory': True}
    set_directory_entry(asker, membership, in_directory=False, note='')
    assert (membership.in_directory, membership.directory_note) == (False, None)


@pytest.mark.parametrize('case', ['outsider', 'pending', 'coordinator'])
def test_only_a_member_organisations_people_change_its_entry_and_pledge(db, network, organisation, asker,
                                                                        coordinator, case):
    membership = seat(db, network, organisation, status='pending' if case == 'pending' else 'active')
    actor = {'outsider': make_user(db), 'pending': asker, 'coordinator': coordinator}[case]
    with pytest.raises(NetworkRefused):
        set_directory_entry(actor, membership, in_directory=True, note=None)
    with pytest.raises(NetworkRefused):
        set_pledge(actor, membership, year=today().year, **dict.fromkeys(PLEDGE, 1))
    assert membership.pledges == []


PLEDGE = ('job_shadowing_days', 'workshops', 'company_tours', 'practice_interviews', 'buddy_pairings')


def test_a_pledge_for_this_year_and_next_is_set_and_changed(db, network, organisation, asker):
    membership = seat(db, network, organisation)
    this_year, next_year = pledge_years()
    counts = {'job_shadowing_days': 4, 'workshops': 1, 'company_tours': 0, 'practice_interviews': 2,
              'buddy_pairings': 1}
    pledge = set_pledge(asker, membership, year=this_year, note=' Voorjaar ', **counts)
    assert (pledge.year, pledge.job_shadowing_days, pledge.workshops, pledge.note) == (this_year, 4, 1, 'Voorjaar')
    again = set_pledge(asker, membership, year=this_year, **{**counts, 'workshops': 3})
    assert (again.id, again.workshops, again.note) == (pledge.id, 3, None)
    set_pledge(asker, membership, year=next_year, **counts)
    assert [p.year for p in membership.pledges] == [this_year, next_year]
    [first, *_] = events(db, 'network.pledge_set')
    assert first.details == {'organisation_id': organisation.id, 'year': this_year, **counts}


@pytest.mark.parametrize('change', [{'year': 2019}, {'year': today().year - 1}, {'year': today().year + 2},
                                    {'workshops': -1}, {'workshops': 101}, {'workshops': None}])
def test_a_pledge_is_for_this_or_next_year_in_sensible_numbers(db, network, organisation, asker, change):
    membership = seat(db, network, organisation)
    arguments = {'year': today().year, **dict.fromkeys(PLEDGE, 1), **change}
    with pytest.raises(NetworkRefused):
        set_pledge(asker, membership, **arguments)
    assert membership.pledges == []
