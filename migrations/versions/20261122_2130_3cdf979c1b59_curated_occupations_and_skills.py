"""Curated occupations and skills (data only): the list every need, plan and profile chooses from.

Revision ID: 3cdf979c1b59
Revises: 632a162b3fa4
Create Date: 2026-11-22 21:30:00

Loads portal/data/occupations_v1.csv and skills_v1.csv with the same idempotent loader as
`flask seed-demo`, through the table definitions below (not the ORM models, which may change
after this revision). The downgrade removes the curated rows again, except those that needs or
plans use: an entry in use is never deleted.
"""
import sqlalchemy as sa
from alembic import op

from portal.data import taxonomy as curated

# revision identifiers, used by Alembic.
revision = '3cdf979c1b59'
down_revision = '632a162b3fa4'
branch_labels = None
depends_on = None

occupations = sa.table(
    'occupations',
    sa.column('id', sa.Integer), sa.column('isco_code', sa.String), sa.column('label_nl', sa.String),
    sa.column('label_en', sa.String), sa.column('is_active', sa.Boolean),
    sa.column('created_at', sa.DateTime(timezone=True)), sa.column('updated_at', sa.DateTime(timezone=True)),
)
skills = sa.table(
    'skills',
    sa.column('id', sa.Integer), sa.column('label_nl', sa.String), sa.column('label_en', sa.String),
    sa.column('esco_uri', sa.String), sa.column('is_active', sa.Boolean),
    sa.column('created_at', sa.DateTime(timezone=True)), sa.column('updated_at', sa.DateTime(timezone=True)),
)
staffing_needs = sa.table('staffing_needs', sa.column('occupation_id', sa.Integer))
innovation_effects = sa.table('innovation_effects', sa.column('occupation_id', sa.Integer))
need_skills = sa.table('need_skills', sa.column('skill_id', sa.Integer))
innovation_effect_skills = sa.table('innovation_effect_skills', sa.column('skill_id', sa.Integer))


def upgrade() -> None:
    curated.load_taxonomy(op.get_bind(), occupations, skills)


def downgrade() -> None:
    bind = op.get_bind()
    occupation_labels = [row['label_nl'] for row in curated.read_occupations()]
    skill_labels = [row['label_nl'] for row in curated.read_skills()]
    bind.execute(occupations.delete().where(
        occupations.c.label_nl.in_(occupation_labels),
        occupations.c.id.not_in(sa.select(staffing_needs.c.occupation_id)),
        occupations.c.id.not_in(sa.select(innovation_effects.c.occupation_id))))
    bind.execute(skills.delete().where(
        skills.c.label_nl.in_(skill_labels),
        skills.c.id.not_in(sa.select(need_skills.c.skill_id)),
        skills.c.id.not_in(sa.select(innovation_effect_skills.c.skill_id))))
