"""The buddy's side of the buddy project: the offer to be a buddy, and recording the meeting and the feedback.

Staff's side (pairing, identity, closing and stopping) is in operations_staff.py. Every change
is audited; the buddy never receives more of the job seeker than the code until consent.
"""

from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.core.audit import record_event
from portal.core.dbtypes import today as dutch_today
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.core.sbi import SECTIONS
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.buddies import BuddyOffer, BuddyPairing, NextStep, PairingState
from portal.models.organisations import Organisation

MIN_CAPACITY, MAX_CAPACITY = 1, 10


class BuddyRefused(OperationRefused):
    """The change is not possible now; str(exc) says why, for the person who asked."""


def _check_offer_fields(capacity: int | None, sectors: list[str], availability: str) -> None:
    if capacity is None or not MIN_CAPACITY <= capacity <= MAX_CAPACITY:
        raise BuddyRefused(_l('Choose from %(min)d to %(max)d pairings at the same time.',
                              min=MIN_CAPACITY, max=MAX_CAPACITY))
    if not sectors or any(letter not in SECTIONS for letter in sectors):
        raise BuddyRefused(_l('Choose at least one sector from the list.'))
    if not availability:
        raise BuddyRefused(_l('Say when you are available.'))


def save_offer(actor: User, organisation: Organisation, *, capacity: int | None, sectors: list[str],
               availability: str, note: str | None = None, agreed: bool = False) -> BuddyOffer:
    """Sign up as a buddy for `organisation`, or change the offer; one offer per person and organisation."""
    if actor.membership_of(organisation) is None:
        raise BuddyRefused(_l('Only people of the organisation can offer to be a buddy for it.'))
    if not organisation.is_verified:
        raise BuddyRefused(_l('You can sign up as a buddy once the municipality has verified your organisation.'))
    if not agreed:
        raise BuddyRefused(_l('Agree that a pairing is an orientation talk without a job guarantee.'))
    availability = (availability or '').strip()
    sectors = sorted(set(sectors or []))
    _check_offer_fields(capacity, sectors, availability)
    note = (note or '').strip() or None
    offer = BuddyOffer.of_user(actor, organisation)
    action = 'buddy.offer_updated' if offer is not None else 'buddy.offer_created'
    if offer is None:
        offer = BuddyOffer(region_id=organisation.region_id, organisation=organisation, user=actor)
    offer.capacity, offer.sectors, offer.availability, offer.note = capacity, sectors, availability, note
    offer.agreed_no_job_guarantee = True
    if offer.id is None:
        try:
            # the database holds one offer per person and organisation: of two sign-ups at once, one is refused
            with db.session.begin_nested():
                db.session.add(offer)
                db.session.flush()
        except IntegrityError:
            raise BuddyRefused(_l('You have already signed up as a buddy for this organisation. Open your buddy '
                                  'offer again to change it.')) from None
    db.session.flush()
    record_event(action, actor=actor, obj=offer,
                 details={'organisation_id': organisation.id, 'capacity': capacity, 'sectors': sectors})
    return offer


def pause_offer(actor: User, offer: BuddyOffer) -> None:
    """No new pairings for now; pairings that run go on."""
    if not offer.is_own(actor):
        raise BuddyRefused(_l('Only the buddy can pause their offer.'))
    if not offer.is_active:
        raise BuddyRefused(_l('Your offer is already paused.'))
    offer.is_active = False
    db.session.flush()
    record_event('buddy.offer_paused', actor=actor, obj=offer)


def resume_offer(actor: User, offer: BuddyOffer) -> None:
    if not offer.is_own(actor):
        raise BuddyRefused(_l('Only the buddy can resume their offer.'))
    if offer.is_active:
        raise BuddyRefused(_l('Your offer is already open for pairings.'))
    if not offer.organisation.is_verified or actor.membership_of(offer.organisation) is None:
        raise BuddyRefused(_l('You no longer work for this organisation in Kansenkamer.'))
    offer.is_active = True
    db.session.flush()
    record_event('buddy.offer_resumed', actor=actor, obj=offer)


def _locked_for_buddy(actor: User, pairing: BuddyPairing, state: PairingState) -> BuddyPairing:
    if not pairing.is_buddy(actor):
        raise BuddyRefused(_l('Only the buddy of this pairing can do this.'))
    pairing = BuddyPairing.locked(pairing.id)
    if pairing.state != state:
        raise BuddyRefused(_l('This pairing has moved on; the page now shows where it stands.'))
    return pairing


def record_meeting(actor: User, pairing: BuddyPairing, *, met_on: date | None, today: date | None = None) -> None:
    """The buddy and the job seeker met on `met_on`."""
    today = today or dutch_today()
    pairing = _locked_for_buddy(actor, pairing, PairingState.PLANNED)
    if met_on is None:
        raise BuddyRefused(_l('Fill in the day you met.'))
    if met_on > today:
        raise BuddyRefused(_l('The day you met cannot be in the future.'))
    if met_on < dutch_today(pairing.created_at):
        raise BuddyRefused(_l('The day you met cannot be before the pairing was made.'))
    pairing.met_on = met_on
    pairing.state = PairingState.MET
    db.session.flush()
    record_event('buddy.met', actor=actor, obj=pairing, details={'met_on': met_on.isoformat()})


def staff_contact(pairing: BuddyPairing) -> User | None:
    """Who hears about the feedback: the staff member who paired, else the job seeker's accountmanager."""
    for user in (pairing.paired_by, pairing.candidate.accountmanager):
        if user is not None and user.is_active and user.staff_region_id == pairing.region_id:
            return user
    return db.session.scalar(select(User).join(StaffRole).where(
        StaffRole.region_id == pairing.region_id, StaffRole.kind == StaffKind.COORDINATOR,
        User.is_enabled.is_(True), User.deleted_at.is_(None)).order_by(User.id).limit(1))


def give_feedback(actor: User, pairing: BuddyPairing, *, strengths: str, to_work_on: str,
                  next_step: NextStep | str | None, next_step_note: str | None = None) -> None:
    """The buddy's feedback after the meeting; the staff member who paired is mailed (code only)."""
    pairing = _locked_for_buddy(actor, pairing, PairingState.MET)
    if pairing.has_feedback:
        raise BuddyRefused(_l('You have already given your feedback on this pairing.'))
    strengths, to_work_on = (strengths or '').strip(), (to_work_on or '').strip()
    if not strengths or not to_work_on:
        raise BuddyRefused(_l('Write what went well and what to work on.'))
    try:
        next_step = NextStep(next_step)
    except ValueError:
        raise BuddyRefused(_l('Choose a next step.')) from None
    pairing.strengths, pairing.to_work_on = strengths, to_work_on
    pairing.next_step, pairing.next_step_note = next_step, (next_step_note or '').strip() or None
    pairing.feedback_at = utcnow()
    db.session.flush()
    record_event('buddy.feedback_given', actor=actor, obj=pairing, details={'next_step': next_step.value})
    recipient = staff_contact(pairing)
    if recipient is not None:
        queue_mail(recipient.email, 'buddies/feedback_given', locale=recipient.locale, region_id=pairing.region_id,
                   recipient_name=recipient.display_name, buddy_name=actor.display_name,
                   organisation_name=pairing.offer.organisation.name, code=pairing.candidate.code,
                   url=url_for('buddies.staff_pairing', pairing_id=pairing.id, _external=True))
