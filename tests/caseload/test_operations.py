"""Caseload operations: profiles, availability, consent, pause, reactivate and leaving, each audited."""

import json
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale

from portal.blueprints.caseload import operations
from portal.core.dbtypes import today
from portal.core.operations import OperationRefused
from portal.models.caseload import CandidateStatus, ConsentScope, SkillLevel
from portal.models.matching import ProposalState
from tests.caseload.conftest import events
from tests.factories import make_candidate, make_need, make_organisation, make_proposal, make_region, make_staff


@pytest.fixture
def candidate(db, region, staff):
    return make_candidate(db, region=region, accountmanager=staff, reference='CL-1')


# Creating and changing a profile ----------------------------------------------------------------------

def test_create_candidate_gives_a_pseudonym_confirms_availability_today_and_audits_without_values(
        db, region, staff, profile_fields, skills, occupation):
    candidate = operations.create_candidate(staff, region, **profile_fields)

    assert re.fullmatch(r'KB-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}', candidate.code)
    assert candidate.region_id == region.id
    assert candidate.status == CandidateStatus.ACTIVE
    assert candidate.availability_confirmed_on == today()
    assert candidate.availability_confirmed_by_id == staff.id
    assert candidate.created_by_id == staff.id
    assert {link.skill_id: link.level for link in candidate.skill_links} == {
        skills[0].id: SkillLevel.GOOD, skills[1].id: SkillLevel.BASIC}
    assert [(row.occupation_id, row.years) for row in candidate.experience] == [(occupation.id, 3)]
    assert {row.language: row.level.value for row in candidate.languages} == {'nl': 'b1', 'ar': 'native'}
    assert candidate.day_parts == ['night', 'weekday_morning']
    assert candidate.missing_fields() == []
    [event] = events(db, 'candidate.created')
    assert (event.object_id, event.region_id, event.actor_id) == (str(candidate.id), region.id, staff.id)
    assert 'Fatima' not in json.dumps(event.details)
    assert 'CL-20481' not in json.dumps(event.details)


def test_a_profile_without_the_minimum_fields_is_saved_but_says_what_is_missing(db, region, staff, profile_fields):
    fields = {**profile_fields, 'postcode_area': None, 'skills': [], 'day_parts': [], 'languages': [('en', 'b2')]}
    candidate = operations.create_candidate(staff, region, **fields)
    assert candidate.missing_fields() == ['postcode_area', 'skills', 'day_parts', 'dutch']


@pytest.mark.parametrize('change', ['municipality', 'accountmanager', 'reference', 'bsn'])
def test_create_candidate_refuses_what_is_outside_the_region_or_taken(db, region, staff, profile_fields, candidate,
                                                                      change):
    elsewhere = make_region(db)
    fields = dict(profile_fields)
    if change == 'municipality':
        fields['municipality_id'] = elsewhere.municipalities[0].id
    elif change == 'accountmanager':
        fields['accountmanager_id'] = make_staff(db, region=elsewhere).id
    elif change == 'reference':
        fields['reference'] = candidate.reference
    else:
        fields['reference'] = '111222333'
    with pytest.raises(OperationRefused):
        operations.create_candidate(staff, region, **fields)
    assert events(db, 'candidate.created') == []


def test_the_same_reference_may_exist_in_another_region(db, region, staff, profile_fields):
    other = make_region(db)
    make_candidate(db, region=other, reference=profile_fields['reference'])
    assert operations.create_candidate(staff, region, **profile_fields).reference == profile_fields['reference']


def test_update_candidate_changes_rows_in_place_and_audits_the_names_of_what_changed(
        db, region, staff, profile_fields, skills):
    candidate = operations.create_candidate(staff, region, **profile_fields)
    fields = {**profile_fields, 'hours_max': 36, 'notes': 'Heeft nu een fiets.',
              'skills': [(skills[0].id, 'expert'), (skills[2].id, 'good')], 'experience': [],
              'languages': [('nl', 'b2')]}

    changed = operations.update_candidate(staff, candidate, **fields)

    assert changed == ['hours_max', 'notes', 'skills', 'experience', 'languages']
    assert {link.skill_id: link.level for link in candidate.skill_links} == {
        skills[0].id: SkillLevel.EXPERT, skills[2].id: SkillLevel.GOOD}
    assert candidate.experience == []
    assert candidate.dutch_level.value == 'b2'
    [event] = events(db, 'candidate.updated')
    assert event.details == {'fields': changed}
    assert 'fiets' not in json.dumps(event.details)


def test_saving_without_changes_records_nothing(db, region, staff, profile_fields):
    candidate = operations.create_candidate(staff, region, **profile_fields)
    assert operations.update_candidate(staff, candidate, **profile_fields) == []
    assert events(db, 'candidate.updated') == []


def test_an_anonymised_profile_cannot_be_changed(db, region, staff, candidate, profile_fields):
    candidate.anonymised_at = candidate.created_at
    with pytest.raises(OperationRefused):
        operations.update_candidate(staff, candidate, **profile_fields)
    with pytest.raises(OperationRefused):
        operations.confirm_availability(staff, candidate)


# Availability ----------------------------------------------------------------------------------------

def test_confirm_availability_brings_a_stale_profile_back_into_matching(db, staff, candidate, colleague):
    candidate.availability_confirmed_on = today() - timedelta(weeks=9)
    assert candidate.is_stale(today())
    operations.confirm_availability(colleague, candidate)
    assert candidate.availability_confirmed_on == today()
    assert candidate.availability_confirmed_by_id == colleague.id
    assert not candidate.is_stale(today())
    assert candidate.is_matchable(today())
    [event] = events(db, 'candidate.availability_confirmed')
    assert event.actor_id == colleague.id
    assert event.object_id == str(candidate.id)


def test_availability_of_someone_who_left_is_not_confirmed(db, staff, candidate):
    operations.leave_caseload(staff, candidate, reason='moved')
    confirmed_on = candidate.availability_confirmed_on
    with pytest.raises(OperationRefused):
        operations.confirm_availability(staff, candidate)
    assert candidate.availability_confirmed_on == confirmed_on


# Consent ---------------------------------------------------------------------------------------------

def test_record_consent_with_its_date_scope_and_who(db, staff, candidate):
    given_on = today() - timedelta(days=3)
    consent = operations.record_consent(staff, candidate, scope='activities', given_on=given_on)
    assert (consent.scope, consent.given_on, consent.recorded_by_id) == (ConsentScope.ACTIVITIES, given_on, staff.id)
    assert candidate.has_consent(ConsentScope.ACTIVITIES)
    [event] = events(db, 'candidate.consent_recorded')
    assert event.details == {'consent_id': consent.id, 'scope': 'activities'}


@pytest.mark.parametrize(('given_on', 'scope'), [(1, 'activities'), (0, 'proposals')])
def test_record_consent_refuses_a_future_date_and_a_second_consent_in_force(db, staff, candidate, given_on, scope):
    with pytest.raises(OperationRefused):
        operations.record_consent(staff, candidate, scope=scope, given_on=today() + timedelta(days=given_on))
    assert events(db, 'candidate.consent_recorded') == []


def _proposals_in_every_state(db, candidate):
    organisation = make_organisation(db, region=candidate.region)
    return {state: make_proposal(db, need=make_need(db, organisation=organisation, state='published'),
                                 candidate=candidate, state=state)
            for state in ('draft', 'sent', 'interested', 'introduced', 'declined')}


def test_withdrawing_consent_to_be_proposed_withdraws_the_early_proposals(db, staff, candidate):
    proposals = _proposals_in_every_state(db, candidate)
    consent = candidate.active_consent(ConsentScope.PROPOSALS)

    withdrawn = operations.withdraw_consent(staff, candidate, consent)

    assert withdrawn == 3
    assert consent.withdrawn_by_id == staff.id
    assert consent.withdrawn_at is not None
    assert not candidate.has_consent(ConsentScope.PROPOSALS)
    assert not candidate.is_matchable(today())
    assert {state: p.state.value for state, p in proposals.items()} == {
        'draft': 'withdrawn', 'sent': 'withdrawn', 'interested': 'withdrawn', 'introduced': 'introduced',
        'declined': 'declined'}
    step = proposals['sent'].events[-1]
    assert (step.from_state, step.to_state, step.actor_id) == (ProposalState.SENT, ProposalState.WITHDRAWN, staff.id)
    assert step.data == {'reason': 'consent_withdrawn'}
    assert step.note
    assert [e.details for e in events(db, 'candidate.consent_withdrawn')] == [
        {'consent_id': consent.id, 'scope': 'proposals'}]
    assert sorted(int(e.object_id) for e in events(db, 'proposal.withdraw')) == sorted(
        proposals[state].id for state in ('draft', 'sent', 'interested'))


def test_withdrawing_consent_for_activities_leaves_proposals_alone(db, staff, candidate):
    proposal = make_proposal(db, need=make_need(db, organisation=make_organisation(db, region=candidate.region),
                                                state='published'), candidate=candidate, state='sent')
    consent = operations.record_consent(staff, candidate, scope='activities', given_on=today())
    assert operations.withdraw_consent(staff, candidate, consent) == 0
    assert proposal.state == ProposalState.SENT
    assert candidate.has_consent(ConsentScope.PROPOSALS)


def _registered_twice(db, candidate, staff):
    """The job seeker holds the only seat of a meeloopdag to come; someone else waits for it."""
    from tests.activities.conftest import make_activity, make_registration
    from tests.factories import make_user

    organisation = make_organisation(db, region=candidate.region)
    activity = make_activity(db, organisation=organisation, slots=[{'seats': 1}], audience='signed_in')
    slot = activity.slots[0]
    mine = make_registration(db, slot, candidate=candidate, registered_by=staff)
    waiting = make_registration(db, slot, user=make_user(db, locale='en'), state='waitlisted')
    return mine, waiting


def test_withdrawing_consent_for_activities_frees_their_seats_for_the_next_in_line(db, staff, candidate, outbox,
                                                                                 request_context):
    from portal.models.activities import RegistrationState

    consent = operations.record_consent(staff, candidate, scope='activities', given_on=today())
    mine, waiting = _registered_twice(db, candidate, staff)
    operations.withdraw_consent(staff, candidate, consent)
    assert mine.state == RegistrationState.CANCELLED
    assert waiting.state == RegistrationState.CONFIRMED
    assert mine.slot.confirmed_count == 1


def test_leaving_the_caseload_frees_their_seats_too(db, staff, candidate, outbox, request_context):
    from portal.models.activities import RegistrationState

    mine, waiting = _registered_twice(db, candidate, staff)
    operations.leave_caseload(staff, candidate, reason=sorted(operations.LEAVE_REASONS)[0])
    assert (mine.state, waiting.state) == (RegistrationState.CANCELLED, RegistrationState.CONFIRMED)


def test_a_withdrawn_consent_cannot_be_withdrawn_again(db, staff, candidate):
    consent = candidate.active_consent(ConsentScope.PROPOSALS)
    operations.withdraw_consent(staff, candidate, consent)
    with pytest.raises(OperationRefused):
        operations.withdraw_consent(staff, candidate, consent)
    assert len(events(db, 'candidate.consent_withdrawn')) == 1


# Pause, reactivate, leave ----------------------------------------------------------------------------

def test_pause_and_reactivate(db, staff, candidate):
    operations.pause_candidate(staff, candidate)
    assert candidate.status == CandidateStatus.PAUSED
    assert not candidate.is_matchable(today())
    with pytest.raises(OperationRefused):
        operations.pause_candidate(staff, candidate)
    operations.reactivate_candidate(staff, candidate)
    assert candidate.status == CandidateStatus.ACTIVE
    assert candidate.is_matchable(today())
    with pytest.raises(OperationRefused):
        operations.reactivate_candidate(staff, candidate)
    assert [len(events(db, action)) for action in ('candidate.paused', 'candidate.reactivated')] == [1, 1]


def test_leaving_the_caseload_records_the_reason_and_withdraws_early_proposals(db, staff, candidate):
    proposals = _proposals_in_every_state(db, candidate)
    withdrawn = operations.leave_caseload(staff, candidate, reason='found_work')
    assert withdrawn == 3
    assert candidate.status == CandidateStatus.LEFT
    assert candidate.left_reason == 'found_work'
    assert candidate.left_at is not None
    assert proposals['introduced'].state == ProposalState.INTRODUCED
    assert proposals['draft'].events[-1].data == {'reason': 'candidate_left'}
    [event] = events(db, 'candidate.left')
    assert event.details == {'reason': 'found_work'}


def test_leaving_needs_a_known_reason_and_happens_once(db, staff, candidate):
    with pytest.raises(OperationRefused):
        operations.leave_caseload(staff, candidate, reason='Verhuisd naar Zwolle')
    operations.leave_caseload(staff, candidate, reason='other')
    with pytest.raises(OperationRefused):
        operations.leave_caseload(staff, candidate, reason='other')
    assert len(events(db, 'candidate.left')) == 1


def test_someone_who_left_can_come_back_until_anonymised(db, staff, candidate):
    operations.leave_caseload(staff, candidate, reason='moved')
    operations.reactivate_candidate(staff, candidate)
    assert candidate.status == CandidateStatus.ACTIVE
    assert candidate.left_at is None
    assert candidate.left_reason is None


# Audit of reading ------------------------------------------------------------------------------------

def test_views_are_recorded_with_the_ids_shown_and_the_filter(db, region, staff, candidate):
    operations.record_list_view(staff, region.id, [candidate], filters={'status': 'active'}, page=1)
    operations.record_view(staff, candidate)
    [listed] = events(db, 'candidate.list_viewed')
    assert listed.region_id == region.id
    assert listed.details == {'candidate_ids': [candidate.id], 'count': 1, 'filters': {'status': 'active'},
                              'page': 1}
    [viewed] = events(db, 'candidate.viewed')
    assert (viewed.object_id, viewed.details) == (str(candidate.id), {'page': 'profile'})


def test_new_codes_are_distinct_and_unused(db, candidate):
    codes = operations.new_codes(300)
    assert len(set(codes)) == 300
    assert candidate.code not in codes


def test_a_reference_taken_meanwhile_is_refused_by_the_database(db, region, staff, profile_fields, candidate,
                                                                  monkeypatch):
    db.session.commit()
    monkeypatch.setattr(operations, 'reference_taken', lambda *args, **kwargs: False)  # another request won the race
    with force_locale('en'), pytest.raises(OperationRefused, match='already has this reference'):
        operations.create_candidate(staff, region, **{**profile_fields, 'reference': candidate.reference})
    db.session.rollback()
    assert db.session.get(type(candidate), candidate.id).reference == 'CL-1'
