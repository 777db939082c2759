"""Staff's buddy pages: offers and pairings of their own region only, pairing by form, consent, close, stop,
and the overview's anonymous figures (counts, per month, next steps taken)."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.core.dbtypes import TIMEZONE, today, utcnow
from portal.models.buddies import BuddyPairing, PairingState
from tests.buddies.conftest import (
    FIRST_NAME,
    REFERENCE,
    events,
    make_job_seeker,
    make_offer,
    make_pairing,
    make_registration_for,
)
from tests.factories import make_need, make_organisation, make_proposal, make_user

OFFERS = '/medewerkers/buddy'
PAIRINGS = '/medewerkers/buddy/koppelingen'
OVERVIEW = '/medewerkers/buddy/overzicht'


def pair_form(code: str, **change) -> dict:
    day = today() + timedelta(days=3)
    return {'candidate_code': code, 'meeting_on': day.isoformat(), 'meeting_time': '14:30',
            'meeting_place': 'Bakkerij Bol', 'ends_on': (day + timedelta(days=30)).isoformat(), 'agreed': 'y',
            **change}


def test_only_staff_reach_the_staff_pages(db, client, login, buddy, organisation):
    for address in (OFFERS, PAIRINGS, OVERVIEW):
        assert '/inloggen' in client.get(address).location
    login(buddy)
    for address in (OFFERS, PAIRINGS, OVERVIEW):
        assert client.get(address).status_code == 403


def test_staff_see_their_regions_offers_with_free_places(db, client, login, staff, offer, region, other_region):
    make_pairing(db, offer, make_job_seeker(db, region=region))
    paused = make_offer(db, region=region, active=False)
    elsewhere = make_offer(db, region=other_region)
    login(staff)
    page = client.get(OFFERS).text
    assert f'data-offer-id="{offer.id}"' in page
    assert 'data-free="1"' in page
    assert 'Bert Buddy' in page
    assert 'Manufacturing, Wholesale and retail trade' in page
    assert f'data-offer-id="{paused.id}"' not in page
    assert f'data-offer-id="{elsewhere.id}"' not in page
    page = client.get(f'{OFFERS}?toon=gepauzeerd').text
    assert f'data-offer-id="{paused.id}"' in page
    assert f'data-offer-id="{offer.id}"' not in page
    assert f'data-offer-id="{elsewhere.id}"' not in client.get(f'{OFFERS}?toon=alle').text


def test_offers_and_pairings_of_another_region_are_not_found(db, client, login, post, other_staff, offer, candidate):
    pairing = make_pairing(db, offer, candidate)
    login(other_staff)
    assert client.get(f'{OFFERS}/aanbod/{offer.id}').status_code == 404
    assert post(f'{OFFERS}/aanbod/{offer.id}', pair_form(candidate.code)).status_code == 404
    assert client.get(f'{PAIRINGS}/{pairing.id}').status_code == 404
    for action in ('identiteit', 'afsluiten', 'stoppen'):
        assert post(f'{PAIRINGS}/{pairing.id}/{action}', {'reason': 'x'}).status_code == 404
    assert pairing.state == PairingState.PLANNED
    assert candidate.code not in client.get(PAIRINGS + '?toon=alle').text


def test_staff_pair_a_buddy_by_the_job_seekers_code(db, client, login, post, staff, offer, candidate, outbox):
    login(staff)
    page = client.get(f'{OFFERS}/aanbod/{offer.id}?kandidaat={candidate.code.lower()}').text
    assert f'value="{candidate.code}"' in page
    assert 'not a job interview and there is no job guarantee' in page

    response = post(f'{OFFERS}/aanbod/{offer.id}', pair_form(candidate.code.lower()), follow_redirects=True)
    pairing = db.session.scalar(select(BuddyPairing))
    assert f'is paired with {candidate.code}' in response.text
    assert response.request.path == f'{PAIRINGS}/{pairing.id}'
    assert [m.template for m in outbox] == ['buddies/paired']
    assert len(events(db, 'buddy.paired')) == 1


def test_the_meeting_time_is_dutch_time(db, client, login, post, staff, offer, candidate, outbox):
    login(staff)
    post(f'{OFFERS}/aanbod/{offer.id}', pair_form(candidate.code))
    pairing = db.session.scalar(select(BuddyPairing))
    local = pairing.meeting_at.astimezone(TIMEZONE)
    assert (local.date(), local.hour, local.minute) == (today() + timedelta(days=3), 14, 30)


def test_the_pairing_form_explains_what_is_wrong(db, client, login, post, staff, offer, region, other_region):
    without_consent = make_job_seeker(db, region=region, activities=False)
    stranger = make_job_seeker(db, region=other_region)
    db.session.commit()  # a refusal rolls back the request's changes, not the test's
    login(staff)
    for code in ('KB-0000-00', stranger.code):
        response = post(f'{OFFERS}/aanbod/{offer.id}', pair_form(code))
        assert 'There is no job seeker with this code in your region’s caseload.' in response.text
    response = post(f'{OFFERS}/aanbod/{offer.id}', pair_form(without_consent.code))
    assert 'has not consented to take part in activities' in response.text
    assert f'value="{without_consent.code}"' in response.text
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = post(f'{OFFERS}/aanbod/{offer.id}', pair_form(without_consent.code, meeting_on=yesterday,
                                                               meeting_time='25:99', agreed=''))
    for message in ('The meeting must be in the future.', 'Fill in a time, like 14:30.',
                    'Confirm the agreement with the job seeker.'):
        assert message in response.text
    assert db.session.scalar(select(BuddyPairing)) is None


def test_a_full_or_paused_offer_shows_no_form(db, client, login, staff, offer, region):
    offer.capacity = 1
    make_pairing(db, offer, make_job_seeker(db, region=region))
    login(staff)
    page = client.get(f'{OFFERS}/aanbod/{offer.id}').text
    assert 'data-pairable="no"' in page
    assert 'name="candidate_code"' not in page
    assert 'data-used="1"' in page
    offer.is_active, offer.capacity = False, 2
    db.session.flush()
    assert 'has paused their offer' in client.get(f'{OFFERS}/aanbod/{offer.id}').text


def test_the_staff_pairing_page_records_consent_closes_and_stops(db, client, login, post, staff, offer, candidate,
                                                                  outbox):
    pairing = make_pairing(db, offer, candidate, paired_by=staff)
    login(staff)
    page = client.get(f'{PAIRINGS}/{pairing.id}').text
    assert 'data-identity="code-only"' in page
    assert 'name="has_consent"' in page
    assert f'/medewerkers/kandidaten/{candidate.id}' in page

    response = post(f'{PAIRINGS}/{pairing.id}/identiteit', {'consent_on': today().isoformat(), 'name': 'Zeph'})
    assert 'Record that the job seeker agrees.' in response.text
    assert 'Share a phone number or an email address.' in response.text
    response = post(f'{PAIRINGS}/{pairing.id}/identiteit',
                    {'has_consent': 'y', 'consent_on': today().isoformat(), 'name': 'Zeph', 'email': 'z@example.nl'},
                    follow_redirects=True)
    assert 'The consent is recorded.' in response.text
    assert 'data-identity="shared"' in response.text
    assert pairing.shared_email == 'z@example.nl'

    response = post(f'{PAIRINGS}/{pairing.id}/afsluiten', follow_redirects=True)
    assert 'A pairing is closed after the meeting' in response.text
    assert pairing.state == PairingState.PLANNED

    response = post(f'{PAIRINGS}/{pairing.id}/stoppen', {'reason': ''})
    assert 'Say why the pairing stops.' in response.text
    response = post(f'{PAIRINGS}/{pairing.id}/stoppen', {'reason': 'Werk gevonden'}, follow_redirects=True)
    assert 'The pairing is stopped.' in response.text
    assert pairing.state == PairingState.STOPPED
    assert [m.template for m in outbox] == ['buddies/identity_shared', 'buddies/stopped']
    response = post(f'{PAIRINGS}/{pairing.id}/stoppen', {'reason': 'Nog eens'}, follow_redirects=True)
    assert 'This pairing has moved on' in response.text


def test_closing_from_the_page(db, client, login, post, staff, offer, candidate, outbox):
    pairing = make_pairing(db, offer, candidate, state='met', next_step='apply')
    login(staff)
    assert 'Close the pairing' in client.get(f'{PAIRINGS}/{pairing.id}').text
    response = post(f'{PAIRINGS}/{pairing.id}/afsluiten', follow_redirects=True)
    assert 'The pairing is closed.' in response.text
    assert pairing.state == PairingState.CLOSED
    assert [m.template for m in outbox] == ['buddies/closed']


def test_staff_pages_show_the_code_not_the_staff_only_data(db, client, login, staff, offer, candidate):
    pairing = make_pairing(db, offer, candidate)
    login(staff)
    for address in (PAIRINGS, f'{PAIRINGS}/{pairing.id}', OVERVIEW):
        page = client.get(address).text
        assert FIRST_NAME not in page
        assert REFERENCE not in page


def test_pairings_are_listed_by_state_and_overdue(db, client, login, staff, offer, region):
    planned = make_pairing(db, offer, make_job_seeker(db, region=region))
    late = make_pairing(db, make_offer(db, region=region), make_job_seeker(db, region=region), state='met',
                        ends_on=today() - timedelta(days=1))
    stopped = make_pairing(db, offer, make_job_seeker(db, region=region), state='stopped',
                           ends_on=today() - timedelta(days=9))
    login(staff)

    def shown(tab):
        page = client.get(f'{PAIRINGS}?toon={tab}').text
        return {p.id for p in (planned, late, stopped) if f'data-pairing-id="{p.id}"' in page}

    assert shown('gepland') == {planned.id}
    assert shown('gesprek-gehad') == {late.id}
    assert shown('te-laat') == {late.id}
    assert shown('gestopt') == {stopped.id}
    assert shown('alle') == {planned.id, late.id, stopped.id}
    assert 'data-overdue="true"' in client.get(f'{PAIRINGS}?toon=te-laat').text


# The overview -------------------------------------------------------------------------------------

def cell(page: str, attribute: str, key: str) -> str:
    match = re.search(rf'<tr class="utrecht-table__row" data-step="{key}">.*?data-{attribute}="([^"]*)"', page,
                      re.S)
    return match.group(1)


def test_the_overview_counts_by_state_and_month(db, client, login, staff, offer, region, other_region):
    for state in ('planned', 'planned', 'met', 'closed', 'stopped'):
        make_pairing(db, make_offer(db, region=region), make_job_seeker(db, region=region), state=state)
    make_pairing(db, make_offer(db, region=region), make_job_seeker(db, region=region),
                 ends_on=today() - timedelta(days=2))
    make_pairing(db, make_offer(db, region=other_region), make_job_seeker(db, region=other_region))
    login(staff)
    page = client.get(OVERVIEW).text
    for key, count in (('gepland', 3), ('gesprek-gehad', 1), ('afgesloten', 1), ('gestopt', 1), ('te-laat', 1),
                       ('alle', 6)):
        assert f'data-count="{key}">{count}<' in page
    assert 'Pairings made per month' in page
    assert '<svg' in page
    assert page.count('<th scope="row" class="utrecht-table__header-cell">') >= 12 + 6


def test_the_overview_says_which_next_steps_were_taken(db, client, login, staff, offer, region, outbox):
    feedback_at = utcnow() - timedelta(days=5)

    def seeker_with(step):
        candidate = make_job_seeker(db, region=region)
        make_pairing(db, make_offer(db, region=region), candidate, state='closed', next_step=step,
                     feedback_at=feedback_at)
        return candidate

    taken, before, cancelled, other_kind = (seeker_with('job_shadowing') for _ in range(4))
    make_registration_for(db, taken, kind='job_shadowing', region=region)
    make_registration_for(db, before, kind='job_shadowing', region=region,
                          created_at=feedback_at - timedelta(days=1))
    make_registration_for(db, cancelled, kind='job_shadowing', region=region, state='cancelled')
    make_registration_for(db, other_kind, kind='workshop', region=region)
    applied, not_sent = seeker_with('apply'), seeker_with('apply')
    need = make_need(db, organisation=make_organisation(db, region=region, owner=make_user(db)), state='published')
    make_proposal(db, need=need, candidate=applied, state='sent')
    make_proposal(db, need=need, candidate=not_sent, state='draft')
    seeker_with('training')
    login(staff)

    page = client.get(OVERVIEW).text
    assert (cell(page, 'suggested', 'job_shadowing'), cell(page, 'taken', 'job_shadowing')) == ('4', '1')
    assert (cell(page, 'suggested', 'apply'), cell(page, 'taken', 'apply')) == ('2', '1')
    assert (cell(page, 'suggested', 'workshop'), cell(page, 'taken', 'workshop')) == ('0', '0')
    assert (cell(page, 'suggested', 'training'), cell(page, 'taken', 'training')) == ('1', '')


def test_the_overview_counts_places_of_active_offers(db, client, login, staff, offer, region):
    make_pairing(db, offer, make_job_seeker(db, region=region))
    make_offer(db, region=region, capacity=3, active=False)
    login(staff)
    assert 'data-places="1/2"' in client.get(OVERVIEW).text
