"""KvK numbers, branch numbers, postcodes, websites and SBI codes as people type them."""

import pytest

from portal.core import identifiers, sbi


@pytest.mark.parametrize(('typed', 'stored'), [
    ('6959 9084', '69599084'), ('69.59.90.84', '69599084'), ('69599084', '69599084'), (' 12345678 ', '12345678'),
])
def test_a_kvk_number_is_eight_digits_without_spaces_and_dots(typed, stored):
    assert identifiers.normalise_kvk(typed) == stored


@pytest.mark.parametrize('typed', ['1234567', '12345678901', '1234567a', '', None, '1234-5678'])
def test_anything_else_is_no_kvk_number(typed):
    assert identifiers.normalise_kvk(typed) is None


def test_a_kvk_number_has_no_check_digit():
    # 12345678 fails the old mod-11 test; the KvK stopped using it, so it must pass.
    assert identifiers.normalise_kvk('12345678') == '12345678'


def test_a_branch_number_has_twelve_digits():
    assert identifiers.normalise_vestigingsnummer('0000 1234 5678') == '000012345678'
    assert identifiers.normalise_vestigingsnummer('12345678') is None


@pytest.mark.parametrize(('typed', 'stored'), [
    ('NL-2611ET', '2611 ET'), ('2611et', '2611 ET'), ('7772 ab', '7772 AB'), ('  1234AB ', '1234 AB'),
])
def test_a_postcode_is_normalised(typed, stored):
    assert identifiers.normalise_postcode(typed) == stored


@pytest.mark.parametrize('typed', ['SA', '1234 SA', '1234SD', '1234 SS', '0123 AB', '12345', '', None])
def test_impossible_postcodes_are_refused(typed):
    assert identifiers.normalise_postcode(typed) is None


@pytest.mark.parametrize(('typed', 'stored'), [
    ('bakkerij.nl', 'https://bakkerij.nl'), ('www.bakkerij.nl/over-ons', 'https://www.bakkerij.nl/over-ons'),
    ('http://bakkerij.nl', 'http://bakkerij.nl'), ('https://bakkerij.nl', 'https://bakkerij.nl'),
])
def test_a_website_gets_https_when_typed_bare(typed, stored):
    assert identifiers.normalise_website(typed) == stored


@pytest.mark.parametrize('typed', ['javascript:alert(1)', 'ftp://bakkerij.nl', 'bakkerij', 'https://bakker ij.nl',
                                   'https://user:pw@bakkerij.nl', 'https://[::1'])
def test_a_website_must_be_an_http_address(typed):
    assert identifiers.normalise_website(typed) is None


def test_there_are_21_sbi_sections():
    assert list(sbi.SECTIONS) == list('ABCDEFGHIJKLMNOPQRSTU')


@pytest.mark.parametrize(('section', 'code'), [('H', '49'), ('H', '4941'), ('H', '53100'), ('A', '01131'),
                                               ('C', '10'), ('C', '3320'), ('U', '99')])
def test_an_sbi_code_in_its_section_fits(app, section, code):
    assert sbi.code_problem(section, code) is None


@pytest.mark.parametrize(('section', 'code', 'problem'), [
    ('H', '48', 'does not belong'), ('H', '54', 'does not belong'), ('A', '4941', 'does not belong'),
    ('H', '4', '2 to 5 digits'), ('H', '494100', '2 to 5 digits'), ('H', '49a', '2 to 5 digits'),
])
def test_an_sbi_code_outside_its_section_is_refused(app, section, code, problem):
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        assert problem in str(sbi.code_problem(section, code))


def test_sbi_codes_are_typed_with_dots():
    assert sbi.normalise_code('49.41') == '4941'
    assert sbi.normalise_code(' ') is None
