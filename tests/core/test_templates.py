"""Template rules that a rendering test would only catch in the one language that breaks."""

import re
from pathlib import Path

import portal

TEMPLATES = Path(portal.__file__).parent / 'templates'
TRANS_BLOCK = re.compile(r'{%-?\s*trans\b(?P<args>[^%]*)-?%}(?P<body>.*?){%-?\s*endtrans\s*-?%}', re.S)
BARE_PLURALIZE = re.compile(r'{%-?\s*pluralize\s*-?%}')


def test_a_plural_with_several_variables_names_the_one_it_counts():
    """Jinja pluralizes on the first variable of `{% trans %}` unless `{% pluralize name %}` says which: with a
    formatted number or a date first, the Dutch catalogue's plural lookup fails and the page answers 500."""
    offenders = []
    for path in sorted(TEMPLATES.rglob('*.*')):
        text = path.read_text(encoding='utf-8')
        for block in TRANS_BLOCK.finditer(text):
            names = [part.split('=')[0].strip() for part in block['args'].split(',') if part.strip()]
            if BARE_PLURALIZE.search(block['body']) and len(names) > 1:
                line = text.count('\n', 0, block.start()) + 1
                offenders.append(f'{path.relative_to(TEMPLATES)}:{line} ({", ".join(names)})')
    assert offenders == [], 'add the counted name: {% pluralize count %}\n' + '\n'.join(offenders)
