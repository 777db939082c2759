"""Demand: occupations and skills, the regional network, staffing needs, innovation plans and their reviews.

Revision ID: 632a162b3fa4
Revises: a3740c48b011
Create Date: 2026-11-22 20:58:06.720409

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '632a162b3fa4'
down_revision = 'a3740c48b011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('occupations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('isco_code', sa.String(length=4), nullable=False),
    sa.Column('label_nl', sa.String(length=160), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('label_en', sa.String(length=160), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(isco_code) = 4', name=op.f('ck_occupations_isco_code_four_digits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_occupations')),
    sa.UniqueConstraint('label_nl', name=op.f('uq_occupations_label_nl'))
    )
    with op.batch_alter_table('occupations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_occupations_isco_code'), ['isco_code'], unique=False)

    op.create_table('skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label_nl', sa.String(length=160), nullable=False),
    sa.Column('esco_uri', sa.String(length=255), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('label_en', sa.String(length=160), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skills')),
    sa.UniqueConstraint('esco_uri', name=op.f('uq_skills_esco_uri')),
    sa.UniqueConstraint('label_nl', name=op.f('uq_skills_label_nl'))
    )
    op.create_table('innovation_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('theme', sa.Enum('automation', 'digitalisation', 'energy_transition', 'growth', 'new_product_or_market', 'other', name='plan_theme', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('timeframe', sa.Enum('now', 'within_6_months', 'months_6_24', 'years_2_5', 'years_5_plus', name='horizon', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('visibility', sa.Enum('staff', 'network', name='plan_visibility', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('state', sa.Enum('draft', 'pending', 'changes_requested', 'rejected', 'published', 'withdrawn', 'filled', 'expired', name='posting_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('published_snapshot', sa.JSON(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_innovation_plans_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_innovation_plans_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_innovation_plans_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_innovation_plans'))
    )
    with op.batch_alter_table('innovation_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innovation_plans_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_innovation_plans_region_id_state', ['region_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_innovation_plans_state'), ['state'], unique=False)

    op.create_table('networks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('chair_organisation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chair_organisation_id'], ['organisations.id'], name=op.f('fk_networks_chair_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_networks_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks'))
    )
    with op.batch_alter_table('networks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_networks_region_id'), ['region_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('posting_kind', sa.Enum('need', 'plan', name='posting_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'approved', 'changes_requested', 'rejected', 'cancelled', name='review_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('is_revision', sa.Boolean(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.String(length=2000), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.CheckConstraint("state IN ('pending', 'cancelled') OR decided_at IS NOT NULL", name=op.f('ck_reviews_decision_has_time')),
    sa.CheckConstraint("state NOT IN ('changes_requested', 'rejected') OR reason IS NOT NULL", name=op.f('ck_reviews_decision_has_reason')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_reviews_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_reviews_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_reviews_region_id_regions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_reviews_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_reviews_posting', ['posting_kind', 'posting_id'], unique=False)
        batch_op.create_index('ix_reviews_region_id_state_submitted_at', ['region_id', 'state', 'submitted_at'], unique=False)
        batch_op.create_index('uq_reviews_one_pending', ['posting_kind', 'posting_id'], unique=True, postgresql_where=sa.text("state = 'pending'"), sqlite_where=sa.text("state = 'pending'"))

    op.create_table('staffing_needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('occupation_id', sa.Integer(), nullable=False),
    sa.Column('positions', sa.Integer(), nullable=False),
    sa.Column('hours_min', sa.Integer(), nullable=False),
    sa.Column('hours_max', sa.Integer(), nullable=False),
    sa.Column('contract_type', sa.Enum('permanent', 'fixed_term', 'on_call', 'agency', 'other', name='contract_type', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('postcode', sa.String(length=7), nullable=True),
    sa.Column('day_parts', sa.JSON(), nullable=False),
    sa.Column('language_level', sa.Enum('none', 'a2', 'b1', 'b2', name='language_level', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('horizon', sa.Enum('now', 'within_6_months', 'months_6_24', 'years_2_5', 'years_5_plus', name='horizon', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('open_to_wage_subsidy', sa.Boolean(), nullable=False),
    sa.Column('open_to_job_coach', sa.Boolean(), nullable=False),
    sa.Column('open_to_trial_placement', sa.Boolean(), nullable=False),
    sa.Column('open_to_learn_work', sa.Boolean(), nullable=False),
    sa.Column('open_to_part_time', sa.Boolean(), nullable=False),
    sa.Column('open_to_adapted_work', sa.Boolean(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('expiry_reminder_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('state', sa.Enum('draft', 'pending', 'changes_requested', 'rejected', 'published', 'withdrawn', 'filled', 'expired', name='posting_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('published_snapshot', sa.JSON(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours_min >= 1 AND hours_min <= hours_max AND hours_max <= 60', name=op.f('ck_staffing_needs_hours_range')),
    sa.CheckConstraint('positions >= 1', name=op.f('ck_staffing_needs_positions_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_staffing_needs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_staffing_needs_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['occupation_id'], ['occupations.id'], name=op.f('fk_staffing_needs_occupation_id_occupations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_staffing_needs_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_staffing_needs_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_needs'))
    )
    with op.batch_alter_table('staffing_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_needs_horizon'), ['horizon'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_needs_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_needs_occupation_id'), ['occupation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_needs_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_staffing_needs_region_id_state', ['region_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_needs_state'), ['state'], unique=False)

    op.create_table('innovation_effects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('occupation_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum('grows', 'shrinks', 'new', name='effect_direction', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('by_when', sa.Enum('now', 'within_6_months', 'months_6_24', 'years_2_5', 'years_5_plus', name='horizon', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('training_need', sa.String(length=1000), nullable=True),
    sa.CheckConstraint('headcount >= 1', name=op.f('ck_innovation_effects_headcount_positive')),
    sa.ForeignKeyConstraint(['occupation_id'], ['occupations.id'], name=op.f('fk_innovation_effects_occupation_id_occupations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['innovation_plans.id'], name=op.f('fk_innovation_effects_plan_id_innovation_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_innovation_effects'))
    )
    with op.batch_alter_table('innovation_effects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innovation_effects_occupation_id'), ['occupation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_innovation_effects_plan_id'), ['plan_id'], unique=False)

    op.create_table('need_skills',
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('is_required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['staffing_needs.id'], name=op.f('fk_need_skills_need_id_staffing_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_need_skills_skill_id_skills'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('need_id', 'skill_id', name=op.f('pk_need_skills'))
    )
    with op.batch_alter_table('need_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_skills_skill_id'), ['skill_id'], unique=False)

    op.create_table('network_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('active', 'ended', name='network_member_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_memberships_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_network_memberships_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_memberships')),
    sa.UniqueConstraint('network_id', 'organisation_id', name=op.f('uq_network_memberships_network_id_organisation_id'))
    )
    with op.batch_alter_table('network_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_memberships_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_memberships_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('innovation_effect_skills',
    sa.Column('effect_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['effect_id'], ['innovation_effects.id'], name=op.f('fk_innovation_effect_skills_effect_id_innovation_effects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_innovation_effect_skills_skill_id_skills'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('effect_id', 'skill_id', name=op.f('pk_innovation_effect_skills'))
    )
    with op.batch_alter_table('innovation_effect_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innovation_effect_skills_skill_id'), ['skill_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('innovation_effect_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innovation_effect_skills_skill_id'))

    op.drop_table('innovation_effect_skills')
    with op.batch_alter_table('network_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_memberships_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_network_memberships_network_id'))

    op.drop_table('network_memberships')
    with op.batch_alter_table('need_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_skills_skill_id'))

    op.drop_table('need_skills')
    with op.batch_alter_table('innovation_effects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innovation_effects_plan_id'))
        batch_op.drop_index(batch_op.f('ix_innovation_effects_occupation_id'))

    op.drop_table('innovation_effects')
    with op.batch_alter_table('staffing_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_needs_state'))
        batch_op.drop_index('ix_staffing_needs_region_id_state')
        batch_op.drop_index(batch_op.f('ix_staffing_needs_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_needs_occupation_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_needs_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_needs_horizon'))

    op.drop_table('staffing_needs')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('uq_reviews_one_pending', postgresql_where=sa.text("state = 'pending'"), sqlite_where=sa.text("state = 'pending'"))
        batch_op.drop_index('ix_reviews_region_id_state_submitted_at')
        batch_op.drop_index('ix_reviews_posting')
        batch_op.drop_index(batch_op.f('ix_reviews_organisation_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('networks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_networks_region_id'))

    op.drop_table('networks')
    with op.batch_alter_table('innovation_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innovation_plans_state'))
        batch_op.drop_index('ix_innovation_plans_region_id_state')
        batch_op.drop_index(batch_op.f('ix_innovation_plans_organisation_id'))

    op.drop_table('innovation_plans')
    op.drop_table('skills')
    with op.batch_alter_table('occupations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_occupations_isco_code'))

    op.drop_table('occupations')
