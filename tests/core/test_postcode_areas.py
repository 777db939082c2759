"""Postcode areas: the CSV reader's checks, the bulk loader, `flask import-postcode-areas`, and the demo file."""

import csv
import io

import pytest
from sqlalchemy import event, func, select

from portal.core.demo import DEMO_REGIONS
from portal.data import postcode_areas
from portal.data.postcode_areas import DEMO_FILE, LATITUDE, LONGITUDE, load, parse
from portal.models.places import PostcodeArea
from tests.factories import make_municipality, make_postcode_area, make_region


def area_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(PostcodeArea))


def problems(text: str) -> list[str]:
    return [str(problem) for problem in parse(text).problems]


@pytest.fixture
def run(app, db, tmp_path):
    """Write `text` to a file and run the command on it."""
    runner = app.test_cli_runner()

    def invoke(text: str, *options: str, encoding: str = 'utf-8'):
        path = tmp_path / 'pc4.csv'
        path.write_bytes(text.encode(encoding))
        return runner.invoke(args=['import-postcode-areas', str(path), *options])
    return invoke


# Reading -------------------------------------------------------------------------------------------------

def test_a_comma_file_with_comments_and_a_municipality_column():
    parsed = parse('# centres\npostcode,latitude,longitude,gemeentecode\n7771,52.575,6.620,GM0160\n'
                   '\n7731,52.521,6.421,175\n')
    assert parsed.problems == []
    assert parsed.has_municipality
    assert [(row.line, row.code, row.latitude, row.longitude, row.cbs_code) for row in parsed.rows] == [
        (3, '7771', 52.575, 6.62, 'GM0160'), (5, '7731', 52.521, 6.421, 'GM0175')]


def test_a_dutch_spreadsheet_file_with_semicolons_decimal_commas_a_bom_and_other_columns():
    parsed = parse('\ufeffPC4;Gemeente;Breedtegraad;Lengtegraad;Inwoners\n3311;Dordrecht;51,814;4,670;12000\n')
    assert parsed.problems == []
    assert not parsed.has_municipality  # the name of a municipality is not its code
    [row] = parsed.rows
    assert (row.code, row.latitude, row.longitude, row.cbs_code) == ('3311', 51.814, 4.67, None)


def test_every_bad_value_is_reported_with_its_line():
    text = ('postcode;latitude;longitude;gemeentecode\n'
            '0771;52.5;6.6;GM0160\n'        # 2: a postcode never starts with 0
            '77710;52.5;6.6;\n'             # 3: five digits
            '7772;6.6;52.5;\n'              # 4: swapped
            '7773;;6.6;\n'                  # 5: empty latitude
            '7774;52.5;oost;\n'             # 6: not a number
            '7775;nan;inf;\n'               # 7: not finite
            '7776;52.5;6.6;Hardenberg\n'    # 8: a name, not a code
            '7777;52.5;6.6;GM0160\n'        # 9: fine
            '7777;52.6;6.7;GM0160\n')       # 10: again
    assert problems(text) == [
        "line 2: postcode '0771' is not four digits from 1000 to 9999",
        "line 3: postcode '77710' is not four digits from 1000 to 9999",
        'line 4: latitude 6.6 lies outside the Netherlands (50 to 54); are latitude and longitude swapped, or '
        'not in WGS84 degrees?',
        'line 4: longitude 52.5 lies outside the Netherlands (3 to 8); are latitude and longitude swapped, or '
        'not in WGS84 degrees?',
        'line 5: latitude is empty',
        "line 6: longitude 'oost' is not a number",
        "line 7: latitude 'nan' is not a number",
        "line 7: longitude 'inf' is not a number",
        "line 8: gemeentecode 'Hardenberg' is not like GM0160 or 0160",
        'line 10: postcode 7777 appears again (first on line 9)',
    ]


def test_the_bounds_are_those_of_the_check_constraint():
    low_lat, high_lat = LATITUDE
    low_lon, high_lon = LONGITUDE
    inside = f'postcode,latitude,longitude\n1000,{low_lat},{low_lon}\n9999,{high_lat},{high_lon}\n'
    assert problems(inside) == []
    assert len(problems(f'postcode,latitude,longitude\n1000,{low_lat - 0.001},{low_lon}\n')) == 1
    assert len(problems(f'postcode,latitude,longitude\n1000,{low_lat},{high_lon + 0.001}\n')) == 1


def test_a_header_without_coordinates_or_a_file_without_rows_is_refused():
    assert problems('# only a comment\npostcode,lat\n7771,52.5\n') == [
        'line 2: the header lacks longitude: it must name postcode, latitude and longitude (and may name '
        'gemeentecode)']
    assert problems('postcode,latitude,longitude\n') == ['line 1: the file holds no postcode areas']
    assert problems('') == ['line 1: the file holds no header and no postcode areas']


# Loading -------------------------------------------------------------------------------------------------

def test_load_adds_updates_and_links_by_cbs_code(db):
    region = make_region(db, municipalities=0)
    hardenberg = make_municipality(db, region=region, cbs_code='GM0160')
    make_postcode_area(db, '7771', 52.0, 6.0)
    make_postcode_area(db, '7731', 52.521, 6.421)
    report = load(parse('postcode,latitude,longitude,gemeentecode\n7771,52.575,6.620,0160\n'
                        '7731,52.521,6.421,\n7772,52.566,6.626,GM0160\n3311,51.814,4.670,GM0505\n'))
    assert (report.read, report.added, report.changed, report.unchanged, report.removed, report.linked) == \
        (4, 2, 1, 1, 0, 2)
    areas = {area.code: area for area in db.session.scalars(select(PostcodeArea))}
    assert areas['7771'].point == (52.575, 6.62)  # not the stale (52.0, 6.0) of the identity map
    assert areas['7771'].municipality_id == areas['7772'].municipality_id == hardenberg.id
    assert areas['3311'].municipality_id is None  # a municipality this portal does not host
    assert areas['7731'].municipality_id is None


def test_a_file_without_municipalities_keeps_the_links_areas_have(db):
    municipality = make_municipality(db, region=make_region(db, municipalities=0))
    make_postcode_area(db, '7771', 52.5, 6.6, municipality=municipality)
    report = load(parse('postcode,latitude,longitude\n7771,52.575,6.620\n'))
    assert (report.changed, report.linked) == (1, 1)
    assert db.session.get(PostcodeArea, '7771').municipality_id == municipality.id


def test_replace_removes_the_areas_the_file_does_not_hold(db):
    for code in ('1011', '1012', '7771'):
        make_postcode_area(db, code, 52.4, 4.9)
    report = load(parse('postcode,latitude,longitude\n7771,52.575,6.620\n'), replace=True)
    assert (report.removed, report.changed) == (2, 1)
    assert list(db.session.scalars(select(PostcodeArea.code))) == ['7771']


def test_only_missing_leaves_known_areas_alone(db):
    make_postcode_area(db, '7771', 52.57512, 6.61987)  # say, from the national set
    report = load(parse('postcode,latitude,longitude\n7771,52.575,6.620\n7772,52.566,6.626\n'), only_missing=True)
    assert (report.added, report.changed, report.unchanged) == (1, 0, 1)
    assert db.session.get(PostcodeArea, '7771').point == (52.57512, 6.61987)


def test_a_file_with_problems_is_never_loaded(db):
    with pytest.raises(ValueError, match='never loaded'):
        load(parse('postcode,latitude,longitude\n7771,52.575,6.620\n7772,99,6.626\n'))
    assert area_count(db) == 0


def national_file(count: int) -> str:
    """`count` made-up areas spread over the country, as a national CBS file would list them."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=';')
    writer.writerow(['postcode', 'latitude', 'longitude', 'gemeentecode'])
    for i in range(count):
        writer.writerow([str(1000 + i), f'{50.8 + (i % 300) / 100:.3f}'.replace('.', ','),
                         f'{3.5 + (i % 400) / 100:.3f}'.replace('.', ','), f'GM{i % 340:04d}'])
    return out.getvalue()


def test_the_national_set_loads_in_a_handful_of_statements(db):
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    parsed = parse(national_file(4000))
    assert parsed.problems == []
    engine = db.session.get_bind()
    event.listen(engine, 'before_cursor_execute', count)
    try:
        first = load(parsed)
        again = load(parse(national_file(4000)))
    finally:
        event.remove(engine, 'before_cursor_execute', count)
    assert (first.added, again.added, again.changed, again.unchanged) == (4000, 0, 0, 4000)
    assert area_count(db) == 4000
    assert len(statements) < 20  # bulk: not one statement per area


# The command ---------------------------------------------------------------------------------------------

def test_the_command_imports_commits_and_reports(db, run):
    municipality = make_municipality(db, region=make_region(db, municipalities=0), cbs_code='GM0505')
    result = run('postcode;latitude;longitude;gemeentecode\n3311;51,814;4,670;GM0505\n3312;51,808;4,660;0505\n')
    assert result.exit_code == 0, result.output
    assert 'postcode areas: 2 in the file; 2 added, 0 changed, 0 unchanged, 0 removed; 2 in a municipality of ' \
           'this portal' in result.output
    assert {area.municipality_id for area in db.session.scalars(select(PostcodeArea))} == {municipality.id}

    again = run('postcode,latitude,longitude\n3311,51.815,4.671\n', '--replace')
    assert again.exit_code == 0, again.output
    assert '1 in the file; 0 added, 1 changed, 0 unchanged, 1 removed; 1 in a municipality' in again.output
    assert 'the file names no gemeentecode: areas keep the municipality they had' in again.output
    assert db.session.get(PostcodeArea, '3311').municipality_id == municipality.id


def test_the_command_lists_the_problems_and_writes_nothing(db, run):
    make_postcode_area(db, '3311', 51.8, 4.6)
    bad_rows = ''.join(f'{4000 + i},99,4.6\n' for i in range(55))
    result = run('postcode,latitude,longitude\n3311,51.814,4.670\n3312,51.808,44.660\n' + bad_rows, '--replace')
    assert result.exit_code == 1
    assert 'pc4.csv: 56 problem(s); nothing was written' in result.stderr
    assert 'line 3: longitude 44.660 lies outside the Netherlands' in result.stderr
    assert 'line 4: latitude 99 lies outside the Netherlands' in result.stderr
    assert '… and 6 more' in result.stderr
    assert db.session.get(PostcodeArea, '3311').point == (51.8, 4.6)
    assert area_count(db) == 1


def test_the_command_refuses_a_file_that_is_not_utf8(db, run):
    result = run('postcode;latitude;longitude;plaats\n7734;52,494;6,340;Vilsteren\n7735;52,545;6,403;Arriën\n',
                 encoding='cp1252')
    assert result.exit_code == 1
    assert 'is not UTF-8 text' in result.output
    assert area_count(db) == 0


# The demo file -------------------------------------------------------------------------------------------

def test_the_demo_file_covers_every_municipality_of_the_demo_regions():
    parsed = parse(DEMO_FILE.read_text(encoding='utf-8'))
    assert parsed.problems == []
    demo_codes = {code for spec in DEMO_REGIONS for code, _ in spec['municipalities']}
    by_municipality: dict[str, int] = {}
    for row in parsed.rows:
        by_municipality[row.cbs_code] = by_municipality.get(row.cbs_code, 0) + 1
    assert set(by_municipality) == demo_codes
    assert all(count >= 3 for count in by_municipality.values())
    assert 'APPROXIMATE' in DEMO_FILE.read_text(encoding='utf-8')


def test_the_demo_areas_lie_in_their_own_region():
    """A slip of a digit would put a village of Vechtdal in the rivers area, or the other way round."""
    regions = {code: spec['slug'] for spec in DEMO_REGIONS for code, _ in spec['municipalities']}
    boxes = {'vechtdal': ((52.40, 52.70), (6.15, 6.80)), 'drechtsteden': ((51.75, 51.90), (4.50, 4.85))}
    for row in parse(DEMO_FILE.read_text(encoding='utf-8')).rows:
        (south, north), (west, east) = boxes[regions[row.cbs_code]]
        assert south <= row.latitude <= north, row
        assert west <= row.longitude <= east, row


def test_load_demo_areas_links_to_the_demo_municipalities_and_adds_nothing_twice(db):
    region = make_region(db, municipalities=0)
    ommen = make_municipality(db, region=region, cbs_code='GM0175')
    first = postcode_areas.load_demo_areas()
    assert first.added == area_count(db) == first.read
    assert db.session.get(PostcodeArea, '7731').municipality_id == ommen.id
    second = postcode_areas.load_demo_areas()
    assert (second.added, second.changed, second.unchanged) == (0, 0, first.read)
