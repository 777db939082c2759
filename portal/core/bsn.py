"""The portal holds no citizen service number (BSN): text that looks like one is refused wherever it is typed.

A BSN is nine digits that pass the 11-test. People type them whole or in groups split by a space,
dot or dash (1234.56.782), and next to other numbers ("06 111222333"), so every run of consecutive
digit groups that adds up to nine digits is tested. Eight-digit KvK numbers and ten-digit phone
numbers never match.
"""

import re

from stdnum.nl import bsn

#: a run of digits, possibly split by spaces, dots, dashes, slashes or underscores (at most three at a time)
_DIGIT_RUN = re.compile(r'(?<![\d])\d(?:[ ./_\-]{0,3}\d)+(?![\d])')


_GROUP = re.compile(r'\d+')


def find_bsn(text: str | None) -> str | None:
    """The first part of `text` that is a valid BSN, or None."""
    if not text:
        return None
    for match in _DIGIT_RUN.finditer(text):
        groups = list(_GROUP.finditer(match.group()))
        for first in range(len(groups)):
            digits = ''
            for last in range(first, len(groups)):
                digits += groups[last].group()
                if len(digits) > 9:
                    break
                if len(digits) == 9 and bsn.is_valid(digits):
                    return match.group()[groups[first].start():groups[last].end()]
    return None


def contains_bsn(text: str | None) -> bool:
    return find_bsn(text) is not None
