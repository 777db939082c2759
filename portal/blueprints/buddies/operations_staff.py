"""Staff's side of the buddy project: pair a buddy with a job seeker, share the identity on consent, close or stop.

A buddy offer has a number of places (capacity). Pairing locks the offer's row first, so two
staff members pairing at the same moment on several app servers cannot both take its last
place: the second waits for the first to commit and then counts the open pairings anew.
"""

from datetime import date, datetime

from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.blueprints.buddies.operations import BuddyRefused
from portal.core.audit import record_event
from portal.core.dbtypes import add_months, utcnow
from portal.core.dbtypes import today as dutch_today
from portal.core.mail import queue_mail
from portal.extensions import db
from portal.models.accounts import User
from portal.models.buddies import BuddyOffer, BuddyPairing, PairingState
from portal.models.caseload import Candidate, CandidateStatus, ConsentScope

#: the time box of a pairing, unless staff choose another end
DEFAULT_MONTHS = 2
#: the longest time box staff can choose
MAX_MONTHS = 6


def default_end(today: date | None = None) -> date:
    return add_months(today or dutch_today(), DEFAULT_MONTHS)


def _check_staff(actor: User, region_id: int) -> None:
    if not (actor.is_authenticated and actor.staff_region_id == region_id):
        raise BuddyRefused(_l('Only staff of the region can do this.'))


def check_candidate(candidate: Candidate) -> None:
    """A job seeker may meet a buddy when active in the caseload and consenting to activities."""
    if candidate.status != CandidateStatus.ACTIVE or candidate.anonymised_at is not None:
        raise BuddyRefused(_l('Only a job seeker who is active in the caseload can be paired.'))
    if not candidate.has_consent(ConsentScope.ACTIVITIES):
        raise BuddyRefused(_l('The job seeker has not consented to take part in activities. Record the consent '
                              'in the caseload first.'))


def _buddy_url(pairing: BuddyPairing) -> str:
    return url_for('buddies.view_pairing', pairing_id=pairing.id, _external=True)


def _mail_buddy(pairing: BuddyPairing, template: str, **context) -> None:
    buddy = pairing.offer.user
    if buddy.is_active and pairing.is_buddy(buddy):
        queue_mail(buddy.email, f'buddies/{template}', locale=buddy.locale, region_id=pairing.region_id,
                   recipient_name=buddy.display_name, code=pairing.candidate.code, pairing=pairing,
                   url=_buddy_url(pairing), **context)


def pair_buddy(actor: User, offer: BuddyOffer, candidate: Candidate, *, meeting_at: datetime | None,
               meeting_place: str, ends_on: date | None, agreed: bool, today: date | None = None) -> BuddyPairing:
    """Pair the buddy of `offer` with a job seeker for one orientation talk in a time box; the buddy is mailed."""
    today = today or dutch_today()
    _check_staff(actor, offer.region_id)
    if candidate.region_id != offer.region_id:
        raise BuddyRefused(_l('The job seeker is not in your region’s caseload.'))
    check_candidate(candidate)
    if not agreed:
        raise BuddyRefused(_l('Confirm that the job seeker knows this is an orientation talk without a job '
                              'guarantee.'))
    meeting_place = (meeting_place or '').strip()
    if meeting_at is None or not meeting_place:
        raise BuddyRefused(_l('Fill in when and where they meet.'))
    if meeting_at <= utcnow():
        raise BuddyRefused(_l('The meeting must be in the future.'))
    if ends_on is None or ends_on < dutch_today(meeting_at):
        raise BuddyRefused(_l('The pairing must end on or after the day of the meeting.'))
    if ends_on > add_months(today, MAX_MONTHS):
        raise BuddyRefused(_l('A pairing lasts at most %(months)d months.', months=MAX_MONTHS))
    offer = BuddyOffer.locked(offer.id)
    if not offer.is_active:
        raise BuddyRefused(_l('This buddy has paused their offer.'))
    if not offer.organisation.is_verified or offer.user.membership_of(offer.organisation) is None:
        raise BuddyRefused(_l('This buddy no longer works for the organisation in Kansenkamer.'))
    if any(p.is_open and p.candidate_id == candidate.id for p in offer.pairings):
        raise BuddyRefused(_l('This buddy and this job seeker are already paired.'))
    if offer.open_count() >= offer.capacity:
        raise BuddyRefused(_l('This buddy has no free place: all %(count)d pairings are taken.', count=offer.capacity))
    pairing = BuddyPairing(region_id=offer.region_id, offer=offer, candidate=candidate, paired_by=actor,
                           state=PairingState.PLANNED, meeting_at=meeting_at, meeting_place=meeting_place,
                           ends_on=ends_on)
    db.session.add(pairing)
    db.session.flush()
    record_event('buddy.paired', actor=actor, obj=pairing,
                 details={'offer_id': offer.id, 'organisation_id': offer.organisation_id,
                          'candidate_id': candidate.id, 'ends_on': ends_on.isoformat()})
    _mail_buddy(pairing, 'paired')
    return pairing


def _locked_for_staff(actor: User, pairing: BuddyPairing) -> BuddyPairing:
    _check_staff(actor, pairing.region_id)
    return BuddyPairing.locked(pairing.id)


def disclose_identity(actor: User, pairing: BuddyPairing, *, consent_on: date | None, has_consent: bool,
                      name: str, phone: str | None = None, email: str | None = None,
                      today: date | None = None) -> None:
    """Record the job seeker's consent to show the buddy who they are, and what is shared; the buddy is mailed."""
    today = today or dutch_today()
    pairing = _locked_for_staff(actor, pairing)
    if not pairing.is_open:
        raise BuddyRefused(_l('This pairing has ended.'))
    if pairing.has_identity:
        raise BuddyRefused(_l('The buddy already knows who the job seeker is.'))
    if not has_consent or consent_on is None:
        raise BuddyRefused(_l('Record that the job seeker consented, and on which day.'))
    if consent_on > today:
        raise BuddyRefused(_l('The day of consent cannot be in the future.'))
    if pairing.candidate.anonymised_at is not None:
        raise BuddyRefused(_l('The profile has been anonymised.'))
    name = (name or '').strip()
    phone, email = (phone or '').strip() or None, (email or '').strip() or None
    if not name or not (phone or email):
        raise BuddyRefused(_l('Share the name and a phone number or an email address.'))
    pairing.identity_consent_on = consent_on
    pairing.shared_name, pairing.shared_phone, pairing.shared_email = name, phone, email
    db.session.flush()
    record_event('buddy.identity_disclosed', actor=actor, obj=pairing,
                 details={'organisation_id': pairing.offer.organisation_id, 'candidate_id': pairing.candidate_id,
                          'consent_on': consent_on.isoformat(),
                          'shared': [key for key, value in (('name', name), ('phone', phone), ('email', email))
                                     if value]})
    _mail_buddy(pairing, 'identity_shared')


def close_pairing(actor: User, pairing: BuddyPairing) -> None:
    """Close a pairing after the meeting and the buddy's feedback; the buddy is thanked."""
    pairing = _locked_for_staff(actor, pairing)
    if pairing.state != PairingState.MET or not pairing.has_feedback:
        raise BuddyRefused(_l('A pairing is closed after the meeting and the buddy’s feedback.'))
    pairing.state = PairingState.CLOSED
    pairing.closed_at = utcnow()
    db.session.flush()
    record_event('buddy.closed', actor=actor, obj=pairing)
    _mail_buddy(pairing, 'closed')


def stop_pairing(actor: User, pairing: BuddyPairing, *, reason: str) -> None:
    """End a pairing early, with a reason the buddy reads; it frees the buddy's place."""
    pairing = _locked_for_staff(actor, pairing)
    if not pairing.is_open:
        raise BuddyRefused(_l('This pairing has already ended.'))
    reason = (reason or '').strip()
    if not reason:
        raise BuddyRefused(_l('Say why the pairing stops.'))
    pairing.state = PairingState.STOPPED
    pairing.closed_at = utcnow()
    pairing.stop_reason = reason
    db.session.flush()
    record_event('buddy.stopped', actor=actor, obj=pairing)
    _mail_buddy(pairing, 'stopped', reason=reason)
