"""Demo caseload for `flask seed-demo`: the fictional job seekers of the two demo regions, the kinds of work
they come from, and the stories of the proposals made for them.

Everything here is made up. First names are common first names only (no surnames are stored), references
follow the made-up pattern HDB-2026-0412 of a municipality's own system (never nine digits), and contact
details point at the demo domain. Skills and occupations are named by their Dutch label in
portal/data/*_v1.csv, chosen so the demo needs of portal/data/demo_postings.py find real matches.
"""

from dataclasses import dataclass

from portal.data.demo_postings import need

#: one fixed seed: the demo is the same on every machine
SEED = 20261122

#: (how many job seekers, municipalities by CBS code with their share, the staff who keep them and their share)
REGIONS = {
    'vechtdal': (220, {'GM0160': 55, 'GM0148': 25, 'GM0175': 20},
                 {'accountmanager@demo.kansenkamer.nl': 3, 'coordinator@demo.kansenkamer.nl': 1}),
    'drechtsteden': (120, {'GM0505': 45, 'GM0642': 15, 'GM0590': 12, 'GM0610': 10, 'GM0482': 8, 'GM0531': 10},
                     {'accountmanager@drechtsteden.demo.kansenkamer.nl': 1}),
}

#: the prefix of the references in each municipality's own (made-up) system
REFERENCE_PREFIX = {'GM0160': 'HDB', 'GM0148': 'DLF', 'GM0175': 'OMM', 'GM0505': 'DOR', 'GM0642': 'ZWD',
                    'GM0590': 'PAP', 'GM0610': 'SLD', 'GM0482': 'ALB', 'GM0531': 'HIA'}

VCA, HACCP, B = 'VCA basis', 'HACCP', 'Rijbewijs B'


@dataclass(frozen=True)
class Background:
    """A kind of work people come from: the skills most have, others some have, and the occupations behind it."""

    core: tuple[str, ...]
    skills: tuple[str, ...]
    occupations: tuple[str, ...]
    #: the most hours a week people of this background usually look for
    hours: tuple[int, ...]
    #: day-part codes as in demo_postings (m morning, a afternoon, e evening, n night, w weekend), per person
    days: tuple[str, ...]


BACKGROUNDS = {
    'logistics': Background(
        ('Orderpicken', 'Orderpicken met scanner'),
        ('Handscanner gebruiken', 'Heftruckcertificaat', 'Heftruck rijden', 'Laden en lossen', 'Voice picking',
         'Reachtruckcertificaat', 'Reachtruck rijden', 'Goederen ontvangen en controleren',
         'Werken met een warehouse management systeem', 'Inpakken', 'Etiketteren', 'Retouren verwerken',
         'Pallets stapelen en wikkelen', 'Werken in ploegendienst', VCA),
        ('Orderpicker', 'Magazijnmedewerker', 'Heftruckchauffeur', 'Reachtruckchauffeur', 'Inpakker'),
        (24, 32, 36, 38, 40), ('ma', 'mae', 'ae', 'mae', 'maew')),
    'food': Background(
        ('Hygiënisch werken',),
        ('Werken aan een productielijn', 'Inpakken', 'Werken in koeling en vriescel', HACCP,
         'Vlees uitbenen en snijden', 'Etiketteren', 'Verpakkingsmachine bedienen', 'Machine bedienen',
         'Voedselveilig werken', 'Staand werken', 'Werken in ploegendienst'),
        ('Medewerker vleesverwerking', 'Inpakker', 'Productiemedewerker voedingsindustrie', 'Machineoperator'),
        (24, 32, 36, 38), ('mae', 'ma', 'mae', 'ae')),
    'green': Background(
        ('Buiten werken',),
        ('Gras maaien', 'Bosmaaier gebruiken', 'Snoeien', 'Onkruid bestrijden', 'Zaaien en planten',
         'Gewassen verzorgen', 'Beplanting aanleggen', 'Plantenkennis', 'Bladblazer gebruiken', 'Trekker rijden',
         VCA, 'Fysiek zwaar werk'),
        ('Medewerker groenvoorziening', 'Medewerker kwekerij', 'Hovenier'),
        (24, 32, 36, 38), ('ma', 'm', 'ma')),
    'care': Background(
        ('Empathie',),
        ('Persoonlijke verzorging', 'Hulp bij eten en drinken', 'Huishoudelijke taken bij cliënten',
         'Zelfstandig werken', 'Rapporteren', 'Geduld', 'Omgaan met dementie', 'Signaleren van veranderingen',
         'Activiteiten begeleiden', 'Diploma helpende zorg en welzijn', 'Medicijnen aanreiken', 'Gastvrijheid'),
        ('Helpende zorg en welzijn', 'Huishoudelijke hulp', 'Thuiszorgmedewerker', 'Activiteitenbegeleider'),
        (16, 20, 24, 28, 32), ('ma', 'maew', 'mae', 'm')),
    'hospitality': Background(
        ('Gastvrijheid',),
        ('Afwassen met vaatwasmachine', 'Keuken schoonmaken', 'Serveren', 'Bestellingen opnemen', 'Mise-en-place',
         'Hotelkamers opmaken', 'Schoonmaken volgens schoonmaakplan', 'Tafels dekken', 'Koffie zetten (barista)',
         'Hygiënisch werken', 'Werken in het weekend'),
        ('Afwasser', 'Keukenhulp', 'Medewerker bediening', 'Medewerker hotelhuishouding',
         'Medewerker bedrijfsrestaurant'),
        (8, 12, 16, 20, 24, 32), ('aew', 'mw', 'maew', 'ew', 'ew')),
    'cleaning': Background(
        ('Schoonmaken volgens schoonmaakplan',),
        ('Sanitair reinigen', 'Vloeren reinigen', 'Zelfstandig werken', 'Ramen wassen', 'Wasgoed vouwen',
         'Desinfecteren', 'Veilig werken met schoonmaakmiddelen', 'Schrobzuigmachine bedienen', 'Afval scheiden',
         'Werken op hoogte', VCA),
        ('Schoonmaker', 'Glazenwasser'),
        (12, 16, 20, 24, 32), ('ae', 'mae', 'e', 'ma')),
    'retail': Background(
        ('Vakken vullen',),
        ('FIFO toepassen', 'Afrekenen aan de kassa', 'Klantvriendelijkheid', 'Werken met een kassasysteem',
         'Producten presenteren', 'Versafdeling verzorgen', 'Werken in het weekend'),
        ('Vakkenvuller', 'Kassamedewerker', 'Medewerker supermarkt'),
        (12, 16, 20, 24), ('ew', 'aew', 'maew')),
    'technical': Background(
        ('Technisch inzicht',),
        ('Leergierigheid', 'Werken met elektrisch handgereedschap', 'Technische tekening lezen', VCA,
         'Preventief onderhoud', 'Storingen verhelpen', 'Mechanisch monteren', 'Pneumatiek en hydrauliek',
         'Storingsdiagnose', 'Leidingen leggen', 'Cv-ketels installeren en onderhouden',
         'Elektrische storingen zoeken'),
        ('Installateur cv en sanitair', 'Onderhoudsmonteur', 'Installatiemonteur elektrotechniek'),
        (32, 36, 38, 40), ('ma', 'mae')),
    'metal': Background(
        ('Technische tekening lezen',),
        ('MIG/MAG-lassen', 'Elektrodelassen', 'TIG-lassen', 'Lascertificaat', 'Snijbranden', 'Plasmasnijden',
         'Slijpen en afbramen', 'Werken met elektrisch handgereedschap', 'Leidingen leggen', VCA, 'Technisch inzicht',
         'Hijsen en aanslaan'),
        ('Lasser', 'Constructiebankwerker', 'Pijpfitter', 'Scheepsbouwer'),
        (36, 38, 40), ('ma', 'mae')),
    'laundry': Background(
        ('Wasgoed vouwen',),
        ('Wasgoed sorteren', 'Industriële wasmachine bedienen', 'Strijken', 'Mangelen', 'Staand werken',
         'Naaien met naaimachine', 'Kleding herstellen', 'Werken aan een productielijn'),
        ('Medewerker wasserij', 'Strijker'),
        (16, 20, 24, 32), ('m', 'ma', 'mae')),
    'transport': Background(
        (B,),
        ('Rijbewijs C', 'Rijbewijs CE', 'Code 95', 'Bestuurderskaart tachograaf', 'Vrachtwagen rijden',
         'Bestelbus rijden', 'Laden en lossen', 'Lading zekeren', 'Rij- en rusttijden toepassen',
         'Navigatiesysteem gebruiken', 'Pakketten bezorgen', 'Dagelijkse voertuigcontrole'),
        ('Vrachtwagenchauffeur', 'Bestelbuschauffeur', 'Pakketbezorger'),
        (32, 38, 40, 45), ('mae', 'ma', 'mn')),
    'childcare': Background(
        ('Kinderen begeleiden',),
        ('Leergierigheid', 'Spelactiviteiten organiseren', 'Geduld', 'Diploma pedagogisch medewerker',
         'Nederlands op B1-niveau', 'Verklaring Omtrent het Gedrag (VOG)', 'Wasgoed vouwen',
         'Schoonmaken volgens schoonmaakplan'),
        ('Pedagogisch medewerker kinderopvang',),
        (16, 20, 24, 28, 32), ('ma', 'm')),
    'infra': Background(
        ('Fysiek zwaar werk',),
        ('Bestraten', VCA, 'Grondwerk', 'Buiten werken', 'Gras maaien', 'Onkruid bestrijden', 'Tillen en dragen',
         'Certificaat veilig werken langs de weg'),
        ('Stratenmaker', 'Grondwerker', 'Bouwplaatsmedewerker', 'Medewerker groenvoorziening'),
        (32, 36, 38, 40), ('ma',)),
}

#: how the caseload of each region spreads over the backgrounds (weights)
REGION_BACKGROUNDS = {
    'vechtdal': {'logistics': 15, 'food': 17, 'green': 14, 'care': 17, 'hospitality': 11, 'cleaning': 6,
                 'laundry': 7, 'technical': 6, 'transport': 4, 'retail': 3},
    'drechtsteden': {'logistics': 20, 'cleaning': 16, 'retail': 12, 'childcare': 9, 'infra': 9, 'metal': 12,
                     'technical': 4, 'transport': 4, 'hospitality': 6, 'care': 4, 'green': 4},
}

#: skills anyone may have, whatever the work they come from
GENERAL_SKILLS = ('Samenwerken', 'Betrouwbaarheid', 'Op tijd komen', 'Instructies opvolgen', 'Nauwkeurigheid',
                  'Flexibiliteit', 'Zelfstandig werken', 'Klantvriendelijkheid', 'Tillen en dragen', 'Leergierigheid',
                  'Basisvaardigheden computer', 'Werken met een smartphone-app')
#: languages besides Dutch (ISO 639-1) and how often they come up
OTHER_LANGUAGES = {'en': 10, 'ar': 5, 'tr': 5, 'pl': 4, 'ti': 2, 'uk': 3, 'de': 2, 'so': 1, 'ro': 1}

FIRST_NAMES = (
    'Anouk', 'Bas', 'Chantal', 'Daan', 'Esther', 'Fleur', 'Gerrit', 'Hanna', 'Ilse', 'Jeroen', 'Kim', 'Lars',
    'Marieke', 'Niels', 'Olga', 'Pieter', 'Roos', 'Sander', 'Tamara', 'Ugur', 'Vera', 'Wim', 'Yvonne', 'Zeynep',
    'Ahmed', 'Bilal', 'Dana', 'Emre', 'Fatma', 'Gabriel', 'Hamid', 'Iris', 'Joyce', 'Karim', 'Lotte', 'Mohammed',
    'Nadia', 'Omar', 'Patrick', 'Rachid', 'Samira', 'Thijs', 'Yusuf', 'Agnieszka', 'Marek', 'Oksana', 'Dmytro',
    'Senait', 'Yonas', 'Amal', 'Hiba', 'Sofia', 'Mila', 'Ruben', 'Jasper', 'Ricardo', 'Shanti', 'Priya', 'Jan',
    'Henk', 'Anja', 'Ingrid', 'Kevin', 'Melissa', 'Naomi', 'Dewi', 'Lisa', 'Rik', 'Tom', 'Sem', 'Lina', 'Saskia',
    'Marco', 'Bart', 'Femke', 'Hatice', 'Mustafa', 'Khadija', 'Aylin', 'Tarik', 'Natasja', 'Dennis', 'Sharon',
    'Jolanda', 'Wouter', 'Nina', 'Youssef', 'Ewa', 'Tomasz', 'Mariam',
)
#: what a surname is shared as on introduction: an initial, as staff agree it with the job seeker
INITIALS = 'ABDEGHJKLMNPRSTVWZ'

NOTES = (
    'Wil graag dicht bij huis werken; heeft geen auto.',
    'Zoekt werk in de ochtend, omdat de kinderen \'s middags thuis zijn.',
    'Was eerder seizoenskracht; wil nu een vaste plek.',
    'Volgt op dinsdagochtend een taalcursus Nederlands.',
    'Wil doorleren via een BBL-traject.',
    'Werkritme opbouwen; een proefplaatsing past goed.',
    'Haalt binnenkort het rijbewijs B.',
    'Werkt het liefst buiten en met de handen.',
    'Heeft een startkwalificatie; wil graag in de techniek.',
    'Kan goed met mensen omgaan; denkt aan de zorg.',
    'Wil niet in het weekend werken vanwege mantelzorg.',
    'Heeft ervaring als vrijwilliger in het buurthuis.',
)

MOTIVATIONS = (
    'Heeft ervaring in dit soort werk en kan werken op de tijden die u vraagt.',
    'Beheerst de belangrijkste vaardigheden voor deze functie en wil graag snel beginnen.',
    'Gemotiveerd om hier te beginnen; een proefplaatsing lijkt ons een goede start.',
    'Woont in de buurt, is betrouwbaar en wil zich in dit vak verder ontwikkelen.',
    'Past bij de uren en de werktijden; met begeleiding van een jobcoach een goede kandidaat.',
    'Werkte eerder in een vergelijkbare functie en zoekt nu een vaste plek.',
)
DECLINE_TEXTS = {
    'skills': 'We zoeken iemand die al zelfstandig op de heftruck kan werken.',
    'hours': 'We hebben vooral mensen nodig voor volle weken.',
    'location': 'De reistijd lijkt ons te lang zonder eigen vervoer.',
    'position_filled': 'De plek is intussen ingevuld via het uitzendbureau.',
    'no_capacity_to_guide': 'Deze maanden hebben we niemand vrij om een nieuwe collega te begeleiden.',
    'other': 'We stellen de werving een paar maanden uit.',
}
WITHDRAW_REASONS = (
    'De werkzoekende heeft zelf elders werk gevonden.',
    'Bij nader inzien passen de werktijden niet bij de zorgtaken thuis.',
    'De werkzoekende is een paar maanden niet beschikbaar.',
)
END_TEXTS = {
    'introduction_not_continued': 'Na de kennismaking besloten beide kanten niet verder te gaan.',
    'trial_not_continued': 'Het werktempo was na de proefplaatsing nog te laag; we zoeken samen verder.',
    'contract_not_extended': 'Het tijdelijke contract is niet verlengd door minder werk.',
    'dismissed': 'Het ging mis met op tijd komen; we zoeken een plek met meer begeleiding.',
    'resigned': 'Heeft zelf een baan dichter bij huis gevonden.',
    'candidate_withdrew': 'Heeft na de intake afgezien vanwege de reistijd.',
    'retained': 'Werkt na een jaar nog steeds met plezier bij deze werkgever.',
}
FOLLOW_UP_NOTES = (
    'Gaat goed; de werkgever is tevreden.',
    'Werkt inmiddels vier uur per week meer.',
    'De jobcoach bouwt de begeleiding af.',
    'Past goed in het team; contract wordt verlengd.',
)

#: the stories told by each region's proposals, oldest first: (kind, how many); see portal/core/demo_proposals.py
STORIES = {
    'vechtdal': [
        ('ended_retained', 6), ('hired_12m_due', 1), ('ended_not_extended', 1), ('hired_after_6m', 5),
        ('ended_dismissed', 2), ('ended_resigned', 1), ('ended_trial', 3), ('hired_after_3m', 4),
        ('hired_3m_due', 1), ('ended_withdrew', 1), ('ended_intro', 1), ('declined', 8), ('hired_new', 4),
        ('trial', 5), ('intake', 5), ('introduced', 5), ('withdrawn', 4), ('interested', 5), ('sent_late', 2),
        ('sent', 4), ('sent_demo_employer', 2), ('draft', 5),
    ],
    'drechtsteden': [
        ('ended_retained', 5), ('hired_12m_due', 1), ('hired_after_6m', 1), ('ended_dismissed', 1),
        ('ended_trial', 2), ('hired_after_3m', 2), ('ended_intro', 1), ('declined', 5), ('hired_new', 3),
        ('trial', 3), ('intake', 3), ('introduced', 3), ('withdrawn', 2), ('interested', 3), ('sent_late', 1),
        ('sent', 4), ('draft', 3),
    ],
}

#: stories sent in the current calendar year (portal/core/demo_year.py), so the monitoring page's 'this year so
#: far' shows every figure: hires still at work at each check, hires who left by the 3-month one (resigned for
#: other work, or back on benefits), next to the year's share of the stories above
YEAR_STORIES = {
    'vechtdal': [('year_employed', 5), ('year_resigned', 5), ('year_dismissed', 3), ('year_not_extended', 2)],
    'drechtsteden': [],
}

#: the demo employer a visitor signs in as (portal/core/demo_accounts.py): two proposals wait for its answer
DEMO_EMPLOYER_KVK = '99100001'

#: needs of the past (filled long ago) that the oldest stories were made for, so a hire can be a year old;
#: `age` is how many days ago each was submitted, as in demo_postings
PAST_NEEDS = [
    need('99100004', 'Productiemedewerkers nieuwe snijlijn', 'Medewerker vleesverwerking', 'filled', positions=6,
         hours=(32, 38), contract='permanent', skills=['Hygiënisch werken', 'Werken aan een productielijn'],
         wished=[HACCP], open_to='SCTLPA', days='mae', language='none', age=610),
    need('99100002', 'Groenploeg najaar', 'Medewerker groenvoorziening', 'filled', positions=4, hours=(32, 38),
         skills=['Buiten werken', 'Gras maaien'], wished=['Snoeien'], open_to='SCTLA', days='ma', language='a2',
         age=540),
    need('99100005', 'Helpenden nieuwe woongroep', 'Helpende zorg en welzijn', 'filled', positions=5,
         hours=(16, 28), contract='permanent', skills=['Persoonlijke verzorging', 'Empathie'], open_to='SCTLPA',
         days='maew', age=480),
    need('99100001', 'Orderpickers najaarspiek', 'Orderpicker', 'filled', positions=6, hours=(24, 38),
         skills=['Orderpicken'], wished=['Orderpicken met scanner'], open_to='SCTPA', days='mae', language='a2',
         age=420),
    need('99100006', 'Medewerkers keuken en afwas', 'Keukenhulp', 'filled', positions=3, hours=(12, 32),
         skills=['Hygiënisch werken'], wished=['Afwassen met vaatwasmachine'], open_to='SCTPA', days='maew',
         language='none', age=380),
    need('99100004', 'Inpakkers feestdagen', 'Inpakker', 'filled', positions=5, hours=(20, 38),
         skills=['Inpakken'], wished=['Hygiënisch werken'], open_to='SCTPA', days='mae', language='none', age=330),
    need('99100010', 'Orderpickers nieuw distributiecentrum', 'Orderpicker', 'filled', positions=8, hours=(24, 38),
         contract='agency', skills=['Orderpicken'], wished=['Voice picking'], open_to='SCTPA', days='mae',
         language='none', age=600),
    need('99100011', 'Schoonmakers kantoorpanden', 'Schoonmaker', 'filled', positions=5, hours=(12, 24),
         skills=['Schoonmaken volgens schoonmaakplan'], open_to='SCTPA', days='mae', language='none', age=520),
    need('99100012', 'Vakkenvullers avond', 'Vakkenvuller', 'filled', positions=4, hours=(12, 24),
         contract='on_call', skills=['Vakken vullen'], open_to='SCTPA', days='aew', language='none', age=450),
    need('99100014', 'Medewerkers groen en straat', 'Medewerker groenvoorziening', 'filled', positions=4,
         hours=(32, 38), skills=['Buiten werken', 'Fysiek zwaar werk'], open_to='SCTLA', days='ma', language='a2',
         age=390),
    need('99100013', 'Facilitaire medewerkers', 'Schoonmaker', 'filled', positions=3, hours=(12, 24),
         skills=['Schoonmaken volgens schoonmaakplan'], open_to='SCTPA', days='ma', age=340),
]
