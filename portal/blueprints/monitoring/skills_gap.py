"""The region's skills gap: skills employers ask for against skills the active caseload has.

Asked: the approved version of each published staffing need (its positions, for every required
and every wished-for skill) and of each published innovation plan (the headcount of every effect
that grows or is new, for each of its skills). Present: job seekers in the caseload who are
active and not anonymised, counted once per skill, and how many of them have it at level good
or expert. A count of fewer than `min_group` job seekers is not shown, nor anything it could be
worked back from (the shortage, or the people below level good).
"""

from dataclasses import dataclass

from sqlalchemy import case, func, select

from portal.extensions import db
from portal.models.caseload import Candidate, CandidateSkill, CandidateStatus, SkillLevel
from portal.models.demand import EffectDirection, InnovationPlan, StaffingNeed
from portal.models.moderation import PostingState
from portal.models.taxonomy import Skill

TOP = 30
GROWING = {EffectDirection.GROWS.value, EffectDirection.NEW.value}


@dataclass(frozen=True)
class SkillGap:
    label: str
    #: positions in needs that require it / wish for it, and people in plans' growing or new effects
    required: int
    wished: int
    plans: int
    #: job seekers with the skill, and those of them at level good or expert; None when suppressed
    people: int | None
    skilled: int | None
    #: asked − people; when `people` is suppressed, the least it can be (`is_lower_bound`)
    shortage: int
    is_lower_bound: bool = False

    @property
    def asked(self) -> int:
        return self.required + self.wished + self.plans


def _asked(region_id: int) -> dict[int, list[int]]:
    """Per skill id: [required positions, wished positions, plan headcount], from the approved versions."""
    asked: dict[int, list[int]] = {}
    for snapshot in db.session.scalars(select(StaffingNeed.published_snapshot).where(
            StaffingNeed.region_id == region_id, StaffingNeed.state == PostingState.PUBLISHED)):
        if not snapshot:
            continue
        positions = int(snapshot.get('positions') or 0)
        for column, key in ((0, 'required_skills'), (1, 'wished_skills')):
            for skill in snapshot.get(key) or ():
                asked.setdefault(int(skill['id']), [0, 0, 0])[column] += positions
    for snapshot in db.session.scalars(select(InnovationPlan.published_snapshot).where(
            InnovationPlan.region_id == region_id, InnovationPlan.state == PostingState.PUBLISHED)):
        for effect in (snapshot or {}).get('effects') or ():
            if effect.get('direction') not in GROWING:
                continue
            for skill in effect.get('skills') or ():
                asked.setdefault(int(skill['id']), [0, 0, 0])[2] += int(effect.get('headcount') or 0)
    return asked


def _present(region_id: int) -> dict[int, tuple[int, int]]:
    """Per skill id: (active job seekers with it, of whom at level good or expert)."""
    skilled = func.count(case((CandidateSkill.level.in_([SkillLevel.GOOD, SkillLevel.EXPERT]), 1)))
    rows = db.session.execute(
        select(CandidateSkill.skill_id, func.count(), skilled)
        .join(Candidate, Candidate.id == CandidateSkill.candidate_id)
        .where(Candidate.region_id == region_id, Candidate.status == CandidateStatus.ACTIVE,
               Candidate.anonymised_at.is_(None))
        .group_by(CandidateSkill.skill_id))
    return {skill_id: (people, good) for skill_id, people, good in rows}


def region_skills_gap(region_id: int, locale: str, min_group: int) -> list[SkillGap]:
    """Every skill asked for or present in the region, largest shortage first."""
    asked, present = _asked(region_id), _present(region_id)
    ids = set(asked) | set(present)
    labels = {skill.id: skill.label(locale) for skill in db.session.scalars(select(Skill).where(Skill.id.in_(ids)))}
    gaps = []
    for skill_id in ids:
        required, wished, plans = asked.get(skill_id, (0, 0, 0))
        people, good = present.get(skill_id, (0, 0))
        total = required + wished + plans
        if people < min_group:
            # the shortage would give the small number away: show the least it can be
            gap = SkillGap(labels[skill_id], required, wished, plans, None, None, total - (min_group - 1), True)
        else:
            below = people - good
            shown_good = good if good >= min_group and not 0 < below < min_group else None
            gap = SkillGap(labels[skill_id], required, wished, plans, people, shown_good, total - people)
        gaps.append(gap)
    return sorted(gaps, key=lambda gap: (-gap.shortage, -gap.asked, gap.label.lower()))
