"""Caseload and matching: candidates (with skills, experience, languages, consents), CSV imports,
PC4 postcode areas, region match weights, proposals with their steps and follow-ups.

Revision ID: b97310fd1f76
Revises: 3cdf979c1b59
Create Date: 2026-11-22 22:33:21.581756

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b97310fd1f76'
down_revision = '3cdf979c1b59'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('candidate_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('state', sa.Enum('uploaded', 'rejected', 'checked', 'imported', name='import_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('checked_rows', sa.Integer(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('imported_count', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_candidate_imports_region_id_regions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_candidate_imports_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_imports'))
    )
    with op.batch_alter_table('candidate_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_imports_region_id'), ['region_id'], unique=False)

    op.create_table('match_weights',
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('skills', sa.Integer(), nullable=False),
    sa.Column('experience', sa.Integer(), nullable=False),
    sa.Column('language', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('distance', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('openness', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('skills + experience + language + hours + distance + start + openness = 100', name=op.f('ck_match_weights_weights_total_100')),
    sa.CheckConstraint('skills >= 0 AND experience >= 0 AND language >= 0 AND hours >= 0 AND distance >= 0 AND start >= 0 AND openness >= 0', name=op.f('ck_match_weights_weights_not_negative')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_match_weights_region_id_regions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_match_weights_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('region_id', name=op.f('pk_match_weights'))
    )
    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=True),
    sa.Column('reference', sa.String(length=40), nullable=True),
    sa.Column('postcode_area', sa.String(length=4), nullable=True),
    sa.Column('education_level', sa.Enum('primary', 'vmbo', 'mbo2', 'mbo3', 'mbo4', 'havo_vwo', 'hbo', 'wo', name='education_level', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('has_driving_licence', sa.Boolean(), nullable=False),
    sa.Column('hours_min', sa.Integer(), nullable=False),
    sa.Column('hours_max', sa.Integer(), nullable=False),
    sa.Column('max_travel_km', sa.Integer(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=False),
    sa.Column('day_parts', sa.JSON(), nullable=False),
    sa.Column('support_needs', sa.JSON(), nullable=False),
    sa.Column('target_groups', sa.JSON(), nullable=False),
    sa.Column('loonwaarde', sa.Integer(), nullable=True),
    sa.Column('accountmanager_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('active', 'paused', 'left', name='candidate_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('availability_confirmed_on', sa.Date(), nullable=False),
    sa.Column('availability_confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('left_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('left_reason', sa.String(length=40), nullable=True),
    sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours_min >= 1 AND hours_min <= hours_max AND hours_max <= 60', name=op.f('ck_candidates_hours_range')),
    sa.CheckConstraint('loonwaarde IS NULL OR (loonwaarde >= 0 AND loonwaarde <= 100)', name=op.f('ck_candidates_loonwaarde_range')),
    sa.CheckConstraint('max_travel_km >= 0 AND max_travel_km <= 200', name=op.f('ck_candidates_travel_range')),
    sa.CheckConstraint('postcode_area IS NULL OR length(postcode_area) = 4', name=op.f('ck_candidates_postcode_area_four_digits')),
    sa.ForeignKeyConstraint(['accountmanager_id'], ['users.id'], name=op.f('fk_candidates_accountmanager_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['availability_confirmed_by_id'], ['users.id'], name=op.f('fk_candidates_availability_confirmed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_candidates_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_candidates_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_candidates_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates')),
    sa.UniqueConstraint('code', name=op.f('uq_candidates_code'))
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidates_accountmanager_id'), ['accountmanager_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidates_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index('ix_candidates_region_id_status', ['region_id', 'status'], unique=False)
        batch_op.create_index('uq_candidates_region_id_reference', ['region_id', 'reference'], unique=True, sqlite_where=sa.text('reference IS NOT NULL'), postgresql_where=sa.text('reference IS NOT NULL'))

    op.create_table('postcode_areas',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('latitude BETWEEN 50 AND 54 AND longitude BETWEEN 3 AND 8', name=op.f('ck_postcode_areas_inside_netherlands')),
    sa.CheckConstraint('length(code) = 4', name=op.f('ck_postcode_areas_code_four_digits')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_postcode_areas_municipality_id_municipalities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_postcode_areas'))
    )
    with op.batch_alter_table('postcode_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_postcode_areas_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('candidate_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.Enum('proposals', 'activities', name='consent_scope', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_candidate_consents_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_candidate_consents_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['users.id'], name=op.f('fk_candidate_consents_withdrawn_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_consents'))
    )
    with op.batch_alter_table('candidate_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_consents_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index('uq_candidate_consents_active', ['candidate_id', 'scope'], unique=True, sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'))

    op.create_table('candidate_experience',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('occupation_id', sa.Integer(), nullable=False),
    sa.Column('years', sa.Integer(), nullable=False),
    sa.CheckConstraint('years >= 0 AND years <= 60', name=op.f('ck_candidate_experience_years_range')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_candidate_experience_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['occupation_id'], ['occupations.id'], name=op.f('fk_candidate_experience_occupation_id_occupations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('candidate_id', 'occupation_id', name=op.f('pk_candidate_experience'))
    )
    with op.batch_alter_table('candidate_experience', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_experience_occupation_id'), ['occupation_id'], unique=False)

    op.create_table('candidate_languages',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=3), nullable=False),
    sa.Column('level', sa.Enum('a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'native', name='cefr_level', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_candidate_languages_candidate_id_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('candidate_id', 'language', name=op.f('pk_candidate_languages'))
    )
    op.create_table('candidate_skills',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('basic', 'good', 'expert', name='skill_level', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_candidate_skills_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_candidate_skills_skill_id_skills'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('candidate_id', 'skill_id', name=op.f('pk_candidate_skills'))
    )
    with op.batch_alter_table('candidate_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_skills_skill_id'), ['skill_id'], unique=False)

    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('accountmanager_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('draft', 'sent', 'interested', 'declined', 'introduced', 'intake', 'trial', 'hired', 'ended', 'withdrawn', name='proposal_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('state_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('score', sa.Numeric(precision=4, scale=1), nullable=False),
    sa.Column('score_parts', sa.JSON(), nullable=False),
    sa.Column('rules_version', sa.String(length=20), nullable=False),
    sa.Column('card', sa.JSON(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decline_reason', sa.Enum('skills', 'hours', 'location', 'position_filled', 'no_capacity_to_guide', 'other', name='decline_reason', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('decline_text', sa.String(length=1000), nullable=True),
    sa.Column('identity_consent_on', sa.Date(), nullable=True),
    sa.Column('shared_name', sa.String(length=120), nullable=True),
    sa.Column('shared_phone', sa.String(length=30), nullable=True),
    sa.Column('shared_email', sa.String(length=254), nullable=True),
    sa.Column('intake_on', sa.Date(), nullable=True),
    sa.Column('trial_starts_on', sa.Date(), nullable=True),
    sa.Column('trial_ends_on', sa.Date(), nullable=True),
    sa.Column('contract_type', sa.Enum('permanent', 'fixed_term', 'on_call', 'agency', 'other', name='contract_type', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('hours_per_week', sa.Integer(), nullable=True),
    sa.Column('job_starts_on', sa.Date(), nullable=True),
    sa.Column('instruments', sa.JSON(), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.Enum('retained', 'introduction_not_continued', 'trial_not_continued', 'contract_not_extended', 'dismissed', 'resigned', 'candidate_withdrew', 'other', name='end_reason', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('end_text', sa.String(length=1000), nullable=True),
    sa.Column('returned_to_benefits', sa.Boolean(), nullable=True),
    sa.Column('late_reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours_per_week IS NULL OR (hours_per_week >= 1 AND hours_per_week <= 60)', name=op.f('ck_proposals_hours_range')),
    sa.CheckConstraint('score >= 0 AND score <= 100', name=op.f('ck_proposals_score_range')),
    sa.ForeignKeyConstraint(['accountmanager_id'], ['users.id'], name=op.f('fk_proposals_accountmanager_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_proposals_candidate_id_candidates'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['need_id'], ['staffing_needs.id'], name=op.f('fk_proposals_need_id_staffing_needs'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_proposals_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_proposals_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_accountmanager_id'), ['accountmanager_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_proposals_region_id_state', ['region_id', 'state'], unique=False)
        batch_op.create_index('uq_proposals_open_pair', ['need_id', 'candidate_id'], unique=True, sqlite_where=sa.text("state NOT IN ('declined', 'ended', 'withdrawn')"), postgresql_where=sa.text("state NOT IN ('declined', 'ended', 'withdrawn')"))

    op.create_table('follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('still_employed', sa.Boolean(), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('month IN (3, 6, 12)', name=op.f('ck_follow_ups_month_known')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_follow_ups_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_follow_ups_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups')),
    sa.UniqueConstraint('proposal_id', 'month', name=op.f('uq_follow_ups_proposal_id_month'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_follow_ups_due_on_open', ['due_on', 'recorded_at'], unique=False)

    op.create_table('proposal_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('from_state', sa.Enum('draft', 'sent', 'interested', 'declined', 'introduced', 'intake', 'trial', 'hired', 'ended', 'withdrawn', name='from_state', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('to_state', sa.Enum('draft', 'sent', 'interested', 'declined', 'introduced', 'intake', 'trial', 'hired', 'ended', 'withdrawn', name='to_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_proposal_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_events_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_events'))
    )
    with op.batch_alter_table('proposal_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_events_proposal_id'), ['proposal_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('proposal_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_events_proposal_id'))

    op.drop_table('proposal_events')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_due_on_open')

    op.drop_table('follow_ups')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index('uq_proposals_open_pair', sqlite_where=sa.text("state NOT IN ('declined', 'ended', 'withdrawn')"), postgresql_where=sa.text("state NOT IN ('declined', 'ended', 'withdrawn')"))
        batch_op.drop_index('ix_proposals_region_id_state')
        batch_op.drop_index(batch_op.f('ix_proposals_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_need_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_candidate_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_accountmanager_id'))

    op.drop_table('proposals')
    with op.batch_alter_table('candidate_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_skills_skill_id'))

    op.drop_table('candidate_skills')
    op.drop_table('candidate_languages')
    with op.batch_alter_table('candidate_experience', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_experience_occupation_id'))

    op.drop_table('candidate_experience')
    with op.batch_alter_table('candidate_consents', schema=None) as batch_op:
        batch_op.drop_index('uq_candidate_consents_active', sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_candidate_consents_candidate_id'))

    op.drop_table('candidate_consents')
    with op.batch_alter_table('postcode_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_postcode_areas_municipality_id'))

    op.drop_table('postcode_areas')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index('uq_candidates_region_id_reference', sqlite_where=sa.text('reference IS NOT NULL'), postgresql_where=sa.text('reference IS NOT NULL'))
        batch_op.drop_index('ix_candidates_region_id_status')
        batch_op.drop_index(batch_op.f('ix_candidates_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_candidates_accountmanager_id'))

    op.drop_table('candidates')
    op.drop_table('match_weights')
    with op.batch_alter_table('candidate_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_imports_region_id'))

    op.drop_table('candidate_imports')
