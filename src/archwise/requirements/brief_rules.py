"""The brief extractor's patterns, as a table: field, regular expression, how to read the value.

Placeholders in patterns: {Q} a number or range (group q), {APPROX} hedging words ("about",
"up to"), {MS} a latency with its unit, {DUR} a duration (group unit), {MONEY} an amount with
its currency, {TECHS} a run of technology names from the knowledge base (group techs).
Rules are tried in order; an earlier rule claims its text, so later rules skip it. A scalar
field keeps its first value; list and mapping fields collect every match.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from archwise.requirements import places

U = "non_functional.users"
T = "non_functional.throughput"
L = "non_functional.latency"
NF = "non_functional"
F = "functional"
D = "functional.data"
C = "constraints"
TEAM = "constraints.team"
OPS = "constraints.ops"
TECH = "constraints.technologies"


@dataclass(frozen=True)
class Rule:
    """One pattern: when it matches, field gets the value read by `read` (or `value`)."""

    field: str
    pattern: str
    read: str = "const"
    value: Any = None
    also: dict[str, Any] = _field(default_factory=dict)
    note: str | None = None
    overflow: str | None = None
    claims: bool = True
    # of competing numbers for one field, a rule that names the thing outright ("a team of 6")
    # is preferred to one that finds it in passing ("one developer maintained it")
    prefer: int = 0
    # a pattern that must occur in the 150 characters before the match ("so four" after a roll)
    after: str | None = None
    # a pattern that must not occur in the match's sentence ("on a normal weekday", "every day")
    not_after: str | None = None


# words before a count of users that make it a day's or a moment's ("On an ordinary weekday
# roughly 7,500 residents use the portal", "In the same moment ... 120 pharmacists will use it")
DAY_OR_MOMENT = (
    r"\b(?:day|daily|weekdays?|weekends?|mornings?|evenings?|nights?|week|weekly|month|monthly"
    r"|hour|peak|busiest|moment|same\s+time|at\s+once|simultaneous\w*|concurrent\w*|Mondays?"
    r"|Tuesdays?|Wednesdays?|Thursdays?|Fridays?|Saturdays?|Sundays?)\b"
)
BULLETS = r"(?P<bullets>(?:[ \t]{0,8}[-*+•][ \t]{1,8}[^\n]{1,2000}(?:\n|$)){1,500})"
# Percentiles as written before or after a latency: "p99", "99th percentile", "99%".
PCT = {
    "p99": r"(?:p\s?99|99th(?:\s+percentile)?|99\s*%(?:ile)?|99(?:th)?\s+percentile)(?![.\d])",
    "p95": r"(?:p\s?95|95th(?:\s+percentile)?|95\s*%(?:ile)?|95(?:th)?\s+percentile)",
    "p50": r"(?:p\s?50|50th(?:\s+percentile)?|median)",
    "p999": r"(?:p\s?99\.9|p\s?999|99\.9th(?:\s+percentile)?|99\.9\s*%(?:ile)?)",
}
# The same percentiles as a share of requests: "99% of requests", "ninety-five percent of calls".
SHARE = {
    "p99": r"(?:99\s*(?:%|percent|per\s?cent)|ninety[- ]nine\s+(?:%|percent|per\s?cent))",
    "p95": r"(?:95\s*(?:%|percent|per\s?cent)|ninety[- ]five\s+(?:%|percent|per\s?cent))",
    "p50": r"(?:50\s*(?:%|percent|per\s?cent)|fifty\s+(?:%|percent|per\s?cent)|half)",
    "p999": r"(?:99\.9\s*(?:%|percent|per\s?cent))",
}
OTHER_SHARE = r"(?:\d{1,2}(?:\.\d{1,3})?\s*(?:%|percent|per\s?cent))"
LAT_LINK = (
    r"(?:\s+(?:latency|response|responses|response\s+times?|message|page|API|time|times"
    # "p95 page load under 1.5s", "The median response time shall not exceed 300 ms"
    r"|load|loads|loading|render|renders|rendering|shall|will|has\s+to|needs?\s+to"
    r"|delivery|target|is|was|should|must|be|of)){0,4}"
    r"\s*(?:of|under|below|<=?|≤|less\s+than|within|at\s+most|:|=|target(?:\s+of)?"
    r"|(?:not|never)\s+exceed|stay\s+(?:under|below)"
    r"|around|about|~|in\s+under|no\s+more\s+than|max(?:imum)?|up\s+to)?"
    r"\s*(?:sub-?\s*)?"
)
TRAIL_LINK = r"(?:\s*(?:\(\s*)?(?:at|for\s+the|for)\s+(?:the\s+)?|\s*\(\s*|\s+)"
# "must answer within 2 seconds": a latency without a percentile, read as p99 with a note.
LAT_VERB = (
    r"(?:latency|response\s+times?|responses?|respond|answers?|answered|returned|load|loads"
    r"|loaded|ack|acknowledged|complete|completes|finish|finishes|open|opens"
    r"|render|renders|rendered|display|displayed|appear|appears|show\s+up|confirm|confirmed"
    r"|processed|served|come\s+back|comes\s+back|refresh|refreshes|refreshed|go\s+through"
    # "has to come up in under two seconds", "don't see it within 3 seconds", "pushed to
    # followers within 2 seconds", "waits more than 3 seconds for the page"
    r"|goes\s+through|come\s+up|comes\s+up|see\s+it|sees\s+it|pushed|arrive|arrives|waits?"
    # an outcome a user waits for: "must be saved within 2 seconds", "should be seen by customer
    # in maximum 5 seconds", "must reach the brewer's phone within 30 s", "Order assign to driver
    # maximum 3 second", "get a decision within 10 seconds"
    r"|visible|saved|stored|recorded|seen|assign|assigned|delivered|updated|reach|reaches"
    r"|receive|receives|get\s+(?:a|an|the|their)\s+(?:decision|answer|result|reply|confirmation))"
)
LAT_BOUND = (
    r"(?:in\s+maximum|in\s+max|under|below|less\s+than|within|in\s+less\s+than|at\s+most|maximum|max"
    r"|more\s+than|in\s+under|less\s+of"
    r"|no\s+more\s+than|<|of|in|:|=|(?:not|never)\s+exceed|(?:must|should)\s+stay\s+(?:under|below))"
)
UNDER = (
    r"(?:in\s+under\s+|under\s+|within\s+|below\s+|in\s+less\s+than\s+|less\s+than\s+"
    r"|no\s+more\s+than\s+|in\s+)?"
)
# "Ninety-five percent (95%) of page requests": the figure repeated in brackets
SHARE_OF = r"(?:\s*\(\s*\d{1,2}(?:\.\d{1,3})?\s*%\s*\))?\s+of\s+(?:[A-Za-z-]{2,20}\s+){1,3}?"
LAT_FILL = (
    r"(?:(?:shall|must|should|will|need\s+to|needs\s+to|have\s+to|has\s+to|be|get|are|is)\s+)?"
    r"(?:[A-Za-z]{2,15}\s+){0,2}?"
)
NOTE_P99 = "no percentile given: read as p99"
# a capitalised given name, accents included ("João", "Inês")
NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,20})"
# who on the team: "nobody here", "no one on the team", "nobody in house"
IN_TEAM = r"(?:here\s+|on\s+the\s+team\s+|in[- ]house\s+)?"
PEOPLE = r"(?:engineers|developers|devs|programmers|persons|person|people|engs?)"
DEVS = r"(?:engineers?|developers?|devs?|programmers?|engs?|maintainers?|coders?|RSEs?)"
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|dozen|hundred|thousand"
)
ROLE = (
    r"(?:back[- ]?end|front[- ]?end|full[- ]?stack|mobile|SREs?|devops|QA|data|ML|embedded"
    r"|platform|iOS|Android|infra(?:structure)?|ops|(?-i:BE|FE))"
)
# Staff groups: "6 Kotlin developers", "two backend devs", "4 devs (Python, FastAPI)".
STAFF = (
    r"{APPROX}{Q}\s+(?P<quals>(?:(?!(?:" + NUMBER_WORDS + r"|and|or|of|in|with)\b(?!-))"
    r"[A-Za-z#.+/-][\w#.+/-]{0,19}\s+){0,3}?)"
    + r"(?:"
    + DEVS
    + r"|contractors?|freelancers?|DBAs?|(?:back[- ]?end|front[- ]?end|full[- ]?stack)(?=\s*\()"
    # "4 person for backend, 2 person for front": people assigned to a part of the build
    + r"|(?:persons?|people)(?=\s+(?:for|on|doing)\s+(?:the\s+)?(?:back|front|full|mobile|web|apps?"
    + r"|iOS|Android|data|devops|QA|infra|server|API)\w*\b)"
    # "Two founders who write code", "four people who know Ruby on Rails"
    + r"|(?:co-?)?founders?\s+who\s+(?:write\s+code|code|program)"
    + r"|(?:people|persons|folks|volunteers)\s+who\s+(?:know|write|code|program)(?=\s+[A-Z])"
    # "two members who are professional developers"
    + r"|(?:people|persons|folks|volunteers|members|parents|friends)\s+who\s+are\s+"
    + r"(?:[a-z-]{3,15}\s+)?"
    + DEVS
    + r")"
    + r"\b(?:\s*\((?P<paren>(?!\s*\d)[^)\n]{1,80})\)|\s+(?:in|with|on|of)\s+{TECHS})?"
)
# one person or group in a roll call of the team, and what separates them
ROLL_ITEM = (
    # "you and your friend" (not "just you, Jake": a name after a comma is who is spoken to)
    r"(?:(?:(?-i:me|myself|I|Me|Myself|(?:you|You)(?=[ \t]+and\b))|" + NAME + r")"
    r"(?:[ \t]*\((?!\s*\d)[^()\n]{2,80}\))?"
    # "Tobi, who lives in Vue, and ...": what a person does, said between commas
    r"(?:[ \t]*,[ \t]*who[ \t][^,()\n]{1,60}(?=,))?"
    r"|(?:my|your)\s+[a-z]{3,15}|the\s+(?:two|three|four|five"
    r"|six|\d)\s+of\s+us|us\s+(?:two|three|four|five|six|\d)\b|(?:an?|one|two|three|four|five|six|seven|eight|\d{1,2})\s+"
    r"(?:[A-Za-z-]{2,15}\s+)?(?:freelancers?|contractors?|devs?|developers?|engineers?|interns?"
    r"|others|more|co-?founders?|designers?|testers?|people|guys|juniors?|seniors?|volunteers?"
    r"|students?))"
    r"(?:[ \t]+from[ \t]+(?:the[ \t]+)?[A-Za-z-]{2,20})?"
)
# a person and what they do, in brackets: "Priya (Python/Flask)", "me (TypeScript)"
PAREN_ITEM = (
    r"(?:(?-i:me|Me|I)|" + NAME + r"(?:[ \t]" + NAME + r")?)"
    r"[ \t]*(?:\n[ \t]*)?\((?!\s*\d)[^()\n]{2,60}\)"
)
# a person named without a bracket between two who have one: "Rita (Flutter), João and me (Python)"
BARE_NAME = r"(?:(?-i:me|Me|I)|" + NAME + r")"
ROLL_SEP = r"(?:[ \t]*,[ \t]*(?:and[ \t]+|plus[ \t]+)?|[ \t]+(?:and|plus)[ \t]+|[ \t]*[+&][ \t]*)"
FACTOR_WORDS = r"two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\s+hundred"
HORIZON = (
    r"(?:(?:in|within|by|over|for)\s+(?:at\s+least\s+|about\s+|roughly\s+)?(?:the\s+)?(?:next\s+)?"
    r"(?:(?:1-2|one\s+to\s+two|1\s+to\s+2|2-3|two\s+to\s+three|a\s+couple\s+of|one|two|three|four"
    r"|five|a|\d{1,2})\s+)?(?:years?|yrs?)\b"
    r"|in\s+a\s+year\s+or\s+two|(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?next\s+year|next\s+year|(?:in|within)\s+(?:18|24|36)\s+months"
    r"|by\s+(?:the\s+)?(?:end\s+of\s+)?20\d\d|next\s+season"
    # "5,000 students ... simultaneously next December", "target 2 yrs: 1,500 at the same time"
    r"|next\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|spring|summer|autumn|fall|winter)\b"
    r"|(?:target|goal|plan)\s*(?:in\s+|of\s+|for\s+)?(?:1|2|3|one|two|three)\s+(?:years?|yrs?)\b)"
)


_PROVIDER = (
    r"(?:\bon|\bin|\busing|\buse|\buses|\bwith|\bonto|hosted\s+(?:on|at|in|with)|host\s+on"
    r"|\bassum(?:e|es|ing)"
    # a provider chosen: "We propose Google Cloud in London", "we picked Azure"
    r"|\b(?:propos(?:e|es|ed|ing)|recommend(?:s|ed|ing)?|chose|chosen|choose|picked|selected)"
    r"|runs?\s+on|deploy(?:ed)?\s+(?:on|to)|(?:move|moving|moved|migrat\w*|go|going|switch\w*)\s+to"
    r"|stays?\s+on|staying\s+on|\ban?|cloud\s*[:,|]|provider\s*[:,|]|hosting\s*[:,|]"
    r"|infra(?:structure)?(?:\*\*)?\s*[:,|.](?:\*\*)?)\s+"
    r"(?:the\s+|our\s+(?:[a-z]{3,12}\s+)?)?(?:{P})\b"
    r"|\b(?:{P})\s+(?:shop|account|only|tenant|subscription|credits|region|landing\s+zone"
    r"|organi[sz]ation|consumption|spend|bill|invoice|costs?|footprint|setup|set-up|stack"
    r"|environment)"
    r"|(?m:^[ \t]{0,8}(?:[-*+•][ \t]{1,4})?(?:{P})[ \t]*(?:$|[,;(:]|[—–]|-\s))"
    # "hosted on the Government Cloud framework (Microsoft Azure)"
    r"|\b(?:host\w*|cloud|run\w*|platform)\b[^.\n]{0,50}\(\s*(?:{P})\s*\)"
    r"|\|[ \t]*(?:{P})[ \t]*(?:\||\()|\bcredits\s+(?:on|with|for)\s+(?:{P})"
    # "AWS eu-west-1", "GCP europe-west2": the provider with one of its regions
    r"|\b(?:{P})[ \t,(]+(?:[a-z]{2}-[a-z]{4,9}-?\d|[a-z]{5,9}-[a-z]{4,9}\d"
    r"|[a-z]{6,14}(?:east|west|south|north|central)\d?)\b"
)


# hosting companies the schema has no cloud value for: where they run it is `cloud`
HOSTERS = (
    r"DigitalOcean|Digital\s+Ocean|Hetzner|OVH(?:cloud)?|Linode|Akamai\s+Cloud|Vultr|Scaleway"
    r"|Heroku|Render|Fly\.io|Railway|Vercel|Netlify|Oracle\s+Cloud|IBM\s+Cloud|Alibaba\s+Cloud"
    r"|Cloudflare\s+Workers"
)


def _provider(spelling: str) -> str:
    """Where a cloud provider is named as the place the system runs."""
    return _PROVIDER.replace("{P}", spelling)


# where data must be, with the adverbs people put before it: "must remain onshore in Australia",
# "stored in-country, in Kenya", "kept physically within Canada"
WHERE_IN = (
    r"(?:(?:only|onshore|on-shore|locally|physically|exclusively|entirely|solely|wholly|fully"
    r"|strictly|in-country|in\s+country|domestically|absolutely)(?:\s*,)?\s+){0,2}(?:in|within)"
)
# a cloud region code: "eu-west-1" (AWS), "europe-west2" (GCP)
REGION_CODE = (
    r"(?:(?:us|eu|ap|sa|ca|me|af|il)-(?:east|west|north|south|central|northeast|southeast"
    r"|northwest|southwest)-\d|(?:europe|us|asia|australia|northamerica|southamerica|me)-(?:west"
    r"|east|north|south|central|northeast|southeast|southwest)\d)\b"
)
# what an event rate counts
EVENT_NOUN = (
    r"events?|messages?|msgs?|notifications?|pings?|readings?|alerts?|emails?|pushes|signals?"
    r"|samples?|ticks?|quotes?|trades?|updates?|changes|positions?|reports|heartbeats?|frames"
    r"|data\s+points|log\s+lines|status\s+changes"
)
# a label asked as a question and answered on its line: "Recovery time objective?   A: 2 hours."
ANSWERED = r"(?:\s*\?\s*(?:A|Answer|Response)\s*[:.]\s*|\s*\?\s*)?"
# a character of one clause, where a line break that wraps prose is no end ("Photo of the Aadhaar
# / card is required")
WRAPPED = r"(?:[^.;!?\n]|\n(?![ \t]*(?:\n|[-*•|>#]|\d{1,3}[.)][ \t])))"
# media that are files by what they are, singular or plural
MEDIA_NOUN = (
    r"photos?|photographs?|photographed|filmed|videos?|recordings?|PDFs?|x-rays?|radiographs?"
    r"|DICOM|selfies?|audio(?!\s+(?:quality|latency|alerts?|cues?|feedback|signals?))"
    r"|footage|(?:audio|video|voice)\s+(?:files?|recordings?|clips?|memos?|notes?|messages?)"
    r"|CVs?|résumés?|resumes|attachments?|floor\s+plans?|3D\s+models?|JPE?Gs?|PNGs?|MP[34]s?"
    r"|(?<!docker\s)(?<!container\s)(?<!base\s)(?<!disk\s)(?<!VM\s)(?<!brand\s)(?<!public\s)"
    r"(?<!OS\s)(?<!system\s)images?(?!\s+(?:registry|registries|tag|build|layer))"
    r"|(?<!big\s)(?<!full\s)(?<!clear\s)(?<!whole\s)pictures?(?!\s+is\b)"
)
# things kept as files, and what a system does with them
FILE_NOUN = (
    r"photos?|photographs?|images|pictures|videos?|scans|scanned\s+[a-z]{3,15}|PDFs?|documents"
    r"|recordings|attachments|(?<!social\s)media|audio|STL\s+files|DICOM|x-rays|radiographs|clips"
    r"|uploads|voice\s+notes|drawings|calibration\s+PDFs|selfies?|screenshots?|footage|blueprints"
    # file formats named for what is kept
    r"|JPE?Gs?|PNGs?|PSDs?|TIFFs?|HEICs?|MP[34]s?|WAVs?|DOCX|(?:[A-Za-z]{3,12}\s+)?\(PDF\)"
)
FILE_VERB = (
    r"upload\w*|download\w*|stor(?:e|ed|es|ing)|keep|keeps|kept|retain\w*|archiv\w*"
    r"|object\s+storage|blob\s+storage|buckets?|attach(?:e[ds])?|captur\w*|submit\w*"
    r"|deliver\w*|(?:is|are)\s+required|needs?|requires?|must\s+(?:send|provide)|sends?\s+(?:us|in)"
)
# a spike's length and what it multiplies: "for maybe 5 min", "during 2 hour", "the weekday
# load", "from normal", "the normal uploads"
SPIKE_FOR = r"(?:for|during|lasting|over)\s+(?:the\s+(?:first\s+)?)?"
SPIKE_HEDGE = r"(?:about\s+|around\s+|~\s*|roughly\s+|maybe\s+|up\s+to\s+|some\s+|approx\.?\s+)?"
SPIKE_OF = (
    r"(?:that|(?:the|a|an|our)\s+(?:[\w-]{3,20}\s+)?(?:normal|usual|average|baseline|regular|typical|ordinary"
    r"|weekday|everyday|daily|off-peak|day-to-day)|normal|usual|average|baseline|regular"
    r"|(?:from|over|above|of|vs\.?|versus)\s+(?:the\s+)?(?:normal|usual|average|baseline|regular"
    r"|typical|weekday)"
    # "about 6x busier than a normal morning": the multiple said as a comparison
    r"|(?:busier|more|higher|heavier|bigger|larger)\s+than\s+(?:(?:a|an|the|our|on\s+a)\s+)?"
    r"(?:normal|usual|average|baseline|regular|typical|ordinary|weekday|quiet))\b"
)


def _latency_rules() -> list[Rule]:
    rules: list[Rule] = []
    for key in ("p999", "p99", "p95", "p50"):
        field = f"{L}.{key}_ms"
        # "99% of requests within 2 s", "half of them within 300 ms"
        rules.append(Rule(field, SHARE[key] + SHARE_OF + LAT_FILL + LAT_BOUND + r"\s*{MS}", "ms"))
        # "under 2 s for 99% of requests"
        share = r"{MS}\s+(?:for|in|on)\s+(?:the\s+)?" + SHARE[key] + r"\s+of\b"
        rules.append(Rule(field, UNDER + share, "ms"))
        rules.append(Rule(field, PCT[key] + LAT_LINK + "{MS}", "ms"))
        rules.append(
            Rule(
                field,
                r"(?:sub-?\s*|under\s+|below\s+|<\s*|less\s+than\s+|within\s+|in\s+)?{MS}"
                + TRAIL_LINK
                + PCT[key],
                "ms",
            )
        )
    # a share the schema has no field for (p90) is claimed, so it is not read as p99
    rules.append(
        Rule(f"{L}.p99_ms", OTHER_SHARE + SHARE_OF + LAT_FILL + LAT_BOUND + r"\s*{MS}", "ignore")
    )
    rules.append(Rule(f"{L}.p99_ms", UNDER + r"{MS}\s+for\s+" + OTHER_SHARE + r"\s+of\b", "ignore"))
    return rules


RULES: list[Rule] = [
    Rule("name", r"(?m)^\#[ \t]{1,8}(?P<v>[^\n#]{2,80}?)[ \t]*$", "text"),
    # bulleted lists under a heading or label; they do not claim their text, so the values
    # inside the bullets ("real-time", "30 days retention") are still read by the rules below
    Rule(
        f"{F}.nice_to_have",
        r"(?im)^[#*_ \t]{0,8}(?:nice[- ]to[- ]haves?|later|could\s+have"
        r"|out\s+of\s+scope\s+for\s+the\s+MVP)\b[^\n]{0,200}\n" + BULLETS,
        "bullets",
        claims=False,
    ),
    Rule(
        f"{F}.critical_features",
        r"(?im)^[#*_ \t]{0,8}(?:critical\s+features|must[- ]haves?|MVP\s+scope|MVP\s+features)"
        r"\b[^\n]{0,200}\n" + BULLETS,
        "bullets",
        claims=False,
    ),
    Rule(
        f"{F}.workflows",
        r"(?im)^[#*_ \t]{0,8}(?:core\s+)?(?:user\s+)?(?:workflows|user\s+journeys|use\s+cases"
        r"|functional(?:\s+requirements)?|what\s+it\s+does)\b[^\n]{0,200}\n" + BULLETS,
        "bullets",
        claims=False,
    ),
    Rule(
        "name",
        r"(?im)^(?:project|system|name|service|product|app)(?:[ \t]+name)?[ \t]*[:|][ \t]*"
        r"(?P<v>[^\n|]{2,80}?)[ \t]*\|?[ \t]*$",
        "text",
    ),
    # a first line "Skyforge: backend pitch", "Greenlane — investor update": the name, then
    # what kind of document this is
    Rule(
        "name",
        r"\A[\W_]{0,8}?(?!(?:subject|title|re|fwd?|from|to|date|hi|hello|dear|update|notes?)\b)"
        r"(?P<v>(?-i:[A-Z][a-z][\w-]{0,29}(?:\s[A-Z][\w-]{1,30}){0,2}))\s*(?:—|–|-|:)\s+"
        r"(?:[\w,'-]+\s+){0,6}?(?:update|pitch|spec|specification|brief|notes|proposal|request"
        r"|plan|design|requirements|overview|memo|summary|RFC|deck|one-pager|PRD)\b",
        "text",
    ),
    # "We're building Potluck, a ...", "founder of Campfire": a product named in prose
    Rule(
        "name",
        r"\b(?:we're|we\s+are|I'm|I\s+am)\s+building\s+(?P<v>(?-i:[A-Z][\w-]{1,30}))(?=\s*[,(—–:]|\s+-\s)",
        "text",
    ),
    Rule(
        "name",
        r"\b(?:co-?founder|founder|CEO|CTO)\s+(?:of|at)\s+(?P<v>(?-i:[A-Z][\w-]{1,30}))\b",
        "text",
    ),
    # growth as a factor of today's figure ("10x next year", "doubling every year for two years")
    Rule(
        "_growth",
        r"(?P<f>\d{1,3}(?:\.\d)?|" + FACTOR_WORDS + r")\s*(?:[x×]|times|-?fold)\s+"
        r"(?:growth\s+|more\s+|the\s+users\s+|(?:that|this|it)\s+)?(?P<h>" + HORIZON + ")",
        "factor",
    ),
    # "3x today's peak within two years", "5x today's peak of 8,000 riders online by end of 2028"
    Rule(
        "_growth",
        r"(?P<f>\d{1,3}(?:\.\d)?|" + FACTOR_WORDS + r")\s*(?:[x×]|times|-?fold)\s+"
        r"(?:today's|the\s+current|current|our\s+current|that|this|the)\s+[^.;\n]{0,60}?"
        r"(?P<h>" + HORIZON + ")",
        "factor",
        claims=False,  # "5x today's peak of 8,000 riders online": the count inside is today's
    ),
    Rule(
        "_growth",
        r"(?P<h>"
        + HORIZON
        + r")\s*[:,-]?\s*(?P<f>\d{1,3}(?:\.\d)?|"
        + FACTOR_WORDS
        + r")\s*(?:[x×]|times|-?fold)\b",
        "factor",
    ),
    Rule(
        "_growth",
        r"(?P<f>doubl\w*|tripl\w*)\s+(?:every|each)\s+year\s+(?:for\s+)?(?:the\s+)?(?:next\s+)?"
        r"(?P<n>one|two|three|1|2|3)\s+years",
        "factor",
    ),
    # "next year ... so probably double that lunch rush"
    Rule(
        "_growth",
        r"(?P<h>"
        + HORIZON
        + r")\b[^.;\n?!]{0,60}?(?:\b(?P<f>double|triple)|(?<![\w.])(?P<f2>\d{1,2}"
        r"(?:\.\d)?)\s*[x×])\s+(?:that|this|it|the|our)\b",
        "factor",
    ),
    # "expect to double within two years", "grow 3x over the next three years"
    Rule(
        "_growth",
        r"\b(?P<f>double|doubles|doubling|triple|triples|tripling)\b(?:\s+[\w'-]{1,15}){0,3}?\s+"
        r"(?P<h>" + HORIZON + ")",
        "factor",
    ),
    # users: an explicit "(1M in 2 years)" first; other counts are moved to the growth field
    # afterwards when a horizon ("within three years") stands next to them in the sentence
    Rule(
        f"{U}.concurrent_in_2_years",
        r"\(\s*{Q}\s+(?:(?:concurrent\s+)?users\s+)?(?:in|within|by)\s+"
        r"(?:1-2|one\s+to\s+two|1\s+to\s+2|2|two|the\s+next\s+two)\s+years?\s*\)",
        "count",
    ),
    Rule(
        f"{U}.concurrent_in_2_years",
        r"(?:grow(?:ing|s)?|scal(?:e|ing|es)|reach(?:ing|es)?|expect(?:ing)?|ris(?:e|ing)|up)"
        r"\s+to\s+{APPROX}{Q}(?:\s+(?:concurrent\s+|simultaneous\s+|active\s+)?"
        r"(?:users|connections))?\s+(?:in|within|by)\s+(?:the\s+next\s+)?"
        r"(?:1-2|one\s+to\s+two|1\s+to\s+2|2|two|24\s+months)\s*(?:years?)?",
        "count",
    ),
    Rule(
        f"{U}.concurrent",
        r"{APPROX}{Q}\s+(?:[\"'“”A-Za-z-]{1,20}\s+){0,5}?(?:online\s+|connected\s+|logged\s+in\s+"
        r"|using\s+it\s+|active\s+)?(?:at\s+once|(?:at\s+|in\s+)?(?:the\s+)?(?:exact\s+|very\s+)?"
        r"same\s+(?:time|moment"
        r"|minute|second)"
        r"|simultaneously|concurrently|at\s+any\s+(?:one\s+|given\s+)?time)",
        "count",
    ),
    Rule(
        f"{U}.concurrent",
        r"{APPROX}{Q}[\"'”’]?\s+(?:concurrent(?:ly)?|simultaneous|concurrently[- ]connected"
        r"|online)\s+"
        r"(?:users|connections|clients|players|viewers|sessions|devices|callers|editors|"
        r"visitors|people|students|customers|candidates|learners|members|patients|drivers|riders"
        r"|fans|shoppers|buyers|agents|operators|employees|traders|clinicians|teachers|pupils"
        r"|participants|attendees|guests|workers|dispatchers|citizens|subscribers"
        r"|[A-Za-z]{2,20}(?=\s+(?:online|at|on|during)\b))",
        "count",
    ),
    Rule(f"{U}.concurrent", r"{APPROX}{Q}\s*(?:concurrent|CCU)\b", "count"),
    # "In the same moment there are around 80 users connected": the moment named first
    Rule(
        f"{U}.concurrent",
        r"(?:at|in)\s+(?:the\s+)?same\s+(?:time|moment)(?:\s*,)?\s+(?:there\s+(?:are|is)\s+|we\s+have\s+)?"
        r"{APPROX}{Q}\s+(?:[A-Za-z-]{2,20}\s+){0,2}?(?:connected|online|logged\s+in|active)\b",
        "count",
    ),
    Rule(
        f"{U}.concurrent",
        r"(?:concurrent\s+users|concurrency|CCU)\s*(?:of|:|=|around|about|target|is|was)?\s*"
        r"{APPROX}{Q}",
        "count",
    ),
    Rule(
        f"{U}.daily_active",
        r"{APPROX}{Q}\s+(?:daily\s+active\s+users|daily\s+actives?|DAUs?\b|daily\s+(?:users|readers"
        r"|visitors|players)|users\s+(?:a|per)\s+day|people\s+(?:a|per|every)\s+day)",
        "count",
    ),
    Rule(f"{U}.daily_active", r"\bDAUs?\s*(?:of|:|=|is|was|at)?\s*{APPROX}{Q}", "count"),
    Rule(
        f"{U}.daily_active",
        r"(?:every|each|per|a)\s+day\b[^.;\d]{0,30}?{APPROX}{Q}\s+(?:[A-Za-z]{2,20}\s+)?"
        r"(?:users|visitors|people|customers|clients|players|readers|members)\b"
        r"|{APPROX}{Q}\s+(?:[A-Za-z]{2,20}\s+)?(?:users|visitors|people|customers|clients|players"
        r"|readers|members)\s+(?:\w+\s+){0,3}?(?:every|each|per|a)\s+day\b",
        "count",
    ),
    Rule(
        f"{U}.total",
        r"{APPROX}{Q}\s+(?:registered\s+[A-Za-z]{2,20}|(?:[A-Za-z]{2,20}\s+)?(?:user\s+)?accounts"
        r"|total\s+users|users\s+(?:in\s+)?total|sign-?ups)",
        "count",
    ),
    Rule(f"{U}.total", r"{APPROX}{Q}\s+(?:[A-Za-z]{2,20}\s+){1,4}?registered\b", "count"),
    Rule(
        f"{U}.total",
        r"{APPROX}{Q}\s+(?:[A-Za-z]{2,20}\s+){1,2}(?:have|hold|with|own)\s+"
        r"(?:an?\s+|their\s+own\s+)?(?:[A-Za-z-]{2,15}\s+)?(?:user\s+)?accounts?\b",
        "count",
    ),
    # who holds an identity in the system, however many words name them before the verb:
    # "1,400 enumerators and caseworkers will hold accounts", "~2.3k have actually linked an
    # account", "260 nurses and dieticians which will have an user", "2,000 families will register"
    Rule(
        f"{U}.total",
        r"{APPROX}{Q}\s+(?:(?!(?:hundred|thousand|million|of|per|a|an|every|each)\b)[A-Za-z-]{2,20}"
        r"\s+){0,4}?(?:(?:which|who|that)\s+)?(?:(?:will|shall|should|would|must|can|to|already"
        r"|actually|now|each|all|also)\s+){0,2}"
        r"(?:(?:have|hold|get|got|receive|own|link|linked|create|created|open|opened|set\s+up|has|holds|need)\s+(?:(?:an?|their"
        r"|its|his|her|a\s+personal)\s+(?:own\s+)?)?(?:[A-Za-z-]{2,15}\s+)?(?:user\s+)?"
        r"(?:accounts?|logins?|log-ins?|user|users|user\s+IDs?)\b"
        r"|register\b(?!\s+(?:office|address|mail|of))|sign\s+up\b)",
        "count",
    ),
    # who the system is for, named as its users: "used by all 2,150 of its complaint handlers",
    # "25 shift leads + 10 engineers use the console" (groups joined by + or 'and' add up)
    Rule(
        f"{U}.total",
        r"\b(?:used|accessed|operated)\s+by\s+(?:all\s+|every\s+one\s+of\s+)?(?:the\s+)?"
        r"{APPROX}{Q}\s+(?:of\s+(?:its|our|their|the)\s+)?(?:[A-Za-z-]{2,20}\s+){0,2}?"
        r"(?:[A-Za-z-]{1,20}(?:ers|ors|ists|ians|ants|ents)|staff|people|members|employees|nurses"
        r"|leads|clerks|pupils)\b",
        "count",
    ),
    Rule(
        f"{U}.total",
        # one group is enough: "40 farm staff use the dashboard"
        r"(?P<sum>\b{NUM}\s+(?:[A-Za-z-]{2,20}\s+){0,2}?(?:[A-Za-z-]{2,20}s|staff|personnel)"
        r"(?:\s*(?:\+|&|,|\band\b)\s*"
        r"{NUM}\s+(?:[A-Za-z-]{2,20}\s+){0,2}?[A-Za-z-]{2,20}s){0,4})\s+(?:(?:will|would|shall|can"
        r"|all|each|also)\s+)?(?:use\s+(?:the|this|our|their|its)\s+(?:[A-Za-z-]{2,15}\s+)?(?:system"
        r"|app|application|platform|console|portal|tool|site|software|service|dashboard)"
        # "only the 25 planning officers will log in", "the 14 staff use it"
        r"|use\s+(?:it|this)\b(?!\s+(?:is|was|for)\b)|log\s*in|sign\s+in)\b"
        # "log in every morning", "use the app at the same time": a day's or a moment's users
        r"(?!\s+(?:every|each|per|daily|a\s+day|on\s+(?:a|an|any|weekdays?|weekends?)|at\s+once"
        r"|at\s+the\s+same|simultaneously|concurrently)\b)",
        "sum",
    ),
    # "2 400 members, and about 150 of them will actually use the booking app": the part that
    # uses it is the users
    Rule(
        f"{U}.total",
        r"{APPROX}{Q}\s+of\s+(?:them|those|these|us)\s+(?:(?:will|would|shall|actually|really|can"
        r"|are\s+going\s+to)\s+){0,2}(?:use|log\s*in|sign\s+in|have\s+(?:an\s+)?accounts?)\b",
        "count",
        prefer=2,
        # "On a normal weekday about 65,000 of them will use the app": a day's users, not all
        not_after=DAY_OR_MOMENT,
    ),
    # "2,000 nurses, up to 700 of them online": the whole is the total
    Rule(
        f"{U}.total",
        # the phrase is the whole only, so the part is still read ("11k of them active on any
        # given day" is the daily figure)
        # (the noun is no number word: "maybe two hundred of them are in the app" has no whole)
        r"{APPROX}{Q}\s+(?!(?:hundred|thousand|million|billion|dozen|lakh|crore)s?\b)[A-Za-z]{2,20}"
        r"(?=,?\s+(?:(?:up\s+to|about|around|roughly|maybe|perhaps)\s+)?"
        r"(?:[\w.,-]{1,20}(?:\s+[\w-]{1,12})?\s+)?of\s+(?:them|whom)\b"
        r"(?:\s+(?:up\s+to\s+)?[\w.,-]{1,12})?(?:\s+[\w-]{1,12}){0,4}?\s+(?:online|connected"
        r"|active|concurrent\w*|simultaneous\w*|logged|using|use|at\s+(?:once|the\s+same)"
        r"|in\s+(?:the\s+)?same)\b)",
        "count",
        claims=False,
    ),
    # throughput
    # an event rate is one whether it is an average or a peak ("~245 events/s on average")
    Rule(
        f"{T}.events_per_second",
        r"{APPROX}{Q}\s*(?:(?:price|market|GPS|location|position|telemetry)\s+)?(?:events?|messages?"
        r"|msgs?|notifications?|pings?|readings?|alerts?|emails?|pushes|signals?|samples?|ticks?"
        r"|quotes?|trades?|updates?)\s*(?:per|/|a)\s*(?:second|sec|s)\b",
        "number",
    ),
    # the same with any words naming the events, and per minute or hour: "30 status changes a
    # second", "up to 2,700 payment messages a minute", "18,000 meter readings an hour"
    Rule(
        f"{T}.events_per_second",
        r"{APPROX}{Q}\s*(?:[A-Za-z-]{2,15}\s+){0,2}?(?:"
        + EVENT_NOUN
        + r")\s*(?:per|/|a|an|each)\s*"
        r"(?P<unit>second|sec|s|minute|min|hour|hr|h)\b",
        "rate",
    ),
    Rule(
        f"{T}.average_rps",
        r"(?:average|avg|typical(?:ly)?|normal(?:ly)?|on\s+average)\b(?:\s+(?:is|of|load|around"
        r"|about|at|was|traffic|rate|day)){0,3}\s*(?:~\s*)?{APPROX}{Q}\s*{RATE}",
        "number",
    ),
    Rule(f"{T}.average_rps", r"{APPROX}{Q}\s*{RATE}\s+(?:on\s+)?(?:average|avg|mean)\b", "number"),
    # "peak 3,500 TPS, avg ~600": the average after a rate, in its unit
    Rule(
        f"{T}.average_rps",
        r"{RATE}\s*[,;/]\s*(?:avg|average|mean)\s*[:=]?\s*{APPROX}{Q}\b(?!\s*(?:ms|s|%))",
        "number",
        claims=False,
    ),
    Rule(
        f"{T}.writes_per_second",
        r"{APPROX}{Q}\s*(?:writes?|inserts?|updates?)\s*(?:per|/|a)\s*(?:second|sec|s)\b",
        "number",
    ),
    # a rate per node is a benchmark of one machine: "from 1,200 to 4,800 lookups/s per node"
    Rule(
        f"{T}.peak_rps",
        r"{APPROX}{Q}\s*(?:[A-Za-z]{2,15}\s+)?{RATE}\s+(?:per|/|a|each)\s+(?:node|instance|server"
        r"|core|CPU|vCPU|pod|worker|machine|host|replica|shard|thread)\b",
        "ignore",
    ),
    Rule(f"{T}.peak_rps", r"{APPROX}{Q}\s*(?:[A-Za-z]{2,15}\s+)?{RATE}", "number"),
    Rule(
        f"{T}.peak_rps",
        r"(?:peak\s+)?(?:QPS|RPS|req/s)\s*(?:[:=]|of|is|at|was)?\s*{APPROX}{Q}",
        "number",
    ),
    # "12,000 orders per minute at peak": a rate per minute, in requests per second
    Rule(
        f"{T}.peak_rps",
        r"{APPROX}{Q}\s*(?:[A-Za-z]{2,15}\s+){0,2}?(?:requests?|orders|calls|queries|transactions"
        r"|checkouts|bookings|searches|payments)\s*(?:per|/|a|an|each)\s*(?:minute|min)\b",
        "per_minute",
        note="a rate per minute, divided by 60",
    ),
    # latency: percentiles first; a bare "latency under 200 ms" is read as p99
    # a value changed "from X to Y": X is the old one, claimed so only Y is read ("p99 latency
    # target lowered from 400 ms to 150 ms")
    Rule(
        f"{L}.p99_ms",
        r"\b(?:lowered|reduced|raised|increased|cut|tightened|relaxed|changed|moved|dropped|went"
        r"|goes|brought\s+down)\s+from\s+{MS}(?=\s+to\s+\d)",
        "ignore",
    ),
    *_latency_rules(),
    Rule(
        f"{L}.p99_ms",
        LAT_VERB
        + r"\b(?:\s+[\w'-]{1,15}){0,5}?(?:\s+|[ \t]*(?=[:=<]))"
        + LAT_BOUND
        + r"\s*(?:sub-?\s*)?(?:(?:about|around|roughly|approximately|~)\s*)?{MS}",
        "ms",
        note=NOTE_P99,
    ),
    Rule(
        f"{L}.p99_ms",
        r"(?:sub-?\s*|under\s+|below\s+)?{MS}\s+(?:latency|response\s+times?|responses)",
        "ms",
        note=NOTE_P99,
    ),
    Rule(f"{L}.p99_ms", r"sub-\s*{MS}", "ms", note=NOTE_P99),
    Rule(
        f"{L}.p99_ms",
        r"\b(?:fast|quick|responsive)\b\s*[,;:(-]?\s*(?:less\s+than|under|below|within|<|max(?:imum)?)"
        r"\s*{MS}",
        "ms",
        note=NOTE_P99,
    ),
    Rule(
        f"{L}.p99_ms",
        r"\bsub-?\s*second\b",
        value=1000,
        note="sub-second: read as p99 under 1000 ms",
    ),
    # availability
    Rule(
        f"{NF}.availability_percent",
        r"(?P<v>two|three|four|five|six|[2-6])(?P<half>\s+and\s+a\s+half)?\s*(?:nines|9s)\b",
        "nines",
    ),
    Rule(
        f"{NF}.availability_percent",
        r"(?P<v>9\d(?:[.,]\d{1,4})?)\s*(?:%|percent|per\s?cent|procent|prozent|pourcent)\s*"
        r"(?:[A-Za-z-]{2,15}\s+){0,2}?"
        r"(?:uptime|availability|SLA|SLO"
        r"|of\s+(?:the\s+)?(?:time|month|year|scheduled)|available|time\b)",
        "percent",
    ),
    Rule(
        f"{NF}.availability_percent",
        r"(?:uptime|availab\w*|SLA|SLO|\bup\b|\bwork\b|running|online|operat\w+\s+rate)\b"
        r"[^.;\d%]{0,40}?"
        r"(?P<v>9\d(?:[.,]\d{1,4})?)\s*(?:%|percent|per\s?cent)"
        r"(?!\s*of\s+(?:[a-z]+\s+)?(?:requests|calls|transactions|queries|users|uploads|them))",
        "percent",
    ),
    # consistency
    Rule(
        f"{NF}.consistency",
        r"strong(?:ly)?\s+consisten\w*[^.;]{0,60}?(?<!\bno\s)(?<!\bnot\s)(?<!\bnever\s)\beventual\w*"
        r"|eventual(?:ly)?\s+consisten\w*[^.;]{0,60}?\bstrong\w*|hybrid\s+consistency",
        value="hybrid",
    ),
    Rule(
        f"{NF}.consistency",
        r"eventual(?:ly)?\s+consisten\w*|consistency\s+(?:can|may)\s+be\s+eventual"
        r"|(?:stale|slightly\s+out[- ]of[- ]date)\s+(?:data|reads)\s+(?:is|are)\s+"
        r"(?:fine|ok|okay|acceptable)",
        value="eventual",
    ),
    Rule(
        f"{NF}.consistency",
        r"strong(?:ly)?\s+consisten\w*|linearizab\w+|read[- ]your[- ]writes"
        r"|consistency\s+(?:must|has\s+to)\s+be\s+strong"
        # "must never double-book the same drill", "Never double", "no overselling", "can never
        # sell more than its stock"
        r"|\b(?:never|must\s+not|mustn't|cannot|can't|no|pas\s+de|keine?|sin)\s+(?:be\s+)?"
        r"(?:double[- ]?(?:book|sell|spend|charg|allocat|r[ée]serv)\w*|overs(?:ell|old|ubscrib)\w*)"
        # one thing to one holder: "two guests can never have the same room the same night", "two
        # ppl cannot grab the same last slot", "a book can only be lent to one pupil at a time"
        r"|\b(?:(?:two|2)\s+(?:[\w-]{2,15}\s+){0,2}?(?:can\s*not|can't|can\s+never|must\s+"
        r"(?:never|not)|may\s+(?:never|not)|should\s+(?:never|not)|shall\s+(?:never|not)|never"
        r"|won't|will\s+never|mustn't)|no\s+two\s+(?:[\w-]{2,15}\s+){0,2}?(?:can|may|must|should"
        r"|shall|will|ever)?)\s+(?:ever\s+|both\s+|actually\s+)?(?:have|get|grab|book|take"
        r"|hold|reserve|buy|claim|rent|borrow|win|be\s+(?:given|assigned|allocated|sold)"
        r"|sit\s+in|park\s+in|occupy)\s+(?:the\s+)?same\b"
        r"|\bonly\s+(?:be\s+)?(?:[\w-]{2,15}\s+){0,2}?(?:to|by|for)\s+one\s+[\w-]{2,15}\s+at\s+a"
        r"\s+time\b"
        # what was just taken never shown free: "never show a book as available if someone has
        # just borrowed it"
        r"|\b(?:never|must\s+not|cannot)\s+(?:show|display|list|offer)\s+(?:[\w-]{1,15}\s+){0,3}?"
        r"as\s+(?:available|free|in\s+stock|open)\s+(?:if|when|after|once)\b"
        r"|\bnever\s+double\b|\bno\s+overselling\b"
        r"|\bnever\s+sell\s+more\s+than\b"
        # the double booking named, then ruled out: "double booking is absolutely not acceptable"
        r"|\bdouble[- ]?(?:book|sell|spend|charg|allocat)\w*\s+(?:is|are|would\s+be)\s+(?:\w+\s+)?"
        r"(?:not\s+(?:acceptable|allowed|an\s+option|OK|tolerated)|unacceptable|forbidden)\b",
        value="strong",
    ),
    # workload and traffic
    Rule(
        f"{NF}.workload",
        r"read[- ](?:heavy|mostly|intensive)|mostly\s+reads|reads\s+(?:dominate|far\s+outnumber)",
        value="read-heavy",
    ),
    Rule(
        f"{NF}.workload",
        r"write[- ](?:heavy|intensive)|mostly\s+writes|writes\s+(?:dominate|far\s+outnumber)"
        r"|ingest[- ]heavy",
        value="write-heavy",
    ),
    Rule(
        f"{NF}.workload",
        r"balanced\s+(?:reads\s+and\s+writes|read/write|workload|mix)|as\s+many\s+writes\s+as\s+reads",
        value="balanced",
    ),
    # a spike: how long it lasts, then its multiple of the normal load ("4x that for ten
    # minutes", "ten times a normal Saturday, for about 20 minutes", "up to 5x for ~10 min",
    # "in the first 15 minutes it gets ~10x the normal traffic"); the duration is read first
    # without claiming, so the multiple is still read
    # "for about 15 minutes — 40x the usual load", "4x from normal, during 2 hour", "6x the
    # normal traffic for the first 3 hours": the length before or after the multiple
    Rule(
        f"{NF}.spike.duration_minutes",
        r"(?:(?<=\d)\s*(?:x|×)|\btimes)\b[^.;\n|]{0,40}?\b" + SPIKE_FOR + "{APPROX}{DUR}"
        r"|\bin\s+the\s+first\s+{APPROX}{DUR}(?=[^.;\n|]{0,40}?(?:\d\s*(?:x|×)|\btimes)\b)"
        r"|\b" + SPIKE_FOR + r"{APPROX}{DUR}"
        r"(?=\s*[—–,:;-]{0,2}\s*(?:about\s+|around\s+|~\s*|up\s+to\s+)?\d{1,3}(?:\.\d)?\s*(?:x|×|times)\b)",
        "minutes",
        claims=False,
    ),
    Rule(
        f"{NF}.spike.multiple",
        r"{APPROX}{Q}\s*(?:x|×|times)(?=\s+"
        + SPIKE_OF
        + r"|[^.;\n|]{0,20}?\b"
        + SPIKE_FOR
        + SPIKE_HEDGE
        + r"(?:\d{1,3}|a\s+few|an?|one|two|three|four|five|six|ten|fifteen|twenty"
        r"|thirty|forty-five)(?:\s*(?:-|to)\s*\d{1,3})?\s*(?:minutes?|mins?|hours?|hrs?|h)\b)",
        "number",
    ),
    Rule(
        f"{NF}.traffic",
        r"spiky|peaky|bursty|traffic\s+(?:bursts|spikes)|flash\s+sales|sudden\s+spikes"
        r"|everyone\s+(?:joins|logs\s+in|arrives|comes)\s+at\s+(?:once|the\s+same)"
        r"|goes\s+on\s+sale|go\s+on\s+sale|in\s+the\s+same\s+(?:minute|second)"
        # (an agile "spike to evaluate Kafka" is research, not load)
        r"|\b(?:spikes?|bursts?|surges?)\s+(?:of|in|up\s+to|to(?!\s+(?:evaluate|investigate|explore"
        r"|test|try|prototype|check|validate|research|learn|see|compare)\b))\b"
        r"|in\s+the\s+first\s+(?:few\s+|\w+\s+)?(?:minutes|seconds)\b"
        # "a spike at 7:00 and 21:00", "lunch rush 12-2", "it's like a stampede"
        r"|\b(?:a|the)\s+(?:spike|surge|burst)\s+(?:at|around|every|each|when)\b"
        r"|\b(?:lunch|morning|evening|dinner|rush[- ]hour)\s+rush\b|\bstampede\b"
        # "huge spike Saturday afternoon", "peak ~3.5k req/s at on-sale"
        r"|\b(?:huge|big|massive|sharp|sudden|short)\s+(?:spikes?|surges?|bursts?)\b"
        r"|\bat\s+on[- ]sale\b"
        # the load's shape named as a noun: "Friday night is the spike", "release nights are the
        # spike", "the Friday spike", "that's a burst", "incident storms"
        r"|\b(?:is|are|was|were)\s+(?:the|our|a)\s+(?:big(?:gest)?\s+|main\s+|real\s+)?"
        r"(?:spike|surge|burst)s?\b"
        r"|\bthe\s+(?:[A-Za-z-]{3,15}\s+){1,2}(?:spike|surge)\b(?!\s+(?:ticket|story|task))"
        r"|\b(?:a|the)\s+burst\b|\b(?:incident|alert|event|retry|login)\s+storms?\b",
        value="spiky",
    ),
    # the load said to arrive evenly, or its peaks denied, outranks a busy time named only as a
    # time ("Use is spread evenly through the school day; we do not expect peaks" beside "the real
    # exam period, starting 10 May"); an exception said with it leaves it to the other rules
    Rule(
        f"{NF}.traffic",
        r"\b(?:use|usage|load|traffic|demand|requests|orders|bookings|readings|messages|events)"
        r"\s+(?:is\s+|are\s+)?(?:spread|arrive|comes?\s+in|flows?\s+in)\s+(?:out\s+)?(?:evenly"
        r"|at\s+an?\s+(?:steady|constant|even)\s+(?:rate|pace))\b"
        r"|\b(?:do|does|will)\s+not\s+expect\s+(?:any\s+)?(?:real\s+)?(?:peaks|spikes)\b"
        # "we do not expect peaks to exceed 3x": peaks there are, with a ceiling
        r"(?!\s+(?:to|above|over|of|beyond|higher|greater|more|larger|bigger|exceeding|than)\b)"
        r"(?![^.!?]{0,80}?\b(?:except|apart\s+from|other\s+than|but|save\s+for|until|only)\b)",
        value="steady",
    ),
    Rule(
        f"{NF}.traffic",
        r"seasonal|black\s+friday|holiday\s+(?:peaks?|season)"
        # "by end of quarter" is a deadline, not a busy time
        r"|(?<!by\s)(?<!by\sthe\s)(?<!until\s)(?<!before\s)end[- ]of[- ](?:month|quarter)"
        r"|(?:start|end|beginning)\s+of\s+(?:the\s+)?season|season\s+(?:start|opening|peak)"
        r"|peak\s+season|(?:tax|filing|enrol?ment|registration)\s+(?:deadline|season|period)"
        r"|exam\s+(?:weeks?|period|season|time)|registration\s+(?:windows?|periods?|weeks?)"
        # "During the August application window", "the enrolment period"
        r"|(?:application|admissions?|enrol\w*|renewal|filing|open\s+enrol\w*)\s+(?:windows?|periods?)"
        r"|(?:xmas|christmas|holidays)\b[^.;\n]{0,30}?\b(?:double|triple|twice|peak|rush|busy"
        r"|busiest|spikes?|\d+x|\d+\s+times|(?:two|three|four|five|ten)\s+times)\b"
        r"|(?:renewal|busy|peak|high|holiday|tax|enrol\w*|booking|wedding|ski)\s+season"
        r"|(?:in|during)\s+(?:the\s+)?(?:summer|winter|holidays|christmas)\b[^.;]{0,40}?"
        r"\b(?:traffic|load|busy|busiest|peak|rush)"
        # "Usage peaks at planting season", "the rest of the year much less", "outside that
        # window usage is low"
        r"|\bpeaks?\s+(?:at|in|during)\s+(?:the\s+)?[a-z]{3,15}\s+season\b"
        r"|\b(?:the\s+)?rest\s+of\s+the\s+year\b[^.;\n]{0,30}?\b(?:less|quiet|low|calm|little|nothing)"
        r"|\boutside\s+(?:that|this|the)\s+(?:window|period|season|weeks?|months?)\b[^.;\n]{0,30}?"
        r"\b(?:low|quiet|little|less|small)",
        value="seasonal",
    ),
    Rule(
        f"{NF}.traffic",
        r"(?:steady|constant|flat|predictable)\s+(?:traffic|load)|traffic\s+is\s+"
        r"(?:steady|constant|flat|predictable)"
        # the load said to be even: "Load is flat through the year", "Usage is pretty even across
        # the day", "Traffic is the same every day, no peaks", "constant, 24/7"
        r"|\b(?:load|traffic|usage|demand|volumes?)\s+(?:is|are|stays|remains|runs)\s+(?:pretty\s+"
        r"|fairly\s+|quite\s+|very\s+|roughly\s+|more\s+or\s+less\s+)?(?:flat|even|steady|constant"
        r"|stable|uniform|level|the\s+same)\b(?!\s+(?:higher|more|bigger))"
        r"(?![^.;\n]{0,40}?\b(?:except|apart\s+from|other\s+than|but|save\s+for|until)\b)",
        value="steady",
    ),
    # compliance (a list), and its explicit absence
    Rule(f"{NF}.compliance", r"\bno\s+(?:special\s+|particular\s+)?compliance", "empty"),
    Rule(
        f"{NF}.compliance",
        r"\bGDPR\b|\bDSGVO\b|\bRGPD\b|\bAVG\b(?=[^.\n]{0,40}privacy)",
        value="gdpr",
    ),
    Rule(f"{NF}.compliance", r"\bHIPAA\b", value="hipaa"),
    Rule(f"{NF}.compliance", r"\bLGPD\b", value="lgpd"),
    Rule(f"{NF}.compliance", r"\bPIPEDA\b", value="pipeda"),
    Rule(f"{NF}.compliance", r"\bFERPA\b", value="ferpa"),
    Rule(f"{NF}.compliance", r"\bNIS\s?2\b", value="nis2"),
    Rule(f"{NF}.compliance", r"\bSOC\s*-?\s*(?:2|II)\b(?:\s+Type\s+(?:II|2|I|1))?", value="soc2"),
    Rule(f"{NF}.compliance", r"\bPCI(?:[- ]?DSS)?\b", value="pci-dss"),
    Rule(f"{NF}.compliance", r"\bISO\s*/?\s*(?:IEC\s*)?27001\b", value="iso27001"),
    Rule(f"{NF}.compliance", r"\bCCPA\b", value="ccpa"),
    Rule(f"{NF}.compliance", r"\bFedRAMP\b", value="fedramp"),
    Rule(f"{NF}.compliance", r"\bSOX\b|Sarbanes[- ]Oxley", value="sox"),
    # privacy laws of other countries, by the acronym people write
    Rule(f"{NF}.compliance", r"\bCOPPA\b", value="coppa"),
    Rule(f"{NF}.compliance", r"\bPIPA\b", value="pipa"),
    Rule(f"{NF}.compliance", r"\bAPPI\b", value="appi"),
    Rule(f"{NF}.compliance", r"\bPDPA\b", value="pdpa"),
    Rule(f"{NF}.compliance", r"\bPOPIA\b", value="popia"),
    Rule(f"{NF}.compliance", r"\bDPDP(?:A)?\b", value="dpdp"),
    Rule(f"{NF}.compliance", r"\bDORA\b", value="dora"),
    Rule(f"{NF}.compliance", r"\bKVKK\b", value="kvkk"),
    Rule(f"{NF}.compliance", r"\bISO\s*/?\s*(?:IEC\s*)?13485\b", value="iso13485"),
    Rule(f"{NF}.compliance", r"\bISO\s*/?\s*(?:IEC\s*)?27701\b", value="iso27701"),
    # regions
    Rule(
        f"{NF}.multi_region",
        r"single[- ]region|one\s+region|a\s+single\s+(?:data\s*cent(?:er|re)|region)",
        value=False,
    ),
    Rule(
        f"{NF}.multi_region",
        r"multi[- ]region|(?:several|multiple)\s+regions|active[- /]active"
        r"|globally\s+distributed|geo[- ]distributed|across\s+(?:continents|regions)"
        r"|\bin\s+(?:different|separate|two|distinct)\s+regions\b"
        # a count of regions or data centres the service runs in: "so two regions", "in two
        # regions with automatic failover", "at least two geographically separate data centres"
        # "survive a full region outage", "a region going down"
        r"|\bsurvive\s+(?:a|an|the|one)\s+(?:full\s+|whole\s+|entire\s+|complete\s+)?region"
        r"(?:al)?\s+(?:outage|failure|loss)"
        # two cloud region codes it runs in: "AWS, us-east-1 + eu-west-1", "runs in eu-west-1 and
        # us-east-1 at the same time"
        r"|\b" + REGION_CODE + r"\s*(?:\+|&|,|and|/)\s*" + REGION_CODE,
        value=True,
    ),
    # a count of regions or data centres the service runs in: "so two regions", "in two regions
    # with automatic failover", "at least two geographically separate data centres within the
    # UK" (not claimed: the place of those data centres is the residency)
    Rule(
        f"{NF}.multi_region",
        r"\b(?:two|three|four|2|3|4)\s+(?:(?:separate|different|distinct|independent|cloud|AWS"
        r"|Azure|GCP|geographically|geo-?separated|separated|active)\s+){0,2}"
        r"(?:regions|data\s*cent(?:er|re)s|DCs)\b",
        value=True,
        claims=False,
    ),
    Rule(
        f"{NF}.data_residency",
        # (not across ", and": "records for six years after ..., and all data must stay in")
        r"(?:data|records|PII|information\w*|details)(?:(?:,(?!\s+(?:and|but|while)\b))?\s+[\w']{1,15})"
        r"{0,20}?,?\s+(?:(?:must|shall"
        r"|has\s+to|have\s+to"
        r"|needs?\s+to|should|is\s+to|will|to)\s+(?:stay|remain|reside|be(?:\s+(?:[a-z]{3,12}\s+and\s+)?"
        r"(?:stored|kept|hosted|processed|held))?)"
        # "OUR RECORDS STAY IN THE UK"
        r"|stays|remains|resides|is\s+(?:stored|kept|hosted)|stay|remain|reside|are\s+(?:stored|kept"
        r"|hosted))"
        r"\s+(?:only\s+)?(?:in|within)\s+(?:the\s+)?(?P<regions>{REGIONS})"
        # "Ireland or elsewhere in the EU", "Spain or at least Europe": the wider region
        r"(?:\s+or\s+(?:(?:elsewhere|anywhere\s+else)\s+in|at\s+least(?:\s+in)?"
        # "in Slovakia or in EU": a country or the union it belongs to is the union
        r"|(?:in|within)(?=\s+(?:the\s+)?(?:EU|EEA|Europe|European\s+Union)\b))\s+(?:the\s+)?"
        r"(?P<wider>{REGIONS}))?",
        "regions",
    ),
    Rule(f"{NF}.data_residency", r"(?P<regions>{REGIONS})\s+data\s+residency", "regions"),
    # where it is kept, said by what holds it: "must absolutely stay on Swiss servers", "the board
    # wants it on Canadian soil", "hosted with a Kenyan provider", "only on UK infrastructure"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:stay|stays|remain|remains|be|is|are|stored|hosted|kept|held|reside|resides|lives?"
        r"|run|runs|wants?\s+(?:it|them|the\s+data|everything|this)|only|exclusively)"
        r"\s+(?:[a-z]{3,12}ly\s+)?(?:on|in|within|with)\s+(?:the\s+|an?\s+)?"
        r"(?P<regions>{PLACE_ADJ})[- ](?:(?:based|owned|hosted|located|operated)\s+)?"
        r"(?:soil|servers?|data\s*cent(?:er|re)s?|(?:cloud\s+)?regions?|clouds?|hosting"
        r"|territory|infrastructure|jurisdiction|hosters?|(?:hosting\s+|cloud\s+)?providers?"
        r"|premises|ground)\b",
        "regions",
    ),
    # "EU-hosted servers", "UK-only hosting", "data must be Canada-resident", "Swiss data
    # sovereignty", "sovereignty within the EEA", "the data never leaves Norway"
    Rule(
        f"{NF}.data_residency",
        r"(?P<regions>{PLACE_ADJ})[- ](?:hosted|only|resident|located)\s+(?:hosting|data|storage"
        r"|servers?|clouds?|infrastructure|data\s*cent(?:er|re)s?)\b"
        r"|\b(?:data|hosting|storage|servers?|records|everything)\s+(?:is\s+|are\s+|(?:must|shall"
        r"|will|has\s+to|have\s+to)\s+(?:be\s+|stay\s+|remain\s+))(?P<regions2>{PLACE_ADJ})[- ]"
        r"(?:hosted|only|resident)\b"
        r"|(?P<regions3>{PLACE_ADJ})\s+(?:data\s+)?sovereignty\b|\bsovereignty\s+(?:in|within|of"
        r"|over)\s+(?:the\s+)?(?P<regions4>{REGIONS})"
        r"|\b(?:data|records|information|PII|everything|it)\s+(?:never|doesn't|does\s+not|cannot"
        r"|can't|won't)\s+(?:leaves?|go\s+out\s+of|goes\s+out\s+of)\s+(?:the\s+)?"
        r"(?P<regions5>{REGIONS})",
        "regions",
    ),
    # wanted kept there: "they want the data kept in NZ", "we need all records hosted in Kenya"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:wants?|needs?|requires?|prefers?|would\s+like|asks?\s+for|expects?)\s+"
        r"(?:(?:the|our|all|all\s+the|their|its|any)\s+)?(?:[\w']{2,15}\s+)?(?:data|records|PII"
        r"|information|files|everything|it)\s+(?:to\s+(?:be|stay|remain)\s+)?(?:(?:kept|stored|hosted"
        r"|held|processed)\s+)?(?:only\s+)?(?:in|within)\s+(?:the\s+)?(?P<regions>{REGIONS})",
        "regions",
    ),
    # what holds the data, then where it must be: "Everything stays in the US", "Our data must
    # be in Türkiye", "Server must in Indonesia", "EU tenants' logs stay in the EU"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:everything|all\s+of\s+it|it\s+all|(?:the\s+)?servers?|logs|backups|databases?|hosting"
        r"|(?:[\w']{2,15}\s+){0,2}(?:data|records|logs|files|PII|information))\s+"
        r"(?:(?:must|shall|should|has\s+to|have\s+to|needs?\s+to|will)\s+(?:(?:only\s+)?(?:be|stay"
        r"|remain|reside|live)\s+)?|(?:stays?|remains?|resides?|lives?)\s+)"
        r"(?:only\s+)?(?:in|within)\s+(?:the\s+)?(?P<regions>{REGIONS})\b",
        "regions",
    ),
    # "Processing and storage must take place in the UK only", "the data must be inside Sweden",
    # "our data is never held outside the UK", "residency: EU (Frankfurt primary)"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:processing|storage|hosting)(?:\s+and\s+(?:processing|storage|hosting))?\s+(?:must|shall"
        r"|will|has\s+to|should)\s+(?:take\s+place|happen|occur|be|stay|remain)\s+(?:only\s+)?(?:in|within"
        r"|inside)\s+(?:the\s+)?(?P<regions>{REGIONS})\b"
        r"|\b(?:data|records|information|everything)\s+(?:must|shall|should|has\s+to|needs?\s+to|will)"
        r"\s+(?:be|stay|remain)\s+inside\s+(?:the\s+)?(?P<regions2>{REGIONS})\b"
        r"|\b(?:data|records|information)\s+(?:is|are|be|shall\s+be|must\s+be|will\s+be)\s+never\s+"
        r"(?:held|stored|kept|processed|hosted)\s+outside\s+(?:of\s+)?(?:the\s+)?(?P<regions3>{REGIONS})\b"
        r"|(?im:^[ \t*•-]*residency\s*[:=]\s*(?P<regions4>{REGIONS})\b)",
        "regions",
    ),
    # said as an instruction: "keep the data in the EU", "host all patient data within Canada"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:keep|host|store|hold|process)\s+(?:(?:the|our|all|all\s+the|any|my|their)\s+)?"
        r"(?:[\w']{2,15}\s+)?(?:data|records|PII|information)\s+(?:only\s+)?(?:in|within)\s+"
        r"(?:the\s+)?(?P<regions>{REGIONS})\b",
        "regions",
    ),
    # "The patient data can not go out of Brazil", "no file may be moved outside Canada"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:data|records|logs|files|PII|information|backups|everything)\s+(?:can\s*not|cannot"
        r"|can't|must\s+not|mustn't|may\s+not|shall\s+not|should\s+not|will\s+never|never)\s+"
        r"(?:go|be\s+(?:moved|sent|transferred|stored|copied)|move|leave)\s+(?:out\s+of|outside"
        r"(?:\s+of)?)\s+(?:the\s+)?(?P<regions>{REGIONS})\b",
        "regions",
    ),
    # "region: eu only", "Region: Canada"
    Rule(
        f"{NF}.data_residency",
        r"(?im)^[ \t*•-]*(?:hosting\s+|data\s+)?region\s*[:=]\s*(?P<regions>{REGIONS})\s+only\b",
        "regions",
    ),
    # "two data centres within the United Kingdom": where the service itself runs
    Rule(
        f"{NF}.data_residency",
        r"\bdata\s*cent(?:er|re)s?\s+(?:located\s+)?(?:only\s+)?within\s+(?:the\s+)?"
        r"(?P<regions>{REGIONS})\b",
        "regions",
    ),
    # "no personal data shall be processed outside the United Kingdom"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:no|none\s+of\s+the)\s+(?:[a-z]{2,15}\s+){0,3}?(?:data|records|information)\s+(?:shall|may|must"
        r"|will|can|is\s+to)\s+(?:ever\s+)?(?:be\s+)?(?:processed|stored|kept|hosted|held|transferred"
        r"|leave\w*)\s+(?:to\s+)?outside\s+(?:of\s+)?(?:the\s+)?(?P<regions>{REGIONS})",
        "regions",
    ),
    # "UK data centres only", "data centres in Germany only"
    Rule(
        f"{NF}.data_residency",
        r"(?P<regions>{REGIONS})\s+data\s*cent(?:er|re)s?\s+only\b|data\s*cent(?:er|re)s?\s+(?:only\s+)?"
        r"in\s+(?:the\s+)?(?P<regions2>{REGIONS})\s+only\b",
        "regions",
    ),
    # a fragment of its own: "AWS eu-west-1; GDPR applies; data in the EU."
    Rule(
        f"{NF}.data_residency",
        r"(?:(?<=[;:•\n])|^)[ \t*•-]*(?:all\s+)?(?:the\s+|our\s+)?(?:data|records|PII)"
        r"\s+(?:only\s+)?(?:in|within)\s+(?:the\s+)?(?P<regions>{REGIONS})(?:\s+only)?"
        r"(?=[ \t]*(?:[.;,\n]|$))",
        "regions",
    ),
    # "Kenya's Data Protection Act requires farmer data to stay in the country": the country
    # named before in the sentence
    Rule(
        f"{NF}.data_residency",
        r"(?:stay|remain|reside|be\s+(?:stored|kept|hosted|held|processed))\s+(?:in|within)\s+"
        r"(?:the|this|that)\s+country\b",
        "region_before",
    ),
    # "Q: Where must data be stored? A: Canada only"
    Rule(
        f"{NF}.data_residency",
        r"where\s+(?:must|should|will|is|does|do|can|shall)\s+(?:the\s+|our\s+|your\s+)?(?:data|records)"
        r"\s+(?:be\s+)?(?:stored|kept|hosted|held|live|reside|located)\s*\?\**\s*"
        r"(?:[A-Z]{1,2}\d{0,2}\s*[.:)]|A\s*:)?\s*(?P<regions>{REGIONS})\b",
        "regions",
    ),
    # the subject left out or put after: "AWS, eu-west-1, must stay in the EU", "we want to stay
    # in France for the data"
    Rule(
        f"{NF}.data_residency",
        r"(?:must|shall|has\s+to|have\s+to|needs?\s+to|want\s+to)\s+(?:stay|remain|be(?:\s+(?:stored"
        r"|kept|hosted|processed))?)\s+(?:only\s+)?(?:in|within)\s+(?:the\s+)?(?P<regions>{REGIONS})"
        r"(?!\s+(?:office|team)s?\b)"
        r"(?:\s+or\s+(?:(?:elsewhere|anywhere\s+else)\s+in|at\s+least(?:\s+in)?"
        # "in Slovakia or in EU": a country or the union it belongs to is the union
        r"|(?:in|within)(?=\s+(?:the\s+)?(?:EU|EEA|Europe|European\s+Union)\b))\s+(?:the\s+)?"
        r"(?P<wider>{REGIONS}))?",
        "regions",
    ),
    # "stored in the EU only", "must save in Korea only", "kept only in Canada",
    # "data residency: EU"
    Rule(
        f"{NF}.data_residency",
        r"\b(?:stored|kept|held|saved?|hosted|processed)\s+(?:only\s+(?:in|within)\s+(?:the\s+)?"
        r"(?P<regions>{REGIONS})|(?:in|within)\s+(?:the\s+)?(?P<regions2>{REGIONS})\s+only\b)",
        "regions",
    ),
    Rule(
        f"{NF}.data_residency",
        r"data\s+(?:residency|location)\s*[:=\u2013\u2014-]\s*(?:the\s+)?(?P<regions>{REGIONS})"
        r"(?:\s+only)?\b",
        "regions",
    ),
    Rule(
        f"{NF}.data_residency",
        r"data\s+residency\s+(?:in|within)\s+(?:the\s+)?(?:[A-Za-z]{2,20}\s*/\s*)?(?P<regions>{REGIONS})",
        "regions",
    ),
    Rule(
        f"{NF}.data_residency",
        r"(?:(?:data|records|PII|information\w*)(?:,?\s+[\w']{1,15}){0,14}?,?\s+)?"
        r"(?:may|must|shall|can|will)\s*(?:not|never)\s+leave\s+(?:the\s+)?(?P<regions>{REGIONS})",
        "regions",
    ),
    Rule(
        f"{NF}.data_residency",
        r"(?P<regions>{REGIONS})[- ](?:sovereign\s+cloud|only\s+hosting|hosted\s+only)",
        "regions",
    ),
    Rule(
        f"{NF}.data_residency",
        r"\bhost(?:ing|ed)\s+(?:only\s+)?in\s+(?:the\s+)?(?P<regions>{REGIONS})(?:\s+only)?",
        "regions",
    ),
    Rule(
        f"{NF}.regions",
        r"(?:users|customers|clients|players|people|readers|visitors|members)\s+(?:are\s+)?"
        r"(?:mostly\s+|mainly\s+|primarily\s+|all\s+)?(?:based\s+)?in\s+"
        r"(?:the\s+)?(?P<regions>{REGIONS}(?:\s*(?:,|and|&)\s*(?:the\s+)?{REGIONS}){0,8})",
        "regions",
    ),
    Rule(f"{NF}.rpo_minutes", r"zero\s+data\s+loss|no\s+data\s+loss", value=0),
    # nothing may be lost: "no approved alert may ever be lost", "RPO: nothing acknowledged may
    # be lost", "A booking confirmed is a booking kept"
    Rule(
        f"{NF}.rpo_minutes",
        r"\b(?:no|nothing|not\s+(?:a\s+)?single|none\s+of\s+the)\s+(?:[\w-]{2,15}\s+){0,3}?"
        r"(?:may|must|can|shall|should|will)\s+(?:ever\s+)?(?:be\s+)?(?:lost|dropped)\b"
        r"|\b(?:must|may|can|shall|should)\s+never\s+(?:ever\s+)?(?:be\s+)?(?:lost|dropped)\b",
        value=0,
    ),
    Rule(
        f"{NF}.rpo_minutes",
        r"(?:RPO|recovery\s+point\s+objective)\s*(?:of|:|=|is|target)?\s*"
        r"(?:(?:basically|effectively|practically|essentially|near|close\s+to)\s+)?(?:zero|nil|none|0)\b"
        r"(?!\s*(?:ms|s|sec|seconds?|min|minutes?|h|hours?)\b)",
        value=0,
    ),
    Rule(
        f"{NF}.rpo_minutes",
        r"(?:RPO|recovery\s+point\s+objective)"
        + ANSWERED
        + r"\s*(?:of|:|=|under|below|<|is|target)?"
        r"\s*(?:of\s+)?(?:(?:shall|must|should|may|will|can)\s+(?:not\s+)?(?:exceed|be)\s+)?"
        r"{APPROX}{DUR}",
        "minutes",
    ),
    Rule(
        f"{NF}.rpo_minutes",
        r"los[es]{1,2}\s+(?:of\s+)?(?:at\s+most\s+|up\s+to\s+|no\s+more\s+than\s+|only\s+"
        r"|less\s+than\s+|under\s+)?{DUR}\s+(?:worth\s+)?of\s+(?:[\w-]{2,15}\s+)?data",
        "minutes",
    ),
    Rule(
        f"{NF}.rto_minutes",
        r"(?:RTO|recovery\s+time\s+objective)"
        + ANSWERED
        + r"\s*(?:of|:|=|under|below|<|is|target)?"
        r"\s*(?:of\s+)?(?:(?:shall|must|should|may|will|can)\s+(?:not\s+)?(?:exceed|be)\s+)?"
        r"{APPROX}{DUR}",
        "minutes",
    ),
    Rule(
        f"{NF}.rto_minutes",
        r"(?:recover\w*|restored|resumed|back\s+(?:up|online)?|up\s+and\s+running\s+again)\s+"
        r"(?:with)?in\s+{APPROX}{DUR}",
        "minutes",
    ),
    # team: the size, then groups of staff ("6 Kotlin developers and one front-end developer")
    # the team as a roll call: "team is me, Rafael and 2 freelancers", "just me + my cousin",
    # "the three of us plus Oskar": each person named and each group counted
    Rule(
        f"{TEAM}.engineers",
        r"(?:(?:\bteam\s*(?:is|are|:|=|[–—]|consists\s+of)|\bwe\s+are|\bwe're|\bit's\s+just|\bjust"
        r"|(?m:^[\W_]{0,8}(?:build|builders?|developers|devs|engineering|who)\s*:)"
        r"|\b(?:built|developed|done|written|coded)(?:\s+in-house)?\s+by"
        r"(?:[ \t]+(?-i:[A-Z])[\w-]{1,20})?(?:[ \t]*\()?"
        r"|\bonly"
        # "Who would build it: you and your friend", "Our tech team is small: Maren, Tobi ..."
        r"|\bwho\s+(?:would|will|is\s+going\s+to|is\s+gonna|is|'s)\s+build(?:ing)?\s+it\s*[:?]"
        r"|\bteam\s+is\s+(?:small|tiny|lean)\s*:"
        # "The developers are me and Nadia"
        r"|\b(?:developers|devs|engineers|programmers|builders|coders)\s+(?:are|will\s+be)"
        # "it's me plus Carla from the front desk": the writer and who builds with them
        r"|\bit's(?=[ \t]+(?:me|myself)[ \t]*(?:[+&,]|and\b|plus\b)))"
        r"[ \t]+(?:it's[ \t]+|just[ \t]+|only[ \t]+)?"
        r"|(?=\bus[ \t]+(?:two|three|four|five|six|\d)\b)"
        # "Me + 2 contractors from Upwork": a line or sentence that starts with the writer
        r"|(?<![\w,;] )(?<![\w,;])(?=(?-i:Me)[ \t]*(?:[+&]|and\b|plus\b)))(?P<roll>"
        + ROLL_ITEM
        + r"(?:"
        + ROLL_SEP
        + ROLL_ITEM
        + r"){1,8})(?![\w-]|\s+(?:of|in|at|from|who|which)\b"
        r"|[ \t]*\((?=[^()\n]{0,20}\b(?:design\w*|doesn't\s+code|not\s+coding|PM|product|\d)))",
        "roll",
        prefer=2,
    ),
    # "Priya (Python/Flask), Tom (Python), Lu (React) and Sid (Figma, doesn't code)": each person
    # with what they do in brackets; one who does not code is not counted
    Rule(
        f"{TEAM}.engineers",
        r"(?P<roll>"
        + PAREN_ITEM
        + r"(?:"
        + ROLL_SEP
        + r"(?:"
        + BARE_NAME
        + ROLL_SEP
        + r")?"
        + PAREN_ITEM
        + r"){1,8})",
        "paren_roll",
        prefer=2,
    ),
    # "me and Yaw will build it": the people who will build it
    Rule(
        f"{TEAM}.engineers",
        r"(?-i:\b(?:me|Me|I)\b)(?P<roll>(?:" + ROLL_SEP + NAME + r"){1,4})"
        r"(?=\s+(?:will|'ll|are\s+going\s+to|are\s+gonna|would|are\s+building|build|both"
        r"|together)\b)",
        "roll_me",
        prefer=2,
    ),
    # "My brother-in-law Pete and his friend Callum will build it"
    Rule(
        f"{TEAM}.engineers",
        r"(?P<roll>(?:(?:my|his|her|our|their)\s+[a-z-]{3,15}\s+)?"
        + NAME
        + r"(?:"
        + ROLL_SEP
        + r"(?:(?:my|his|her|our|their)\s+[a-z-]{3,15}\s+)?"
        + NAME
        + r"){1,4})"
        r"(?=\s+(?:will|'ll|are\s+going\s+to|are\s+gonna)\s+(?:build|develop|write|code|make)\b)",
        "roll_named",
        prefer=2,
    ),
    Rule(
        f"{TEAM}.engineers",
        r"\b(?:solo\s+(?:developer|engineer|founder|dev)|just\s+(?:me|you))\b"
        # "you're doing it alone", "I build it on my own"
        r"|\(\s*alone\s*[,)]"  # "I am IT-responsible (alone, I do C# at my day job)"
        r"|\b(?:doing|do|build|building|write|writing)\s+(?:it|this|the\s+app)\s+(?:all\s+)?"
        r"(?:alone|on\s+(?:your|my)\s+own|by\s+(?:your|my)self)\b",
        value=1,
    ),
    # "us three (Kofi, Aleksandra, Jun)": the writer's team by its number
    Rule(
        f"{TEAM}.engineers",
        r"(?<!\bcharges\s)(?<!\bcosts\s)(?<!\bgives\s)\bus\s+(?P<q>two|three|four|five|six|seven|eight|\d)\b"
        r"(?![.,]?\d)(?!\s*(?:[+&]|and\b|plus\b|times\b|x\b|%|percent|dollars|euros|hours|days"
        r"|weeks|months|years|[kKmM]\b))",
        "count",
        prefer=1,
    ),
    # "plus Marco from data, so four", "So total 5 orang", "So three devs, one designer": a
    # total restated after the team was listed outranks the list
    Rule(
        f"{TEAM}.engineers",
        r"(?:\bso\s+(?:that's\s+|that\s+makes\s+|in\s+total\s+|total\s+|it's\s+|we're\s+"
        r"|we\s+are\s+)?"
        # "please count 6 people", "count us as five": the total the writer asks to be taken
        r"|\bcount\s+(?:us\s+as\s+|it\s+as\s+)?(?={Q}\s+(?:people|persons|devs|developers"
        r"|engineers|in\s+total)\b)"
        # "4 devs" ... "right. 5 then": a count settled in a chat
        r"|(?<=[.!:]\s)(?=\S+\s+then[ \t]*(?:[.!\n]|$)))"
        r"{Q}(?:\s+then\b)?"
        r"(?:\s+(?:in\s+total|of\s+us|of\s+them|members|folks|guys|orang|personas|personnes|Personen|"
        + PEOPLE
        # "so that's three of them and I'm not counting myself": a new statement may follow
        + r"))?(?=[ \t]*(?:[,.;:)!\n]|$)|[ \t]+(?:and|but)[ \t]+(?:I|I'm|we|we're|they)\b)",
        "count",
        prefer=3,
        after=r"\b(?:team|devs?|developers?|engineers?|me|us|coding|coders?|CTO|build(?:s|ing)?)\b",
    ),
    # "Tom + 3", "(Tom + 4)": a named person and the others with them
    Rule(
        f"{TEAM}.engineers",
        r"(?<![+&][ \t])(?<![+&])\b(?-i:[A-Z][a-z]{1,15})[ \t]*\+[ \t]*"
        r"(?P<q>[1-9]|1\d|one|two|three|four|five|six|seven|eight|nine|ten)\b"
        # the count stands alone or names builders: "Clerk + 2 volunteers can edit" is no team
        r"(?=[ \t]*(?:[,;:)\]!\n]|\.(?!\d)|$|right\s+now\b|now\b|today\b"
        r"|(?:devs?|developers?|engineers?|others)\b))",
        "count_me",
        prefer=2,
    ),
    # "I will build it with two friends", "I'm building this with 3 other devs": the writer too
    Rule(
        f"{TEAM}.engineers",
        r"(?-i:\bI\b)(?:'ll|'m|\s+will|\s+am|\s+would)?\s+(?:build|code|develop|writ)\w*\s+"
        r"(?:it|this|the\s+[a-z]{2,15})\s+(?:together\s+)?with\s+{Q}\s+(?:other\s+)?(?:[a-z-]{2,15}\s+)?"
        r"(?:friends?|colleagues?|devs?|developers?|engineers?|people|others|volunteers?|students?)\b",
        "count_me",
        prefer=2,
    ),
    # "My co-founder and I are building it", "Sven and I will build it": two people
    Rule(
        f"{TEAM}.engineers",
        r"(?:\b(?:my|our)\s+[a-z-]{3,15}(?:\s+(?-i:[A-Z][a-z]{1,15}))?|(?-i:\b[A-Z][a-z]{1,15}))"
        r"\s+and\s+(?-i:I)\s+(?:are\s+(?:building|coding|developing|writing)|will\s+(?:build|code"
        r"|develop|write)|'ll\s+(?:build|code|develop|write)|build|code|develop)\b",
        value=2,
        prefer=2,
    ),
    # "a pair of engineers", "a trio of developers"
    *(
        Rule(
            f"{TEAM}.engineers",
            rf"\ban?\s+{word}\s+of\s+(?:[a-z-]{{2,15}}\s+)?(?:engineers|developers|devs|programmers)\b",
            value=size,
            prefer=1,
        )
        for word, size in (("pair", 2), ("duo", 2), ("trio", 3))
    ),
    # "You'd be the second developer": the team with the person hired
    *(
        Rule(
            f"{TEAM}.engineers",
            r"\b(?:you(?:'d|'ll|\s+would|\s+will)\s+be|I'm|I\s+am|(?:he|she)\s+(?:is|will\s+be))"
            rf"\s+(?:our\s+|the\s+)?{word}\s+(?:[a-z-]{{2,15}}\s+)?(?:developer|engineer|dev|programmer)\b",
            value=size,
            prefer=2,
        )
        for word, size in (("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5))
    ),
    # "You'd join a team of three engineers (...) and be the fourth": the team with the hire
    *(
        Rule(
            f"{TEAM}.engineers",
            r"\bjoin\b[^.;?!]{0,120}?\band\s+be\s+(?:our\s+|the\s+)?"
            rf"{word}\b(?!\s+(?:of|time|step|phase|release|day|week|month|year)\b)",
            value=size,
            prefer=2,
        )
        for word, size in (("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6))
    ),
    # "Me: one guy, 10 yrs of Python/Django": the writer alone
    Rule(
        f"{TEAM}.engineers",
        r"(?-i:\b[Mm]e)\s*:\s*{Q}\s+(?:guy|person|dev|developer|man|woman|engineer)\b",
        "count",
        prefer=1,
    ),
    # "me and two other devs": the writer counts too
    Rule(
        f"{TEAM}.engineers",
        r"\b(?:me|myself|I)(?:\s*\((?!\s*\d)[^()\n]{2,80}\))?\s*(?:,\s*|and\s+|plus\s+|\+\s*|&\s*)"
        r"(?:and\s+)?{Q}\s+(?:other\s+|more\s+)?(?:[A-Za-z-]{2,15}\s+)?"
        r"(?:devs?|developers?|engineers?|programmers?|people|persons|others|co-?founders?"
        r"|colleagues?|coworkers?|co-workers?|friends?|partners?)\b",
        "count_me",
        prefer=2,
    ),
    # "My co-founder and I both write code": two who say they code
    Rule(
        f"{TEAM}.engineers",
        r"\b(?:my|our)\s+[a-z-]{3,15}\s+and\s+(?-i:I|me)\s+(?:both\s+)?(?:write\s+code|code|program"
        r"|build\s+it|develop)\b",
        value=2,
        prefer=1,
    ),
    # "all three of us", "the 4 of us"
    Rule(f"{TEAM}.engineers", r"\b(?:all|the)\s+{Q}\s+of\s+us\b", "count", prefer=1, claims=False),
    # "now 4 of us want to...": weaker, "two of us know Go" may name a part of the team
    Rule(
        f"{TEAM}.engineers",
        r"\b{Q}\s+of\s+us\b(?!\s+(?:know|are|have|speak|do|use|can))",
        "count",
        claims=False,
    ),
    # "Team: Tomasz, Aiko and Priya": the people named
    Rule(
        f"{TEAM}.engineers",
        r"(?im)^[\W_]{0,8}(?:team|devs|developers|engineers|people)\s*:\s*(?P<names>" + NAME + r""
        r"(?:\s*,\s*" + NAME + r"){0,10},?\s+(?:and|&)\s+" + NAME + r")\b",
        "names",
        prefer=1,
    ),
    Rule(
        f"{TEAM}.engineers",
        r"\b(?:our|the|my|[A-Za-z]{2,20}'s)\s+only\s+(?:technical\s+person|tech\s+person|IT\s+person"
        r"|developer"
        r"|engineer|programmer|dev|coder)\b",
        value=1,
        prefer=1,
    ),
    # "For the development we have a single developer, Karl": one person builds it
    Rule(
        f"{TEAM}.engineers",
        r"\b(?:(?:we\s+have|we've\s+got|there\s+is|there's)\s+(?:only\s+|just\s+)?(?:a\s+single"
        r"|one\s+single|only\s+one|just\s+one)|(?:our|the|my)\s+single)\s+(?:developer|dev"
        r"|programmer|engineer)\b",
        value=1,
        prefer=1,
    ),
    Rule(f"{TEAM}.engineers", r"team\s+of\s+" + STAFF, "staff", prefer=1),
    Rule(f"{TEAM}.engineers", STAFF, "staff"),
    Rule(
        f"{TEAM}.engineers",
        r"team\s+of\s+{APPROX}{Q}(?:\s+(?:engineers|developers|devs|people|programmers|persons))?",
        "count",
        prefer=1,
    ),
    Rule(
        f"{TEAM}.engineers",
        r"(?:team(?:\s+size)?(?:\s*\|)?|we\s+are|we're|(?-i:somos|Somos)|team\s+(?:is|has|counts)(?:\s+having)?"
        r"|stays\s+at|so"
        r"|(?-i:eng|Eng|ENG)s?\s*:|(?im:^[\W_]{0,8}(?:engineering|developers|devs|dev\s+team)\s*:)"
        r"|headcount|(?:(?-i:IT)|dev|development"
        r"|engineering|tech|software)(?:\s+(?:department|team|staff|group))?\s+(?:is|are|has"
        # "Our IT have 2 people"
        r"|have|consists\s+of))\s*[:=,]?\s*(?:(?:now|currently|today|still|only|just)\s+)*"
        r"(?:(?:he|she|they|I|we)\s+(?:said|says|think|thinks|guess|believe)\s*,?\s*)?"
        r"(?:a\s+team\s+of\s+)?{Q}\b(?:\s+(?:today|now|currently))?(?:\s+(?:"
        + PEOPLE
        + r"|members|FTEs?)\b"
        r"|\s+(?:on|in)\s+the\s+(?:team|squad)\b|(?=[ \t]*(?:[,.](?!\d)|[;:()\n]|$)))",
        "count",
        prefer=1,
    ),
    Rule(
        f"{TEAM}.engineers",
        r"{Q}[- ](?:person|people|engineer|developer|dev)\s+(?:[A-Za-z-]{2,15}\s+)?(?:team|squad)",
        "count",
    ),
    # "Three parishioners have offered to build it", "two students will develop the app": the
    # people who build it, whatever they are called
    Rule(
        f"{TEAM}.engineers",
        r"\b{Q}\s+(?:[a-z-]{3,20}\s+){0,2}?[a-z-]{3,20}s\s+(?:have\s+|has\s+)?(?:offered|volunteered"
        r"|agreed|will|would|are\s+going|are\s+gonna)\s+(?:to\s+)?(?:build|develop|write|code|make)"
        r"\s+(?:it|this|the)\b",
        "count",
        prefer=1,
    ),
    # "12 engineers but only 3 will work on this": the people on this project
    Rule(
        f"{TEAM}.engineers",
        # "Two of those six will work on the new portal": the part of a larger group on it
        r"\b{Q}\s+(?:of\s+(?:them|us|those|these)(?:\s+(?:two|three|four|five|six|seven|eight|nine"
        r"|ten|eleven|twelve|\d{1,3}))?\s+)?(?:will\s+(?:work|be)|are\s+(?:assigned|dedicated|working"
        r"|staffed))\s+(?:on|to)\s+(?:this|it\b|the\s+(?:project|new|system|app|platform|build|rewrite))",
        "count",
        prefer=3,
    ),
    # "IT has 12 people; two of them will build this": the ones of a larger group who build it
    Rule(
        f"{TEAM}.engineers",
        r"\b{Q}\s+of\s+(?:them|us|those)\s+(?:will|would|shall|can|are\s+going\s+to|are\s+gonna)"
        r"\s+(?:build|develop|code|write|make|program)\s+(?:it|this|the)\b",
        "count",
        prefer=3,
    ),
    # "The platform team (6 people)": a team's size in brackets
    Rule(
        f"{TEAM}.engineers",
        r"\bteam\s*\(\s*{Q}\s+(?:people|engineers|devs|developers|persons|FTEs?)\s*\)",
        "count",
        prefer=1,
    ),
    # "2 squads of 6 engineers each": teams times their size
    Rule(
        f"{TEAM}.engineers",
        r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:squads|teams|pods)"
        r"(?:\s*\([^()\n]{1,40}\))?\s*(?:of|,|with)\s+"
        r"{Q}(?:\s+(?:engineers|developers|devs|people|persons)\s+each\b"
        # "2 squads of 3 (one does the app, one the back office)": the size alone
        r"|(?=\s*(?:[,;(\n]|\.(?!\d)|$)))",
        "product",
        prefer=1,
        claims=False,
    ),
    Rule(
        f"{TEAM}.engineers",
        r"(?:development|dev|project|engineering|IT)\s+(?:team\s+)?members\s*[:=]?\s*(?:are\s+)?"
        r"{APPROX}{Q}(?=\s+(?:persons|people|engineers|developers)\b|\s*(?:[,.;(]|$))",
        "count",
        prefer=1,
    ),
    Rule(f"{TEAM}.engineers", PEOPLE + r"\s*\(\s*{Q}\s+of\s+them\s*\)", "count"),
    # "engineering grows from 6 to 14 people": today's team, and hiring
    Rule(
        f"{TEAM}.engineers",
        r"(?:engineering|team|headcount|we)\s+(?:grows?|growing|will\s+grow|goes|scales?)\s+from\s+"
        r"{Q}\s+to\s+\d{1,3}",
        "count",
        prefer=1,
        also={f"{TEAM}.hiring": True},
    ),
    Rule(
        f"{TEAM}.engineers",
        r"(?:our|the)\s+(?:programmers?|developers?|engineers?|devs?)\s+(?:are|is)\s+(?:only\s+|just\s+)?"
        r"{Q}\b(?:\s+(?:person|people|persons)\b)?(?!\s+\w+\s+(?:of|in))",
        "count",
        prefer=1,
    ),
    Rule(
        f"{TEAM}.roles",
        r"(?:{Q}|(?P<both>both))\s+(?P<role>" + ROLE + r")\b(?!\s+(?:squads?|teams?"
        # "two data centers", "3 mobile apps": things, not people
        r"|cent(?:er|re)s?|sources?|sets?|points?|feeds?|streams?|files?|models?|apps?|devices?"
        r"|phones?|clients?|users?|platforms?|releases?|versions?|regions?|zones?)\b)"
        r"(?:\s+(?:engineers?|developers?|devs?))?",
        "role",
        claims=False,  # "both full-stack in TypeScript" also names what they know
    ),
    # "4 person for backend, 2 person for front": people assigned to a part of the build
    Rule(
        f"{TEAM}.roles",
        r"{Q}\s+(?:persons?|people|devs?|developers?|engineers?)\s+(?:for|on|doing)\s+(?:the\s+)?"
        r"(?P<role>" + ROLE + r"|front|back)\b",
        "role",
        claims=False,
    ),
    Rule(
        f"{TEAM}.roles",
        r"{Q}\s+of\s+(?:them|us|whom)\s+(?:are\s+|on\s+|in\s+|doing\s+|work\s+on\s+)?(?:the\s+)?"
        r"(?P<role>" + ROLE + r")\b",
        "role",
        claims=False,
    ),
    Rule(
        f"{TEAM}.teams",
        r"{Q}\s+(?:product\s+|feature\s+|scrum\s+|dev\s+|development\s+)?(?:teams|squads)\b",
        "count",
    ),
    Rule(f"{TEAM}.structure", r"feature\s+teams|cross-functional\s+teams", value="feature-teams"),
    Rule(f"{TEAM}.structure", r"component\s+teams", value="component-teams"),
    Rule(
        f"{TEAM}.structure",
        r"platform\s+(?:team|squad)s?\b[^.;]{0,40}?\b(?:product|stream[- ]aligned|feature)"
        r"\s+(?:teams?|squads?)",
        value="platform-and-product",
    ),
    Rule(
        f"{TEAM}.structure", r"(?:a\s+)?single\s+team|one\s+(?:small\s+)?team", value="single-team"
    ),
    Rule(
        f"{TEAM}.hiring",
        r"(?:no|can't|cannot|can\s+not|not\s+able\s+to|unable\s+to)\s+hir(?:e|ing)|hiring\s+freeze"
        r"|hiring\s+(?:is\s+)?(?:frozen|on\s+hold|paused)|no\s+new\s+(?:hires|hiring|headcount)"
        r"|not\s+hiring"
        # "No budget for extra people", "No open roles", "No one else will be recruited"
        r"|\bno\s+(?:budget|money|funds?|headcount)\s+for\s+(?:extra|more|additional|new)\s+"
        r"(?:people|staff|hires|heads|developers|engineers|devs)\b"
        r"|\bno\s+open\s+(?:roles|positions|reqs?|vacancies)\b"
        r"|\b(?:no\s+one|nobody)\s+(?:else|new|more)\s+will\s+be\s+(?:recruited|hired)\b",
        value=False,
    ),
    Rule(
        f"{TEAM}.hiring",
        r"(?:can|able\s+to|plan\s+to|will|allowed\s+to|we'll|we\s+will)\s+hire"
        r"|(?:we're|we\s+are|currently|actively)\s+(?:hiring|recruiting)"
        r"|(?:hiring|recruiting)\s+(?:a|an|one|two|three|\d{1,2})\b"
        # "hire approved", "two engineers we hire with this round", "adds 3 more developers"
        r"|\bhires?\s+(?:is\s+)?(?:approved|planned|signed|agreed)"
        r"|\bwe(?:'ll|\s+will)?\s+(?:hire|recruit)\b|\bto\s+be\s+hired\b"
        r"|\badd(?:s|ing)?\s+(?:\d{1,2}|one|two|three|four|five)\s+more\b"
        r"|\b(?:reqs?|roles?|positions?|vacanc(?:y|ies))\s+(?:are|is)\s+open\b"
        r"|hiring\s+(?:is\s+)?"
        r"(?:possible|planned|approved)"
        # "5 hires approved", "one hire planned", "One open req for a backend engineer"
        r"|\b(?:\d{1,2}|one|two|three|four|five|six)\s+(?:new\s+)?hires?\s+(?:are\s+|is\s+)?"
        r"(?:approved|planned|budgeted|agreed|coming)"
        r"|(?<!\bno\s)\bopen\s+(?:reqs?|requisitions?|roles?|positions?)\b"
        r"|\b(?:reqs?|roles?|positions?)\s+open\b"
        # "backfill approved, recruiting", "approved one more developer position", "I look for
        # 2-3 developers"
        r"|\bbackfill\b|\bapproved\s+(?:one|two|three|a|an|\d{1,2})\s+(?:more\s+|new\s+"
        r"|additional\s+)?(?:[a-z-]{2,15}\s+)?(?:positions?|roles?|reqs?|hires?|headcount)\b"
        r"|\b(?:look|looking|search|searching)\s+for\s+(?:\d{1,2}(?:-\d{1,2})?|one|two|three|a|an)"
        r"\s+(?:[a-z-]{2,15}\s+)?(?:developers?|engineers?|devs?|programmers?)\b",
        value=True,
        claims=False,
    ),
    # expertise per technology: "no X experience" before "no X" (forbidden) further down
    Rule(
        f"{TEAM}.expertise",
        r"(?:no|zero|without)\s+(?:experience\s+(?:with|in)\s+|prior\s+)?{TECHS}"
        r"(?:\s+(?:experience|knowledge|skills|exp)\b)"
        r"|(?:no|zero)\s+(?:experience|knowledge)\s+(?:with|in|of)\s+{TECHS}"
        r"|(?:never\s+used|nobody\s+knows|no\s+one\s+knows)\s+{TECHS}"
        r"|(?:nobody|no\s+one|none\s+of\s+us)\s+" + IN_TEAM + r"(?:has|have)\s+"
        r"(?:any\s+)?{TECHS}\s+(?:experience|knowledge|skills|exp)\b"
        r"|(?:nobody|no\s+one|none\s+of\s+us)\s+" + IN_TEAM + r"(?:knows|has"
        r"(?:\s+ever)?\s+(?:run|used|touched|worked\s+with|operated))\s+{TECHS}"
        # "nobody wants to touch python again"
        r"|(?:nobody|no\s+one|none\s+of\s+us)\s+(?:here\s+)?(?:wants|want|likes|is\s+willing)\s+to\s+"
        r"(?:touch|use|write|go\s+back\s+to)\s+{TECHS}"
        # "Nobody has experience with Kafka", "NOT Rust, nobody here knows it", "Kafka (none)"
        r"|(?:nobody|no\s+one|none\s+of\s+us)\s+" + IN_TEAM + r"(?:has|have)\s+"
        r"(?:any\s+)?(?:experience|knowledge|skills?)\s+(?:with|in|of)\s+{TECHS}"
        r"|{TECHS}\s*[,;:-]\s*(?:nobody|no\s+one)\s+" + IN_TEAM + r"knows\s+it\b"
        r"|{TECHS}\s*\(\s*(?:none|no|zero|no\s+experience)\s*\)"
        # "C++ nobody can write", "nobody here can write Rust"
        r"|{TECHS}\s*,?\s*(?:nobody|no\s+one)\s+"
        + IN_TEAM
        + r"(?:can|could)\s+(?:write|use|do|read)\b"
        r"|(?:nobody|no\s+one)\s+" + IN_TEAM + r"(?:can|could)\s+(?:write|use|do)\s+{TECHS}",
        "level",
        value="none",
    ),
    Rule(
        f"{TEAM}.expertise",
        r"(?:learning|learns|new\s+to|picking\s+up|beginners?\s+(?:in|with)|exploring)\s+{TECHS}"
        r"|{TECHS}\s+(?:beginners|novices|newbies)"
        r"|{TECHS}\s*\(\s*(?:learning|beginner|new)\s*\)"
        # "I know a little of JavaScript, I am learning": the later word says where they are
        r"|{TECHS}\s*,\s*(?:I|we|he|she)\s*(?:am|'m|are|is|'s)\s+(?:still\s+)?learning\b(?!\s+[A-Za-z])",
        "level",
        value="learning",
    ),
    Rule(
        f"{TEAM}.expertise",
        r"(?:some|basic|a\s+bit\s+of|limited|familiar\s+with|some\s+experience\s+"
        r"(?:with|in)|(?:knows?\s+)?(?:a\s+)?little(?:\s+bit)?(?:\s+of)?)\s+{TECHS}"
        # "Azure a little bit", "Kubernetes we know ok-ish", "React (some)"
        # "2 of them ok-ish in Go", "one with Django experience"
        r"|ok-?ish\s+(?:in|with|at)\s+{TECHS}|\bone\s+(?:of\s+them\s+)?with\s+{TECH}\s+experience"
        r"|{TECH}\s+(?:(?:we|I|they)\s+(?:know|use)\s+)?(?:(?:a\s+)?little(?:\s+bit)?|a\s+bit|ok-?ish"
        r"|okay-?ish|so-so|somewhat|a\s+little\s+bit)\b"
        r"|{TECHS}\s*\(\s*(?:some|basic|intermediate|medium|ok|okay)\s*\)"
        # "knows Angular moderately well": a middling level said after the technology ("fairly
        # well" is left to the words around it: writers mean both)
        r"|{TECHS}\s+(?:moderately|somewhat)\s+well\b",
        "level",
        value="some",
    ),
    Rule(
        f"{TEAM}.expertise",
        r"(?:strong|expert|experts|experienced|proficient|fluent|deep\s+expertise|solid|skilled|"
        r"seasoned|very\s+good|good|comfortable)\s+(?:in|with|at)\s+{TECHS}"
        r"|\(\s*(?:all|mostly|everyone|everybody)\s+(?:in\s+|on\s+)?{TECHS}\s*\)"
        r"|(?:know|knows)\s+{TECHS}\s+(?:very\s+)?(?:well|good|inside\s+out|by\s+heart)"
        # "one of them has used FastAPI a lot", "Marco's a Python person", "Jana does the Flutter
        # app", "day job is Ruby on Rails", "the other two backend in Node"
        r"|(?:has|have)\s+used\s+{TECHS}\s+(?:a\s+lot|extensively|for\s+years)"
        r"|\b(?:a|an)\s+{TECH}\s+(?:person|guy|gal|dev|developer|engineer)\b"
        r"|\b(?:does|do|did)\s+the\s+{TECH}\s+(?:app|backend|frontend|front-end|side|part|client)"
        r"|\b(?:day\s+job|background)\s+is\s+(?:in\s+)?{TECHS}|\bfastest\s+in\s+{TECHS}"
        r"|\bI\s+do\s+{TECHS}\s+at\s+(?:my\s+)?(?:day\s+)?(?:job|work)\b"
        r"|\b(?:backend|back-end|frontend|front-end)\s+in\s+(?-i:(?P<short>Node|Go|TS|JS))\b"
        r"|{TECHS}\s*\(\s*(?:strong|expert|advanced|senior|good|solid)\s*\)"
        r"|\bI\s+know\s+{TECHS}"
        # "she's deep in Elixir", "I'm more Python", "I'm more of a Postgres/SQL person", "both
        # of them can write Python well", "he write on Kotlin", "the apps in Swift and Kotlin"
        r"|\bdeep\s+in(?:to)?\s+{TECHS}"
        r"|\b(?:I'?m|I\s+am|he's|she's|he\s+is|she\s+is)\s+(?:more|mostly|mainly)\s+(?:of\s+)?"
        r"(?:a\s+|an\s+)?{TECH}\b"
        r"|\b(?:a|an)\s+{TECH}/[A-Za-z+#.]{1,12}\s+(?:person|guy|gal|dev|developer|engineer)\b"
        r"|\bcan\s+write\s+{TECHS}\s+(?:very\s+)?(?:well|fluently)"
        r"|\b(?:write|writes|code|codes)\s+on\s+{TECHS}"
        r"|\bthe\s+apps?\s+(?:are\s+|is\s+)?in\s+{TECHS}"
        r"|(?:know|knows)\s+(?:very\s+well|well|good)\s+{TECHS}"
        # "Python people", "a Java shop", "we're an elixir shop"
        r"|{TECHS}\s+(?:experts|specialists|gurus|people|folks|developers|devs|engineers|shop|house"
        r"|programmers)\b"
        r"|(?:years\s+of|deep|lots\s+of|strong|solid|extensive)\s+{TECHS}\s+(?:experience|expertise"
        r"|skills|knowledge)"
        r"|expertise\s+(?:in|with)\s+{TECHS}"
        r"|(?:who\s+|they\s+|we\s+|he\s+|she\s+|everyone\s+|everybody\s+|all\s+|and\s+|also\s+"
        r"|,\s*)"
        r"(?:all\s+)?(?:know|knows|write|writes|do|does"
        r"|code\s+in|codes\s+in|work\s+in|works\s+in)\s+{TECHS}"
        r"|\b(?:writes|codes\s+in)\s+{TECHS}"
        r"|\b(?:full[- ]?stack|back[- ]?end|front[- ]?end|mobile)\s+"
        r"(?:devs?\s+|developers?\s+|engineers?\s+)?(?:in|with)\s+{TECHS}"
        r"|\b(?:work|works|worked|working)\s+(?:with|in)\s+{TECHS}\s+(?:since|for)\s+"
        r"(?:many\s+|several\s+|\d+\s+|a\s+few\s+)?years"
        r"|(?:(?<=\d )|(?<=\d))\(\s*(?:(?:all|mostly)\s+)?(?:in\s+|on\s+)?{TECHS}\s*\)"
        r"|(?:strong|solid|expert|fluent)\s+{TECHS}(?!\s+consisten)"
        r"|\b(?:mostly|mainly|primarily)\s+(?:in\s+)?{TECHS}"
        r"|\b(?:persons|people)\s*\(\s*{TECHS}\s*\)"
        # "all three of us write Kotlin", "we're 3 engineers, all TypeScript + React"
        r"|\b(?:all|both|each)\s+(?:(?:of\s+)?(?:us|them)\s+|(?:two|three|four|five|six|\d{1,2})\s+"
        r"(?:of\s+(?:us|them)\s+)?)?(?:(?:write|code|program|work|know|do|use|speak)s?\s+"
        r"(?:in\s+|with\s+)?)?"
        r"(?:in\s+)?{TECHS}"
        r"|\bI\s+(?:only\s+|mostly\s+|mainly\s+)?(?:code|write|program|work)\s+(?:only\s+)?"
        r"(?:in\s+|with\s+)?{TECHS}",
        "level",
        value="strong",
    ),
    # budget
    # a ceiling outranks what is spent today: "pay 15€/mo now and can't go above 40€"
    Rule(
        f"{C}.budget.infra_usd_per_month",
        r"(?:(?:can't|cant|cannot|can\s+not|won't|mustn't|must\s+not|not)\s+(?:go|spend|pay|cost)"
        r"\s+(?:above|over|more\s+than|beyond)|(?:keep|stay|get|bring)\s+(?:it\s+|that\s+|this\s+)?(?:down\s+)?(?:under|below)"
        r"|(?:ceiling|caps?|capped|limit|limited)\s+(?:it\s+|that\s+|us\s+|spend(?:ing)?\s+"
        r"|the\s+new\s+(?:thing|one|system|platform)\s+)?(?:of|is|at|to)?)"
        r"\s+(?:like\s+|about\s+|~\s*)?{MONEY}"
        r"(?:\s*(?:/|per|a|an|each)\s*(?:month|mo)\b)?",
        "money",
        prefer=1,
    ),
    Rule(
        f"{C}.budget.infra_usd_per_month",
        # one amount, then its period: "/month", "monthly", "80 euros for month"
        r"{MONEY}(?:\s*(?:/|per|a|an|each|one)\s*(?:month|mo)\b|\s+monthly|\s*/\s*mo\b"
        r"|\s+(?:for|in)\s+(?:a\s+|each\s+|every\s+|the\s+)?month\b)",
        "money",
    ),
    Rule(
        f"{C}.budget.infra_usd_per_month",
        r"{MONEY}(?:\s*(?:/|per|a|an|each)\s*(?:year|yr|annum)\b|\s+(?:annually|yearly))",
        "money_year",
    ),
    # "The maximum monthly cost for operation and hosting is SEK 40 000": the period named first
    Rule(
        f"{C}.budget.infra_usd_per_month",
        r"\bmonthly\s+(?:[\w-]+\s+){0,1}?(?:cost|costs|budget|spend|bill|ceiling|limit|allowance)"
        r"(?:\s+(?:for|of)\s+(?:[\w-]+\s+){0,4}?[\w-]+)?\s+(?:is|are|:|=|of|will\s+be|should\s+be"
        r"|must\s+be|may\s+be)\s*{APPROX}{MONEY}",
        "money",
    ),
    Rule(
        f"{C}.budget.infra_usd_per_month",
        r"budget\s+(?:of|is|:|around|about|under|below)?\s*{APPROX}{MONEY}",
        "money",
        note="no period given: read as per month",
    ),
    # "Budget: zero for hosting", "nothing for servers": no money at all is an answer
    Rule(
        f"{C}.budget.infra_usd_per_month",
        r"(?:budget|hosting|infra\w*|servers?)\s*(?:is|:|=)?\s*(?:zero|nothing|nil|\$\s?0)\b"
        r"|\b(?:zero|nothing|no\s+money)\s+for\s+(?:the\s+)?(?:hosting|servers?|infra\w*|cloud)\b",
        value=0,
        prefer=2,
    ),
    # hybrid said outright, before the providers whose naming implies plain cloud
    Rule(
        f"{C}.deployment",
        r"hybrid\s+(?:cloud|deployment|setup|environment)|partly\s+on[- ]prem"
        # "4. Hosting. Hybrid: the head-end stays on premises ...", "Deployment: hybrid"
        r"|(?:hosting|deployment|infrastructure|set-?up)[.:]?\s+(?:is\s+|will\s+be\s+|=\s*)?"
        r"hybrid\b(?!\s+(?:consisten\w*|work\w*|meetings?|teams?|events?))",
        value="hybrid",
    ),
    # deployment and cloud: a provider named where the system runs ("moving to AWS", "Azure
    # tenant", a bullet or table cell that is the provider), not a skill ("Azure a little bit")
    *(
        Rule(f"{C}.cloud", _provider(spelling), value=value, also={f"{C}.deployment": "cloud"})
        for value, spelling in (
            ("aws", r"AWS|Amazon\s+Web\s+Services"),
            ("gcp", r"GCP|Google\s+Cloud(?:\s+Platform)?"),
            ("azure", r"(?:Microsoft\s+)?Azure(?!\s+(?:Functions|Blob|Storage|Cosmos))"),
        )
    ),
    # a region code names its provider: "Single region eu-central-1", "europe-west2"
    Rule(
        f"{C}.cloud",
        r"\b(?:us|eu|ap|sa|ca|me|af|il)-(?:east|west|north|south|central|northeast|southeast"
        r"|northwest|southwest)-\d\b",
        value="aws",
        also={f"{C}.deployment": "cloud"},
    ),
    Rule(
        f"{C}.cloud",
        r"\b(?:europe|us|asia|australia|northamerica|southamerica|me)-(?:west|east|north|south"
        r"|central|northeast|southeast|southwest)\d\b",
        value="gcp",
        also={f"{C}.deployment": "cloud"},
    ),
    Rule(
        f"{C}.cloud",
        r"cloud[- ]agnostic|multi[- ]cloud|any\s+(?:cloud|provider)",
        value="any",
        also={f"{C}.deployment": "cloud"},
    ),
    # "We don't want to run our own servers", "Nothing on our premises": not one's own, so
    # someone else's (before the on-prem rule, which it keeps from reading the servers)
    Rule(
        f"{C}.deployment",
        r"\b(?:don't|do\s+not|doesn't|does\s+not|won't|will\s+not|no|not|never|nothing)\s+"
        # the words between are of running or placing it ("card data never touches our servers"
        # is about the data)
        r"(?:(?:want|wants|need|needs|to|run|host|operate|maintain|manage|look|after|install|put"
        r"|go|goes|be|on|in|at|it|this|that|anything|any|more|with)\s+){0,5}?"
        r"(?:our|my)\s+(?:own\s+)?(?:servers?|hardware|premises"
        r"|data\s*cent(?:er|re)s?|server\s*rooms?|machines?)\b",
        value="cloud",
    ),
    Rule(
        f"{C}.deployment",
        r"on[- ]prem(?:ises|ise)?\b|(?:our|own)\s+data\s*cent(?:er|re)s?|air[- ]gapped"
        r"|(?:our|the\s+bank's|the\s+company's|own|a)\s+private\s+(?:OpenShift|Kubernetes|platform"
        r"|data\s*cent(?:er|re)|cloud)"
        # "Runs on hardware at my place", "on our own servers", "No cloud except ..."
        r"|\b(?:hardware|servers?|machines?|a\s+NAS|an?\s+VM|VMs|an?\s+(?:box|PC)|boxes|PCs)\s+(?:at|in)"
        r"\s+(?:my|our)\s+(?:place|home|house|office|basement|premises|back\s*room|building)"
        # "on a server in the back room", "a box in the basement"
        r"|\b(?:servers?|machines?|an?\s+(?:box|PC)|boxes|PCs|a\s+NAS)\s+(?:at|in)\s+the\s+"
        r"(?:back\s*room|basement|comms\s+room|server\s+cupboard|office\s+cupboard)\b"
        # "our Synology NAS", "the hospital's VMware cluster": a machine or a virtualisation of
        # one's own
        r"|\b(?:our|my|the\s+[\w-]{3,20}'s)\s+(?:own\s+)?(?:[A-Z]\w{2,12}\s+)?NAS\b"
        r"|\b(?:our|my|the\s+[\w-]{3,20}'s)\s+(?:own\s+)?(?:VMware|vSphere|Hyper-V|Proxmox"
        r"|OpenStack|Nutanix)\b"
        # "a server at head office", "our servers at the plant", "a rack in the basement"
        r"|\b(?:servers?|racks?|an?\s+(?:box|PC))\s+(?:at|in)\s+(?:the\s+|our\s+)?(?:head\s+office|HQ"
        r"|plant|depot|factory|warehouse|mine|basement|back\s*room)\b"
        # "their server room", "the authority's data centre", "the ministry's private cloud", "on
        # our premises", "the practice server", "the library's local server"
        r"|\b(?:their|(?-i:[Tt]he\s+(?:[a-z][\w-]{2,20}\s+){0,2}"
        r"(?!(?:vendor|provider|supplier|host|hoster|partner|contractor|agency|cloud)'s)"
        r"[a-z][\w-]{2,20}'s))\s+(?:own\s+)?"
        r"(?:data\s*cent(?:er|re)s?|server\s*rooms?|private\s+cloud|local\s+servers?)\b"
        r"|\b(?:on|at|in)\s+our\s+(?:own\s+)?premises\b"
        r"|\b(?:our|the)\s+local\s+servers?\b"
        r"|\bthe\s+(?:practice|surgery|office|school|club|clinic|shop|library|farm|depot)\s+server\b"
        r"|\b(?:our|my|their|the\s+[\w-]{3,20}'s|[\w-]{3,20}'s)\s+own\s+(?:hardware|servers?|machines?|racks?)\b"
        r"|\b(?:no|not)\s+(?:(?:a|the|in\s+the)\s+)?(?:public\s+)?cloud\b(?![- ](?:native|first))"
        r"|\bservers?\s+(?:in|at)\s+(?:the\s+|our\s+)?(?-i:[A-Z])[a-z]{2,15}\s+(?:office|clinic|plant"
        r"|factory|warehouse|site|HQ)\b"
        # "our own server room in the factory", "airport data centre (2 rooms)"
        r"|\b(?:own|our)\s+(?:[a-z]{3,12}\s+)?server\s*rooms?\b"
        # "runs in our colo in Slough", "our servers are in our office": a place of one's own
        r"|\b(?:our|own|a|the\s+company's)\s+(?:own\s+)?colo(?:cation)?(?:\s+(?:space|rack|cage))?\b"
        r"|\bservers?\s+(?:are|is|sit|stay|live|stand)\s+(?:in|at)\s+(?:my|our)\s+(?:own\s+)?"
        r"(?:place|home|house|office|basement|premises|building|server\s*room)\b"
        r"|\b(?:airport|factory|hospital|campus|clubhouse|club|company|office|university|council"
        r"|plant)(?:'s)?\s+(?:own\s+)?(?:data\s*cent(?:er|re)s?|server\s*rooms?|hardware)\b",
        value="on-prem",
    ),
    Rule(
        f"{C}.deployment",
        r"(?:at|on)\s+the\s+edge|edge\s+(?:deployment|functions|locations)",
        value="edge",
    ),
    Rule(
        f"{C}.deployment",
        r"in\s+the\s+cloud|cloud[- ](?:native|hosted|based)|public\s+cloud"
        # "FedRAMP Moderate authorized cloud", "a sovereign cloud"
        r"|\b(?:authori[sz]ed|approved|certified|accredited|sovereign|government|gov)\s+cloud\b"
        r"|\b(?:a|an|new|our|the)\s+(?:new\s+)?cloud\s+(?:platform|service|solution|provider|hosting"
        r"|offering|version)|\bhost(?:ed|ing)\s+(?:at|on|with|by)\s+[A-Za-z]{2,15}cloud\b"
        # a hosting company named where it runs: "we'd host it on DigitalOcean"
        r"|\b(?:host|hosted|hosting|run|runs|deploy|deployed|on|at|with|use|uses|using)\s+(?:it\s+)?(?:on|at|with|to)?\s*"
        rf"(?:{HOSTERS})\b"
        # "Hosted by a UK hosting company", "cloud hosting is fine", "Hosting: cloud", "on a VPS"
        # (someone else's, "per his hosting company", is theirs)
        r"|(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)\b(?:hosting|web\s+hosting)\s+(?:company|provider"
        r"|firm)\b|(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)\bweb\s+host\b"
        r"|\bcloud\s+hosting\b|\bhosting\s*[:=]\s*(?:the\s+)?cloud\b|\bmanaged\s+hosting\b"
        r"|\b(?:a|our|the)\s+VPS\b|\brent(?:ed|ing)?\s+(?:a\s+)?(?:virtual\s+)?servers?\b",
        value="cloud",
    ),
    # operations
    Rule(
        f"{OPS}.managed_services_preferred",
        r"no\s+managed\s+services|self[- ]host(?:ed|ing)?\s+(?:everything|only)"
        r"|run\s+(?:it|everything)\s+ourselves",
        value=False,
    ),
    Rule(
        f"{OPS}.managed_services_preferred",
        r"(?:prefer|want|use|favou?r|like|rely\s+on)\s+managed\s+(?:services|offerings|databases"
        r"|stuff|things|options|solutions|products)"
        r"|managed\s+services\s+(?:preferred|only|where\s+possible)"
        # "managed services over self-hosted", "we go managed — S3, SQS", "managed X instead
        # of self-run Y"
        r"|managed\s+(?:services\s+|options\s+)?(?:over|rather\s+than|instead\s+of)\s+self"
        r"|managed\s+[\w/ ]{2,40}\s+instead\s+of\s+self[- ](?:run|hosted|managed)"
        r"|\b(?:we|we'll|let's)\s+(?:go|stay|stick\s+with)\s+managed\b"
        r"|(?:don't|do\s+not|no)\s+want\s+to\s+(?:run|operate|manage)\s+"
        r"(?:our\s+own\s+|any\s+)?(?:infrastructure|servers|databases|clusters)"
        r"|serverless[- ]first|no\s+(?:ops|SRE|devops)\s+team"
        # "we prefer PaaS over anything we patch", "serverless where possible", "App Service and
        # managed SQL", "nobody wants to babysit servers"
        r"|prefer\s+(?:PaaS|SaaS|serverless|managed)\b|\b(?:PaaS|serverless)\s+(?:where(?:ver)?"
        r"\s+possible|first|over)\b|\bmanaged\s+(?:SQL|Postgres\w*|PostgreSQL|MySQL|databases?"
        r"|Kubernetes|K8s|Redis|Kafka)\b"
        r"|(?:nobody|no\s+one)\s+wants\s+to\s+(?:manage|run|operate|maintain|babysit|patch)\b"
        r"|managed\s+(?:everything|things)|everything\s+managed|\bmanaged\s+(?:PaaS|SaaS)\b"
        r"|(?:not|n't|never)\s+(?:want\s+to\s+|to\s+)?(?:manage|run|operate|maintain|babysit|patch)"
        r"\s+(?:our\s+own\s+|any\s+)?(?:servers|infrastructure|clusters|databases|[A-Z]\w{2,15}\s+at\s+\d)",
        value=True,
    ),
    # "Deployment frequency: weekly": the label and its value
    Rule(
        f"{OPS}.deploy_frequency",
        r"(?:deploy(?:ment)?|release)s?\s+(?:frequency|cadence)\s*[:=|-]\s*daily\b",
        value="daily",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"(?:deploy(?:ment)?|release)s?\s+(?:frequency|cadence)\s*[:=|-]\s*weekly\b",
        value="weekly",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"(?:deploy(?:ment)?|release)s?\s+(?:frequency|cadence)\s*[:=|-]\s*monthly\b",
        value="monthly",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"(?:multiple|several|many)\s+(?:deploys|deployments|releases|times)\s+(?:a|per)\s+day"
        r"|deploy\w*\s+(?:multiple|several|many)\s+times\s+(?:a|per)\s+day"
        r"|continuous(?:ly)?\s+deploy\w*",
        value="multiple-per-day",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"daily\s+(?:deploys?|deployments|releases)|(?:deploy|release)\w*\s+(?:once\s+)?"
        r"(?:a|per|every)\s+day|(?:deploy|release)\w*\s+daily",
        value="daily",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"weekly\s+(?:deploys?|deployments|releases)|(?:deploy|release|ship)\w*\s+(?:once\s+)?"
        r"(?:a|per|every)\s+week(?!\s+(?:and\s+a\s+half|after|later|before|from|or\s+two))"
        r"|(?:deploy|release)\w*\s+weekly",
        value="weekly",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"(?:every\s+two\s+weeks|bi-?weekly|fortnightly)\s*(?:deploys?|releases)?"
        r"|(?:deploy|release)\w*\s+every\s+(?:two|2)\s+weeks",
        value="weekly",
        note="every two weeks: nearest allowed value",
    ),
    Rule(
        f"{OPS}.deploy_frequency",
        r"monthly\s+(?:deploys?|deployments|releases)|(?:deploy|release)\w*\s+(?:once\s+)?"
        r"(?:a|per|every)\s+month(?!\s+(?:and\s+a\s+half|after|later|before|from|or\s+two))"
        r"|(?:deploy|release)\w*\s+monthly|quarterly\s+releases",
        value="monthly",
    ),
    Rule(
        f"{OPS}.on_call",
        r"no\s+on[- ]?call\s+(?:at\s+night|outside\s+(?:business|office|working)\s+hours"
        r"|after\s+hours|on\s+weekends)|business\s+hours\s+only",
        value="business-hours",
    ),
    Rule(
        f"{OPS}.on_call",
        r"no\s+on[- ]?call|nobody\s+(?:is\s+)?on[- ]?call|no\s+(?:24/7\s+)?support\s+rota"
        r"|no\s+pager(?:s|\s+duty)?\b|no\s+(?:night|weekend)\s+(?:pages|calls|shifts)",
        value="none",
    ),
    Rule(
        f"{OPS}.on_call",
        r"24\s*[/x×]\s*7|round[- ]the[- ]clock|around\s+the\s+clock"
        r"|24\s*hours?(?:\s+a\s+day)?\s*[,/]?\s*(?:365|7)\s+days",
        value="24x7",
    ),
    Rule(f"{OPS}.on_call", r"business\s+hours|office\s+hours|9[- ]to[- ]5", value="business-hours"),
    # functional
    Rule(
        f"{F}.realtime",
        r"(?:no|not|without|doesn't\s+need|does\s+not\s+need|no\s+need\s+for|nothing)\s+"
        r"(?:any\s+)?(?:real[- ]?time|live\s+(?:tracking|updates|maps?|positions?|locations?"
        r"|feeds?|data|chat))",
        value=False,
    ),
    Rule(
        f"{F}.realtime",
        r"real[- ]?time|live\s+(?:updates|chat|collaboration|feed|notifications|audio|video"
        r"|streams?|streaming|rooms?|scores|tracking)|web\s*sockets?"
        r"|server[- ]sent\s+events|\bSSE\b|push\s+updates|instant\s+messag\w+"
        r"|\bchat\s+(?:gateway|server|service|messages?|rooms?)|open\s+sockets|fan[- ]out"
        r"|\bmultiplayer\b|\bco-?op\s+(?:[a-z]+\s+)?(?:mode|play|games?|sessions?|multiplayer)\b|state\s+(?:must\s+|should\s+|has\s+to\s+)?sync"
        r"|(?:updates?|refresh\w*)\s+every\s+\d{1,2}\s*(?:s|secs?|seconds)\b|live\s+(?:map|location"
        r"|positions?|cursors?|editing|dashboard|board|headcount|status|feed|counters?|tracking)"
        # "(push, not refresh)", "updated every few seconds"
        r"|\bpush(?:ed)?\s*(?:,\s*)?(?:not|rather\s+than|instead\s+of)\s+(?:refresh\w*|poll\w*)"
        r"|\bupdated\s+every\s+few\s+seconds\b"
        # "pushed to every open screen", "the kitchen sees it live", "in real time"
        r"|\bpush(?:ed|es)?\s+(?:out\s+)?to\s+(?:every|all|each)\b|\bsees?\s+(?:it|them|that)\s+live\b"
        r"|\bcollaborative\s+editing",
        value=True,
    ),
    # what others see updated within seconds: "appear on the shared scoreboard for everyone
    # within about 2 seconds", "Each kitchen screen shows new orders within 1 second", "updates
    # live, push to the screens", "it has to be live" (not "live by June": a launch); the
    # phrase stops before the latency, which is read too; a page that loads in 2 s is no update
    Rule(
        f"{F}.realtime",
        r"\b(?:screens?|scoreboards?|boards?|maps?|dashboards?|displays?|monitors?)\b"
        r"(?:(?!\b(?:load|loads|loading|loaded|open|opens|render\w*|respond\w*)\b)[^.;\n]){0,40}?"
        r"(?=\s+within\s+(?:about\s+|around\s+|~\s*)?(?:[1-9]|10|one|two|three|five)(?:[.,]\d)?\s*"
        r"(?:s|secs?|seconds?)\b)"
        r"|\bupdate[sd]?\s+live\b|\bpush(?:ed|es)?\s+(?:out\s+)?to\s+(?:the\s+)?(?:[\w-]+\s+)?"
        r"(?:screens|displays|dashboards|browsers|phones|devices|clients|overlays)\b"
        r"|\bpushed\s+to\s+(?:[\w']+\s+){0,2}(?:overlays|screens|pages|viewers)\b[^.;\n]{0,20}\blive\b"
        # "Alert messages ... must go out within 5 seconds", "updates have to reach every open
        # page within 10 seconds"
        r"|\b(?:alerts?|alert\s+messages|notifications|updates)\b[^.;\n]{0,60}?\b(?:go\s+out|reach"
        r"|arrive|be\s+delivered|be\s+sent)\b(?=[^.;\n]{0,40}?\bwithin\s+(?:about\s+)?(?:[1-9]|10"
        r"|one|two|three|five|ten)\s*(?:s|secs?|seconds?)\b)"
        r"|\b(?:has|have|needs?)\s+to\s+be\s+live\b(?![ \t]+(?:by|in|before|on|from|at|for|next"
        r"|this|when|after|until))",
        value=True,
        claims=False,
    ),
    Rule(
        f"{F}.clients",
        r"\bmobile\s+(?:apps?|clients?)\b",
        "const_list",
        value=["ios", "android"],
        note="mobile: iOS and Android assumed",
    ),
    Rule(f"{F}.clients", r"\biOS\b|\biPhone|\biPad", value="ios"),
    Rule(f"{F}.clients", r"\bAndroids?\b", value="android"),
    Rule(
        f"{F}.clients",
        r"\bweb\s*(?:app|application|client|frontend|front-end|UI|site|dashboard|portal|page|console"
        r"|back[- ]?office|admin|interface|version|shop|store)s?\b"
        r"|\bbrowsers?\b|\bSPA\b|\bwebsite|\bweb[- ]based\b"
        # a site or page people use: "our booking site", "a status page", "book online"
        r"|\b(?:booking|self-service|customer|member|ordering|online|public)\s+(?:site|portal)s?\b"
        r"|\bstatus\s+pages?\b|\b(?:book|order|apply|pay|register)\s+online\b"
        # the web named as a place the product is used: "on web mostly", "portal (web)",
        # "iOS, Android and web"
        r"|\b(?:on|via|through|for|over)\s+(?:the\s+)?web\b(?!\s*(?:hooks?|sockets?|servers?))"
        # "Web and iOS at launch": the web alone, so the iOS rule's claim does not hide it
        r"|\(\s*web\s*(?:\)|[,;](?=[^)\n]{0,40}\)))|\bweb(?=\s*(?:,|and|or|&|\+|/|\|)\s*(?:mobile|iOS|Android|iPhone|apps?)\b)"
        # "site web seulement", "sitio web", "Webseite"; a table cell that is just "web"
        r"|\bsite\s+web\b|\bsitio\s+web\b|\bWebseite\b|(?<=\|)[ \t]*web[ \t]*(?=\|)"
        # "web only", "Web is enough", "the web one is for the bursars", "a web board"
        r"|\bweb\s+(?:only|is\s+enough|one|board|first)\b"
        # a label that names the clients: "clients: web", "Platform = web"
        r"|\b(?:clients?|platforms?|devices|front-?ends?)[ \t]*[:=][ \t]*web\b"
        r"(?![ \t]*(?:hooks?|sockets?|servers?|services?|API))"
        r"|(?:(?<=\bmobile)|(?<=\biOS)|(?<=\bAndroid)|(?<=\bapps)|(?<=\bapp)|(?<=\)))"
        r"\s*(?:,|and|or|&|\+|/)\s*(?:the\s+|a\s+)?(?:[a-z]{3,15}\s+)?"
        r"web\b(?!\s*(?:hooks?|sockets?|servers?|services?|frameworks?|dev\w*|agency|design\w*"
        r"|team|stack|traffic|push|fonts?|workers?|hosting|scal\w+|API))"
        # the web as the adjective of what someone uses: "a web system", "a web upload from
        # dispatchers", "a web form", "the React web player", "web screens", "web for admins"
        r"|\b(?:a|an|the|our|their|and|plus|use|uses|using|simple|small|new|responsive|React|Vue"
        r"|Angular|[a-z]+er)"
        r"\s+web\s+(?!hooks?\b|sockets?\b|servers?\b|services?\b|frameworks?\b|dev\w*|agency\b"
        r"|design\w*|team\b|stack\b|traffic\b|push\b|fonts?\b|workers?\b|hosting\b|host\b"
        r"|scal\w+|API\b|vitals\b|standards?\b|technolog\w+|skills?\b|experience\b|security\b"
        r"|requests?\b|pages?\s+load|crawl\w*|scrap\w*)[a-z]{3,}"
        r"|\bweb\s+for\s+(?:the\s+)?[a-z]{3,}"
        # "inspectors use web to see the history", "no app. only web"
        r"|\b(?:use|uses|using|only)\s+web\b(?!\s*(?:hooks?|sockets?|servers?|services?|frameworks?"
        r"|dev\w*|agency|design\w*|team|stack|API|technolog\w+))",
        value="web",
    ),
    Rule(
        f"{F}.clients",
        r"\bdesktop\s+(?:apps?|clients?|applications?|reader|version|program|software)\b"
        r"|\bElectron\b|\b(?:Mac|macOS)\s*(?:&|and|\+|/)\s*Windows\b"
        r"|\bWindows\s*(?:&|and|\+|/)\s*(?:Mac|macOS)\b",
        value="desktop",
    ),
    Rule(f"{F}.clients", r"\bCLI\b|command[- ]line\s+(?:tool|client)", value="cli"),
    Rule(f"{F}.clients", r"\bIoT\b|sensors?\s+in\s+the\s+field|connected\s+devices", value="iot"),
    Rule(
        f"{F}.clients",
        r"partner\s+API|public\s+API|B2B\s+API|third[- ]party\s+developers"
        # "a published API for agents' software", "systems shall book through an API"
        r"|\bpublished\s+API|\bopen\s+API\b|\bAPI\s+for\s+(?:partners|agents|third|integrators|resellers)"
        r"|\b(?:book|submit|order|integrate|connect)\w*\s+(?:through|via)\s+(?:an|our|a)\s+"
        r"(?:public\s+|REST\s+)?API\b"
        # other organisations' systems using an API: "partners pull data through our API", "the
        # shops connect their tills through an integration API", "an API for the clubs"
        r"|\b(?:partners?|resellers?|agents?|clubs?|shops?|stores?|suppliers?|carriers?|insurers?"
        r"|banks?|brokers?|integrators?|law\s+firms?|firms?|retailers?|merchants?"
        r"|third[- ]part(?:y|ies))"
        r"(?:'s?)?\s+(?:[\w'-]+\s+){1,5}?(?:through|via|using|over|from|to)\s+(?:an?\s+|our\s+|the\s+)?"
        r"(?:[\w-]+\s+)?API\b"
        r"|\bAPI\s+for\s+(?:the\s+)?(?:clubs|shops|stores|suppliers|carriers|insurers|banks|brokers"
        r"|firms|retailers|merchants|schools|hospitals|councils)\b",
        value="partner-api",
    ),
    Rule(
        f"{F}.transactions",
        r"distributed\s+transactions|transactions?\s+(?:across|spanning|spans?)\s+(?:several\s+"
        r"|multiple\s+)?(?:[\w-]{2,20}\s+(?:and\s+)?){0,4}?(?:services|systems|stores|databases)"
        r"|\bsagas?\b",
        value="multi-service",
    ),
    Rule(f"{F}.transactions", r"no\s+transactions", value="none"),
    Rule(
        f"{F}.transactions",
        r"\bACID\b|transactional|(?:database|db)\s+transactions",
        value="single-service",
    ),
    Rule(
        f"{F}.search",
        r"full[- ]text\s+search|\bsearch\s+(?:over|across|through|in|bar|box|engine|feature"
        r"|has|have|must|should|needs?|is|results)\b"
        r"|\bsearch(?:es)?\s+(?:of|for)\s+[\w-]{2,20}\s+(?:must|should|has|have|needs?|is|are)\b"
        r"|(?:able\s+to|can|could|want\s+to|need\s+to|must)\s+search\b"
        r"|\bsearchable\b",
        value=True,
    ),
    Rule(f"{F}.analytics", r"no\s+(?:analytics|reporting)", value=False),
    Rule(
        f"{F}.analytics",
        r"\banalytics\b|\breporting\b|\bdashboards\b|business\s+intelligence|\bBI\b"
        r"|ad[- ]hoc\s+reports",
        value=True,
    ),
    Rule(
        f"{D}.model",
        r"relational\s+(?:data|model|database|schema)|normali[sz]ed\s+schema",
        value="relational",
        overflow=f"{D}.also",
    ),
    Rule(
        f"{D}.model",
        r"document\s+(?:model|store|database|data)|JSON\s+documents|nested\s+documents",
        value="document",
        overflow=f"{D}.also",
    ),
    Rule(
        f"{D}.model",
        r"graph\s+(?:data|model|database|queries)|social\s+graph",
        value="graph",
        overflow=f"{D}.also",
    ),
    Rule(
        f"{D}.model",
        r"time[- ]series|sensor\s+readings|metrics\s+data",
        value="time-series",
        overflow=f"{D}.also",
    ),
    Rule(f"{D}.model", r"key[- ]value", value="key-value", overflow=f"{D}.also"),
    Rule(f"{D}.model", r"wide[- ]column", value="wide-column", overflow=f"{D}.also"),
    Rule(
        f"{D}.complex_queries",
        r"simple\s+(?:key\s+)?lookups|only\s+key\s+lookups|no\s+complex\s+queries",
        value=False,
    ),
    Rule(
        f"{D}.complex_queries",
        r"complex\s+queries|\bjoins\b|aggregations|ad[- ]hoc\s+queries",
        value=True,
    ),
    Rule(
        f"{D}.schema",
        r"flexible\s+schema|schema[- ]?less|varying\s+(?:fields|attributes)",
        value="flexible",
    ),
    Rule(
        f"{D}.schema",
        r"schema\s+(?:will\s+|is\s+|keeps\s+)?(?:evolv\w+|chang\w+)|evolving\s+schema",
        value="evolving",
    ),
    Rule(
        f"{D}.schema",
        r"schema\s+(?:is\s+)?(?:fixed|stable|rarely\s+changes)|fixed\s+schema",
        value="fixed",
    ),
    # the size of one item is no size of the data: "STL files, 30 to 80 MB each", "6-12 photos
    # (avg 2.5 MB)", "2 MB per photo"
    Rule(
        f"{D}.size_gb",
        r"{APPROX}{SIZE}\s*(?:each|apiece|a\s+piece|per\s+(?:file|photo|image|picture|scan|video"
        r"|clip|document|item|upload|object|record|case|claim|message|page|attachment))\b"
        r"|\(\s*(?:avg\.?|average|each|approx\.?|~)\s*{APPROX}{SIZE}\s*\)",
        "ignore",
    ),
    Rule(
        f"{D}.growth_gb_per_month",
        r"(?:grow\w*|adding|add|growth\s+of|\+)\s*(?:by\s+)?{APPROX}{SIZE}\s*(?:/|per|a|each|every)\s*"
        r"(?:month|mo)\b",
        "size",
    ),
    Rule(
        f"{D}.growth_gb_per_month",
        r"{APPROX}{SIZE}\s+(?:of\s+)?(?:new\s+|additional\s+|more\s+)(?:data\s+)?"
        r"(?:/|per|a|each|every)\s*(?:month|mo)\b",
        "size",
    ),
    Rule(
        f"{D}.size_gb",
        r"{APPROX}{SIZE}\s+(?:of\s+)?(?:data|storage|in\s+the\s+database|database)"
        r"|(?:data(?:set)?|database)\s+(?:of|is|size|around|about)?\s*(?:about\s+)?{SIZE}",
        "size",
    ),
    Rule(
        f"{D}.size_gb",
        r"(?:there\s+(?:are|is)\s+|we\s+(?:have|hold|store)\s+)?{APPROX}{SIZE}\s+"
        r"(?:of\s+(?:[\w-]+\s+){1,3})?(?:today|now|currently|in\s+total|at\s+present|so\s+far)\b",
        "size",
    ),
    # retention: every period the brief says data is kept; the longest is the policy
    Rule(
        f"{D}.retention_days",
        r"{DUR}\s+(?:of\s+)?(?:data\s+|message\s+|log\s+|history\s+)?retention",
        "days",
    ),
    Rule(
        f"{D}.retention_days",
        r"{APPROX}{DUR}\s+of\s+(?:[A-Za-z-]{2,15}\s+){0,2}?(?:history|data|logs|records|archive"
        r"|backups|tracks|events|messages|readings|measurements|recordings|footage|transactions"
        r"|orders|audit\s+trails?|metrics|telemetry)\b",
        "days",
    ),
    Rule(
        f"{D}.retention_days",
        r"\b(?:retention|retained|retain|keep|kept|keeps|(?<!App\s)(?<!Play\s)store|stored|storage"
        r"|preserved?|archived?)\b"
        r"[^.;\d]{0,60}?(?:for\s+)?(?:at\s+least\s+|a\s+minimum\s+of\s+|minimum\s+|up\s+to\s+)?"
        # "in the App Store in 10 weeks": a duration after 'in' is a deadline, not a period kept
        r"(?<!\bin\s)(?<!\bwithin\s){APPROX}{DUR}",
        "days",
    ),
    Rule(
        f"{D}.retention_days",
        r"\b(?:retention|retained|kept|keep|store|stored)\b[^.;]{0,60}?[,;]\s*(?:[A-Za-z-]{2,15}\s+){1,3}"
        r"(?:for\s+)?{DUR}",
        "days",
        claims=False,
    ),
    Rule(
        f"{D}.files",
        r"file\s+(?:uploads?|attachments?|sharing)|\battachments\b|upload\w*\s+(?:images|photos|"
        r"videos|files|documents)|(?:image|video|photo|media)\s+uploads?"
        r"|(?:photos|images|files|documents|videos)\s+(?:are\s+|get\s+)?uploaded"
        r"|uploads?\s+(?:[\w-]{1,10}\s+){0,2}(?:photos|images|files|documents|videos|attachments)"
        # "I upload, what, eight hundred to twelve hundred photos", "a photo backup", "Photos
        # we've got to keep six years"
        r"|\bupload\w*\b[^.;\n]{0,60}?\b(?:photos|images|videos|files|documents|scans|PDFs)\b"
        r"|\b(?:photo|video|file|document)\s+(?:backup|storage|archive|galler(?:y|ies))"
        r"|\b(?:photos|videos|images|scans|documents)\s+(?:we(?:'ve|\s+have)\s+got\s+to|must\s+be|have\s+to\s+be)"
        r"\s+(?:keep|kept|stored|store)",
        value=True,
    ),
    # files the system keeps or moves, in either order within a clause: "We keep the photos for
    # a year", "Practices upload the scan", "9 terabytes of scans", "scanned documents (proof
    # of address, PDFs) are uploaded", "photos + damage PDFs → object storage"
    Rule(
        f"{D}.files",
        r"\b(?:" + FILE_NOUN + r")\b" + WRAPPED + r"{0,60}?\b(?:" + FILE_VERB + r")"
        r"|\b(?:"
        + FILE_VERB
        + r")\b"
        + WRAPPED
        + r"{0,40}?\b(?:"
        + FILE_NOUN
        + r"|scan|document|file|recording|attachment|files)\b"
        r"|(?:MB|GB|TB|PB|megabytes|gigabytes|terabytes|gigs)\s+of\s+(?:[\w-]+\s+)?"
        r"(?:" + FILE_NOUN + r")\b",
        value=True,
        claims=False,
    ),
    # no files at all, the list standing alone or said not needed: "There are no photos or
    # documents, only text", "No cover images or scans, the catalogue is text only", "no
    # attachments needed"
    Rule(
        f"{D}.files",
        r"\b(?:no|without)\s+(?:[a-z-]{2,15}\s+){0,2}(?:"
        + FILE_NOUN
        + r")(?:\s*(?:,|or|and|nor)\s*(?:[a-z-]{2,15}\s+)?(?:"
        + FILE_NOUN
        + r"))*(?=\s*(?:[,.;:)!\n]|$|(?:are\s+|is\s+)?(?:needed|required|stored|kept|involved"
        r"|allowed|at\s+all|only|whatsoever)\b|-\s))",
        value=False,
    ),
    # media a system handles are files wherever the clause names them, when no rule above read
    # the field: "Inspectors take photos of each defect", "Users upload their CV", "Audio of every
    # call is recorded"; a photo said not to be kept, a Docker image and "the big picture" are not
    Rule(
        f"{D}.files",
        r"\b(?:"
        + MEDIA_NOUN
        + r")\b(?![^.;!?\n]{0,30}?\b(?:not|never|n't)\b)(?!\s*:\s*(?:no|none|not|n/a)\b)",
        value=True,
        claims=False,
    ),
    Rule(
        f"{F}.integrations",
        r"integrat\w*\s+with\s+(?P<items>[^.;\n]{2,80})",
        "items",
    ),
    # constraints on technologies
    Rule(
        f"{TECH}.required",
        r"(?:must|have\s+to|has\s+to|required\s+to|mandated\s+to)\s+use\s+{TECHS}"
        r"|standardi[sz]ed\s+on\s+{TECHS}|company\s+standard\s+is\s+{TECHS}",
        "techs",
    ),
    Rule(
        f"{TECH}.forbidden",
        r"(?:\bno(?:\s+(?:new|more|further))?|\bnot|avoid|can't\s+use|cannot\s+use|must\s+not\s+use"
        r"|won't\s+use|without|ban(?:ned)?"
        # refusals: "we won't touch Oracle", "stay away from Kubernetes", "never again MongoDB"
        r"|(?:won't|will\s+not|wouldn't|refuse\s+to|don't\s+want\s+to|do\s+not\s+want\s+to)"
        r"\s+(?:touch|use|run|go\s+near|introduce|adopt)|refuse|stay\s+away\s+from"
        r"|steer\s+clear\s+of|never\s+again)\s+{TECHS}"
        r"|{TECHS}\s+(?:is|are)\s+(?:not\s+allowed|forbidden|banned|off\s+the\s+table|ruled\s+out"
        r"|a\s+no-?go|not\s+an\s+option|off[- ]limits|prohibited|not\s+permitted|excluded)"
        # "Oracle Database shall not be used (licensing)"
        r"|{TECHS}\s+(?:shall|must|may|should|will)\s+not\s+be\s+(?:used|introduced|deployed)",
        "techs",
    ),
    Rule(
        f"{TECH}.in_use",
        r"(?:already\s+(?:use|run|have|on|using|running)|we\s+(?:use|run)|currently\s+"
        r"(?:use|run|on|using|running)|existing|in\s+production\s+today\s+(?:on|with)|our\s+current)"
        r"\s+{TECHS}"
        r"|{TECHS}\s+(?:is\s+|are\s+)?(?:already\s+)?in\s+(?:use|production)\b",
        "techs",
    ),
    Rule(
        f"{TECH}.in_use",
        r"(?i:(?:tech(?:nology)?\s+)?stack(?:\s+(?:today|now|in\s+use))?)\s*:\s*"
        # the run stops before where it runs ("Node.js and PostgreSQL on AWS")
        r"(?P<techs>(?:(?!\s(?:on|in|at|hosted)\s)[^.\n;]|\.(?=\S)){1,160})",
        "techs",
    ),
    Rule(
        f"{C}.domain",
        r"domain\s+(?:is\s+)?(?:well[- ]understood|clear|stable)|clear\s+(?:bounded\s+contexts|"
        r"domain\s+boundaries)",
        value="clear",
    ),
    Rule(
        f"{C}.domain",
        r"domain\s+(?:is\s+)?(?:still\s+)?(?:evolving|changing)|evolving\s+domain",
        value="evolving",
    ),
    Rule(
        f"{C}.domain",
        r"(?:unclear|fuzzy|unknown)\s+(?:domain|boundaries|bounded\s+contexts)",
        value="unclear",
    ),
    Rule(
        f"{C}.independent_scaling",
        r"scal\w*\s+(?:independently|separately)|independent\s+scaling",
        value=True,
    ),
    Rule(
        f"{C}.polyglot",
        r"polyglot|(?:several|multiple|different)\s+(?:programming\s+)?languages",
        value=True,
    ),
    Rule(
        f"{C}.tech_debt_tolerance",
        r"(?:low|little|no|minimal|zero)\s+(?:tolerance\s+for\s+)?(?:technical|tech)\s+debt",
        value="low",
    ),
    Rule(
        f"{C}.tech_debt_tolerance",
        r"(?:high\s+tolerance\s+for|(?:okay|ok|fine)\s+with|accept)\s+(?:a\s+lot\s+of\s+|lots\s+of\s+)?"
        r"(?:technical|tech)\s+debt|move\s+fast\s+and\s+break",
        value="high",
    ),
    Rule(
        f"{C}.tech_debt_tolerance",
        r"(?:some|moderate|medium)\s+(?:technical|tech)\s+debt",
        value="medium",
    ),
    Rule(
        f"{C}.lock_in_tolerance",
        r"(?:lock[- ]in\s+is\s+(?:fine|ok|okay|acceptable))|(?:don't|do\s+not)\s+mind\s+"
        r"(?:vendor\s+)?lock[- ]in",
        value="high",
    ),
    Rule(
        f"{C}.lock_in_tolerance",
        r"avoid\s+(?:vendor\s+)?lock[- ]in|no\s+(?:vendor\s+)?lock[- ]in|minimi[sz]e\s+"
        r"(?:vendor\s+)?lock[- ]in",
        value="low",
    ),
]

REGION_CODES: dict[str, str] = places.region_codes()
ROLE_NAMES: dict[str, str] = {
    "backend": "backend",
    "back-end": "backend",
    "back end": "backend",
    "frontend": "frontend",
    "front-end": "frontend",
    "front end": "frontend",
    "fullstack": "full-stack",
    "full-stack": "full-stack",
    "full stack": "full-stack",
    "sre": "sre",
    "sres": "sre",
    "infra": "infrastructure",
    "be": "backend",
    "fe": "frontend",
    "front": "frontend",
    "back": "backend",
}
# Unit factors into the unit of the field's key.
MS_UNITS = {"ms": 1, "msec": 1, "millisecond": 1, "milliseconds": 1, "s": 1000, "sec": 1000}
# one month is 30.4375 days (365.25 / 12) everywhere a duration becomes months: rules and timelines
DAYS_PER_MONTH = 30.4375
MONTH_UNITS = {
    "month": 1.0,
    "week": 12 / 52,
    "year": 12.0,
    "quarter": 3.0,
    "day": 1 / DAYS_PER_MONTH,
}
DAY_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365, "quarter": 91}
MINUTE_UNITS = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440}
SIZE_UNITS = {"mb": 0.001, "gb": 1, "tb": 1000, "pb": 1_000_000}
# Technology names that are also everyday words match only as written in the knowledge base.
COMMON_WORDS = frozenset(
    {
        "go",
        "express",
        "echo",
        "next",
        "nest",
        "render",
        "railway",
        "rocket",
        "solid",
        "spring",
        "workers",
        "lambda",
        "containers",
        "servers",
        "fly",
        "elastic",
        "node",
        "rabbit",
        "phoenix",
        "helm",
        "kong",
        "nomad",
        "loki",
        "gin",
        "astro",
        "bun",
        "deno",
        "vue",
        "react",
        "prom",
        "influx",
        "cockroach",
        "dynamo",
        "scylla",
        "tofu",
        "meili",
        "nats",
        "vault",
        "consul",
        "jetstream",
        "sse",
    }
)
