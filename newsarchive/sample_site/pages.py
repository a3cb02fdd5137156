"""Text of the sample site's pages that are not articles: about, contact, events…

They read like articles on purpose (prose, dates, names) so that crawls can check
such pages are followed for links but never archived.
"""

from __future__ import annotations

STATIC_PAGES: dict[str, dict] = {
    "about": {
        "type": "AboutPage",
        "title": "About The Harbour Gazette",
        "paragraphs": [
            "The Harbour Gazette has reported on Port Alder, its harbour and the surrounding "
            "coast since 1874, when a printer on Fore Street began publishing a single sheet "
            "of shipping news, market prices and notices from the town hall.",
            "Today the Gazette is an independent newsroom of fourteen journalists, owned by a "
            "charitable trust whose only purpose is to keep local journalism alive in the town. "
            "We publish online every day and in print every Thursday.",
            "We cover the council, the courts, the port and the high street, as well as sport, "
            "culture and science along the coast. Our correspondents in Brennwald and "
            "Port-Vallier, our twin towns, write in German and French.",
            "We follow the editors' code of practice. If we get something wrong, we correct it "
            "promptly and say so at the foot of the article.",
        ],
    },
    "contact": {
        "type": "ContactPage",
        "title": "Contact us",
        "paragraphs": [
            "Our newsroom is at 12 Custom House Quay, Port Alder, and is open to visitors from "
            "nine until five, Monday to Friday.",
            "News desk: news@harbourgazette.example. Sport: sport@harbourgazette.example. "
            "Letters to the editor: letters@harbourgazette.example. Please include your name "
            "and the area of town where you live.",
            "For advertising and subscriptions, call the front desk or write to "
            "hello@harbourgazette.example.",
        ],
    },
    "privacy": {
        "type": "WebPage",
        "title": "Privacy notice",
        "paragraphs": [
            "This notice explains what personal information The Harbour Gazette collects when "
            "you read our website, subscribe or comment, and how we use it.",
            "We keep the name and email address you give us when you subscribe or comment. We "
            "use them only to send what you asked for and to moderate comments, and we never "
            "sell them.",
            "Our website sets a small number of cookies needed for logging in and remembering "
            "your preferences. We do not use advertising trackers.",
            "You can ask to see or delete the information we hold about you at any time by "
            "writing to privacy@harbourgazette.example.",
        ],
    },
    "subscribe": {
        "type": "WebPage",
        "title": "Subscribe to the Gazette",
        "paragraphs": [
            "Independent local journalism costs money to make. Subscribers keep the Gazette's "
            "reporters at council meetings, in court and on the touchline.",
            "A digital subscription costs 4 a month and includes subscriber previews, the "
            "morning briefing by email and the full archive. Print delivery on Thursdays "
            "costs 2 more.",
            "Students, and readers over seventy-five, can subscribe for half price.",
        ],
    },
}

EVENTS: list[dict] = [
    {
        "name": "Quayside by-election hustings",
        "start": "2026-11-24T19:00:00+01:00",
        "place": "Anchor Homes community room, Harbour Reach",
        "about": "The second chance to question the four candidates standing in Quayside.",
        "link": "/2026/11/09/quayside-candidates-clash-at-hustings/",
    },
    {
        "name": "Winter lights trail opens",
        "start": "2026-11-27T17:00:00+01:00",
        "place": "The promenade, from the pier to the lifeboat station",
        "about": "Fourteen light installations along the seafront, free to visit every evening.",
        "link": "/2026/11/12/winter-lights-trail-to-return-to-the-promenade/",
    },
    {
        "name": "Public evening at the Beacon Hill observatory",
        "start": "2026-12-04T19:30:00+01:00",
        "place": "Beacon Hill observatory",
        "about": "Look through the society's telescope. Bring warm clothes and a red torch.",
        "link": "/2026/11/02/astronomers-club-opens-dark-sky-observatory/",
    },
    {
        "name": "Alder Athletic v Redmoor Rovers",
        "start": "2026-11-28T15:00:00+01:00",
        "place": "Harbour Road",
        "about": "League match. Tickets on the gate; under-sixteens free with an adult.",
    },
    {
        "name": "Harbour Christmas market",
        "start": "2026-12-05T10:00:00+01:00",
        "place": "Fish market square",
        "about": "Stalls from local makers, with food and drink from Brennwald and Port-Vallier.",
    },
    {
        "name": "Voices of the Quay: drop-in recording day",
        "start": "2026-12-12T11:00:00+01:00",
        "place": "Port Alder library",
        "about": "Share your memories of the working harbour with the library's volunteers.",
        "link": "/2026/11/09/library-launches-oral-history-project/",
    },
]
