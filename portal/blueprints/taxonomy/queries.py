"""Reading the shared list: is a label taken, a page of entries, and how often each entry is used."""

from collections import Counter

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, or_, select

from portal.extensions import db
from portal.models.demand import InnovationEffect, NeedSkill, StaffingNeed, effect_skills
from portal.models.taxonomy import Occupation, Skill

PER_PAGE = 50
#: the `status` filter of the lists: entries offered in forms, or switched off
STATUS_FILTERS = {'actief': True, 'uit': False}


def label_taken(model: type[Occupation] | type[Skill], column: str, value: str, *,
                exclude_id: int | None = None) -> bool:
    """Whether another entry already has this label (ignoring case and surrounding spaces)."""
    attribute = getattr(model, column)
    query = select(func.count(model.id)).where(func.lower(attribute) == value.strip().lower())
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return db.session.scalar(query) > 0


def esco_uri_taken(value: str, *, exclude_id: int | None = None) -> bool:
    query = select(func.count(Skill.id)).where(Skill.esco_uri == value.strip())
    if exclude_id is not None:
        query = query.where(Skill.id != exclude_id)
    return db.session.scalar(query) > 0


def search(model: type[Occupation] | type[Skill], *, text: str | None, status: str | None, locale: str,
           page: int) -> Pagination:
    """A page of entries whose label (in either language) contains `text`, or whose ISCO code starts with it."""
    query = select(model)
    if text:
        needle = text.strip().lower()
        conditions = [func.lower(model.label_nl).contains(needle, autoescape=True),
                      func.lower(model.label_en).contains(needle, autoescape=True)]
        if model is Occupation:
            conditions.append(Occupation.isco_code.startswith(needle, autoescape=True))
        query = query.where(or_(*conditions))
    if status in STATUS_FILTERS:
        query = query.where(model.is_active.is_(STATUS_FILTERS[status]))
    label = model.label_en if locale.startswith('en') else model.label_nl
    return db.paginate(query.order_by(func.lower(label), model.id), page=page, per_page=PER_PAGE, error_out=False)


def _count(pairs) -> Counter:
    counts: Counter = Counter()
    for entry_id, count in pairs:
        counts[entry_id] += count
    return counts


def occupation_usage(ids: list[int]) -> Counter:
    """How many staffing needs and plan effects use each of these occupations (in any state)."""
    if not ids:
        return Counter()
    needs = db.session.execute(select(StaffingNeed.occupation_id, func.count())
                               .where(StaffingNeed.occupation_id.in_(ids)).group_by(StaffingNeed.occupation_id))
    effects = db.session.execute(select(InnovationEffect.occupation_id, func.count())
                                 .where(InnovationEffect.occupation_id.in_(ids))
                                 .group_by(InnovationEffect.occupation_id))
    return _count(needs) + _count(effects)


def skill_usage(ids: list[int]) -> Counter:
    """How many staffing needs and plan effects ask for each of these skills."""
    if not ids:
        return Counter()
    needs = db.session.execute(select(NeedSkill.skill_id, func.count())
                               .where(NeedSkill.skill_id.in_(ids)).group_by(NeedSkill.skill_id))
    effects = db.session.execute(select(effect_skills.c.skill_id, func.count())
                                 .where(effect_skills.c.skill_id.in_(ids)).group_by(effect_skills.c.skill_id))
    return _count(needs) + _count(effects)


def totals() -> dict[str, int]:
    """How many occupations and skills there are, and how many of each are offered in forms."""
    def count(model, *conditions) -> int:
        return db.session.scalar(select(func.count(model.id)).where(*conditions)) or 0

    return {'occupations': count(Occupation), 'occupations_active': count(Occupation, Occupation.is_active),
            'skills': count(Skill), 'skills_active': count(Skill, Skill.is_active)}
