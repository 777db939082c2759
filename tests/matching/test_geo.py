"""Straight-line distance between postcode-area centres, checked against figures known without the formula."""

import math

import pytest

from portal.matching.geo import EARTH_RADIUS_KM, distance_km

ZWOLLE = (52.5168, 6.0830)
DORDRECHT = (51.8133, 4.6901)


def test_the_same_place_is_0_km():
    assert distance_km(ZWOLLE, ZWOLLE) == 0.0


@pytest.mark.parametrize(('a', 'b', 'km'), [
    ((0.0, 0.0), (1.0, 0.0), 111.2),  # a degree of latitude: 2π × 6371.0088 / 360 = 111.195 km
    ((0.0, 0.0), (0.0, 1.0), 111.2),  # a degree of longitude on the equator
    ((60.0, 0.0), (60.0, 0.001), 0.1),  # at 60° north a degree of longitude is half as long: 0.0556 km
    ((0.0, 0.0), (90.0, 0.0), 10007.6),  # a quarter meridian: π/2 × R
    ((0.0, 0.0), (0.0, 180.0), 20015.1),  # the other side of the earth: π × R
    ((52.0, 5.0), (52.0, 5.0 + 180.0), 8450.8),  # over the north pole: (180 − 2 × 52)° = 76° of a meridian
])
def test_distances_known_from_geometry(a, b, km):
    assert distance_km(a, b) == km


def test_it_is_symmetric_and_rounded_to_a_tenth():
    km = distance_km(ZWOLLE, DORDRECHT)
    assert km == distance_km(DORDRECHT, ZWOLLE)
    assert km == round(km, 1)
    assert 120 < km < 126  # Zwolle–Dordrecht is some 123 km as the crow flies


def test_rounding_to_the_nearest_tenth():
    """6.04 km and 6.06 km due north round to 6.0 and 6.1."""
    per_km = math.degrees(1 / EARTH_RADIUS_KM)
    assert distance_km((52.0, 5.0), (52.0 + 6.04 * per_km, 5.0)) == 6.0
    assert distance_km((52.0, 5.0), (52.0 + 6.06 * per_km, 5.0)) == 6.1
