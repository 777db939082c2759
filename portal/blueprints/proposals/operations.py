"""Match proposals from draft to the employer's answer: create, send, withdraw, respond.

Plain functions; the actor is passed in; they flush and never commit. Each step goes
through `Proposal.move_to`, which records who took it and when, and writes an audit row.
The later steps (introduction to the end) live in operations_steps.py.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.blueprints.caseload.queries import region_staff
from portal.blueprints.matching.profiles import score
from portal.blueprints.proposals.card import build_card
from portal.blueprints.proposals.checks import pair_problems
from portal.blueprints.proposals.labels import DECLINE_LABELS, STATE_LABELS
from portal.core.audit import record_event
from portal.core.dbtypes import today as dutch_today
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.matching import RULES_VERSION
from portal.models.accounts import User
from portal.models.caseload import Candidate
from portal.models.demand import StaffingNeed
from portal.models.matching import (
    DeclineReason,
    IllegalTransition,
    NotYourStep,
    Proposal,
    ProposalEvent,
    ProposalState,
)
from portal.models.moderation import PostingState

S = ProposalState
#: the motivation is the accountmanager's own words, not a formality
MOTIVATION_MIN = 20


class ProposalRefused(OperationRefused):
    pass


def locked(proposal: Proposal) -> Proposal:
    """The proposal re-read under a row lock, so two people cannot both take a step from the same state."""
    return db.session.scalars(select(Proposal).where(Proposal.id == proposal.id).with_for_update()
                              .execution_options(populate_existing=True)).one()


def check_staff(actor: User, proposal: Proposal) -> None:
    if not proposal.can_manage(actor):
        raise ProposalRefused(_l('Only staff of the region can do this.'))


def take_step(actor: User, proposal: Proposal, target: ProposalState, step: str, *, note: str | None = None,
              data: dict[str, Any] | None = None) -> ProposalEvent:
    """Move the proposal one legal step and audit it as `proposal.<step>`; an illegal jump changes nothing."""
    previous = proposal.state
    try:
        event = proposal.move_to(target, actor=actor, note=note, data=data)
    except IllegalTransition:
        raise ProposalRefused(_l('This step is not possible now: the proposal is “%(state)s”.',
                                 state=STATE_LABELS[previous])) from None
    except NotYourStep:
        raise ProposalRefused(_l('This step is not yours to take: the employer answers a proposal, staff of the '
                                 'region take the other steps.')) from None
    db.session.flush()
    record_event(f'proposal.{step}', actor=actor, obj=proposal,
                 details={'from': previous.value, 'to': target.value, **(data or {})})
    return event


def refuse_unless(proposal: Proposal, *states: ProposalState) -> None:
    """Refuse before anything changes when the proposal is not in one of `states`."""
    if proposal.state not in states:
        raise ProposalRefused(_l('This step is not possible now: the proposal is “%(state)s”.',
                                 state=STATE_LABELS[proposal.state]))


# Who hears about it ----------------------------------------------------------------------------

def employer_recipients(proposal: Proposal) -> list[User]:
    """Whoever posted the need, while they still work there, and the organisation's owner."""
    people: list[User] = []
    creator = proposal.need.created_by
    if creator is not None and creator.is_active and creator.membership_of(proposal.organisation) is not None:
        people.append(creator)
    owner = proposal.organisation.owner
    if owner is not None and owner.is_active and owner not in people:
        people.append(owner)
    return people


def staff_recipients(proposal: Proposal, *, region_cache: dict[int, list[User]] | None = None) -> list[User]:
    """The responsible accountmanager; without one (or when they left the region), the region's staff.

    `region_cache` keeps each region's staff for a loop over many proposals (one query per region).
    """
    manager = proposal.accountmanager
    if manager is not None and manager.is_active and manager.staff_region_id == proposal.region_id:
        return [manager]
    if region_cache is None:
        return region_staff(proposal.region_id)
    if proposal.region_id not in region_cache:
        region_cache[proposal.region_id] = region_staff(proposal.region_id)
    return region_cache[proposal.region_id]


def _mail_employer(proposal: Proposal, template: str) -> int:
    """No personal data in these mails: they say something happened and link to the portal."""
    recipients = employer_recipients(proposal)
    for user in recipients:
        queue_mail(user.email, f'proposals/{template}', locale=user.locale, region_id=proposal.region_id, user=user,
                   need_title=proposal.need.title, code=proposal.candidate.code,
                   url=url_for('proposals.employer_view', proposal_id=proposal.id, _external=True))
    return len(recipients)


# The steps -------------------------------------------------------------------------------------

def create_proposal(actor: User, need: StaffingNeed, candidate: Candidate, *, motivation: str,
                    today: date | None = None) -> Proposal:
    """A draft proposal of `candidate` for `need`, with the score in parts as the rules give it today."""
    today = today or dutch_today()
    if actor.staff_region_id is None or actor.staff_region_id != need.region_id:
        raise ProposalRefused(_l('Only staff of the region can do this.'))
    motivation = (motivation or '').strip()
    if len(motivation) < MOTIVATION_MIN:
        raise ProposalRefused(_l('Write a motivation of at least %(count)d characters in your own words.',
                                 count=MOTIVATION_MIN))
    for private in (candidate.first_name, candidate.reference):
        if private and re.search(rf'(?<!\w){re.escape(private)}(?!\w)', motivation, re.IGNORECASE):
            raise ProposalRefused(_l('Leave the job seeker’s name and reference out of the motivation: the employer '
                                     'reads it.'))
    match = score(candidate, need, today) if candidate.region_id == need.region_id else None
    problems = pair_problems(need, candidate, match, today)
    if problems:
        raise ProposalRefused(_l('This job seeker cannot be proposed for this need: %(reasons)s',
                                 reasons=' '.join(problems)))
    manager = candidate.accountmanager
    if manager is None or not manager.is_active or manager.staff_region_id != need.region_id:
        manager = actor
    proposal = Proposal(region_id=need.region_id, need=need, organisation_id=need.organisation_id,
                        candidate=candidate, accountmanager=manager, state=S.DRAFT, motivation=motivation,
                        score=Decimal(match.total_tenths) / 10, score_parts=match.as_json(),
                        rules_version=RULES_VERSION)
    proposal.events.append(ProposalEvent(from_state=None, to_state=S.DRAFT, actor_id=actor.id, at=utcnow(),
                                         data={}))
    try:
        with db.session.begin_nested():
            db.session.add(proposal)
            db.session.flush()
    except IntegrityError:
        # a colleague proposed the same person for the same need a moment ago (uq_proposals_open_pair)
        raise ProposalRefused(_l('This job seeker already has a proposal for this need that is still under '
                                 'way.')) from None
    record_event('proposal.create', actor=actor, obj=proposal,
                 details={'to': S.DRAFT.value, 'need_id': need.id, 'candidate_id': candidate.id,
                          'score': float(proposal.score), 'rules_version': RULES_VERSION})
    return proposal


def send_proposal(actor: User, proposal: Proposal, *, today: date | None = None) -> int:
    """Score the pair again as it stands now, freeze the anonymous card and send it to the employer.

    The profile or the need may have changed since the draft: a pair the hard conditions now
    exclude is refused, and the score sent is today's. Returns how many people were mailed.
    """
    today = today or dutch_today()
    check_staff(actor, proposal)
    proposal = locked(proposal)
    refuse_unless(proposal, S.DRAFT)
    need, candidate = proposal.need, proposal.candidate
    if need.state != PostingState.PUBLISHED:
        raise ProposalRefused(_l('The need is no longer published, so nobody can answer this proposal.'))
    if not candidate.is_matchable(today):
        raise ProposalRefused(_l('The job seeker’s profile is no longer available for matching (availability not '
                                 'confirmed, consent withdrawn, or paused). Check the profile first.'))
    match = score(candidate, need, today) if candidate.region_id == need.region_id else None
    problems = pair_problems(need, candidate, match, today, proposal=proposal)
    if problems:
        raise ProposalRefused(_l('The profile or the need changed since the draft, and this job seeker can no longer '
                                 'be proposed for this need: %(reasons)s Withdraw the draft.',
                                 reasons=' '.join(problems)))
    proposal.score = Decimal(match.total_tenths) / 10
    proposal.score_parts = match.as_json()
    proposal.rules_version = RULES_VERSION
    proposal.card = build_card(proposal, today)
    proposal.sent_at = utcnow()
    take_step(actor, proposal, S.SENT, 'send',
              data={'score': float(proposal.score), 'rules_version': RULES_VERSION})
    return _mail_employer(proposal, 'sent')


def withdraw_step(actor: User, proposal: Proposal, *, note: str, data: dict[str, Any] | None = None) -> int:
    """Withdraw a (locked) proposal and, when the employer already had it, tell them without saying why.

    Shared with the caseload, which withdraws a person's early proposals when they withdraw their
    consent or leave. Returns how many people at the employer were mailed.
    """
    was_sent = proposal.sent_at is not None
    take_step(actor, proposal, S.WITHDRAWN, 'withdraw', note=note, data=data)
    return _mail_employer(proposal, 'withdrawn') if was_sent else 0


def withdraw_proposal(actor: User, proposal: Proposal, *, reason: str) -> int:
    """Staff take the proposal back before it led anywhere; the reason is kept in the timeline (never mailed)."""
    check_staff(actor, proposal)
    proposal = locked(proposal)
    refuse_unless(proposal, S.DRAFT, S.SENT, S.INTERESTED)
    reason = (reason or '').strip()
    if not reason:
        raise ProposalRefused(_l('Give the reason for withdrawing it.'))
    return withdraw_step(actor, proposal, note=reason)


def respond_to_proposal(actor: User, proposal: Proposal, *, interested: bool, reason: str | None = None,
                        text: str | None = None) -> int:
    """The employer's answer: interested, or declined with a reason; the accountmanager hears it by mail."""
    if not proposal.is_employer(actor):
        raise ProposalRefused(_l('Only the organisation the proposal was sent to can answer it.'))
    proposal = locked(proposal)
    if not proposal.can_respond(actor):
        raise ProposalRefused(_l('This proposal has already been answered or withdrawn.'))
    text = (text or '').strip() or None
    data: dict[str, Any] = {}
    if interested:
        target = S.INTERESTED
    else:
        if reason not in {value.value for value in DeclineReason}:
            raise ProposalRefused(_l('Choose the reason you decline.'))
        if reason == DeclineReason.OTHER and not text:
            raise ProposalRefused(_l('Tell us the reason in a few words.'))
        target = S.DECLINED
        proposal.decline_reason = DeclineReason(reason)
        proposal.decline_text = text
        data['reason'] = reason
    proposal.responded_at = utcnow()
    take_step(actor, proposal, target, 'respond', note=text, data=data)
    recipients = staff_recipients(proposal)
    for user in recipients:
        queue_mail(user.email, 'proposals/answered', locale=user.locale, region_id=proposal.region_id, user=user,
                   proposal=proposal, interested=interested, text=text,
                   reason_label=DECLINE_LABELS[proposal.decline_reason] if proposal.decline_reason else None,
                   url=url_for('proposals.view_proposal', proposal_id=proposal.id, _external=True))
    return len(recipients)


# the later steps live beside these; importable from here like the others
from portal.blueprints.proposals.operations_steps import (  # noqa: E402,F401
    end_proposal,
    introduce_candidate,
    record_follow_up,
    record_hire,
    record_intake,
    start_trial,
)
