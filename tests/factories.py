"""Builders with sensible defaults: `make_region(db)`; pass only what the test is about."""

import itertools

from portal.models.tenancy import Municipality, Region

_counter = itertools.count(1)


def make_region(db, *, slug: str | None = None, name: str | None = None, municipalities: int = 1,
                **fields) -> Region:
    n = next(_counter)
    region = Region(slug=slug or f'regio-{n}', name=name or f'Regio {n}', **fields)
    for i in range(municipalities):
        region.municipalities.append(make_municipality(db, region=None, name=f'Gemeente {n}-{i}'))
    db.session.add(region)
    db.session.flush()
    return region


def make_municipality(db, *, region: Region | None, name: str | None = None, cbs_code: str | None = None
                      ) -> Municipality:
    n = next(_counter)
    municipality = Municipality(name=name or f'Gemeente {n}', cbs_code=cbs_code or f'GM{9000 - n % 9000:04d}')
    if region is not None:
        municipality.region = region
        db.session.add(municipality)
        db.session.flush()
    return municipality


# Accounts ---------------------------------------------------------------------------------

#: every user a factory makes has this password, hashed once per run (argon2 is slow on purpose)
PASSWORD = 'correct horse battery'
_password_hash: str | None = None


def _hashed_password() -> str:
    global _password_hash
    if _password_hash is None:
        from portal.core.passwords import hash_password

        _password_hash = hash_password(PASSWORD)
    return _password_hash


def make_user(db, *, email: str | None = None, name: str | None = None, verified: bool = True,
              locale: str = 'nl', **fields):
    from portal.core.dbtypes import utcnow
    from portal.models.accounts import User

    n = next(_counter)
    user = User(email=email or f'gebruiker{n}@example.nl', name=name or f'Gebruiker {n}',
                password_hash=_hashed_password(), locale=locale,
                email_verified_at=utcnow() if verified else None, **fields)
    db.session.add(user)
    db.session.flush()
    return user


def make_organisation(db, *, municipality=None, region=None, owner=None, status: str = 'verified',
                      kvk_number: str | None = None, name: str | None = None, **fields):
    """An organisation in `municipality` (default: a new region's first municipality), owned by `owner`."""
    from portal.core.dbtypes import utcnow
    from portal.models.organisations import MemberRole, Membership, Organisation, OrganisationStatus, SizeClass

    if municipality is None:
        region = region or make_region(db)
        municipality = region.municipalities[0]
    n = next(_counter)
    status = OrganisationStatus(status)
    organisation = Organisation(
        name=name or f'Bedrijf {n} B.V.', kvk_number=kvk_number or f'{90000000 + n:08d}',
        sbi_section=fields.pop('sbi_section', 'H'), sbi_code=fields.pop('sbi_code', '4941'),
        size_class=fields.pop('size_class', SizeClass.MEDIUM_SMALL), municipality=municipality,
        region_id=municipality.region_id, visiting_postcode=fields.pop('visiting_postcode', '7772 AB'),
        status=status, verified_at=utcnow() if status == OrganisationStatus.VERIFIED else None,
        rejection_reason='Onbekend bij de KvK' if status == OrganisationStatus.REJECTED else None, **fields)
    db.session.add(organisation)
    if owner is not None:
        organisation.memberships.append(Membership(user=owner, role=MemberRole.OWNER))
    db.session.flush()
    return organisation


def add_member(db, organisation, user, *, status: str = 'active'):
    from portal.models.organisations import MemberRole, Membership, MembershipStatus

    membership = Membership(user=user, organisation=organisation, role=MemberRole.MEMBER,
                            status=MembershipStatus(status))
    db.session.add(membership)
    db.session.flush()
    return membership


def make_employer(db, **organisation_fields):
    """A verified user who owns a verified organisation; returns the user."""
    user = make_user(db)
    make_organisation(db, owner=user, **organisation_fields)
    db.session.refresh(user)
    return user


def make_staff(db, *, region=None, kind: str = 'accountmanager', two_step: bool = False, **user_fields):
    from portal.core.dbtypes import utcnow
    from portal.models.accounts import StaffKind, StaffRole

    region = region or make_region(db)
    user = make_user(db, **user_fields)
    user.staff_role = StaffRole(region=region, kind=StaffKind(kind))
    if two_step:
        import pyotp

        user.totp_secret = pyotp.random_base32()
        user.totp_enabled_at = utcnow()
    db.session.flush()
    return user


def make_admin(db, **user_fields):
    return make_user(db, is_admin=True, **user_fields)
