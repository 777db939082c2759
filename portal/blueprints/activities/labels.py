"""How activities read on a page and in mail: kinds, audiences, states and the feedback scales, in the user's language.

The review pages show activities too; they import these tables. This module imports no other blueprint (the
review area imports it while the demand and buddies areas load), so the posting states and next steps are
spelled out here with the same words as there.
"""

from flask_babel import lazy_gettext as _l

from portal.models.activities import ActivityKind, Audience, FeedbackForm
from portal.models.buddies import NextStep
from portal.models.moderation import PostingState

KIND_LABELS = {
    ActivityKind.NETWORK_MEETING: _l('Network meeting'),
    ActivityKind.WORKSHOP: _l('Workshop'),
    ActivityKind.JOB_SHADOWING: _l('Job-shadowing day'),
    ActivityKind.COMPANY_TOUR: _l('Company tour'),
    ActivityKind.PRACTICE_INTERVIEW: _l('Practice interview'),
    ActivityKind.OPEN_DAY: _l('Open day'),
}

AUDIENCE_LABELS = {
    Audience.JOB_SEEKERS: _l('Job seekers (the municipality registers them)'),
    Audience.EMPLOYERS: _l('Employers and their people in the region'),
    Audience.NETWORK: _l('Members of the network'),
    Audience.SIGNED_IN: _l('Everyone with an account in the region'),
}

ACTIVITY_STATE_LABELS = {
    PostingState.DRAFT: _l('Draft'),
    PostingState.PENDING: _l('Waiting for approval'),
    PostingState.CHANGES_REQUESTED: _l('Changes requested'),
    PostingState.REJECTED: _l('Not approved'),
    PostingState.PUBLISHED: _l('Published'),
    PostingState.WITHDRAWN: _l('Withdrawn'),
    PostingState.FILLED: _l('Filled'),
    PostingState.EXPIRED: _l('Expired'),
    PostingState.CANCELLED: _l('Cancelled'),
}

#: the Utrecht status badge modifier per state
ACTIVITY_STATE_BADGES = {
    PostingState.DRAFT: 'neutral',
    PostingState.PENDING: 'warning',
    PostingState.CHANGES_REQUESTED: 'warning',
    PostingState.REJECTED: 'danger',
    PostingState.PUBLISHED: 'success',
    PostingState.WITHDRAWN: 'neutral',
    PostingState.FILLED: 'neutral',
    PostingState.EXPIRED: 'neutral',
    PostingState.CANCELLED: 'danger',
}

NEXT_STEP_LABELS = {
    NextStep.JOB_SHADOWING: _l('A job-shadowing day (meeloopdag)'),
    NextStep.WORKSHOP: _l('A workshop'),
    NextStep.PRACTICE_INTERVIEW: _l('A practice job interview'),
    NextStep.TRAINING: _l('A course or training'),
    NextStep.APPLY: _l('Apply for a job'),
    NextStep.NONE: _l('No next step yet'),
}

#: the practice interview's competences, scored 1-5
COMPETENCES = {
    'preparation': _l('Preparation'),
    'presentation': _l('Presentation'),
    'motivation': _l('Motivation'),
    'questions_asked': _l('Questions asked'),
}

SCORE_LABELS = {
    1: _l('1 – needs a lot of work'),
    2: _l('2 – needs work'),
    3: _l('3 – sufficient'),
    4: _l('4 – good'),
    5: _l('5 – very good'),
}

RATING_LABELS = {
    1: _l('1 – poor'),
    2: _l('2 – fair'),
    3: _l('3 – good'),
    4: _l('4 – very good'),
    5: _l('5 – excellent'),
}

#: the general feedback form's text answers, in the order they are asked
GENERAL_QUESTIONS = {
    'how_it_went': _l('How it went'),
    'strengths': _l('Strengths'),
    'points_to_work_on': _l('Points to work on'),
}

FEEDBACK_FORM_LABELS = {
    FeedbackForm.GENERAL: _l('Feedback'),
    FeedbackForm.PRACTICE_INTERVIEW: _l('Competence form of the practice interview'),
}


def template_labels() -> dict:
    return {'activity_kind_labels': KIND_LABELS, 'audience_labels': AUDIENCE_LABELS,
            'activity_state_labels': ACTIVITY_STATE_LABELS,
            'activity_state_badges': ACTIVITY_STATE_BADGES, 'competence_labels': COMPETENCES,
            'score_labels': SCORE_LABELS, 'rating_labels': RATING_LABELS, 'general_questions': GENERAL_QUESTIONS,
            'feedback_form_labels': FEEDBACK_FORM_LABELS, 'next_step_labels': NEXT_STEP_LABELS}
