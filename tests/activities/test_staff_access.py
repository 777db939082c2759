"""Staff reach every activities page only as staff: where two-step sign-in is required, a staff member who signed
in with a password only is sent to set it up first, on the activity's page, the host's pages, a date's
registrations, feedback and the registration POSTs alike; employers are not asked for it."""

import pytest

from tests.activities.conftest import make_registration
from tests.factories import make_staff


@pytest.fixture
def two_step_required(app, monkeypatch):
    monkeypatch.setitem(app.config, 'REQUIRE_STAFF_TWO_STEP', True)


def _pages(activity, slot, registration) -> list[str]:
    return [f'/activiteiten/{activity.id}', f'/activiteiten/{activity.id}/beheer', '/activiteiten',
            f'/activiteiten/tijdslot/{slot.id}/aanmeldingen', f'/activiteiten/tijdslot/{slot.id}/mailen',
            f'/activiteiten/aanmelding/{registration.id}/terugkoppeling', '/activiteiten/mijn-aanmeldingen']


def test_staff_without_two_step_are_sent_to_set_it_up(db, client, login, post, two_step_required, staff, activity,
                                                      candidate):
    slot = activity.slots[0]
    registration = make_registration(db, slot, candidate=candidate, registered_by=staff)
    login(staff)
    for page in _pages(activity, slot, registration):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.location.startswith('/tweestaps/instellen?next='), page
    response = post(f'/activiteiten/aanmelding/{registration.id}/annuleren', {})
    assert response.location.startswith('/tweestaps/instellen')
    assert registration.state.value == 'confirmed'


def test_staff_with_two_step_and_employers_pass(db, client, login, two_step_required, region, host, activity):
    login(make_staff(db, region=region, two_step=True))
    assert client.get(f'/activiteiten/{activity.id}').status_code == 200
    login(host)
    assert client.get(f'/activiteiten/{activity.id}').status_code == 200
    assert client.get(f'/activiteiten/{activity.id}/beheer').status_code == 200
