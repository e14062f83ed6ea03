"""Static word lists of the geoparser: countries, demonyms and regions of the region,
common English words that are also GeoNames places, and organisation head words.

These are vocabulary, not data: they are small, hand-written and region-specific.
"""

# surface -> (kind, ISO country code). Keys are folded with name_key by GazetteerIndex.
COUNTRIES = {
    "Iraq": "IQ", "Republic of Iraq": "IQ", "Syria": "SY", "Syrian Arab Republic": "SY",
    "Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR", "Iran": "IR", "Jordan": "JO",
    "Kuwait": "KW", "Saudi Arabia": "SA", "Lebanon": "LB", "Israel": "IL", "Egypt": "EG",
    "Qatar": "QA", "United Arab Emirates": "AE", "Bahrain": "BH", "Oman": "OM",
    "Yemen": "YE", "Russia": "RU", "United States": "US", "United Kingdom": "GB",
    "France": "FR", "Germany": "DE", "Afghanistan": "AF",
    "العراق": "IQ", "سوريا": "SY", "سورية": "SY", "تركيا": "TR", "إيران": "IR",
    "الأردن": "JO", "الكويت": "KW", "السعودية": "SA", "لبنان": "LB",
}
DEMONYMS = {
    "Iraqi": "IQ", "Iraqis": "IQ", "Syrian": "SY", "Syrians": "SY", "Turkish": "TR",
    "Turk": "TR", "Turks": "TR", "Iranian": "IR", "Iranians": "IR", "Jordanian": "JO",
    "Kuwaiti": "KW", "Saudi": "SA", "Lebanese": "LB", "Israeli": "IL", "Egyptian": "EG",
    "Kurdish": "", "Kurd": "", "Kurds": "", "Russian": "RU", "American": "US",
    "Yazidi": "IQ", "Turkmen": "", "Assyrian": "",
}
REGIONS = {
    "Kurdistan": "IQ", "Kurdistan Region": "IQ", "Iraqi Kurdistan": "IQ",
    "Kurdistan Region of Iraq": "IQ", "Middle East": "", "Levant": "", "Golan Heights": "SY",
    "Jazira": "SY", "Jazeera": "SY", "Rojava": "SY", "Sinjar Mountain": "IQ",
    "Nineveh Plains": "IQ", "Nineveh Plain": "IQ",
}

# Adjectives that form border phrases ("the Iraqi-Syrian borders") -> country code.
BORDER_ADJECTIVES = {
    "iraqi": "IQ", "syrian": "SY", "turkish": "TR", "iranian": "IR", "jordanian": "JO",
    "saudi": "SA", "kuwaiti": "KW", "lebanese": "LB",
    "iraq": "IQ", "syria": "SY", "turkey": "TR", "iran": "IR", "jordan": "JO",
    "kuwait": "KW", "lebanon": "LB",
}

# Words that end an organisation name; a place inside such a name is not a location.
ORG_HEADS = frozenset({
    "Command", "Government", "Guard", "Guards", "Police", "Directorate", "Council",
    "Forces", "Force", "Units", "Unit", "Brigade", "Brigades", "Division", "Regiment",
    "Battalion", "Ministry", "Party", "Front", "Army", "Agency", "Authority", "Committee",
    "University", "Dispatch", "News", "Network", "Cell", "Office", "Company", "Corporation",
    "Movement", "Organization", "Organisation", "Federation", "Union", "Parliament",
    "Operations", "Wire", "Post", "Times", "Mobilization", "Mobilisation", "Peshmerga",
})

# Words that, capitalised, are never a place here (titles, groups, page furniture).
NEVER = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "isis", "isil", "daesh", "islamic", "state", "major",
    "general", "brigadier", "colonel", "lieutenant", "commander", "minister", "president",
    "prime", "joint", "operations", "command", "air", "force", "forces", "army", "police",
    "security", "media", "cell", "ministry", "government", "reply", "leave", "log",
    "facebook", "twitter", "whatsapp", "telegram", "youtube", "instagram", "email", "share",
    "comment", "comments", "search", "menu", "home", "login", "logout", "subscribe",
    "cancel", "submit", "website", "name", "required", "fields", "related", "posts",
    "previous", "next", "read", "more", "news", "copyright", "rights", "reserved",
    "peshmerga", "coalition", "sheikh", "shaykh", "imam", "mr", "dr", "god", "allah",
    "sunni", "shia", "shiite", "christian", "muslim",
})

# Common English words that are also GeoNames places; capitalised they are still only a
# place after a location trigger ("in Hit", "town of Hit").
_COMMON_WORDS = """
a about above across after again against all also am an and any are around as at away
back bad be because been before being below best between big both but by came can come
could day did do does done down each early east end even ever far few fine first five
for four free from full gate get give go good great had has have he her here high him his
hit hot how i if in into is it its just keep kind land last late lay leave left less let
like line little long look low made main make man many me might mine more most much must
my near new next nine no nor north not now of off old on once one only open or other our
out over own park peace place plain point port post red rest right rock round run safe
said same saw say see set she should side since six so some south spring still stone such
sun take tal ten than that the their them then there these they this those three through
to too top town two under union until up upon us very view wait was water way we well
were west what when where which while white who why will with within without would yes
yet you your ain bir tell ras hay jabal wadi nahr tel sur bab abu um umm deir dayr arab arabs
"""
COMMON = frozenset(_COMMON_WORDS.split())

# Words before a capitalised common word that make it a place ("in Hit").
TRIGGERS = frozenset({
    "in", "of", "near", "at", "from", "to", "outside", "around", "into", "toward",
    "towards", "between", "and", "district", "town", "village", "city", "outskirts",
})

# Location cues before an unknown capitalised name (case-insensitive).
CUE_PATTERN = (
    r"(?:(?:south|north|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of"
    r"|(?:outskirts|village|villages|town|city|district|area|vicinity|edge|entrance)\s+of"
    r"|near|nearby|around|outside|in\s+the|at\s+the|into|toward|towards|between)"
)
AREA_WORDS = (
    r"(?:area|region|neighbourhood|neighborhood|district|sub-?district|village|desert"
    r"|mountains?|valley|plain|countryside|outskirts|quarter)"
)
