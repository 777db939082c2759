"""What the employer sees of a job seeker: the anonymous card, frozen when a proposal is sent.

The card holds codes and numbers, not sentences, so each reader gets it in their own
language. It never holds the first name, the reference, the notes, the postcode area, an
age or the loonwaarde percentage: only what helps an employer decide whether to meet. The
subsidy figures in it are exact (they can be worked back to the loonwaarde), so the employer's
page shows them only after the introduction and a coarse band before (pages.employer_subsidy).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from portal.extensions import db
from portal.matching.subsidy import SubsidyError, SubsidyEstimate, estimate
from portal.models.caseload import Candidate, SupportNeed
from portal.models.demand import StaffingNeed
from portal.models.matching import Proposal
from portal.models.taxonomy import Skill

#: upper bounds (km) of the travel bands an employer sees
BANDS = ((10.0, 'within_10'), (25.0, '10_25'))


def travel_band(km: float | None) -> str:
    if km is None:
        return 'unknown'
    for bound, band in BANDS:
        if km <= bound:
            return band
    return 'over_25'


def part_facts(parts: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for part in parts or ():
        if part.get('name') == name:
            return part.get('facts') or {}
    return {}


def proposed_hours(candidate: Candidate, need: StaffingNeed) -> int:
    """The hours a week the person would work here: as many as both sides allow."""
    return max(1, min(candidate.hours_max, need.hours_max))


def proposed_start(candidate: Candidate, need: StaffingNeed, today: date) -> date:
    return max(need.start_on or today, candidate.available_from, today)


def subsidy_for(candidate: Candidate, need: StaffingNeed, today: date) -> SubsidyEstimate | None:
    """The indicative wage-cost subsidy, when the person has a loonwaarde below 100 and the employer is open to it."""
    if candidate.loonwaarde is None or candidate.loonwaarde >= 100 or not need.open_to_wage_subsidy:
        return None
    try:
        return estimate(candidate.loonwaarde, proposed_hours(candidate, need), proposed_start(candidate, need, today))
    except SubsidyError:
        return None


def subsidy_json(subsidy: SubsidyEstimate | None) -> dict[str, Any] | None:
    """The figures an employer may see (not whether the cap applied, which would hint at the loonwaarde)."""
    if subsidy is None:
        return None
    return {'on': subsidy.on.isoformat(), 'hours': int(subsidy.hours_per_week),
            'subsidy_per_hour': str(subsidy.subsidy_per_hour), 'total_per_hour': str(subsidy.total_per_hour),
            'total_per_month': str(subsidy.total_per_month)}


def subsidy_figures(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored figures back as numbers and a date, for the template."""
    if not data:
        return None
    return {'on': date.fromisoformat(data['on']), 'hours': data['hours'],
            'subsidy_per_hour': Decimal(data['subsidy_per_hour']), 'total_per_hour': Decimal(data['total_per_hour']),
            'total_per_month': Decimal(data['total_per_month'])}


#: what a need can offer that the score's openness part weighs (`explain.INSTRUMENTS`)
NEED_OFFERS = ('trial_placement', 'learn_work', 'wage_subsidy', 'job_coach')


def need_offers(need: StaffingNeed) -> list[str]:
    """What the need offers, in NEED_OFFERS' order: said to the employer instead of the openness part."""
    offered = {name.removeprefix('open_to_') for name in need.openness}
    return [name for name in NEED_OFFERS if name in offered]


def employer_parts(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The score parts as the employer may read them: the distance as a band, not in kilometres, and no openness.

    The openness part weighs what the employer offers against what would help this person, which
    follows from their target groups (doelgroepregister), loonwaarde and education: its facts and its
    points would tell the employer those, so it is left out (the card says what the need offers).
    """
    shown = []
    for part in parts or ():
        part = {**part, 'facts': dict(part.get('facts') or {})}
        if part['name'] == 'openness':
            continue
        if part['name'] == 'distance':
            part['facts'] = {'band': travel_band(part['facts'].get('km'))}
        shown.append(part)
    return shown


def build_card(proposal: Proposal, today: date) -> dict[str, Any]:
    """The anonymous card of the proposal's job seeker for the proposal's need, as it stands today."""
    candidate, need = proposal.candidate, proposal.need
    dutch = candidate.dutch_level
    skills = sorted(candidate.skill_links, key=lambda link: link.skill.label_nl.lower())
    experience = sorted(candidate.experience, key=lambda row: (-row.years, row.occupation.label_nl.lower()))
    support = [value for value in SupportNeed if value.value in (candidate.support_needs or ())]
    parts = employer_parts(proposal.score_parts)
    return {
        'code': candidate.code,
        'skills': [{'id': link.skill_id, 'nl': link.skill.label_nl, 'en': link.skill.label_en,
                    'level': link.level.value} for link in skills],
        'experience': [{'nl': row.occupation.label_nl, 'en': row.occupation.label_en, 'years': row.years}
                       for row in experience],
        'dutch': dutch.value if dutch else None,
        'education': candidate.education_level.value,
        'hours_min': candidate.hours_min,
        'hours_max': candidate.hours_max,
        'available_from': max(candidate.available_from, today).isoformat(),
        'driving_licence': candidate.has_driving_licence,
        'travel': travel_band(part_facts(proposal.score_parts, 'distance').get('km')),
        'support_needs': [value.value for value in support],
        'offers': {'job_coach': SupportNeed.JOB_COACH in support,
                   'wage_subsidy': subsidy_json(subsidy_for(candidate, need, today))},
        #: the parts the employer sees, added up (the openness part's points are not among them)
        'score': round(sum(float(part['points']) for part in parts), 1),
        'parts': parts,
        'need_offers': need_offers(need),
        'part_skills': [{'id': skill.id, 'nl': skill.label_nl, 'en': skill.label_en}
                        for skill in part_skills(proposal.score_parts)],
        'rules_version': proposal.rules_version,
    }


def part_skill_ids(parts: list[dict[str, Any]]) -> list[int]:
    facts = part_facts(parts, 'skills')
    ids = [*facts.get('matched', ()), *facts.get('missing_required', ()), *facts.get('missing_wished', ())]
    return list(dict.fromkeys(int(skill_id) for skill_id in ids))


def part_skills(parts: list[dict[str, Any]]) -> list[Skill]:
    """The skills the score's skills part names (matched and missing), in one query."""
    ids = part_skill_ids(parts)
    if not ids:
        return []
    return sorted(db.session.scalars(select(Skill).where(Skill.id.in_(ids))), key=lambda skill: ids.index(skill.id))


def skill_names(card: dict[str, Any], locale: str) -> dict[int, str]:
    """Skill id → label in `locale`, from the card itself (the card does not change when a skill is renamed)."""
    key = 'en' if str(locale).startswith('en') else 'nl'
    return {skill['id']: skill[key] for skill in [*card.get('part_skills', ()), *card.get('skills', ())]}
