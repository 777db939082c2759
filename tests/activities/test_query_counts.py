"""Pages that list many dates or registrations cost the same number of queries however many there are: an
activity's page reads the reader's registrations and their audience once (not per date), the host's list loads
its registrants and waiting-list positions in one go, and the list of activities loads each one's host at once."""

import pytest
from sqlalchemy import event

from portal.models.network import Network
from tests.activities.conftest import make_activity, make_activity_candidate, make_registration, make_slot
from tests.factories import make_user


@pytest.fixture
def selects(db):
    """The SELECT statements sent, from when the test clears the list."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith('SELECT'):
            sent.append(statement)

    event.listen(db.engine, 'before_cursor_execute', record)
    yield sent
    event.remove(db.engine, 'before_cursor_execute', record)


def cost(db, client, selects, url: str) -> int:
    """The SELECTs of the page's second request, with what the first one loaded expired (in production every
    request starts with an empty session)."""
    assert client.get(url).status_code == 200
    db.session.expire_all()
    selects.clear()
    assert client.get(url).status_code == 200
    return len(selects)


def with_dates(db, region, coordinator, dates: int, **fields):
    activity = make_activity(db, kind='workshop', region=region, created_by=coordinator, slots=[{'seats': 1}],
                             **fields)
    for days in range(dates - 1):
        make_slot(db, activity, days_ahead=8 + days, seats=1)
    return activity


def test_an_activitys_page_costs_the_same_for_two_dates_or_twelve(db, client, login, region, coordinator, employer,
                                                                  selects):
    few, many = with_dates(db, region, coordinator, 2), with_dates(db, region, coordinator, 12)
    for activity in (few, many):  # full dates with people waiting, and one of the reader's own
        for slot in activity.slots:
            make_registration(db, slot, user=make_user(db))
            make_registration(db, slot, user=make_user(db), state='waitlisted')
        make_registration(db, activity.slots[-1], user=employer, state='waitlisted')
    db.session.commit()
    login(employer)

    assert cost(db, client, selects, f'/activiteiten/{many.id}') == cost(db, client, selects, f'/activiteiten/{few.id}')


def test_the_hosts_list_costs_the_same_for_few_or_many_registrations(db, client, login, region, coordinator, staff,
                                                                     selects):
    few = with_dates(db, region, coordinator, 1, audience='job_seekers')
    many = with_dates(db, region, coordinator, 4, audience='job_seekers')
    for activity, people in ((few, 1), (many, 3)):
        for slot in activity.slots:
            for index in range(people):
                make_registration(db, slot, candidate=make_activity_candidate(db, region=region), registered_by=staff,
                                  state='confirmed' if index == 0 else 'waitlisted')
            make_registration(db, slot, user=make_user(db), state='pending')
    db.session.commit()
    login(coordinator)

    many_cost = cost(db, client, selects, f'/activiteiten/{many.id}/beheer')
    assert many_cost == cost(db, client, selects, f'/activiteiten/{few.id}/beheer')
    page = client.get(f'/activiteiten/{many.id}/beheer').get_data(as_text=True)
    assert page.count('(number 2)') == 4


def meeting(db, region, coordinator, number: int):
    network = Network(region_id=region.id, name=f'Netwerk {number}')
    db.session.add(network)
    return make_activity(db, kind='network_meeting', region=region, network=network, created_by=coordinator)


def test_the_list_costs_the_same_for_one_network_meeting_or_many(db, client, login, region, coordinator, selects):
    login(coordinator)
    meeting(db, region, coordinator, 0)
    db.session.commit()
    one = cost(db, client, selects, '/activiteiten')
    for number in range(1, 6):
        meeting(db, region, coordinator, number)
    db.session.commit()
    assert cost(db, client, selects, '/activiteiten') == one
