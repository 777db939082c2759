"""Offering activities: create and change an activity with its dates, publish or submit it, withdraw and delete
it (the dates themselves, and calling one off, are in operations_slots.py).

Plain functions; the actor is passed in; they flush and never commit. Who may offer what is in offering.py;
the form offers only that, and these functions check it again. Moving a date or the place of a published
activity mails everyone registered, with the new invitation; a date with registrations still in play is never
removed silently: the host cancels it (everyone is told why) or cancels the activity.
"""

from flask_babel import lazy_gettext as _l

from portal.blueprints.activities import offering
from portal.blueprints.activities.offering import ActivityRefused
from portal.blueprints.activities.operations_slots import (
    cancel_slot,
    check_row,
    new_slot,
    raise_sequence,
    refresh_versions,
    tell_changed,
    update_slots,
)
from portal.blueprints.demand import moderation
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import CONTENT_FIELDS, Activity, ActivityKind, Audience
from portal.models.moderation import PostingState, Review
from portal.models.network import Network

__all__ = ['ActivityRefused', 'cancel_slot', 'create_activity', 'delete_activity', 'publish_activity',
           'revision_approved', 'submit_activity', 'update_activity', 'withdraw_activity']

#: the activity's own fields an edit may change (the dates are handled row by row)
FIELDS = ('kind', 'network_id', 'title', 'description', 'location', 'online_url', 'audience', 'requires_approval',
          'agenda', 'minutes')
#: fixed once published: people registered for what it was
FIXED_WHEN_PUBLISHED = ('kind', 'audience', 'network_id')


def _check_choice(actor: User, fields: dict, activity: Activity | None
                  ) -> tuple[ActivityKind, Audience, Network | None]:
    kind, audience = ActivityKind(fields['kind']), Audience(fields['audience'])
    current_kind = activity.kind if activity is not None else None
    current_audience = activity.audience if activity is not None else None
    if kind not in offering.kinds_for(actor) and kind != current_kind:
        raise ActivityRefused(_l('You cannot offer this kind of activity.'))
    if kind == ActivityKind.NETWORK_MEETING:
        audience = Audience.NETWORK
    elif audience not in offering.audiences_for(actor, kind) and audience != current_audience:
        raise ActivityRefused(_l('You cannot offer an activity to this audience.'))
    network = None
    if kind == ActivityKind.NETWORK_MEETING or audience == Audience.NETWORK:
        network = db.session.get(Network, fields.get('network_id') or 0)
        unchanged = activity is not None and network is not None and network.id == activity.network_id
        if network is None or not (unchanged or offering.may_plan_meeting(actor, network)):
            raise ActivityRefused(_l('Choose a network you may plan activities for.'))
    if not (fields.get('location') or fields.get('online_url')):
        raise ActivityRefused(_l('Fill in an address or an online link (or both).'))
    if fields.get('online_url') and not fields['online_url'].lower().startswith('https://'):
        raise ActivityRefused(_l('Fill in a secure web address that starts with https://.'))
    return kind, audience, network


def _check_date_count(count: int) -> None:
    if count > offering.MAX_SLOTS:
        raise ActivityRefused(_l('An activity has at most %(count)s dates.', count=offering.MAX_SLOTS))


def create_activity(actor: User, *, slots: list[dict], send: bool = False, **fields) -> Activity:
    """A new activity with its dates: a draft, submitted for review (employers' offers), or published
    at once (staff events and network meetings)."""
    if not offering.may_offer(actor):
        raise ActivityRefused(_l('You cannot offer activities.'))
    kind, audience, network = _check_choice(actor, fields, None)
    organisation = offering.host_organisation_for(actor, kind, network)
    if network is not None:
        region_id = network.region_id
    elif actor.is_staff:
        region_id = actor.staff_region_id
    elif organisation is not None:
        region_id = organisation.region_id
    else:
        raise ActivityRefused(_l('You cannot offer activities.'))
    if organisation is not None and organisation.region_id != region_id:
        raise ActivityRefused(_l('Choose a network you may plan activities for.'))
    if not slots:
        raise ActivityRefused(_l('Add at least one date.'))
    _check_date_count(len(slots))
    now = utcnow()
    for row in slots:
        check_row(row, now)
    activity = Activity(region_id=region_id, organisation=organisation, network=network, created_by=actor,
                        kind=kind, audience=audience, title=fields['title'], description=fields['description'],
                        location=fields.get('location'), online_url=fields.get('online_url'),
                        requires_approval=bool(fields.get('requires_approval')), agenda=fields.get('agenda'),
                        minutes=fields.get('minutes'), state=PostingState.DRAFT)
    db.session.add(activity)
    for row in slots:
        new_slot(activity, row, now)
    db.session.flush()
    record_event('activity.create', actor=actor, obj=activity,
                 details={'kind': kind.value, 'audience': audience.value, 'slots': len(activity.slots)})
    _after_save(actor, activity, send=send)
    return activity


def _after_save(actor: User, activity: Activity, *, send: bool) -> str:
    """`send`: an employer's offer goes to review; a staff event or network meeting is published."""
    if send and offering.is_moderated(activity):
        submit_activity(actor, activity)
        return 'submitted'
    if send and activity.state == PostingState.DRAFT:
        publish_activity(actor, activity)
        return 'published'
    return 'saved' if activity.state == PostingState.PUBLISHED else 'draft'


def publish_activity(actor: User, activity: Activity) -> None:
    """Staff's own events and network meetings go out without review; the step is audited."""
    if not offering.can_publish(actor, activity):
        raise ActivityRefused(_l('This cannot be published in its current state.'))
    activity.state = PostingState.PUBLISHED
    activity.published_at = utcnow()
    db.session.flush()
    activity.published_snapshot = activity.snapshot()
    db.session.flush()
    record_event('activity.publish', actor=actor, obj=activity, details={'slots': len(activity.dates)})


def submit_activity(actor: User, activity: Activity) -> Review:
    """An employer's draft, or one staff sent back, goes to the review queue (moderation checks the rest)."""
    if not (offering.is_moderated(activity)
            and activity.state in {PostingState.DRAFT, PostingState.CHANGES_REQUESTED}):
        raise ActivityRefused(_l('This cannot be submitted in its current state.'))
    return moderation.submit_for_review(actor, activity)


def update_activity(actor: User, activity: Activity, *, slots: list[dict], send: bool = False, **fields) -> str:
    """Change the activity and its dates; returns 'draft', 'saved', 'submitted', 'published' or 'revision'.

    Dates and places of a published activity change at once (the people registered need the right time), and
    they are mailed when a date moves; its kind, audience and network stay as they were. A staff event or network
    meeting changes at once in full (the place too, with a mail). An employer's published offer keeps showing the
    approved version of its text, place, online link and approval setting: a change to those goes to the review
    queue as a revision ('revision'), like a changed posting.
    """
    if Activity.locked(activity.id) is None or not offering.can_edit(actor, activity):
        raise ActivityRefused(_l('This can no longer be changed.'))
    kind, audience, network = _check_choice(actor, fields, activity)
    if network is not None and network.region_id != activity.region_id:
        raise ActivityRefused(_l('Choose a network you may plan activities for.'))
    was_published = activity.state == PostingState.PUBLISHED
    revised = was_published and activity.is_moderated
    new_values = {**{name: fields.get(name) for name in FIELDS}, 'kind': kind, 'audience': audience,
                  'network_id': network.id if network is not None else None,
                  'requires_approval': bool(fields.get('requires_approval'))}
    changed = [name for name in FIELDS if getattr(activity, name) != new_values[name]]
    if was_published and any(name in changed for name in FIXED_WHEN_PUBLISHED):
        raise ActivityRefused(_l('The kind, audience and network of a published activity cannot change: people '
                                 'registered for it as it is. Cancel it and offer a new one instead.'))
    place_changed = was_published and not revised and ('location' in changed or 'online_url' in changed)
    for name in changed:
        setattr(activity, name, new_values[name])
    if 'network_id' in changed:
        activity.network = network
    now = utcnow()
    moved, added, removed = update_slots(activity, slots, now, published=was_published)
    if not activity.dates:
        raise ActivityRefused(_l('Add at least one date.'))
    _check_date_count(len(activity.dates))
    if place_changed:
        raise_sequence([s for s in activity.dates if s.starts_at > now and s not in moved])
    db.session.flush()
    refresh_versions(activity)
    record_event('activity.update', actor=actor, obj=activity,
                 details={'fields': changed, 'slots_moved': [s.id for s in moved], 'slots_added': added,
                          'slots_removed': removed})
    if was_published and (moved or place_changed):
        tell_changed(actor, activity, moved, place_changed=place_changed, now=now)
    if revised:
        return _revise(actor, activity)
    return _after_save(actor, activity, send=send)


def _revise(actor: User, activity: Activity) -> str:
    """An employer's published offer whose text, place or approval setting differs from the approved version (or
    from the version already waiting) goes to review; the approved version stays what everyone sees."""
    review = activity.pending_review
    waiting = review.snapshot if review is not None else activity.published_snapshot or {}
    current = activity.snapshot()
    if all(waiting.get(name) == current[name] for name in CONTENT_FIELDS):
        return 'saved'
    moderation.submit_for_review(actor, activity)
    return 'revision'


def revision_approved(actor: User, activity: Activity, previous: dict | None) -> None:
    """After staff approved a revision of a published offer (moderation.approve): when its place changed, everyone
    registered for a date to come gets the new invitation (each date's calendar sequence raised)."""
    if previous is None or activity.state != PostingState.PUBLISHED:
        return
    approved = activity.published_snapshot or {}
    if all(previous.get(name) == approved.get(name) for name in ('location', 'online_url')):
        return
    now = utcnow()
    raise_sequence([s for s in activity.dates if s.starts_at > now])
    db.session.flush()
    tell_changed(actor, activity, [], place_changed=True, now=now)


def withdraw_activity(actor: User, activity: Activity) -> None:
    """Take back an offer that waits for review or was sent back (a published one is cancelled instead)."""
    if not offering.can_withdraw(actor, activity):
        raise ActivityRefused(_l('This cannot be withdrawn in its current state.'))
    moderation.withdraw(actor, activity)


def delete_activity(actor: User, activity: Activity) -> None:
    """A draft nobody ever saw goes away with its dates."""
    if not offering.can_delete(actor, activity):
        raise ActivityRefused(_l('Only a draft that was never submitted can be deleted.'))
    record_event('activity.delete', actor=actor, obj=activity, details={'title': activity.title})
    db.session.delete(activity)
    db.session.flush()


