"""Activities (slots, registrations, feedback), buddy offers and pairings, network join requests, the
members' directory and yearly pledges, a private calendar key per user, and attachments (an .ics
invitation) on outbox messages.

Reviews learn the posting kind "activity"; network memberships the states "pending" and "declined".

Revision ID: 865a0159d83a
Revises: b97310fd1f76
Create Date: 2026-11-22 22:41:49.081815

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '865a0159d83a'
down_revision = 'b97310fd1f76'
branch_labels = None
depends_on = None

POSTING_KINDS_OLD = "posting_kind IN ('need', 'plan')"
POSTING_KINDS_NEW = "posting_kind IN ('need', 'plan', 'activity')"
MEMBER_STATES_OLD = "status IN ('active', 'ended')"
MEMBER_STATES_NEW = "status IN ('pending', 'active', 'ended', 'declined')"


def upgrade() -> None:
    op.create_table('buddy_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('sectors', sa.JSON(), nullable=False),
    sa.Column('availability', sa.String(length=500), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('agreed_no_job_guarantee', sa.Boolean(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('capacity >= 1 AND capacity <= 10', name=op.f('ck_buddy_offers_capacity_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_buddy_offers_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_buddy_offers_region_id_regions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_buddy_offers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buddy_offers')),
    sa.UniqueConstraint('user_id', 'organisation_id', name=op.f('uq_buddy_offers_user_id_organisation_id'))
    )
    with op.batch_alter_table('buddy_offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_buddy_offers_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_buddy_offers_region_id_is_active', ['region_id', 'is_active'], unique=False)
        batch_op.create_index(batch_op.f('ix_buddy_offers_user_id'), ['user_id'], unique=False)

    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('network_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('network_meeting', 'workshop', 'job_shadowing', 'company_tour', 'practice_interview', 'open_day', name='activity_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('location', sa.String(length=255), nullable=True),
    sa.Column('online_url', sa.String(length=500), nullable=True),
    sa.Column('audience', sa.Enum('job_seekers', 'employers', 'network', 'signed_in', name='audience', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('requires_approval', sa.Boolean(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.String(length=1000), nullable=True),
    sa.Column('state', sa.Enum('draft', 'pending', 'changes_requested', 'rejected', 'published', 'withdrawn', 'filled', 'expired', 'cancelled', name='posting_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('published_snapshot', sa.JSON(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind <> 'network_meeting' OR network_id IS NOT NULL", name=op.f('ck_activities_meeting_has_network')),
    sa.CheckConstraint('location IS NOT NULL OR online_url IS NOT NULL', name=op.f('ck_activities_has_place')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_activities_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_activities_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_activities_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_activities_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activities_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_activities_region_id_state', ['region_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_state'), ['state'], unique=False)

    op.create_table('buddy_pairings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('paired_by_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('planned', 'met', 'closed', 'stopped', name='pairing_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('meeting_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('meeting_place', sa.String(length=255), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('strengths', sa.Text(), nullable=True),
    sa.Column('to_work_on', sa.Text(), nullable=True),
    sa.Column('next_step', sa.Enum('job_shadowing', 'workshop', 'practice_interview', 'training', 'apply', 'none', name='next_step', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('next_step_note', sa.String(length=1000), nullable=True),
    sa.Column('feedback_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stop_reason', sa.String(length=1000), nullable=True),
    sa.Column('identity_consent_on', sa.Date(), nullable=True),
    sa.Column('shared_name', sa.String(length=120), nullable=True),
    sa.Column('shared_phone', sa.String(length=30), nullable=True),
    sa.Column('shared_email', sa.String(length=254), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_buddy_pairings_candidate_id_candidates'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['offer_id'], ['buddy_offers.id'], name=op.f('fk_buddy_pairings_offer_id_buddy_offers'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['paired_by_id'], ['users.id'], name=op.f('fk_buddy_pairings_paired_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_buddy_pairings_region_id_regions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buddy_pairings'))
    )
    with op.batch_alter_table('buddy_pairings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_buddy_pairings_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_buddy_pairings_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index('ix_buddy_pairings_region_id_state', ['region_id', 'state'], unique=False)
        batch_op.create_index('uq_buddy_pairings_open', ['offer_id', 'candidate_id'], unique=True, sqlite_where=sa.text("state IN ('planned', 'met')"), postgresql_where=sa.text("state IN ('planned', 'met')"))

    op.create_table('activity_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('registration_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_count', sa.Integer(), nullable=False),
    sa.Column('reminder_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sequence', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.CheckConstraint('confirmed_count >= 0 AND confirmed_count <= seats', name=op.f('ck_activity_slots_seats_hold')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_activity_slots_ends_after_start')),
    sa.CheckConstraint('seats >= 1', name=op.f('ck_activity_slots_seats_positive')),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_slots_activity_id_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_slots'))
    )
    with op.batch_alter_table('activity_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_slots_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index('ix_activity_slots_starts_at', ['starts_at'], unique=False)

    op.create_table('network_pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('job_shadowing_days', sa.Integer(), nullable=False),
    sa.Column('workshops', sa.Integer(), nullable=False),
    sa.Column('company_tours', sa.Integer(), nullable=False),
    sa.Column('practice_interviews', sa.Integer(), nullable=False),
    sa.Column('buddy_pairings', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('job_shadowing_days >= 0 AND workshops >= 0 AND company_tours >= 0 AND practice_interviews >= 0 AND buddy_pairings >= 0', name=op.f('ck_network_pledges_counts_not_negative')),
    sa.CheckConstraint('year >= 2020 AND year <= 2100', name=op.f('ck_network_pledges_year_range')),
    sa.ForeignKeyConstraint(['membership_id'], ['network_memberships.id'], name=op.f('fk_network_pledges_membership_id_network_memberships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_pledges')),
    sa.UniqueConstraint('membership_id', 'year', name=op.f('uq_network_pledges_membership_id_year'))
    )
    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('candidate_id', sa.Integer(), nullable=True),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('pending', 'confirmed', 'waitlisted', 'cancelled', 'declined', 'attended', 'no_show', name='registration_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('waitlisted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=1000), nullable=True),
    sa.Column('attendance_marked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('rating_comment', sa.String(length=2000), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(user_id IS NULL) <> (candidate_id IS NULL)', name=op.f('ck_registrations_one_registrant')),
    sa.CheckConstraint('rating IS NULL OR (rating >= 1 AND rating <= 5)', name=op.f('ck_registrations_rating_range')),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['users.id'], name=op.f('fk_registrations_cancelled_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_registrations_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'], name=op.f('fk_registrations_registered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['slot_id'], ['activity_slots.id'], name=op.f('fk_registrations_slot_id_activity_slots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registrations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index('ix_registrations_slot_id_state', ['slot_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_registrations_live_candidate', ['slot_id', 'candidate_id'], unique=True, sqlite_where=sa.text("candidate_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"), postgresql_where=sa.text("candidate_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"))
        batch_op.create_index('uq_registrations_live_user', ['slot_id', 'user_id'], unique=True, sqlite_where=sa.text("user_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"), postgresql_where=sa.text("user_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"))

    op.create_table('activity_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('form', sa.Enum('general', 'practice_interview', name='feedback_form', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_activity_feedback_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_activity_feedback_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_feedback')),
    sa.UniqueConstraint('registration_id', name=op.f('uq_activity_feedback_registration_id'))
    )
    with op.batch_alter_table('network_memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('in_directory', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('directory_note', sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column('requested_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('request_note', sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column('decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_network_memberships_requested_by_id_users'), 'users', ['requested_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_network_memberships_decided_by_id_users'), 'users', ['decided_by_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_constraint(batch_op.f('ck_network_memberships_network_member_status'), type_='check')
        batch_op.create_check_constraint('network_member_status', sa.text(MEMBER_STATES_NEW))

    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_reviews_posting_kind'), type_='check')
        batch_op.create_check_constraint('posting_kind', sa.text(POSTING_KINDS_NEW))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_key', sa.String(length=64), nullable=True))

    # confirmation mails carry an .ics invitation
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachments', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))



def downgrade() -> None:
    op.execute("DELETE FROM reviews WHERE posting_kind = 'activity'")
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_reviews_posting_kind'), type_='check')
        batch_op.create_check_constraint('posting_kind', sa.text(POSTING_KINDS_OLD))

    op.execute("DELETE FROM network_memberships WHERE status IN ('pending', 'declined')")
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('attachments')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('calendar_key')

    with op.batch_alter_table('network_memberships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_network_memberships_decided_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_network_memberships_requested_by_id_users'), type_='foreignkey')
        batch_op.drop_column('decided_at')
        batch_op.drop_column('decided_by_id')
        batch_op.drop_column('request_note')
        batch_op.drop_column('requested_by_id')
        batch_op.drop_column('directory_note')
        batch_op.drop_column('in_directory')
        batch_op.drop_constraint(batch_op.f('ck_network_memberships_network_member_status'), type_='check')
        batch_op.create_check_constraint('network_member_status', sa.text(MEMBER_STATES_OLD))

    op.drop_table('activity_feedback')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index('uq_registrations_live_user', sqlite_where=sa.text("user_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"), postgresql_where=sa.text("user_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"))
        batch_op.drop_index('uq_registrations_live_candidate', sqlite_where=sa.text("candidate_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"), postgresql_where=sa.text("candidate_id IS NOT NULL AND state NOT IN ('cancelled', 'declined')"))
        batch_op.drop_index(batch_op.f('ix_registrations_user_id'))
        batch_op.drop_index('ix_registrations_slot_id_state')
        batch_op.drop_index(batch_op.f('ix_registrations_candidate_id'))

    op.drop_table('registrations')
    op.drop_table('network_pledges')
    with op.batch_alter_table('activity_slots', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_slots_starts_at')
        batch_op.drop_index(batch_op.f('ix_activity_slots_activity_id'))

    op.drop_table('activity_slots')
    with op.batch_alter_table('buddy_pairings', schema=None) as batch_op:
        batch_op.drop_index('uq_buddy_pairings_open', sqlite_where=sa.text("state IN ('planned', 'met')"), postgresql_where=sa.text("state IN ('planned', 'met')"))
        batch_op.drop_index('ix_buddy_pairings_region_id_state')
        batch_op.drop_index(batch_op.f('ix_buddy_pairings_offer_id'))
        batch_op.drop_index(batch_op.f('ix_buddy_pairings_candidate_id'))

    op.drop_table('buddy_pairings')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activities_state'))
        batch_op.drop_index('ix_activities_region_id_state')
        batch_op.drop_index(batch_op.f('ix_activities_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_activities_network_id'))

    op.drop_table('activities')
    with op.batch_alter_table('buddy_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_buddy_offers_user_id'))
        batch_op.drop_index('ix_buddy_offers_region_id_is_active')
        batch_op.drop_index(batch_op.f('ix_buddy_offers_organisation_id'))

    op.drop_table('buddy_offers')
