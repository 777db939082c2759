"""What the proposal pages show besides the proposal itself: the explanation, the subsidy box, the card.

The staff read the stored parts as they were scored; the employer reads the parts frozen in
the card, where the distance is a band and the openness part is left out. Both read them in
their own language. The employer sees the subsidy as a coarse band until the introduction.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from portal.blueprints.matching.explain import ExplainedPart, describe, describe_offers, skill_labels_for
from portal.blueprints.proposals import card as cards
from portal.blueprints.proposals.labels import TRAVEL_BANDS
from portal.matching.subsidy import EMPLOYER_COSTS, HOLIDAY_PAY, in_force
from portal.models.demand import StaffingNeed
from portal.models.matching import Proposal, ProposalState

#: the width (euros per hour) of the subsidy band an employer sees before the introduction: about 19
#: loonwaarde points, too coarse to work the percentage back from it
BAND_EUROS = 3

#: what a card shows when it lacks a fact (cards of older rules, or made by hand for a test)
CARD_DEFAULTS: dict[str, Any] = {'skills': [], 'experience': [], 'dutch': None, 'education': None, 'hours_min': None,
                                 'hours_max': None, 'available_from': None, 'driving_licence': False,
                                 'travel': 'unknown', 'support_needs': [], 'offers': {}, 'parts': []}


def locale() -> str:
    return str(get_locale())


def staff_skill_labels(parts: list[dict[str, Any]]) -> dict[int, str]:
    return skill_labels_for(parts or [], locale())


def staff_explanation(parts: list[dict[str, Any]], need: StaffingNeed) -> list[ExplainedPart]:
    """The parts as they were scored, in words (the need's occupation names the experience)."""
    return describe(parts or [], skill_labels=staff_skill_labels(parts), occupation=need.occupation.label(locale()))


def employer_explanation(card: dict[str, Any], need: StaffingNeed) -> list[ExplainedPart]:
    """The parts frozen in the card: skills named from the card, the distance said as a band, no openness part
    (cards sent before it was left out still hold it: it is dropped here too)."""
    lines = describe(cards.employer_parts(card.get('parts') or []), skill_labels=cards.skill_names(card, locale()),
                     occupation=need.occupation.label(locale()))
    band = TRAVEL_BANDS[card.get('travel') or 'unknown']
    return [replace(line, sentence=_('Lives %(band)s from the work', band=band)) if line.name == 'distance' else line
            for line in lines]


def employer_total(lines: list[ExplainedPart]) -> float:
    return round(sum(line.points for line in lines), 1)


def employer_offers(card: dict[str, Any], need: StaffingNeed) -> str:
    """What the need offers, in neutral words (from the card; cards sent before it held this: the need today)."""
    offered = card['need_offers'] if 'need_offers' in card else cards.need_offers(need)
    return describe_offers(offered)


def subsidy_band(figures: dict[str, Any] | None) -> dict[str, Any] | None:
    """The subsidy per hour as a band of BAND_EUROS (€6 – €9), with the date and parameters it was estimated on."""
    if not figures:
        return None
    low = int(figures['subsidy_per_hour'] // BAND_EUROS) * BAND_EUROS
    return {'low': Decimal(low), 'high': Decimal(low + BAND_EUROS), 'on': figures['on'],
            'employer_costs': figures['employer_costs']}


def employer_subsidy(proposal: Proposal) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(exact figures, band) as the employer sees them: the exact figures only once the identity is shared."""
    figures = card_subsidy(proposal.card)
    if proposal.shows_identity:
        return figures, None
    return None, subsidy_band(figures)


def staff_subsidy(proposal: Proposal, today: date) -> dict[str, Any] | None:
    """A draft shows today's estimate; once sent, the figures the employer got."""
    if proposal.state == ProposalState.DRAFT or not proposal.card:
        return with_parameters(cards.subsidy_figures(cards.subsidy_json(
            cards.subsidy_for(proposal.candidate, proposal.need, today))))
    return card_subsidy(proposal.card)


def card_subsidy(card: dict[str, Any] | None) -> dict[str, Any] | None:
    return with_parameters(cards.subsidy_figures(((card or {}).get('offers') or {}).get('wage_subsidy')))


def with_parameters(figures: dict[str, Any] | None) -> dict[str, Any] | None:
    """The figures with the holiday pay and employer-cost percentages in force on their date, for the fine print."""
    if not figures:
        return None
    return {**figures, 'holiday_pay': in_force(HOLIDAY_PAY, figures['on']),
            'employer_costs': in_force(EMPLOYER_COSTS, figures['on'])}


def card_view(card: dict[str, Any]) -> dict[str, Any]:
    """The card with its skills and occupations in the reader's language, and its dates as dates."""
    key = 'en' if locale().startswith('en') else 'nl'
    card = {**CARD_DEFAULTS, **card}
    return {**card,
            'skill_list': [(skill[key], skill['level']) for skill in card.get('skills', ())],
            'experience_list': [(row[key], row['years']) for row in card.get('experience', ())],
            'available_from_date': date.fromisoformat(card['available_from']) if card.get('available_from') else None}


def staff_card(proposal: Proposal, today: date) -> dict[str, Any]:
    """What the employer sees (or will see, for a draft, if it were sent today)."""
    return card_view(proposal.card if proposal.card else cards.build_card(proposal, today))
