"""CSV files that open straight in a Dutch spreadsheet: UTF-8 with a byte-order mark, `;` between fields."""

import csv
import io
from collections.abc import Iterable

from flask import Response

BOM = '\ufeff'
#: a cell starting with one of these is a formula to a spreadsheet; a leading apostrophe keeps it text
FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')


def _cell(value) -> str | int:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(rows: Iterable[Iterable], filename: str) -> Response:
    """The rows as one downloadable file; numbers stay numbers, text that looks like a formula is quoted."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=';', lineterminator='\r\n')
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return Response(out.getvalue(), mimetype='text/csv',
                    headers={'Content-Disposition': f'attachment; filename="{filename}"'})
