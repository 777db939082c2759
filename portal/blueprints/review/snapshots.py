"""How a posting's snapshot reads on a page: its fields in the user's language, and what changed between two.

Snapshots are the JSON that `StaffingNeed.snapshot()`, `InnovationPlan.snapshot()` and `Activity.snapshot()`
write: the version under review, or the approved version others see. Reading them (never the live row) is how
the review page shows exactly what was submitted and the network page exactly what was approved.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.blueprints.activities.labels import AUDIENCE_LABELS
from portal.blueprints.activities.labels import KIND_LABELS as ACTIVITY_KIND_LABELS
from portal.blueprints.demand.labels import (
    CONTRACT_LABELS,
    DAY_PART_LABELS,
    DIRECTION_LABELS,
    HORIZON_LABELS,
    LANGUAGE_LABELS,
    OPENNESS_LABELS,
    THEME_LABELS,
    VISIBILITY_LABELS,
)
from portal.models.moderation import PostingKind

Snapshot = dict[str, Any]
EMPTY = '—'


def _is_english() -> bool:
    return str(get_locale() or 'nl').startswith('en')


def entry_label(entry: dict | None) -> str:
    """The label of an occupation or skill as a snapshot holds it ({'id', 'nl', 'en'})."""
    if not entry:
        return EMPTY
    return entry.get('en' if _is_english() else 'nl') or entry.get('nl') or EMPTY


def _labels(table: dict, values) -> str:
    return ', '.join(str(table.get(value, value)) for value in values or []) or EMPTY


def _one(table: dict) -> Callable[[Any], str]:
    return lambda value: str(table.get(value, value)) if value else EMPTY


def _date(value: str | None) -> str:
    return format_date(date.fromisoformat(value), 'long') if value else EMPTY


def _plain(value) -> str:
    return EMPTY if value in (None, '') else str(value)


def _skills(entries) -> str:
    return ', '.join(entry_label(entry) for entry in entries or []) or EMPTY


def effect_text(effect: dict) -> str:
    """One expected effect on one line: 'Grows: 3 × Orderpicker, in 2 to 5 years'."""
    text = _('%(direction)s: %(count)s × %(occupation)s, %(when)s',
             direction=DIRECTION_LABELS.get(effect.get('direction'), effect.get('direction')),
             count=effect.get('headcount'), occupation=entry_label(effect.get('occupation')),
             when=str(HORIZON_LABELS.get(effect.get('by_when'), effect.get('by_when'))).lower())
    if effect.get('skills'):
        text += ' · ' + _('skills: %(skills)s', skills=_skills(effect['skills']))
    if effect.get('training_need'):
        text += ' · ' + _('training: %(need)s', need=effect['training_need'])
    return text


def _effects(effects) -> str:
    return '\n'.join(effect_text(effect) for effect in effects or []) or EMPTY


@dataclass(frozen=True)
class Field:
    """One line of a posting: its label, the snapshot keys it reads, and how they read."""

    label: Any
    keys: tuple[str, ...]
    show: Callable[..., str]
    #: shown with its line breaks (descriptions)
    multiline: bool = False

    def text(self, snapshot: Snapshot) -> str:
        return self.show(*(snapshot.get(key) for key in self.keys))

    def raw(self, snapshot: Snapshot | None) -> tuple:
        return tuple((snapshot or {}).get(key) for key in self.keys)


def _hours(low, high) -> str:
    if low is None:
        return EMPTY
    if low == high:
        return _('%(hours)s hours a week', hours=low)
    return _('%(low)s to %(high)s hours a week', low=low, high=high)


def slot_text(slot: dict) -> str:
    """One date of an activity on one line: 'dinsdag 1 december 2026 09:30–12:00, 6 places' (Dutch time)."""
    starts, ends = datetime.fromisoformat(slot['starts_at']), datetime.fromisoformat(slot['ends_at'])
    return ngettext('%(start)s–%(end)s, %(num)d place', '%(start)s–%(end)s, %(num)d places', slot.get('seats') or 0,
                    start=format_datetime(starts, 'EEEE d MMMM y, HH:mm'), end=format_datetime(ends, 'HH:mm'))


def _slots(slots) -> str:
    return '\n'.join(slot_text(slot) for slot in slots or []) or EMPTY


def _yes_no(value) -> str:
    return _('Yes') if value else _('No')


FIELDS: dict[PostingKind, tuple[Field, ...]] = {
    PostingKind.NEED: (
        Field(_l('Title'), ('title',), _plain),
        Field(_l('Description'), ('description',), _plain, multiline=True),
        Field(_l('Occupation'), ('occupation',), entry_label),
        Field(_l('Required skills'), ('required_skills',), _skills),
        Field(_l('Wished-for skills'), ('wished_skills',), _skills),
        Field(_l('Number of people'), ('positions',), _plain),
        Field(_l('Hours per week'), ('hours_min', 'hours_max'), _hours),
        Field(_l('Contract'), ('contract_type',), _one(CONTRACT_LABELS)),
        Field(_l('Work location'), ('municipality', 'postcode'),
              lambda place, postcode: ', '.join(p for p in (postcode, place) if p) or EMPTY),
        Field(_l('Working times'), ('day_parts',), lambda parts: _labels(DAY_PART_LABELS, parts)),
        Field(_l('Dutch language level'), ('language_level',), _one(LANGUAGE_LABELS)),
        Field(_l('When'), ('horizon',), _one(HORIZON_LABELS)),
        Field(_l('Start date'), ('start_on',), _date),
        Field(_l('Open to'), ('openness',), lambda names: _labels(OPENNESS_LABELS, names)),
        Field(_l('End date'), ('ends_on',), _date),
    ),
    PostingKind.PLAN: (
        Field(_l('Title'), ('title',), _plain),
        Field(_l('Theme'), ('theme',), _one(THEME_LABELS)),
        Field(_l('Timeframe'), ('timeframe',), _one(HORIZON_LABELS)),
        Field(_l('Description'), ('description',), _plain, multiline=True),
        Field(_l('Who may see it'), ('visibility',), _one(VISIBILITY_LABELS)),
        Field(_l('Expected effects on staff'), ('effects',), _effects, multiline=True),
    ),
    PostingKind.ACTIVITY: (
        Field(_l('Title'), ('title',), _plain),
        Field(_l('Kind of activity'), ('kind',), _one(ACTIVITY_KIND_LABELS)),
        Field(_l('Description'), ('description',), _plain, multiline=True),
        Field(_l('For whom'), ('audience',), _one(AUDIENCE_LABELS)),
        Field(_l('Address'), ('location',), _plain),
        Field(_l('Online link'), ('online_url',), _plain),
        Field(_l('The host approves each registration'), ('requires_approval',), _yes_no),
        Field(_l('Dates'), ('slots',), _slots, multiline=True),
    ),
}


@dataclass(frozen=True)
class Line:
    label: Any
    text: str
    multiline: bool = False


@dataclass(frozen=True)
class Change:
    label: Any
    before: str
    after: str
    multiline: bool = False


def lines(kind: PostingKind, snapshot: Snapshot | None) -> list[Line]:
    """Every field of the snapshot, readable."""
    snapshot = snapshot or {}
    return [Line(f.label, f.text(snapshot), f.multiline) for f in FIELDS[kind]]


def changes(kind: PostingKind, before: Snapshot | None, after: Snapshot | None) -> list[Change]:
    """The fields that differ between two versions, each with its old and new text."""
    before, after = before or {}, after or {}
    return [Change(f.label, f.text(before), f.text(after), f.multiline)
            for f in FIELDS[kind] if f.raw(before) != f.raw(after)]
