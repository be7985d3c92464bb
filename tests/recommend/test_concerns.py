"""Cross-cutting concerns: recognised from wording and numbers, adding to the workload, never it."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from pydantic import ValidationError

from archwise.kb.loader import load_kb
from archwise.kb.schemas.archetype import Archetype
from archwise.recommend import archetypes
from archwise.recommend.engine import context
from archwise.recommend.rulebook import Context, RuleBook
from archwise.recommend.scoring import decide, relevance
from archwise.recommend.sources import rulebook
from archwise.requirements.models import Requirements


@functools.lru_cache(maxsize=1)
def _book() -> tuple[Any, RuleBook]:
    kb = load_kb()
    return kb, rulebook(kb)


def _concerns() -> list[Archetype]:
    return [a for a in _book()[1].archetypes if a.kind == "concern"]


def _ctx(workflows: list[str], **extra: Any) -> Context:
    functional = {"workflows": workflows, **extra.pop("functional", {})}
    req = Requirements.model_validate({"name": "Acme", "functional": functional, **extra})
    kb, book = _book()
    return context(req, kb, 2026, book)


def _matched(ctx: Context) -> list[str]:
    return [m.archetype.id for m in ctx.matches]


# Each concern, from a few lines of a system unlike the corpus's; wording and numbers only.
FIXTURES: dict[str, tuple[list[str], dict[str, Any]]] = {
    # Trades' own vocabulary (ninth round, kb/data/archetypes/domains.yaml).
    "dunning-collections": (
        [
            "A member whose card payment is declined gets three more attempts and an e-mail each time"
        ],
        {},
    ),
    "credit-decisioning": (["Each mortgage application gets a credit check before an offer"], {}),
    "controlled-medicines": (["Nurses record every dose of controlled drugs with a witness"], {}),
    "ad-insertion": (["Listeners hear ads picked for their city inserted into each episode"], {}),
    "blind-review": (["Judges must not see the entrant's name while scoring the photos"], {}),
    "rater-quality": (
        ["A senior examiner marks one answer in twenty again to check the markers"],
        {},
    ),
    "store-fulfilment": (["Customers order online and collect in store; staff pick the order"], {}),
    "authority-filing": (
        ["Each export needs an export declaration filed with the customs authority"],
        {},
    ),
    "plagiarism-detection": (["Theses are checked for copying against earlier submissions"], {}),
    "remote-proctoring": (["Candidates sit the exam at home and we must detect cheating"], {}),
    "break-glass-access": (
        ["In an emergency any clinician may open any chart, and each access is audited"],
        {},
    ),
    "promotion-pricing": (["Overlapping promotions decide the price online and at the tills"], {}),
    "traffic-spikes": (["Applications triple in the last week before the filing deadline"], {}),
    "credential-replay": (
        ["A season pass shown as a screenshot on another phone must not get through the turnstile"],
        {},
    ),
    "algorithmic-fairness": (
        ["The loan scoring model is checked every quarter for bias against protected groups"],
        {},
    ),
    "content-leak": (
        [
            "Reviewers stream unreleased episodes, and each copy is watermarked to identify the viewer"
        ],
        {},
    ),
    "fleet-rebalancing": (
        ["Staff move scooters from full areas to empty ones each night using the demand forecast"],
        {},
    ),
    "consumer-backpressure": (
        ["Meters keep sending readings while the billing database is down, and none may be lost"],
        {},
    ),
    "cost-runaway": (
        ["We pay per call to the address lookup service, and one loop ran up the bill overnight"],
        {},
    ),
    "speed-of-light": (
        ["Musicians in London and Los Angeles must hear each other within 30 milliseconds"],
        {},
    ),
    "scraping-bots": (
        ["Rival agencies scrape our listings every hour and copy our prices"],
        {},
    ),
    "link-capacity": (
        ["Each trawler's sonar records 300 GB a day, and its satellite link carries 2 Mbit/s"],
        {},
    ),
    "legacy-integration": (
        ["Approved permits are written to the county's records system on the mainframe"],
        {},
    ),
    "partner-integrations": (
        ["Receive orders from 300 suppliers over EDI, SFTP file drops and webhooks"],
        {},
    ),
    "large-uploads": (
        ["Surveyors upload drone scans of up to 5 GB; uploads resume after a dropped connection"],
        {},
    ),
    "media-processing": (
        ["Each recorded lecture is transcoded into three bitrates; students download the audio"],
        {},
    ),
    "batch-window": (
        ["The payroll run must finish within the 4-hour window and resume where it stopped"],
        {},
    ),
    "scheduled-jobs": (["Send reminders the evening before each class"], {}),
    "seo-public-pages": (
        ["Recipe pages must rank well on search engines and load fast on phones"],
        {"functional": {"clients": ["web"]}},
    ),
    "accessible-no-js": (["Forms meet WCAG 2.1 AA and work with JavaScript disabled"], {}),
    "isolated-network": (["The lab network is air-gapped; results leave through a data diode"], {}),
    "industrial-ot": (["Read 5,000 PLC tags over OPC UA on the plant floor"], {}),
    "audit-retention": (
        ["Every change is kept for the regulator for 10 years; an auditor sees who changed what"],
        {"functional": {"data": {"retention_days": 3650}}},
    ),
    "duplicate-safe-requests": (
        ["Terminals retry on timeouts; a retried sale must not be recorded twice"],
        {},
    ),
    "money-movement": (
        ["Pay drivers out weekly and reconcile payouts with the bank statements"],
        {},
    ),
    "geospatial-search": (["Find charging stations near me within a radius of 5 km"], {}),
    "notification-fanout-concern": (
        ["Notify every subscriber of a delay by push and SMS; there are 2 million subscribers"],
        {},
    ),
    "saved-search-alerts": (["Users save a search and get an alert when a new car matches"], {}),
    "trusted-measurement": (
        ["Count ad impressions for advertisers, with bots removed and each visitor counted once"],
        {},
    ),
    "ml-serving": (
        ["A new fraud model first runs in shadow, then on a canary; we watch for drift"],
        {},
    ),
    "data-residency": (
        ["Swiss customers' data must stay in Switzerland"],
        {"non_functional": {"data_residency": ["ch", "eu"]}},
    ),
    "tenant-isolation": (
        ["Each school's records are private; a teacher only ever sees their own school"],
        {},
    ),
    "offline-devices": (
        ["Drivers keep scanning parcels with no signal and sync when back online"],
        {},
    ),
    "realtime-presence": (["Show who is online and a typing indicator in each room"], {}),
    "abuse-moderation": (
        ["Reported posts and spam go to moderators; fake accounts are blocked"],
        {},
    ),
    "full-text-search": (
        ["Type-ahead over product names with typo tolerance and synonyms"],
        {"functional": {"search": True}},
    ),
    "time-series-retention": (
        ["Meter readings every second; raw data kept 30 days, then downsampled to hourly averages"],
        {},
    ),
    "personal-data-erasure": (
        ["A member can ask for all their data to be deleted, including backups and analytics"],
        {},
    ),
    "optimisation-solver": (
        ["The solver proposes delivery routes that respect driver rest rules"],
        {},
    ),
    "human-review": (
        ["Invoices are read automatically; low-confidence fields go to a reviewer"],
        {},
    ),
    "high-availability": (
        ["Every minute of outage stops the tills"],
        {
            "non_functional": {"availability_percent": 99.99},
            "constraints": {"ops": {"on_call": "24x7"}},
        },
    ),
    "global-low-latency": (
        ["Players connect from every continent"],
        {"non_functional": {"latency": {"p99_ms": 80}}},
    ),
    "critical-paging": (
        ["Page the on-call nurse by push, SMS and a phone call; escalate if nobody acknowledges"],
        {},
    ),
    "health-data": (
        ["Therapists write session notes after each visit"],
        {"non_functional": {"compliance": ["pipeda"]}},
    ),
    "staff-web-pages": (
        ["Our back-office staff review and approve supplier invoices"],
        {
            "functional": {"clients": ["web"], "realtime": False},
            "non_functional": {"users": {"concurrent": 40}},
        },
    ),
    "ordered-processing": (
        ["Each account's balance updates must be applied in the order they happened"],
        {},
    ),
    "card-payments": (["Members pay by card at checkout through Stripe"], {}),
    "bulk-import": (["Import the price list from Excel, validate it and show what changed"], {}),
    "operational-reporting": (
        ["Branch managers read weekly reports and dashboards"],
        {"functional": {"analytics": True}},
    ),
    "hot-keys": (
        ["A viral post gets likes from a million people within minutes"],
        {"non_functional": {"traffic": "spiky", "users": {"concurrent": 600000}}},
    ),
    "time-zones": (["Book appointments across time zones; reminders in local time"], {}),
    "many-teams-services": (
        ["Six squads own their services and release them independently"],
        {"constraints": {"team": {"engineers": 40}}},
    ),
    "monolith-decomposition": (
        ["Our one large application slows every team down; checkout must ship independently"],
        {},
    ),
    # Feature concerns (features.yaml): one feature of any kind of system.
    "web-content-import": (
        ["Paste a link to a job ad and we fetch the page and pull out the salary and location"],
        {},
    ),
    "user-images": (
        ["Sellers upload pictures of each item"],
        {"functional": {"data": {"files": True}}},
    ),
    "channel-sync": (
        ["Stock levels are pushed to the marketplaces within a minute, within their rate limits"],
        {},
    ),
    "seen-exclusion": (["The feed never shows a clip the viewer has already watched"], {}),
    "recommendations": (["Shoppers get personalised suggestions based on their history"], {}),
    "live-price-fanout": (
        ["Live odds for every match are pushed to 300,000 connected clients"],
        {"functional": {"realtime": True}},
    ),
    "balance-reservation": (
        ["A bet is accepted only after the stake is reserved so a wallet never goes negative"],
        {},
    ),
    "metered-paywall": (["Guests read three free recipes, then premium content is paywalled"], {}),
    "bulk-storage-retention": (
        ["Keep every scan for seven years"],
        {"functional": {"data": {"size_gb": 400000, "retention_days": 2555}}},
    ),
    "camera-ingest": (["Dashcams in 800 buses stream footage continuously"], {}),
    "edi-gateway": (
        ["Exchange X12 purchase orders with suppliers and translate them to our ERP"],
        {},
    ),
    "autosave-resume": (
        ["Applicants fill a long grant form over weeks and pick up where they left off"],
        {},
    ),
    "polled-feeds": (["Thermostats poll for new settings every few minutes"], {}),
    "road-routing": (["Give each technician's route with drive time between visits"], {}),
    "no-oversell": (["Never overbook a class; members book the last seats from the app"], {}),
    "outbound-webhooks": (["Merchants receive webhooks when a parcel is delivered"], {}),
    "live-calls": (["Tutors hold video calls with students with screen sharing"], {}),
    "document-extraction": (
        ["Claimants photograph the invoice and the amount is read automatically"],
        {},
    ),
    "live-rooms": (
        ["Players join with a code and see each move at the same moment"],
        {"functional": {"realtime": True}},
    ),
    "usage-metering": (["Drivers pay per kWh charged and per minute parked"], {}),
    "arrival-prediction": (["Riders see the predicted arrival time of the next tram"], {}),
    "late-corrected-data": (["Late readings are estimated and replaced when they arrive"], {}),
    "licensed-content": (["Films are licensed per territory and can be downloaded offline"], {}),
    "live-screens": (
        ["Ward screens update within two seconds"],
        {"functional": {"realtime": True}},
    ),
    "deferred-charges": (
        ["Members' cards are charged yearly on renewal; retry failed charges"],
        {},
    ),
    "record-matching": (["Incoming invoices are matched to the right supplier"], {}),
    "fine-grained-access": (["Engineers see only the projects shared with them"], {}),
    "versioned-documents": (["Every drawing keeps its version history"], {}),
    "delegated-access": (["Users connect their mailbox with OAuth and we file receipts"], {}),
    "fleet-config": (["New prices are changed centrally and reach every till overnight"], {}),
    "effective-dated-rules": (
        ["Commission rates change yearly; old statements keep the rates they used"],
        {},
    ),
    "marketplace-payouts": (["Hosts are paid monthly, minus our commission"], {}),
    "live-location": (["Customers watch their courier moving on a map as it approaches"], {}),
    "enterprise-sso": (["Each company signs its staff in through its own identity provider"], {}),
    "third-party-api": (["Shops call our API with their API keys, within a rate limit"], {}),
    "data-migration": (
        ["Twenty years of records are migrated from the old system before cutover"],
        {},
    ),
    "shared-state-sync": (["A family's chore board stays in step across devices"], {}),
    "e-signatures": (["Tenants sign the contract with an electronic signature"], {}),
    "tax-and-currency": (["Invoices show VAT and are paid in the customer's local currency"], {}),
    "hybrid-connectivity": (
        ["Payroll stays on premises while the portal runs in the cloud"],
        {"constraints": {"deployment": "hybrid"}},
    ),
    "tiny-team": (
        ["Two volunteers run the club's booking site"],
        {"constraints": {"team": {"engineers": 2}}},
    ),
    "tight-latency": (
        ["Price a quote"],
        {"non_functional": {"latency": {"p99_ms": 30}}},
    ),
    "long-jobs": (["Rendering a floor plan takes minutes on a worker"], {}),
    # Obligations (obligations.yaml): recognised through the concept lexicon and numbers.
    "statutory-deadlines": (
        ["Subject access requests are answered within one month, as the law requires"],
        {},
    ),
    "provider-callbacks": (["Couriers report back each parcel's status, sometimes days later"], {}),
    "small-group-anonymity": (
        ["Staff rate their manager anonymously; a manager with fewer than 5 ratings sees nothing"],
        {},
    ),
    "clinical-interfaces": (["Admissions arrive from the hospital's HL7 ADT feed"], {}),
    "validated-system": (
        ["Batch records for GMP manufacturing; each release of the software is validated"],
        {},
    ),
    "stock-replenishment": (
        ["Each clinic's vaccine stock is reordered from the depot when it runs low"],
        {},
    ),
    "expiring-balances": (
        ["Members earn miles on every flight; miles expire after three years"],
        {},
    ),
    "untrusted-code": (["Students submit code that our runners compile and test in a sandbox"], {}),
    "long-term-preservation": (
        ["Court recordings are kept permanently and verified against their checksums"],
        {},
    ),
    "upstream-sync": (
        ["Store opening hours come from the franchise system every hour"],
        {"functional": {"integrations": ["franchise-system"]}},
    ),
    "threshold-alerts": (
        ["A freezer's temperature above the threshold for ten minutes: the pharmacist is told"],
        {},
    ),
    "email-at-volume": (
        ["New members confirm their address from a link we e-mail them"],
        {"non_functional": {"users": {"total": 400000}}},
    ),
    "outside-dependencies": (
        ["Quotes come from four insurers' APIs, each of which is down now and then"],
        {"functional": {"integrations": ["insurer-a", "insurer-b", "insurer-c", "insurer-d"]}},
    ),
    "work-allocation": (
        [
            "Each claim is given to an adjuster who is qualified for the product and has free capacity"
        ],
        {},
    ),
    "service-levels": (
        ["Urgent faults are attended within 4 hours and routine requests within 10 days"],
        {},
    ),
    "staged-approval": (
        [
            "A change request is reviewed by the owner and the security team in turn before it is approved"
        ],
        {},
    ),
    "eligibility-rules": (
        ["Only drivers who have passed the forklift course may sign out a forklift"],
        {},
    ),
    "mainland-china": (
        ["Shoppers in Shanghai browse the catalogue"],
        {"non_functional": {"data_residency": ["cn"]}},
    ),
    # Cross-cutting concerns recognised from the idea (concepts/architecture.yaml).
    "clock-sync": (
        ["Weather stations stamp each reading; their clocks drift by seconds a week"],
        {},
    ),
    "noisy-neighbours": (
        ["A school's bulk report run must not slow other tenants' teachers"],
        {},
    ),
    "control-data-plane": (
        [
            "Routing rules changed in the portal reach every edge within seconds; proxies keep serving"
        ],
        {},
    ),
    "multilingual-text": (
        ["Recipes are published in Japanese, Thai and Arabic and searched by ingredient"],
        {},
    ),
    "similarity-search": (
        ["Flag near-duplicate listings among the 30 million we hold"],
        {},
    ),
    "data-quality": (
        [
            "River gauges report levels every minute; discard implausible readings from faulty sensors"
        ],
        {},
    ),
    "remote-commands": (
        ["Staff open the car park barrier remotely when a ticket machine fails"],
        {},
    ),
    "constrained-devices": (
        ["Soil probes are battery-powered and report over NB-IoT"],
        {"functional": {"clients": ["iot"]}},
    ),
    "randomised-blinding": (
        ["Volunteers are randomised to vaccine or placebo; nurses stay blinded"],
        {},
    ),
    "satellite-passes": (
        ["Book contact windows on ground stations as each satellite passes over"],
        {},
    ),
    "concurrent-updates": (
        ["Two dispatchers may edit the same job at once; neither change may be lost"],
        {},
    ),
    "key-management": (
        ["Each hospital encrypts its records with its own keys held in an HSM"],
        {},
    ),
    "schema-evolution": (
        ["Kiosks in the field run older versions of the app for months"],
        {"functional": {"clients": ["iot"]}},
    ),
    "media-delivery": (
        ["Visitors download the trail audio tours and listen offline"],
        {},
    ),
    "overlap-conflicts": (
        [
            "Film crews apply for permits; officers see every shoot on the same road at the same time"
        ],
        {},
    ),
    "item-transfers": (
        ["Lab samples go by courier from the clinics to the central lab, scanned at each step"],
        {},
    ),
    "user-supplied-urls": (
        ["Calendar feeds are fetched from any URL entered by our users"],
        {},
    ),
    "price-at-acceptance": (
        ["If the exchange rate moved in the meantime the transfer is rejected and re-quoted"],
        {},
    ),
    "running-totals": (
        [
            "Each donation is checked against the campaign's remaining match budget, thousands of them a minute"
        ],
        {},
    ),
    "lawful-access-requests": (
        ["Trip histories go to the police only when a court order is served"],
        {},
    ),
    "unit-registry": (
        [
            "Gift certificates carry serial numbers; a redeemed certificate can never be redeemed again"
        ],
        {},
    ),
    "public-open-data": (
        ["Every inspection result appears on the public register and as open data"],
        {},
    ),
    "resumable-downloads": (
        [
            "Survey vessels download chart updates of 800 MB over a satellite link, continuing where it stopped"
        ],
        {},
    ),
    "ballots": (
        [
            "Union members vote on the pay offer; the ballot closes on Friday and results are counted"
        ],
        {},
    ),
    "leased-resources": (
        [
            "Each lab has 20 floating licences of the analysis tool; a crashed session must not hold its seat"
        ],
        {},
    ),
    "financial-crime-checks": (
        ["New members pass KYC and every transfer is screened against sanctions lists"],
        {},
    ),
    "childrens-data": (
        ["Pupils under 13 join a class with parental consent"],
        {},
    ),
    "ticket-validation": (
        ["Stewards scan tickets at the turnstiles on match day"],
        {},
    ),
    "document-generation": (
        ["Every month we generate a PDF statement for each of 400,000 members"],
        {},
    ),
    "site-peripherals": (
        ["Each bakery counter has a receipt printer and a card terminal"],
        {},
    ),
    "account-security": (
        ["Patients log in with two-factor codes; account takeover must be stopped"],
        {},
    ),
    "subject-access": (
        ["Members can download all the data we hold about them"],
        {},
    ),
    "llm-features": (
        ["Agents get a suggested reply drafted by an LLM from the ticket history"],
        {},
    ),
    "mass-disruption": (
        [
            "When a concert is postponed, every ticket holder is refunded or moved to the new date and notified"
        ],
        {},
    ),
    "dynamic-pricing": (
        ["Room rates change with demand and occupancy; guests book online"],
        {},
    ),
    "mobile-background-sensing": (
        ["The app counts steps and heart rate in the background on the phone"],
        {"functional": {"clients": ["ios", "android"]}},
    ),
    "upload-malware": (
        ["Applicants upload attachments, which are virus-scanned before caseworkers open them"],
        {},
    ),
    "safety-warnings": (
        ["The pharmacist is warned about drug interactions before a prescription is dispensed"],
        {},
    ),
    "public-page-flood": (
        [
            "The public status page must stay up during an outage elsewhere, when every customer checks it"
        ],
        {},
    ),
    "reconciliation": (
        ["Each night the pharmacy's stock counts must agree with the dispensing system's records"],
        {},
    ),
    "multi-step-process": (
        ["A visa application goes through several stages at three agencies and any step can fail"],
        {},
    ),
    "priority-override": (
        ["A flood warning from the control room replaces whatever is playing on all displays"],
        {},
    ),
    "all-pairs-comparison": (
        ["Each new fingerprint is compared against all existing prints in the archive"],
        {},
    ),
    "exposure-limits": (
        ["Risk managers set credit limits per counterparty; no trade may pass them"],
        {},
    ),
    "hard-cutoff": (
        ["Bids close at 17:00 and no bid accepted after the close counts"],
        {},
    ),
    "persistent-identifiers": (
        ["Each published dataset gets a DOI registered with DataCite"],
        {},
    ),
    "recognition-errors": (
        ["Toll cameras read number plates and send a penalty notice to unpaid drivers"],
        {},
    ),
    "end-to-end-encryption": (
        ["Messages are end-to-end encrypted; only the user can read them"],
        {},
    ),
    "two-data-centres": (
        ["Claims are written in both data centres so losing either loses nothing"],
        {},
    ),
    "shared-space-traffic": (
        ["Forty forklifts drive themselves in the warehouse and must never collide in an aisle"],
        {},
    ),
    "shared-capacity-limit": (
        ["The depot's 60 buses charge overnight under the grid connection limit of 2 MW"],
        {},
    ),
    "reusable-build-outputs": (
        ["Test runs reuse the remote cache so only what changed is rebuilt"],
        {},
    ),
    "trace-and-recall": (
        ["When a supplier reports a bad batch, every product made from it is traced and recalled"],
        {},
    ),
    "controlled-experiments": (
        [
            "Half the shoppers see the new checkout as an A/B test; the control group keeps the old one"
        ],
        {},
    ),
    "gapless-numbering": (
        ["Tax invoices are numbered consecutively per branch with no gaps"],
        {},
    ),
    "dual-control": (
        ["A refund above 500 euros needs maker-checker approval by a second person"],
        {},
    ),
    "client-tampering": (
        ["Runners could use fake GPS in the app to claim a faster time"],
        {},
    ),
    "runtime-configuration": (
        ["Merchandisers change promotion rules without a new release"],
        {},
    ),
    "settlement-finality": (
        ["Top-ups by card are credited at once, and chargebacks arrive weeks later"],
        {},
    ),
    "payment-allocation": (
        ["Each payment is applied to the oldest invoices first, then to late fees"],
        {},
    ),
    "deep-hierarchies": (
        ["Engineers ask where a part is used across 30,000 products before changing it"],
        {},
    ),
    "crawl-at-scale": (
        ["Our crawler fetches 5 million job ads from 900 sites every day"],
        {},
    ),
    "identity-proofing": (
        ["New drivers take a selfie and upload their photo ID before their first shift"],
        {},
    ),
    "usage-based-due-dates": (
        ["Each crane's inspections fall due by running hours or every six months"],
        {},
    ),
    "biometric-data": (
        ["Pupils pay for lunch with their fingerprint at the till"],
        {},
    ),
    "period-close": (
        ["After month-end close, changes are posted as adjustments in the next month"],
        {},
    ),
    "revenue-splits": (
        ["Ticket income is split between the venue and the promoter by their shares"],
        {},
    ),
    "code-classification": (
        ["Coders assign ICD-10 codes to every hospital stay for the claim"],
        {},
    ),
    "live-rankings": (
        ["The leaderboard of all teams updates live during the hackathon"],
        {},
    ),
    "search-index-freshness": (
        ["A job advert edited by the employer must be searchable within a minute"],
        {},
    ),
    "tenant-customisation": (
        ["Each clinic can add its own fields and statuses to the patient intake form"],
        {},
    ),
    "certified-randomness": (
        ["Each month's prize draw picks winners at random, auditable by the regulator"],
        {},
    ),
    "calendar-availability": (
        ["Patients book with any of three doctors; we read their Outlook calendars for free slots"],
        {},
    ),
    "raster-imagery": (
        ["Insurers see flood extents drawn from satellite imagery after each storm"],
        {},
    ),
    "usage-caps": (
        ["Players may buy at most 20 packs a day per account"],
        {},
    ),
    "device-provisioning": (
        ["Each smart meter is enrolled with its own certificate at the factory"],
        {},
    ),
    "test-data-masking": (
        ["Testers get a copy of production with patient names masked"],
        {},
    ),
    "statistical-process-control": (
        ["Fill weights are plotted on control charts and the line stops when out of control"],
        {},
    ),
    "support-impersonation": (
        ["Helpdesk staff can log in as the customer to fix their settings"],
        {},
    ),
    "async-exports": (
        ["Auditors export millions of rows of transactions; the file arrives as a link by email"],
        {},
    ),
    "redaction": (
        ["Card numbers are redacted from call recordings before quality review"],
        {},
    ),
    "provider-fan-out": (
        ["Each search asks 40 airlines in parallel for fares and combines the results"],
        {},
    ),
    "contract-pricing": (
        ["Dealers see their negotiated prices and volume discounts when they log in"],
        {},
    ),
    "returns-refunds": (
        ["Buyers print a return label and are refunded once the warehouse checks the item"],
        {},
    ),
    "internal-developer-platform": (
        ["Teams create services from templates and see a scorecard for each one"],
        {},
    ),
    "conversion-attribution": (
        [
            "Bloggers earn a commission when a reader buys through their referral link within 14 days"
        ],
        {},
    ),
    "contact-centre-calls": (
        ["Incoming calls wait in a queue until an agent who speaks the caller's language is free"],
        {},
    ),
    "anycast-edge": (
        ["Our name servers in 30 points of presence answer every lookup for the customer's zones"],
        {},
    ),
    "volumetric-attacks": (
        ["The booking site was knocked over by a botnet last spring and must survive DDoS floods"],
        {},
    ),
    "scheduled-release": (
        [
            "Exam grades are loaded a week early but stay hidden until the release time of 8:00 on results day"
        ],
        {},
    ),
    "working-time-rules": (
        ["Drivers may not be rostered without 11 hours of rest between shifts"],
        {},
    ),
    "credential-expiry": (
        [
            "Electricians are only sent to jobs while their licence is valid; licences expire every 3 years"
        ],
        {},
    ),
    "relationship-graph": (
        ["Investigators ask how two companies are connected through shared directors"],
        {},
    ),
    "missed-starts": (
        ["Security guards clock in and out at each site; a guard who has not arrived is chased"],
        {},
    ),
    # Recognised from the numbers (kb/data/archetypes/quantities.yaml), in plain wording.
    "bulk-egress": (
        ["Each member takes the yearly survey archive, a download of about 3 GB"],
        {"non_functional": {"users": {"total": 200_000}}},
    ),
    "high-write-rate": (
        ["Every till records each sale as it happens"],
        {"non_functional": {"throughput": {"writes_per_second": 25_000}}},
    ),
    "counting-at-volume": (
        ["Owners see daily unique users and counts per version"],
        {
            "functional": {"analytics": True},
            "non_functional": {"throughput": {"events_per_second": 80_000}},
        },
    ),
    "large-data-volume": (
        ["Scans are kept for the life of the account"],
        {"functional": {"data": {"size_gb": 50_000, "growth_gb_per_month": 4_000}}},
    ),
    "heavy-ingest": (
        ["Each instrument writes its frames to the site's storage"],
        {
            "functional": {"data": {"size_gb": 500, "growth_gb_per_month": 90_000}},
            "constraints": {"deployment": "on-prem"},
        },
    ),
    "multi-region-failover": (
        ["Brokers trade from three offices"],
        {
            "non_functional": {
                "multi_region": True,
                "availability_percent": 99.99,
                "rto_minutes": 5,
            }
        },
    ),
    "fast-client-input": (
        ["Each player's steering reaches the race server 60 times a second"],
        {
            "functional": {"realtime": True, "clients": ["ios"]},
            "non_functional": {
                "users": {"concurrent": 2_000},
                "throughput": {"events_per_second": 120_000},
                "latency": {"p99_ms": 60},
            },
        },
    ),
    "alerts-on-readings": (
        ["A keeper is notified when a hive's weight drops far below its usual daily swing"],
        {"functional": {"data": {"model": "time-series"}}},
    ),
    "public-service-accessibility": (
        ["Residents of the city apply for a parking permit online, everyone without help"],
        {"functional": {"clients": ["web"]}},
    ),
    # Twelfth round (i14g): an independent report by a date.
    "compliance-attestation": (
        ["Our first enterprise customers want a SOC 2 Type II report before they sign"],
        {},
    ),
    # Twelfth round (i14g): a result sent out is fixed by a new one, never edited.
    "corrections-reissue": (
        ["A lab result sent to the doctor is never changed; an error is fixed by a new result"],
        {},
    ),
    # Twelfth round (i14g): selling rights to use a work, said in the trade's words.
    "licence-sales": (
        [
            "Illustrators list their drawings; a publisher buys a licence for a print run",
            "Each illustrator gets a share of every licence sold",
        ],
        {},
    ),
    # Twelfth round, second wave (i14h): kinds said the way a client says them.
    "pass-sharing": (
        ["A climbing wall's members lend their entry card to friends at the door"],
        {},
    ),
    "offline-spending": (
        ["Festival bars sell drinks from prepaid wristbands even when the network is down"],
        {},
    ),
    "outside-members": (
        ["Each studio's workspace lets in freelancers from other companies for one project"],
        {},
    ),
    "masked-personal-data": (
        ["Researchers get the survey answers without names; the members' addresses are hidden"],
        {},
    ),
}


def test_there_are_enough_concerns_and_every_one_has_a_fixture() -> None:
    ids = {a.id for a in _concerns()}
    assert len(ids) >= 20
    assert ids == set(FIXTURES)


@pytest.mark.parametrize("concern", sorted(FIXTURES))
def test_a_concern_is_recognised_from_wording_and_numbers(concern: str) -> None:
    workflows, extra = FIXTURES[concern]
    ctx = _ctx(workflows, **extra)
    # A matched workload that covers the concern names its hard problems instead.
    covering = [m for m in ctx.matches if concern in m.archetype.covers]
    assert concern in _matched(ctx) or covering
    match = next(m for m in ctx.matches if m.archetype.id == concern or m in covering)
    assert match.why


def test_concerns_are_not_read_into_plain_crud() -> None:
    ctx = _ctx(["Staff create, edit and approve expense claims"])
    assert not [m for m in ctx.matches if m.archetype.kind == "concern"]


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("Managers open dashboards of sales and track waste by store", "media-processing"),
        ("Fans pick seats in the venue, at most four per customer", "tenant-isolation"),
        ("Exam moderators re-score a sample of papers", "abuse-moderation"),
        ("Riders see when the next bus reaches their stop", "remote-commands"),
        ("Playback stops on the device when the trial ends", "remote-commands"),
        ("Reports are sorted by date and searched by customer", "multilingual-text"),
        ("Each customer sees only its own usage", "noisy-neighbours"),
        ("Managers change the rota and staff see it", "control-data-plane"),
        ("Dealers open the auction for each car at noon", "remote-commands"),
        (
            "Photos sync in the background when the inspector is back on Wi-Fi",
            "mobile-background-sensing",
        ),
        ("Short links that point to malware are taken down", "upload-malware"),
        ("Clerks check the data entry of each claim", "ticket-validation"),
        ("Investors keep a watchlist of shares", "financial-crime-checks"),
        ("Shoppers return items with a QR code at the drop-off point", "ticket-validation"),
        ("Claims under the warranty are paid monthly", "lawful-access-requests"),
        (
            "Account holders transfer money; the app blocks other accounts' payees",
            "noisy-neighbours",
        ),
        ("A load balancer spreads requests; the team is in charge of the budget", "money-movement"),
        ("Reports stay accessible from any browser", "accessible-no-js"),
        ("The filing deadline is in the task description", "traffic-spikes"),
        ("Traders override the feed's odds on a few markets", "priority-override"),
        ("Each reading is checked against every rule of the site", "all-pairs-comparison"),
        ("The shop closes at 18:00 on Sundays", "hard-cutoff"),
        ("Passwords are stored hashed with a salt", "end-to-end-encryption"),
        ("Customers ask for a second data export", "two-data-centres"),
        ("Delivery vans share the depot's loading times", "shared-space-traffic"),
        ("Customers pay a monthly tariff for electricity", "shared-capacity-limit"),
        ("Nightly builds of the mobile app are published to testers", "reusable-build-outputs"),
        ("Students run lab experiments and upload the results", "controlled-experiments"),
        ("Invoices are sent by e-mail in PDF", "gapless-numbering"),
        ("Managers approve leave requests", "dual-control"),
        ("Listeners play the live stream of the radio station", "video-streaming"),
        ("The board wants a monthly report of churn by cohort", "data-migration"),
        ("Users search the catalogue by title", "search-index-freshness"),
        # Twelfth round (i14g): the words of a new idea in a sentence that means something else.
        ("The same photo is resized into three sizes for the gallery", "similarity-search"),
        ("A random sample of claims is checked by a second assessor", "certified-randomness"),
        ("Businesses pay the council a licence fee for each period", "licence-sales"),
        ("Drivers upload their licence and pay for the permit online", "licence-sales"),
        ("Staff fix errors in the draft before it is issued", "corrections-reissue"),
        ("The auditor reviews the accounts every year", "compliance-attestation"),
        ("Each customer sees its own orders", "tenant-customisation"),
        ("Random spot checks of 5% of claims by auditors", "certified-randomness"),
        ("Teachers report pupils cheating in class", "client-tampering"),
        ("Invoices are paid by bank transfer", "payment-allocation"),
        ("The team follows a waterfall plan", "payment-allocation"),
        ("The site hierarchy has three levels of menus", "deep-hierarchies"),
        ("The sales report shows the top 10 products", "live-rankings"),
        ("Scrap metal prices come from one supplier", "crawl-at-scale"),
        ("Our Java shop of 30 engineers builds the claims portal", "e-commerce"),
        ("Sales data goes to the data warehouse every night for reports", "warehouse-operations"),
    ],
)
def test_near_misses_do_not_raise_a_concern(text: str, concern: str) -> None:
    assert concern not in _matched(_ctx([text]))


def _kb_names() -> set[str]:
    kb = _book()[0]
    names: set[str] = set()
    for kind in ("technologies", "patterns"):
        for doc in kb.documents(kind):
            names.add(doc.name.casefold())
            names.update(a.casefold() for a in getattr(doc, "aliases", []))
    return names


def test_what_addresses_each_hard_problem_is_a_kb_name_or_an_explicit_practice() -> None:
    names = _kb_names()
    for concern in _concerns():
        for hp in concern.hard_problems:
            for item in hp.addressed_by:
                # A capitalised item is a knowledge-base name; a practice is written in lower case.
                assert item.casefold() in names or item[0].islower(), (concern.id, item)
            assert any(i.casefold() in names for i in hp.addressed_by) or all(
                i[0].islower() for i in hp.addressed_by
            )


def test_nudged_and_refused_names_exist_in_the_kb() -> None:
    names = _kb_names()
    for concern in _concerns():
        for a in concern.anti_patterns:
            assert all(n.casefold() in names for n in a.names), concern.id
        for p in concern.prefer:
            quoted = p.applies.split("[", 1)[1].rsplit("]", 1)[0]
            for n in (q.strip(" '") for q in quoted.split(",")):
                assert n.casefold() in names, (concern.id, n)


def test_a_concern_carries_no_components_of_its_own() -> None:
    base = _concerns()[0].model_dump(by_alias=True, exclude_none=True)
    with pytest.raises(ValidationError, match="components, assumptions"):
        Archetype.model_validate({**base, "components": {"small": {"database": ["PostgreSQL"]}}})


def test_workloads_come_first_and_a_concern_does_not_outvote_them() -> None:
    ctx = _ctx(
        [
            "Move the land title register off the mainframe one capability at a time",
            "Every night from 1 to 5 am the old system is down for maintenance",
            "Every deed keeps its history; searching the register by parcel and owner",
        ],
        constraints={"existing_systems": [{"name": "db2", "kind": "monolith", "keep": False}]},
    )
    kinds = [m.archetype.kind for m in ctx.matches]
    assert "legacy-integration" in _matched(ctx) and kinds[0] == "workload"
    assert kinds == sorted(kinds, key=lambda k: k == "concern")
    concern = next(t for t in ctx.tilts if t.label == "integrating a legacy system of record")
    # The workload names the pattern here (Strangler Fig); the concern's pattern nudge is dropped.
    assert concern.kind == "concern" and not [a for a in concern.prefer if "patterns" in a.topics]
    assert "legacy-integration" not in ctx.derived["archetypes"]
    assert "legacy-integration" in ctx.derived["concerns"]


def test_a_concern_can_make_a_queue_needed() -> None:
    _, book = _book()
    quiet = _ctx(["Members read the weekly schedule"])
    assert "messaging" not in quiet.derived["needed_by_concerns"]
    assert relevance("messaging", quiet, book)[0] != "yes"
    loud = _ctx(["Notify every subscriber by push when a match starts; 3 million subscribers"])
    assert "notification-fanout-concern" in _matched(loud)
    assert relevance("messaging", loud, book)[0] == "yes"


def test_an_isolated_network_excludes_managed_services_with_the_reason() -> None:
    _, book = _book()
    ctx = _ctx(["The control network is air-gapped: no internet, nothing may connect into it"])
    decision, _ = decide("deployment", ctx, book)
    out = {e.name: e.reasons for e in decision.excluded}
    assert any("isolated network" in r for r in out["AWS Lambda"])
    assert all(r.name not in {"AWS Lambda", "Cloud Run"} for r in decision.ranked)


def test_pages_without_javascript_need_no_frontend_framework() -> None:
    _, book = _book()
    ctx = _ctx(
        ["Residents apply for a permit; forms meet WCAG and work without JavaScript"],
        functional={"clients": ["web"]},
    )
    needed, because, _ = relevance("frontend_framework", ctx, book)
    assert needed == "no" and "progressively enhanced" in because


def test_the_report_marks_concerns() -> None:
    ctx = _ctx(["Upload CAD drawings of up to 2 GB; uploads resume after a dropped connection"])
    found = archetypes.report(ctx.matches, ctx)
    concern = next(a for a in found if a.id == "large-uploads")
    assert concern.kind == "concern"
    assert any("presigned" in hp.problem for hp in concern.hard_problems)


def test_the_opening_line_gives_each_concern_by_its_headline() -> None:
    ctx = _ctx(
        [
            "Upload CAD drawings of up to 2 GB; uploads resume after a dropped connection",
            "Find charging stations near me within a radius of 5 km",
        ]
    )
    found = archetypes.report(ctx.matches, ctx)
    # Each entry's headline comes before any entry's second problem.
    line = archetypes.hard_problems_line(archetypes.lead(found, 2), found) or ""
    assert line.startswith("The hard problems here: ")
    assert "Large uploads go straight to object storage (addressed by presigned" in line
    assert "Geospatial queries (radius, polygon, nearest) (addressed by" in line
    # A problem is given by its headline, without its detail; the rest stay in the report.
    assert "Storage growth" not in line and "never through the app servers" not in line


def test_a_workload_covers_only_concerns_that_exist() -> None:
    concerns = {a.id for a in _concerns()}
    covering = [a for a in _book()[1].archetypes if a.covers]
    assert covering
    for a in covering:
        assert a.kind == "workload" and set(a.covers) <= concerns, a.id


def test_a_covered_concern_is_not_repeated_next_to_its_workload() -> None:
    ctx = _ctx(
        [
            "Members chat in rooms and see who is online and who is typing",
            "Messages are delivered live to every member of the room",
        ],
        functional={"realtime": True},
    )
    ids = _matched(ctx)
    assert "realtime-messaging" in ids and "realtime-presence" not in ids
    alone = _ctx(["Show who is online and a typing indicator on each shared board"])
    assert "realtime-presence" in _matched(alone)


def test_a_concept_word_counts_for_every_signal_that_names_the_concept() -> None:
    book = _book()[1]
    assert "again after" in book.concepts["repeat-delivery"].words
    # No signal lists "again after" itself: the lexicon supplies it, and explain names the concept.
    ctx = _ctx(["Analysers send the same result again after a reconnect; no result shown twice"])
    match = next(m for m in ctx.matches if m.archetype.id == "duplicate-safe-requests")
    assert any("the same request or message may arrive again" in w for w in match.why)


def test_an_unknown_concept_is_bad_input_naming_the_archetype_and_field(tmp_path: Any) -> None:
    from archwise.errors import InputError

    folder = tmp_path / "kb" / "archetypes"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "- id: mine\n  kind: concern\n  name: Mine\n  summary: A test concern.\n"
        "  signals:\n    - {concepts: [repeat-delivry], why: typo}\n"
        "    - {words: [again], why: words}\n"
        "  hard_problems:\n    - {problem: P, addressed_by: [x], why: y}\n"
        "  sources:\n    - {title: t, checked: 2026-12-07}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        rulebook(load_kb([tmp_path / "kb"]))
    text = str(err.value) + " ".join(str(p) for p in err.value.problems)
    assert "mine" in text and "repeat-delivry" in text and "repeat-delivery" in text


def test_a_signal_needs_a_condition_or_words_or_concepts() -> None:
    with pytest.raises(ValidationError):
        Archetype.model_validate(
            {
                "id": "x",
                "kind": "concern",
                "name": "X",
                "summary": "s",
                "signals": [{"why": "nothing"}, {"words": ["a"], "why": "w"}],
                "hard_problems": [{"problem": "p", "addressed_by": ["x"], "why": "y"}],
                "sources": [{"title": "t", "checked": "2026-12-07"}],
            }
        )


@pytest.mark.parametrize(
    ("workflows", "concern"),
    [
        # A duration read from the text, not a phrase: how long the work runs.
        (["Each simulation runs on a rented cluster for 3 to 9 hours"], "long-jobs"),
        # A deadline in days set by law, whatever the words around it.
        (
            ["Complaints get a final answer within 8 weeks; the regulator requires it"],
            "statutory-deadlines",
        ),
        # A batch counted in records.
        (["Load the 2 million customer records from the old CRM as a CSV"], "bulk-import"),
        # A time of day the work is tied to, read from the text.
        (["Rosters are finalised by 15:30 and published to the wards"], "scheduled-jobs"),
        # A count of whatever a file holds, in the file's own unit.
        (["Translators import glossary files of up to 3 million terms"], "bulk-import"),
    ],
)
def test_numbers_in_the_text_are_evidence(workflows: list[str], concern: str) -> None:
    assert concern in _matched(_ctx(workflows))


def test_a_phrase_matches_inflected_words_and_an_article_between_them() -> None:
    assert archetypes._phrase("send the same result").search("the lab sends the same result")
    assert archetypes._phrase("predict arrival").search("predict the arrival of each bus")
    assert archetypes._phrase("double-book").search("no double booking")
    # Short words stay whole words, and the last word is the one that runs on.
    assert not archetypes._phrase("bid").search("bidirectional")
    assert not archetypes._phrase("book a").search("bookkeeping a")


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        (
            "the vans sit in car parks without any mobile signal until the evening",
            "connectivity-loss",
        ),
        ("the ombudsman gives us 8 weeks, and a late answer is a complaint upheld", "by-law"),
        ("if the level rises above the mark the keeper is paged", "out-of-range"),
        ("a noisy import by one client must never slow other customers", "noisy-neighbour"),
        (
            "fare changes set in the office take effect on every bus within seconds",
            "config-propagation",
        ),
        ("two clerks may amend the same booking at once", "concurrent-edit"),
        ("flag members who claim much more than they spend", "suspicious-pattern"),
        ("dental practices embed the booking form on their own sites", "business-customers"),
        ("if the fare changed in the meantime the booking is refused", "stale-quote"),
        ("a spent voucher can never be used again", "single-use"),
    ],
)
def test_a_concept_is_said_by_words_of_its_groups_in_one_sentence(
    sentence: str, concept: str
) -> None:
    groups = _book()[1].concepts[concept].together
    assert archetypes._together(groups, sentence)
    # The same words in two different sentences say nothing together.
    words = [archetypes._found(g, sentence)[0] for g in groups]
    assert not archetypes._together(groups, ". ".join(f"{w} here" for w in words[:1]) + ". other")


def test_together_groups_are_evidence_that_explain_shows() -> None:
    ctx = _ctx(["Drivers record deliveries on phones without mobile signal in the hills"])
    match = next(m for m in ctx.matches if m.archetype.id == "offline-devices")
    assert any("signal + without" in w for w in match.why)
