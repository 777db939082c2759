"""What network members see: the approved versions of the region's published needs and shared plans.

Every read here selects `published_snapshot` (and filters on it), never the live columns: a
published posting may carry a newer version that staff have not approved yet, and that one
stays with its organisation until they do.
"""

from dataclasses import dataclass
from math import ceil
from typing import Any

from sqlalchemy import Select, func, select

from portal.extensions import db
from portal.models.demand import InnovationPlan, PlanVisibility, StaffingNeed
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation
from portal.models.taxonomy import Occupation

PER_PAGE = 50
#: network-visible plans are few; a region with more shows the newest this many
PLANS_LIMIT = 200


@dataclass(frozen=True)
class Shown:
    """One approved posting as the network sees it."""

    id: int
    snapshot: dict[str, Any]
    organisation_name: str


@dataclass
class Page:
    items: list[Shown]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(ceil(self.total / self.per_page), 1)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def _occupation_id(model):
    return model.published_snapshot[('occupation', 'id')].as_integer()


def _needs(region_ids: set[int], occupation_id: int | None, horizon: str | None) -> Select:
    query = (select(StaffingNeed.id, StaffingNeed.published_snapshot, Organisation.name)
             .join(Organisation, Organisation.id == StaffingNeed.organisation_id)
             .where(StaffingNeed.region_id.in_(region_ids), StaffingNeed.state == PostingState.PUBLISHED,
                    StaffingNeed.published_snapshot.is_not(None)))
    if occupation_id:
        query = query.where(_occupation_id(StaffingNeed) == occupation_id)
    if horizon:
        query = query.where(StaffingNeed.published_snapshot['horizon'].as_string() == horizon)
    return query


def needs_page(region_ids: set[int], *, occupation_id: int | None = None, horizon: str | None = None,
               page: int = 1) -> Page:
    """The published needs of the regions, as approved, newest approval first."""
    query = _needs(region_ids, occupation_id, horizon)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(query.order_by(StaffingNeed.published_at.desc(), StaffingNeed.id.desc())
                              .limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return Page([Shown(*row) for row in rows], page, PER_PAGE, total)


def shared_plans(region_ids: set[int], *, occupation_id: int | None = None, horizon: str | None = None
                 ) -> list[Shown]:
    """The published plans whose approved version is shared with the network, newest approval first.

    The occupation filter looks at the approved effects, which live in a JSON list: it is applied
    here rather than in SQL, over at most PLANS_LIMIT plans.
    """
    query = (select(InnovationPlan.id, InnovationPlan.published_snapshot, Organisation.name)
             .join(Organisation, Organisation.id == InnovationPlan.organisation_id)
             .where(InnovationPlan.region_id.in_(region_ids), InnovationPlan.state == PostingState.PUBLISHED,
                    InnovationPlan.published_snapshot['visibility'].as_string() == PlanVisibility.NETWORK.value)
             .order_by(InnovationPlan.published_at.desc(), InnovationPlan.id.desc()).limit(PLANS_LIMIT))
    if horizon:
        query = query.where(InnovationPlan.published_snapshot['timeframe'].as_string() == horizon)
    plans = [Shown(*row) for row in db.session.execute(query)]
    if occupation_id:
        plans = [plan for plan in plans
                 if any((effect.get('occupation') or {}).get('id') == occupation_id
                        for effect in plan.snapshot.get('effects') or [])]
    return plans


def occupation_choices(region_ids: set[int], locale: str) -> list[tuple[int, str]]:
    """The occupations of the approved needs of the regions, for the filter."""
    ids = set(db.session.scalars(_needs(region_ids, None, None).with_only_columns(_occupation_id(StaffingNeed))
                                 .distinct()))
    ids.discard(None)
    if not ids:
        return []
    english = str(locale).startswith('en')
    occupations = db.session.scalars(select(Occupation).where(Occupation.id.in_(ids)))
    return sorted(((o.id, o.label_en if english else o.label_nl) for o in occupations), key=lambda c: c[1].lower())
