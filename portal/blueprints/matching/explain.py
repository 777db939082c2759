"""A match score in words: each part's points and the facts behind them, in the reader's language.

The engine (`portal.matching`) answers with numbers and codes; `describe` turns the parts a
`Match.as_json()` holds (as a proposal stores them) into one sentence per part, so the ranking
pages and the proposal pages explain a score the same way.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel.lists import format_list
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.labels import MISSING_FIELD_LABELS as MISSING_FIELD_LABELS  # the matching pages read it here
from portal.extensions import db
from portal.matching.profiles import CANDIDATE_SIDE, EMPLOYER_SIDE
from portal.models.taxonomy import Skill

#: the parts of a score, as a staff member reads them
PART_LABELS = {
    'skills': _l('Skills'),
    'experience': _l('Experience'),
    'language': _l('Dutch'),
    'hours': _l('Hours'),
    'distance': _l('Travel distance'),
    'start': _l('Start date'),
    'openness': _l('What the employer offers'),
}
SIDE_LABELS = {
    'employer': _l('Fits the employer'),
    'candidate': _l('Fits the job seeker'),
}
#: what an employer's openness can do for a person (the openness part's facts)
INSTRUMENTS = {
    'trial_placement': _l('a trial placement'),
    'learn_work': _l('a learn-work place'),
    'wage_subsidy': _l('wage-cost subsidy'),
    'job_coach': _l('a job coach'),
}
#: the CEFR ladder of `portal.matching.profiles.DUTCH_RANK` (7: native speaker, 0: none)
DUTCH_LEVELS = {1: 'A1', 2: 'A2', 3: 'B1', 4: 'B2', 5: 'C1', 6: 'C2'}


@dataclass(frozen=True)
class ExplainedPart:
    name: str
    label: str
    points: float
    max_points: int
    sentence: str
    #: 'employer' (how well the person fits the need) or 'candidate' (how well the work fits the person)
    side: str


def _list(items: Iterable[str], style: str = 'standard') -> str:
    return format_list(list(items), style=style, locale=str(get_locale()))


def _number(value: float) -> str:
    return format_decimal(value, format='#,##0.#')


def _skills(facts: Mapping, labels: Mapping[int, str]) -> str:
    def names(ids):
        return _list(labels.get(skill_id, '?') for skill_id in ids)

    matched, required, wished = (list(facts.get(key) or ()) for key in ('matched', 'missing_required',
                                                                           'missing_wished'))
    asked = len(matched) + len(required) + len(wished)
    if not asked:
        return _('The work asks for no particular skills')
    if matched:
        sentences = [ngettext('%(count)d of the %(num)d skill asked: %(skills)s',
                              '%(count)d of the %(num)d skills asked: %(skills)s', asked,
                              count=len(matched), skills=names(matched))]
    else:
        sentences = [ngettext('None of the %(num)d skill asked', 'None of the %(num)d skills asked', asked)]
    if required:
        sentences.append(_('Missing and required: %(skills)s', skills=names(required)))
    if wished:
        sentences.append(_('Missing and wished for: %(skills)s', skills=names(wished)))
    return '. '.join(sentences)


def _experience(facts: Mapping, occupation: str | None) -> str:
    years = int(facts.get('years') or 0)
    match = facts.get('match')
    if match == 'occupation':
        if occupation:
            if not years:
                return _('Less than a year as %(occupation)s (same occupation)', occupation=occupation)
            return ngettext('%(num)d year as %(occupation)s (same occupation)',
                            '%(num)d years as %(occupation)s (same occupation)', years, occupation=occupation)
        if not years:
            return _('Less than a year in the same occupation')
        return ngettext('%(num)d year in the same occupation', '%(num)d years in the same occupation', years)
    if match == 'related':
        if not years:
            return _('Less than a year in a related occupation')
        return ngettext('%(num)d year in a related occupation', '%(num)d years in a related occupation', years)
    return _('No experience in this or a related occupation')


def _language(facts: Mapping) -> str:
    required, has = int(facts.get('required') or 0), int(facts.get('has') or 0)
    asked = DUTCH_LEVELS.get(required, '')
    if not required:
        return _('The work needs no Dutch')
    if not has:
        return _('Speaks no Dutch; the work asks %(asked)s', asked=asked)
    if has >= 7:
        return _('Dutch as a native speaker; the work asks %(asked)s', asked=asked)
    return _('Dutch at %(level)s, the work asks %(asked)s', level=DUTCH_LEVELS[has], asked=asked)


def _hours(facts: Mapping) -> str:
    can, low, high = (int(facts.get(key) or 0) for key in ('can', 'asked_min', 'asked_max'))
    if can < low:
        return ngettext('Can work %(can)d of the %(num)d hour asked', 'Can work %(can)d of the %(num)d hours asked',
                        low, can=can)
    if low == high:
        return ngettext('Can work the %(num)d hour a week asked', 'Can work the %(num)d hours a week asked', low)
    return ngettext('Can work up to %(num)d hour a week; the work asks %(low)d to %(high)d',
                    'Can work up to %(num)d hours a week; the work asks %(low)d to %(high)d', can, low=low, high=high)


def _distance(facts: Mapping) -> str:
    if facts.get('km') is None:
        return _('Distance unknown: no postcode area')
    return _('Lives %(km)s km from the work (travels at most %(max)s km)', km=_number(facts['km']),
             max=_number(facts.get('max_km') or 0))


def _start(facts: Mapping) -> str:
    late = int(facts.get('late_days') or 0)
    if not late:
        return _('Available by the wanted start')
    return ngettext('Available %(num)d day after the wanted start', 'Available %(num)d days after the wanted start',
                    late)


def _openness(facts: Mapping) -> str:
    offered = [str(INSTRUMENTS.get(name, name)) for name in facts.get('offered') or ()]
    missing = [str(INSTRUMENTS.get(name, name)) for name in facts.get('not_offered') or ()]
    if offered and missing:
        return _('The employer offers %(offered)s; not %(missing)s', offered=_list(offered),
                 missing=_list(missing, 'or'))
    if offered:
        return _('The employer offers %(offered)s', offered=_list(offered))
    return _('The employer offers none of what would help: %(missing)s', missing=_list(missing))


def describe_offers(offered: Iterable[str]) -> str:
    """What a need offers, said to its employer: no word on what would help the person (that is staff's)."""
    names = [str(INSTRUMENTS[name]) for name in offered if name in INSTRUMENTS]
    if not names:
        return _('You offer no trial placement, learn-work place, wage-cost subsidy or job coach for this need.')
    return _('You offer %(offered)s for this need.', offered=_list(names))


def sentence(part: Mapping, *, skill_labels: Mapping[int, str], occupation: str | None = None) -> str:
    facts = part.get('facts') or {}
    name = part['name']
    if not facts:  # every part the engine scores has facts: an anonymised proposal keeps name, points and max only
        return _("Details removed when the job seeker's data was anonymised.")
    if name == 'skills':
        return _skills(facts, skill_labels)
    if name == 'experience':
        return _experience(facts, occupation)
    if name == 'language':
        return _language(facts)
    if name == 'hours':
        return _hours(facts)
    if name == 'distance':
        return _distance(facts)
    if name == 'start':
        return _start(facts)
    if name == 'openness':
        return _openness(facts)
    return ''


def describe(parts: list[dict], *, skill_labels: Mapping[int, str],
             occupation: str | None = None) -> list[ExplainedPart]:
    """Each stored part (`Match.as_json()`: name, points, max, facts) with its label, side and sentence.

    `occupation`, the need's occupation in the reader's language, names it in the experience sentence.
    """
    return [ExplainedPart(name=part['name'], label=str(PART_LABELS.get(part['name'], part['name'])),
                          points=float(part['points']), max_points=int(part['max']),
                          sentence=sentence(part, skill_labels=skill_labels, occupation=occupation),
                          side='employer' if part['name'] in EMPLOYER_SIDE else 'candidate')
            for part in parts if part['name'] in EMPLOYER_SIDE or part['name'] in CANDIDATE_SIDE]


def skill_labels_for(parts: Iterable[Mapping], locale) -> dict[int, str]:
    """The label of every skill the parts' facts name, in `locale`, in one query."""
    ids = {int(skill_id) for part in parts for key in ('matched', 'missing_required', 'missing_wished')
           for skill_id in (part.get('facts') or {}).get(key) or ()}
    if not ids:
        return {}
    column = Skill.label_en if str(locale).startswith('en') else Skill.label_nl
    rows = db.session.execute(select(Skill.id, column).where(Skill.id.in_(ids)))
    return dict(rows.all())  # not dict(rows): a Result has keys(), the column names


# Hard conditions and the pool, in words ---------------------------------------------------------

def describe_exclusions(codes: Iterable[str]) -> list[str]:
    """Why a pair cannot be proposed, one sentence per hard condition."""
    sentences = {
        'no_consent': _('No consent to be proposed to employers'),
        'hours': _('The hours do not fit'),
        'distance': _('The work is farther away than the job seeker travels'),
        'day_parts': _('The working times do not fit'),
        'availability': _('Not available before the need ends'),
        'support': _('Needs support the employer does not offer'),
    }
    return [sentences.get(code, code) for code in codes]


def _candidates_ruled_out(code: str, n: int) -> str | None:
    if code == 'no_consent':
        return ngettext('%(num)d job seeker ruled out: no consent to be proposed',
                        '%(num)d job seekers ruled out: no consent to be proposed', n)
    if code == 'hours':
        return ngettext('%(num)d job seeker ruled out by the hours', '%(num)d job seekers ruled out by the hours', n)
    if code == 'distance':
        return ngettext('%(num)d job seeker ruled out by travel distance',
                        '%(num)d job seekers ruled out by travel distance', n)
    if code == 'day_parts':
        return ngettext('%(num)d job seeker ruled out by the working times',
                        '%(num)d job seekers ruled out by the working times', n)
    if code == 'availability':
        return ngettext('%(num)d job seeker ruled out: not available before the need ends',
                        '%(num)d job seekers ruled out: not available before the need ends', n)
    if code == 'support':
        return ngettext('%(num)d job seeker ruled out by support the employer does not offer',
                        '%(num)d job seekers ruled out by support the employer does not offer', n)
    return None


def _needs_ruled_out(code: str, n: int) -> str | None:
    if code == 'no_consent':
        return ngettext('%(num)d need ruled out: no consent to be proposed',
                        '%(num)d needs ruled out: no consent to be proposed', n)
    if code == 'hours':
        return ngettext('%(num)d need ruled out by the hours', '%(num)d needs ruled out by the hours', n)
    if code == 'distance':
        return ngettext('%(num)d need ruled out by travel distance', '%(num)d needs ruled out by travel distance', n)
    if code == 'day_parts':
        return ngettext('%(num)d need ruled out by the working times',
                        '%(num)d needs ruled out by the working times', n)
    if code == 'availability':
        return ngettext('%(num)d need ruled out: it ends before the job seeker is available',
                        '%(num)d needs ruled out: they end before the job seeker is available', n)
    if code == 'support':
        return ngettext('%(num)d need ruled out: the employer does not offer the support needed',
                        '%(num)d needs ruled out: the employer does not offer the support needed', n)
    return None


def excluded_count_lines(counts: Mapping[str, int], *, of: str = 'candidates') -> list[str]:
    """'12 job seekers ruled out by travel distance': a line per hard condition that ruled pairs out.

    `of`: what was ruled out, 'candidates' (a need's ranking) or 'needs' (a job seeker's).
    """
    line = _needs_ruled_out if of == 'needs' else _candidates_ruled_out
    return [text for code, count in counts.items() if count and (text := line(code, count))]


def _left_out(reason: str, n: int) -> str | None:
    if reason == 'stale':
        return ngettext('%(num)d job seeker left out: availability not confirmed in the last 8 weeks',
                        '%(num)d job seekers left out: availability not confirmed in the last 8 weeks', n)
    if reason == 'incomplete':
        return ngettext('%(num)d job seeker left out: profile incomplete',
                        '%(num)d job seekers left out: profile incomplete', n)
    if reason == 'no_consent':
        return ngettext('%(num)d job seeker left out: no consent to be proposed',
                        '%(num)d job seekers left out: no consent to be proposed', n)
    if reason == 'paused':
        return ngettext('%(num)d job seeker left out: paused', '%(num)d job seekers left out: paused', n)
    if reason == 'left':
        return ngettext('%(num)d job seeker left out: left the caseload',
                        '%(num)d job seekers left out: left the caseload', n)
    return None


def left_out_lines(counts: Mapping[str, int]) -> list[str]:
    """Who of the region's caseload is not in the matching pool, a line per reason (most fixable first)."""
    order = ('stale', 'incomplete', 'no_consent', 'paused', 'left')
    return [text for reason in order if counts.get(reason) and (text := _left_out(reason, counts[reason]))]
