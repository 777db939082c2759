"""Dutch business identifiers as people type them, normalised to how the portal stores them.

Each function returns the stored form, or None when the input cannot be one.
"""

import re
from urllib.parse import urlsplit

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode

_SEPARATORS = re.compile(r'[\s.]')


def normalise_kvk(value: str | None) -> str | None:
    """'6959 9084' and '69.59.90.84' become '69599084'. A KvK number has no check digit: 8 digits is all."""
    digits = _SEPARATORS.sub('', value or '')
    return digits if re.fullmatch(r'\d{8}', digits) else None


def normalise_vestigingsnummer(value: str | None) -> str | None:
    """A KvK branch number: exactly 12 digits once spaces and dots are gone."""
    digits = _SEPARATORS.sub('', value or '')
    return digits if re.fullmatch(r'\d{12}', digits) else None


def normalise_postcode(value: str | None) -> str | None:
    """'NL-2611ET' becomes '2611 ET'; python-stdnum refuses a leading 0 and the letters SA, SD and SS."""
    try:
        return postcode.validate(value or '')
    except StdnumError:
        return None


def normalise_website(value: str | None) -> str | None:
    """An http(s) address; a bare domain ('bakkerij.nl') gets https:// in front."""
    value = (value or '').strip()
    if not value:
        return None
    if '://' not in value:
        value = 'https://' + value
    try:
        parts = urlsplit(value)
        host = parts.hostname or ''
    except ValueError:  # a malformed [IPv6] host
        return None
    if (parts.scheme.lower() not in {'http', 'https'} or '.' not in host or host.startswith('.') or host.endswith('.')
            or any(c.isspace() for c in value) or parts.username or parts.password):
        return None
    return value
