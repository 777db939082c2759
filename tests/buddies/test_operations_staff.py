"""Staff's operations: pairing (capacity, consent, region), sharing the identity, closing and stopping."""

from datetime import timedelta

import pytest

from portal.blueprints.buddies.operations import BuddyRefused
from portal.blueprints.buddies.operations_staff import (
    close_pairing,
    default_end,
    disclose_identity,
    pair_buddy,
    stop_pairing,
)
from portal.core.dbtypes import add_months, today, utcnow
from portal.models.buddies import BuddyPairing, PairingState
from portal.models.caseload import CandidateStatus, ConsentScope
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
from tests.factories import add_member, make_candidate, make_staff, make_user

pytestmark = pytest.mark.usefixtures('request_context')


def meeting(**change):
    return {'meeting_at': utcnow() + timedelta(days=5), 'meeting_place': ' Bakkerij Bol, Hardenberg ',
            'ends_on': default_end(), 'agreed': True, **change}


def test_pairing_audits_and_mails_the_buddy_the_code_only(db, staff, offer, candidate, outbox):
    pairing = pair_buddy(staff, offer, candidate, **meeting())

    assert (pairing.state, pairing.region_id, pairing.paired_by_id) == (PairingState.PLANNED, offer.region_id,
                                                                        staff.id)
    assert (pairing.meeting_place, pairing.ends_on) == ('Bakkerij Bol, Hardenberg', add_months(today(), 2))
    [event] = events(db, 'buddy.paired')
    assert (event.actor_id, event.object_id) == (staff.id, str(pairing.id))
    assert event.details == {'offer_id': offer.id, 'organisation_id': offer.organisation_id,
                             'candidate_id': candidate.id, 'ends_on': pairing.ends_on.isoformat()}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('bert@bakkerij.nl', 'buddies/paired', 'en')
    assert mail.subject == f'You are paired as a buddy with job seeker {candidate.code}'
    assert 'Bakkerij Bol, Hardenberg' in mail.body_text
    assert 'no job guarantee' in mail.body_text
    assert f'/buddy/koppelingen/{pairing.id}' in mail.body_text
    assert FIRST_NAME not in mail.body_text
    assert REFERENCE not in mail.body_text


@pytest.mark.parametrize(('change', 'message'), [
    ({'agreed': False}, 'without a job guarantee'),
    ({'meeting_place': ' '}, 'when and where'),
    ({'meeting_at': None}, 'when and where'),
    ({'meeting_at': utcnow() - timedelta(hours=1)}, 'in the future'),
    ({'ends_on': today()}, 'on or after the day of the meeting'),
    ({'ends_on': None}, 'on or after the day of the meeting'),
    ({'ends_on': add_months(today(), 7)}, 'at most 6 months'),
])
def test_a_pairing_needs_the_agreement_a_meeting_and_a_sensible_time_box(db, staff, offer, candidate, change,
                                                                         message):
    with pytest.raises(BuddyRefused, match=message):
        pair_buddy(staff, offer, candidate, **meeting(**change))
    assert events(db, 'buddy.paired') == []


def test_only_active_job_seekers_who_consented_to_activities_are_paired(db, staff, offer, region):
    without_consent = make_job_seeker(db, region=region, activities=False)
    paused = make_job_seeker(db, region=region, status=CandidateStatus.PAUSED)
    withdrawn = make_job_seeker(db, region=region)
    withdrawn.active_consent(ConsentScope.ACTIVITIES).withdrawn_at = utcnow()
    for candidate, message in ((without_consent, 'consented'), (paused, 'active'), (withdrawn, 'consented')):
        with pytest.raises(BuddyRefused, match=message):
            pair_buddy(staff, offer, candidate, **meeting())
    assert offer.pairings == []


def test_regions_stay_apart(db, staff, other_staff, offer, candidate, other_region):
    with pytest.raises(BuddyRefused, match='staff of the region'):
        pair_buddy(other_staff, offer, candidate, **meeting())
    stranger = make_candidate(db, region=other_region)
    with pytest.raises(BuddyRefused, match='not in your region'):
        pair_buddy(staff, offer, stranger, **meeting())
    assert events(db, 'buddy.paired') == []


def test_a_paused_offer_takes_no_pairings(db, staff, offer, candidate):
    offer.is_active = False
    with pytest.raises(BuddyRefused, match='paused'):
        pair_buddy(staff, offer, candidate, **meeting())


def test_a_full_offer_takes_no_more_until_a_place_frees_up(db, staff, offer, region, outbox):
    first, second, third = (make_job_seeker(db, region=region) for _ in range(3))
    pair_buddy(staff, offer, first, **meeting())
    pairing = pair_buddy(staff, offer, second, **meeting())
    with pytest.raises(BuddyRefused, match='no free place'):
        pair_buddy(staff, offer, third, **meeting())
    assert offer.open_count() == 2

    stop_pairing(staff, pairing, reason='Ziek geworden')
    assert offer.open_count() == 1
    pair_buddy(staff, offer, third, **meeting())
    assert offer.open_count() == 2
    assert len(events(db, 'buddy.paired')) == 3


def test_a_closed_pairing_frees_its_place_too(db, staff, offer, region, outbox):
    offer.capacity = 1
    closed = make_pairing(db, offer, make_job_seeker(db, region=region), state='met', next_step='workshop')
    with pytest.raises(BuddyRefused, match='no free place'):
        pair_buddy(staff, offer, make_job_seeker(db, region=region), **meeting())
    close_pairing(staff, closed)
    pair_buddy(staff, offer, make_job_seeker(db, region=region), **meeting())


def test_the_same_buddy_and_job_seeker_are_paired_once_at_a_time(db, staff, offer, candidate, outbox):
    pairing = pair_buddy(staff, offer, candidate, **meeting())
    with pytest.raises(BuddyRefused, match='already paired'):
        pair_buddy(staff, offer, candidate, **meeting())
    stop_pairing(staff, pairing, reason='Andere datum nodig')
    again = pair_buddy(staff, offer, candidate, **meeting())
    assert again.id != pairing.id


def test_a_buddy_who_left_the_organisation_is_not_paired(db, staff, organisation, candidate):
    colleague = make_user(db)
    membership = add_member(db, organisation, colleague)
    offer = make_offer(db, user=colleague, organisation=organisation)
    db.session.delete(membership)
    db.session.flush()
    db.session.expire(colleague)
    with pytest.raises(BuddyRefused, match='no longer works'):
        pair_buddy(staff, offer, candidate, **meeting())


# Identity ---------------------------------------------------------------------------------------

@pytest.fixture
def pairing(db, offer, candidate, staff):
    return make_pairing(db, offer, candidate, paired_by=staff)


def identity(**change):
    return {'consent_on': today(), 'has_consent': True, 'name': ' Zephyrina de Vries ', 'phone': '06-12345678',
            'email': ' ', **change}


def test_sharing_the_identity_records_consent_audits_without_the_values_and_mails_without_the_name(
        db, staff, pairing, outbox):
    disclose_identity(staff, pairing, **identity())

    assert (pairing.identity_consent_on, pairing.shared_name, pairing.shared_phone, pairing.shared_email) == (
        today(), 'Zephyrina de Vries', '06-12345678', None)
    [event] = events(db, 'buddy.identity_disclosed')
    assert event.details == {'organisation_id': pairing.offer.organisation_id, 'candidate_id': pairing.candidate_id,
                             'consent_on': today().isoformat(), 'shared': ['name', 'phone']}
    [mail] = outbox
    assert (mail.recipient, mail.template) == ('bert@bakkerij.nl', 'buddies/identity_shared')
    assert 'Zephyrina' not in mail.subject + mail.body_text
    assert '06-12345678' not in mail.body_text


@pytest.mark.parametrize(('change', 'message'), [
    ({'has_consent': False}, 'consented'),
    ({'consent_on': None}, 'consented'),
    ({'consent_on': today() + timedelta(days=1)}, 'future'),
    ({'name': ' '}, 'name and a phone'),
    ({'phone': None, 'email': None}, 'name and a phone'),
])
def test_sharing_needs_consent_a_name_and_a_way_to_reach_them(db, staff, pairing, change, message):
    with pytest.raises(BuddyRefused, match=message):
        disclose_identity(staff, pairing, **identity(**change))
    assert pairing.identity_consent_on is None
    assert events(db, 'buddy.identity_disclosed') == []


def test_identity_is_shared_once_by_staff_of_the_region_while_the_pairing_runs(db, staff, other_staff, pairing,
                                                                                buddy, outbox):
    for actor in (other_staff, buddy):
        with pytest.raises(BuddyRefused):
            disclose_identity(actor, pairing, **identity())
    disclose_identity(staff, pairing, **identity())
    with pytest.raises(BuddyRefused, match='already knows'):
        disclose_identity(staff, pairing, **identity(name='Iemand anders'))
    assert pairing.shared_name == 'Zephyrina de Vries'
    stopped = make_pairing(db, pairing.offer, make_job_seeker(db, region=pairing.candidate.region), state='stopped')
    with pytest.raises(BuddyRefused, match='ended'):
        disclose_identity(staff, stopped, **identity())


# Closing and stopping -----------------------------------------------------------------------------

def test_closing_comes_after_the_meeting_and_the_feedback(db, staff, offer, candidate, outbox):
    pairing = make_pairing(db, offer, candidate)
    with pytest.raises(BuddyRefused, match='after the meeting'):
        close_pairing(staff, pairing)
    pairing.state, pairing.met_on = PairingState.MET, today()
    with pytest.raises(BuddyRefused, match='after the meeting'):
        close_pairing(staff, pairing)
    pairing.strengths, pairing.to_work_on, pairing.next_step, pairing.feedback_at = 'a', 'b', 'none', utcnow()

    close_pairing(staff, pairing)
    assert pairing.state == PairingState.CLOSED
    assert pairing.closed_at is not None
    assert len(events(db, 'buddy.closed')) == 1
    assert [(m.recipient, m.template) for m in outbox] == [('bert@bakkerij.nl', 'buddies/closed')]
    with pytest.raises(BuddyRefused):
        close_pairing(staff, pairing)


def test_stopping_needs_a_reason_that_the_buddy_reads(db, staff, pairing, outbox):
    with pytest.raises(BuddyRefused, match='why'):
        stop_pairing(staff, pairing, reason='  ')
    stop_pairing(staff, pairing, reason='De werkzoekende heeft werk gevonden')

    assert (pairing.state, pairing.stop_reason) == (PairingState.STOPPED, 'De werkzoekende heeft werk gevonden')
    [event] = events(db, 'buddy.stopped')
    assert event.actor_id == staff.id
    [mail] = outbox
    assert mail.template == 'buddies/stopped'
    assert 'De werkzoekende heeft werk gevonden' in mail.body_text
    with pytest.raises(BuddyRefused, match='already ended'):
        stop_pairing(staff, pairing, reason='Nogmaals')


def test_staff_elsewhere_neither_close_nor_stop(db, other_staff, pairing):
    pairing.state, pairing.feedback_at = PairingState.MET, utcnow()
    for operation, kwargs in ((close_pairing, {}), (stop_pairing, {'reason': 'x'})):
        with pytest.raises(BuddyRefused, match='staff of the region'):
            operation(other_staff, pairing, **kwargs)
    assert pairing.state == PairingState.MET


def test_an_accountmanager_and_a_coordinator_both_pair(db, region, offer, outbox):
    coordinator = make_staff(db, region=region, kind='coordinator')
    pair_buddy(coordinator, offer, make_job_seeker(db, region=region), **meeting())
    assert db.session.query(BuddyPairing).count() == 1
    assert make_offer(db, region=region).open_count() == 0


def test_a_buddy_who_left_is_no_longer_the_buddy_nor_mailed_about_the_pairing(db, staff, organisation, candidate,
                                                                               outbox):
    offer = make_colleague_offer(db, organisation)
    pairing = make_pairing(db, offer, candidate, identity_consent_on=today(), shared_name='Zeph de Vries',
                           shared_phone='0612345678')
    assert pairing.is_buddy(offer.user)
    assert pairing.shows_identity
    leave(db, offer.user, organisation)

    assert not pairing.is_buddy(offer.user)
    assert not pairing.can_view(offer.user)
    stop_pairing(staff, pairing, reason='De buddy werkt er niet meer')
    assert pairing.state == PairingState.STOPPED
    assert len(events(db, 'buddy.stopped')) == 1
    assert outbox == []


def test_the_shared_identity_shows_only_while_the_pairing_runs(db, staff, offer, candidate, outbox):
    pairing = make_pairing(db, offer, candidate, state='met')
    disclose_identity(staff, pairing, consent_on=today(), has_consent=True, name='Zeph de Vries', phone='0612345678')
    assert pairing.shows_identity
    stop_pairing(staff, pairing, reason='Niet komen opdagen')
    assert pairing.has_identity
    assert not pairing.shows_identity
    assert [m.template for m in outbox] == ['buddies/identity_shared', 'buddies/stopped']
