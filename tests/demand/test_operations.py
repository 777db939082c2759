"""Demand operations (portal/blueprints/demand/operations.py): each step, its refusals, audit row and mail."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.blueprints.demand import operations
from portal.blueprints.demand.moderation import ModerationRefused
from portal.blueprints.demand.operations import DemandRefused
from portal.core.dbtypes import utcnow
from portal.models.demand import InnovationPlan, StaffingNeed
from portal.models.moderation import PostingState, Review, ReviewState
from tests.demand.conftest import events
from tests.factories import (
    add_member,
    make_employer,
    make_need,
    make_occupation,
    make_organisation,
    make_plan,
    make_user,
)

pytestmark = pytest.mark.usefixtures('request_context')


def _reviews(db, posting) -> list[Review]:
    return list(db.session.scalars(select(Review).where(Review.posting_kind == posting.KIND,
                                                        Review.posting_id == posting.id).order_by(Review.id)))


# Creating and changing a need -----------------------------------------------------------------

def test_create_need_saves_a_draft_with_its_skills_and_an_audit_row(db, owner, organisation, need_fields, skills):
    need = operations.create_need(owner, organisation, **need_fields)

    assert need.state == PostingState.DRAFT
    assert need.organisation == organisation
    assert need.region_id == organisation.region_id
    assert need.created_by == owner
    assert need.required_skills == [skills[0], skills[1]]
    assert need.wished_skills == [skills[2]]
    assert need.day_parts == ['night', 'weekend']
    assert need.openness == ['open_to_wage_subsidy', 'open_to_job_coach', 'open_to_part_time']
    assert need.postcode == '7772 AB'
    assert _reviews(db, need) == []
    [event] = events(db, 'need.create')
    assert event.actor_id == owner.id
    assert event.object_id == str(need.id)
    assert event.region_id == organisation.region_id


def test_create_need_and_submit_sends_it_for_review(db, owner, organisation, need_fields):
    need = operations.create_need(owner, organisation, submit=True, **need_fields)

    assert need.state == PostingState.PENDING
    [review] = _reviews(db, need)
    assert review.state == ReviewState.PENDING
    assert review.snapshot['title'] == 'Broodbakker in de nacht'
    assert len(events(db, 'need.submit')) == 1


def test_an_unverified_organisation_saves_drafts_but_cannot_submit(db, region, need_fields):
    owner = make_user(db)
    organisation = make_organisation(db, region=region, owner=owner, status='pending')

    need = operations.create_need(owner, organisation, **need_fields)
    assert need.state == PostingState.DRAFT
    with pytest.raises(ModerationRefused):
        operations.create_need(owner, organisation, submit=True, **need_fields)


def test_an_unverified_email_address_cannot_submit(db, region, need_fields):
    owner = make_user(db, verified=False)
    organisation = make_organisation(db, region=region, owner=owner)
    need = operations.create_need(owner, organisation, **need_fields)
    with pytest.raises(ModerationRefused):
        operations.submit_posting(owner, need)
    assert need.state == PostingState.DRAFT


def test_only_members_create_needs_for_an_organisation(db, organisation, need_fields):
    with pytest.raises(DemandRefused):
        operations.create_need(make_employer(db), organisation, **need_fields)
    assert events(db, 'need.create') == []


def test_a_skill_asked_for_twice_counts_as_required(db, owner, organisation, need_fields, skills):
    need_fields['wished_skill_ids'] = [skills[0].id, skills[3].id]
    need = operations.create_need(owner, organisation, **need_fields)
    assert need.required_skills == [skills[0], skills[1]]
    assert need.wished_skills == [skills[3]]


def test_an_inactive_occupation_is_refused(db, owner, organisation, need_fields):
    retired = make_occupation(db)
    retired.is_active = False
    need_fields['occupation_id'] = retired.id
    with pytest.raises(DemandRefused):
        operations.create_need(owner, organisation, **need_fields)


def test_update_need_saves_a_draft_and_moves_skills_between_lists(db, owner, organisation, need_fields, skills):
    need = operations.create_need(owner, organisation, **need_fields)
    need_fields.update(title='Bakker', required_skill_ids=[skills[1].id], wished_skill_ids=[skills[0].id])

    assert operations.update_need(owner, need, **need_fields) == 'saved'

    assert need.title == 'Bakker'
    assert need.state == PostingState.DRAFT
    assert need.required_skills == [skills[1]]
    assert need.wished_skills == [skills[0]]
    [event] = events(db, 'need.update')
    assert event.details['material'] is True


def test_update_after_changes_were_requested_can_submit_again(db, owner, organisation, need_fields):
    need = operations.create_need(owner, organisation, **need_fields)
    need.state = PostingState.CHANGES_REQUESTED
    need_fields['title'] = 'Broodbakker, ook in het weekend'

    assert operations.update_need(owner, need, submit=True, **need_fields) == 'submitted'
    assert need.state == PostingState.PENDING


def test_a_material_edit_of_a_published_need_is_a_revision_and_the_approved_version_stays(
        db, owner, organisation, need_fields):
    need = operations.create_need(owner, organisation, **need_fields)
    need.state = PostingState.PUBLISHED
    need.published_snapshot = need.snapshot()
    need_fields['positions'] = 5

    assert operations.update_need(owner, need, **need_fields) == 'revision'

    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot['positions'] == 2
    [review] = _reviews(db, need)
    assert review.is_revision
    assert review.snapshot['positions'] == 5
    assert events(db, 'need.update')[0].details['material'] is True


def test_renewing_the_end_date_of_a_published_need_is_not_material(db, owner, organisation, need_fields):
    need = operations.create_need(owner, organisation, **need_fields)
    need.state = PostingState.PUBLISHED
    need.published_snapshot = need.snapshot()
    need_fields['ends_on'] = operations.today() + timedelta(days=40)

    assert operations.update_need(owner, need, **need_fields) == 'saved'

    assert _reviews(db, need) == []
    assert need.published_snapshot['ends_on'] == need_fields['ends_on'].isoformat()
    assert events(db, 'need.update')[0].details['material'] is False


@pytest.mark.parametrize('state', ['pending', 'rejected', 'withdrawn', 'filled', 'expired'])
def test_needs_outside_the_editable_states_are_not_changed(db, owner, organisation, need_fields, state):
    need = make_need(db, organisation=organisation, state=state, title='Oud')
    with pytest.raises(DemandRefused):
        operations.update_need(owner, need, **need_fields)
    assert need.title == 'Oud'


def test_another_organisation_cannot_update_a_need(db, organisation, need_fields):
    need = make_need(db, organisation=organisation)
    with pytest.raises(DemandRefused):
        operations.update_need(make_employer(db), need, **need_fields)


def test_a_need_past_its_end_date_is_not_submitted(db, owner, organisation):
    need = make_need(db, organisation=organisation, ends_on=operations.today() - timedelta(days=1))
    with pytest.raises(DemandRefused):
        operations.submit_posting(owner, need)
    assert need.state == PostingState.DRAFT


# Filling, renewing, deleting -----------------------------------------------------------------

def test_fill_a_published_need(db, owner, organisation):
    need = make_need(db, organisation=organisation, state='published')
    operations.fill_need(owner, need)
    assert need.state == PostingState.FILLED
    [event] = events(db, 'need.fill')
    assert event.actor_id == owner.id
    assert event.details == {'previous_state': 'published'}


def test_filling_a_waiting_need_calls_off_its_review(db, owner, organisation):
    need = make_need(db, organisation=organisation)
    operations.submit_posting(owner, need)
    operations.fill_need(owner, need)
    assert need.state == PostingState.FILLED
    assert [r.state for r in _reviews(db, need)] == [ReviewState.CANCELLED]


@pytest.mark.parametrize('state', ['draft', 'rejected', 'withdrawn', 'filled'])
def test_fill_refuses_drafts_and_closed_needs(db, owner, organisation, state):
    need = make_need(db, organisation=organisation, state=state)
    with pytest.raises(DemandRefused):
        operations.fill_need(owner, need)
    assert events(db, 'need.fill') == []


def test_renew_runs_six_more_months_and_forgets_the_reminder(db, owner, organisation):
    need = make_need(db, organisation=organisation, state='published', ends_on=operations.today() + timedelta(days=3),
                     expiry_reminder_sent_at=utcnow())

    ends_on = operations.renew_need(owner, need)

    assert ends_on == need.ends_on == operations.add_months(operations.today(), 6)
    assert need.expiry_reminder_sent_at is None
    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot['ends_on'] == ends_on.isoformat()
    [event] = events(db, 'need.renew')
    assert event.details['ends_on'] == ends_on.isoformat()
    assert event.details['previous_state'] == 'published'


def test_an_expired_need_that_was_approved_comes_back_published(db, owner, organisation):
    need = make_need(db, organisation=organisation, state='published', ends_on=operations.today() - timedelta(days=2))
    need.state = PostingState.EXPIRED
    operations.renew_need(owner, need)
    assert need.state == PostingState.PUBLISHED


def test_an_expired_need_never_approved_comes_back_as_a_draft(db, owner, organisation):
    need = make_need(db, organisation=organisation, state='expired')
    operations.renew_need(owner, need)
    assert need.state == PostingState.DRAFT
    assert events(db, 'need.renew')[0].details['state'] == 'draft'


@pytest.mark.parametrize('state', ['filled', 'withdrawn', 'rejected'])
def test_closed_needs_are_not_renewed(db, owner, organisation, state):
    need = make_need(db, organisation=organisation, state=state)
    with pytest.raises(DemandRefused):
        operations.renew_need(owner, need)


def test_delete_a_draft(db, owner, organisation):
    need = make_need(db, organisation=organisation)
    need_id = need.id
    operations.delete_draft(owner, need)
    assert db.session.get(StaffingNeed, need_id) is None
    [event] = events(db, 'need.delete')
    assert event.object_id == str(need_id)
    assert event.details == {'title': 'Orderpicker'}


def test_a_submitted_posting_is_never_deleted(db, owner, organisation):
    need = make_need(db, organisation=organisation)
    operations.submit_posting(owner, need)
    with pytest.raises(DemandRefused):
        operations.delete_draft(owner, need)
    # a draft again after expiring and renewing: it was submitted once, so it keeps its history
    need.state = PostingState.DRAFT
    with pytest.raises(DemandRefused):
        operations.delete_draft(owner, need)
    assert db.session.get(StaffingNeed, need.id) is not None


def test_another_organisation_cannot_delete_a_draft(db, organisation):
    plan = make_plan(db, organisation=organisation)
    with pytest.raises(DemandRefused):
        operations.delete_draft(make_employer(db), plan)


# Innovation plans ------------------------------------------------------------------------------

def test_create_plan_with_its_effect_rows(db, owner, organisation, plan_fields, occupation, skills):
    plan = operations.create_plan(owner, organisation, **plan_fields)

    assert plan.state == PostingState.DRAFT
    assert plan.visibility.value == 'network'
    [effect] = plan.effects
    assert effect.occupation == occupation
    assert effect.headcount == 3
    assert effect.skills == [skills[0]]
    assert effect.training_need == 'Heftruckcertificaat'
    assert events(db, 'plan.create')[0].details == {'title': 'Robots in het magazijn', 'effects': 1}


def test_a_plan_without_effects_is_a_draft_but_is_not_submitted(db, owner, organisation, plan_fields):
    plan_fields['effects'] = []
    plan = operations.create_plan(owner, organisation, **plan_fields)
    assert plan.state == PostingState.DRAFT
    with pytest.raises(DemandRefused):
        operations.submit_posting(owner, plan)
    with pytest.raises(DemandRefused):
        operations.create_plan(owner, organisation, submit=True, **plan_fields)


def test_update_plan_replaces_the_rows_and_a_published_plan_gets_a_revision(db, owner, organisation, plan_fields):
    plan = operations.create_plan(owner, organisation, submit=True, **plan_fields)
    plan.state = PostingState.PUBLISHED
    plan.published_snapshot = plan.snapshot()
    _reviews(db, plan)[0].state = ReviewState.CANCELLED
    db.session.flush()
    plan_fields['effects'] = plan_fields['effects'] + [
        {'occupation_id': make_occupation(db).id, 'direction': 'new', 'headcount': 1, 'by_when': 'years_5_plus',
         'skill_ids': [], 'training_need': None}]

    assert operations.update_plan(owner, plan, **plan_fields) == 'revision'

    assert len(plan.effects) == 2
    assert len(plan.published_snapshot['effects']) == 1
    assert _reviews(db, plan)[-1].is_revision
    assert events(db, 'plan.update')[0].details == {'material': True, 'effects': 2}


def test_saving_a_published_plan_unchanged_sends_nothing_for_review(db, owner, organisation, plan_fields):
    plan = operations.create_plan(owner, organisation, **plan_fields)
    plan.state = PostingState.PUBLISHED
    plan.published_snapshot = plan.snapshot()
    assert operations.update_plan(owner, plan, **plan_fields) == 'saved'
    assert _reviews(db, plan) == []


def test_a_withdrawn_plan_is_not_changed(db, owner, organisation, plan_fields):
    plan = make_plan(db, organisation=organisation, state='withdrawn')
    with pytest.raises(DemandRefused):
        operations.update_plan(owner, plan, **plan_fields)
    assert isinstance(plan, InnovationPlan)
    assert plan.title == 'Automatisering magazijn'


# The periodic job's operations ------------------------------------------------------------------

def test_needs_past_their_end_date_expire_and_their_review_is_called_off(db, owner, organisation):
    yesterday = operations.today() - timedelta(days=1)
    published = make_need(db, organisation=organisation, state='published', ends_on=yesterday)
    waiting = make_need(db, organisation=organisation, ends_on=yesterday + timedelta(days=10))
    operations.submit_posting(owner, waiting)
    waiting.ends_on = yesterday
    last_day = make_need(db, organisation=organisation, state='published', ends_on=operations.today())
    filled = make_need(db, organisation=organisation, state='filled', ends_on=yesterday)

    assert operations.expire_needs(utcnow()) == 2

    assert published.state == waiting.state == PostingState.EXPIRED
    assert last_day.state == PostingState.PUBLISHED
    assert filled.state == PostingState.FILLED
    assert [r.state for r in _reviews(db, waiting)] == [ReviewState.CANCELLED]
    expired = events(db, 'need.expire')
    assert [e.object_id for e in expired] == [str(published.id), str(waiting.id)]
    assert all(e.actor_id is None and e.actor_kind == 'system' for e in expired)
    assert expired[1].details['previous_state'] == 'pending'
    assert operations.expire_needs(utcnow()) == 0


def test_reminders_go_once_to_the_creator_in_their_language(db, owner, organisation, outbox):
    colleague = make_user(db, locale='nl', email='cor@bakkerij.nl')
    add_member(db, organisation, colleague)
    need = make_need(db, organisation=organisation, state='published', created_by=colleague, title='Bakker',
                     ends_on=operations.today() + timedelta(days=14))
    make_need(db, organisation=organisation, state='published', ends_on=operations.today() + timedelta(days=15))
    make_need(db, organisation=organisation, state='draft', ends_on=operations.today() + timedelta(days=3))
    now = utcnow()

    assert operations.send_expiry_reminders(now) == 1

    [message] = outbox
    assert message.recipient == 'cor@bakkerij.nl'
    assert message.locale == 'nl'
    assert message.template == 'demand/expiry_reminder'
    assert 'Bakker' in message.subject
    assert f'http://localhost/vraag/behoeften/{need.id}#verlengen' in message.body_text
    assert need.expiry_reminder_sent_at == now
    [event] = events(db, 'need.remind_expiry')
    assert event.actor_id is None
    assert event.details['recipient_id'] == colleague.id
    assert operations.send_expiry_reminders(utcnow()) == 0
    assert len(outbox) == 1


def test_the_reminder_goes_to_the_owner_when_the_creator_left(db, owner, organisation, outbox):
    former = make_user(db)
    need = make_need(db, organisation=organisation, state='pending', created_by=former,
                     ends_on=operations.today() + timedelta(days=2))

    assert operations.send_expiry_reminders(utcnow(), external=False) == 1

    [message] = outbox
    assert message.recipient == owner.email
    assert message.locale == 'en'
    assert 'ends on' in message.subject
    assert f'\n/vraag/behoeften/{need.id}#verlengen\n' in message.body_text
