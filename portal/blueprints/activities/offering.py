"""Who may offer which activity, for whom, and what happens when they save it.

- Employers offer activities of the employer kinds (workshop, meeloopdag, company tour, practice interview,
  open day), usually for job seekers, or for employers or everyone signed in. Their offers are moderated.
- Accountmanagers may organise the same kinds for job seekers of their caseload.
- Coordinators organise any kind for any audience of their region, network meetings included.
- The people of a network's chair organisation plan that network's meetings.
Staff's own events and a chair's network meetings are published directly (audited).

Plain rules: the form offers only what they allow, and the operations check them again.
"""

from sqlalchemy import select

from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.activities import EMPLOYER_KINDS, Activity, ActivityKind, Audience
from portal.models.moderation import PostingState
from portal.models.network import Network

EMPLOYER_AUDIENCES = (Audience.JOB_SEEKERS, Audience.EMPLOYERS, Audience.SIGNED_IN)
#: the order kinds are offered in on the form
KIND_ORDER = (ActivityKind.JOB_SHADOWING, ActivityKind.COMPANY_TOUR, ActivityKind.PRACTICE_INTERVIEW,
              ActivityKind.WORKSHOP, ActivityKind.OPEN_DAY, ActivityKind.NETWORK_MEETING)
#: seats on one date
MIN_SEATS, MAX_SEATS = 1, 500
#: dates on one activity
MAX_SLOTS = 60


class ActivityRefused(OperationRefused):
    pass


def chaired_networks(user) -> list[Network]:
    """The networks whose chair organisation the user works for (verified)."""
    if not user.is_authenticated:
        return []
    organisation_ids = [m.organisation_id for m in user.active_memberships if m.organisation.is_verified]
    if not organisation_ids:
        return []
    return list(db.session.scalars(select(Network).where(Network.chair_organisation_id.in_(organisation_ids))
                                   .order_by(Network.name)))


def plannable_networks(user) -> list[Network]:
    """Networks the user may plan a meeting of: their region's (coordinators) or the ones they chair."""
    networks = {n.id: n for n in chaired_networks(user)}
    if user.is_authenticated and user.is_coordinator:
        for network in db.session.scalars(select(Network).where(Network.region_id == user.staff_region_id)):
            networks[network.id] = network
    return sorted(networks.values(), key=lambda n: n.name.lower())


def may_plan_meeting(user, network: Network) -> bool:
    return network.can_manage(user) or network.is_chaired_by(user)


def may_offer(user) -> bool:
    """Staff of a region, or someone working for an organisation (drafts before it is verified)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or (user.is_email_verified and user.current_organisation is not None)


def kinds_for(user) -> list[ActivityKind]:
    if not may_offer(user):
        return []
    if user.is_coordinator:
        return list(KIND_ORDER)
    kinds = [kind for kind in KIND_ORDER if kind in EMPLOYER_KINDS]
    if not user.is_staff and chaired_networks(user):
        kinds.append(ActivityKind.NETWORK_MEETING)
    return kinds


def audiences_for(user, kind: ActivityKind | None = None) -> list[Audience]:
    """Who the user may offer an activity to; a network meeting is always for its network."""
    if kind == ActivityKind.NETWORK_MEETING:
        return [Audience.NETWORK]
    if user.is_coordinator:
        return [Audience.JOB_SEEKERS, Audience.EMPLOYERS, Audience.NETWORK, Audience.SIGNED_IN]
    if user.is_staff:
        return [Audience.JOB_SEEKERS]
    return list(EMPLOYER_AUDIENCES)


def host_organisation_for(user, kind: ActivityKind, network: Network | None):
    """The organisation that hosts what the user offers: None for staff events and coordinators' meetings."""
    if user.is_staff:
        return None
    if kind == ActivityKind.NETWORK_MEETING:
        return network.chair_organisation if network is not None else None
    return user.current_organisation


def is_moderated(activity: Activity) -> bool:
    """Employers' offers go through the review queue; staff events and network meetings do not."""
    return activity.is_moderated


def can_edit(user, activity: Activity) -> bool:
    """The host (for staff events: the region's staff; for meetings also the region's coordinators),
    while it is a draft, sent back, or published."""
    if activity.state not in {PostingState.DRAFT, PostingState.CHANGES_REQUESTED, PostingState.PUBLISHED}:
        return False
    if activity.is_own(user):
        return True
    return activity.network is not None and activity.kind == ActivityKind.NETWORK_MEETING \
        and activity.network.can_manage(user)


def can_submit(user, activity: Activity) -> bool:
    return is_moderated(activity) and activity.can_submit(user)


def can_publish(user, activity: Activity) -> bool:
    """Staff events and network meetings are published by whoever may edit them."""
    return not is_moderated(activity) and activity.state == PostingState.DRAFT and can_edit(user, activity)


def can_withdraw(user, activity: Activity) -> bool:
    """An offer waiting for review or sent back; a published one is cancelled instead (people may be registered)."""
    return (is_moderated(activity) and activity.is_own(user)
            and activity.state in {PostingState.PENDING, PostingState.CHANGES_REQUESTED})


def can_delete(user, activity: Activity) -> bool:
    """A draft nobody ever saw: never submitted, never published."""
    return (activity.state == PostingState.DRAFT and activity.submitted_at is None and activity.published_at is None
            and can_edit(user, activity))
