"""After a date: the host's feedback on each job seeker who attended, attendees' ratings, and staff's mail to
the attendees or the no-shows.

Feedback on a job seeker is staff-only data about a person: only its author, the region's coordinators and
that job seeker's accountmanager read it, and every read by staff is audited. The accountmanager is told that
feedback arrived, never what it says. Plain functions; the actor is passed in; they flush and never commit.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.blueprints.activities import policy
from portal.core.audit import record_event
from portal.core.dbtypes import utcnow
from portal.core.mail import queue_mail
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.activities import (
    ActivityFeedback,
    ActivityKind,
    ActivitySlot,
    FeedbackForm,
    Registration,
    RegistrationState,
)
from portal.models.buddies import NextStep

GENERAL_KEYS = ('how_it_went', 'strengths', 'points_to_work_on')
COMPETENCE_KEYS = ('preparation', 'presentation', 'motivation', 'questions_asked')
#: whom staff may mail after a date: registration state per group
MAIL_GROUPS = {'attended': RegistrationState.ATTENDED, 'no_show': RegistrationState.NO_SHOW}


class FollowUpRefused(OperationRefused):
    pass


def form_of(registration: Registration) -> FeedbackForm:
    if registration.slot.activity.kind == ActivityKind.PRACTICE_INTERVIEW:
        return FeedbackForm.PRACTICE_INTERVIEW
    return FeedbackForm.GENERAL


def is_feedback_subject(registration: Registration) -> bool:
    """A job seeker who attended."""
    return registration.candidate_id is not None and registration.state == RegistrationState.ATTENDED


def can_write_feedback(user, registration: Registration) -> bool:
    """The host, for a job seeker who attended; once written, its author alone changes it."""
    if not (user.is_authenticated and is_feedback_subject(registration)):
        return False
    if not policy.is_host(user, registration.slot.activity):
        return False
    feedback = registration.feedback
    return feedback is None or feedback.author_id == user.id


def can_read_feedback(user, registration: Registration) -> bool:
    """Its author, the coordinators of the job seeker's region, and the job seeker's accountmanager."""
    feedback = registration.feedback
    if feedback is None or not user.is_authenticated:
        return False
    if feedback.author_id == user.id:
        return True
    candidate = registration.candidate
    if candidate is None or user.staff_region_id != candidate.region_id:
        return False
    return user.is_coordinator or candidate.accountmanager_id == user.id


def _clean_answers(form: FeedbackForm, answers: dict) -> dict:
    texts = GENERAL_KEYS if form == FeedbackForm.GENERAL else ('points_to_work_on',)
    clean = {key: (answers.get(key) or '').strip() or None for key in texts}
    if form == FeedbackForm.GENERAL:
        step = answers.get('next_step')
        if step not in {s.value for s in NextStep}:
            raise FollowUpRefused(_l('Choose a suggested next step.'))
        clean['next_step'] = step
        if not any(clean[key] for key in GENERAL_KEYS):
            raise FollowUpRefused(_l('Write at least how it went, a strength or a point to work on.'))
    else:
        for key in COMPETENCE_KEYS:
            score = answers.get(key)
            if not isinstance(score, int) or not 1 <= score <= 5:
                raise FollowUpRefused(_l('Score every competence from 1 to 5.'))
            clean[key] = score
        if not isinstance(answers.get('would_invite'), bool):
            raise FollowUpRefused(_l('Say whether you would invite this person for a real interview.'))
        clean['would_invite'] = answers['would_invite']
    return clean


def save_feedback(actor: User, registration: Registration, *, answers: dict) -> ActivityFeedback:
    """Write (or, by its author, change) the feedback on a job seeker who attended; the first time, their
    accountmanager (else the region's coordinators) is mailed that it arrived."""
    if not is_feedback_subject(registration):
        raise FollowUpRefused(_l('Feedback is given on job seekers who attended.'))
    if not can_write_feedback(actor, registration):
        raise FollowUpRefused(_l('Only the host who wrote this feedback can change it.'))
    form = form_of(registration)
    clean = _clean_answers(form, answers)
    feedback = registration.feedback
    created = feedback is None
    if created:
        feedback = ActivityFeedback(registration=registration, author_id=actor.id, form=form)
        db.session.add(feedback)
    feedback.answers = clean
    db.session.flush()
    activity = registration.slot.activity
    record_event('activity_feedback.created' if created else 'activity_feedback.updated', actor=actor, obj=feedback,
                 region_id=activity.region_id,
                 details={'registration_id': registration.id, 'activity_id': activity.id, 'form': form.value,
                          'candidate_code': registration.candidate.code})
    if created:
        _tell_accountmanager(registration, feedback)
    return feedback


def feedback_readers(registration: Registration) -> list[User]:
    """Who is told that feedback arrived: the job seeker's accountmanager, or else the region's coordinators (the
    others who may read it, can_read_feedback)."""
    candidate = registration.candidate
    manager = candidate.accountmanager
    if manager is not None and manager.is_active and manager.staff_region_id == candidate.region_id:
        return [manager]
    return list(db.session.scalars(select(User).join(StaffRole).where(
        StaffRole.region_id == candidate.region_id, StaffRole.kind == StaffKind.COORDINATOR,
        User.is_enabled.is_(True), User.deleted_at.is_(None)).order_by(User.id)))


def _tell_accountmanager(registration: Registration, feedback: ActivityFeedback) -> None:
    candidate = registration.candidate
    for staff in feedback_readers(registration):
        queue_mail(staff.email, 'activities_host/feedback_received', locale=staff.locale,
                   region_id=candidate.region_id, user=staff, code=candidate.code,
                   activity=registration.slot.activity,
                   url=url_for('activities.feedback', registration_id=registration.id, _external=True))


def record_feedback_view(actor: User, registration: Registration) -> None:
    """Staff read feedback on a job seeker: audited like every view of staff-only data about a person."""
    if actor.is_staff and registration.feedback is not None:
        record_event('activity_feedback.viewed', actor=actor, obj=registration.feedback,
                     region_id=registration.candidate.region_id,
                     details={'registration_id': registration.id, 'candidate_code': registration.candidate.code})


def can_rate(user, registration: Registration) -> bool:
    return (user.is_authenticated and registration.user_id == user.id
            and registration.state == RegistrationState.ATTENDED)


def rate_activity(actor: User, registration: Registration, *, rating: int, comment: str | None = None) -> None:
    """An attendee rates the activity 1-5 (once per date they attended; they may change it)."""
    if not can_rate(actor, registration):
        raise FollowUpRefused(_l('Only people who attended can rate the activity.'))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise FollowUpRefused(_l('Choose a rating from 1 to 5.'))
    changed = registration.rating is not None
    registration.rating = rating
    registration.rating_comment = (comment or '').strip() or None
    registration.rated_at = utcnow()
    db.session.flush()
    record_event('registration.rate', actor=actor, obj=registration,
                 region_id=registration.slot.activity.region_id,
                 details={'activity_id': registration.slot.activity_id, 'rating': rating, 'changed': changed})


def mail_recipients(slot: ActivitySlot, group: str) -> tuple[list[User], int]:
    """The signed-in users of a group on this date, and how many job seekers are in it (staff reach those)."""
    state = MAIL_GROUPS[group]
    registrations = [r for r in slot.registrations if r.state == state]
    users = [r.user for r in registrations if r.user is not None and r.user.is_active]
    return users, sum(1 for r in registrations if r.candidate_id is not None)


def mail_participants(actor: User, slot: ActivitySlot, *, group: str, subject: str, message: str) -> int:
    """Staff of the region write to the attendees or the no-shows of a date that has started; one mail each,
    in the recipient's language. Job seekers are not mailed: their accountmanager reaches them."""
    activity = slot.activity
    if not policy.is_staff_of_region(actor, activity):
        raise FollowUpRefused(_l('Only staff of the region can mail the participants.'))
    if group not in MAIL_GROUPS:
        raise FollowUpRefused(_l('Choose whom to mail.'))
    if not slot.has_started():
        raise FollowUpRefused(_l('You can mail attendees or no-shows once the date has started.'))
    subject, message = (subject or '').strip(), (message or '').strip()
    if not subject or not message:
        raise FollowUpRefused(_l('Fill in a subject and a message.'))
    users, job_seekers = mail_recipients(slot, group)
    if not users:
        raise FollowUpRefused(_l('Nobody in this group can be mailed.'))
    url = url_for('activities.view_activity', activity_id=activity.id, _external=True)
    for user in users:
        queue_mail(user.email, 'activities_host/message', locale=user.locale, region_id=activity.region_id,
                   user=user, activity=activity, slot=slot, subject=subject, message=message, sender=actor, url=url)
    record_event('activity.mail_participants', actor=actor, obj=activity,
                 details={'slot_id': slot.id, 'group': group, 'subject': subject,
                          'user_ids': [u.id for u in users], 'job_seekers_not_mailed': job_seekers})
    return len(users)
