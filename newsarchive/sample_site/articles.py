"""Article data of the sample site: The Harbour Gazette, a fictional paper in Port Alder.

Everything here is fiction written for this project. ``build.py`` renders it into
``site/``; ``newsarchive.sample_site`` reads it to tell tests what a crawl should find.

Bodies are plain text: paragraphs separated by blank lines, a line starting with
``## `` is a subheading. Dates carry the town's offset (+02:00 until the clocks go
back on 25 October 2026, +01:00 after).
"""

from __future__ import annotations

SITE_NAME = "The Harbour Gazette"
TOWN = "Port Alder"

SECTIONS = {
    "politics": "Politics",
    "business": "Business",
    "sport": "Sport",
    "culture": "Culture",
    "science": "Science",
}

AUTHORS = {
    "jane-doe": ("Jane Doe", "Political editor, covering the town hall and the county."),
    "tom-okafor": ("Tom Okafor", "Local government reporter."),
    "maya-lindqvist": (
        "Maya Lindqvist",
        "Business editor, covering the port and the high street.",
    ),
    "samuel-adeyemi": ("Samuel Adeyemi", "Business reporter."),
    "rhys-pembroke": (
        "Rhys Pembroke",
        "Chief sports writer, following Alder Athletic home and away.",
    ),
    "owen-marsh": ("Owen Marsh", "Sports reporter covering rowing, swimming and club sport."),
    "aisha-karim": ("Aisha Karim", "Arts and culture correspondent."),
    "freya-holm": ("Freya Holm", "Theatre critic and heritage reporter."),
    "priya-nair": ("Priya Nair", "Environment and science correspondent."),
    "daniel-ferreira": ("Daniel Ferreira", "Science reporter."),
    "hannah-vogel": ("Hannah Vogel", "Correspondent in our twin town of Brennwald."),
    "claire-dubois": ("Claire Dubois", "Correspondent in our twin town of Port-Vallier."),
}

# Reader comments shown under articles; they must never be taken for article text.
COMMENTS = [
    ("Gull_Watcher", "Been saying this for years. Nobody at the town hall ever listens."),
    ("Marina B.", "Lovely to read some good news for a change. Well done all involved!"),
    ("oldsalt62", "Who is going to pay for all this in the end? We are, as usual."),
    ("KelpieFan", "My grandad worked down there for forty years and would have loved this."),
    ("R. Tanaka", "Does anyone know whether there will be a public meeting about it?"),
    ("quayside_resident", "Parking is already impossible on my street. Please think of us."),
    ("Bev from Eastcliff", "Great photos in the print edition this week, by the way."),
    ("FerryCommuter", "Fix the timetable first, then we can talk about the rest."),
    ("LighthouseLou", "Brilliant. Booking tickets for the whole family tonight."),
    ("M. Castellano", "A balanced piece, thank you. More reporting like this please."),
    ("not_a_bot_honest", "Typical. Announce it now, cancel it quietly next spring."),
    ("Greta H.", "Proud of our town today. Thanks to the Gazette for covering it."),
]

ARTICLES: list[dict] = [
    {
        "slug": "harbour-council-approves-ferry-budget",
        "section": "politics",
        "published": "2026-10-22T08:15:00+02:00",
        "modified": "2026-10-22T11:40:00+02:00",
        "authors": ["jane-doe", "tom-okafor"],
        "tags": ["ferry", "council", "transport"],
        "title": "Harbour council approves ferry budget after late-night vote",
        "summary": (
            "Councillors backed a three-year funding deal for the Eastcliff ferry, "
            "ending months of uncertainty for commuters."
        ),
        "body": """
Port Alder's harbour council has approved a three-year budget for the Eastcliff ferry, ending months of uncertainty over the future of the town's busiest crossing. The motion passed by eleven votes to seven shortly before midnight on Wednesday, after a debate that ran more than four hours over its scheduled time.

The deal commits 2.4 million to running costs and repairs between now and the end of 2029. It also sets aside money for a study into replacing the ageing diesel vessel, the Mary Calloway, which has been withdrawn from service three times this year because of engine faults.

## A long night in the chamber

Opposition councillors argued that the agreement leaves fares too high for regular passengers. Councillor Ruth Amadi, who leads the independent group, said the council had "rescued the ferry and forgotten the people who use it". Her amendment to cap season tickets at last year's price was defeated by a single vote.

The council leader, Graham Pellow, defended the package as the best available. "We were asked to choose between a ferry with a future and no ferry at all," he told the chamber. "Tonight we chose the ferry." He said a review of concessionary fares would come back to councillors in the spring.

Around sixty residents watched from the public gallery, many of them commuters who rely on the eight-minute crossing to reach jobs at the shipyard and the hospital. Several held placards reading "Keep Alder afloat".

## What happens next

The harbour master's office said timetables would not change before January. Work on the Mary Calloway's second engine is due to begin next month, during which a chartered boat will run a reduced service at peak times.

The study into an electric replacement is expected to report by next summer. Officials said any new vessel would need support from the regional transport fund, which has not yet said whether it will contribute.
""",
    },
    {
        "slug": "mayor-faces-questions-over-seafront-hotel-deal",
        "section": "politics",
        "published": "2026-10-26T09:30:00+01:00",
        "authors": ["jane-doe"],
        "tags": ["council", "planning"],
        "title": "Mayor faces questions over seafront hotel land deal",
        "summary": (
            "Opposition members want to know why a council-owned plot was sold "
            "without an open tender."
        ),
        "body": """
The mayor of Port Alder is facing calls to explain why a council-owned plot on the seafront was sold to a hotel developer without going to open tender. The sale of the former bus depot site on Marine Parade was agreed in August, but details only emerged last week when the council published its quarterly property report.

According to the report, the land was sold to Tidewater Leisure for 1.1 million. Two local estate agents told the Gazette they would have expected a plot of that size, with planning permission for a hotel, to fetch considerably more on the open market.

Councillor Ruth Amadi said she had written to the council's monitoring officer asking for a review of the decision. "This is public land. Residents are entitled to know that they got the best possible price for it, and right now nobody can tell them that," she said.

## The mayor's response

Mayor Colin Featherstone said the sale had followed the correct procedure and had been approved by officers with the proper delegated powers. He said an open tender would have delayed the project by at least a year and put at risk the two hundred jobs the hotel is expected to create.

"I understand why people want to ask questions, and I welcome them," he said. "But the alternative was a fenced-off car park on our best stretch of seafront for another decade." He said he would ask for the valuation report to be published, with commercially sensitive figures removed.

Tidewater Leisure said it had paid a price set by an independent valuer and had acted in good faith throughout. The company, which runs two hotels further along the coast, hopes to begin construction next spring.

The council's audit committee is expected to discuss the sale at its meeting on 18 November. Members of the public can submit written questions until a week before the meeting.
""",
    },
    {
        "slug": "residents-petition-for-night-bus-route",
        "section": "politics",
        "published": "2026-10-29T07:45:00+01:00",
        "authors": ["tom-okafor"],
        "tags": ["transport", "council"],
        "title": "Residents petition for night bus between harbour and hospital",
        "summary": "More than 3,000 people have signed a petition asking for a late service for shift workers.",
        "body": """
More than three thousand people have signed a petition calling for a night bus between Port Alder harbour and the county hospital, a route campaigners say would transform life for shift workers who now depend on expensive taxis.

The last bus from the hospital currently leaves at 22.10, well before the end of the late shift. Nurses, cleaners and porters who finish after that face a journey of almost five miles, much of it along an unlit coast road.

Dani Whitlock, a healthcare assistant who started the petition in the summer, said she had expected a few hundred signatures. "It turns out everyone knows someone who has walked home from the hospital at midnight because they could not afford a cab," she said. "That should not happen in a town like ours."

## Cost and demand

The petition will be presented at the full council meeting next month. Because it has passed the threshold of two thousand signatures, councillors are obliged to debate it.

Transport officers have previously estimated that an hourly service running until two in the morning would cost around 180,000 a year to operate. The county's bus operator said it would consider the route if the council or the hospital trust covered part of the cost during the first two years.

A spokesperson for the hospital trust said it was "keen to explore" the idea and already offered staff discounted parking and a cycle-to-work scheme. The trust employs about 2,600 people, a third of whom live within the harbour wards.

Councillor Peter Moss, the cabinet member for transport, said he was sympathetic but warned that money was tight. He said the council would look at whether a demand-responsive minibus, booked through an app, could be a cheaper way of meeting the same need.
""",
    },
    {
        "slug": "by-election-date-set-for-quayside-ward",
        "section": "politics",
        "published": "2026-11-02T10:00:00+01:00",
        "authors": ["jane-doe"],
        "tags": ["elections", "council"],
        "title": "By-election date set for Quayside ward",
        "summary": "Voters in Quayside will choose a new councillor on 3 December after a resignation.",
        "body": """
Voters in Port Alder's Quayside ward will go to the polls on Thursday 3 December to choose a new councillor, after the resignation of Margaret Ellery last month for health reasons.

Ms Ellery had represented the ward for fourteen years, first for the Harbour First group and later as an independent. In a statement she thanked residents for "the privilege of a lifetime" and said she hoped her successor would continue to push for affordable homes on the old timber yard site.

The returning officer confirmed that nominations close on 6 November. Polling stations will be open from seven in the morning until ten at night, and postal vote applications must be received by 17 November.

## A test for the council leadership

The contest is being watched closely at the town hall. The ruling coalition holds a majority of just two seats, and a loss in Quayside would leave council leader Graham Pellow relying on the casting vote of the chair in some committees.

Quayside is one of the most varied wards in the town, taking in the fish market, the new apartment blocks on Harbour Reach and the older terraced streets behind the railway. Turnout at the last election there was 31 per cent, below the town average.

Both main groups on the council are expected to field candidates, and at least one independent has said she will stand on a platform of opposition to the proposed seafront hotel. A candidate from the Green Coast party is also likely.

Local housing charity Anchor Homes said it planned to hold a hustings in the ward in late November and invited all candidates to take part. The Gazette will publish profiles of every candidate once nominations have closed.
""",
    },
    {
        "slug": "regional-government-unveils-coastal-defence-fund",
        "section": "politics",
        "published": "2026-11-05T13:20:00+01:00",
        "authors": [],
        "byline": "Staff and agencies",
        "tags": ["flooding", "environment"],
        "title": "Regional government unveils 40m coastal defence fund",
        "summary": "Towns along the coast can bid for money to repair sea walls and raise flood barriers.",
        "body": """
The regional government has announced a 40 million fund to help coastal towns repair sea walls, raise flood barriers and prepare for stronger winter storms, in a move welcomed by leaders in Port Alder.

Announcing the fund in the regional assembly on Thursday, the minister for infrastructure, Helen Okoye, said the coast had "borrowed time from the sea for too long". Councils will be able to bid for up to 5 million each, provided they contribute at least a fifth of the cost of any scheme from their own budgets.

The first round of bids opens in January, with decisions expected by the summer. Priority will go to schemes that protect homes, hospitals and transport links, the minister said, and to projects that combine hard defences with natural measures such as salt marsh restoration.

## Reaction on the coast

Port Alder council leader Graham Pellow said the town would bid for money to rebuild the Eastcliff sea wall, which was badly damaged in storms two winters ago. "This is exactly the kind of help we have been asking for," he said. "Our engineers have a scheme ready to go."

Environmental groups gave the announcement a cautious welcome. The Coastal Futures Trust said the sum was "a start" but far short of what would be needed over the coming decades, pointing to its own estimate that defences along the region's coastline require more than 300 million of investment.

Opposition members of the assembly said the fund was being created partly from money previously promised to rural bus services. The minister rejected that claim, saying the budget for transport had been protected.

Insurers have warned in recent years that some properties along the coast may become difficult to insure unless defences are improved. The region's chamber of commerce said the fund would give businesses in harbour towns greater confidence to invest.
""",
    },
    {
        "slug": "quayside-candidates-clash-at-hustings",
        "section": "politics",
        "published": "2026-11-09T21:05:00+01:00",
        "modified": "2026-11-10T08:30:00+01:00",
        "authors": ["jane-doe", "tom-okafor"],
        "tags": ["elections", "planning"],
        "title": "Quayside candidates clash over housing at first hustings",
        "summary": "Four candidates set out their plans for the ward in a packed church hall.",
        "body": """
The four candidates in the Quayside by-election clashed over housing, parking and the future of the old timber yard at a packed hustings in St Brendan's church hall on Monday evening.

More than a hundred residents squeezed into the hall, with others listening from the porch, to hear the candidates answer questions chosen from those submitted in advance. The meeting was chaired by the Reverend Alice Moyo, who twice had to remind the audience that applause was meant to be kept until the end.

## The timber yard

The sharpest exchanges came over the timber yard, a derelict site beside the railway that has been earmarked for housing for almost a decade. Sarah Quint, standing for the ruling coalition, said a developer was close to signing an agreement that would deliver 140 homes, a quarter of them affordable.

Independent candidate Lorna Fitch said a quarter was not enough. "Young families are leaving Quayside because they cannot afford to stay," she said. "If the council owns the land, the council should set the terms." Her answer drew the loudest cheer of the night.

The Harbour First candidate, Martin Oduya, said both approaches ignored the pressure that new homes would place on doctors' surgeries and the primary school, which is already full. He called for any development to include a health centre.

## Parking and the ferry

On parking, all four candidates agreed that the current residents' permit scheme was not working, though none offered a detailed alternative. Green Coast candidate Tamsin Rees said the answer lay in better public transport and a reliable ferry, and promised to campaign for lower fares for Quayside residents.

A second hustings, organised by the housing charity Anchor Homes, will take place on 24 November. Polling day is Thursday 3 December.
""",
    },
    {
        "slug": "council-tax-freeze-proposed-for-next-year",
        "section": "politics",
        "published": "2026-11-12T07:00:00+01:00",
        "authors": ["tom-okafor"],
        "tags": ["council", "budget"],
        "title": "Council tax freeze proposed for next year despite funding gap",
        "summary": "The council leader wants to hold bills level, but officers warn of a shortfall.",
        "body": """
Port Alder's council leader has proposed freezing council tax for the coming year, despite warnings from the council's own finance officers that the town faces a funding gap of almost 3 million by 2028.

Graham Pellow said households were still struggling with the cost of energy and food and that the council should "carry some of that weight" rather than pass it on. The proposal, which will be set out in the draft budget published this week, would be the first freeze in six years.

The council's finance director, Imogen Walsh, said in a report to councillors that a freeze was affordable next year only by using reserves. Continuing it beyond that would require further savings, she wrote, possibly including reduced opening hours at libraries and leisure centres.

## Savings under discussion

The draft budget includes plans to share back-office services with the neighbouring district council, which officers believe could save 600,000 a year. It also proposes moving the council's customer service centre out of the rented offices on Bridge Street and into the town hall.

Opposition councillor Ruth Amadi said a freeze in an election year was "a gift today paid for by cuts tomorrow". She called for a modest rise, ring-fenced for youth services and the night bus that residents have petitioned for.

Trade unions representing council staff said they would resist any plan that involved compulsory redundancies. The council said no job losses were proposed in the current draft.

The budget will be subject to a six-week public consultation, with residents able to respond online or at drop-in sessions at the library. A final decision will be made at the full council meeting in February.
""",
    },
    {
        "slug": "harbour-masterplan-embargoed-preview",
        "section": "politics",
        "private": True,
        "published": "2026-11-13T06:00:00+01:00",
        "authors": ["jane-doe"],
        "tags": ["planning", "harbour"],
        "title": "Preview: the harbour masterplan (embargoed draft)",
        "summary": "Embargoed preview of the twenty-year masterplan for the harbour, not for indexing.",
        "body": """
This is an embargoed preview prepared for subscribers ahead of the official publication of the Port Alder harbour masterplan. It must not be indexed or archived before the embargo lifts.

The draft plan sets out how the harbour could change over the next twenty years. It proposes moving the fish market to a new building on the north quay, freeing the current site for a public square, a covered market hall and around ninety homes above ground-floor shops.

The plan also suggests a new pedestrian bridge across the inner basin, linking the railway station to the Eastcliff ferry landing in a walk of under five minutes. Officers estimate the bridge alone would cost about 6 million and say it would be eligible for regional transport funding.

## Working harbour first

The authors of the plan stress that Port Alder must remain a working harbour. Berths for fishing boats and the shipyard's slipway would be protected, and the plan recommends against any new housing on the south quay, where noise from the yard would be a constant source of complaint.

Residents' groups have been promised a full public consultation once the plan is published. The harbour board will consider the final version next spring, after which individual projects would need their own planning permission.

Early reaction from the harbour's users has been mixed. Fish merchants told officers they welcomed a modern market but feared losing trade during a move, while shipyard managers asked for firm guarantees about access for heavy vehicles.

Until the embargo lifts, quotations from this preview must not be published. The full plan, with maps and costings, will be available on the council's website.
""",
    },
]

ARTICLES += [
    {
        "slug": "fish-market-reports-record-autumn-landings",
        "section": "business",
        "published": "2026-10-23T06:50:00+02:00",
        "authors": ["maya-lindqvist"],
        "tags": ["fishing", "harbour"],
        "title": "Fish market reports record autumn landings",
        "summary": "Mackerel and crab catches lifted the value of landings to the highest in a decade.",
        "body": """
Port Alder fish market has reported its best autumn in more than a decade, with the value of fish and shellfish landed at the harbour in September and October up by almost a fifth on last year.

Figures released by the market's operating company show that boats landed catches worth 3.8 million over the two months. Strong mackerel shoals close to the coast and a good season for brown crab accounted for most of the increase, according to the market's general manager, Duncan Reid.

"The boats have had the weather and they have had the fish, which does not happen every year," Mr Reid said. "Prices have held up well too, because buyers from the continent have been coming back to us after a difficult couple of years."

## Younger crews

The figures will encourage those who have worried about the future of the town's fishing fleet, which has shrunk from more than forty boats in the 1990s to nineteen today. Mr Reid said three of the vessels working out of the harbour this season were skippered by people under thirty, something he had not seen for a long time.

One of them, 27-year-old Kerry Doyle, bought her boat, the Morning Star, from a retiring skipper last year with help from a regional grant for new entrants. "It has been hard work, but this autumn has paid for a lot of early mornings," she said.

Not everyone shares the optimism. The Port Alder Fishermen's Association warned that fuel and insurance costs were rising faster than prices at the quay, and that a single poor season could still push smaller boats out of business.

The association has asked the harbour board to delay a planned increase in landing charges until the spring. The board is expected to decide at its next meeting.
""",
    },
    {
        "slug": "shipyard-wins-contract-for-electric-pilot-boats",
        "section": "business",
        "published": "2026-10-27T11:15:00+01:00",
        "authors": ["samuel-adeyemi", "maya-lindqvist"],
        "tags": ["shipyard", "jobs"],
        "title": "Shipyard wins contract to build electric pilot boats",
        "summary": "Alder Marine will build four battery-powered pilot vessels, securing 60 jobs.",
        "body": """
Port Alder's shipyard has won a contract to build four battery-powered pilot boats for a group of ports along the coast, securing around sixty jobs for at least two years and bringing apprentices back to the yard.

Alder Marine, which employs 240 people on the south quay, will start work on the first hull in January. The vessels, each just under seventeen metres long, will carry pilots out to ships waiting to enter port and will be able to run for a full shift on a single charge.

The value of the contract has not been disclosed, but people familiar with the tender said it was worth more than 12 million. Alder Marine beat competition from two larger yards overseas.

## A new direction

Managing director Fiona Carrick said the order showed that a small yard could compete for new kinds of work. "Ten years ago we were mainly repairing trawlers," she said. "Today we are building some of the cleanest workboats on this coast, and we are doing it with people who grew up within a mile of the slipway."

The yard will take on twelve apprentices next year, its largest intake since 2009. It is working with the further education college in the town to design a course in marine electrical systems, which Ms Carrick said was the skill in shortest supply.

The electric boats will be charged from shore connections at each port. Alder Marine said its design used batteries that could be replaced in stages, so that the vessels could stay in service for thirty years or more.

The contract is a boost for the town's economy after a difficult period. The yard cut forty jobs in 2023 when a ferry order was cancelled. The local business association said the news would be felt in cafes, suppliers and shops around the harbour.
""",
    },
    {
        "slug": "high-street-bakery-chain-to-open-third-shop",
        "section": "business",
        "published": "2026-10-30T12:00:00+01:00",
        "authors": ["samuel-adeyemi"],
        "tags": ["high-street", "jobs"],
        "title": "Family bakery to open third shop as high street vacancies fall",
        "summary": "Crumb and Anchor is taking over a former bank on Fore Street.",
        "body": """
A family-run bakery that started life as a market stall is to open its third shop in Port Alder, taking over a former bank building on Fore Street that has stood empty for more than two years.

Crumb and Anchor was founded in 2019 by brothers Luca and Marco Bellini, who sold sourdough and cinnamon buns from a table at the Saturday market. They opened their first shop near the station in 2021 and a second on Harbour Road last year.

The new branch will include a bakery kitchen visible from the street and seating for forty customers. It is expected to open in early December and will create fifteen jobs, bringing the business's total staff to just over forty.

## A better year for Fore Street

The opening is the latest sign of recovery on the town's main shopping street. According to the Port Alder Business Association, eleven empty units on Fore Street have been let in the past twelve months, and the vacancy rate has fallen from 18 per cent to 11 per cent.

Association chair Nadia Farouk said independent businesses were leading the way. "The big chains left, and for a while that felt like the end of the high street," she said. "What has happened instead is that local people have taken the space and done something more interesting with it."

Luca Bellini said the old banking hall had been too good to miss. "It has a beautiful ceiling and huge windows, and people in this town have walked past it all their lives," he said. "We wanted to give them a reason to come inside."

The brothers said they had kept the original vault door, which will stand open at the back of the shop. The council's heritage officer approved the plans in September.
""",
    },
    {
        "slug": "brennwalder-brauerei-exportiert-erstmals-nach-port-alder",
        "section": "business",
        "lang": "de",
        "published": "2026-11-03T09:10:00+01:00",
        "authors": ["hannah-vogel"],
        "tags": ["twin-towns", "harbour"],
        "title": "Brennwalder Brauerei liefert erstmals Bier nach Port Alder",
        "summary": (
            "Die Brauerei Kettner aus unserer Partnerstadt Brennwald schickt ihre erste "
            "Lieferung über den Hafen."
        ),
        "body": """
Die Brauerei Kettner aus Brennwald, der deutschen Partnerstadt von Port Alder, hat ihre erste Lieferung über die Nordsee geschickt. Zwei Container mit Fass- und Flaschenbier kamen am Montag im Hafen an und sollen in den kommenden Wochen in Gaststätten und Geschäften der Stadt verkauft werden.

Die Familienbrauerei besteht seit 1874 und beschäftigt heute rund sechzig Mitarbeiterinnen und Mitarbeiter. Bisher hat sie ihr Bier fast ausschließlich in der Region verkauft. Der Kontakt nach Port Alder entstand beim Partnerschaftsfest im vergangenen Sommer, als eine Delegation aus Brennwald den Hafen besuchte.

"Wir standen am Kai, haben ein Bier getrunken und gesagt: Warum eigentlich nicht?", erzählt Braumeisterin Sabine Kettner, die den Betrieb in fünfter Generation führt. "Ein Jahr später ist aus der Idee ein richtiges Geschäft geworden."

## Zoll und Papiere

Einfach war der Weg nicht. Seit den neuen Zollregeln müssen für jede Lieferung zahlreiche Formulare ausgefüllt werden, und die Etiketten mussten für den Export angepasst werden. Die Handelskammer in Brennwald hat die Brauerei dabei beraten.

In Port Alder übernimmt der Getränkehändler Harbour Cellars den Vertrieb. Inhaber Ian Moffat rechnet damit, dass vor allem das dunkle Winterbier gut ankommt. "Die Leute hier mögen kräftige Biere, wenn der Wind vom Meer kommt", sagt er.

Die Brauerei plant zunächst vier Lieferungen im Jahr. Wenn sich das Geschäft bewährt, könnte im nächsten Sommer auch ein helles Festbier dazukommen. Beim Weihnachtsmarkt am Hafen soll es außerdem einen Stand mit Spezialitäten aus Brennwald geben.

Für die Städtepartnerschaft, die im kommenden Jahr ihr dreißigjähriges Bestehen feiert, ist die Lieferung ein schönes Zeichen. Bürgermeister Colin Featherstone will das erste Fass beim Neujahrsempfang im Rathaus anstechen.
""",
    },
    {
        "slug": "port-authority-raises-berthing-fees",
        "section": "business",
        "published": "2026-11-06T08:20:00+01:00",
        "authors": ["maya-lindqvist"],
        "tags": ["harbour", "fishing"],
        "title": "Harbour board raises berthing fees by 9 per cent",
        "summary": "Boat owners say the increase will push small operators out of the harbour.",
        "body": """
The Port Alder harbour board has raised berthing fees for commercial and leisure vessels by 9 per cent from January, despite objections from fishermen and boat owners who say the increase will push small operators out of the harbour.

The board said the rise was needed to pay for dredging of the inner basin, which has silted up to the point where larger boats can only enter at high tide. Dredging is expected to cost around 1.5 million over three years, and the board's reserves have been depleted by repairs to the north quay wall.

Chief executive Alan Marchetti said the board had held fees level for two years and could no longer do so. "Nobody likes paying more," he said. "But a harbour that boats cannot get into is not worth paying for at all."

## Fishermen and sailors object

The Port Alder Fishermen's Association, which had asked for the increase to be delayed after a strong autumn season, said it was disappointed. Its secretary, Jim Pascoe, said some of the smaller inshore boats were already operating on very thin margins and could move to cheaper harbours along the coast.

Leisure sailors are also unhappy. The Alder Yacht Club said its members would pay more than 10 per cent extra once a new charge for winter storage ashore was taken into account. The club's commodore, Patricia Hale, said the board had consulted too late and had not explained how the money would be spent.

The board said it would publish a breakdown of the dredging costs and would offer a discount to vessels that pay their annual fees in advance. It also said it was applying for a regional grant that could reduce the amount to be raised from users.

The increase comes into force on 1 January.
""",
    },
    {
        "slug": "tech-startup-moves-into-old-customs-house",
        "section": "business",
        "published": "2026-11-10T10:30:00+01:00",
        "authors": ["samuel-adeyemi"],
        "tags": ["startups", "jobs"],
        "title": "Ocean-data startup moves into restored customs house",
        "summary": "Saltline Analytics will bring 35 jobs to a building empty for nearly twenty years.",
        "body": """
A company that uses underwater sensors to monitor harbours and offshore wind farms is moving into Port Alder's old customs house, bringing thirty-five jobs to a building that has stood largely empty since 2007.

Saltline Analytics was founded four years ago by two former university researchers and has grown quickly on the back of contracts with port operators and energy companies. It has outgrown its offices on an industrial estate outside the town and will occupy the top two floors of the customs house from the new year.

The grade-listed building on Custom House Quay was restored last year with money from a heritage grant and the council's regeneration fund. The ground floor will open as a cafe and a small exhibition space telling the story of the harbour's trade.

## Staying local

Co-founder Dr Esther Nwosu said the company had been approached by investors who wanted it to move to a larger city. "We said no, because the sea is here and so are the people who understand it," she said. "Our engineers can walk out of the door and test equipment in the harbour before lunch."

The company plans to recruit software developers, data scientists and technicians over the next eighteen months. It runs a paid summer placement for students at the town's college and said it would expand the scheme next year.

Council cabinet member for regeneration, Lydia Brandt, said the move showed that the restoration had been worth the investment. "For years this was the building everyone pointed to as a symbol of decline," she said. "Now it is going to be full of people building something new."

Saltline said its sensors were already in use in eleven ports in four countries. It hopes to test a new generation of low-power devices in Port Alder harbour next summer.
""",
    },
    {
        "slug": "energy-prices-weigh-on-harbour-businesses",
        "section": "business",
        "published": "2026-11-13T14:45:00+01:00",
        "authors": ["maya-lindqvist"],
        "byline": "Maya Lindqvist and agencies",
        "tags": ["energy", "harbour"],
        "title": "Energy prices weigh on harbour businesses as winter approaches",
        "summary": "Cold stores, boatyards and cafes say bills remain far above pre-crisis levels.",
        "body": """
Businesses around Port Alder harbour say energy bills remain far above the levels they paid before the price shock of recent years, even as wholesale prices have eased, and many are bracing for a difficult winter.

A survey by the regional chamber of commerce, published on Friday, found that two thirds of small firms on the coast were paying at least 50 per cent more for electricity than they did five years ago. Almost a quarter said they had cut opening hours or staff as a result.

The chamber said fixed-price contracts agreed when prices were at their peak were still working their way through the system. It called on the government to allow small businesses to leave such contracts early without heavy penalties.

## Cold stores hit hardest

Among the hardest hit in Port Alder are the cold stores and processing units that serve the fish market, which need to run refrigeration around the clock. Tom Hayward, who runs Quayside Seafoods, said electricity was now his second-largest cost after wages.

"We have put in new insulation and moved as much as we can to night-time tariffs," he said. "But you cannot switch off a freezer full of crab because the price went up."

Some businesses are turning to their own generation. Alder Marine, the shipyard, installed solar panels across the roof of its main shed this year and says they now provide around a fifth of its power. The harbour board is studying whether panels could be fitted to the fish market roof.

Energy suppliers said in a statement that they were offering flexible payment plans to businesses struggling with bills, and urged customers to get in touch early. Ministers said they would set out further support for small firms in the spring.
""",
    },
]

ARTICLES += [
    {
        "slug": "alder-athletic-snatch-late-win-at-rivals",
        "section": "sport",
        "published": "2026-10-24T19:40:00+02:00",
        "authors": ["rhys-pembroke"],
        "tags": ["football"],
        "title": "Alder Athletic snatch stoppage-time win at Kingsbridge",
        "summary": "Joel Mensah's header in the 94th minute settled a bruising derby.",
        "body": """
Joel Mensah rose highest in the fourth minute of stoppage time to give Alder Athletic a 2-1 win at Kingsbridge Town on Saturday, settling a bruising coastal derby and lifting the visitors into the top four of the league.

For long periods it looked as though Athletic would have to settle for a point. They had fallen behind midway through the first half when Kingsbridge striker Callum Rowe turned sharply in the box and shot low past Sam Whitaker, and they needed a fine save from the Athletic keeper early in the second half to stay in the game.

The equaliser came on the hour. Substitute Leo Marchant, on for the injured Danny Price, cut in from the left and curled a shot into the far corner from the edge of the area. It was his first goal since returning from a long knee injury, and he celebrated in front of the three hundred away supporters packed into the corner of the ground.

## The decisive moment

Both sides had chances to win it. Kingsbridge hit the post with eight minutes left, and Whitaker had to tip over a long-range effort in the final minute of normal time. Then, with the fourth official's board still held up, Athletic won a corner on the right.

Captain Aaron Gill swung it in, and Mensah, the centre-back who had spent most of the afternoon dealing with Rowe, met it with a firm header that went in off the underside of the bar. The home fans had already started to leave.

Athletic manager Stuart Kerr said he was proud of the way his team had kept going. "It was not pretty, and in the first half we were second best," he said. "But this group does not give up, and the lads who came off the bench changed the game."

The win takes Athletic to twenty-three points from thirteen matches. They host Redmoor Rovers next Saturday.
""",
    },
    {
        "slug": "rowing-club-crowned-regional-champions",
        "section": "sport",
        "published": "2026-10-25T18:30:00+01:00",
        "authors": ["owen-marsh"],
        "tags": ["rowing"],
        "title": "Port Alder Rowing Club crowned regional champions",
        "summary": "The club's coastal crews won five events at the championships on the estuary.",
        "body": """
Port Alder Rowing Club were crowned regional champions for the first time in twenty years on Sunday after winning five events at the coastal rowing championships on the Kell estuary.

Rough water and a strong southerly wind made for a testing day. Several races were delayed while marshals cleared debris from the course, and two crews from other clubs capsized in the swell near the turning buoy. The Port Alder crews, who train in the open water beyond the harbour wall, looked at home.

The club's women's quad set the tone in the morning, winning their final by more than thirty seconds. Stroke Ellie Broadbent said the conditions had played to their strengths. "We row in this every weekend from October to March," she said. "When other crews were fighting the waves, we just got on with it."

## Juniors lead the way

The men's veterans' four and the mixed double also won, but the most cheering results for the club came in the junior events, where under-sixteen and under-eighteen crews both took gold. Head coach Gareth Lloyd said the junior squad had doubled in size in two years, helped by a programme of taster sessions in local schools.

"We have got children coming to us who had never been in a boat, and now they are regional champions," he said. "That is what a club is for."

The championship title, decided on points across all events, was confirmed when the final race of the afternoon finished just before the light faded. Port Alder finished eleven points clear of Kingsbridge, who had won the title for the previous four years.

The club will now send six crews to the national coastal championships in the spring. It is raising money to replace its oldest boat, which is more than thirty years old.
""",
    },
    {
        "slug": "harbour-swim-draws-record-field",
        "section": "sport",
        "published": "2026-10-31T16:10:00+01:00",
        "authors": ["owen-marsh"],
        "tags": ["swimming"],
        "title": "Halloween harbour swim draws record field of 400",
        "summary": "Swimmers in fancy dress braved 13-degree water for the annual charity race.",
        "body": """
A record four hundred swimmers, many of them in fancy dress, plunged into Port Alder harbour on Saturday morning for the annual Halloween charity swim, raising an estimated 22,000 for the town's lifeboat station.

The water temperature was thirteen degrees, a little warmer than last year, but a brisk wind kept spectators on the quay wrapped in coats and scarves. Swimmers could choose between a 400-metre course inside the harbour and a 1.5-kilometre route that took them around the end of the north breakwater.

The longer race was won by Isla Fraser, a 19-year-old student who trains with the town's swimming club, in a time of twenty-one minutes and eight seconds. "I was freezing for the first five minutes, and then I forgot about it," she said. "The crowd on the breakwater was amazing."

## Skeletons and sea monsters

The best costume prize went to a group of nurses from the county hospital, who swam the short course dressed as a sea serpent, each wearing a section of a long green tail. Other swimmers came as skeletons, witches and, in one case, a lighthouse.

The event was started in 2011 by a group of friends who swam across the harbour for a bet. It has grown every year, and organisers had to close entries a week early this time because of safety limits on the number of people in the water.

Safety cover was provided by the lifeboat crew, the coastguard and volunteers in kayaks. Lifeboat operations manager Helen Tregarth said there had been no serious incidents, though a handful of swimmers on the long course were helped into boats after getting cold.

Organisers said the money raised would help pay for new drysuits for the lifeboat crew. Next year's swim will take place on Saturday 30 October.
""",
    },
    {
        "slug": "athletic-manager-signs-contract-extension",
        "section": "sport",
        "published": "2026-11-04T12:25:00+01:00",
        "authors": ["rhys-pembroke"],
        "tags": ["football"],
        "title": "Athletic manager Stuart Kerr signs new three-year deal",
        "summary": "The club's board rewards a strong start to the season with a contract extension.",
        "body": """
Alder Athletic manager Stuart Kerr has signed a new three-year contract, keeping him at the club until the summer of 2029 and ending speculation that he could be tempted away by a bigger club.

The 44-year-old took charge two and a half years ago with the club bottom of the league and crowds falling. He kept them up that season and led them to a mid-table finish last year. This season Athletic are in the play-off places after thirteen games, and average attendances at the Harbour Road ground are up by more than a third.

Club chairman Derek Holloway said the board had moved quickly after hearing that at least one club in a higher division had made inquiries. "Stuart has rebuilt this club from the dressing room up," he said. "We wanted him to know that we back him, and we wanted our supporters to know it too."

## Building for the future

Kerr said he had never seriously considered leaving. "I have got unfinished business here," he said. "We have a young squad, a good academy and a town that is falling back in love with its football club. Why would I want to be anywhere else?"

The manager has put a strong emphasis on young players, handing debuts to six academy graduates since his arrival. He said the next step was to improve training facilities, which are shared with the town's rugby club and are often waterlogged in winter.

The club confirmed that plans for a new all-weather pitch at the back of the ground had been submitted to the council. It hopes to raise part of the cost through a share offer to supporters early next year.

Kerr's assistant, Marta Silva, has also signed a new deal.
""",
    },
    {
        "slug": "les-regatiers-de-port-vallier-remportent-la-coupe-de-lamitie",
        "section": "sport",
        "lang": "fr",
        "published": "2026-11-07T17:30:00+01:00",
        "authors": ["claire-dubois"],
        "tags": ["sailing", "twin-towns"],
        "title": "Les régatiers de Port-Vallier remportent la coupe de l'Amitié",
        "summary": (
            "Les équipages de notre ville jumelle ont devancé Port Alder et Brennwald "
            "lors de la régate annuelle."
        ),
        "body": """
Les équipages du club nautique de Port-Vallier ont remporté samedi la coupe de l'Amitié, la régate annuelle qui réunit les trois villes jumelées de Port-Vallier, Port Alder et Brennwald. Une trentaine de voiliers ont pris le départ dans la baie, par un vent de nord-ouest soutenu.

Après trois manches disputées dans des conditions changeantes, les Français se sont imposés avec quatre points d'avance sur les marins de Port Alder. L'équipage de Brennwald, venu pour la première fois avec ses propres bateaux, a pris une honorable troisième place.

« La dernière manche a été très serrée, nous avons gagné la coupe dans le dernier bord », raconte le skipper Antoine Lefèvre, trente-deux ans, qui navigue dans la baie depuis son enfance. « Les Anglais connaissaient mieux les courants, mais nous avons choisi le bon côté du plan d'eau au bon moment. »

## Une fête autant qu'une course

Depuis sa création en 1998, la coupe de l'Amitié est autant une fête qu'une compétition. Les familles des régatiers ont été accueillies chez l'habitant, et la soirée s'est terminée par un dîner dans la salle des fêtes du port, où les trois maires ont échangé des cadeaux.

Le maire de Port-Vallier, Jean-Marc Rivière, a salué « une amitié qui tient bon, même quand la mer est agitée ». Son homologue de Port Alder, Colin Featherstone, a promis une revanche l'an prochain, lorsque la régate se tiendra dans la baie de Port Alder.

Les organisateurs souhaitent désormais ouvrir la compétition aux jeunes. Une catégorie réservée aux moins de dix-huit ans, sur des dériveurs, pourrait voir le jour dès la prochaine édition. Le club nautique de Port-Vallier propose déjà des stages d'initiation pendant les vacances scolaires, et plusieurs jeunes de Brennwald y ont participé cet été.

La coupe, un trophée en argent offert par les trois villes lors du premier jumelage, restera exposée à la capitainerie de Port-Vallier jusqu'à l'année prochaine.
""",
    },
    {
        "slug": "cricket-club-unveils-new-pavilion-plans",
        "section": "sport",
        "published": "2026-11-08T11:00:00+01:00",
        "authors": ["owen-marsh"],
        "tags": ["cricket"],
        "title": "Cricket club unveils plans for new pavilion on the Downs",
        "summary": "The 140-year-old club wants to replace its wooden clubhouse before it falls down.",
        "body": """
Port Alder Cricket Club has unveiled plans for a new pavilion at its ground on the Downs, replacing a wooden clubhouse that members admit is "held together by paint and optimism".

The current building dates from the 1950s and has been patched up many times since. Last winter a storm lifted part of the roof, and the changing rooms had to be closed for three weeks while repairs were made. The club said the building no longer met safety standards and could not be made accessible for disabled players and spectators.

The new design, by a local architect who played for the club's second eleven for many years, is a single-storey building of timber and glass with a veranda facing the pitch. It includes separate changing rooms for women and girls, a kitchen, a small gym and space for the club's collection of old scorebooks and photographs.

## Raising the money

The project is expected to cost around 850,000. The club has applied for a grant from the national sports body and is hoping to raise the rest through fundraising and a loan. Members have already pledged more than 60,000.

Club chair Anita Desai said the new pavilion would help the club grow. "We have had a women's team for three seasons now and they get changed in a corridor," she said. "That is not good enough, and it is not the club we want to be."

The club, founded in 1886, runs four senior teams and junior sections from under-nines to under-seventeens. It also hosts school matches and the annual charity game between the town's police and fire services.

The plans will be on display in the current pavilion every Sunday morning this month, and members of the public are invited to comment. A planning application is expected in January.
""",
    },
    {
        "slug": "youth-football-league-expands-to-girls-teams",
        "section": "sport",
        "published": "2026-11-11T08:00:00+01:00",
        "authors": ["rhys-pembroke", "owen-marsh"],
        "tags": ["football", "schools"],
        "title": "Youth football league adds girls' divisions after surge in players",
        "summary": "Eighteen new girls' teams have been registered in the town this season.",
        "body": """
Port Alder's youth football league is to create its first dedicated girls' divisions after a surge in the number of girls playing the game in the town.

Eighteen girls' teams have registered with clubs in and around the town this season, up from five just three years ago. Until now they have played in mixed leagues or travelled more than an hour for fixtures against other girls' sides.

From January there will be separate divisions at under-ten, under-twelve and under-fourteen levels, with matches on Saturday mornings at the council's pitches on the Downs. The league's secretary, Pauline Cheng, said the change had been requested by parents and coaches alike.

## Inspired by the national team

Coaches say the rise in numbers began after the success of the national women's team and has been kept going by work in local schools. Alder Athletic's community trust has run after-school sessions in eleven primary schools since last year, and many of the girls who took part have gone on to join clubs.

Lucy Adebayo, who coaches the under-twelves at Eastcliff Colts, said she had to start a waiting list in September. "We had thirty girls turn up to the first session and only enough coaches for twenty," she said. "It is a lovely problem to have, but we need more volunteers."

The league is offering free coaching courses to parents who want to help. It is also asking the council to improve the changing facilities at the Downs, which have only two changing rooms for eight pitches.

Alder Athletic said it would stage the first girls' cup final at its Harbour Road ground at the end of the season. Manager Stuart Kerr said the club's players would help present the medals.
""",
    },
]

ARTICLES += [
    {
        "slug": "lighthouse-film-festival-opens-with-local-premiere",
        "section": "culture",
        "published": "2026-10-22T18:00:00+02:00",
        "authors": ["aisha-karim"],
        "tags": ["festival", "film"],
        "title": "Lighthouse film festival opens with premiere shot in Port Alder",
        "summary": "The Keeper's Daughter, filmed on the north breakwater, opens a week of screenings.",
        "body": """
The Lighthouse Film Festival opens in Port Alder on Thursday night with the premiere of a feature film shot almost entirely in the town, and tickets for the opening screening sold out within an hour of going on sale.

The Keeper's Daughter tells the story of a young woman who returns to a fading harbour town to care for her father, the last keeper of a lighthouse that is about to be automated. It was filmed over six weeks last spring, with the north breakwater light, the fish market and several streets in the old town standing in for a fictional port.

Director Nadia Osei, who grew up in a coastal village further along the coast, said she had wanted to make a film about places that are usually seen only in the background. "People in towns like this are always being told that their best days are behind them," she said. "I wanted to make something that took their lives seriously."

## Local faces on screen

More than eighty residents appeared as extras, and several had speaking parts. Retired trawlerman Bill Rafferty, who plays a harbour master, said he had found the experience "terrifying and wonderful in equal measure". He will be in the audience on Thursday with his family.

This is the festival's twelfth year. It has grown from a weekend of screenings in the church hall into a week-long programme at the Regal cinema, the arts centre and a pop-up screen in the old net loft on the quay. This year's programme includes forty-two films from fourteen countries, with a strand devoted to films about the sea.

Festival director Owen Blackwood said audiences had grown every year. "We used to beg people to come," he said. "Now people come from all over the region, and they stay in our hotels and eat in our restaurants."

The festival runs until next Thursday. A free family screening will take place on the quay on Sunday afternoon, weather permitting.
""",
    },
    {
        "slug": "museum-restores-nineteenth-century-figurehead",
        "section": "culture",
        "published": "2026-10-28T10:45:00+01:00",
        "modified": "2026-10-29T09:00:00+01:00",
        "authors": ["freya-holm"],
        "tags": ["museum", "history"],
        "title": "Museum restores figurehead from 1860s trading ship",
        "summary": "The carved figure of a woman holding a lantern returns to display after two years of work.",
        "body": """
A carved ship's figurehead that once led a Port Alder trading vessel across the Atlantic has gone back on display at the town's maritime museum after a two-year restoration.

The figure, a woman holding a lantern in her raised right hand, was carved in the early 1860s for the barque Eliza Penhallow, which carried timber, grain and salt between Port Alder and North America for almost thirty years. When the ship was broken up in 1891, the figurehead was bought by a local innkeeper and fixed to the front of his pub, where it stood until the building was demolished in the 1960s.

By the time the museum acquired it, the wood was riddled with rot and had been painted over at least nine times. Conservator Ingrid Shaw, who led the restoration, said the work had been "like peeling back a century and a half of other people's ideas".

## Finding the original colours

Using microscopes and paint samples, the conservation team discovered that the figure had originally worn a deep blue dress with gold trim, not the red it had been painted for most of the twentieth century. Traces of gold leaf were found on the lantern, suggesting it was meant to catch the light at sea.

The team replaced rotten sections of the base with new oak and treated the rest of the wood to halt decay. Wherever possible they kept the original surface, filling in only where the carving had been lost.

Museum director Harriet Cole said the restoration had been paid for by a heritage grant and by donations from more than three hundred local people. "Many of them remember seeing her outside the old Lantern Inn as children," she said. "She belongs to the town."

The figurehead is now displayed in the museum's main gallery, alongside the ship's logbook and a model of the Eliza Penhallow made by a crew member in 1872.
""",
    },
    {
        "slug": "choir-marks-fifty-years-with-harbour-concert",
        "section": "culture",
        "published": "2026-11-01T20:15:00+01:00",
        "authors": ["aisha-karim"],
        "tags": ["music"],
        "title": "Port Alder Singers mark fifty years with harbour concert",
        "summary": "The choir's anniversary concert included a new piece written by a former member.",
        "body": """
The Port Alder Singers celebrated their fiftieth anniversary on Sunday with a concert in St Brendan's church that brought together current members, former singers and the choir's founding conductor, now 91.

The choir was founded in 1976 by Edith Maybury, then a music teacher at the grammar school, with twelve singers who met in her front room. It now has more than sixty members and has performed in cathedrals, on radio and, memorably, on the deck of a visiting tall ship.

Mrs Maybury, who conducted the choir for twenty-eight years, took the baton for one piece on Sunday, a setting of a traditional fishermen's prayer that she had arranged for the choir's very first concert. The audience rose to its feet before the last note had faded.

## A new piece for the town

The centrepiece of the evening was the premiere of Harbour Lights, a twenty-minute work for choir, strings and solo cello commissioned for the anniversary. It was written by composer Tobias Grant, who sang with the choir as a teenager before going on to study music.

The piece follows a single day in the harbour, from the boats leaving before dawn to the lights coming on along the quay at night. Grant said he had written it with the choir's voices in mind. "I know how this choir sounds, because I stood in the back row for four years," he said. "I wanted to give them something that only they could sing."

Current conductor Rachel Adu said the anniversary was a chance to look forward as well as back. The choir has set up a youth section and hopes to recruit more tenors and basses, which have been in short supply for several years.

The concert was recorded and will be broadcast on regional radio in December.
""",
    },
    {
        "slug": "brennwalder-theater-gastiert-mit-seemannsoper",
        "section": "culture",
        "lang": "de",
        "published": "2026-11-04T15:00:00+01:00",
        "authors": ["hannah-vogel"],
        "tags": ["twin-towns", "theatre"],
        "title": "Brennwalder Stadttheater gastiert mit Seemannsoper in Port Alder",
        "summary": (
            "Das Ensemble aus unserer Partnerstadt zeigt eine neue Kammeroper über "
            "einen Leuchtturmwärter."
        ),
        "body": """
Zum ersten Mal seit mehr als zehn Jahren gastiert das Stadttheater Brennwald wieder in Port Alder. Das Ensemble zeigt am kommenden Wochenende im Pier Theatre die Kammeroper "Das letzte Licht", die im Frühjahr in Brennwald uraufgeführt wurde und dort monatelang ausverkauft war.

Die Oper erzählt von einem alten Leuchtturmwärter, der in einer Sturmnacht allein auf seiner Insel ausharrt und sich an sein Leben erinnert. Die Musik stammt von der jungen Komponistin Lena Brückner, das Libretto schrieb der Brennwalder Autor Friedrich Haas. Gesungen wird auf Deutsch, englische Übertitel werden über der Bühne eingeblendet.

Intendant Markus Feld freut sich besonders auf das Publikum am Meer. "Bei uns in Brennwald ist der nächste Leuchtturm zweihundert Kilometer entfernt", sagt er. "In Port Alder sitzen Menschen im Saal, deren Großväter wirklich auf solchen Türmen gearbeitet haben. Das ist für das Ensemble eine besondere Aufgabe."

## Workshop für Schulen

Neben den beiden Vorstellungen bietet das Theater einen Workshop für Schülerinnen und Schüler an. Jugendliche aus Port Alder können einen Vormittag lang mit den Sängerinnen und Sängern arbeiten und lernen, wie ein Bühnenbild entsteht. Die Plätze waren nach wenigen Tagen vergeben.

Das Gastspiel wird vom Partnerschaftsverein beider Städte unterstützt. Dessen Vorsitzende Ursula Brandt sieht darin einen wichtigen Schritt. "Eine Partnerschaft lebt nicht von Empfängen im Rathaus, sondern davon, dass Menschen einander begegnen", sagt sie.

Für das kommende Jahr ist bereits ein Gegenbesuch geplant. Die Port Alder Singers sollen im Mai in der Brennwalder Stadtkirche auftreten, zum dreißigjährigen Jubiläum der Städtepartnerschaft.

Karten für "Das letzte Licht" gibt es an der Kasse des Pier Theatre und online.
""",
    },
    {
        "slug": "review-the-tide-keepers-at-the-pier-theatre",
        "section": "culture",
        "published": "2026-11-06T22:30:00+01:00",
        "authors": ["freya-holm"],
        "tags": ["theatre", "review"],
        "title": "Review: The Tide Keepers at the Pier Theatre",
        "summary": "A funny, tender new play about three sisters and the family boatyard.",
        "body": """
Three sisters, one boatyard and a will that nobody wants to read: the set-up of The Tide Keepers could belong to a dozen family dramas. What lifts this new play by local writer Kit Hollis, which opened at the Pier Theatre on Friday, is how funny it is, and how gently it turns the laughter into something sadder and truer.

The sisters have come home after their father's death to decide what to do with the yard where he built wooden boats for fifty years. Marion, the eldest, wants to sell it to a developer. Jess, who never left the town, wants to keep it going. Bel, the youngest, arrives late, from London, with a new boyfriend nobody has met and opinions about everything.

## Sharp writing, fine performances

Hollis has a wonderful ear for the way families talk, all interruptions, old jokes and arguments that stopped making sense decades ago. A scene in which the sisters try to agree on a hymn for the funeral is one of the funniest things I have seen on this stage in years.

The cast is excellent. Rosalind Ayre gives Marion a brittle dignity that slowly cracks, and Meg Tully is quietly devastating as Jess, the sister who stayed and was never thanked for it. Director Sam Holloway keeps the pace brisk and trusts the silences when they come.

The set, a timber shed with the half-finished hull of a boat at its centre, is beautiful, and the moment when the sisters finally launch that boat, in a wash of blue light, drew an audible gasp from the audience.

The second act sags a little as the plot works through a subplot about a missing deed, and one or two revelations feel more convenient than earned. But these are small complaints about a warm, clever and unmistakably local play.

The Tide Keepers runs until 21 November.
""",
    },
    {
        "slug": "library-launches-oral-history-project",
        "section": "culture",
        "published": "2026-11-09T09:20:00+01:00",
        "authors": ["aisha-karim", "freya-holm"],
        "tags": ["library", "history"],
        "title": "Library asks residents to record memories of the working harbour",
        "summary": "The Voices of the Quay project will collect two hundred interviews over a year.",
        "body": """
Port Alder library has launched a project to record the memories of people who lived and worked around the harbour, before, its organisers say, a generation of stories is lost for good.

Voices of the Quay aims to collect two hundred recorded interviews over the next twelve months, with fishermen, net makers, dockers, shipyard workers, fish market traders and their families. The recordings will be kept in the library's local history collection and many will be published online.

Project coordinator Amara Obi said the idea came from a series of talks at the library last winter, when older residents turned up with photographs and stories that nobody had written down. "One gentleman described unloading herring by hand in the 1950s, and the room went completely silent," she said. "We realised we had to start recording these things properly."

## Training volunteers

The library is recruiting volunteers to carry out the interviews and is offering training in recording, interviewing and the care of personal memories. Sixth-form students from the town's secondary school have already signed up, and the project hopes to pair young interviewers with older residents wherever possible.

The project has received a grant from a national heritage fund, which will pay for recording equipment, a part-time archivist and an exhibition at the end of the year. The maritime museum and the Port Alder Fishermen's Association are partners.

Ninety-year-old Dorothy Penrose, whose father and grandfather both worked as harbour pilots, was the first person to be interviewed last week. She said she had enjoyed it more than she expected. "Nobody has asked me about those days for a very long time," she said. "It was lovely to be listened to."

Anyone who would like to be interviewed, or to help, can contact the library.
""",
    },
    {
        "slug": "winter-lights-trail-to-return-to-the-promenade",
        "section": "culture",
        "published": "2026-11-12T12:40:00+01:00",
        "authors": ["freya-holm"],
        "tags": ["festival"],
        "title": "Winter lights trail to return to the promenade",
        "summary": "Fourteen installations will line the seafront from late November to early January.",
        "body": """
The winter lights trail that drew more than fifty thousand visitors to Port Alder's seafront last year is to return, with fourteen installations stretching from the pier to the lifeboat station.

The trail opens on 27 November and runs until 4 January. It is free to visit, and organisers said this year's installations would be bigger and more varied, with work by artists from the town, from elsewhere in the country and from the twin towns of Brennwald and Port-Vallier.

Highlights include a shoal of several hundred illuminated fish suspended beneath the pier, a giant glowing jellyfish that responds to the sound of the waves, and a projection onto the front of the old customs house showing archive film of the harbour in its busiest years.

## Lessons from last year

Last year's trail was a surprise success, and the crowds caused problems. Residents of the streets behind the promenade complained about parking, and on some evenings the pavements became so crowded that stewards had to close parts of the route.

This year the trail will be longer, to spread visitors out, and there will be a park-and-ride service from the retail park on the edge of town on Friday and Saturday evenings. Organisers have also hired more stewards and will ask visitors to follow a one-way route on the busiest nights.

Creative director Jonah Pike said the aim was to give people a reason to come to the seafront in the darkest weeks of the year. "The promenade is one of the most beautiful places in the town, and in winter it is empty by five o'clock," he said. "We want to fill it with light and people."

Cafes and restaurants along the seafront said last year's trail had been their best December in a decade.
""",
    },
]

ARTICLES += [
    {
        "slug": "seagrass-meadow-recovering-in-the-bay-survey-finds",
        "section": "science",
        "published": "2026-10-23T10:05:00+02:00",
        "authors": ["priya-nair"],
        "tags": ["environment", "marine"],
        "title": "Seagrass meadow in the bay is recovering, survey finds",
        "summary": "Divers mapped a meadow a third larger than in 2020, after moorings were redesigned.",
        "body": """
A seagrass meadow in Alder Bay that was once feared to be disappearing has grown by more than a third in six years, according to a survey carried out by volunteer divers and scientists from the regional university.

The meadow, which lies in shallow water off Eastcliff beach, now covers around 14 hectares. When it was last surveyed in 2020 it covered just over ten. Researchers say the recovery is largely due to new moorings installed for leisure boats, which float above the seabed instead of dragging heavy chains through the grass.

Seagrass provides shelter for young fish, seahorses and crabs, and stores large amounts of carbon in the sediment beneath it. It has declined sharply around much of the coast over the past century because of pollution, dredging and damage from anchors and moorings.

## Divers and drones

The survey combined underwater transects by divers with images taken from drones flying over the bay at low tide. Dr Matthew Quayle, a marine ecologist at the university who led the work, said the two methods together had given the most accurate map of the meadow ever made.

"From the air you can see the shape of the meadow, and underwater you can see how healthy it is," he said. "What we found was not just more seagrass but denser seagrass, with more life in it."

The divers recorded two species of pipefish and, for the first time in the bay, a short-snouted seahorse. Volunteer diver Carys Bevan said the sighting had been the highlight of her summer.

The harbour board, which paid for half of the new moorings, said it would replace the remaining traditional moorings in the bay over the next three years. Boat owners have been asked to avoid anchoring in a marked zone over the meadow.

The researchers plan to survey the bay again next summer.
""",
    },
    {
        "slug": "university-team-tracks-grey-seals-with-tags",
        "section": "science",
        "published": "2026-10-26T14:30:00+01:00",
        "authors": ["daniel-ferreira"],
        "tags": ["marine", "university", "wildlife"],
        "title": "Tagged grey seals reveal long journeys from Gannet Rocks",
        "summary": "One young seal swam more than 600 kilometres in a month, researchers say.",
        "body": """
Grey seals from the colony on Gannet Rocks, off Port Alder, travel far further than scientists had expected, with one young female swimming more than six hundred kilometres in a month, according to early results from a tracking study.

Researchers from the regional university fitted small satellite tags to twelve seals last spring. The tags, glued to the fur on the back of each seal's neck, fall off harmlessly when the animals moult. Each time a seal surfaces, its tag sends its position and information about its recent dives.

Most of the adults stayed within fifty kilometres of the colony, feeding on sandbanks to the north of the bay. But several of the younger animals made long journeys along the coast and out into open sea. The young female, nicknamed Pebble by the team, swam to an island group far to the north before turning back.

## Why it matters

Dr Sofia Lindahl, who leads the project, said the results showed that seals from Port Alder depended on a much larger area of sea than previously thought. "If we want to protect these animals, we cannot just think about the rocks where they breed," she said. "We need to think about the whole route they travel."

The findings could affect decisions about offshore wind farms planned for the region, some of which lie close to the routes the seals have taken. The researchers said they would share their data with planners and the companies involved.

The colony on Gannet Rocks is one of the largest on this part of the coast, with around four hundred pups born each autumn. Boat trips to see the seals are popular with visitors, and skippers have been asked to keep their distance during the pupping season, which is now under way.

The team plans to tag another group of seals next year.
""",
    },
    {
        "slug": "harbour-water-quality-improves-after-sewer-upgrade",
        "section": "science",
        "published": "2026-10-30T08:40:00+01:00",
        "authors": ["priya-nair"],
        "tags": ["environment"],
        "title": "Harbour water quality improves after sewer upgrade",
        "summary": "Sewage overflows fell by 70 per cent in the first full summer of the new storage tank.",
        "body": """
Water quality in Port Alder harbour and at the town's main beach has improved markedly since the completion of a large sewer upgrade, according to figures published by the regional water company and confirmed by independent testing.

The company built a storage tank beneath the car park at the end of Harbour Road, capable of holding six million litres of storm water that would previously have overflowed into the harbour during heavy rain. The tank came into use in the spring, and the number of overflows recorded this summer fell by seventy per cent compared with the average of the previous five years.

Samples taken at Eastcliff beach by the environment agency met the standard for excellent bathing water on all but two occasions this season. Last year the beach was rated only sufficient, and swimmers were warned against entering the water after rain on eleven days.

## Campaigners cautious

The local campaign group Clean Alder, which has tested water in the harbour every week for four years, said its own results showed the same improvement. Its founder, Rosa Kendrick, said it was a victory for residents who had refused to accept sewage in the sea as normal.

"For years we were told nothing could be done," she said. "Now we can see what happens when money is finally spent in the right place." But she warned that overflows still happened during the heaviest storms and called on the company to publish data for every outfall in real time.

The water company said it would publish live overflow alerts for the whole town from next year. It is also planning a second tank on the west side of the harbour, where older sewers still discharge during heavy rain.

Scientists at the regional university are studying whether cleaner water has led to changes in shellfish and seaweed in the harbour.
""",
    },
    {
        "slug": "astronomers-club-opens-dark-sky-observatory",
        "section": "science",
        "published": "2026-11-02T19:00:00+01:00",
        "authors": ["daniel-ferreira"],
        "tags": ["astronomy"],
        "title": "Astronomers open dark-sky observatory on Beacon Hill",
        "summary": "The volunteer-built observatory will hold free public nights once a month.",
        "body": """
Port Alder's amateur astronomy society has opened a small observatory on Beacon Hill, the culmination of eight years of fundraising and building by its members.

The observatory, a round building with a rotating dome, houses a telescope with a mirror forty centimetres across, donated by a retired physics lecturer. Beside it stands a warm room where visitors can watch images from the telescope on a screen and where members can process photographs on cold nights.

Beacon Hill was chosen because it is one of the darkest places within easy reach of the town. The society spent two years persuading the council to dim and shield the street lights on the approach road, work that has also been welcomed by residents who said the old lights shone into their bedrooms.

## Open to everyone

Society chair Moira Ferris said the aim was to give everyone in the town the chance to look through a serious telescope. "Most people have never seen the rings of Saturn with their own eyes," she said. "When they do, the reaction is always the same. They gasp, and then they want to look again."

The observatory will hold free public evenings on the first Friday of each month, weather permitting, and sessions for schools and youth groups. Members are also planning to use the telescope to measure the changing brightness of variable stars and share the results with professional astronomers.

The building was constructed almost entirely by volunteers, including a retired builder who laid the foundations and a group of students from the college who wired the dome's motor. It cost around 45,000, raised through grants, raffles and a crowdfunding appeal.

The first public evening will take place on Friday 4 December. Visitors are asked to bring warm clothes and a torch with a red light.
""",
    },
    {
        "slug": "storm-surge-model-predicts-higher-flood-risk",
        "section": "science",
        "published": "2026-11-05T07:30:00+01:00",
        "authors": ["priya-nair", "daniel-ferreira"],
        "tags": ["flooding", "environment", "university"],
        "title": "New storm surge model puts 900 more homes at risk of flooding",
        "summary": "A detailed model of the harbour suggests older maps underestimated the danger.",
        "body": """
Around nine hundred more homes in Port Alder could be at risk of flooding from the sea than official maps suggest, according to a detailed new model of storm surges in the harbour developed by researchers at the regional university.

The model combines a high-resolution survey of the town's streets and sea defences with decades of tide records and projections of sea level rise. It simulates how water would move through the harbour and into low-lying streets during a severe storm of the kind expected, on average, once in every two hundred years.

Older flood maps, based on coarser data, treated the harbour as a single body of water. The new model shows that the narrow entrance between the breakwaters can funnel a storm surge and raise water levels in the inner basin by up to forty centimetres more than in the open bay.

## Streets behind the quay

The areas most affected are the older streets behind the fish market and the railway, many of them built on reclaimed land in the nineteenth century. Several of these streets flooded briefly during a storm two winters ago, which prompted the study.

Lead researcher Professor Kwame Asante said the results were not a reason for panic but should inform planning decisions. "What we have is a better picture of a risk that was always there," he said. "It gives the town the chance to act before the storm, rather than after it."

The council said it would use the findings in its bid to the new regional coastal defence fund. Its engineers have already proposed rebuilding the Eastcliff sea wall and are now considering whether a flood gate at the entrance to the inner basin would be worthwhile.

Residents can check the new maps at drop-in sessions at the library later this month. The researchers have published their model so that other coastal towns can use it.
""",
    },
    {
        "slug": "students-build-underwater-robot-for-harbour-survey",
        "section": "science",
        "published": "2026-11-08T15:50:00+01:00",
        "authors": ["daniel-ferreira"],
        "tags": ["schools", "university", "marine"],
        "title": "College students build underwater robot to survey the harbour",
        "summary": "The remotely operated vehicle found a lost anchor and a 1930s bicycle on its first dive.",
        "body": """
A team of engineering students at Port Alder College has built an underwater robot that is now helping the harbour board inspect quay walls and the seabed, work that previously required professional divers.

The remotely operated vehicle, about the size of a suitcase, carries two cameras, powerful lights and a sonar that can map the seabed in murky water where divers can see almost nothing. It is controlled from the quayside through a tether and a games controller.

The students designed and built the robot over eighteen months as part of their course, with help from engineers at the ocean-data company Saltline Analytics and the shipyard Alder Marine. Most of the parts were made in the college workshop, including the waterproof housings, which were printed on a 3D printer and tested in a pressure tank at the university.

## Anchors and bicycles

On its first working dive, along the north quay, the robot found a large anchor that had been lost from a fishing boat in the 1990s, a shopping trolley and a bicycle that harbour staff believe dates from the 1930s. More usefully, it recorded cracks in the quay wall that will now be repaired.

Student Kieran Lowe, who wrote much of the control software, said seeing the first pictures come back from the seabed was unforgettable. "We had tested it in the pool a hundred times, but the harbour is completely different," he said. "When the anchor appeared out of the gloom, everybody on the quay cheered."

The harbour board's engineer, Nia Prothero, said the robot would allow more frequent checks of the harbour's structures at a fraction of the cost of a dive team. The board has agreed to pay the college to carry out inspections twice a year.

The students are now working on a second version that could operate without a tether.
""",
    },
    {
        "slug": "gulls-learn-to-open-bins-study-shows",
        "section": "science",
        "published": "2026-11-11T11:20:00+01:00",
        "authors": ["priya-nair"],
        "tags": ["wildlife"],
        "title": "Port Alder's gulls are learning to open bins, study shows",
        "summary": "Researchers filmed herring gulls copying each other to lift the lids of food waste bins.",
        "body": """
Herring gulls in Port Alder are learning from one another how to open the lids of food waste bins, according to a study that used hidden cameras to watch the birds along the seafront over two summers.

Researchers from the regional university filmed more than two thousand visits by gulls to bins on the promenade and around the harbour. In the first summer, only a handful of birds managed to open the lids, which are held closed by a weighted flap. By the end of the second, the behaviour had spread to dozens of gulls, and the researchers were able to trace how it passed between birds that fed close together.

Dr Hannah Kirk, an animal behaviour researcher who led the study, said the findings showed how quickly gulls could adapt to changes in their surroundings. "People tend to think of gulls as pests," she said. "But they are remarkably clever birds, and they learn by watching each other, much as we do."

## Designing better bins

The study was partly funded by the council, which has struggled for years with litter scattered by gulls along the seafront, particularly on busy summer weekends. The researchers found that a bin with a lid that needed to be pushed sideways, rather than lifted, defeated every gull that tried it during a month-long trial.

The council said it would replace the bins on the promenade with the new design before next summer. Councillor Peter Moss said he hoped it would end "the daily battle between the gulls and the street cleaners".

The researchers stressed that herring gulls are a species of conservation concern, whose numbers have fallen sharply in their natural coastal habitats. They said the answer was to make food harder to reach rather than to harm the birds.

The study has been published in a scientific journal of animal behaviour.
""",
    },
]
