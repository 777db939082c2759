"""The region's outlook: published demand counted per horizon, occupation, sector and municipality,
the occupations innovation plans expect to grow, shrink or appear, and the skills needs ask for most.

Every figure counts the APPROVED version of a published posting (its `published_snapshot`), never
an edit that waits for review or was turned down, so a council report only holds what staff
approved. The database does the counting (GROUP BY over the snapshots' JSON) in two statements,
however many postings the region has: one over the needs and one over the plans. Each reads every
snapshot once, into a materialized CTE, because parsing the JSON is what costs time.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import JSON, Integer, String, func, literal, select, true, union_all

from portal.blueprints.demand.labels import HORIZON_LABELS
from portal.core import sbi
from portal.extensions import db
from portal.models.demand import EffectDirection, Horizon, InnovationPlan, StaffingNeed
from portal.models.moderation import PostingState
from portal.models.organisations import Organisation
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality

TOP_OCCUPATIONS = 15
TOP_EFFECTS = 15
TOP_SKILLS = 20


@dataclass(frozen=True)
class OutlookFilters:
    """Empty fields do not filter. The municipality is where the work is (needs), or the organisation (plans)."""

    horizon: Horizon | None = None
    municipality: Municipality | None = None


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int, ...]

    @property
    def value(self) -> int:
        """The figure the chart draws: the last column."""
        return self.values[-1]


@dataclass
class Outlook:
    needs: int = 0
    positions: int = 0
    plans: int = 0
    by_horizon: list[Row] = field(default_factory=list)
    by_occupation: list[Row] = field(default_factory=list)
    by_sector: list[Row] = field(default_factory=list)
    by_municipality: list[Row] = field(default_factory=list)
    #: per direction (grows, shrinks, new): occupations by headcount, largest first
    effects: dict[EffectDirection, list[Row]] = field(default_factory=dict)
    #: (required, wished, total) needs per skill
    skills: list[Row] = field(default_factory=list)

    @property
    def top_occupation_positions(self) -> int:
        return sum(row.value for row in self.by_occupation)


def _is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == 'postgresql'


def _elements(array, name: str):
    """The elements of a JSON array, one row each, in a table with one JSON column `value`."""
    value = sa.column('value', JSON)
    if _is_postgresql():
        return func.json_array_elements(array).table_valued(value).lateral(name)
    return func.json_each(array).table_valued(value).alias(name)


def _materialized(query: sa.Select, name: str) -> sa.CTE:
    # Without MATERIALIZED the database may inline the CTE into every branch and parse each snapshot again.
    return query.cte(name).prefix_with('MATERIALIZED')


# The needs -------------------------------------------------------------------------------

def _approved_needs(region_id: int, filters: OutlookFilters) -> sa.CTE:
    """The region's published needs as their approved version describes them, each snapshot parsed once."""
    if _is_postgresql():
        # json_to_record parses the document once and hands out every field asked for
        fields = func.json_to_record(StaffingNeed.published_snapshot).table_valued(
            sa.column('horizon', String), sa.column('positions', Integer), sa.column('municipality', String),
            sa.column('occupation', JSON), sa.column('required_skills', JSON), sa.column('wished_skills', JSON),
        ).render_derived('approved', with_types=True)
        horizon, positions, municipality = fields.c.horizon, fields.c.positions, fields.c.municipality
        occupation_id = fields.c.occupation['id'].as_integer()
        required, wished = fields.c.required_skills, fields.c.wished_skills
        base = select().select_from(StaffingNeed).join(fields, true())
    else:
        snapshot = StaffingNeed.published_snapshot
        horizon, positions = snapshot['horizon'].as_string(), snapshot['positions'].as_integer()
        municipality = snapshot['municipality'].as_string()
        occupation_id = snapshot[('occupation', 'id')].as_integer()
        required, wished = snapshot['required_skills'], snapshot['wished_skills']
        base = select().select_from(StaffingNeed)
    query = base.add_columns(
        StaffingNeed.organisation_id.label('organisation_id'), horizon.label('horizon'),
        positions.label('positions'), municipality.label('municipality'), occupation_id.label('occupation_id'),
        required.label('required_skills'), wished.label('wished_skills'),
    ).where(StaffingNeed.region_id == region_id, StaffingNeed.state == PostingState.PUBLISHED)
    if filters.horizon is not None:
        query = query.where(horizon == filters.horizon.value)
    if filters.municipality is not None:
        # the approved version names the municipality; names are unique within a region
        query = query.where(municipality == filters.municipality.name)
    return _materialized(query, 'needs')


def _branch(dimension: str, key, first, second=0, label_nl=None, label_en=None) -> sa.Select:
    """One part of a UNION: (dimension, key, Dutch label, English label, first figure, second figure)."""
    return select(literal(dimension, String).label('dimension'), sa.cast(key, String).label('key'),
                  sa.cast(label_nl, String).label('label_nl'), sa.cast(label_en, String).label('label_en'),
                  sa.cast(first, Integer).label('first'), sa.cast(second, Integer).label('second'))


def needs_statement(region_id: int, filters: OutlookFilters) -> sa.CompoundSelect:
    """Every needs figure in one statement; rows are (dimension, key, label_nl, label_en, first, second).

    horizon, sector, municipality: (positions, needs); occupation: (positions, needs) with its labels;
    required / wished: (needs asking for the skill, 0) with its labels.
    """
    needs = _approved_needs(region_id, filters)
    positions, count = func.sum(needs.c.positions), func.count()
    parts = [
        _branch('horizon', needs.c.horizon, positions, count).group_by(needs.c.horizon),
        _branch('occupation', Occupation.id, positions, count, Occupation.label_nl, Occupation.label_en)
        .join(Occupation, Occupation.id == needs.c.occupation_id)
        .group_by(Occupation.id, Occupation.label_nl, Occupation.label_en),
        _branch('sector', Organisation.sbi_section, positions, count)
        .join(Organisation, Organisation.id == needs.c.organisation_id).group_by(Organisation.sbi_section),
        _branch('municipality', needs.c.municipality, positions, count).group_by(needs.c.municipality),
    ]
    for dimension, array in (('required', needs.c.required_skills), ('wished', needs.c.wished_skills)):
        skill = _elements(array, dimension)
        parts.append(_branch(dimension, Skill.id, count, 0, Skill.label_nl, Skill.label_en)
                     .select_from(needs).join(skill, true())
                     .join(Skill, Skill.id == skill.c.value['id'].as_integer())
                     .group_by(Skill.id, Skill.label_nl, Skill.label_en))
    return union_all(*parts)


# The plans -------------------------------------------------------------------------------

def _approved_effects(region_id: int, filters: OutlookFilters) -> sa.CTE:
    """Every expected effect in the region's published plans, as the approved version describes it."""
    snapshot = InnovationPlan.published_snapshot
    if _is_postgresql():
        # json_to_recordset parses the array once and hands out every field asked for
        effect = func.json_to_recordset(snapshot['effects']).table_valued(
            sa.column('occupation', JSON), sa.column('direction', String), sa.column('headcount', Integer),
            sa.column('by_when', String),
        ).render_derived('effect', with_types=True)
        occupation_id = effect.c.occupation['id'].as_integer()
        direction, headcount, by_when = effect.c.direction, effect.c.headcount, effect.c.by_when
    else:
        effect = func.json_each(snapshot, '$.effects').table_valued(sa.column('value', JSON)).alias('effect')
        value = effect.c.value
        occupation_id = value[('occupation', 'id')].as_integer()
        direction, headcount = value['direction'].as_string(), value['headcount'].as_integer()
        by_when = value['by_when'].as_string()
    query = (select(InnovationPlan.id.label('plan_id'), occupation_id.label('occupation_id'),
                    direction.label('direction'), headcount.label('headcount'))
             .select_from(InnovationPlan).join(effect, true())
             .where(InnovationPlan.region_id == region_id, InnovationPlan.state == PostingState.PUBLISHED))
    if filters.horizon is not None:
        query = query.where(by_when == filters.horizon.value)
    if filters.municipality is not None:
        # a plan has no work location: it counts where its organisation is
        query = (query.join(Organisation, Organisation.id == InnovationPlan.organisation_id)
                 .where(Organisation.municipality_id == filters.municipality.id))
    return _materialized(query, 'effects')


def plans_statement(region_id: int, filters: OutlookFilters) -> sa.CompoundSelect:
    """Headcount per direction and occupation, and the number of plans with a selected effect, in one statement."""
    effects = _approved_effects(region_id, filters)
    return union_all(
        _branch('effect', Occupation.id, func.sum(effects.c.headcount), 0, Occupation.label_nl, Occupation.label_en)
        .add_columns(effects.c.direction.label('direction'))
        .join(Occupation, Occupation.id == effects.c.occupation_id)
        .group_by(effects.c.direction, Occupation.id, Occupation.label_nl, Occupation.label_en),
        _branch('plans', None, func.count(effects.c.plan_id.distinct())).select_from(effects)
        .add_columns(sa.cast(None, String).label('direction')),
    )


# The page ----------------------------------------------------------------------------------

def region_outlook(region_id: int, filters: OutlookFilters, municipalities: list[Municipality],
                   locale: str) -> Outlook:
    """Every figure of the outlook page, in two statements; labels in `locale` (occupations, skills) or the
    request's language (horizons, sectors)."""
    outlook = Outlook()
    found: dict[str, list] = {}
    for row in db.session.execute(needs_statement(region_id, filters)):
        found.setdefault(row.dimension, []).append(row)

    counted = {row.key: (row.first, row.second) for row in found.get('horizon', [])}
    outlook.by_horizon = [Row(str(HORIZON_LABELS[h]), (counted.get(h.value, (0, 0))[0],)) for h in Horizon]
    outlook.positions = sum(positions for positions, _ in counted.values())
    outlook.needs = sum(needs for _, needs in counted.values())
    outlook.by_occupation = _largest_first(
        [Row(_pick(row.label_nl, row.label_en, locale), (row.first,)) for row in found.get('occupation', [])]
    )[:TOP_OCCUPATIONS]
    outlook.by_sector = _largest_first([Row(_sector_label(row.key), (row.first,)) for row in found.get('sector', [])])
    per_municipality = {row.key: row.first for row in found.get('municipality', []) if row.key}
    if filters.municipality is None:
        for municipality in municipalities:
            per_municipality.setdefault(municipality.name, 0)
    outlook.by_municipality = _largest_first([Row(name, (value,)) for name, value in per_municipality.items()])

    skills: dict[str, list] = {}
    for row in found.get('required', []) + found.get('wished', []):
        entry = skills.setdefault(row.key, [_pick(row.label_nl, row.label_en, locale), 0, 0])
        entry[1 if row.dimension == 'required' else 2] += row.first
    outlook.skills = _largest_first([Row(label, (required, wished, required + wished))
                                     for label, required, wished in skills.values()])[:TOP_SKILLS]

    effects: dict[EffectDirection, list[Row]] = {direction: [] for direction in EffectDirection}
    for row in db.session.execute(plans_statement(region_id, filters)):
        if row.dimension == 'plans':
            outlook.plans = row.first
        elif row.direction in effects:
            effects[EffectDirection(row.direction)].append(
                Row(_pick(row.label_nl, row.label_en, locale), (row.first,)))
    outlook.effects = {direction: _largest_first(rows)[:TOP_EFFECTS] for direction, rows in effects.items()}
    return outlook


def region_municipalities(region_id: int) -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).where(Municipality.region_id == region_id)
                                   .order_by(Municipality.name)))


def _largest_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (-row.value, row.label.lower()))


def _pick(label_nl: str, label_en: str, locale: str) -> str:
    return label_en if str(locale).startswith('en') else label_nl


def _sector_label(letter: str) -> str:
    section = sbi.SECTIONS.get(letter)
    return f'{letter} – {section.label}' if section is not None else letter
