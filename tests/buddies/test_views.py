"""The buddy's pages: sign up, change, pause; the pairings by code until consent; the meeting and the feedback."""

import pytest
from sqlalchemy import select

from portal.core.dbtypes import today, utcnow
from portal.models.buddies import BuddyOffer, NextStep, PairingState
from tests.buddies.conftest import (
    FIRST_NAME,
    REFERENCE,
    events,
    leave,
    make_colleague_offer,
    make_job_seeker,
    make_offer,
    make_pairing,
)
from tests.factories import add_member, make_employer, make_organisation, make_user

OFFER = '/buddy'
PAIRINGS = '/buddy/koppelingen'
FORM = {'capacity': '2', 'sectors': ['C', 'I'], 'availability': 'Dinsdagmiddag', 'note': 'Graag', 'agreed': 'y'}


def test_anonymous_visitors_sign_in_and_staff_are_not_buddies(db, client, login, staff):
    assert '/inloggen' in client.get(OFFER).location
    login(staff)
    for address in (OFFER, PAIRINGS):
        assert client.get(address).status_code == 403


def test_an_employer_signs_up_as_buddy(db, client, login, post, buddy, organisation):
    login(buddy)
    page = client.get(OFFER).text
    assert 'not a job interview and there is no job guarantee' in page
    assert 'id="sectors-2" name="sectors" type="checkbox" value="C"' in page

    response = post(OFFER, FORM, follow_redirects=True)
    assert 'Your buddy offer is saved.' in response.text
    offer = db.session.scalar(select(BuddyOffer))
    assert (offer.capacity, offer.sectors, offer.note, offer.user_id) == (2, ['C', 'I'], 'Graag', buddy.id)
    assert 'data-offer-state="active"' in response.text
    assert '0 of 2 places in use' in response.text
    assert len(events(db, 'buddy.offer_created')) == 1


def test_the_form_says_what_is_missing(db, client, login, post, buddy, organisation):
    login(buddy)
    response = post(OFFER, {'capacity': '12', 'availability': ''})
    assert response.status_code == 200
    for message in ('Fill in a number from 1 to 10.', 'Choose at least one sector.', 'Say when you are available.',
                    'Agree to this to sign up as a buddy.'):
        assert message in response.text
    assert 'href="#sectors"' in response.text
    response = post(OFFER, {**FORM, 'sectors': ['C', 'Z']})
    assert 'Choose from the list.' in response.text
    assert db.session.scalar(select(BuddyOffer)) is None


def test_a_bsn_in_the_note_is_refused(db, client, login, post, buddy, organisation):
    login(buddy)
    response = post(OFFER, {**FORM, 'note': 'Mijn BSN is 111222333'})
    assert 'citizen service number' in response.text
    assert db.session.scalar(select(BuddyOffer)) is None


def test_an_unverified_organisation_is_told_to_wait(db, client, login, post, region):
    user = make_user(db, locale='en')
    make_organisation(db, region=region, owner=user, status='pending', name='Nieuw B.V.')
    login(user)
    assert 'once the municipality has verified Nieuw B.V.' in client.get(OFFER).text
    response = post(OFFER, FORM)
    assert 'once the municipality has verified Nieuw B.V.' in response.text
    assert db.session.scalar(select(BuddyOffer)) is None


def test_the_buddy_changes_pauses_and_resumes_the_offer(db, client, login, post, buddy, offer):
    login(buddy)
    page = client.get(OFFER).text
    assert 'value="Dinsdagmiddag"' in page
    assert 'Change your offer' in page
    response = post(OFFER, {**FORM, 'capacity': '4'}, follow_redirects=True)
    assert 'Your buddy offer is updated.' in response.text
    assert offer.capacity == 4

    response = post('/buddy/pauzeren', follow_redirects=True)
    assert 'data-offer-state="paused"' in response.text
    assert not offer.is_active
    response = post('/buddy/hervatten', follow_redirects=True)
    assert 'data-offer-state="active"' in response.text
    assert [len(events(db, a)) for a in ('buddy.offer_updated', 'buddy.offer_paused', 'buddy.offer_resumed')] == [
        1, 1, 1]


def test_pausing_without_an_offer_is_not_found(db, client, login, post, buddy, organisation):
    login(buddy)
    assert post('/buddy/pauzeren').status_code == 404


# The pairings: the code until consent -----------------------------------------------------------

@pytest.fixture
def pairing(db, offer, candidate, staff):
    return make_pairing(db, offer, candidate, paired_by=staff)


def test_the_buddy_sees_the_code_and_never_the_staff_only_data(db, client, login, buddy, pairing, candidate):
    login(buddy)
    for address in (PAIRINGS, f'{PAIRINGS}/{pairing.id}'):
        page = client.get(address).text
        assert candidate.code in page
        assert FIRST_NAME not in page
        assert REFERENCE not in page
    assert 'data-identity="code-only"' in page
    assert events(db, 'buddy.identity_viewed') == []


def test_after_consent_the_buddy_sees_the_shared_name_and_each_view_is_audited(db, client, login, buddy, pairing):
    pairing.identity_consent_on = today()
    pairing.shared_name, pairing.shared_email = 'Zeph de Vries', 'zeph@example.nl'
    db.session.flush()
    login(buddy)

    assert 'Zeph de Vries' in client.get(PAIRINGS).text
    page = client.get(f'{PAIRINGS}/{pairing.id}').text
    assert 'data-identity="shared"' in page
    assert 'zeph@example.nl' in page
    assert REFERENCE not in page
    viewed = events(db, 'buddy.identity_viewed')
    assert [(e.actor_id, e.object_id, e.details) for e in viewed] == [
        (buddy.id, str(pairing.id), {'candidate_id': pairing.candidate_id})] * 2


def test_another_employer_does_not_find_the_pairing(db, client, login, pairing):
    login(make_employer(db, region=pairing.offer.organisation.region))
    assert client.get(f'{PAIRINGS}/{pairing.id}').status_code == 404
    assert pairing.candidate.code not in client.get(PAIRINGS).text


def test_the_buddy_records_the_meeting_and_gives_feedback(db, client, login, post, buddy, pairing, outbox):
    login(buddy)
    response = post(f'{PAIRINGS}/{pairing.id}/gesprek', {'met_on': ''})
    assert 'Fill in the day you met.' in response.text
    response = post(f'{PAIRINGS}/{pairing.id}/gesprek', {'met_on': '01-01-2099'})
    assert 'The day you met cannot be in the future.' in response.text
    assert pairing.state == PairingState.PLANNED

    response = post(f'{PAIRINGS}/{pairing.id}/gesprek', {'met_on': today().isoformat()}, follow_redirects=True)
    assert 'The meeting is recorded.' in response.text
    assert pairing.state == PairingState.MET
    assert 'name="next_step"' in response.text

    response = post(f'{PAIRINGS}/{pairing.id}/terugkoppeling', {'strengths': 'Vriendelijk'})
    assert 'Write what the job seeker could work on.' in response.text
    assert 'Choose a next step.' in response.text
    assert outbox == []
    response = post(f'{PAIRINGS}/{pairing.id}/terugkoppeling',
                    {'strengths': 'Vriendelijk', 'to_work_on': 'Rijbewijs halen', 'next_step': 'workshop'},
                    follow_redirects=True)
    assert 'Thank you for your feedback.' in response.text
    assert pairing.next_step == NextStep.WORKSHOP
    assert [m.template for m in outbox] == ['buddies/feedback_given']
    assert 'name="next_step"' not in response.text


def test_a_form_from_an_out_of_date_page_is_refused(db, client, login, post, buddy, pairing):
    pairing.state, pairing.met_on = PairingState.MET, today()
    db.session.commit()  # a refusal rolls back the request's changes, not the test's
    login(buddy)
    # the page no longer offers the meeting form; a stale one is refused with a reason
    response = post(f'{PAIRINGS}/{pairing.id}/gesprek', {'met_on': today().isoformat()}, follow_redirects=True)
    assert 'This pairing has moved on' in response.text
    assert 'name="next_step"' in response.text


def test_a_colleague_is_not_the_buddy(db, client, login, post, pairing, organisation, region):
    colleague = add_member(db, organisation, make_user(db)).user
    login(colleague)
    assert client.get(f'{PAIRINGS}/{pairing.id}').status_code == 404
    assert post(f'{PAIRINGS}/{pairing.id}/gesprek', {'met_on': today().isoformat()}).status_code == 404
    assert pairing.state == PairingState.PLANNED


def test_pairings_of_all_the_buddys_offers_are_listed(db, client, login, buddy, offer, region):
    other = make_organisation(db, region=region, owner=make_user(db))
    add_member(db, other, buddy)
    second = make_offer(db, user=buddy, organisation=other)
    first = make_pairing(db, offer, make_job_seeker(db, region=region))
    later = make_pairing(db, second, make_job_seeker(db, region=region), state='closed')
    login(buddy)
    page = client.get(PAIRINGS).text
    assert f'data-pairing-id="{first.id}"' in page
    assert f'data-pairing-id="{later.id}"' in page


def test_an_anonymised_job_seeker_is_a_code_again(db, client, login, buddy, pairing):
    pairing.identity_consent_on = today()
    pairing.shared_name, pairing.shared_phone = 'Zeph de Vries', '0612345678'
    pairing.candidate.anonymised_at = utcnow()
    db.session.flush()
    login(buddy)
    for address in (PAIRINGS, f'{PAIRINGS}/{pairing.id}'):
        assert 'Zeph de Vries' not in client.get(address).text
    assert events(db, 'buddy.identity_viewed') == []


@pytest.mark.parametrize('state', ['closed', 'stopped'])
def test_once_staff_close_or_stop_the_pairing_the_buddy_no_longer_sees_who_it_was(db, client, login, buddy, offer,
                                                                                   candidate, state):
    pairing = make_pairing(db, offer, candidate, state=state, identity_consent_on=today(),
                           shared_name='Zeph de Vries', shared_phone='0612345678')
    login(buddy)
    listing, page = client.get(PAIRINGS).text, client.get(f'{PAIRINGS}/{pairing.id}').text
    assert f'data-pairing-id="{pairing.id}"' in listing
    for text in (listing, page):
        assert 'Zeph de Vries' not in text
        assert '0612345678' not in text
    assert 'data-identity="ended"' in page
    assert events(db, 'buddy.identity_viewed') == []


def test_a_buddy_who_left_the_organisation_loses_the_pairing_and_who_it_was(db, client, login, post, organisation,
                                                                           candidate):
    offer = make_colleague_offer(db, organisation)
    pairing = make_pairing(db, offer, candidate, identity_consent_on=today(), shared_name='Zeph de Vries',
                           shared_email='zeph@example.nl')
    # they work for another employer now, so they still reach the buddy pages
    add_member(db, make_organisation(db, region=organisation.region, owner=make_user(db)), offer.user)
    leave(db, offer.user, organisation)
    login(offer.user)

    assert client.get(f'{PAIRINGS}/{pairing.id}').status_code == 404
    assert post(f'{PAIRINGS}/{pairing.id}/gesprek', {'met_on': today().isoformat()}).status_code == 404
    listing = client.get(PAIRINGS).text
    assert f'data-pairing-id="{pairing.id}"' not in listing
    assert 'Zeph de Vries' not in listing
    assert pairing.state == PairingState.PLANNED
    assert events(db, 'buddy.identity_viewed') == []
