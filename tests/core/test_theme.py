"""Region theming: colours that stay readable, served as a cacheable stylesheet."""

import re

import pytest

from portal.core.colour import contrast_ratio, relative_luminance
from portal.models.tenancy import MIN_CONTRAST_WITH_WHITE, Region
from tests.factories import make_region


@pytest.mark.parametrize('colour', ['red', '1f5c3a', '#1f5c3', '#1f5c3ag', '#12345678', 'rgb(0,0,0)', ''])
def test_a_region_refuses_a_colour_that_is_not_hex(colour):
    with pytest.raises(ValueError, match='colour like'):
        Region(slug='x', name='X', primary_colour=colour)


@pytest.mark.parametrize('colour', ['#ffffff', '#ffff00', '#7fbf7f', '#888888'])
def test_a_region_refuses_a_colour_too_light_for_white_text(colour):
    assert contrast_ratio(colour, '#ffffff') < MIN_CONTRAST_WITH_WHITE
    with pytest.raises(ValueError, match='too light'):
        Region(slug='x', name='X', accent_colour=colour)


def test_a_region_accepts_and_normalises_a_dark_colour():
    region = Region(slug='x', name='X', primary_colour=' #1F5C3A ', accent_colour='#000000')
    assert region.primary_colour == '#1f5c3a'
    assert region.accent_colour == '#000000'


def test_the_limit_is_wcag_aa_for_normal_text():
    assert MIN_CONTRAST_WITH_WHITE == 4.5
    # #767676 is the lightest grey that passes on white, #777777 the first that fails
    Region(slug='x', name='X', primary_colour='#767676')
    with pytest.raises(ValueError, match='too light'):
        Region(slug='x', name='X', primary_colour='#777777')


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio('#000000', '#ffffff') == pytest.approx(21)
    assert contrast_ratio('#ffffff', '#000000') == pytest.approx(21)
    assert contrast_ratio('#154273', '#154273') == pytest.approx(1)
    assert contrast_ratio('#767676', '#ffffff') == pytest.approx(4.54, abs=0.01)
    assert relative_luminance('#ffffff') == pytest.approx(1)
    assert relative_luminance('#000000') == pytest.approx(0)


def test_the_region_stylesheet_carries_its_colours(client, db):
    make_region(db, slug='vechtdal-test', primary_colour='#1f5c3a', accent_colour='#123822')
    response = client.get('/thema/vechtdal-test.css')
    assert response.status_code == 200
    assert response.mimetype == 'text/css'
    assert '--kk-brand-color: #1f5c3a;' in response.text
    assert '--kk-brand-accent-color: #123822;' in response.text
    assert response.headers['ETag']
    assert response.cache_control.public


def test_the_region_stylesheet_answers_304_when_unchanged(client, db):
    make_region(db, slug='vechtdal-test')
    etag = client.get('/thema/vechtdal-test.css').headers['ETag']

    cached = client.get('/thema/vechtdal-test.css', headers={'If-None-Match': etag})
    assert cached.status_code == 304
    assert cached.data == b''


def test_the_region_stylesheet_changes_its_etag_with_the_colours(client, db):
    region = make_region(db, slug='vechtdal-test', primary_colour='#1f5c3a')
    etag = client.get('/thema/vechtdal-test.css').headers['ETag']

    region.primary_colour = '#154273'
    db.session.flush()
    response = client.get('/thema/vechtdal-test.css', headers={'If-None-Match': etag})
    assert response.status_code == 200
    assert '#154273' in response.text
    assert response.headers['ETag'] != etag


def test_an_unknown_region_stylesheet_is_not_found(client, db):
    assert client.get('/thema/nergens.css').status_code == 404


def test_the_layout_links_the_region_stylesheet_and_names_the_region(client, db):
    make_region(db, slug='vechtdal-test', name='Vechtdal Test')
    page = client.get('/').text
    assert '<link rel="stylesheet" href="/thema/vechtdal-test.css">' in page
    header = re.search(r'<header\b.*?</header>', page, re.DOTALL).group(0)
    assert 'Vechtdal Test' in header


def test_without_a_region_the_layout_links_no_region_stylesheet(client, db):
    page = client.get('/')
    assert page.status_code == 200
    assert '/thema/' not in page.text
