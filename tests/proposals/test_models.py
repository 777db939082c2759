"""The rules the models hold: who takes which step (EMPLOYER_STEPS), who reads the employer's page, who matches a
need."""

import pytest

from portal.blueprints.proposals import operations
from portal.blueprints.proposals.operations import ProposalRefused
from portal.models.matching import EMPLOYER_STEPS, NotYourStep, ProposalState
from tests.factories import add_member, make_admin, make_employer, make_need, make_organisation, make_staff

S = ProposalState


@pytest.mark.parametrize('target', [S.INTERESTED, S.DECLINED])
def test_staff_cannot_give_the_employers_answer(db, accountmanager, sent, target):
    assert (S.SENT, target) in EMPLOYER_STEPS
    with pytest.raises(NotYourStep):
        sent.move_to(target, actor=accountmanager)
    assert sent.state == S.SENT
    assert [event.to_state for event in sent.events] == [S.DRAFT, S.SENT]


def test_the_employer_gives_it(db, owner, sent):
    sent.move_to(S.INTERESTED, actor=owner)
    assert sent.state == S.INTERESTED


def test_an_employer_cannot_take_a_staff_step(db, owner, sent):
    with pytest.raises(NotYourStep):
        sent.move_to(S.WITHDRAWN, actor=owner)
    assert sent.state == S.SENT


def test_staff_of_another_region_cannot_take_a_step(db, other_region, draft):
    with pytest.raises(NotYourStep):
        draft.move_to(S.WITHDRAWN, actor=make_staff(db, region=other_region))


def test_an_illegal_jump_is_still_an_illegal_jump_first(db, accountmanager, draft):
    from portal.models.matching import IllegalTransition

    with pytest.raises(IllegalTransition):
        draft.move_to(S.HIRED, actor=accountmanager)


def test_take_step_refuses_the_wrong_side_in_words(db, accountmanager, sent, request_context):
    with pytest.raises(ProposalRefused, match='not yours to take'):
        operations.take_step(accountmanager, sent, S.INTERESTED, 'respond')
    assert sent.state == S.SENT


def test_the_system_may_take_any_step(db, sent):
    sent.move_to(S.INTERESTED, actor=None)
    assert sent.events[-1].actor_id is None


def test_the_employers_page_is_for_members_working_for_the_organisation_once_sent(db, owner, region, draft, sent):
    assert sent.can_view_as_employer(owner)
    other = make_organisation(db, region=region)
    add_member(db, other, owner)
    owner.current_organisation_id = other.id
    assert not sent.can_view_as_employer(owner)  # still a member, but working for another organisation now


@pytest.mark.parametrize('who', ['stranger', 'staff', 'admin'])
def test_nobody_else_reads_the_employers_page(db, region, sent, who):
    user = {'stranger': lambda: make_employer(db), 'staff': lambda: make_staff(db, region=region),
            'admin': lambda: make_admin(db)}[who]()
    assert not sent.can_view_as_employer(user)


def test_a_proposal_without_a_card_has_no_employers_page(db, owner, sent):
    sent.card = None
    assert not sent.can_view_as_employer(owner)


def test_a_draft_has_no_employers_page(db, owner, draft):
    assert not draft.can_view_as_employer(owner)


@pytest.mark.parametrize(('state', 'allowed'), [('published', True), ('pending', True), ('draft', False)])
def test_staff_of_the_region_match_a_submitted_need(db, region, other_region, organisation, state, allowed):
    need = make_need(db, organisation=organisation, state=state)
    assert need.can_match(make_staff(db, region=region)) is allowed
    assert not need.can_match(make_staff(db, region=other_region))
    assert not need.can_match(organisation.owner)


@pytest.fixture(autouse=True)
def _operations_need_a_request(request_context):
    """The fixtures create and send proposals, which link to the portal in their mail."""


def test_the_employers_side_is_known_by_the_organisation_id_before_the_relationship_loads(db, owner, need, candidate):
    from portal.core.dbtypes import utcnow
    from portal.models.matching import Proposal

    # as the demo builds its stories: ids set, nothing flushed, `organisation` not loaded yet
    proposal = Proposal(region_id=need.region_id, need_id=need.id, organisation_id=need.organisation_id,
                        candidate_id=candidate.id, state=S.SENT, sent_at=utcnow())
    assert proposal.organisation is None
    assert proposal.is_employer(owner)
    proposal.move_to(S.INTERESTED, actor=owner)
    assert proposal.state == S.INTERESTED
