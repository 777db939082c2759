"""Administration operations: regions, municipalities and staff accounts."""

import pytest
from sqlalchemy import select

from portal.blueprints.admin import operations
from portal.core.passwords import verify_password
from portal.models.accounts import StaffKind, User
from portal.models.audit import AuditEvent
from portal.models.tenancy import Region
from tests.factories import make_admin, make_region, make_staff, make_user


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# Regions ---------------------------------------------------------------------------------------

def test_create_region_adds_it_and_records_who(db):
    admin = make_admin(db)
    region = operations.create_region(admin, slug=' West-Brabant ', name=' West-Brabant ',
                                      primary_colour='#154273', accent_colour='#0B2A4A')
    assert region.id is not None
    assert region.slug == 'west-brabant'
    assert region.name == 'West-Brabant'
    assert region.accent_colour == '#0b2a4a'
    [event] = events(db, 'region.create')
    assert event.actor_id == admin.id
    assert event.region_id == region.id
    assert event.object_type == 'Region'
    assert event.details == {'slug': 'west-brabant', 'name': 'West-Brabant'}


def test_create_region_refuses_a_taken_slug(db):
    make_region(db, slug='vechtdal')
    with pytest.raises(operations.NotAllowed):
        operations.create_region(make_admin(db), slug='vechtdal', name='Ander Vechtdal',
                                 primary_colour='#154273', accent_colour='#0b2a4a')
    assert events(db, 'region.create') == []


def test_create_region_refuses_a_colour_too_light_for_white_text(db):
    with pytest.raises(ValueError, match='too light'):
        operations.create_region(make_admin(db), slug='licht', name='Licht',
                                 primary_colour='#ffff00', accent_colour='#0b2a4a')


def test_update_region_records_only_what_changed(db):
    admin = make_admin(db)
    region = make_region(db, name='Oud')
    changes = operations.update_region(admin, region, name='Nieuw', primary_colour=region.primary_colour,
                                       accent_colour='#123822')
    assert changes == {'name': ['Oud', 'Nieuw'], 'accent_colour': ['#0b2a4a', '#123822']}
    [event] = events(db, 'region.update')
    assert event.details == changes
    assert event.region_id == region.id


def test_update_region_without_changes_writes_no_audit_row(db):
    region = make_region(db)
    assert operations.update_region(make_admin(db), region, name=region.name, primary_colour=region.primary_colour,
                                    accent_colour=region.accent_colour) == {}
    assert events(db, 'region.update') == []


# Municipalities --------------------------------------------------------------------------------

def test_create_municipality_in_a_region(db):
    admin = make_admin(db)
    region = make_region(db, municipalities=0)
    municipality = operations.create_municipality(admin, region, cbs_code='gm0160 ', name='Hardenberg')
    assert municipality.cbs_code == 'GM0160'
    assert region.municipalities == [municipality]
    [event] = events(db, 'municipality.create')
    assert event.region_id == region.id
    assert event.details == {'cbs_code': 'GM0160', 'name': 'Hardenberg'}


def test_create_municipality_refuses_a_cbs_code_used_in_any_region(db):
    make_region(db).municipalities[0].cbs_code = 'GM0160'
    db.session.flush()
    with pytest.raises(operations.NotAllowed):
        operations.create_municipality(make_admin(db), make_region(db), cbs_code='GM0160', name='Hardenberg')


def test_rename_municipality(db):
    municipality = make_region(db).municipalities[0]
    old = municipality.name
    assert operations.rename_municipality(make_admin(db), municipality, name='Dalfsen') == {'name': [old, 'Dalfsen']}
    [event] = events(db, 'municipality.update')
    assert event.object_id == str(municipality.id)
    assert operations.rename_municipality(make_admin(db), municipality, name='Dalfsen') == {}
    assert len(events(db, 'municipality.update')) == 1


# Staff accounts --------------------------------------------------------------------------------

def test_create_staff_account_mails_a_welcome_link_instead_of_a_password(db, outbox, request_context):
    admin = make_admin(db)
    region = make_region(db)
    user = operations.create_account(admin, email=' Anna@Gemeente.NL ', name='Anna de Vries', locale='en',
                                     region=region, kind='coordinator')
    assert user.email == 'anna@gemeente.nl'
    assert user.password_hash is None
    assert user.staff_role.region == region
    assert user.staff_role.kind == StaffKind.COORDINATOR
    assert not user.is_admin
    [event] = events(db, 'staff.create')
    assert event.actor_id == admin.id
    assert event.region_id == region.id
    assert event.details['kind'] == 'coordinator'
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == ('anna@gemeente.nl', 'auth/welcome', 'en')
    # the link lets them choose a first password (the password-reset mechanism)
    assert 'http://localhost/wachtwoord-herstellen/' in mail.body_text


def test_create_account_refuses_an_email_that_has_an_account(db):
    make_user(db, email='bestaat@example.nl')
    with pytest.raises(operations.NotAllowed):
        operations.create_account(make_admin(db), email='Bestaat@example.nl', name='X', region=make_region(db),
                                  kind='accountmanager')
    assert events(db, 'staff.create') == []


def test_create_admin_with_a_password_sends_no_mail(db):
    user = operations.create_account(None, email='beheer@example.nl', name='Beheerder', is_admin=True,
                                     password='een lang en goed wachtwoord')
    assert user.is_admin
    assert user.staff_role is None
    assert verify_password(user.password_hash, 'een lang en goed wachtwoord')
    [event] = events(db, 'admin.create')
    assert event.actor_id is None
    assert event.actor_kind == 'system'


def test_create_account_refuses_a_weak_password(db):
    with pytest.raises(operations.NotAllowed):
        operations.create_account(None, email='beheer@example.nl', name='B', is_admin=True, password='kort')
    assert User.by_email('beheer@example.nl') is None


def test_create_account_needs_a_purpose(db):
    with pytest.raises(ValueError, match='staff member, an admin'):
        operations.create_account(None, email='niets@example.nl', name='N', password='een lang en goed wachtwoord')
    with pytest.raises(ValueError, match='both a region and a kind'):
        operations.create_account(None, email='half@example.nl', name='H', region=make_region(db),
                                  password='een lang en goed wachtwoord')


def test_update_staff_role_moves_them_and_tells_them(db, outbox, request_context):
    admin = make_admin(db)
    old_region, new_region = make_region(db, slug='oud'), make_region(db, slug='nieuw', name='Nieuwland')
    staff = make_staff(db, region=old_region, locale='en')
    changes = operations.update_staff_role(admin, staff, region=new_region, kind='coordinator')
    assert changes == {'region': ['oud', 'nieuw'], 'kind': ['accountmanager', 'coordinator']}
    assert staff.staff_region_id == new_region.id
    assert staff.is_coordinator
    [event] = events(db, 'staff.update')
    assert event.region_id == new_region.id
    assert event.details == changes
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == (staff.email, 'admin/staff_role_changed', 'en')
    assert 'coordinator in the region Nieuwland' in mail.body_text


def test_update_staff_role_without_changes_does_nothing(db, outbox, request_context):
    staff = make_staff(db)
    assert operations.update_staff_role(make_admin(db), staff, region=staff.staff_role.region,
                                        kind='accountmanager') == {}
    assert events(db, 'staff.update') == []
    assert outbox == []


def test_update_staff_role_refuses_an_account_without_staff_role(db):
    with pytest.raises(operations.NotAllowed):
        operations.update_staff_role(make_admin(db), make_user(db), region=make_region(db), kind='coordinator')


def test_disable_user_ends_sessions_and_tells_them(db, outbox):
    admin = make_admin(db)
    staff = make_staff(db)
    version = staff.session_version
    operations.disable_user(admin, staff)
    assert not staff.is_enabled
    assert not staff.is_active
    assert staff.session_version == version + 1
    [event] = events(db, 'user.disable')
    assert event.actor_id == admin.id
    assert event.region_id == staff.staff_region_id
    [mail] = outbox
    assert (mail.recipient, mail.template, mail.locale) == (staff.email, 'admin/account_disabled', 'nl')


def test_an_admin_cannot_disable_themselves_or_a_disabled_account(db):
    admin = make_admin(db)
    with pytest.raises(operations.NotAllowed):
        operations.disable_user(admin, admin)
    staff = make_staff(db, is_enabled=False)
    with pytest.raises(operations.NotAllowed):
        operations.disable_user(admin, staff)
    assert events(db, 'user.disable') == []


def test_enable_user(db, outbox, request_context):
    staff = make_staff(db, is_enabled=False)
    operations.enable_user(make_admin(db), staff)
    assert staff.is_active
    assert len(events(db, 'user.enable')) == 1
    [mail] = outbox
    assert (mail.recipient, mail.template) == (staff.email, 'admin/account_enabled')


def test_enable_refuses_enabled_and_deleted_accounts(db):
    from portal.core.dbtypes import utcnow

    with pytest.raises(operations.NotAllowed):
        operations.enable_user(make_admin(db), make_staff(db))
    deleted = make_staff(db, is_enabled=False, deleted_at=utcnow())
    with pytest.raises(operations.NotAllowed):
        operations.enable_user(make_admin(db), deleted)
    assert events(db, 'user.enable') == []


def test_regions_are_looked_up_by_slug(db):
    region = make_region(db, slug='zoek-mij')
    assert Region.by_slug('zoek-mij') == region
