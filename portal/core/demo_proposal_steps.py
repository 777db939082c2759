"""Taking one demo proposal through its story's steps, leaving the rows the proposals operations leave.

See portal/core/demo_proposals.py for how a story, its need and its job seeker are chosen.
"""

import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from portal.blueprints.proposals.card import build_card, proposed_hours
from portal.core.dbtypes import add_months
from portal.data import demo_caseload as data
from portal.extensions import db
from portal.matching import RULES_VERSION, Match
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.caseload import Candidate, CandidateStatus, SupportNeed, TargetGroup
from portal.models.demand import StaffingNeed
from portal.models.matching import (
    FOLLOW_UP_MONTHS,
    DeclineReason,
    EndReason,
    FollowUp,
    Instrument,
    Proposal,
    ProposalEvent,
    ProposalState,
)

if TYPE_CHECKING:
    from portal.core.demo_caseload import Caseload
    from portal.core.demo_proposals import Plan

S = ProposalState
#: the step names the proposals operations audit (`proposal.<step>`), by the state a step leads to
STEPS = {S.SENT: 'send', S.INTERESTED: 'respond', S.DECLINED: 'respond', S.INTRODUCED: 'introduce',
         S.INTAKE: 'intake', S.TRIAL: 'trial', S.HIRED: 'hire', S.ENDED: 'end', S.WITHDRAWN: 'withdraw'}
DECLINES = {DeclineReason.SKILLS: 3, DeclineReason.HOURS: 2, DeclineReason.LOCATION: 1,
            DeclineReason.POSITION_FILLED: 2, DeclineReason.NO_CAPACITY_TO_GUIDE: 2, DeclineReason.OTHER: 1}
#: whether the person was on benefits again afterwards, by why the proposal ended (default: yes)
OFF_BENEFITS = {EndReason.RETAINED, EndReason.RESIGNED}
#: the person left the caseload for work when a proposal reached one of these
FOUND_WORK = {EndReason.RETAINED, EndReason.RESIGNED, None}


class Teller:
    """Writes the proposals of one region's stories."""

    def __init__(self, caseload: 'Caseload'):
        self.caseload = caseload
        self.rng = caseload.rng
        self.audit: list[tuple[str, User | None, Proposal, datetime, dict[str, Any]]] = []

    def at(self, days_ago: int, hour: int | None = None) -> datetime:
        return self.caseload.moment(self.caseload.days_ago(days_ago), hour)

    def tell(self, plan: 'Plan', need: StaffingNeed, candidate: Candidate, match: Match) -> Proposal:
        manager = candidate.accountmanager
        drafted = self.at(plan.steps[0][1])
        proposal = Proposal(
            region_id=need.region_id, need=need, organisation_id=need.organisation_id, candidate=candidate,
            accountmanager=manager, state=S.DRAFT, state_changed_at=drafted,
            motivation=self.rng.choice(data.MOTIVATIONS), score=Decimal(match.total_tenths) / 10,
            score_parts=match.as_json(), rules_version=RULES_VERSION, created_at=drafted)
        proposal.events.append(ProposalEvent(from_state=None, to_state=S.DRAFT, actor_id=manager.id, at=drafted,
                                             data={}))
        self.audit = [('proposal.create', manager, proposal, drafted,
                       {'to': S.DRAFT.value, 'need_id': need.id, 'candidate_id': candidate.id,
                        'score': float(proposal.score), 'rules_version': RULES_VERSION})]
        for target, days_ago in plan.steps[1:]:
            self.step(proposal, plan, target, self.at(days_ago))
        proposal.updated_at = proposal.state_changed_at
        db.session.add(proposal)
        db.session.flush()
        for action, actor, _, when, details in self.audit:
            if 'follow_up_month' in details:  # the follow-up's id is known now
                month = details.pop('follow_up_month')
                details = {'follow_up_id': next(f.id for f in proposal.follow_ups if f.month == month), **details}
            db.session.add(AuditEvent(
                actor_id=actor.id if actor else None, actor_kind='user' if actor else 'system', action=action,
                object_type='Proposal', object_id=str(proposal.id), region_id=proposal.region_id, details=details,
                occurred_at=when))
        self.after(proposal, plan)
        return proposal

    def step(self, proposal: Proposal, plan: 'Plan', target: ProposalState, when: datetime) -> None:
        """One step as its operation takes it; the follow-ups of a hire are recorded before it ends."""
        rng, manager, employer = self.rng, proposal.accountmanager, proposal.need.created_by
        actor, note, details = manager, None, {}
        if target == S.SENT:
            proposal.sent_at = when
            proposal.card = build_card(proposal, when.date())
        elif target in (S.INTERESTED, S.DECLINED):
            actor, proposal.responded_at = employer, when
            if target == S.DECLINED:
                reason = rng.choices(list(DECLINES), weights=list(DECLINES.values()))[0]
                proposal.decline_reason = reason
                if reason == DeclineReason.OTHER or rng.random() < 0.6:
                    note = proposal.decline_text = data.DECLINE_TEXTS[reason.value]
                details = {'reason': reason.value}
        elif target == S.WITHDRAWN:
            note = rng.choice(data.WITHDRAW_REASONS)
        elif target == S.INTRODUCED:
            details = self.introduce(proposal, when)
        elif target == S.INTAKE:
            proposal.intake_on = when.date()
            details = {'intake_on': proposal.intake_on.isoformat()}
        elif target == S.TRIAL:
            proposal.trial_starts_on, proposal.trial_ends_on = plan.trial
            details = {'starts_on': plan.trial[0].isoformat(), 'ends_on': plan.trial[1].isoformat()}
        elif target == S.HIRED:
            details = self.hire(proposal, plan)
        elif target == S.ENDED:
            reason = plan.end_reason
            note = proposal.end_text = data.END_TEXTS[reason.value] if rng.random() < 0.7 else None
            proposal.ended_at, proposal.end_reason = when, reason
            proposal.returned_to_benefits = reason not in OFF_BENEFITS
            details = {'reason': reason.value, 'returned_to_benefits': proposal.returned_to_benefits}
        previous = proposal.state
        event = proposal.move_to(target, actor=actor, note=note, data=details)
        event.at = proposal.state_changed_at = when
        self.audit.append((f'proposal.{STEPS[target]}', actor, proposal, when,
                           {'from': previous.value, 'to': target.value, **details}))
        if target == S.HIRED:
            self.follow_ups(proposal, plan)
        if target == S.INTRODUCED:
            self.audit.append(('proposal.identity_disclosed', manager, proposal, when, {
                'organisation_id': proposal.organisation_id, 'candidate_id': proposal.candidate_id,
                'consent_on': proposal.identity_consent_on.isoformat(), 'shared': ['name', 'email']}))

    def introduce(self, proposal: Proposal, when: datetime) -> dict[str, Any]:
        """The job seeker agreed to meet this employer: their name (first name and an initial) and email are shared."""
        candidate = proposal.candidate
        initial = self.rng.choice(data.INITIALS)
        proposal.identity_consent_on = when.date() - timedelta(days=self.rng.randint(0, 2))
        proposal.shared_name = f'{candidate.first_name} {initial}.'
        proposal.shared_email = (f'{ascii_name(candidate.first_name)}.{initial.lower()}{self.rng.randint(10, 99)}'
                                 '@kandidaat.demo.kansenkamer.nl')
        return {'consent_on': proposal.identity_consent_on.isoformat()}

    def hire(self, proposal: Proposal, plan: 'Plan') -> dict[str, Any]:
        candidate, need = proposal.candidate, proposal.need
        instruments = []
        if candidate.loonwaarde is not None and need.open_to_wage_subsidy:
            instruments.append(Instrument.WAGE_SUBSIDY.value)
        if SupportNeed.JOB_COACH.value in candidate.support_needs and need.open_to_job_coach:
            instruments.append(Instrument.JOB_COACH.value)
        if TargetGroup.DOELGROEPREGISTER.value in candidate.target_groups and self.rng.random() < 0.6:
            instruments.append(Instrument.NO_RISK_POLICY.value)
        proposal.contract_type = need.contract_type
        proposal.hours_per_week = proposed_hours(candidate, need)
        proposal.job_starts_on = plan.job_start
        proposal.instruments = instruments
        return {'contract_type': need.contract_type.value, 'hours_per_week': proposal.hours_per_week,
                'starts_on': plan.job_start.isoformat(), 'instruments': instruments}

    def follow_ups(self, proposal: Proposal, plan: 'Plan') -> None:
        """The checks at 3, 6 and 12 months: some recorded, a due 12-month one reminded, a due 3-month one not."""
        for month in FOLLOW_UP_MONTHS:
            follow_up = FollowUp(month=month, due_on=add_months(plan.job_start, month))
            proposal.follow_ups.append(follow_up)
            if month in plan.follow_ups:
                employed, days_ago = plan.follow_ups[month]
                follow_up.recorded_at = self.at(days_ago)
                follow_up.recorded_by_id = proposal.accountmanager.id
                follow_up.still_employed = employed
                follow_up.note = self.rng.choice(data.FOLLOW_UP_NOTES) if employed else None
                self.audit.append(('proposal.follow_up', proposal.accountmanager, proposal, follow_up.recorded_at,
                                   {'follow_up_month': month, 'month': month, 'still_employed': employed}))
            elif plan.kind == 'hired_12m_due' and month == 12:
                follow_up.reminded_at = self.caseload.moment(follow_up.due_on, 6)
                self.audit.append(('proposal.remind_follow_up', None, proposal, follow_up.reminded_at,
                                   {'follow_up_month': month, 'month': month,
                                    'due_on': follow_up.due_on.isoformat()}))

    def after(self, proposal: Proposal, plan: 'Plan') -> None:
        """Someone who got the job left the caseload for work on the day it started."""
        candidate = proposal.candidate
        if plan.job_start is None or plan.end_reason not in FOUND_WORK:
            return
        candidate.status, candidate.left_reason = CandidateStatus.LEFT, 'found_work'
        candidate.left_at = self.caseload.moment(plan.job_start, 8)
        self.caseload.events.append(('candidate.left', candidate.accountmanager, candidate, candidate.left_at,
                                     {'reason': 'found_work'}))


def ascii_name(name: str) -> str:
    """Mariënberg → marienberg: for the made-up email addresses."""
    return unicodedata.normalize('NFKD', name).encode('ascii', 'ignore').decode().lower()
