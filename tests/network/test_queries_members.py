"""What members read: who sees which networks, the directory (opted-in members only), the meetings to come and
past, and pledge progress (held dates of published activities by kind, buddy meetings) for a year."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from portal.blueprints.network.queries_members import (
    decidable_requests,
    directory,
    done_counts,
    meetings,
    pledge_rows,
    visible_networks,
)
from portal.core.dbtypes import TIMEZONE, utcnow
from portal.models.network import Network, NetworkPledge, network_ids, network_region_ids
from tests.factories import add_member, make_organisation, make_region, make_staff, make_user
from tests.network.conftest import buddy_meeting, host, make_meeting, make_network, seat


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def member(db):
    return make_user(db, locale='en')


@pytest.fixture
def organisation(db, region, member):
    organisation = make_organisation(db, region=region, owner=member, name='Bakkerij Bol B.V.')
    db.session.refresh(member)
    return organisation


def test_an_organisation_in_two_networks_sees_both_and_a_coordinator_sees_the_regions(db, region, organisation,
                                                                                       member):
    first, second, third = (make_network(db, region, name=name) for name in ('Bkamer', 'Akamer', 'Ckamer'))
    elsewhere = make_network(db, make_region(db), name='Elders')
    seat(db, first, organisation)
    seat(db, second, organisation)
    seat(db, third, organisation, status='pending')
    assert [n.name for n in visible_networks(member)] == ['Akamer', 'Bkamer']
    assert network_ids(member) == {first.id, second.id}
    assert network_region_ids(member) == {region.id}
    coordinator = make_staff(db, region=region, kind='coordinator')
    assert [n.name for n in visible_networks(coordinator)] == ['Akamer', 'Bkamer', 'Ckamer']
    assert elsewhere.id not in {n.id for n in visible_networks(coordinator)}
    assert visible_networks(make_staff(db, region=region)) == []
    assert visible_networks(make_user(db)) == []


def test_being_in_a_network_counts_every_verified_organisation_the_user_works_for(db, region, organisation, member):
    network, other = make_network(db, region), make_network(db, region, name='Andere kamer')
    school = make_organisation(db, region=region, owner=make_user(db), kind='education')
    pending = make_organisation(db, region=region, owner=make_user(db), status='pending')
    for workplace in (school, pending):
        add_member(db, workplace, member)
    seat(db, network, school)
    seat(db, other, pending)
    db.session.refresh(member)
    assert member.current_organisation.id == organisation.id  # the one chosen now is in no network
    assert network_ids(member) == {network.id}
    assert network_region_ids(member) == {region.id}
    assert [n.id for n in visible_networks(member)] == [network.id]
    assert member.in_network


def test_the_directory_lists_active_members_that_opted_in(db, region, organisation):
    network = make_network(db, region)
    seat(db, network, organisation, in_directory=True, directory_note='Bel ons')
    seat(db, network, make_organisation(db, region=region, name='Aardappel B.V.', kind='education'),
         in_directory=True)
    seat(db, network, make_organisation(db, region=region, name='Verborgen B.V.'))
    seat(db, network, make_organisation(db, region=region, name='Wacht B.V.'), status='pending', in_directory=True)
    seat(db, network, make_organisation(db, region=region, name='Weg B.V.'), status='ended', in_directory=True)
    assert [m.organisation.name for m in directory(network)] == ['Aardappel B.V.', 'Bakkerij Bol B.V.']


def test_meetings_to_come_and_past_of_the_networks_only(db, region):
    network, other = make_network(db, region), make_network(db, region, name='Andere kamer')
    later = make_meeting(db, network, days_ahead=20, title='Later')
    soon = make_meeting(db, network, days_ahead=2, title='Binnenkort')
    past = make_meeting(db, network, days_ahead=-10, title='Geweest', minutes='Notulen')
    cancelled = make_meeting(db, network, days_ahead=5, title='Afgelast', state='cancelled')
    make_meeting(db, network, days_ahead=3, title='Concept', state='draft')
    make_meeting(db, other, days_ahead=3, title='Elders')
    upcoming, gone = meetings([network.id])
    assert [m.activity.id for m in upcoming] == [soon.id, cancelled.id, later.id]
    assert [m.activity.id for m in gone] == [past.id]
    assert meetings([]) == ([], [])


# Pledge progress ------------------------------------------------------------------------------------

def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 10, tzinfo=TIMEZONE)


def test_held_dates_of_published_activities_count_by_kind_within_the_year(db, region, organisation):
    year = utcnow().year - 1  # a whole year in the past: every date in it has been held
    host(db, organisation, 'job_shadowing', at(year, 1, 1), at(year, 6, 1), at(year, 12, 31))
    host(db, organisation, 'job_shadowing', at(year - 1, 12, 31), at(year + 1, 1, 1).replace(hour=0))
    host(db, organisation, 'workshop', at(year, 3, 3))
    host(db, organisation, 'company_tour', at(year, 3, 3), state='cancelled', cancelled_at=at(year, 3, 1))
    host(db, organisation, 'practice_interview', at(year, 4, 4), state='draft')
    host(db, organisation, 'open_day', at(year, 4, 4))
    host(db, make_organisation(db, region=region), 'workshop', at(year, 5, 5))
    buddy_meeting(db, organisation, met_on=date(year, 2, 2))
    buddy_meeting(db, organisation, met_on=date(year, 8, 8), state='closed')
    buddy_meeting(db, organisation, met_on=date(year - 1, 8, 8))
    buddy_meeting(db, organisation, met_on=None, state='planned')

    counts = done_counts([organisation.id], year)[organisation.id]
    assert counts == {'job_shadowing_days': 3, 'workshops': 1, 'company_tours': 0, 'practice_interviews': 0,
                      'buddy_pairings': 2}


def test_a_date_counts_only_when_someone_came(db, organisation):
    year = utcnow().year - 1
    host(db, organisation, 'job_shadowing', at(year, 1, 10), at(year, 1, 17))
    host(db, organisation, 'job_shadowing', at(year, 2, 10), came='no_show')
    host(db, organisation, 'job_shadowing', at(year, 3, 10), came='confirmed')
    host(db, organisation, 'job_shadowing', at(year, 4, 10), came=None)
    host(db, organisation, 'workshop', at(year, 4, 10), came='cancelled')
    counts = done_counts([organisation.id], year)[organisation.id]
    assert (counts['job_shadowing_days'], counts['workshops']) == (2, 0)


def test_dates_held_before_an_activity_was_called_off_still_count(db, organisation):
    year = utcnow().year - 1
    host(db, organisation, 'job_shadowing', at(year, 2, 1), at(year, 3, 1), at(year, 9, 1), state='cancelled',
         cancelled_at=at(year, 5, 1))
    host(db, organisation, 'workshop', at(year, 2, 1), state='cancelled', cancelled_at=at(year, 1, 20))
    host(db, organisation, 'company_tour', at(year, 2, 1), state='draft')
    counts = done_counts([organisation.id], year)[organisation.id]
    assert (counts['job_shadowing_days'], counts['workshops'], counts['company_tours']) == (2, 0, 0)


def test_dates_still_to_come_do_not_count_yet(db, organisation):
    now = utcnow()
    host(db, organisation, 'job_shadowing', now - timedelta(hours=2), now + timedelta(days=1))
    counts = done_counts([organisation.id], now.astimezone(TIMEZONE).year, now)[organisation.id]
    # the date that started two hours ago counts unless that was last year (a test run just after New Year)
    started_this_year = (now - timedelta(hours=2)).astimezone(TIMEZONE).year == now.astimezone(TIMEZONE).year
    assert counts['job_shadowing_days'] == (1 if started_this_year else 0)


def test_pledge_rows_show_every_active_member_with_done_of_pledged(db, region, organisation):
    year = utcnow().year - 1
    network = make_network(db, region)
    membership = seat(db, network, organisation)
    membership.pledges.append(NetworkPledge(year=year, job_shadowing_days=4, workshops=1, buddy_pairings=2))
    without = seat(db, network, make_organisation(db, region=region, name='Zonder B.V.'))
    seat(db, network, make_organisation(db, region=region, name='Wacht B.V.'), status='pending')
    host(db, organisation, 'job_shadowing', at(year, 2, 1), at(year, 3, 1), at(year, 4, 1))
    host(db, without.organisation, 'workshop', at(year, 2, 1))

    rows = {row.membership.organisation.name: row for row in pledge_rows(network, year)}
    assert set(rows) == {'Bakkerij Bol B.V.', 'Zonder B.V.'}
    progress = rows['Bakkerij Bol B.V.'].progress
    assert (progress['job_shadowing_days'].done, progress['job_shadowing_days'].pledged) == (3, 4)
    assert not progress['job_shadowing_days'].is_met
    assert (progress['workshops'].done, progress['workshops'].pledged) == (0, 1)
    assert (progress['company_tours'].done, progress['company_tours'].pledged) == (0, 0)
    assert rows['Zonder B.V.'].pledge is None
    assert (rows['Zonder B.V.'].progress['workshops'].done, rows['Zonder B.V.'].progress['workshops'].pledged) == (
        1, None)


def test_the_pledges_of_a_network_cost_the_same_few_queries_however_many_members(db, region, organisation):
    year = utcnow().year - 1
    network = make_network(db, region)

    def queries() -> int:
        db.session.expire_all()  # nothing loaded before: what the page's request would find
        statements = []

        def count(*args):
            statements.append(args[2])

        event.listen(db.engine, 'before_cursor_execute', count)
        try:
            rows = pledge_rows(db.session.get(Network, network.id), year)
            [row.membership.organisation.name for row in rows]  # what the page reads of each row
        finally:
            event.remove(db.engine, 'before_cursor_execute', count)
        return len([s for s in statements if not s.startswith(('SAVEPOINT', 'RELEASE'))])

    membership = seat(db, network, organisation)
    membership.pledges.append(NetworkPledge(year=year, workshops=1))
    db.session.flush()
    with_one = queries()
    for n in range(5):
        other = seat(db, network, make_organisation(db, region=region, name=f'Lid {n} B.V.'))
        other.pledges.append(NetworkPledge(year=year, job_shadowing_days=n))
        host(db, other.organisation, 'workshop', at(year, 2, 1))
    db.session.flush()
    assert queries() == with_one <= 6  # the network, the members, their organisations and pledges, two counts


def test_requests_a_user_may_answer(db, region, organisation, member):
    chaired = make_network(db, region, chair=organisation)
    other = make_network(db, region, name='Andere kamer')
    first = seat(db, chaired, make_organisation(db, region=region))
    second = seat(db, other, make_organisation(db, region=region))
    for membership in (first, second):
        membership.status = 'pending'
    db.session.flush()
    assert decidable_requests(member) == [first]
    assert decidable_requests(make_staff(db, region=region, kind='coordinator')) == [first, second]
    assert decidable_requests(make_staff(db, region=make_region(db), kind='coordinator')) == []
    assert decidable_requests(make_user(db)) == []
