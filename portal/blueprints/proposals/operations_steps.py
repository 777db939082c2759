"""Match proposals after the employer's interest: introduction, intake, trial placement, hire, follow-ups, end.

Staff of the region take each step; each goes through `Proposal.move_to` and is audited.
The job seeker's identity reaches the employer only through `introduce_candidate`, after
their consent is recorded.
"""

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from portal.blueprints.proposals import operations as base
from portal.core.audit import record_event
from portal.core.dbtypes import add_months, utcnow
from portal.core.dbtypes import today as dutch_today
from portal.extensions import db
from portal.models.demand import ContractType
from portal.models.matching import FOLLOW_UP_MONTHS, EndReason, FollowUp, Instrument, Proposal, ProposalState

S = ProposalState
ProposalRefused = base.ProposalRefused
#: a trial placement (proefplaatsing) lasts at most this long
TRIAL_MONTHS = 6


def _begin(actor, proposal: Proposal, *states: ProposalState) -> Proposal:
    base.check_staff(actor, proposal)
    proposal = base.locked(proposal)
    base.refuse_unless(proposal, *states)
    return proposal


def introduce_candidate(actor, proposal: Proposal, *, consent_on: date | None, has_consent: bool, name: str,
                        phone: str | None = None, email: str | None = None, today: date | None = None) -> int:
    """Record the job seeker's consent to share their identity with this employer, and what is shared.

    From now on the employer sees the name and contact; the mail itself says only that the
    introduction is ready. Returns how many people were mailed.
    """
    today = today or dutch_today()
    proposal = _begin(actor, proposal, S.INTERESTED)
    if not has_consent or consent_on is None:
        raise ProposalRefused(_l('Record that the job seeker consented, and on which day.'))
    if consent_on > today:
        raise ProposalRefused(_l('The day of consent cannot be in the future.'))
    if proposal.candidate.anonymised_at is not None:
        raise ProposalRefused(_l('The profile has been anonymised.'))
    name = (name or '').strip()
    phone, email = (phone or '').strip() or None, (email or '').strip() or None
    if not name or not (phone or email):
        raise ProposalRefused(_l('Share the name and a phone number or an email address.'))
    proposal.identity_consent_on = consent_on
    proposal.shared_name, proposal.shared_phone, proposal.shared_email = name, phone, email
    base.take_step(actor, proposal, S.INTRODUCED, 'introduce', data={'consent_on': consent_on.isoformat()})
    record_event('proposal.identity_disclosed', actor=actor, obj=proposal,
                 details={'organisation_id': proposal.organisation_id, 'candidate_id': proposal.candidate_id,
                          'consent_on': consent_on.isoformat(),
                          'shared': [key for key, value in (('name', name), ('phone', phone), ('email', email))
                                     if value]})
    return base._mail_employer(proposal, 'introduced')


def sent_on(proposal: Proposal) -> date:
    """The Dutch day the proposal reached the employer: nothing that follows can come before it."""
    return dutch_today(proposal.sent_at)


def record_intake(actor, proposal: Proposal, *, intake_on: date | None) -> None:
    proposal = _begin(actor, proposal, S.INTRODUCED)
    if intake_on is None:
        raise ProposalRefused(_l('Fill in the date of the intake.'))
    if proposal.sent_at is not None and intake_on < sent_on(proposal):
        raise ProposalRefused(_l('The intake cannot be before the proposal was sent on %(date)s.',
                                 date=format_date(sent_on(proposal), 'long')))
    proposal.intake_on = intake_on
    base.take_step(actor, proposal, S.INTAKE, 'intake', data={'intake_on': intake_on.isoformat()})


def start_trial(actor, proposal: Proposal, *, starts_on: date | None, ends_on: date | None) -> None:
    """A trial placement (proefplaatsing): unpaid, benefit kept, at most six months."""
    proposal = _begin(actor, proposal, S.INTAKE)
    if starts_on is None or ends_on is None:
        raise ProposalRefused(_l('Fill in when the trial placement starts and when it is planned to end.'))
    if proposal.intake_on is not None and starts_on < proposal.intake_on:
        raise ProposalRefused(_l('The trial placement cannot start before the intake on %(date)s.',
                                 date=format_date(proposal.intake_on, 'long')))
    if ends_on <= starts_on:
        raise ProposalRefused(_l('The planned end must come after the start.'))
    if ends_on > add_months(starts_on, TRIAL_MONTHS):
        raise ProposalRefused(_l('A trial placement lasts at most 6 months: end it on %(date)s at the latest.',
                                 date=format_date(add_months(starts_on, TRIAL_MONTHS), 'long')))
    proposal.trial_starts_on, proposal.trial_ends_on = starts_on, ends_on
    base.take_step(actor, proposal, S.TRIAL, 'trial',
                   data={'starts_on': starts_on.isoformat(), 'ends_on': ends_on.isoformat()})


def record_hire(actor, proposal: Proposal, *, contract_type: str, hours_per_week: int | None,
                starts_on: date | None, instruments: list[str] | None = None) -> list[FollowUp]:
    """The job seeker got the job; follow-ups are planned at 3, 6 and 12 months after the start."""
    proposal = _begin(actor, proposal, S.INTAKE, S.TRIAL)
    if contract_type not in {value.value for value in ContractType}:
        raise ProposalRefused(_l('Choose the kind of contract.'))
    if hours_per_week is None or not 1 <= hours_per_week <= 60:
        raise ProposalRefused(_l('Hours per week must be between 1 and 60.'))
    if starts_on is None:
        raise ProposalRefused(_l('Fill in the day the job starts.'))
    if proposal.trial_starts_on is not None and starts_on < proposal.trial_starts_on:
        raise ProposalRefused(_l('The job cannot start before the trial placement started on %(date)s.',
                                 date=format_date(proposal.trial_starts_on, 'long')))
    if proposal.intake_on is not None and starts_on < proposal.intake_on:
        raise ProposalRefused(_l('The job cannot start before the intake on %(date)s.',
                                 date=format_date(proposal.intake_on, 'long')))
    known = {value.value for value in Instrument}
    instruments = list(dict.fromkeys(instruments or ()))
    if any(value not in known for value in instruments):
        raise ProposalRefused(_l('Choose the instruments from the list.'))
    proposal.contract_type = ContractType(contract_type)
    proposal.hours_per_week = hours_per_week
    proposal.job_starts_on = starts_on
    proposal.instruments = instruments
    follow_ups = [FollowUp(month=month, due_on=add_months(starts_on, month)) for month in FOLLOW_UP_MONTHS]
    proposal.follow_ups.extend(follow_ups)
    base.take_step(actor, proposal, S.HIRED, 'hire',
                   data={'contract_type': contract_type, 'hours_per_week': hours_per_week,
                         'starts_on': starts_on.isoformat(), 'instruments': instruments})
    return follow_ups


def record_follow_up(actor, follow_up: FollowUp, *, still_employed: bool | None, note: str | None = None,
                     today: date | None = None) -> FollowUp:
    """Is the person still employed at 3, 6 or 12 months? A 'no' is followed by ending the proposal."""
    today = today or dutch_today()
    proposal = _begin(actor, follow_up.proposal, S.HIRED)
    if follow_up.is_done:
        raise ProposalRefused(_l('This follow-up has already been recorded.'))
    if follow_up.due_on > today:
        raise ProposalRefused(_l('This follow-up is due on %(date)s: record it from that day.',
                                 date=format_date(follow_up.due_on, 'long')))
    if still_employed is None:
        raise ProposalRefused(_l('Say whether the person still works there.'))
    follow_up.recorded_at = utcnow()
    follow_up.recorded_by_id = actor.id
    follow_up.still_employed = still_employed
    follow_up.note = (note or '').strip() or None
    db.session.flush()
    record_event('proposal.follow_up', actor=actor, obj=proposal,
                 details={'follow_up_id': follow_up.id, 'month': follow_up.month, 'still_employed': still_employed})
    return follow_up


def is_retained(proposal: Proposal) -> bool:
    """Still employed at the 12-month follow-up: only then does a proposal end as 'retained'."""
    return any(f.month == FOLLOW_UP_MONTHS[-1] and f.is_done and f.still_employed for f in proposal.follow_ups)


def end_proposal(actor, proposal: Proposal, *, reason: str, returned_to_benefits: bool | None,
                 text: str | None = None) -> None:
    """Close the proposal with the reason and whether the person went back to benefits."""
    proposal = _begin(actor, proposal, S.INTRODUCED, S.INTAKE, S.TRIAL, S.HIRED)
    if reason not in {value.value for value in EndReason}:
        raise ProposalRefused(_l('Choose the reason it ended.'))
    if reason == EndReason.RETAINED and not (proposal.state == S.HIRED and is_retained(proposal)):
        raise ProposalRefused(_l('“Still employed after 12 months” needs the 12-month follow-up to say so first.'))
    text = (text or '').strip() or None
    if reason == EndReason.OTHER and not text:
        raise ProposalRefused(_l('Describe the reason in a few words.'))
    if returned_to_benefits is None:
        raise ProposalRefused(_l('Say whether the person returned to benefits.'))
    proposal.ended_at = utcnow()
    proposal.end_reason = EndReason(reason)
    proposal.end_text = text
    proposal.returned_to_benefits = returned_to_benefits
    base.take_step(actor, proposal, S.ENDED, 'end', note=text,
                   data={'reason': reason, 'returned_to_benefits': returned_to_benefits})
