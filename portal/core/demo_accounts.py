"""Demo accounts for `flask seed-demo`: fictional employers, staff of both demo regions and an admin."""

from sqlalchemy import select

from portal.core.dbtypes import utcnow
from portal.core.demo import seeder
from portal.core.passwords import hash_password
from portal.extensions import db
from portal.models.accounts import StaffKind, StaffRole, User
from portal.models.organisations import (
    MemberRole,
    Membership,
    Organisation,
    OrganisationStatus,
    SizeClass,
)
from portal.models.tenancy import Municipality, Region

DEMO_PASSWORD = 'kansenkamer-demo'  # noqa: S105 (printed by seed-demo and in the README on purpose)

#: fictional organisations; KvK numbers in a range the demo keeps to itself
DEMO_ORGANISATIONS = [
    {'kvk_number': '99100001', 'name': 'Kanaalzicht Logistiek (demo)', 'municipality': 'GM0160',
     'sbi_section': 'H', 'sbi_code': '5210', 'size_class': SizeClass.MEDIUM, 'postcode': '7772 AB',
     'website': 'https://kanaalzicht-logistiek.demo.kansenkamer.nl', 'status': OrganisationStatus.VERIFIED},
    {'kvk_number': '99100002', 'name': 'Ommer Groenwerk (demo)', 'municipality': 'GM0175',
     'sbi_section': 'N', 'sbi_code': '8130', 'size_class': SizeClass.MEDIUM_SMALL, 'postcode': '7731 CD',
     'website': None, 'status': OrganisationStatus.VERIFIED},
    {'kvk_number': '99100003', 'name': 'Dalfser Bouwcombinatie (demo)', 'municipality': 'GM0148',
     'sbi_section': 'F', 'sbi_code': '4120', 'size_class': SizeClass.SMALL, 'postcode': '7721 EF',
     'website': None, 'status': OrganisationStatus.PENDING},
]

#: (email, name, organisation KvK and role, or staff region slug and kind, or admin)
DEMO_USERS = [
    ('werkgever@demo.kansenkamer.nl', 'Anouk de Werkgever', ('99100001', MemberRole.OWNER), None),
    ('collega@demo.kansenkamer.nl', 'Bram Collega', ('99100001', MemberRole.MEMBER), None),
    ('werkgever2@demo.kansenkamer.nl', 'Chantal van Groen', ('99100002', MemberRole.OWNER), None),
    ('werkgever3@demo.kansenkamer.nl', 'Dirk Bouwman', ('99100003', MemberRole.OWNER), None),
    ('accountmanager@demo.kansenkamer.nl', 'Esra Accountmanager', None, ('vechtdal', StaffKind.ACCOUNTMANAGER)),
    ('coordinator@demo.kansenkamer.nl', 'Frank Coördinator', None, ('vechtdal', StaffKind.COORDINATOR)),
    ('accountmanager@drechtsteden.demo.kansenkamer.nl', 'Gerda Drechtsteden', None,
     ('drechtsteden', StaffKind.ACCOUNTMANAGER)),
    ('admin@demo.kansenkamer.nl', 'Hans Beheerder', None, 'admin'),
]


def _organisations() -> dict[str, Organisation]:
    by_kvk = {}
    for spec in DEMO_ORGANISATIONS:
        organisation = Organisation.by_kvk(spec['kvk_number'])
        if organisation is None:
            municipality = db.session.scalar(select(Municipality).where(Municipality.cbs_code == spec['municipality']))
            verified = spec['status'] == OrganisationStatus.VERIFIED
            organisation = Organisation(
                kvk_number=spec['kvk_number'], name=spec['name'], municipality=municipality,
                region_id=municipality.region_id, sbi_section=spec['sbi_section'], sbi_code=spec['sbi_code'],
                size_class=spec['size_class'], visiting_postcode=spec['postcode'], website=spec['website'],
                status=spec['status'], verified_at=utcnow() if verified else None)
            db.session.add(organisation)
        by_kvk[spec['kvk_number']] = organisation
    db.session.flush()
    return by_kvk


@seeder
def seed_accounts() -> str:
    organisations = _organisations()
    password_hash = None
    created = 0
    for email, name, membership, role in DEMO_USERS:
        if User.by_email(email) is not None:
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        user = User(email=email, name=name, password_hash=password_hash, locale='nl', email_verified_at=utcnow())
        if membership is not None:
            kvk, member_role = membership
            user.memberships.append(Membership(organisation=organisations[kvk], role=member_role))
        if role == 'admin':
            user.is_admin = True
        elif role is not None:
            slug, kind = role
            user.staff_role = StaffRole(region=Region.by_slug(slug), kind=kind)
        db.session.add(user)
        db.session.flush()
        created += 1
    return f'demo accounts: {created} created; every demo account signs in with the password {DEMO_PASSWORD}'
