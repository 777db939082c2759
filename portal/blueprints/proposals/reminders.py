"""The daily reminder to accountmanagers: follow-ups that are due, and proposals the employer leaves unanswered.

Like every operation it flushes and never commits; jobs.py runs it and commits. Links are
built with url_for, so a request context must be active (the job makes one from PORTAL_URL).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import url_for

from portal.blueprints.proposals import queries
from portal.blueprints.proposals.operations import staff_recipients
from portal.core.audit import record_event
from portal.core.dbtypes import today
from portal.core.mail import queue_mail
from portal.models.accounts import User
from portal.models.matching import FollowUp, Proposal


@dataclass
class Digest:
    user: User
    follow_ups: list[FollowUp] = field(default_factory=list)
    waiting: list[Proposal] = field(default_factory=list)
    #: something in it the reader has not been told before
    has_news: bool = False


def send_follow_up_reminders(now: datetime, *, answer_within: timedelta, external: bool = True) -> tuple[int, int]:
    """One mail per accountmanager with their due follow-ups (each reminded once) and their late proposals.

    A mail goes out when a follow-up fell due or a proposal became late that nobody was told of
    yet (`reminded_at`, `late_reminded_at`: once each, whenever the job runs); the late proposals are
    listed every time a mail goes out. Returns (mails queued, follow-ups reminded).
    """
    digests: dict[int, Digest] = {}
    region_staff: dict[int, list[User]] = {}

    def digest_of(user: User) -> Digest:
        return digests.setdefault(user.id, Digest(user))

    due = queries.due_follow_ups(today(now))
    for follow_up in due:
        for user in staff_recipients(follow_up.proposal, region_cache=region_staff):
            digest = digest_of(user)
            digest.follow_ups.append(follow_up)
            digest.has_news = True
        follow_up.reminded_at = now
        record_event('proposal.remind_follow_up', actor=None, obj=follow_up.proposal,
                     details={'follow_up_id': follow_up.id, 'month': follow_up.month,
                              'due_on': follow_up.due_on.isoformat()})
    for proposal in queries.waiting_too_long(None, now, answer_within):
        newly_late = proposal.late_reminded_at is None
        for user in staff_recipients(proposal, region_cache=region_staff):
            digest = digest_of(user)
            digest.waiting.append(proposal)
            digest.has_news = digest.has_news or newly_late
        if newly_late:
            proposal.late_reminded_at = now
            record_event('proposal.remind_late', actor=None, obj=proposal,
                         details={'sent_at': proposal.sent_at.isoformat()})
    sent = 0
    for digest in digests.values():
        if not digest.has_news:
            continue
        user = digest.user
        queue_mail(user.email, 'proposals/reminders', locale=user.locale, region_id=user.staff_region_id, user=user,
                   follow_ups=[(f, url_for('proposals.view_proposal', proposal_id=f.proposal_id, _external=external,
                                           _anchor='nazorg')) for f in digest.follow_ups],
                   waiting=[(p, (now - p.sent_at).days,
                             url_for('proposals.view_proposal', proposal_id=p.id, _external=external))
                            for p in digest.waiting],
                   list_url=url_for('proposals.staff_list', wie='mijn', _external=external))
        sent += 1
    return sent, len(due)
