"""The 21 sections of the Dutch Standard Industrial Classification (SBI 2008) and their divisions.

An organisation names its section (A–U) and, optionally, its SBI code of 2 to 5 digits; the
first two digits of the code are the division, which must lie in the section's range
(transport, H, covers divisions 49 to 53).
"""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Section:
    letter: str
    label: object  # a lazy msgid: English, translated to Dutch in the catalogue
    first_division: int
    last_division: int

    def has_division(self, division: int) -> bool:
        return self.first_division <= division <= self.last_division


SECTIONS: dict[str, Section] = {s.letter: s for s in (
    Section('A', _l('Agriculture, forestry and fishing'), 1, 3),
    Section('B', _l('Mining and quarrying'), 6, 9),
    Section('C', _l('Manufacturing'), 10, 33),
    Section('D', _l('Electricity, gas, steam and air conditioning supply'), 35, 35),
    Section('E', _l('Water supply; sewerage, waste management and remediation'), 36, 39),
    Section('F', _l('Construction'), 41, 43),
    Section('G', _l('Wholesale and retail trade; repair of motor vehicles'), 45, 47),
    Section('H', _l('Transportation and storage'), 49, 53),
    Section('I', _l('Accommodation and food service activities'), 55, 56),
    Section('J', _l('Information and communication'), 58, 63),
    Section('K', _l('Financial institutions'), 64, 66),
    Section('L', _l('Renting, buying and selling of real estate'), 68, 68),
    Section('M', _l('Consultancy, research and other specialised business services'), 69, 75),
    Section('N', _l('Renting and leasing of tangible goods and other business support services'), 77, 82),
    Section('O', _l('Public administration, public services and compulsory social security'), 84, 84),
    Section('P', _l('Education'), 85, 85),
    Section('Q', _l('Human health and social work activities'), 86, 88),
    Section('R', _l('Culture, sports and recreation'), 90, 93),
    Section('S', _l('Other service activities'), 94, 96),
    Section('T', _l('Activities of households as employers'), 97, 98),
    Section('U', _l('Extraterritorial organisations and bodies'), 99, 99),
)}

_CODE = re.compile(r'^\d{2,5}$')


def normalise_code(code: str | None) -> str | None:
    """'49.41' and '49 41' become '4941'; empty input becomes None."""
    if code is None:
        return None
    code = re.sub(r'[\s.]', '', code)
    return code or None


def code_problem(section: str, code: str | None):
    """Why `code` (already normalised) does not fit `section`, as a translatable message; None when it fits."""
    if code is None:
        return None
    if not _CODE.match(code):
        return _l('An SBI code has 2 to 5 digits, like 49.41.')
    found = SECTIONS.get(section)
    if found is None or not found.has_division(int(code[:2])):
        return _l('This SBI code does not belong to the sector you chose.')
    return None
