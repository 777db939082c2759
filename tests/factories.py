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
