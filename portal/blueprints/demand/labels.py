"""How demand facts read on a page and in mail: states, horizons, contract types and the rest, in the user's language.

Other areas (review, regional, network) show the same postings; they import these tables too.
"""

from flask_babel import lazy_gettext as _l

from portal.models.demand import (
    ContractType,
    DayPart,
    EffectDirection,
    Horizon,
    LanguageLevel,
    PlanTheme,
    PlanVisibility,
)
from portal.models.moderation import PostingState

STATE_LABELS = {
    PostingState.DRAFT: _l('Draft'),
    PostingState.PENDING: _l('Waiting for approval'),
    PostingState.CHANGES_REQUESTED: _l('Changes requested'),
    PostingState.REJECTED: _l('Not approved'),
    PostingState.PUBLISHED: _l('Published'),
    PostingState.WITHDRAWN: _l('Withdrawn'),
    PostingState.FILLED: _l('Filled'),
    PostingState.EXPIRED: _l('Expired'),
}

#: the Utrecht status badge modifier per state
STATE_BADGES = {
    PostingState.DRAFT: 'neutral',
    PostingState.PENDING: 'warning',
    PostingState.CHANGES_REQUESTED: 'warning',
    PostingState.REJECTED: 'danger',
    PostingState.PUBLISHED: 'success',
    PostingState.WITHDRAWN: 'neutral',
    PostingState.FILLED: 'neutral',
    PostingState.EXPIRED: 'neutral',
}

HORIZON_LABELS = {
    Horizon.NOW: _l('Now'),
    Horizon.WITHIN_6_MONTHS: _l('Within 6 months'),
    Horizon.MONTHS_6_24: _l('In 6 to 24 months'),
    Horizon.YEARS_2_5: _l('In 2 to 5 years'),
    Horizon.YEARS_5_PLUS: _l('In 5 years or more'),
}

CONTRACT_LABELS = {
    ContractType.PERMANENT: _l('Permanent contract'),
    ContractType.FIXED_TERM: _l('Fixed-term contract'),
    ContractType.ON_CALL: _l('On-call contract'),
    ContractType.AGENCY: _l('Through an agency'),
    ContractType.OTHER: _l('Other'),
}

DAY_PART_LABELS = {
    DayPart.WEEKDAY_MORNING: _l('Weekday mornings'),
    DayPart.WEEKDAY_AFTERNOON: _l('Weekday afternoons'),
    DayPart.WEEKDAY_EVENING: _l('Weekday evenings'),
    DayPart.NIGHT: _l('Nights'),
    DayPart.WEEKEND: _l('Weekends'),
}

LANGUAGE_LABELS = {
    LanguageLevel.NONE: _l('No Dutch needed for the work'),
    LanguageLevel.A2: _l('A2: simple conversations'),
    LanguageLevel.B1: _l('B1: everyday Dutch at work'),
    LanguageLevel.B2: _l('B2: fluent, also in writing'),
}

THEME_LABELS = {
    PlanTheme.AUTOMATION: _l('Automation'),
    PlanTheme.DIGITALISATION: _l('Digitalisation'),
    PlanTheme.ENERGY_TRANSITION: _l('Energy transition'),
    PlanTheme.GROWTH: _l('Growth'),
    PlanTheme.NEW_PRODUCT_OR_MARKET: _l('New product or market'),
    PlanTheme.OTHER: _l('Other'),
}

VISIBILITY_LABELS = {
    PlanVisibility.STAFF: _l('Only the municipality’s account managers'),
    PlanVisibility.NETWORK: _l('The account managers and the members of the regional network'),
}

DIRECTION_LABELS = {
    EffectDirection.GROWS: _l('Grows'),
    EffectDirection.SHRINKS: _l('Shrinks'),
    EffectDirection.NEW: _l('New'),
}

#: what the employer is open to, per StaffingNeed column (see portal.models.demand.OPENNESS)
OPENNESS_LABELS = {
    'open_to_wage_subsidy': _l('Wage-cost subsidy (loonkostensubsidie)'),
    'open_to_job_coach': _l('A job coach'),
    'open_to_trial_placement': _l('A trial placement (proefplaatsing)'),
    'open_to_learn_work': _l('A learn-work place (BBL)'),
    'open_to_part_time': _l('Part-time work'),
    'open_to_adapted_work': _l('Adapted work'),
}


def template_labels() -> dict:
    """The label tables for templates. The enums are StrEnums, so a stored value ('draft', from a snapshot)
    finds its label as well as the member does."""
    return {'state_labels': STATE_LABELS, 'state_badges': STATE_BADGES, 'horizon_labels': HORIZON_LABELS,
            'contract_labels': CONTRACT_LABELS, 'day_part_labels': DAY_PART_LABELS,
            'language_labels': LANGUAGE_LABELS, 'theme_labels': THEME_LABELS,
            'visibility_labels': VISIBILITY_LABELS, 'direction_labels': DIRECTION_LABELS,
            'openness_labels': OPENNESS_LABELS}
