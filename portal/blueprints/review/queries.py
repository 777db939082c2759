"""What the review pages read: the region's queue, each organisation's track record, a posting's reviews."""

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.models.activities import Activity
from portal.models.demand import InnovationPlan, StaffingNeed
from portal.models.moderation import PostingKind, Review, ReviewState
from portal.models.organisations import Organisation

PER_PAGE = 50

#: the posting kinds as the URL names them
KIND_SLUGS: dict[str, PostingKind] = {'behoefte': PostingKind.NEED, 'plan': PostingKind.PLAN,
                                      'activiteit': PostingKind.ACTIVITY}
SLUG_OF: dict[PostingKind, str] = {kind: slug for slug, kind in KIND_SLUGS.items()}
MODELS: dict[PostingKind, type[StaffingNeed] | type[InnovationPlan] | type[Activity]] = {
    PostingKind.NEED: StaffingNeed, PostingKind.PLAN: InnovationPlan, PostingKind.ACTIVITY: Activity}

#: decisions that count in an organisation's track record
DECISIONS = (ReviewState.APPROVED, ReviewState.CHANGES_REQUESTED, ReviewState.REJECTED)


def queue_page(region_id: int, page: int) -> Pagination:
    """The region's pending reviews, oldest first (first come, first served), with who submitted them."""
    query = (select(Review)
             .where(Review.region_id == region_id, Review.state == ReviewState.PENDING)
             .options(joinedload(Review.submitted_by))
             .order_by(Review.submitted_at, Review.id))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def pending_count(region_id: int) -> int:
    return db.session.scalar(select(func.count(Review.id)).where(Review.region_id == region_id,
                                                                 Review.state == ReviewState.PENDING))


@dataclass
class TrackRecord:
    """An organisation as the queue shows it: its verification, and how earlier reviews of it ended."""

    organisation: Organisation
    decisions: dict[ReviewState, int] = field(default_factory=lambda: dict.fromkeys(DECISIONS, 0))

    @property
    def approved(self) -> int:
        return self.decisions[ReviewState.APPROVED]

    @property
    def changes_requested(self) -> int:
        return self.decisions[ReviewState.CHANGES_REQUESTED]

    @property
    def rejected(self) -> int:
        return self.decisions[ReviewState.REJECTED]


def track_records(organisation_ids: set[int]) -> dict[int, TrackRecord]:
    """The organisations of a queue page with their decision counts: two queries, however long the page."""
    if not organisation_ids:
        return {}
    records = {organisation.id: TrackRecord(organisation) for organisation in db.session.scalars(
        select(Organisation).where(Organisation.id.in_(organisation_ids)))}
    rows = db.session.execute(
        select(Review.organisation_id, Review.state, func.count(Review.id))
        .where(Review.organisation_id.in_(organisation_ids), Review.state.in_(DECISIONS))
        .group_by(Review.organisation_id, Review.state))
    for organisation_id, state, count in rows:
        records[organisation_id].decisions[ReviewState(state)] = count
    return records


def reviews_of(kind: PostingKind, posting_id: int) -> list[Review]:
    """Every review of one posting, newest first, with who submitted and who decided."""
    return list(db.session.scalars(
        select(Review).where(Review.posting_kind == kind, Review.posting_id == posting_id)
        .options(joinedload(Review.submitted_by), joinedload(Review.decided_by))
        .order_by(Review.submitted_at.desc(), Review.id.desc())))
