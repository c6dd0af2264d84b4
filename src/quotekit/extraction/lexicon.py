"""Word lists the rules use: cue verbs, pronouns, titles, work nouns, function words.

General English only; nothing here names a person or a work.
"""

from __future__ import annotations

import regex

# Verbs that introduce or follow a quotation ("said", "writes", "quipped" ...), as stems
# with their inflections spelled out so a regex can list them.
CUE_VERBS = (
    "say says said saying "
    "write writes wrote written writing "
    "tell tells told "
    "ask asks asked "
    "add adds added "
    "note notes noted "
    "argue argues argued "
    "quip quips quipped "
    "tweet tweets tweeted "
    "post posts posted "
    "reply replies replied "
    "answer answers answered "
    "respond responds responded "
    "explain explains explained "
    "declare declares declared "
    "state states stated "
    "claim claims claimed "
    "insist insists insisted "
    "observe observes observed "
    "remark remarks remarked "
    "comment comments commented "
    "continue continues continued "
    "cry cries cried "
    "exclaim exclaims exclaimed "
    "shout shouts shouted "
    "call calls called "
    "whisper whispers whispered "
    "murmur murmurs murmured "
    "mutter mutters muttered "
    "sigh sighs sighed "
    "laugh laughs laughed "
    "smile smiles smiled "
    "grumble grumbles grumbled "
    "growl growls growled "
    "snap snaps snapped "
    "sneer sneers sneered "
    "scream screams screamed "
    "yell yells yelled "
    "roar roars roared "
    "groan groans groaned "
    "moan moans moaned "
    "sob sobs sobbed "
    "stammer stammers stammered "
    "stutter stutters stuttered "
    "plead pleads pleaded "
    "beg begs begged "
    "urge urges urged "
    "warn warns warned "
    "suggest suggests suggested "
    "admit admits admitted "
    "confess confesses confessed "
    "agree agrees agreed "
    "protest protests protested "
    "object objects objected "
    "interrupt interrupts interrupted "
    "inquire inquires inquired enquire enquires enquired "
    "demand demands demanded "
    "repeat repeats repeated "
    "retort retorts retorted "
    "rejoin rejoins rejoined "
    "return returns returned "
    "resume resumes resumed "
    "persist persists persisted "
    "pursue pursues pursued "
    "announce announces announced "
    "assert asserts asserted "
    "concede concedes conceded "
    "conclude concludes concluded "
    "begin begins began "
    "go goes went "
    "put puts "
    "recall recalls recalled "
    "recount recounts recounted "
    "quoted "
    "joke jokes joked "
    "tease teases teased "
    "chuckle chuckles chuckled "
    "giggle giggles giggled "
    "gasp gasps gasped "
    "breathe breathes breathed "
    "hiss hisses hissed "
    "bark barks barked "
    "bellow bellows bellowed "
    "mumble mumbles mumbled "
    "drawl drawls drawled "
    "lament laments lamented "
    "wonder wonders wondered "
    "think thinks thought "
    "reflect reflects reflected "
    "suppose supposes supposed "
    "remind reminds reminded "
    "assure assures assured "
    "cheer cheers cheered "
    "counter counters countered "
    "muse muses mused "
    "proclaim proclaims proclaimed "
    "joined "
    "explode exploded "
    "sang sing sings "
    "prompt prompted "
    "affirm affirms affirmed "
    "acknowledge acknowledges acknowledged "
    "mention mentions mentioned "
    "testify testifies testified "
    "report reports reported "
    "predict predicts predicted "
    "describe describes described "
    "cite cites cited "
).split()
CUE_SET = frozenset(w for w in CUE_VERBS if "-" not in w)
#: The cue verbs as a pattern fragment (a ``regex`` named list: fast to compile and match).
CUE_ALT = r"\L<cues>"


PRONOUNS_MALE = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE = frozenset({"she", "her"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their", "it", "its"})
PRONOUNS_FIRST = frozenset({"i", "me", "my", "myself", "we", "us", "our", "ourselves"})
PRONOUNS_SECOND = frozenset({"you", "your", "yourself"})

# Titles kept apart from names; the value is the gender they imply (None: unknown).
TITLES: dict[str, str | None] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "father": "m", "brother": "m", "uncle": "m", "count": "m", "duke": "m", "master": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "madame": "f", "mme": "f",
    "lady": "f", "queen": "f", "princess": "f", "sister": "f", "aunt": "f", "mother": "f",
    "dame": "f", "duchess": "f", "countess": "f", "mlle": "f",
    "dr": None, "doctor": None, "prof": None, "professor": None, "sen": None,
    "senator": None, "rep": None, "gov": None, "governor": None, "pres": None,
    "president": None, "rev": None, "reverend": None, "capt": None, "captain": None,
    "col": None, "colonel": None, "gen": None, "general": None, "lt": None, "sgt": None,
    "st": None, "saint": None, "judge": None, "justice": None, "chancellor": None,
    "minister": None, "mayor": None, "officer": None, "inspector": None, "detective": None,
    "chief": None, "ceo": None, "cto": None, "coach": None, "commissioner": None,
    "chairman": "m", "chairwoman": "f", "secretary": None, "ambassador": None,
    "bishop": None, "pope": "m", "emperor": "m", "empress": "f",
}

# Nouns that make a nominal speaker ("the porter", "the old lady") and their gender.
PERSON_NOUNS: dict[str, str | None] = {
    "man": "m", "boy": "m", "gentleman": "m", "lad": "m", "father": "m", "husband": "m",
    "son": "m", "brother": "m", "uncle": "m", "king": "m", "fellow": "m", "youth": "m",
    "old man": "m", "young man": "m", "sir": "m", "grandfather": "m", "priest": "m",
    "woman": "f", "girl": "f", "lady": "f", "mother": "f", "wife": "f", "daughter": "f",
    "sister": "f", "aunt": "f", "queen": "f", "maid": "f", "old lady": "f", "grandmother": "f",
    "old woman": "f", "young lady": "f", "young woman": "f", "nurse": "f", "widow": "f",
    "child": None, "stranger": None, "visitor": None, "voice": None, "speaker": None,
    "other": None, "host": None, "guest": None, "doctor": None, "captain": None,
    "driver": None, "servant": None, "porter": None, "guide": None, "officer": None,
    "soldier": None, "landlord": "m", "landlady": "f", "clerk": None, "farmer": None,
    "author": None, "writer": None, "narrator": None, "professor": None, "teacher": None,
    "student": None, "judge": None, "lawyer": None, "clergyman": "m", "parson": "m",
    "vicar": "m", "convict": None, "prisoner": None, "sailor": None, "keeper": None,
    "traveller": None, "traveler": None, "boatman": "m", "waiter": None, "manager": None,
    "colonel": None, "general": None, "major": None, "sergeant": None, "baby": None,
    "undertaker": None, "coachman": "m", "housekeeper": "f", "cook": None, "company": None,
    "announcement": None, "article": None, "post": None, "paper": None, "report": None,
    "tweet": None, "statement": None, "letter": None, "book": None, "blog": None,
}

# Words that start sentences or follow "the" but are not names.
FUNCTION_WORDS = frozenset(
    """a an the and but or nor so yet for if then than that this these those there here
    when where while why how what which who whom whose as at by in on of off to from with
    without into onto upon over under after before since until till about above below
    between through during against among around behind beyond near like unlike not no yes
    now well oh ah o okay ok alright all any some every each both either neither none one
    two three four five six seven eight nine ten first second third last next other another
    such only just even also still again already always never ever often sometimes perhaps
    maybe indeed really actually basically literally certainly surely very quite rather
    too much many more most less least few little it its it's i i'm i've i'd i'll me my mine
    we we're we've our ours us you you're your yours he he's his him she she's her hers they
    they're their theirs them is are was were be been being am do does did done have has had
    having will would shall should can could may might must let let's don't doesn't didn't
    isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't mr mrs ms dr
    god lord sir madam miss yes no thank thanks please hello hi hey dear good great right
    so-called because though although however therefore thus hence meanwhile otherwise
    besides whereas whether unless once twice anyway anyhow somehow someone somebody
    something everyone everybody everything nobody nothing anyone anybody anything
    today tomorrow yesterday tonight monday tuesday wednesday thursday friday saturday
    sunday january february march april june july august september october november
    december chapter book part volume section act scene note see look listen say said
    says tell told ask asked come go went came get got make made take took give gave know
    knew think thought want wanted need well-known yeah yep nope uh um hmm mm mhm huh wow
    whoa gosh alas end close quote unquote hush pray poor oh! ah! o!
    english french german american british
    internet web app apps ai ml api css html javascript python people folks guys person
    man men woman women kids children things stuff
    """.split()
)

# Nouns for cited works ("in a recent blog post", "in his book").
WORK_NOUNS = (
    "blog post", "blog", "post", "book", "essay", "article", "paper", "tweet", "thread",
    "talk", "interview", "newsletter", "podcast", "episode", "letter", "speech", "memo",
    "announcement", "documentary", "video", "lecture", "keynote", "column", "op-ed",
    "report", "study", "email", "e-mail", "message", "mailing list", "comment", "review",
    "novel", "poem", "song", "film", "movie", "presentation", "slide", "readme", "issue",
    "commit message", "press release", "statement", "substack", "piece", "write-up",
    "manifesto", "paragraph", "chapter", "documentation", "docs", "forum post", "toot",
)
PLATFORMS = (
    "Twitter", "X", "Mastodon", "Bluesky", "LinkedIn", "Facebook", "Instagram", "Reddit",
    "Hacker News", "YouTube", "Substack", "Medium", "GitHub", "Threads", "TikTok", "Slack",
    "Discord",
)


#: Named lists the patterns refer to as ``\\L<name>`` (compiled once, matched as sets).
NAMED_LISTS: dict[str, list[str]] = {
    "cues": sorted(CUE_SET),
    "nouns": sorted(PERSON_NOUNS),
    # as written in names: "Mr", "Lady", "DR"
    "titles": sorted({t.capitalize() for t in TITLES} | {t.upper() for t in TITLES}),
}


def rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile ``pattern`` with the named lists above available."""
    return regex.compile(pattern, flags, ignore_unused=True, **NAMED_LISTS)
