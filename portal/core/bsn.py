"""The portal holds no citizen service number (BSN): text that looks like one is refused wherever it is typed.

A BSN is nine digits that pass the 11-test. People type them with spaces, dots or dashes, so
digit groups are joined before the test. Eight-digit KvK numbers and ten-digit phone numbers
never match.
"""

import re

from stdnum.nl import bsn

#: a run of digits, possibly split by single spaces, dots or dashes
_DIGIT_RUN = re.compile(r'(?<![\d])\d(?:[ .\-]?\d)+(?![\d])')


def find_bsn(text: str | None) -> str | None:
    """The first part of `text` that is a valid BSN, or None."""
    if not text:
        return None
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r'\D', '', match.group())
        if len(digits) == 9 and bsn.is_valid(digits):
            return match.group()
    return None


def contains_bsn(text: str | None) -> bool:
    return find_bsn(text) is not None
