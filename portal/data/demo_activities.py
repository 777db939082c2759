"""Demo data of issue 6 for `flask seed-demo`: the Vechtdalkamer's members from education and government, its
directory and pledges, activities of every kind in both demo regions with their dates and who comes, and the
buddy project's offers and pairings.

Everything is made up. KvK numbers 991001xx are kept for these organisations (the demand seeder keeps 991000xx).
Days are counted from today: -10 is ten days ago; a date that falls in a weekend moves to a weekday.
"""

from typing import Any

#: (kvk, name, kind, municipality CBS code, SBI section, SBI code, size class, postcode, owner email, owner name)
ORGANISATIONS = [
    ('99100101', 'Vechtdal College, mbo (demo)', 'education', 'GM0160', 'P', '8532', '250+', '7772 DJ',
     'onderwijs@demo.kansenkamer.nl', 'Ingrid Leerkracht'),
    ('99100102', 'Praktijkschool De Vechtstroom (demo)', 'education', 'GM0175', 'P', '8531', '50-249', '7731 KL',
     'praktijkschool@demo.kansenkamer.nl', 'Joost Stagebegeleider'),
    ('99100103', 'Werkplein Vechtdal (demo)', 'government', 'GM0160', 'O', '8411', '50-249', '7772 PR',
     'werkplein@demo.kansenkamer.nl', 'Karin Beleidsmaker'),
]

#: the region's network the seeder extends (the demand seeder made it) and who coordinates it
NETWORK = ('vechtdal', 'Vechtdalkamer')
COORDINATOR = 'coordinator@demo.kansenkamer.nl'
#: new members, with how many days ago they joined
NEW_MEMBERS = [('99100101', 150), ('99100102', 120), ('99100103', 150)]

#: kvk -> the member's entry in the directory (None: listed without a note)
DIRECTORY = {
    '99100001': 'Vraag naar de teamleider expeditie voor meeloopdagen in het magazijn, ook in de avondploeg.',
    '99100004': 'Voorzitter van de Vechtdalkamer. Wij leiden zelf op tot productiemedewerker.',
    '99100005': 'Trainingsgesprekken en meeloopdagen in de zorg; wij zoeken vooral helpenden.',
    '99100101': 'Mbo-opleidingen in logistiek, zorg en techniek, ook als leerwerktraject (BBL).',
    '99100103': 'Het werkgeversservicepunt van Hardenberg, Dalfsen en Ommen: voor loonkostensubsidie en jobcoaching.',
    '99100002': None,
}

#: kvk -> this year's pledge: meeloopdagen, workshops, company tours, practice interviews, buddy pairings, note
PLEDGES = {
    '99100001': (4, 1, 0, 0, 1, 'Vier meeloopdagen in het magazijn en een workshop veilig werken.'),
    '99100002': (4, 1, 0, 0, 1, None),
    '99100004': (2, 0, 2, 0, 1, 'Twee rondleidingen door de productie, voor groepen van de gemeente.'),
    '99100005': (2, 0, 0, 4, 2, 'Trainingsgesprekken met onze eigen recruiters.'),
    '99100101': (0, 2, 0, 4, 0, 'Workshops over leren en werken tegelijk.'),
    '99100103': (0, 2, 0, 0, 0, None),
}

#: an organisation of the region asks to join: (kvk, note, days ago)
JOIN_REQUEST = ('99100006', 'Wij willen graag meedenken over werk in de horeca en bieden meeloopdagen in de keuken.', 4)


def slot(day: int, at: str, hours: float, seats: int, register: int = 0, *, cancel: int = 0, approve: int = 0,
         decline: int = 0, no_show: int = 0, users: tuple[str, ...] = ()) -> dict[str, Any]:
    """One date: `register` job seekers (or the `users`) sign up in turn, beyond the seats on the waiting list.

    Dates to come: `cancel` of them cancel later (the first in line moves up); where the host approves,
    `approve` are let in and `decline` turned down. Past dates: everyone came but `no_show`.
    """
    return {'day': day, 'at': at, 'hours': hours, 'seats': seats, 'register': register, 'cancel': cancel,
            'approve': approve, 'decline': decline, 'no_show': no_show, 'users': users}


def activity(region: str, host: str, kind: str, title: str, description: str, dates: list[dict[str, Any]], *,
             state: str = 'published', audience: str = 'job_seekers', location: str | None = None,
             online_url: str | None = None, approval: bool = False, age: int = 30, network: str | None = None,
             agenda: str | None = None, minutes: str | None = None, cancel_reason: str | None = None
             ) -> dict[str, Any]:
    """One activity; `host` is a KvK number or the email of the staff member who organises it, `age` how many
    days ago it was first submitted (or published)."""
    return {'region': region, 'host': host, 'kind': kind, 'title': title, 'description': description,
            'dates': dates, 'state': state, 'audience': audience, 'location': location, 'online_url': online_url,
            'approval': approval, 'age': age, 'network': network, 'agenda': agenda, 'minutes': minutes,
            'cancel_reason': cancel_reason}


V_STAFF, V_AM = 'coordinator@demo.kansenkamer.nl', 'accountmanager@demo.kansenkamer.nl'
D_AM = 'accountmanager@drechtsteden.demo.kansenkamer.nl'
W1, W1B, W2, W5, W7 = ('werkgever@demo.kansenkamer.nl', 'collega@demo.kansenkamer.nl',
                       'werkgever2@demo.kansenkamer.nl', 'werkgever5@demo.kansenkamer.nl',
                       'werkgever7@demo.kansenkamer.nl')
EDU, GOV, PRS = 'onderwijs@demo.kansenkamer.nl', 'werkplein@demo.kansenkamer.nl', 'praktijkschool@demo.kansenkamer.nl'
W9, W11, W13 = ('werkgever9@drechtsteden.demo.kansenkamer.nl', 'werkgever11@drechtsteden.demo.kansenkamer.nl',
                'werkgever13@drechtsteden.demo.kansenkamer.nl')

ACTIVITIES = [
    # Vechtdal ------------------------------------------------------------------------------------------
    activity('vechtdal', '99100001', 'job_shadowing', 'Meeloopdag orderpicken',
             'Loop een dag mee in ons magazijn in Hardenberg: orderpicken met de scanner, laden en lossen. '
             'Veiligheidsschoenen krijg je van ons. Geen ervaring nodig.',
             [slot(-24, '08:00', 6, 3, 3), slot(-10, '08:00', 6, 3, 3, no_show=1),
              slot(4, '08:00', 6, 3, 6, cancel=1), slot(9, '08:00', 6, 3, 2), slot(15, '13:00', 6, 3, 2),
              slot(22, '08:00', 6, 3, 1), slot(29, '08:00', 6, 3), slot(36, '13:00', 6, 3)],
             location='Kanaalzicht Logistiek, Kanaalweg 12, Hardenberg', age=45),
    activity('vechtdal', '99100004', 'company_tour', 'Rondleiding door de vleesverwerking',
             'Een rondleiding van anderhalf uur langs de productielijnen, de koelcellen en de expeditie, '
             'met koffie en tijd voor vragen. Hygiënekleding ligt klaar.',
             [slot(-17, '10:00', 1.5, 12, 9, no_show=2), slot(11, '10:00', 1.5, 12, 10)],
             location='Vechtdal Vleeswaren, Industrieweg 40, Hardenberg', age=40),
    activity('vechtdal', '99100005', 'practice_interview', 'Trainingsgesprek in de zorg',
             'Oefen een sollicitatiegesprek met een van onze recruiters. Je krijgt direct na afloop terugkoppeling, '
             'en je accountmanager krijgt het ingevulde competentieformulier. Wij kijken eerst of het past.',
             [slot(-12, '14:00', 3, 4, 4), slot(7, '14:00', 3, 4, 5, approve=2, decline=1),
              slot(21, '14:00', 3, 4, 2)],
             location='Zorggroep De Vecht, Hoofdstraat 5, Ommen', approval=True, age=35),
    activity('vechtdal', '99100002', 'workshop', 'Workshop werken in het groen',
             'Een ochtend buiten: snoeien, maaien en veilig werken met gereedschap, onder begeleiding van onze '
             'voorman. Werkkleding wordt geregeld.',
             [slot(-19, '09:00', 3, 8, 7, no_show=1)], location='Ommer Groenwerk, Stationsweg 3, Ommen', age=40),
    activity('vechtdal', '99100101', 'open_day', 'Open dag leren en werken',
             'Voor werkgevers en medewerkers van het Werkplein: maak kennis met leerwerktrajecten (BBL) in logistiek, '
             'zorg en techniek, en met de docenten die uw nieuwe collega begeleiden.',
             [slot(18, '15:00', 3, 25, users=(W1, W1B, W5, V_AM, GOV))], audience='signed_in',
             location='Vechtdal College, Parkweg 2, Hardenberg', age=20),
    activity('vechtdal', V_STAFF, 'workshop', 'Workshop: zo begeleid je een nieuwe collega met afstand tot werk',
             'Voor werkgevers en leidinggevenden: wat vraagt een goede start, hoe werkt een jobcoach, en wat regelt '
             'de gemeente voor je. Met ervaringen van twee Vechtdalse bedrijven.',
             [slot(13, '15:30', 2, 20, 5, users=(W1, W1B, W5, W7, GOV))], audience='employers',
             location='Werkplein Vechtdal, Stationsplein 1, Hardenberg', age=14),
    activity('vechtdal', V_STAFF, 'workshop', 'Inspiratiesessie inclusief werkgeverschap',
             'Een online sessie van een uur over de banenafspraak, loonkostensubsidie en proefplaatsingen, '
             'met vragen van werkgevers uit de regio.',
             [slot(-26, '12:00', 1, 30, 5, no_show=1, users=(W1, W2, W5, W7, EDU))], audience='employers',
             online_url='https://meet.demo.kansenkamer.nl/inspiratiesessie', age=45),
    activity('vechtdal', '99100007', 'job_shadowing', 'Meeloopdag installatietechniek',
             'Ga een dag mee met een van onze monteurs op klus, van cv-ketel tot zonnepanelen.',
             [slot(8, '07:30', 8, 2, 3), slot(16, '07:30', 8, 2, 1)], state='cancelled',
             location='Installatietechniek Hardenberg, Energieweg 8, Hardenberg', age=25,
             cancel_reason='Door een grote storingsklus hebben onze monteurs deze weken geen ruimte. Wij plannen '
                           'nieuwe data in het voorjaar.'),
    activity('vechtdal', '99100008', 'job_shadowing', 'Meeloopdag in de wasserij',
             'Meedraaien in de strijkerij en de expeditie van onze wasserij in Ommen.',
             [slot(20, '08:30', 5, 2), slot(27, '08:30', 5, 2)], state='pending',
             location='Wasserij Het Vechtdal, Zuidelijke Industrieweg 9, Ommen', age=3),
    activity('vechtdal', '99100006', 'company_tour', 'Kijkje in de keuken',
             'Een rondleiding door onze keuken en het restaurant, met een proeverij.',
             [slot(33, '10:00', 2, 8)], state='draft', location='Hotel-Restaurant De Vechtoever, Dalfsen'),
    # the Vechtdalkamer meets: two past meetings with their minutes, two to come
    activity('vechtdal', '99100004', 'network_meeting', 'Vechtdalkamer: de arbeidsmarkt van 2030',
             'Wat vragen automatisering en vergrijzing van onze bedrijven, en wat kunnen onderwijs en gemeente doen?',
             [slot(-58, '16:00', 2, 40, 6, users=(W1, W2, W5, EDU, GOV, V_STAFF))], audience='network',
             network='Vechtdalkamer', location='Vechtdal Vleeswaren, Industrieweg 40, Hardenberg', age=75,
             agenda='1. Opening door de voorzitter\n2. Cijfers: vraag en aanbod in het Vechtdal\n'
                    '3. Rondetafel: welke functies veranderen?\n4. Afspraken en rondvraag',
             minutes='Twaalf leden aanwezig. Logistiek en zorg verwachten de grootste tekorten. Het Vechtdal College '
                     'onderzoekt een BBL-route orderpicker. Afgesproken: elk lid zegt voor dit jaar vier '
                     'meeloopdagen toe.'),
    activity('vechtdal', '99100004', 'network_meeting', 'Vechtdalkamer: leren en werken tegelijk',
             'Hoe maken we van een meeloopdag een leerwerktraject? Met een bezoek aan de werkplaats van het '
             'Vechtdal College.',
             [slot(-23, '16:00', 2, 40, 5, no_show=1, users=(W1, W5, W7, GOV, PRS))], audience='network',
             network='Vechtdalkamer', location='Vechtdal College, Parkweg 2, Hardenberg', age=40,
             agenda='1. Opening\n2. Rondgang werkplaats techniek\n3. Hoe werkt BBL voor werkgevers?\n4. Rondvraag',
             minutes='Negen leden aanwezig. Drie bedrijven willen een BBL-plek aanbieden; het Werkplein regelt de '
                     'begeleiding. Volgende keer: de eerste ervaringen met de buddy-gesprekken.'),
    activity('vechtdal', '99100004', 'network_meeting', 'Vechtdalkamer: ervaringen met de buddy-gesprekken',
             'Ondernemers vertellen over hun gesprekken met werkzoekenden. Wat werkte, wat kan beter?',
             [slot(10, '16:00', 2, 40, 4, users=(W2, W1, W5, EDU))], audience='network', network='Vechtdalkamer',
             location='Ommer Groenwerk, Stationsweg 3, Ommen', age=12,
             agenda='1. Opening door de voorzitter\n2. Drie buddy\'s vertellen\n3. Gesprek in groepjes\n'
                    '4. Toezeggingen voor volgend jaar'),
    activity('vechtdal', '99100004', 'network_meeting', 'Vechtdalkamer: jaarafsluiting en toezeggingen',
             'We kijken terug op het jaar en spreken de toezeggingen voor volgend jaar af.',
             [slot(45, '16:30', 2.5, 50, 2, users=(GOV, W7))], audience='network', network='Vechtdalkamer',
             location='Hotel-Restaurant De Vechtoever, Dalfsen', age=6,
             agenda='1. Terugblik: wat deden we samen?\n2. Toezeggingen per lid\n3. Borrel'),
    # Drechtsteden --------------------------------------------------------------------------------------
    activity('drechtsteden', '99100009', 'job_shadowing', 'Meeloopdag op de scheepswerf',
             'Loop een dag mee met onze lassers en monteurs in de bouwhal. Een VCA-diploma is niet nodig voor '
             'deze dag.', [slot(6, '07:30', 7, 2, 2), slot(20, '07:30', 7, 2, 1)],
             location='Scheepswerf Drechtoever, Werfkade 1, Sliedrecht', age=30),
    activity('drechtsteden', '99100010', 'company_tour', 'Rondleiding distributiecentrum',
             'Zie hoe een bestelling van de vrachtwagen tot de winkel gaat, met uitleg over de functies in het '
             'magazijn.', [slot(-9, '13:00', 2, 10, 8, no_show=1), slot(12, '13:00', 2, 10, 9)],
             location='Drechtse Distributie, Havenweg 30, Zwijndrecht', age=30),
    activity('drechtsteden', '99100012', 'practice_interview', 'Trainingsgesprek in de supermarkt',
             'Een oefengesprek voor een baan als vakkenvuller of kassamedewerker, met tips van onze bedrijfsleider.',
             [slot(-15, '10:00', 2, 3, 3), slot(14, '10:00', 2, 3, 2)],
             location='Buurtsupermarkt Papendrecht, Markt 4, Papendrecht', age=35),
    activity('drechtsteden', '99100013', 'open_day', 'Open dag kinderopvang',
             'Kom kijken hoe een dag op de groep verloopt en hoor hoe je met een leerwerktraject '
             'pedagogisch medewerker wordt.', [slot(17, '09:30', 3, 15, 4)],
             location='Kinderopvang De Kleine Kapitein, Kapiteinslaan 2, Hendrik-Ido-Ambacht', age=21),
    activity('drechtsteden', D_AM, 'workshop', 'Workshop: je cv in één middag',
             'Samen met een accountmanager maak je een cv dat laat zien wat je kunt, ook als je weinig '
             'werkervaring hebt.', [slot(5, '13:30', 3, 12, 11)], location='Werkplein Drechtsteden, Dordrecht',
             age=10),
    activity('drechtsteden', '99100010', 'network_meeting', 'Drechtsteden Werkt: techniek in de regio',
             'Scheepsbouw, installatie en logistiek: samen kijken we naar de vraag van de komende jaren.',
             [slot(24, '16:00', 2, 30, 2, users=(W9, W11))], audience='network', network='Drechtsteden Werkt',
             location='Drechtse Distributie, Havenweg 30, Zwijndrecht', age=9,
             agenda='1. Opening\n2. Vraag naar technici in de Drechtsteden\n3. Rondvraag'),
]

CANCEL_REASONS = ['Heeft die dag een sollicitatiegesprek.', 'Is ziek gemeld.', 'Kan de reis niet regelen.']
DECLINE_REASONS = ['Wij zoeken voor deze datum iemand die al in de zorg heeft gewerkt; een volgende datum '
                   'past beter.']
#: the host's feedback on a job seeker who came (general form): how it went, strengths, points to work on
GENERAL_FEEDBACK = [
    ('Rustig begonnen, na de pauze echt meegedraaid.', 'Nauwkeurig en leergierig.', 'Meer vragen durven stellen.'),
    ('Goed op tijd en goed voorbereid.', 'Pakt dingen snel op.', 'Tempo opbouwen bij het orderpicken.'),
    ('Prettige dag, het team was enthousiast.', 'Vriendelijk en behulpzaam.', 'Werken met de scanner oefenen.'),
    ('Vond het werk zwaarder dan verwacht.', 'Eerlijk over wat wel en niet past.', 'Fysieke conditie.'),
]
#: the next step a host suggests on the general form (portal.models.buddies.NextStep)
FEEDBACK_NEXT_STEPS = ['apply', 'apply', 'training', 'job_shadowing', 'practice_interview', 'none']
#: the practice interview's points to work on
INTERVIEW_POINTS = ['Voorbeelden uit eerder werk noemen.', 'Vooraf meer over het bedrijf lezen.',
                    'Rustiger praten en de vraag afmaken laten.', 'Zelf vragen voorbereiden.']
RATING_COMMENTS = ['Nuttig, veel geleerd.', 'Goede sprekers en goed georganiseerd.', 'Mooi om andere ondernemers '
                   'te spreken.', None, 'Wat kort, graag een vervolg.']

#: buddy offers: (email, kvk, places, sectors, availability, note, paused)
BUDDY_OFFERS = [
    (W1, '99100001', 2, ['H'], 'Dinsdag- en donderdagmiddag', 'Ik vertel graag over werk in de logistiek.', False),
    (W2, '99100002', 1, ['A', 'N'], 'Maandagochtend, het liefst buiten op een project', None, False),
    ('werkgever4@demo.kansenkamer.nl', '99100004', 2, ['C'], 'Woensdag na twee uur',
     'Ik ben zelf via een leerwerkplek begonnen.', False),
    (W5, '99100005', 3, ['Q'], 'Elke vrijdagochtend', 'Voor iedereen die aan de zorg denkt.', False),
    (W7, '99100007', 1, ['F'], 'In overleg, liefst vroeg in de week', None, True),
    (W9, '99100009', 2, ['C', 'H'], 'Donderdag na de lunch', 'Ook voor mensen zonder technische opleiding.', False),
    ('werkgever12@drechtsteden.demo.kansenkamer.nl', '99100012', 1, ['G'], 'Maandag en dinsdag, overdag', None,
     False),
]


def pairing(email: str, state: str, paired: int, meeting: int, *, step: str | None = None, closed: int | None = None,
            stop_reason: str | None = None, feedback: int | None = None, identity: bool = False,
            place: str = 'Op het bedrijf, bij de receptie') -> dict[str, Any]:
    """One pairing: paired and meeting `paired` and `meeting` days from today, closed or stopped on `closed`;
    the buddy met and gave feedback with a next `step` (`feedback` days from today, the day after the meeting)."""
    return {'email': email, 'state': state, 'paired': paired, 'meeting': meeting, 'step': step, 'closed': closed,
            'stop_reason': stop_reason, 'feedback': feedback, 'identity': identity, 'place': place}


PAIRINGS = [
    pairing(W1, 'planned', -3, 6, place='Kanaalzicht Logistiek, kantine op de eerste verdieping'),
    pairing(W5, 'planned', -6, 3, identity=True, place='Zorggroep De Vecht, Hoofdstraat 5, Ommen'),
    pairing('werkgever4@demo.kansenkamer.nl', 'met', -20, -5),
    pairing(W5, 'met', -30, -12, step='job_shadowing', feedback=-11),
    pairing(W2, 'closed', -75, -58, step='workshop', closed=-45),
    pairing('werkgever4@demo.kansenkamer.nl', 'closed', -110, -96, step='apply', closed=-80),
    pairing(W5, 'closed', -60, -47, step='practice_interview', closed=-35),
    pairing(W7, 'stopped', -40, -26, closed=-30,
            stop_reason='De werkzoekende is begonnen aan een opleiding en heeft nu geen tijd voor het gesprek.'),
    pairing(W9, 'planned', -2, 9, place='Scheepswerf Drechtoever, portiersloge'),
    pairing(W9, 'closed', -90, -75, step='training', closed=-60),
    pairing('werkgever12@drechtsteden.demo.kansenkamer.nl', 'stopped', -50, -40, closed=-42,
            stop_reason='De afspraak is twee keer niet doorgegaan; we zoeken eerst een andere vorm.'),
    pairing('werkgever12@drechtsteden.demo.kansenkamer.nl', 'met', -25, -9, step='none', feedback=-8),
]

#: the buddy's feedback: (what went well, what to work on, a note on the next step)
BUDDY_FEEDBACK = [
    ('Open en nieuwsgierig, stelde goede vragen over het werk.', 'Een duidelijker beeld van de eigen '
     'werktijden en reistijd.', 'Een meeloopdag zou een goede volgende stap zijn.'),
    ('Vertelde enthousiast over eerder vrijwilligerswerk.', 'Zelfvertrouwen in een gesprek met een werkgever.',
     None),
    ('Weet goed wat wel en niet past.', 'Het cv bijwerken met recente ervaring.', 'Past goed bij een '
     'vacature als productiemedewerker.'),
]
