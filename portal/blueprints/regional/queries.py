"""What the region's staff pages read: the region's submitted staffing needs, filtered, and its plans.

`demand_query(region_id, filters)` is the one place that decides which needs a filter selects;
the demand list, its CSV export and the outlook use it, so a filter means the same everywhere.
It never includes drafts: those belong to their organisation alone.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, case, exists, select
from sqlalchemy.orm import joinedload, selectinload

from portal.extensions import db
from portal.models.demand import OPENNESS, Horizon, InnovationEffect, InnovationPlan, NeedSkill, StaffingNeed
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from portal.models.organisations import Organisation
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality

#: the orders a list can take; the first is the default
SORTS = ('newest', 'oldest', 'horizon', 'ends_on', 'organisation')
#: horizons from the nearest to the farthest, for sorting
HORIZON_ORDER = tuple(Horizon)
#: every state a submitted need or plan can be in (drafts never leave their organisation; only activities are cancelled)
SUBMITTED_STATES = tuple(state for state in PostingState if state not in {PostingState.DRAFT, PostingState.CANCELLED})


@dataclass(frozen=True)
class DemandFilters:
    """A staff member's choice of needs; empty fields do not filter."""

    occupation_id: int | None = None
    skill_id: int | None = None
    #: where the work is
    municipality_id: int | None = None
    horizon: Horizon | None = None
    #: the need must be open to all of these (names from demand.OPENNESS)
    openness: tuple[str, ...] = field(default_factory=tuple)
    #: None: every submitted state
    state: PostingState | None = PostingState.PUBLISHED
    #: part of the title
    text: str = ''
    sort: str = SORTS[0]


def _like_pattern(text: str) -> str:
    escaped = text.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')
    return f'%{escaped}%'


def demand_conditions(region_id: int, filters: DemandFilters | None = None) -> list[ColumnElement[bool]]:
    """The WHERE clauses on StaffingNeed for the region and `filters` (for aggregates over the same choice)."""
    filters = filters or DemandFilters()
    conditions: list[ColumnElement[bool]] = [StaffingNeed.region_id == region_id]
    if filters.state is None:
        conditions.append(StaffingNeed.state.in_(SUBMITTED_STATES))
    elif filters.state == PostingState.DRAFT:
        raise ValueError('drafts are not part of the region’s demand')
    else:
        conditions.append(StaffingNeed.state == filters.state)
    if filters.occupation_id:
        conditions.append(StaffingNeed.occupation_id == filters.occupation_id)
    if filters.skill_id:
        conditions.append(exists().where(NeedSkill.need_id == StaffingNeed.id, NeedSkill.skill_id == filters.skill_id))
    if filters.municipality_id:
        conditions.append(StaffingNeed.municipality_id == filters.municipality_id)
    if filters.horizon:
        conditions.append(StaffingNeed.horizon == filters.horizon)
    for name in filters.openness:
        if name not in OPENNESS:
            raise ValueError(f'unknown openness {name!r}')
        conditions.append(getattr(StaffingNeed, name).is_(True))
    text = (filters.text or '').strip()
    if text:
        conditions.append(StaffingNeed.title.ilike(_like_pattern(text), escape='\\'))
    return conditions


def _order(query: Select, sort: str) -> Select:
    if sort == 'oldest':
        return query.order_by(StaffingNeed.created_at, StaffingNeed.id)
    if sort == 'horizon':
        rank = case({horizon: i for i, horizon in enumerate(HORIZON_ORDER)}, value=StaffingNeed.horizon)
        return query.order_by(rank, StaffingNeed.ends_on, StaffingNeed.id)
    if sort == 'ends_on':
        return query.order_by(StaffingNeed.ends_on, StaffingNeed.id)
    if sort == 'organisation':
        return (query.join(Organisation, Organisation.id == StaffingNeed.organisation_id)
                .order_by(Organisation.name, StaffingNeed.created_at.desc(), StaffingNeed.id.desc()))
    return query.order_by(StaffingNeed.created_at.desc(), StaffingNeed.id.desc())


def demand_query(region_id: int, filters: DemandFilters | None = None) -> Select:
    """The region's submitted needs that match `filters`, in the chosen order; no relationships loaded.

    Add `with_list_loading()` before showing rows; aggregate with `demand_conditions()` instead.
    """
    filters = filters or DemandFilters()
    if filters.sort not in SORTS:
        raise ValueError(f'unknown sort {filters.sort!r}')
    return _order(select(StaffingNeed).where(*demand_conditions(region_id, filters)), filters.sort)


def with_list_loading(query: Select) -> Select:
    """Load what a row of the list or the export shows in a fixed number of queries, however many rows."""
    return query.options(joinedload(StaffingNeed.occupation), joinedload(StaffingNeed.organisation),
                         joinedload(StaffingNeed.municipality),
                         selectinload(StaffingNeed.skill_links).joinedload(NeedSkill.skill))


def pending_revision_ids(kind: PostingKind, posting_ids: Sequence[int]) -> set[int]:
    """Which of these (published) postings have a changed version waiting for review."""
    if not posting_ids:
        return set()
    return set(db.session.scalars(select(Review.posting_id).where(
        Review.posting_kind == kind, Review.posting_id.in_(list(posting_ids)), Review.state == ReviewState.PENDING,
        Review.is_revision.is_(True))))


def plans_query(region_id: int, state: PostingState | None = PostingState.PUBLISHED) -> Select:
    """The region's submitted innovation plans (None: every submitted state), newest first, effects loaded."""
    query = select(InnovationPlan).where(InnovationPlan.region_id == region_id)
    if state is None:
        query = query.where(InnovationPlan.state.in_(SUBMITTED_STATES))
    else:
        query = query.where(InnovationPlan.state == state)
    return (query.options(joinedload(InnovationPlan.organisation),
                          selectinload(InnovationPlan.effects).joinedload(InnovationEffect.occupation))
            .order_by(InnovationPlan.created_at.desc(), InnovationPlan.id.desc()))


# The choices of the demand filter: only what the region's submitted needs use ---------------

def _labelled(rows, locale: str) -> list[tuple[int, str]]:
    english = str(locale).startswith('en')
    return sorted(((row.id, row.label_en if english else row.label_nl) for row in rows),
                  key=lambda choice: choice[1].lower())


def region_occupations(region_id: int, locale: str) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Occupation.id, Occupation.label_nl, Occupation.label_en).distinct()
        .join(StaffingNeed, StaffingNeed.occupation_id == Occupation.id)
        .where(StaffingNeed.region_id == region_id, StaffingNeed.state.in_(SUBMITTED_STATES)))
    return _labelled(rows, locale)


def region_skills(region_id: int, locale: str) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Skill.id, Skill.label_nl, Skill.label_en).distinct()
        .join(NeedSkill, NeedSkill.skill_id == Skill.id).join(StaffingNeed, StaffingNeed.id == NeedSkill.need_id)
        .where(StaffingNeed.region_id == region_id, StaffingNeed.state.in_(SUBMITTED_STATES)))
    return _labelled(rows, locale)


def region_municipalities(region_id: int) -> list[tuple[int, str]]:
    rows = db.session.execute(select(Municipality.id, Municipality.name)
                              .where(Municipality.region_id == region_id).order_by(Municipality.name))
    return [(municipality_id, name) for municipality_id, name in rows]
