"""Platform administration: regions, municipalities and staff accounts.

Every function takes the acting admin (None: the system, e.g. `flask create-user`), flushes,
writes its audit row and queues its mail; the caller commits.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.blueprints.activities.registrations import cancel_future_registrations
from portal.blueprints.auth.operations_passwords import send_password_reset
from portal.core.audit import record_event
from portal.core.mail import queue_mail
from portal.core.passwords import hash_password, password_problem
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User, normalise_email
from portal.models.tenancy import Municipality, Region


class NotAllowed(Exception):
    """The change is not allowed in the current state; `message` is a translatable text for the user."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


# Regions and municipalities -------------------------------------------------------------------

def slug_taken(slug: str) -> bool:
    return db.session.scalar(select(func.count(Region.id)).where(Region.slug == slug)) > 0


def cbs_code_taken(cbs_code: str) -> bool:
    return db.session.scalar(select(func.count(Municipality.id)).where(Municipality.cbs_code == cbs_code)) > 0


def create_region(actor: User | None, *, slug: str, name: str, primary_colour: str, accent_colour: str) -> Region:
    """A new labour-market region; the colours must carry white text (the model refuses them otherwise)."""
    slug = slug.strip().lower()
    if slug_taken(slug):
        raise NotAllowed(_l('There is already a region with this short name.'))
    region = Region(slug=slug, name=name.strip(), primary_colour=primary_colour, accent_colour=accent_colour)
    db.session.add(region)
    db.session.flush()
    record_event('region.create', actor=actor, obj=region, region_id=region.id,
                 details={'slug': region.slug, 'name': region.name})
    return region


def update_region(actor: User | None, region: Region, *, name: str, primary_colour: str,
                  accent_colour: str) -> dict[str, list[str]]:
    """Rename or recolour a region; returns what changed (old, new). The slug stays: URLs and settings use it."""
    changes = _apply(region, name=name.strip(), primary_colour=primary_colour.strip().lower(),
                     accent_colour=accent_colour.strip().lower())
    if changes:
        db.session.flush()
        record_event('region.update', actor=actor, obj=region, region_id=region.id, details=changes)
    return changes


def create_municipality(actor: User | None, region: Region, *, cbs_code: str, name: str) -> Municipality:
    cbs_code = cbs_code.strip().upper()
    if cbs_code_taken(cbs_code):
        raise NotAllowed(_l('There is already a municipality with this CBS code.'))
    municipality = Municipality(region=region, cbs_code=cbs_code, name=name.strip())
    db.session.add(municipality)
    db.session.flush()
    record_event('municipality.create', actor=actor, obj=municipality,
                 details={'cbs_code': cbs_code, 'name': municipality.name})
    return municipality


def rename_municipality(actor: User | None, municipality: Municipality, *, name: str) -> dict[str, list[str]]:
    changes = _apply(municipality, name=name.strip())
    if changes:
        db.session.flush()
        record_event('municipality.update', actor=actor, obj=municipality, details=changes)
    return changes


def _apply(obj, **values) -> dict[str, list[str]]:
    """Set the attributes that differ and return them as {name: [old, new]}."""
    changes = {}
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            setattr(obj, key, value)
            changes[key] = [old, getattr(obj, key)]
    return changes


# Accounts -------------------------------------------------------------------------------------

def create_account(actor: User | None, *, email: str, name: str, locale: str = 'nl', is_admin: bool = False,
                   region: Region | None = None, kind: StaffKind | str | None = None,
                   password: str | None = None) -> User:
    """A staff member of one region and/or a platform admin.

    Without a password the person gets the welcome mail with a link to choose one (the same
    mechanism as a password reset), so nobody ever learns or sends someone else's password.
    """
    email = normalise_email(email)
    if (region is None) != (kind is None):
        raise ValueError('a staff account needs both a region and a kind')
    if region is None and not is_admin:
        raise ValueError('an account made here is a staff member, an admin, or both')
    if User.email_taken(email):
        raise NotAllowed(_l('There is already an account with this email address.'))
    if password is not None:
        problem = password_problem(password, email)
        if problem:
            raise NotAllowed(problem)
    user = User(email=email, name=name.strip(), locale=locale, is_admin=is_admin,
                password_hash=hash_password(password) if password is not None else None)
    if region is not None:
        user.staff_role = StaffRole(region=region, kind=StaffKind(kind))
    db.session.add(user)
    db.session.flush()
    details = {'email': email, 'is_admin': is_admin, 'kind': str(kind) if kind else None,
               'region': region.slug if region else None, 'password_set': password is not None}
    record_event('staff.create' if region is not None else 'admin.create', actor=actor, obj=user,
                 region_id=region.id if region else None, details=details)
    if password is None:
        send_password_reset(user, welcome=True)
    return user


def update_staff_role(actor: User | None, user: User, *, region: Region, kind: StaffKind | str) -> dict:
    """Move a staff member to another region or change their kind; they are told by mail."""
    role = user.staff_role
    if role is None:
        raise NotAllowed(_l('This account has no staff role.'))
    if user.deleted_at is not None:
        raise NotAllowed(_l('This account has been deleted.'))
    kind = StaffKind(kind)
    changes = {}
    if role.region_id != region.id:
        changes['region'] = [role.region.slug, region.slug]
        role.region = region
    if role.kind != kind:
        changes['kind'] = [str(role.kind), str(kind)]
        role.kind = kind
    if not changes:
        return changes
    db.session.flush()
    record_event('staff.update', actor=actor, obj=user, region_id=region.id, details=changes)
    queue_mail(user.email, 'admin/staff_role_changed', locale=user.locale, region_id=region.id,
               user=user, region_name=region.name, kind=str(kind),
               sign_in_url=url_for('auth.sign_in', _external=True))
    return changes


def disable_user(actor: User | None, user: User) -> None:
    """Stop an account from signing in; every open session of it ends at once."""
    if actor is not None and actor.id == user.id:
        raise NotAllowed(_l('You cannot disable your own account.'))
    if user.deleted_at is not None:
        raise NotAllowed(_l('This account has been deleted.'))
    if not user.is_enabled:
        raise NotAllowed(_l('This account is already disabled.'))
    user.is_enabled = False
    user.session_version += 1
    db.session.flush()
    cancel_future_registrations(actor, user=user, reason='account_disabled')  # their seats go to the next in line
    record_event('user.disable', actor=actor, obj=user, region_id=user.staff_region_id)
    queue_mail(user.email, 'admin/account_disabled', locale=user.locale, region_id=user.staff_region_id, user=user)


def enable_user(actor: User | None, user: User) -> None:
    if user.deleted_at is not None:
        raise NotAllowed(_l('A deleted account cannot be enabled again.'))
    if user.is_enabled:
        raise NotAllowed(_l('This account is already enabled.'))
    user.is_enabled = True
    db.session.flush()
    record_event('user.enable', actor=actor, obj=user, region_id=user.staff_region_id)
    queue_mail(user.email, 'admin/account_enabled', locale=user.locale, region_id=user.staff_region_id, user=user,
               sign_in_url=url_for('auth.sign_in', _external=True))
