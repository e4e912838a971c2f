"""Whole-line rules: each looks at one line (as plain text) and answers with a reason, or None.

Word limits keep them off real paragraphs: keyword patterns only match whole, short lines that address the
reader, so a real sentence that mentions subscribers or streaming in the middle of an argument stays.
"""
import re

from .dates import find_date, is_dateline
from .results import SPOILER_REASON
from .shapes import ends_sentence, plain, words


# Words that name a news outlet rather than a person or a place ("Valley Post", "Tideford Gazette"): a dateline
# under a headline names the publisher only when its name ends with one of them (``names_outlet``); "Jane Doe,
# 1 December 2026" or "New York, 1 December 2026" gives the date alone.
OUTLET_WORDS = frozenset(
    "post times news gazette herald journal daily weekly tribune chronicle guardian observer express mail telegraph "
    "standard independent courier echo argus mirror star sun press media magazine review record register "
    "bulletin dispatch examiner inquirer monitor reporter sentinel leader advertiser globe world today online tv "
    "radio digest watch wire network newsletter blog podcast quarterly monthly".split()
)


# Words that open a station's name: "Radio Wrenfield", "Channel 9".
_OUTLET_FIRST_WORDS = frozenset({"radio", "channel"})


def names_outlet(name: str) -> bool:
    """Whether ``name`` is an outlet's: its last word (or the word before "of": "Times of India") is one of
    ``OUTLET_WORDS``, or it is a station's ("Radio Wrenfield"). "Greyhaven Gazette", "The Post", "Mail Online" are; "Sun Valley", "Post Falls", "Times
    Square", "Star Wars Day" are places and things that only contain such a word."""
    tokens = name.split()
    if "of" in tokens[1:]:
        tokens = tokens[: tokens.index("of", 1)]
    if len(tokens) >= 2 and tokens[0].lower() in _OUTLET_FIRST_WORDS:
        return True  # "Radio Wrenfield", "Channel 9"
    return bool(tokens) and tokens[-1].lower() in OUTLET_WORDS


def rx(pattern: str) -> re.Pattern:
    """A case-insensitive pattern."""
    return re.compile(pattern, re.IGNORECASE)


_SHARE_NAMES = r"(?:facebook|twitter|x|linkedin|reddit|whatsapp|pinterest|email|e-mail|copy link|print|threads|bluesky|telegram|tumblr|flipboard|messenger)"
_SHARE_RE = rx(rf"^share(?: this(?: article| story| post| page)?| on| via)?\s*(?::\s*)?{_SHARE_NAMES}\b|^share\s*$")
_SHARE_ROW_RE = rx(rf"^(?:{_SHARE_NAMES}\s*(?:[|·•,/]\s*|$)){{3,}}$")
_SPOILER_RE = rx(
    r"^(?:\W*)(?:warning|caution|heads up|attention|note)\b.{0,40}\bspoilers?\b"
    r"|^\W*spoilers?(?:\s+(?:alert|warning|ahead|below|follow))?\s*(?:[.!:)\]\-–—]|$)"
    # "Spoilers ahead for the finale." alone, or with a "stop here" after it; not "Spoilers ahead for newcomers: the
    # harbour floods", "Spoilers ahead for the finale, which drew 4.2 million viewers", "spoilers ahead of the budget".
    r"|^\W*(?:(?:major|minor|mild|heavy|full|big)\s+)?spoilers?\s+(?:ahead|below|follow)\b(?!\s+of\b)[^,:;.!?]{0,60}"
    r"(?:[.!]\s*|$)(?:stop (?:reading )?(?:here|now) if you\b[^,:;]*[.!]?\s*)?$"
    r"|^\W*stop (?:reading )?(?:here|now) if you (?:haven['’]t|have not)(?: yet)? (?:watched|seen|read|finished|played"
    r"|caught up)\b|^\W*stop (?:reading )?(?:here|now) if you don['’]t want (?:to be spoiled|spoilers|to know)\b"
    r"|^\W*(?:needless to say,?\s+)?everything (?:from here on|from here|below|after this(?: point)?|that follows)"
    r" (?:is|contains) (?:a )?(?:major |massive |huge )?spoilers?\b"
    r"|^\W*this (?:article|post|piece|recap|review|story|explainer) contains (?:major |heavy |full )?spoilers"
    r"(?: for [^,:;.!?]{1,60})?[.!]?$"
)
_AD_MARKER_RE = rx(
    r"^\[?\s*(?:advertisement|advertising|ad|sponsored(?: content)?|promoted|paid (?:content|post)|partner content)\s*(?:\]\s*)?"
    r"(?:(?:[-–—:|]\s*)?(?:(?:continue|keep) reading|story continues|article continues)(?: below)?\.?)?$"
)
# A label naming what follows as paid for: "Sponsored: Rain jackets - 20% off this week", "Advertisement | Evening classes".
_AD_LABEL_RE = rx(r"^\[?\s*(?:advertisement|sponsored(?: content| link)?|paid (?:content|post)|partner content)"
                  r"\s*(?:\]\s*)?[:|]\s*(?-i:[A-Z])")
_CONTINUE_RE = rx(r"^(?:continue|keep) reading(?: below)?\.?$|^(?:story|article) continues (?:below|after (?:the )?(?:ad|advertisement))\.?$")
# The credit may end in a name with initials ("Photo: Coastal Courier / J. Pike"), but holds no full stop else.
_CREDIT_LINE_RE = rx(
    r"^\(?\s*(?:photo(?:graph)?s?|images?|pictures?|credit|photo credit|image credit|illustration)\s*:\s*"
    r"(?:[^.!?]{1,100}|[^.!?]{1,80}?(?-i:\b(?:[A-Z]\.\s?)+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))\)?\.?$"
)
# A caption on a line of its own, labelled as one ("Photo: Crews walk beside the carriages.", "Photo caption: …",
# "Pictured: …"): what a picture shows, not the article's text, whatever credit follows it.
_CAPTION_LINE_RE = rx(r"^\(?\s*(?:photo(?:graph)?|image|picture|pictured|caption|(?:photo|image|picture) caption)\s*:\s*\S")
_PICTURED_RE = rx(r"^\(?\s*pictured\s*:\s*\S")
# The credit that may close a caption: "(Evening Post / Sam Pettle)", "Photo: Westmoor Radio", "Photo by the author."
_CAPTION_CREDIT_RE = rx(
    r"(?<!\s)\s*(?:\([^()]{1,80}\)|(?:photo(?:graph)?|image|picture|credit)s?\s*:\s*[^.!?]{1,80}"
    r"|(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy of|from)\s+[^.!?]{1,80}\.?)\s*$"
)


# A caption closed by an agency's credit in capitals, a slash and the photographer: "… at the stadium, May 16, 2026.
# PRESS AGENCY/Jo Bloggs", after the caption's full stop. Case matters: "he switched to the 4-4-2/Diamond" is no
# credit, nor is a headline, "Why the BBC/ITV Merger Failed".
_AGENCY_CREDIT_RE = re.compile(r"[.!?]\s+[A-Z]{2,}(?:[ -][A-Z]{2,}){0,3}\s*/\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*$")
# A numbered figure's caption: "Figure 1: River levels over the week. Data: Met Office."
_FIGURE_RE = rx(r"^\(?\s*(?:figure|fig\.|chart|graphic|graph|table|map|diagram)\s*\d{1,3}[a-z]?\s*[:.–—|]\s*\S")


def _one_sentence(s: str) -> bool:
    return len(re.findall(r"[.!?](?:\s|$)", s.strip())) <= 1


_WATCH_RE = rx(
    r"^where to (?:watch|stream|see it)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:showing|playing|screening)\s+(?:in|at|on)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?available\s+to\s+(?:watch|stream|rent|buy|download)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?streaming\s+(?:now\s+)?(?:on|via|exclusively on)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:out\s+)?in\s+(?:[\w'’-]+\s+(?:and\s+)?){0,3}(?:cinemas|theaters|theatres)\b"
    r"|\b(?:lands|arrives|drops)\s+on\s+\S+\s+(?:on|from)\b"
)
# "available on Flixly", "streams on Vidstream": a capitalised service name, so "available on the website" stays.
_WATCH_SERVICE_RE = re.compile(r"\b(?:(?:is|are)\s+(?:now\s+)?(?:available|out)\s+(?:on|via)|streams?\s+on|(?:is|are)\s+(?:now\s+)?streaming\s+(?:now\s+)?on)\s+(?:[A-Z][\w+]*|digital|demand|DVD|Blu-ray)\b")
# "Listen to County Radio News every hour on the hour.", "Download our app for live updates.": the outlet pointing
# at its own programmes. Short, naming a programme or station by its capitalised name ("Listen to local radio for
# updates", police advice, stays) and a medium.
_TUNE_IN_RE = re.compile(
    r"^(?i:listen(?: live| again)? to|tune in to|catch up (?:with|on))\s+(?:the\s+)?[A-Z][\w'’&-]*"
    r"(?:\s+[A-Z][\w'’&-]*)*.{0,60}?\b(?i:radio|podcasts?|bulletins?|on the hour|live|every (?:hour|day|morning|"
    r"evening|weekday))\b"
    r"|^(?i:download|get) (?i:our|the) [\w'’ -]{0,40}?\b(?i:app)\b"
)
# A short question that opens a promotion ("Love TV? Get our weekly newsletter…").
_LEAD_IN_RE = re.compile(r"^[^.!?]{1,30}\?\s+")
# After a lead-in, only a newsletter's call counts: one that names it, or ends on its button ("… Sign up").
_NEWSLETTER_RE = rx(r"\bnewsletter\b|\bin your inbox\b|\b(?:sign up|subscribe)\W*$|\b(?:new )?posts by e-?mail\b")
_SIGNUP_RE = rx(
    r"^(?:sign up|signup|subscribe)\b(?:\s+(?:to|for|now|today|here))"
    r"|^(?:get|receive)\b.{0,60}\b(?:in your inbox|newsletter|briefing|digest|(?:new )?posts by e-?mail)\b"
    r"|^(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|inbox|daily|weekly|digest|briefing)\b"
    r"|^(?:click|tap) here\b.{0,60}\b(?:newsletter|inbox|subscribe|sign up|digest|briefing)\b"
)
_ACCOUNT_RE = rx(
    r"^(?:log ?in|sign ?in|sign ?up|register|join)(?:\s*[·•|/,]\s*(?:log ?in|sign ?in|sign ?up|register|join"
    r"|create (?:an )?account))+$"  # "Log In · Sign Up"
    r"|^you must be (?:logged|signed) in\b|\blog ?in or register\b|\bregister or log ?in\b"
    r"|^already (?:have an account|a (?:subscriber|member))\b|\byour session has expired\b"
    r"|^(?:please )?(?:log|sign) ?in (?:to|again to) (?:comment|reply|post|continue|keep reading)\b"
    r"|^(?:turn on|enable|allow|get) (?:push |browser )?notifications\b|\bwant (?:the latest )?notifications\b"
    r"|^your account (?:is|has been) (?:frozen|suspended|locked|disabled)\b"
)
_PAYWALL_RE = rx(
    r"\byou(?:'ve| have) read \d+ of (?:your )?\d+ (?:free )?(?:articles|stories)\b|^subscribers? only\b"
    r"|\byou have (?:\d+|one|two|three|no) (?:more )?(?:free )?(?:articles?|stories|story|reads?) (?:left|remaining)\b"
    r"|^(?:this (?:article|story) is )?(?:for|available to) subscribers only\b|\bsubscribe for unlimited access\b"
)
_AFFILIATE_RE = rx(
    r"\b(?:may )?earn (?:an? )?(?:small )?(?:affiliate )?(?:commission|fee)\b.{0,60}\b(?:links?|buy|purchase)\b"
    r"|\bthrough (?:them|(?:these |our |the )?links)\b.{0,60}\bwe (?:may )?(?:earn|receive) (?:an? )?(?:small )?"
    r"(?:affiliate )?(?:commission|fee)\b"  # "When you buy through links on our site, we may earn…"
    r"|\bcontains affiliate links\b|^affiliate disclosure\b"
)
# "Slow Reader is a reader-supported newsletter…", "…consider becoming a free or paid subscriber": the
# publication asking for support, as newsletter platforms print under every post.
_SUPPORT_RE = rx(
    r"^[\w'’&.+ -]{1,60}\bis an? (?:independent,? )?(?:reader|listener|member)-(?:supported|funded) "
    r"(?:(?:community |local |news )*(?:newsletter|publication|blog|podcast|site|website|newsroom))\b"
    r"|\bplease consider (?:supporting|donating to|subscribing to|becoming a (?:member|supporter) of) "
    r"(?:us|our (?:work|journalism|reporting))\b"
    r"|\bto receive new posts and support my work\b"
    r"|\bconsider becoming a (?:free or paid |paid or free |paid |free )subscriber\b"
)
# "Thanks for reading Slow Reader! This post is public, so feel free to share it.": the sign-off under a post.
_SIGN_OFF_RE = re.compile(
    r"^(?i:thanks?(?: you)?(?: so much)? for reading)(?:\s+[A-Z][\w'’&.+-]*(?:\s+[A-Z][\w'’&.+-]*){0,4})?\s*[!.]"
    r"|^(?i:this post is public,? so feel free to share it)\b"
)  # "Thanks for reading Slow Reader!", not "Thanks for reading to the children every Friday"
_COMMENT_RE = rx(
    r"\bshare your thoughts\b|\blet us know (?:what you think|in the comments|below)\b"
    r"|\btell us (?:what you think|in the comments|on (?:social media|twitter|x|facebook|instagram|threads|bluesky))\b"
    r"|^have your say(?:\s+(?:in the comments(?: section)?(?: below)?|below))?\s*[.!]?$"
    r"|^(?:leave|post|add|drop) a (?:comment|reply)\b|\bcomment below\b|^\d+ comments?\b|\blog ?in to comment\b"
    r"|^your email address will not be published\b|\brequired fields are marked\b"
)
_FEEDBACK_RE = rx(r"^was this (?:page|article|story) (?:helpful|useful)\b|\bbuy me a coffee\b|\bsupport (?:us|this blog) on (?:patreon|ko-fi)\b")
_COOKIE_RE = rx(r"\b(?:this|our) (?:site|website) uses cookies\b|\bwe use cookies\b|^(?:accept|reject|manage|delete) (?:all )?cookies\b")
_COOKIE_LINK_RE = rx(r"\bcookie (?:settings|preferences|policy)\b")
_FOOTER_RE = rx(r"^(?:©|\(c\)\s*\d{4}|copyright\s+(?:©|\(c\)|\d{4}))|©\s*\d{4}|\ball rights reserved\b"
                r"|^our (?:editorial )?standards\s*:\s*(?-i:[A-Z])"
                r"|(?:^|[|·•]\s*)(?:proudly )?powered by\b|^all times are (?:utc|gmt)\b")
_FOLLOW_RE = rx(r"\bfollow (?:us|@\w+)\b")
# "Read on for everything you need to know about…": the page pointing at itself, which says nothing about the topic.
# Only short and single-clause: "Keep reading to see the twist land in the final chapter, where…" is a claim.
_SIGNPOST_RE = rx(
    r"^(?:read on|keep reading|read below|scroll down)\b.{0,80}?"
    r"\b(?:to (?:find out|learn|see|discover)|for (?:everything|all|what|more)|(?:everything|all|what) you need)\b"
)
_NEED_TO_KNOW_RE = rx(r"^here(?:'s|’s| is) (?:everything|all|what) you need to know\b(?P<rest>.*)$"
                     r"|^here(?:'s|’s| is) what (?:the|this|that|it) (?:\w+ ){0,3}means for (?P<who>[^,;:\d]{1,60})[.!:]?$")
# "In this article, we'll unpack the themes and symbols of the ending.": the page announcing what it is about to
# do. Short ones only: a long one tends to carry a fact on its way ("…, while exploring how its storytelling
# earned five Oscars").
_ANNOUNCE_RE = rx(
    r"^(?:so,?\s+)?(?:in|throughout|over the course of) this (?:article|piece|post|guide|explainer|deep[- ]dive|"
    r"breakdown|review|video|feature|essay|analysis)\b,?\s+(?:we|i)(?:['’]ll| will| are going to|['’]re going to|"
    r" am going to|['’]m going to) (?:unpack|explore|break down|explain|look at|dive into|delve into|"
    r"take a (?:closer |deeper )?look|examine|discuss|answer|cover|go through|walk (?:you )?through|analy[sz]e)\b"
)
_ANNOUNCE_MAX_WORDS = 22


def is_signpost(s: str) -> bool:
    """A sentence that only points the reader at the rest of the page ("Read on for everything you need to
    know about the ending.", "In this article, we'll explore what the ending means…"); "Here's what you need to
    know: polls open at 7am" says something, so it stays."""
    s = s.strip()
    if words(s) <= _ANNOUNCE_MAX_WORDS and _ANNOUNCE_RE.search(s):
        return True
    if words(s) > 16 or re.search(r"[,;:]", s.rstrip(".!:")):
        return False
    if _SIGNPOST_RE.search(s):
        return True
    m = _NEED_TO_KNOW_RE.match(s)
    return bool(m) and (m.group("who") is not None or words(m.group("rest")) <= 6)


# "This article originally appeared in our weekend edition." Short and single-clause only: "This story first
# appeared in a local paper in 1953, and the film's writers changed the ending" is about the story.
_SYNDICATION_RE = rx(
    r"^(?:this|a version of this|an earlier version of this) (?:article|story|piece|post|review|interview|report)"
    r" (?:was )?(?:originally |first )?(?:appeared|published|ran|printed) (?:in|on|at|by)\b"
)
# "Updated 14:05 BST", "Last modified at 9.30am": a time stamp without a date (dated ones are metadata lines).
_TIMESTAMP_RE = rx(
    r"^(?:last\s+)?(?:updated|posted|published|modified|edited|first published)\s*(?::\s*)?(?:on\s+|at\s+)?"
    r"\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?:\s*[A-Z]{2,5})?$"
)
_READING_TIME_RE = rx(r"\b(?:estimated )?reading time\b|\b\d+\s*min(?:ute)?s?\s+read\b")
_TAGS_RE = rx(r"^(?:tags|tagged|filed under|categories|topics|(?:explore )?more on these topics|related topics)\s*:")
_RELATED_INLINE_RE = rx(r"^(?:also read|read more|read next|read also|related(?: posts| articles| stories| reading| coverage)?|see also|more on this(?: story)?|you (?:may|might) also like|recommended|also on (?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?<!Monday)(?<!Tuesday)(?<!Wednesday)(?<!Thursday)(?<!Friday)(?<!Saturday)(?<!Sunday))\s*:\s*\S")
BYLINE_SEGMENT_RE = re.compile(r"(?:^|[|·•»]\s*)By\s+(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|da|di|le|la)){0,3})")
_FORUM_HEADER_RE = rx(r"^(?:post(?:ed)? by|reply from|quote from|re:)\s+\S|^originally posted by\s+[\w.@-]+$")
# A post's writer's profile lines: "Join Date: Aug 2009", "Posts: 8,311".
_FORUM_PROFILE_RE = rx(r"^(?:join(?:ed)?(?: date)?|posts|reputation|rep power|thanks|likes)\s*:\s*"
                       r"(?:[\d,.]+|[a-z]{3,9}\.? \d{4}|\d{1,2} [a-z]{3,9}\.? \d{4})$")
# The desk's credits under a wire story: "Reporting by Ann Lee; Editing by Tim Cox", "Writing by Jo Birch".
# Names only after each "by" (and a place after "in"): "Reporting by the BBC found…", "Editing by AI is…" are text.
_CREDIT_NAMES = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*"
_WIRE_CREDITS_RE = re.compile(
    r"^(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Graphics) by " + _CREDIT_NAMES
    + r"(?:\s+in\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})?"
    r"(?:;\s*(?i:additional reporting|reporting|writing|editing|graphics) by " + _CREDIT_NAMES
    + r"(?:\s+in\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})?)*$"
)
# A live page's byline: "Live updates by Dana Ruiz at the stadium", "Live coverage by Ken Ito".
_LIVE_BYLINE_RE = re.compile(r"^(?:Live (?:updates|coverage|reporting|blog)|Liveblog|Minute-by-minute report|Written|"
                             r"(?:Medically )?[Rr]eviewed|Fact[- ]checked|Edited|Compiled) by (?:Dr\.? )?" + _CREDIT_NAMES
                             + r"(?:,\s*[\w .]{1,30}|\s+at\s+[^|]{1,40})?(?:\s*\|\s*.*)?$")
# A writer's name and job with no "By": "Ann Lee, Science correspondent", "Jo Park, Transport Reporter".
ROLE_BYLINE_RE = re.compile(r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?:(?:[A-Z][A-Za-z&]*|senior|chief|"
                            r"deputy|political|staff|associate|contributing|assistant|managing|science|health|"
                            r"transport|business|sports?|arts|education|environment|crime|news)\s+){0,3}"
                            r"(?i:correspondent|reporter|editor|writer|columnist|critic|contributor)$")
# "EMBARGOED UNTIL 00:01 GMT, THURSDAY 5 MARCH 2026": when a press release may be reported; its date.
_EMBARGO_RE = rx(r"^(?:strictly )?(?:embargoed|under embargo)\b.{0,12}\b(?:until|till|to)\b|^embargo(?:ed)?\s*:\s")
# A note on the article’s own history, not on its subject: "This article was amended on 6 March 2026. An
# earlier version misspelt the trust’s name.", "Correction, 7 March: an earlier version of this story said…".
_CORRECTION_RE = rx(
    r"^(?:this (?:article|story|piece|post|report|page) (?:was|has been) (?:amended|corrected|updated|changed) on\b"
    r"|an earlier version of this (?:article|story|piece|post|report) (?:gave|said|stated|named|misspelt|misspelled|"
    r"misstated|wrongly|incorrectly|referred|described|reported|quoted|misquoted|included|omitted)\b"
    r"|(?:correction|clarification)s?(?:,?\s+(?:\d{1,2}\s+[a-z]{3,9}(?:\s+\d{4})?|[a-z]{3,9}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
    r"|\s*\([^)]{1,30}\))?\s*:\s)"
)
# …and what follows says who declares what: "Disclosure: I have no ties…", "Competing interests: none declared",
# "Disclosure: Ann Lee and Jo Park report…"; "Disclosure: the files show…" is a report.
_DISCLOSURE_RE = re.compile(r"^(?i:(?:financial )?disclosures?|conflicts? of interests?|competing interests?|"
                            r"declarations? of (?:competing )?interests?)\s*:\s*(?:I\b|[Ww]e\b|(?i:the authors?\b|the writer\b|"
                            r"none\b|no\b|nil\b|this (?:article|study|post|work|research)\b)|[A-Z][a-z]+ [A-Z][\w'’-]+)")
# "Source: Lee A, Park J, et al. J River Res. 2026;4(2):11-19. doi:10.1000/xyz": a reference, not a sentence.
_CITATION_RE = rx(r"\bdoi\s*:\s*10\.\d{4,9}/\S|\bdoi\.org/10\.\d{4,9}/")
# …on a line that is a reference: labelled as one, or written as one (authors "et al.", "2026;4(2):11-19").
_REFERENCE_RE = rx(r"^(?:source|reference|citation|journal reference|paper|study|doi)\s*:|\bet al\b|\b(?:19|20)\d{2};\s*\d")
_AUDIENCE_RE = rx(r"^(?:this|the) (?:content|site|page|article|information|material)\b.{0,24}\bfor (?:use by )?"
                  r"(?:healthcare |health ?care |medical |financial |investment )?professionals(?: only)?\W*$"
                  r"|^(?:earn|claim|get) (?:free )?(?:cme|cpd|ce|ceu)\b")
_DISCLAIMER_RE = rx(
    r"^(?:this|the|our) (?:article|content|information|page|site|website|post|guide)\b.{0,60}\bnot (?:a substitute|"
    r"intended as a substitute|meant to replace|intended to replace) (?:for )?(?:professional )?(?:medical|legal|"
    r"financial|tax) advice\b|^always (?:speak|talk|consult) (?:to |with )?(?:your|a) (?:gp|doctor|pharmacist|"
    r"qualified)\b[^,;]{0,50}[.!]?$"
)
_SKIP_LINK_RE = rx(r"^\[?skip to (?:main )?(?:content|navigation|search)\]?(?:\(#[\w-]*\))?$")
# A live page's controls and its entries' time stamps ("Show key events only", "19.12 BST", "9:05am").
_LIVE_CHROME_RE = rx(r"^(?:show|hide) key events(?: only)?$|^(?:auto-?update|live feed|reuse this content|"
                     r"jump to (?:latest|key events)|(?:load|show) (?:more|newer|older|latest) (?:posts|updates|entries))$")
_TIME_ONLY_RE = rx(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|"
                   r"IST|JST)$|^\d{1,2}:\d{2}$")  # "9.58" alone is a time in a race, not a stamp
_PAGINATION_RE = rx(r"^page \d{1,4} of \d{1,4}(?:[\s.…«»‹›<>|]|\d|first|last|next|prev(?:ious)?)*$")
_SCRIPT_NOTICE_RE = rx(r"^(?:please )?(?:turn on|enable|activate) javascript\b|\byou need to (?:turn on|enable) javascript\b")
_FORUM_MEMBER_RE = rx(r"^(?:member|moderator|admin(?:istrator)?|guest|registered user|(?:senior|junior|new|full) member|veteran)\b.{0,60}\b(?:joined|posts?)\b")
_FORUM_ACTION_WORDS = {"reply", "quote", "report", "like", "likes", "share", "flag", "permalink", "edit", "delete",
                       "upvote", "downvote", "thanks", "quick", "top", "back", "to", "multiquote", "save", "hide",
                       "award", "comment", "comments"}
# A post's handle and age ("u/kestrel_9 · 13 hr. ago", "14 hr. ago", "@marsh OP · 2d ago"), a community's name
# alone ("r/Gardening"), and the thread's sort control ("Sort by: Best").
# A handle is "u/…" or "@…", or a user name with a digit or an underscore; with a handle the age may be in words,
# alone it must be abbreviated ("14 hr. ago", "2d ago"): "25 years ago" heads a looking-back column.
_FORUM_STAMP_RE = rx(
    r"^(?:posted by\s+)?(?:(?:[ur]/|@)[\w.-]{1,40}|[\w.-]{0,40}[\d_][\w.-]{0,40})(?:\s+(?:OP|mod|admin))?\s*[·•|-]\s*"
    r"\d{1,4}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\.?\s+ago$"
    r"|^\d{1,4}\s*(?:s|secs?|m|mins?|h|hrs?|d|w|wks?|mo|y|yrs?)(?:\.\s*|\s*)ago$"
    r"|^[ur]/\w+$|^sort(?:ed)? by\s*:\s*\w+(?:\s+\w+)?$"
)


def _forum_action_row(s: str) -> bool:
    """A row of a post's buttons and counts ("▲ 412 ▼ Reply Share Report Save", "💬 214 Comments Share")."""
    words = re.findall(r"[a-zA-Z]+", re.sub(r"\b\d+(?:[.,]\d+)?[kKmM]?\b", " ", s))
    actions = [w.lower() for w in words]
    return bool(actions) and all(w in _FORUM_ACTION_WORDS for w in actions) and (
        any(w in {"reply", "quote", "report"} for w in actions) or "comments" in actions and len(set(actions)) >= 2)


_CRUMB_SEPARATOR_RE = re.compile(r"(?<!\s)\s+[>»/]\s+")
_CRUMB_RE = re.compile(r"[A-Z0-9][\w'’&.-]*(?:\s+(?:[A-Z0-9&][\w'’&.-]*|and|of|the|in|on|for)){0,3}")


# A segment made only of these words is a section of a site ("Local News", "Home Affairs"), not its name.
SECTION_WORDS = {"local", "world", "national", "international", "regional", "business", "money", "sport", "sports",
                 "politics", "news", "culture", "film", "films", "movies", "cinema", "music", "books", "games", "tv",
                 "television", "arts", "opinion", "features", "entertainment", "reviews", "review", "analysis",
                 "transport", "science", "tech", "technology", "travel", "lifestyle", "health", "education",
                 "environment", "home", "affairs", "weather", "food", "style", "explainers", "explainer", "football",
                 "soccer", "cricket", "rugby", "tennis", "golf", "motorsport", "cycling", "live", "and", "&"}


def _crumb_trail(s: str) -> bool:
    """A trail of a few short capitalised names between ``>``, ``»`` or ``/`` ("Home > Football > Cup", "Analysis
    / Weather / Floods"): three of them, or two after "Home"; with ``/``, which lists things too ("London / Paris /
    Berlin"), three that start at the site's home or one of its sections."""
    s = s.strip()
    if len(s) > 300:
        return False
    parts = _CRUMB_SEPARATOR_RE.split(s)
    if len(parts) < 2 or len(parts) == 2 and parts[0].lower() != "home":
        return False
    if "/" in s and not (len(parts) >= 3 and all(w.lower() in SECTION_WORDS for w in parts[0].split())):
        return False
    return all(_CRUMB_RE.fullmatch(part) for part in parts)


def line_reason(line: str) -> str | None:
    """The reason a line, taken alone and whole, is page noise; None when it may be content."""
    s = plain(line)
    if not s:
        return None
    n = words(s)
    if _AD_MARKER_RE.match(s) or _CONTINUE_RE.match(s):
        return "advertisement marker"
    if n <= 25 and _AD_LABEL_RE.match(s):
        return "advertisement"
    if n <= 30 and _SPOILER_RE.search(s):
        return SPOILER_REASON
    if n <= 20 and (_SHARE_RE.match(s) or _SHARE_ROW_RE.match(s)):
        return "share buttons"
    if 8 < n <= 40 and _CAPTION_LINE_RE.match(s) and _one_sentence(_CAPTION_CREDIT_RE.sub("", s)):
        # A credit is a name or two ("Photo: Coastal Courier / J. Pike"); this says more. Two sentences
        # ("Picture: the queue at Gate B. Fans waited four hours.") are text that opens with a caption: they stay.
        return "photo caption"
    if n <= 60 and _AGENCY_CREDIT_RE.search(s) and not s.rstrip().endswith((".", "!", "?")):
        return "photo caption"
    if n <= 40 and _FIGURE_RE.match(s):
        return "figure caption"
    if 2 < n <= 40 and _PICTURED_RE.match(s):
        return "photo caption"  # "Pictured: the keeper in the final episode." says what a picture shows, however short
    if n <= 20 and _CREDIT_LINE_RE.match(s):
        return "photo credit"
    if n <= 30 and _RELATED_INLINE_RE.match(s):
        return "related links"
    if n <= 30 and _TAGS_RE.match(s):
        return "tags"
    if n <= 40 and _PAYWALL_RE.search(s):
        return "paywall banner"
    if n <= 40 and _COOKIE_RE.search(s) or n <= 8 and _COOKIE_LINK_RE.search(s):
        return "cookie banner"
    if n <= 30 and _ACCOUNT_RE.search(s):
        return "account/notification prompt"
    if n <= 40 and (_SIGNUP_RE.search(s) or _NEWSLETTER_RE.search(s) and _SIGNUP_RE.search(_LEAD_IN_RE.sub("", s))):
        return "newsletter sign-up"
    if n <= 25 and (_WATCH_RE.search(s) or _WATCH_SERVICE_RE.search(s)) and len(re.findall(r"[.!?](?:\s|$)", s)) <= 2:
        return "where-to-watch line"
    if n <= 45 and re.match(r"(?i)where to (?:watch|stream)\s*:", s) and len(re.findall(r"[.!?](?:\s|$)", s)) <= 2:
        return "where-to-watch line"  # labelled, it may list several services
    if n <= 16 and _TUNE_IN_RE.search(s):
        return "outlet promotion"
    if n <= 40 and _AFFILIATE_RE.search(s):
        return "affiliate disclaimer"
    if n <= 40 and _SUPPORT_RE.search(s):
        return "subscription pitch"
    if n <= 25 and _SIGN_OFF_RE.search(s):
        return "reader sign-off"
    if n <= 40 and _COMMENT_RE.search(s):
        return "comment prompt"
    if n <= 20 and _FEEDBACK_RE.search(s):
        return "feedback/donation prompt"
    if n <= 30 and _FOOTER_RE.search(s):
        return "site footer"
    if is_signpost(s):
        return "reader signpost"
    if n <= 25 and _FOLLOW_RE.search(s):
        return "social follow prompt"
    if n <= 20 and (_FORUM_HEADER_RE.match(s) and not s.endswith(".")
                    or _FORUM_MEMBER_RE.match(s) or _forum_action_row(s)) or n <= 8 and _FORUM_STAMP_RE.match(s):
        return "forum chrome"
    if n <= 6 and _FORUM_PROFILE_RE.match(s):
        return "forum chrome"
    if n <= 15 and not ends_sentence(s) and (BYLINE_SEGMENT_RE.search(s) or _LIVE_BYLINE_RE.match(s)):
        return "byline"
    if n <= 40 and _WIRE_CREDITS_RE.match(s):
        return "wire credits"
    if n <= 8 and ROLE_BYLINE_RE.match(s):
        return "byline"
    if n <= 16 and _EMBARGO_RE.match(s):
        return "embargo line"
    if n <= 60 and _CORRECTION_RE.match(s):
        return "correction notice"
    if n <= 60 and _DISCLOSURE_RE.match(s):
        return "disclosure statement"
    if n <= 60 and _CITATION_RE.search(s) and _REFERENCE_RE.search(s):
        return "citation"
    if n <= 20 and _AUDIENCE_RE.search(s):
        return "audience notice"
    if n <= 40 and _DISCLAIMER_RE.search(s):
        return "disclaimer"
    if n <= 8 and _SKIP_LINK_RE.match(s):
        return "page chrome"
    if n <= 16 and _PAGINATION_RE.match(s):
        return "pagination"
    if n <= 16 and _SCRIPT_NOTICE_RE.search(s):
        return "page chrome"
    if n <= 6 and _LIVE_CHROME_RE.match(s):
        return "page chrome"
    if n <= 4 and _TIME_ONLY_RE.match(s):
        return "time stamp"
    if n <= 12 and _READING_TIME_RE.search(s):
        return "reading time"
    if n <= 16 and not s.endswith(".") and find_date(s) and is_dateline(s) or n <= 6 and _TIMESTAMP_RE.match(s):
        return "metadata line"
    if n <= 12 and "," not in s and _SYNDICATION_RE.match(s):
        return "syndication note"
    if n <= 30 and ("›" in s and not s.endswith(".") or _crumb_trail(s)):
        return "breadcrumb"
    return None
