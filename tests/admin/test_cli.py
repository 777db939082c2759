"""`flask create-user`: the first admin of a deployment, and staff accounts from the command line."""

import pytest
from sqlalchemy import select

from portal.core.passwords import verify_password
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from tests.factories import make_region, make_user

STRONG = 'een lang en goed wachtwoord'


@pytest.fixture
def run(app, db):
    runner = app.test_cli_runner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(args=['create-user', *args], input=input)
    return invoke


def test_create_an_admin_with_a_password_from_stdin(db, run):
    result = run('Beheer@Example.nl', '--name', 'Bea Beheer', '--admin', '--password-from-stdin', input=STRONG + '\n')
    assert result.exit_code == 0, result.output
    user = User.by_email('beheer@example.nl')
    assert user.is_admin
    assert user.staff_role is None
    assert user.name == 'Bea Beheer'
    assert verify_password(user.password_hash, STRONG)
    assert f'Created user {user.id} <beheer@example.nl>: admin.' in result.output
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == 'admin.create'))
    assert event.actor_id is None
    assert event.actor_kind == 'system'
    assert event.object_id == str(user.id)


def test_create_a_staff_member_who_gets_a_welcome_mail(db, run, outbox):
    region = make_region(db, slug='vechtdal', name='Vechtdal')
    result = run('am@gemeente.nl', '--name', 'Ali Manager', '--region', 'vechtdal', '--role', 'accountmanager',
                 '--locale', 'en', '--url', 'https://kansenkamer.example.nl')
    assert result.exit_code == 0, result.output
    user = User.by_email('am@gemeente.nl')
    assert user.staff_region_id == region.id
    assert not user.is_admin
    assert user.password_hash is None
    assert user.locale == 'en'
    assert 'accountmanager in Vechtdal' in result.output
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('am@gemeente.nl', 'auth/welcome', 'en')
    assert 'https://kansenkamer.example.nl/wachtwoord-herstellen/' in mail.body_text
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == 'staff.create'))
    assert event.actor_kind == 'system'
    assert event.region_id == region.id


def test_an_existing_email_is_refused(db, run):
    make_user(db, email='bestaat@example.nl', name='Eerste')
    db.session.commit()  # the command rolls back its own failed work, not what was there before
    result = run('bestaat@example.nl', '--name', 'Tweede', '--admin', '--password-from-stdin', input=STRONG + '\n')
    assert result.exit_code == 1
    # the command line speaks the portal's default language, Dutch
    assert 'Er is al een account met dit e-mailadres.' in result.output
    assert User.by_email('bestaat@example.nl').name == 'Eerste'


def test_a_weak_password_is_refused(db, run):
    result = run('kort@example.nl', '--name', 'K', '--admin', '--password-from-stdin', input='kort\n')
    assert result.exit_code == 1
    assert 'Use at least 12 characters.' in result.output
    assert User.by_email('kort@example.nl') is None


@pytest.mark.parametrize(('args', 'message'), [
    (['--name', 'N'], '--admin, or --region with --role'),
    (['--name', 'N', '--region', 'vechtdal'], 'needs both --region and --role'),
    (['--name', 'N', '--region', 'nergens', '--role', 'coordinator', '--password-from-stdin'], "'nergens'"),
    (['--name', 'N', '--admin'], 'pass --url'),
])
def test_incomplete_commands_are_usage_errors(db, run, args, message):
    result = run('n@example.nl', *args, input=STRONG + '\n')
    assert result.exit_code == 2
    assert message in result.output
    assert User.by_email('n@example.nl') is None
