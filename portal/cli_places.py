"""`flask import-postcode-areas FILE`: load the centres of the four-digit postcode areas travel is measured on.

A deployment loads the national set once (and again when CBS or PDOK publish a new year); the demo
ships approximate centres for its own two regions. See "Postcode areas" in the README.
"""

from pathlib import Path

import click
from flask import Flask

from portal.data import postcode_areas
from portal.extensions import db

#: problems printed before the rest is summed up
SHOWN_PROBLEMS = 50


@click.command('import-postcode-areas')
@click.argument('file', type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option('--replace', is_flag=True, help='Also remove the postcode areas the file does not hold.')
def import_postcode_areas_command(file: Path, replace: bool) -> None:
    """Add or update the postcode areas in FILE: a CSV (`;` or `,`) with the columns postcode (4 digits),
    latitude and longitude (WGS84 degrees) and optionally gemeentecode (GM0160 or 0160).

    Every row is checked first; if any is wrong, the problems are listed by line and nothing is written.
    """
    try:
        text = file.read_text(encoding='utf-8-sig')
    except UnicodeDecodeError as exc:
        raise click.ClickException(f'{file} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV') from exc
    parsed = postcode_areas.parse(text)
    if parsed.problems:
        click.echo(f'{file}: {len(parsed.problems)} problem(s); nothing was written', err=True)
        for problem in parsed.problems[:SHOWN_PROBLEMS]:
            click.echo(f'  {problem}', err=True)
        if len(parsed.problems) > SHOWN_PROBLEMS:
            click.echo(f'  … and {len(parsed.problems) - SHOWN_PROBLEMS} more', err=True)
        raise SystemExit(1)
    report = postcode_areas.load(parsed, replace=replace)
    db.session.commit()
    click.echo(str(report))
    if not parsed.has_municipality:
        click.echo('the file names no gemeentecode: areas keep the municipality they had')


def init_app(app: Flask) -> None:
    app.cli.add_command(import_postcode_areas_command)
