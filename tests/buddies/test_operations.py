"""The buddy's operations: the offer (sign up, change, pause, resume), recording the meeting, the feedback."""

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from portal.blueprints.buddies.operations import (
    BuddyRefused,
    give_feedback,
    pause_offer,
    record_meeting,
    resume_offer,
    save_offer,
)
from portal.core.dbtypes import today
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
from tests.factories import add_member, make_organisation, make_staff, make_user

pytestmark = pytest.mark.usefixtures('request_context')

OFFER = {'capacity': 2, 'sectors': ['G', 'C'], 'availability': ' Dinsdagmiddag ', 'note': ' ', 'agreed': True}


# The offer ----------------------------------------------------------------------------------

def test_signing_up_makes_an_offer_of_the_organisations_region(db, buddy, organisation):
    offer = save_offer(buddy, organisation, **OFFER)
    assert (offer.user_id, offer.organisation_id, offer.region_id) == (buddy.id, organisation.id,
                                                                       organisation.region_id)
    assert (offer.capacity, offer.sectors, offer.availability, offer.note) == (2, ['C', 'G'], 'Dinsdagmiddag', None)
    assert offer.is_active
    assert offer.agreed_no_job_guarantee
    [event] = events(db, 'buddy.offer_created')
    assert (event.actor_id, event.object_id, event.region_id) == (buddy.id, str(offer.id), organisation.region_id)
    assert event.details == {'organisation_id': organisation.id, 'capacity': 2, 'sectors': ['C', 'G']}


def test_the_database_holds_one_offer_per_person_and_organisation(db, buddy, organisation):
    make_offer(db, user=buddy, organisation=organisation)
    with pytest.raises(IntegrityError), db.session.begin_nested():
        make_offer(db, user=buddy, organisation=organisation)
    # another organisation of the same person is another offer
    make_offer(db, user=buddy, organisation=add_member(db, make_organisation(db, owner=make_user(db)), buddy)
               .organisation)


def test_a_second_sign_up_that_did_not_see_the_first_is_refused(db, buddy, organisation, monkeypatch):
    first = save_offer(buddy, organisation, **OFFER)
    # a double submit: the second request read before the first had written
    monkeypatch.setattr(BuddyOffer, 'of_user', classmethod(lambda cls, user, organisation: None))
    with pytest.raises(BuddyRefused, match='You have already signed up as a buddy for this organisation.'):
        save_offer(buddy, organisation, **{**OFFER, 'capacity': 5})
    assert db.session.query(BuddyOffer).count() == 1
    assert first.capacity == 2
    assert len(events(db, 'buddy.offer_created')) == 1


def test_signing_up_again_changes_the_one_offer(db, buddy, organisation):
    first = save_offer(buddy, organisation, **OFFER)
    again = save_offer(buddy, organisation, **{**OFFER, 'capacity': 5, 'sectors': ['Q'], 'note': 'Zorg'})
    assert again.id == first.id
    assert (again.capacity, again.sectors, again.note) == (5, ['Q'], 'Zorg')
    assert len(events(db, 'buddy.offer_updated')) == 1
    assert db.session.query(BuddyOffer).count() == 1


def test_a_colleague_has_an_offer_of_their_own(db, buddy, organisation):
    colleague = make_user(db)
    add_member(db, organisation, colleague)
    assert save_offer(colleague, organisation, **OFFER).id != save_offer(buddy, organisation, **OFFER).id


@pytest.mark.parametrize(('change', 'message'), [
    ({'agreed': False}, 'orientation talk without a job guarantee'),
    ({'capacity': 0}, 'Choose from 1 to 10 pairings'),
    ({'capacity': 11}, 'Choose from 1 to 10 pairings'),
    ({'capacity': None}, 'Choose from 1 to 10 pairings'),
    ({'sectors': []}, 'at least one sector'),
    ({'sectors': ['Z']}, 'at least one sector'),
    ({'availability': '  '}, 'when you are available'),
])
def test_an_offer_needs_the_agreement_a_capacity_sectors_and_availability(db, buddy, organisation, change, message):
    with pytest.raises(BuddyRefused, match=message):
        save_offer(buddy, organisation, **{**OFFER, **change})
    assert events(db, 'buddy.offer_created') == []


def test_an_unverified_organisation_cannot_offer_buddies(db, region):
    user = make_user(db, locale='en')
    organisation = make_organisation(db, region=region, owner=user, status='pending')
    with pytest.raises(BuddyRefused, match='verified'):
        save_offer(user, organisation, **OFFER)


def test_only_people_of_the_organisation_offer_for_it(db, organisation):
    with pytest.raises(BuddyRefused):
        save_offer(make_user(db), organisation, **OFFER)


def test_pausing_and_resuming_are_audited(db, buddy, offer):
    pause_offer(buddy, offer)
    assert not offer.is_active
    with pytest.raises(BuddyRefused, match='already paused'):
        pause_offer(buddy, offer)
    resume_offer(buddy, offer)
    assert offer.is_active
    with pytest.raises(BuddyRefused, match='already open'):
        resume_offer(buddy, offer)
    assert [len(events(db, action)) for action in ('buddy.offer_paused', 'buddy.offer_resumed')] == [1, 1]


def test_only_the_buddy_pauses_their_offer(db, offer, organisation):
    colleague = make_user(db)
    add_member(db, organisation, colleague)
    with pytest.raises(BuddyRefused):
        pause_offer(colleague, offer)
    assert offer.is_active


# The meeting and the feedback ---------------------------------------------------------------

@pytest.fixture
def pairing(db, offer, candidate, staff):
    return make_pairing(db, offer, candidate, paired_by=staff)


def test_the_buddy_records_the_meeting(db, buddy, pairing):
    record_meeting(buddy, pairing, met_on=today())
    assert (pairing.state, pairing.met_on) == (PairingState.MET, today())
    [event] = events(db, 'buddy.met')
    assert (event.actor_id, event.object_type, event.details) == (buddy.id, 'BuddyPairing',
                                                                  {'met_on': today().isoformat()})


@pytest.mark.parametrize(('met_on', 'message'), [(None, 'Fill in the day'), (1, 'future'), (-3, 'before the pairing')])
def test_the_day_of_the_meeting_is_not_in_the_future_nor_before_the_pairing(db, buddy, pairing, met_on, message):
    day = None if met_on is None else today() + timedelta(days=met_on)
    with pytest.raises(BuddyRefused, match=message):
        record_meeting(buddy, pairing, met_on=day)
    assert pairing.state == PairingState.PLANNED


def test_only_the_buddy_records_the_meeting_and_only_once(db, buddy, pairing, staff):
    with pytest.raises(BuddyRefused):
        record_meeting(staff, pairing, met_on=today())
    record_meeting(buddy, pairing, met_on=today())
    with pytest.raises(BuddyRefused, match='moved on'):
        record_meeting(buddy, pairing, met_on=today())
    assert len(events(db, 'buddy.met')) == 1


def feedback(**change):
    return {'strengths': 'Stelt goede vragen', 'to_work_on': 'Op tijd komen', 'next_step': 'job_shadowing',
            'next_step_note': ' Bij een bakkerij ', **change}


def test_feedback_is_kept_audited_and_mailed_to_the_staff_member_who_paired(db, buddy, pairing, staff, outbox):
    record_meeting(buddy, pairing, met_on=today())
    give_feedback(buddy, pairing, **feedback())

    assert (pairing.strengths, pairing.to_work_on, pairing.next_step, pairing.next_step_note) == (
        'Stelt goede vragen', 'Op tijd komen', NextStep.JOB_SHADOWING, 'Bij een bakkerij')
    assert pairing.feedback_at is not None
    assert pairing.state == PairingState.MET
    [event] = events(db, 'buddy.feedback_given')
    assert event.details == {'next_step': 'job_shadowing'}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('anna@vechtdal.nl', 'buddies/feedback_given', 'en')
    assert mail.subject == f'Buddy feedback on {pairing.candidate.code}'
    assert f'/medewerkers/buddy/koppelingen/{pairing.id}' in mail.body_text
    assert 'Bert Buddy of Bakkerij Bol B.V.' in mail.body_text
    assert FIRST_NAME not in mail.body_text
    assert REFERENCE not in mail.body_text


def test_feedback_goes_to_the_accountmanager_when_the_pairer_left(db, buddy, pairing, staff, region, outbox):
    pairing.paired_by = make_staff(db, region=region, is_enabled=False)
    record_meeting(buddy, pairing, met_on=today())
    give_feedback(buddy, pairing, **feedback())
    assert [m.recipient for m in outbox] == ['anna@vechtdal.nl']


def test_feedback_comes_after_the_meeting_once_and_complete(db, buddy, pairing, outbox):
    with pytest.raises(BuddyRefused):
        give_feedback(buddy, pairing, **feedback())
    record_meeting(buddy, pairing, met_on=today())
    for bad in ({'strengths': ' '}, {'to_work_on': ''}, {'next_step': 'lunch'}, {'next_step': None}):
        with pytest.raises(BuddyRefused):
            give_feedback(buddy, pairing, **feedback(**bad))
    give_feedback(buddy, pairing, **feedback(next_step=NextStep.APPLY))
    with pytest.raises(BuddyRefused, match='already given'):
        give_feedback(buddy, pairing, **feedback())
    assert len(events(db, 'buddy.feedback_given')) == 1
    assert len(outbox) == 1


def test_a_buddy_who_left_the_organisation_records_nothing_more(db, organisation, region, staff):
    offer = make_colleague_offer(db, organisation)
    pairing = make_pairing(db, offer, make_job_seeker(db, region=region), paired_by=staff)
    leave(db, offer.user, organisation)
    with pytest.raises(BuddyRefused, match='Only the buddy of this pairing'):
        record_meeting(offer.user, pairing, met_on=today())
    assert pairing.state == PairingState.PLANNED
    assert events(db, 'buddy.met') == []
