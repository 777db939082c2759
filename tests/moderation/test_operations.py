"""Moderation of needs and plans (portal/blueprints/demand/moderation.py): every step, its audit row and mail."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.blueprints.demand import moderation
from portal.blueprints.demand.moderation import ModerationRefused
from portal.core.dbtypes import utcnow
from portal.models.audit import AuditEvent
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from tests.factories import add_member, make_need, make_organisation, make_plan, make_region, make_staff, make_user

pytestmark = pytest.mark.usefixtures('request_context')

REASON = 'Vermeld ook de werktijden in het weekend.'


@pytest.fixture
def region(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def owner(db):
    return make_user(db, email='olga@bakkerij.nl', name='Olga', locale='en')


@pytest.fixture
def organisation(db, region, owner):
    return make_organisation(db, region=region, owner=owner, name='Bakkerij Bol B.V.')


@pytest.fixture
def accountmanager(db, region):
    return make_staff(db, region=region, name='Anna')


@pytest.fixture
def need(db, organisation, owner):
    return make_need(db, organisation=organisation, created_by=owner, title='Broodbakker')


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def reviews_of(db, posting) -> list[Review]:
    return list(db.session.scalars(select(Review).where(Review.posting_kind == posting.KIND,
                                                        Review.posting_id == posting.id).order_by(Review.id)))


# Submitting ---------------------------------------------------------------------------------

def test_submitting_a_first_version_makes_it_pending_with_a_snapshot(db, need, owner):
    review = moderation.submit_for_review(owner, need)

    assert need.state == PostingState.PENDING
    assert need.submitted_at is not None
    assert need.published_snapshot is None
    assert (review.state, review.is_revision, review.posting_kind) == (ReviewState.PENDING, False, PostingKind.NEED)
    assert (review.organisation_id, review.region_id, review.submitted_by_id) == (need.organisation_id,
                                                                                 need.region_id, owner.id)
    assert review.snapshot['title'] == 'Broodbakker'
    [event] = events(db, 'need.submit')
    assert (event.actor_id, event.object_type, event.object_id) == (owner.id, 'StaffingNeed', str(need.id))
    assert event.details == {'review_id': review.id, 'revision': False}


def test_submitting_a_revision_again_while_it_waits_refreshes_the_one_review(db, organisation, owner):
    need = make_need(db, organisation=organisation, title='Broodbakker', state='published')
    need.title = 'Broodbakker (nacht)'
    first = moderation.submit_for_review(owner, need)
    need.title = 'Broodbakker (nacht en weekend)'
    second = moderation.submit_for_review(owner, need)

    assert second.id == first.id
    assert second.snapshot['title'] == 'Broodbakker (nacht en weekend)'
    assert need.published_snapshot['title'] == 'Broodbakker'
    assert len(reviews_of(db, need)) == 1
    assert len(events(db, 'need.submit')) == 2


def test_a_revision_of_a_published_need_waits_while_the_approved_version_stays_visible(db, organisation, owner):
    need = make_need(db, organisation=organisation, title='Orderpicker', state='published')
    approved = dict(need.published_snapshot)
    need.title = 'Orderpicker met heftruckcertificaat'

    review = moderation.submit_for_review(owner, need)

    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot == approved
    assert need.published_snapshot['title'] == 'Orderpicker'
    assert review.is_revision is True
    assert review.snapshot['title'] == 'Orderpicker met heftruckcertificaat'
    assert events(db, 'need.submit')[0].details['revision'] is True


def test_the_database_holds_one_pending_review_per_posting(db, need, owner):
    moderation.submit_for_review(owner, need)
    second = Review(posting_kind=PostingKind.NEED, posting_id=need.id, organisation_id=need.organisation_id,
                    region_id=need.region_id, snapshot={})
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(second)
    assert [r.state for r in reviews_of(db, need)] == [ReviewState.PENDING]
    # a decided review beside a pending one is fine
    with db.session.begin_nested():
        db.session.add(Review(posting_kind=PostingKind.NEED, posting_id=need.id, organisation_id=need.organisation_id,
                              region_id=need.region_id, state=ReviewState.APPROVED, decided_at=utcnow(), snapshot={}))
    assert len(reviews_of(db, need)) == 2


def test_the_same_id_of_the_other_kind_has_its_own_pending_review(db, organisation, owner):
    need = make_need(db, organisation=organisation)
    moderation.submit_for_review(owner, need)
    with db.session.begin_nested():
        db.session.add(Review(posting_kind=PostingKind.PLAN, posting_id=need.id, organisation_id=organisation.id,
                              region_id=organisation.region_id, snapshot={}))
    pending = db.session.scalars(select(Review.posting_kind).where(Review.posting_id == need.id,
                                                                   Review.state == ReviewState.PENDING))
    assert sorted(pending) == [PostingKind.NEED, PostingKind.PLAN]


def test_an_unverified_organisation_cannot_submit(db, region):
    owner = make_user(db)
    organisation = make_organisation(db, region=region, owner=owner, status='pending')
    need = make_need(db, organisation=organisation)
    with pytest.raises(ModerationRefused):
        moderation.submit_for_review(owner, need)
    assert need.state == PostingState.DRAFT
    assert reviews_of(db, need) == []
    assert events(db, 'need.submit') == []


def test_an_unconfirmed_email_address_cannot_submit(db, organisation, need):
    colleague = make_user(db, verified=False)
    add_member(db, organisation, colleague)
    with pytest.raises(ModerationRefused):
        moderation.submit_for_review(colleague, need)
    assert need.state == PostingState.DRAFT


def test_another_organisation_cannot_submit(db, region, need):
    stranger = make_user(db)
    make_organisation(db, region=region, owner=stranger)
    with pytest.raises(ModerationRefused):
        moderation.submit_for_review(stranger, need)
    assert reviews_of(db, need) == []


@pytest.mark.parametrize('state', ['pending', 'rejected', 'withdrawn', 'filled', 'expired'])
def test_only_drafts_changes_requested_and_published_can_be_submitted(db, organisation, owner, state):
    need = make_need(db, organisation=organisation, state=state)
    with pytest.raises(ModerationRefused):
        moderation.submit_for_review(owner, need)
    assert need.state == PostingState(state)


# Withdrawing --------------------------------------------------------------------------------

def test_withdrawing_cancels_the_pending_review(db, need, owner, accountmanager):
    review = moderation.submit_for_review(owner, need)
    moderation.withdraw(owner, need)

    assert need.state == PostingState.WITHDRAWN
    assert review.state == ReviewState.CANCELLED
    assert need.pending_review is None
    assert not need.can_moderate(accountmanager)
    [event] = events(db, 'need.withdraw')
    assert (event.actor_id, event.object_id) == (owner.id, str(need.id))


@pytest.mark.parametrize('state', ['withdrawn', 'rejected'])
def test_withdrawing_twice_or_a_rejected_posting_is_refused(db, organisation, owner, state):
    need = make_need(db, organisation=organisation, state=state)
    with pytest.raises(ModerationRefused):
        moderation.withdraw(owner, need)
    assert events(db, 'need.withdraw') == []


def test_another_organisation_cannot_withdraw(db, region, need):
    stranger = make_employer_in(db, region)
    with pytest.raises(ModerationRefused):
        moderation.withdraw(stranger, need)
    assert need.state == PostingState.DRAFT


def make_employer_in(db, region):
    user = make_user(db)
    make_organisation(db, region=region, owner=user)
    return user


# Deciding -----------------------------------------------------------------------------------

def test_approving_publishes_the_version_under_review_audits_and_mails_in_the_submitters_language(
        db, need, owner, accountmanager, outbox):
    review = moderation.submit_for_review(owner, need)
    moderation.approve(accountmanager, need)

    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot == review.snapshot
    assert need.published_at == review.decided_at
    assert (review.state, review.decided_by_id, review.reason) == (ReviewState.APPROVED, accountmanager.id, None)
    [event] = events(db, 'need.approve')
    assert (event.actor_id, event.region_id, event.details) == (accountmanager.id, need.region_id,
                                                                {'review_id': review.id})
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('olga@bakkerij.nl', 'demand/approved', 'en')
    assert mail.subject == 'Your staffing need “Broodbakker” is published'
    assert f'http://localhost/vraag/behoeften/{need.id}' in mail.body_text


def test_approving_a_revision_replaces_what_others_see(db, organisation, owner, accountmanager, outbox):
    need = make_need(db, organisation=organisation, title='Orderpicker', state='published')
    need.title = 'Orderpicker nachtdienst'
    moderation.submit_for_review(owner, need)
    moderation.approve(accountmanager, need)

    assert need.published_snapshot['title'] == 'Orderpicker nachtdienst'
    assert 'approved your changes' in outbox[0].body_text


def test_requesting_changes_keeps_the_reason_audits_it_and_mails_it(db, need, owner, accountmanager, outbox):
    review = moderation.submit_for_review(owner, need)
    moderation.request_changes(accountmanager, need, reason=REASON)

    assert need.state == PostingState.CHANGES_REQUESTED
    assert need.published_snapshot is None
    assert (review.state, review.reason, review.decided_by_id) == (ReviewState.CHANGES_REQUESTED, REASON,
                                                                    accountmanager.id)
    assert need.last_decision == review
    [event] = events(db, 'need.request_changes')
    assert event.details == {'review_id': review.id, 'reason': REASON}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('olga@bakkerij.nl', 'demand/changes_requested', 'en')
    assert REASON in mail.body_text
    # the employer can fix it and submit again
    moderation.submit_for_review(owner, need)
    assert need.state == PostingState.PENDING


def test_rejecting_keeps_the_reason_audits_it_and_mails_it(db, need, owner, accountmanager, outbox):
    review = moderation.submit_for_review(owner, need)
    moderation.reject(accountmanager, need, reason=REASON)

    assert need.state == PostingState.REJECTED
    assert review.state == ReviewState.REJECTED
    [event] = events(db, 'need.reject')
    assert event.details == {'review_id': review.id, 'reason': REASON}
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('olga@bakkerij.nl', 'demand/rejected', 'en')
    assert REASON in mail.body_text


@pytest.mark.parametrize('decide', ['request_changes', 'reject'])
def test_a_refused_revision_leaves_the_approved_version_published(db, organisation, owner, accountmanager, outbox,
                                                                  decide):
    need = make_need(db, organisation=organisation, title='Orderpicker', state='published')
    approved = dict(need.published_snapshot)
    need.title = 'Iets heel anders'
    moderation.submit_for_review(owner, need)
    getattr(moderation, decide)(accountmanager, need, reason=REASON)

    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot == approved
    assert 'approved earlier stays visible' in outbox[0].body_text


def test_the_mail_goes_in_dutch_to_a_dutch_submitter(db, region, accountmanager, outbox):
    owner = make_user(db, locale='nl')
    need = make_need(db, organisation=make_organisation(db, region=region, owner=owner))
    moderation.submit_for_review(owner, need)
    moderation.approve(accountmanager, need)
    assert (outbox[0].recipient, outbox[0].locale) == (owner.email, 'nl')


def test_the_owner_is_mailed_when_the_submitter_has_left(db, organisation, need, owner, accountmanager, outbox):
    colleague = make_user(db, locale='nl')
    add_member(db, organisation, colleague)
    moderation.submit_for_review(colleague, need)
    colleague.deleted_at = utcnow()
    moderation.reject(accountmanager, need, reason=REASON)
    assert [(m.recipient, m.locale) for m in outbox] == [('olga@bakkerij.nl', 'en')]


def test_a_coordinator_of_the_region_may_decide(db, region, need, owner, outbox):
    coordinator = make_staff(db, region=region, kind='coordinator')
    moderation.submit_for_review(owner, need)
    moderation.approve(coordinator, need)
    assert need.state == PostingState.PUBLISHED


def test_staff_of_another_region_cannot_decide(db, need, owner):
    elsewhere = make_staff(db, region=make_region(db, name='Drechtsteden'))
    review = moderation.submit_for_review(owner, need)
    for decide, kwargs in [(moderation.approve, {}), (moderation.request_changes, {'reason': REASON}),
                           (moderation.reject, {'reason': REASON})]:
        with pytest.raises(ModerationRefused):
            decide(elsewhere, need, **kwargs)
    assert (need.state, review.state) == (PostingState.PENDING, ReviewState.PENDING)
    assert events(db, 'need.approve') == events(db, 'need.reject') == []


def test_employers_and_admins_cannot_decide(db, region, need, owner):
    moderation.submit_for_review(owner, need)
    admin = make_user(db, is_admin=True)
    for actor in (owner, admin):
        with pytest.raises(ModerationRefused):
            moderation.approve(actor, need)
    assert need.state == PostingState.PENDING


def test_nothing_to_decide_without_a_pending_review(db, need, accountmanager, owner, outbox):
    with pytest.raises(ModerationRefused):
        moderation.approve(accountmanager, need)
    moderation.submit_for_review(owner, need)
    moderation.approve(accountmanager, need)
    with pytest.raises(ModerationRefused):
        moderation.reject(accountmanager, need, reason=REASON)
    assert len(outbox) == 1


# Plans go through the same steps -----------------------------------------------------------

def test_a_plan_is_submitted_approved_and_mailed_as_a_plan(db, organisation, owner, accountmanager, outbox):
    plan = make_plan(db, organisation=organisation, title='Robotisering', visibility='network')
    review = moderation.submit_for_review(owner, plan)
    assert review.posting_kind == PostingKind.PLAN
    moderation.approve(accountmanager, plan)

    assert plan.state == PostingState.PUBLISHED
    assert plan.published_snapshot['visibility'] == 'network'
    assert [e.object_type for e in events(db, 'plan.approve')] == ['InnovationPlan']
    [mail] = outbox
    assert mail.subject == 'Your innovation plan “Robotisering” is published'
    assert f'http://localhost/vraag/plannen/{plan.id}' in mail.body_text


def test_withdrawing_a_plan_under_revision_cancels_the_revision(db, organisation, owner):
    plan = make_plan(db, organisation=organisation, state='published')
    review = moderation.submit_for_review(owner, plan)
    moderation.withdraw(owner, plan)
    assert (plan.state, review.state) == (PostingState.WITHDRAWN, ReviewState.CANCELLED)
    assert [e.action for e in events(db, 'plan.withdraw')] == ['plan.withdraw']
