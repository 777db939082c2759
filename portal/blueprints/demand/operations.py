"""The employer's demand: staffing needs and innovation plans, from draft to filled, renewed or expired.

Plain functions; the actor is passed in; they flush and never commit. Submitting and
withdrawing live in moderation.py, which the staff's decisions share; these call it.
"""

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.demand import moderation
from portal.core.audit import record_event
from portal.core.dbtypes import TIMEZONE, add_months, today, utcnow  # noqa: F401 (today: the demand views read it here)
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.demand import (
    OPENNESS,
    ContractType,
    EffectDirection,
    Horizon,
    InnovationEffect,
    InnovationPlan,
    LanguageLevel,
    NeedSkill,
    PlanTheme,
    PlanVisibility,
    StaffingNeed,
)
from portal.models.moderation import PostingState, Review, ReviewState
from portal.models.organisations import Organisation
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality

Posting = StaffingNeed | InnovationPlan

#: a need runs this long by default, and again after renewing
RUNS_FOR_MONTHS = 6
#: an end date at most this far ahead
MAX_MONTHS_AHEAD = 12
#: the reminder goes out this many days before the end date
REMINDER_DAYS = 14


class DemandRefused(OperationRefused):
    pass


def default_end(now: datetime | None = None) -> date:
    return add_months(today(now), RUNS_FOR_MONTHS)


def latest_end(now: datetime | None = None) -> date:
    return add_months(today(now), MAX_MONTHS_AHEAD)


def _check_member(actor: User, organisation: Organisation) -> None:
    if actor.membership_of(organisation) is None:
        raise DemandRefused(_l('Only people who work for the organisation can do this.'))


def _get(model, ident, message):
    obj = db.session.get(model, ident) if ident is not None else None
    if obj is None or getattr(obj, 'is_active', True) is False:
        raise DemandRefused(message)
    return obj


def _skills(ids) -> list[Skill]:
    ids = list(dict.fromkeys(ids or ()))
    skills = list(db.session.scalars(select(Skill).where(Skill.id.in_(ids)))) if ids else []
    if len(skills) != len(ids):
        raise DemandRefused(_l('Choose skills from the list.'))
    return sorted(skills, key=lambda skill: ids.index(skill.id))


# Staffing needs -----------------------------------------------------------------------------

def _apply_need(need: StaffingNeed, fields: dict[str, Any]) -> None:
    with db.session.no_autoflush:  # the lookups below must not flush a half-changed need
        _set_need_fields(need, fields)


def _set_need_fields(need: StaffingNeed, fields: dict[str, Any]) -> None:
    need.title = fields['title']
    need.description = fields.get('description') or None
    need.occupation = _get(Occupation, fields['occupation_id'], _l('Choose an occupation from the list.'))
    need.positions = fields['positions']
    need.hours_min, need.hours_max = fields['hours_min'], fields['hours_max']
    need.contract_type = ContractType(fields['contract_type'])
    need.municipality = _get(Municipality, fields['municipality_id'], _l('Choose the municipality.'))
    need.postcode = fields.get('postcode') or None
    need.day_parts = sorted(set(fields.get('day_parts') or ()))
    need.language_level = LanguageLevel(fields['language_level'])
    need.start_on = fields.get('start_on')
    need.horizon = Horizon(fields['horizon'])
    for name in OPENNESS:
        setattr(need, name, bool(fields.get(name)))
    need.ends_on = fields['ends_on']
    required = _skills(fields.get('required_skill_ids'))
    wished = [s for s in _skills(fields.get('wished_skill_ids')) if s not in required]
    wanted = {s.id: (s, True) for s in required} | {s.id: (s, False) for s in wished}
    # update the links in place: a skill that stays keeps its row
    for link in list(need.skill_links):
        if link.skill_id not in wanted:
            need.skill_links.remove(link)
        else:
            link.is_required = wanted.pop(link.skill_id)[1]
    for skill, is_required in wanted.values():
        need.skill_links.append(NeedSkill(skill=skill, is_required=is_required))


def _content(posting: Posting) -> dict[str, Any]:
    """What a change is judged on: the public version, less the end date (renewing is not a change of content)."""
    content = posting.snapshot()
    content.pop('ends_on', None)
    return content


def _sync_end_date(need: StaffingNeed) -> None:
    """The end date is not moderated: the approved version and the one under review follow it at once."""
    if need.published_snapshot is not None:
        need.published_snapshot = {**need.published_snapshot, 'ends_on': need.ends_on.isoformat()}
    review = need.pending_review
    if review is not None:
        review.snapshot = {**review.snapshot, 'ends_on': need.ends_on.isoformat()}


def create_need(actor: User, organisation: Organisation, *, submit: bool = False, **fields: Any) -> StaffingNeed:
    """A new staffing need of `organisation`: a draft, or submitted at once when `submit`."""
    _check_member(actor, organisation)
    need = StaffingNeed(organisation=organisation, region_id=organisation.region_id, created_by=actor,
                        state=PostingState.DRAFT)
    _apply_need(need, fields)
    db.session.add(need)
    db.session.flush()
    record_event('need.create', actor=actor, obj=need, details={'title': need.title})
    if submit:
        submit_posting(actor, need)
    return need


def update_need(actor: User, need: StaffingNeed, *, submit: bool = False, **fields: Any) -> str:
    """Save the changes. Returns 'saved', 'submitted', or 'revision' (a published need changed in content,
    sent for approval while the approved version stays visible)."""
    if not need.can_edit(actor):
        raise DemandRefused(_l('This can no longer be changed.'))
    before, ends_on = _content(need), need.ends_on
    _apply_need(need, fields)
    db.session.flush()
    material = _content(need) != before
    if need.ends_on != ends_on:
        _sync_end_date(need)
    record_event('need.update', actor=actor, obj=need,
                 details={'material': material, 'ends_on': need.ends_on.isoformat()})
    return _after_edit(actor, need, submit=submit, material=material)


def _after_edit(actor: User, posting: Posting, *, submit: bool, material: bool) -> str:
    if posting.state == PostingState.PUBLISHED:
        if not material:
            return 'saved'
        submit_posting(actor, posting)
        return 'revision'
    if submit:
        submit_posting(actor, posting)
        return 'submitted'
    return 'saved'


def submit_posting(actor: User, posting: Posting) -> Review:
    """Send it to staff (moderation.submit_for_review), once it is complete enough to be judged."""
    if isinstance(posting, StaffingNeed) and posting.ends_on < today():
        raise DemandRefused(_l('The end date has passed: renew it or choose a new end date first.'))
    if isinstance(posting, InnovationPlan) and not posting.effects:
        raise DemandRefused(_l('Add at least one effect on your staff before you submit the plan.'))
    return moderation.submit_for_review(actor, posting)


def fill_need(actor: User, need: StaffingNeed) -> None:
    """The positions are filled: it is no longer shown, and a review still waiting is called off."""
    if not need.can_fill(actor):
        raise DemandRefused(_l('This cannot be marked as filled in its current state.'))
    previous = need.state
    _cancel_pending_review(need)
    need.state = PostingState.FILLED
    db.session.flush()
    record_event('need.fill', actor=actor, obj=need, details={'previous_state': previous.value})


def renew_need(actor: User, need: StaffingNeed, *, now: datetime | None = None) -> date:
    """Run it for another six months from today. An expired need comes back as it was approved, or as a draft."""
    if not need.can_renew(actor):
        raise DemandRefused(_l('This cannot be renewed in its current state.'))
    previous = need.state
    need.ends_on = default_end(now)
    need.expiry_reminder_sent_at = None
    if previous == PostingState.EXPIRED:
        need.state = PostingState.PUBLISHED if need.published_snapshot is not None else PostingState.DRAFT
    _sync_end_date(need)
    db.session.flush()
    record_event('need.renew', actor=actor, obj=need,
                 details={'ends_on': need.ends_on.isoformat(), 'previous_state': previous.value,
                          'state': need.state.value})
    return need.ends_on


def _cancel_pending_review(posting: Posting) -> None:
    review = posting.pending_review
    if review is not None:
        review.state = ReviewState.CANCELLED


def delete_draft(actor: User, posting: Posting) -> None:
    """Remove a draft that was never submitted; a submitted posting keeps its history and is withdrawn instead."""
    if not posting.can_delete(actor):
        raise DemandRefused(_l('Only a draft that was never submitted can be deleted.'))
    record_event(f'{posting.KIND.value}.delete', actor=actor, obj=posting, details={'title': posting.title})
    db.session.delete(posting)
    db.session.flush()


# Innovation plans ---------------------------------------------------------------------------

def _apply_plan(plan: InnovationPlan, fields: dict[str, Any]) -> None:
    with db.session.no_autoflush:
        _set_plan_fields(plan, fields)


def _set_plan_fields(plan: InnovationPlan, fields: dict[str, Any]) -> None:
    plan.title = fields['title']
    plan.theme = PlanTheme(fields['theme'])
    plan.timeframe = Horizon(fields['timeframe'])
    plan.description = fields['description']
    plan.visibility = PlanVisibility(fields['visibility'])
    effects = []
    for row in fields.get('effects') or ():
        effects.append(InnovationEffect(
            occupation=_get(Occupation, row['occupation_id'], _l('Choose an occupation from the list.')),
            direction=EffectDirection(row['direction']), headcount=row['headcount'],
            by_when=Horizon(row['by_when']), training_need=row.get('training_need') or None,
            skills=_skills(row.get('skill_ids'))))
    plan.effects = effects


def create_plan(actor: User, organisation: Organisation, *, submit: bool = False, **fields: Any) -> InnovationPlan:
    """A new innovation plan of `organisation` with its effect rows: a draft, or submitted at once."""
    _check_member(actor, organisation)
    plan = InnovationPlan(organisation=organisation, region_id=organisation.region_id, created_by=actor,
                          state=PostingState.DRAFT)
    _apply_plan(plan, fields)
    db.session.add(plan)
    db.session.flush()
    record_event('plan.create', actor=actor, obj=plan, details={'title': plan.title, 'effects': len(plan.effects)})
    if submit:
        submit_posting(actor, plan)
    return plan


def update_plan(actor: User, plan: InnovationPlan, *, submit: bool = False, **fields: Any) -> str:
    """Save the changes; returns 'saved', 'submitted' or 'revision', as update_need does."""
    if not plan.can_edit(actor):
        raise DemandRefused(_l('This can no longer be changed.'))
    before = _content(plan)
    _apply_plan(plan, fields)
    db.session.flush()
    material = _content(plan) != before
    record_event('plan.update', actor=actor, obj=plan, details={'material': material, 'effects': len(plan.effects)})
    return _after_edit(actor, plan, submit=submit, material=material)


# the periodic job's operations live beside these; importable from here like the others
from portal.blueprints.demand.operations_expiry import expire_needs, send_expiry_reminders  # noqa: E402,F401
