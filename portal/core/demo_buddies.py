"""Demo buddy project for `flask seed-demo`: demo employers who offered to be a buddy, and pairings with job seekers
of the demo caseload in every state (portal/data/demo_activities.py).

The offers and every step go through the buddy operations, run `as_of` the day they happened and without mail:
pairing (a pairing whose meeting is still to come), recording the meeting, the buddy's feedback with a next step,
the identity shared on consent, closing, stopping. Only a pairing whose meeting already lies in the past is
written directly, with the `buddy.paired` row the operation writes (the operation plans meetings in the future
only). A job seeker whose buddy suggested an activity then registers for one. Offers are found by person and
organisation; pairings are made only with a new offer, so running it again adds nothing.
"""

import random
from datetime import datetime, timedelta
from typing import Any

from portal.blueprints.activities import registrations
from portal.blueprints.buddies import operations as buddy_ops
from portal.blueprints.buddies import operations_staff as staff_ops
from portal.core.audit import record_event
from portal.core.dbtypes import add_months, today, utcnow
from portal.core.demo import seeder
from portal.core.demo_activities import eligible
from portal.core.demo_demand import REVIEWERS
from portal.core.demo_network import as_of, local, weekday
from portal.core.demo_proposal_steps import ascii_name
from portal.data import demo_activities as data
from portal.data.demo_caseload import INITIALS
from portal.extensions import db
from portal.models.accounts import User
from portal.models.activities import Activity, ActivityKind, ActivitySlot, Audience
from portal.models.buddies import BuddyOffer, BuddyPairing, NextStep, PairingState
from portal.models.caseload import Candidate
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation

SEED = 'kansenkamer-demo-buddies'
#: next steps a job seeker takes by registering for an activity of that kind
ACTIVITY_STEPS = {NextStep.JOB_SHADOWING: ActivityKind.JOB_SHADOWING, NextStep.WORKSHOP: ActivityKind.WORKSHOP,
                  NextStep.PRACTICE_INTERVIEW: ActivityKind.PRACTICE_INTERVIEW}


def _offers() -> dict[str, BuddyOffer]:
    """The new offers, by the buddy's email."""
    offers: dict[str, BuddyOffer] = {}
    for email, kvk, places, sectors, availability, note, _paused in data.BUDDY_OFFERS:
        user, organisation = User.by_email(email), Organisation.by_kvk(kvk)
        if user is None or organisation is None or BuddyOffer.of_user(user, organisation) is not None:
            continue
        with as_of(utcnow() - timedelta(days=160 - 9 * len(offers))):
            offers[email] = buddy_ops.save_offer(user, organisation, capacity=places, sectors=sectors,
                                                 availability=availability, note=note, agreed=True)
    return offers


class Pairer:
    """Tells the pairings of the new offers, region by region."""

    def __init__(self, now: datetime):
        self.now, self.today = now, today(now)
        self.rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
        self.pools: dict[int, list[Candidate]] = {}
        self.used: set[int] = set()

    def day(self, offset: int, at: str) -> datetime:
        return min(local(weekday(self.today + timedelta(days=offset), forward=offset > 0), at), self.now)

    def candidate(self, region_id: int, before: datetime) -> Candidate | None:
        if region_id not in self.pools:
            pool = eligible(region_id)
            self.rng.shuffle(pool)
            self.pools[region_id] = pool
        for candidate in self.pools[region_id]:
            if candidate.id not in self.used and candidate.created_at < before - timedelta(days=14):
                self.used.add(candidate.id)
                return candidate
        return None

    def pair(self, offer: BuddyOffer, spec: dict[str, Any]) -> BuddyPairing | None:
        paired = self.day(spec['paired'], self.rng.choice(('09:30', '11:00', '14:30')))
        meeting = local(weekday(self.today + timedelta(days=spec['meeting']), forward=spec['meeting'] > 0),
                        self.rng.choice(('10:00', '13:30', '15:00')))
        candidate = self.candidate(offer.region_id, paired)
        if candidate is None:
            return None
        staff = candidate.accountmanager
        if staff is None or staff.staff_region_id != offer.region_id:
            staff = User.by_email(REVIEWERS.get(offer.organisation.region.slug, ''))
        if staff is None:
            return None
        ends_on = add_months(today(paired), 2)
        with as_of(paired):
            if meeting > self.now:
                pairing = staff_ops.pair_buddy(staff, offer, candidate, meeting_at=meeting,
                                               meeting_place=spec['place'], ends_on=ends_on, agreed=True)
            else:  # the meeting lies in the past, which the operation refuses: the row it would have written
                pairing = BuddyPairing(region_id=offer.region_id, offer=offer, candidate=candidate, paired_by=staff,
                                       state=PairingState.PLANNED, meeting_at=meeting, meeting_place=spec['place'],
                                       ends_on=ends_on)
                db.session.add(pairing)
                db.session.flush()
                record_event('buddy.paired', actor=staff, obj=pairing,
                             details={'offer_id': offer.id, 'organisation_id': offer.organisation_id,
                                      'candidate_id': candidate.id, 'ends_on': ends_on.isoformat()})
        self._story(pairing, spec, staff, meeting)
        return pairing

    def _story(self, pairing: BuddyPairing, spec: dict[str, Any], staff: User, meeting: datetime) -> None:
        buddy = pairing.offer.user
        if spec['state'] == 'stopped':
            with as_of(self.day(spec['closed'], '16:00')):
                staff_ops.stop_pairing(staff, pairing, reason=spec['stop_reason'])
        elif spec['state'] in ('met', 'closed'):
            with as_of(meeting + timedelta(hours=2)):
                buddy_ops.record_meeting(buddy, pairing, met_on=today(meeting))
            if spec['step'] is not None:
                strengths, to_work_on, note = self.rng.choice(data.BUDDY_FEEDBACK)
                given = self.day(spec['feedback'], '09:00') if spec['feedback'] is not None \
                    else min(meeting + timedelta(days=1), self.now)
                with as_of(given):
                    buddy_ops.give_feedback(buddy, pairing, strengths=strengths, to_work_on=to_work_on,
                                            next_step=spec['step'], next_step_note=note)
                self._take_step(pairing, staff)
            if spec['state'] == 'closed':
                with as_of(self.day(spec['closed'], '11:00')):
                    staff_ops.close_pairing(staff, pairing)
        if spec['identity']:
            initial = self.rng.choice(INITIALS)
            with as_of(self.now - timedelta(days=1)):
                staff_ops.disclose_identity(
                    staff, pairing, consent_on=self.today - timedelta(days=1), has_consent=True,
                    name=f'{pairing.candidate.first_name} {initial}.',
                    email=f'{ascii_name(pairing.candidate.first_name)}.{initial.lower()}{self.rng.randint(10, 99)}'
                          '@kandidaat.demo.kansenkamer.nl')

    def _take_step(self, pairing: BuddyPairing, staff: User) -> None:
        """The job seeker registers for the first open date of the activity the buddy suggested, if there is one."""
        kind = ACTIVITY_STEPS.get(pairing.next_step)
        if kind is None:
            return
        slots = db.session.scalars(
            db.select(ActivitySlot).join(Activity)
            .where(Activity.region_id == pairing.region_id, Activity.kind == kind,
                   Activity.state == PostingState.PUBLISHED, Activity.audience == Audience.JOB_SEEKERS,
                   ActivitySlot.registration_closes_at > self.now)
            .order_by(ActivitySlot.starts_at, ActivitySlot.id))
        for slot in slots:
            if not any(r.candidate_id == pairing.candidate_id for r in slot.registrations):
                when = min(max(pairing.feedback_at + timedelta(days=2), slot.activity.published_at + timedelta(days=1)),
                           self.now - timedelta(hours=1))
                with as_of(when):
                    registrations.register_candidate(staff, slot, pairing.candidate)
                return


@seeder
def seed_buddies() -> str:
    offers = _offers()
    pairer = Pairer(utcnow())
    made = 0
    for spec in data.PAIRINGS:
        offer = offers.get(spec['email'])
        if offer is not None and pairer.pair(offer, spec) is not None:
            made += 1
    for email, _kvk, *_, paused in data.BUDDY_OFFERS:
        if paused and email in offers:
            with as_of(pairer.now - timedelta(days=20)):
                buddy_ops.pause_offer(offers[email].user, offers[email])
    return f'buddies: {len(offers)} offers and {made} pairings created'
