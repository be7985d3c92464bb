"""The ideas architects name most often are recognised from one plain sentence saying them."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest

from archwise.kb.loader import load_kb
from archwise.recommend.engine import context
from archwise.recommend.rulebook import RuleBook
from archwise.recommend.sources import rulebook
from archwise.requirements.models import Requirements


@functools.lru_cache(maxsize=1)
def _book() -> tuple[Any, RuleBook]:
    kb = load_kb()
    return kb, rulebook(kb)


def _hard_problem_text(sentence: str) -> str:
    kb, book = _book()
    req = Requirements.model_validate({"name": "Acme", "functional": {"workflows": [sentence]}})
    ctx = context(req, kb, 2026, book)
    return " ".join(
        h.problem + " " + " ".join(h.addressed_by)
        for m in ctx.matches
        for h in m.archetype.hard_problems
    )


# The most frequent hard problems of the advice corpora (idempotency, offline work, audit trails,
# fan-out, spikes, uploads, outside limits, deadlines, fraud, reconciliation, conflicts, time
# series, geography, tenants, search) and the next tier (legacy replacement, buy before build,
# long processes, documents read, webhooks, schedules, erasure, versions, clinical feeds, keys,
# cards, residency, disasters), each said plainly in one workflow line, in many wordings.
# Keywords follow the advice benchmark: any alternative starting a word of the hard problems.
@pytest.mark.parametrize(
    ("keywords", "sentence"),
    [
        ("idempoten|dedupl|duplicate|exactly-once|once", "A payment must never be taken twice"),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "A retrying client may submit the same order again",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Customers sometimes double-click the pay button",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Messages can be delivered more than once by the broker",
        ),
        ("idempoten|dedupl|duplicate|exactly-once|once", "Duplicate submissions must be ignored"),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "The partner resends the file if it gets no acknowledgement",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Each transaction is processed exactly once",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Refunds must not be issued two times for one return",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "A bank transfer that times out is retried by the app and must not be sent a second time",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Scanners may upload the same delivery scan several times",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "The webhook from the payment provider can arrive more than once for one payment",
        ),
        ("offline|sync|store-and-forward|local", "Technicians work in basements with no reception"),
        ("offline|sync|store-and-forward|local", "The app must work on a plane"),
        ("offline|sync|store-and-forward|local", "Stores keep selling when the connection is lost"),
        ("offline|sync|store-and-forward|local", "Rural clinics have intermittent connectivity"),
        (
            "offline|sync|store-and-forward|local",
            "Drivers lose coverage in the mountains and sync when back in range",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Inspectors fill in forms on tablets at remote sites without a network",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Rangers record sightings deep in the forest, far from any mast",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Ship crews update the logbook at sea and it reaches the office when they dock",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Field nurses visit homes where there is often no mobile data",
        ),
        ("audit|tamper|immutab|append-only", "Regulators may ask who changed a record and when"),
        ("audit|tamper|immutab|append-only", "Every action is logged for inspection"),
        ("audit|tamper|immutab|append-only", "We must prove that nobody altered the results"),
        ("audit|tamper|immutab|append-only", "Keep a tamper-proof history of every decision"),
        (
            "audit|tamper|immutab|append-only",
            "Auditors must be able to see every change to a patient's record",
        ),
        (
            "audit|tamper|immutab|append-only",
            "Nothing may be silently edited after it is approved; corrections are new entries",
        ),
        (
            "audit|tamper|immutab|append-only",
            "For each decision we store who made it, when and on what grounds",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Notify all 2 million subscribers within a minute",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Send a push to every follower when a creator posts",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Broadcast the update to all connected screens at once",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "When a goal is scored, 3 million fans get a notification",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Every driver in the city gets the new road closure instantly",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Subscribers are e-mailed when a new issue is published",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Traffic jumps 50 times when tickets go on sale",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Black Friday brings ten times the usual load",
        ),
        ("spike|surge|burst|peak|pre-scal|waiting room", "Everyone logs in at 9 am on Monday"),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "A mention on national TV sends a wave of visitors",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Enrolment opens at midnight and most of the year's applications arrive in the first hour",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "On payday the number of logins is twenty times a normal day",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "A celebrity's post can bring half a million visitors in minutes",
        ),
        ("upload|presigned|resumable|object storage", "Users attach videos of up to 4 GB"),
        (
            "upload|presigned|resumable|object storage",
            "Contractors upload drone imagery from the field",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Large files are sent from phones on slow connections",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Architects send plan sets of several hundred megabytes",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Patients attach photos of their rash from their phones",
        ),
        ("upload|presigned|resumable|object storage", "Researchers deposit datasets of up to 2 TB"),
        ("rate limit|throttl|backoff|circuit", "The carrier API allows 10 calls per second"),
        ("rate limit|throttl|backoff|circuit", "The bank's API throttles us at busy times"),
        ("rate limit|throttl|backoff|circuit", "The partner caps our requests per minute"),
        ("deadline|statutory|clock|sla", "Claims must be decided within 30 days by law"),
        ("deadline|statutory|clock|sla", "The regulator requires a response in 5 working days"),
        (
            "deadline|statutory|clock|sla",
            "Complaints not answered in eight weeks go to the ombudsman",
        ),
        (
            "deadline|statutory|clock|sla",
            "Every subject access request must be answered within one month",
        ),
        (
            "deadline|statutory|clock|sla",
            "The law gives the council 13 weeks to decide a planning application",
        ),
        (
            "deadline|statutory|clock|sla",
            "Urgent repairs must be fixed within 24 hours, routine ones in 28 days",
        ),
        ("cdn|edge|cache", "Images are served to millions of visitors worldwide"),
        ("cdn|edge|cache", "Product pages load fast for a global audience"),
        ("fraud|abuse|bot|risk", "People create fake accounts to claim the welcome bonus"),
        ("fraud|abuse|bot|risk", "Stolen cards are used to buy gift cards"),
        ("fraud|abuse|bot|risk", "Some sellers list counterfeit goods"),
        ("reconcil|agree|match", "Our totals must match the bank statement every day"),
        (
            "reconcil|agree|match",
            "The ledger must agree with the payment provider's settlement report",
        ),
        ("conflict|crdt|merge|concurren", "Two technicians may edit the same job while offline"),
        ("conflict|crdt|merge|concurren", "Changes made on two devices must be merged"),
        (
            "conflict|crdt|merge|concurren",
            "Several planners change the same schedule at the same time",
        ),
        (
            "time-series|downsampl|retention|rollup",
            "Sensors report every second and we keep ten years of readings",
        ),
        (
            "time-series|downsampl|retention|rollup",
            "Meter readings every 15 minutes, charts over years",
        ),
        (
            "time-series|downsampl|retention|rollup",
            "Each turbine sends 200 measurements a second and engineers compare years of data",
        ),
        ("time-series|downsampl|retention|rollup", "Smart meters send a reading every half hour"),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "The government registry answers slowly and is often unavailable at night",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "We may call the maps provider at most 50 times a second",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "Airline APIs reject us when we search too often",
        ),
        ("fraud|abuse|bot|risk|velocity", "Scalpers use bots to buy up tickets"),
        (
            "fraud|abuse|bot|risk|velocity",
            "Some claimants submit the same receipt to several insurers",
        ),
        (
            "fraud|abuse|bot|risk|velocity",
            "Cards are tested with many small payments before a big purchase",
        ),
        (
            "reconcil|agree|match|books",
            "Each night our records of payouts are compared with the payment provider's",
        ),
        (
            "reconcil|agree|match|books",
            "Warehouse stock counts must agree with the system's figures",
        ),
        (
            "conflict|crdt|merge|concurren|lock",
            "Both parents can edit the family calendar from their phones, even offline",
        ),
        (
            "conflict|crdt|merge|concurren|lock",
            "Two dispatchers must not assign the same ambulance at once",
        ),
        ("geospatial|spatial|postgis|geohash|h3", "Find restaurants within 2 km of the user"),
        (
            "geospatial|spatial|postgis|geohash|h3",
            "Show all properties inside the area the buyer draws on the map",
        ),
        ("tenant|isolation", "Each law firm's documents must never be visible to another firm"),
        ("tenant|isolation", "Schools subscribe and each school sees only its own pupils"),
        (
            "search|relevance|index",
            "Shoppers search 3 million products by name, brand and description with typos",
        ),
        ("search|relevance|index", "Staff search case notes by keyword"),
        (
            "strangler|legacy|mainframe|cutover|migrat",
            "The new system replaces a 30-year-old COBOL application piece by piece",
        ),
        (
            "strangler|legacy|mainframe|cutover|migrat",
            "Both the old and new billing systems run side by side for three months",
        ),
        (
            "buy|hosted|saas|vendor|off-the-shelf",
            "A volunteer keeps the charity's website up in her spare time",
        ),
        (
            "buy|hosted|saas|vendor|off-the-shelf",
            "We only need a simple online shop for 40 products",
        ),
        (
            "long-running|workflow|saga|orchestrat|state machine",
            "A mortgage application goes through valuation, underwriting and legal checks over several weeks",
        ),
        (
            "long-running|workflow|saga|orchestrat|state machine",
            "Each order passes through picking, packing, shipping and invoicing, and any step can fail",
        ),
        (
            "oversell|double-book|double book|overbook|capacity|contention",
            "Only 200 places per course and they must never be exceeded",
        ),
        (
            "oversell|double-book|double book|overbook|capacity|contention",
            "Two guests must never get the same room for the same night",
        ),
        (
            "oversell|double-book|double book|overbook|capacity|contention",
            "The last tickets for a match sell within seconds",
        ),
        (
            "ocr|extract|document",
            "Invoices arrive as PDFs and scans; we read supplier, amount and due date from them",
        ),
        (
            "ocr|extract|document",
            "Customers photograph their meter and we read the number from the photo",
        ),
        (
            "webhook|callback|event",
            "Our customers want to be told in their own systems the moment a shipment status changes",
        ),
        (
            "webhook|callback|event",
            "The payment provider calls our endpoint when a payment succeeds or fails",
        ),
        (
            "schedul|cron|reminder|job",
            "A reminder goes to each patient the day before their appointment",
        ),
        ("schedul|cron|reminder|job", "Every night we recalculate all loyalty tiers"),
        (
            "retention|delet|erasure|purge|lifecycle",
            "Candidate data is removed six months after the vacancy closes",
        ),
        (
            "retention|delet|erasure|purge|lifecycle",
            "Users can close their account and have everything about them erased",
        ),
        (
            "version|history|revision",
            "Lawyers compare each draft of a contract with the previous one",
        ),
        ("version|history|revision", "Every saved version of a design can be restored"),
        (
            "hl7|fhir|interface|integration engine",
            "Lab results arrive from hospital systems as HL7 messages",
        ),
        (
            "hl7|fhir|interface|integration engine",
            "We exchange patient summaries with GP systems using FHIR",
        ),
        (
            "geofenc|spatial|geospatial|postgis",
            "Parents are alerted when the school bus enters the school zone",
        ),
        (
            "geofenc|spatial|geospatial|postgis",
            "Couriers must stay within their assigned delivery area",
        ),
        (
            "websocket|realtime|push|live|presence|fan-out",
            "Traders see prices update on screen the instant they change",
        ),
        (
            "websocket|realtime|push|live|presence|fan-out",
            "The board shows which agents are online and what they are working on right now",
        ),
        ("gpu|long job|queue|worker|batch", "Rendering a video takes 10 to 30 minutes on a GPU"),
        ("gpu|long job|queue|worker|batch", "Each genome alignment runs for several hours"),
        (
            "sso|saml|oidc|identity|federat",
            "Enterprise customers sign in with their company's Microsoft accounts",
        ),
        (
            "sso|saml|oidc|identity|federat",
            "Hospitals want their staff to log in with their own identity provider",
        ),
        ("encrypt|kms|key|hsm", "Customer files are encrypted with keys each customer controls"),
        (
            "encrypt|kms|key|hsm",
            "The private key that signs our releases must never leave the hardware module",
        ),
        ("pci|tokeni|card|payment", "Members pay their dues by credit card on our site"),
        ("pci|tokeni|card|payment", "We store cards so customers can reorder with one click"),
        ("residen|region|sovereign", "German customers' data must never leave Germany"),
        (
            "residen|region|sovereign",
            "Health records of Canadian patients must be stored in Canada",
        ),
        (
            "availability|failover|redundan|multi-az|disaster|replica",
            "The dispatch system may be down at most five minutes a year",
        ),
        (
            "availability|failover|redundan|multi-az|disaster|replica",
            "If the data centre burns down we must be running again within an hour",
        ),
        (
            "offline|sync|local",
            "Shops in the village lose their broadband line several times a week",
        ),
        ("offline|sync|local", "The cruise ship's systems are cut off from shore for days"),
        (
            "idempoten|duplicate|once|dedupl",
            "If the confirmation page does not load, people press the button again",
        ),
        ("idempoten|duplicate|once|dedupl", "The same meter reading is often sent by two gateways"),
        (
            "audit|tamper|append-only|immutab",
            "Changes to prices must be traceable to the person who made them",
        ),
        (
            "audit|tamper|append-only|immutab",
            "The regulator may inspect any trade from the last seven years",
        ),
        ("spike|surge|peak|burst|pre-scal", "Applications triple in the week before the deadline"),
        ("spike|surge|peak|burst|pre-scal", "Half of the year's sales happen in November"),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "A flaky network means the till may post the same sale twice",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Suppliers sometimes upload yesterday's order file again",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "No customer may ever be billed two times for one month",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Engineers inspect wind turbines at sea where there is no network",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Surveyors work in tunnels and upload their notes later",
        ),
        (
            "offline|sync|store-and-forward|local",
            "The kiosk must keep taking orders when the internet goes down",
        ),
        (
            "audit|tamper|immutab|append-only",
            "Inspectors must be able to reconstruct exactly what a user saw and did",
        ),
        (
            "audit|tamper|immutab|append-only",
            "Once signed, a report can never be changed, only superseded",
        ),
        ("audit|tamper|immutab|append-only", "Every access to a child's file is recorded"),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "All 80,000 employees must receive the evacuation message at once",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Followers hear about a new live stream the moment it starts",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Each of our 5 million app users gets the weather warning for their town",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Ticket sales open at 10:00 and 400,000 fans try to buy in the first minutes",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Exam results go online at 8 am and every student checks at once",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Traffic on the tax portal is 30x higher in the final week of January",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Film crews hand over rushes of 200 GB per day",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Claimants add photos and videos of the damage",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Designers share layered files of up to 5 GB with print shops",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "The marketplace API lets us update at most 100 listings a minute",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "The credit bureau often times out during the day",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "Shipping carriers block us if we poll too often",
        ),
        (
            "deadline|statutory|clock|sla",
            "Freedom of information requests must be answered within 20 working days",
        ),
        (
            "deadline|statutory|clock|sla",
            "The regulator fines us if a complaint is not closed in 15 days",
        ),
        ("deadline|statutory|clock|sla", "Building control must inspect within 48 hours of notice"),
        (
            "fraud|abuse|bot|risk|velocity",
            "Resellers create hundreds of accounts to get around the purchase limit",
        ),
        ("fraud|abuse|bot|risk|velocity", "Some users share one subscription with many friends"),
        (
            "fraud|abuse|bot|risk|velocity",
            "Stolen identities are used to open accounts and take loans",
        ),
        (
            "reconcil|agree|match|books",
            "Each month the commission we pay agents must tie out to the insurer's statement",
        ),
        (
            "reconcil|agree|match|books",
            "Cash in the tills is counted and compared with the day's sales",
        ),
        (
            "conflict|crdt|merge|concurren|lock",
            "Teachers edit the same timetable from several schools at the same time",
        ),
        (
            "conflict|crdt|merge|concurren|lock",
            "Notes taken offline on two tablets must end up in one record",
        ),
        (
            "time-series|downsampl|retention|rollup",
            "Each pump logs pressure and flow ten times a second",
        ),
        (
            "time-series|downsampl|retention|rollup",
            "We keep five years of hourly energy readings for every building",
        ),
        (
            "geospatial|spatial|postgis|geohash|h3|geofenc",
            "Users look for dog walkers within 3 miles",
        ),
        (
            "geospatial|spatial|postgis|geohash|h3|geofenc",
            "Alert the owner when a tracked bike leaves its parking zone",
        ),
        ("tenant|isolation", "Each accounting firm sees only its own clients"),
        ("tenant|isolation", "A charity must never see another charity's donors"),
        ("search|relevance|index", "Readers find articles by typing any word from the text"),
        ("search|relevance|index", "Buyers filter 2 million listings by make, model and price"),
        (
            "legacy|strangler|mainframe|migrat|cutover",
            "The AS/400 keeps running the warehouse while we move functions off it one by one",
        ),
        (
            "document|ocr|extract",
            "Expense receipts are photographed and the amount and date are captured automatically",
        ),
        ("schedul|cron|reminder|job", "Invoices are generated on the first of each month"),
        (
            "availability|failover|redundan|disaster|replica|multi-az",
            "The booking engine must survive the loss of an entire cloud region",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "Bank files are sometimes delivered to us twice by the clearing house",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "If a driver taps deliver and the signal drops, the app tries the request again later",
        ),
        (
            "idempoten|dedupl|duplicate|exactly-once|once",
            "A voucher must only ever be redeemed one time",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Farm workers record pesticide use in fields without coverage",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Airline crew update the cabin log during flights and it syncs on landing",
        ),
        (
            "offline|sync|store-and-forward|local",
            "Pop-up stalls at festivals take payments even when the venue Wi-Fi fails",
        ),
        (
            "audit|tamper|immutab|append-only",
            "Medication given to a patient must be recorded with who gave it and when",
        ),
        (
            "audit|tamper|immutab|append-only",
            "Supervisors can see the full history of changes to any shift",
        ),
        (
            "audit|tamper|immutab|append-only",
            "Votes cast by board members are kept and can never be altered",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "When a flight is delayed, all 300 passengers get a text and an e-mail",
        ),
        (
            "fan-out|fanout|push|broadcast|pub/sub|notification",
            "Every subscriber's app shows the breaking story within seconds",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Most tax returns are filed in the last three days before the deadline",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Sign-ups explode when the new game trailer is released",
        ),
        (
            "spike|surge|burst|peak|pre-scal|waiting room",
            "Lunchtime orders are five times the morning volume",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Students hand in video assignments of up to 1 GB",
        ),
        (
            "upload|presigned|resumable|object storage",
            "Radiology images of 500 MB are sent by hospitals",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "The tax authority's service allows a limited number of submissions per hour",
        ),
        (
            "rate limit|throttl|backoff|circuit|timeout",
            "The payment gateway sometimes takes 30 seconds to reply",
        ),
        (
            "deadline|statutory|clock|sla",
            "By law, employees must receive their payslip no later than payday",
        ),
        (
            "deadline|statutory|clock|sla",
            "Data breaches must be reported to the authority within 72 hours",
        ),
        ("fraud|abuse|bot|risk|velocity", "Some drivers fake GPS locations to get more rides"),
        (
            "fraud|abuse|bot|risk|velocity",
            "Accounts that suddenly send thousands of messages are probably compromised",
        ),
        (
            "reconcil|agree|match|books",
            "What the couriers say they delivered must match what the warehouse shipped",
        ),
        ("conflict|crdt|merge|concurren|lock", "Two agents must not claim the same support ticket"),
        (
            "conflict|crdt|merge|concurren|lock",
            "Edits made on the laptop and the phone while offline must both be kept",
        ),
        (
            "time-series|downsampl|retention|rollup",
            "Heart rate is sampled every second for each patient in intensive care",
        ),
        (
            "geospatial|spatial|postgis|geohash|h3|geofenc",
            "Show the nearest charging stations on the route",
        ),
        ("tenant|isolation", "Franchisees must only see their own restaurant's figures"),
        (
            "search|relevance|index",
            "Support agents look up past cases by describing the problem in their own words",
        ),
    ],
)
def test_a_frequent_idea_said_in_one_sentence_names_its_hard_problem(
    keywords: str, sentence: str
) -> None:
    pattern = re.compile(r"(?<![a-z0-9])(?:" + keywords + ")", re.IGNORECASE)
    assert pattern.search(_hard_problem_text(sentence)), sentence


def test_plain_crud_raises_none_of_them() -> None:
    text = _hard_problem_text("Staff create, edit and approve expense claims")
    assert text == ""
