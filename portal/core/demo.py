"""Demo data for `flask seed-demo`: each area adds a seeder; every seeder is idempotent."""

from collections.abc import Callable

from sqlalchemy import select

from portal.extensions import db
from portal.models.tenancy import Municipality, Region

#: run in order; later issues append theirs (organisations, needs, candidates, ...)
SEEDERS: list[Callable[[], str]] = []


def seeder(func: Callable[[], str]) -> Callable[[], str]:
    SEEDERS.append(func)
    return func


DEMO_REGIONS = [
    {'slug': 'vechtdal', 'name': 'Vechtdal', 'primary_colour': '#1f5c3a', 'accent_colour': '#123822',
     'municipalities': [('GM0160', 'Hardenberg'), ('GM0148', 'Dalfsen'), ('GM0175', 'Ommen')]},
    {'slug': 'drechtsteden', 'name': 'Drechtsteden', 'primary_colour': '#154273', 'accent_colour': '#0b2a4a',
     'municipalities': [('GM0505', 'Dordrecht'), ('GM0642', 'Zwijndrecht'), ('GM0590', 'Papendrecht'),
                        ('GM0610', 'Sliedrecht'), ('GM0482', 'Alblasserdam'), ('GM0531', 'Hendrik-Ido-Ambacht')]},
]


@seeder
def seed_regions() -> str:
    created = 0
    for spec in DEMO_REGIONS:
        region = Region.by_slug(spec['slug'])
        if region is None:
            region = Region(slug=spec['slug'], name=spec['name'], primary_colour=spec['primary_colour'],
                            accent_colour=spec['accent_colour'])
            db.session.add(region)
            created += 1
        for code, name in spec['municipalities']:
            municipality = db.session.scalar(select(Municipality).where(Municipality.cbs_code == code))
            if municipality is None:
                region.municipalities.append(Municipality(cbs_code=code, name=name))
                created += 1
    db.session.flush()
    return f'regions and municipalities: {created} created'


def seed_demo() -> list[str]:
    """Run every seeder in one transaction and return what each did."""
    reports = [run() for run in SEEDERS]
    db.session.commit()
    return reports
