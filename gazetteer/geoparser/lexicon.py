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
# ISO code -> the English name a report or an export gives the country (the first
# Latin surface above: "Iraq", "Saudi Arabia").
COUNTRY_NAMES = {code: surface for surface, code in reversed(COUNTRIES.items()) if surface.isascii()}
# GeoNames' point of each country (the PCLI records): where a country name is coded
# when no country Place is loaded. Corpora and ACLED code "Syria" to these points.
COUNTRY_POINTS = {
    "IQ": (33.0, 44.0), "SY": (35.0, 38.0), "TR": (39.0, 35.0), "IR": (32.0, 53.0),
    "JO": (31.0, 36.0), "KW": (29.5, 47.75), "SA": (25.0, 45.0), "LB": (33.83333, 35.83333),
    "IL": (31.5, 34.75), "EG": (27.0, 30.0),
}
DEMONYMS = {
    "Iraqi": "IQ", "Iraqis": "IQ", "Syrian": "SY", "Syrians": "SY", "Turkish": "TR",
    "Turk": "TR", "Turks": "TR", "Iranian": "IR", "Iranians": "IR", "Jordanian": "JO",
    "Kuwaiti": "KW", "Saudi": "SA", "Lebanese": "LB", "Israeli": "IL", "Egyptian": "EG",
    "Kurdish": "", "Kurd": "", "Kurds": "", "Russian": "RU", "American": "US",
    "Yazidi": "IQ", "Turkmen": "", "Assyrian": "", "Saudis": "SA", "Jordanians": "JO",
    "Kuwaitis": "KW", "Israelis": "IL", "Egyptians": "EG", "Russians": "RU",
    "Americans": "US", "European": "", "Europeans": "", "British": "GB", "French": "FR",
    "German": "DE", "Chinese": "CN", "Indian": "IN", "Arab": "", "Arabs": "", "Persian": "IR",
    "Palestinian": "PS", "Palestinians": "PS", "Afghan": "AF", "Qatari": "QA", "Emirati": "AE",
}
# Religious and ethnic adjectives that are no demonym of a country ("the mainly Shi'ite
# Sha'ab district", "the Sunni Adhamiya district"): before a name they describe the
# place, they are not part of its name. Compared without marks, lowercase.
COMMUNITY_ADJECTIVES = frozenset({
    "shiite", "shiites", "shia", "shii", "sunni", "sunnis", "christian", "christians", "muslim",
    "druze", "alawite", "alawi", "ismaili", "yezidi", "ezidi", "chaldean", "armenian",
    "shabak", "kakai", "yarsani", "yarsanist", "mandaean", "sabean", "catholic", "orthodox",
    "turkoman", "bedouin",
})
REGIONS = {
    "Kurdistan": "IQ", "Kurdistan Region": "IQ", "Iraqi Kurdistan": "IQ",
    "Kurdistan Region of Iraq": "IQ", "Middle East": "", "Levant": "", "Golan Heights": "SY",
    "Jazira": "SY", "Jazeera": "SY", "Rojava": "SY", "Sinjar Mountain": "IQ",
    "Nineveh Plains": "IQ", "Nineveh Plain": "IQ", "Gulf": "", "Persian Gulf": "",
    "Arabian Gulf": "", "Near East": "", "Mesopotamia": "IQ", "Ghouta": "SY",
    "Eastern Ghouta": "SY", "Western Ghouta": "SY", "Qalamoun": "SY", "Anbar Desert": "IQ",
}

# Rough centres of the regions that have one (GeoNames points where it has them).
REGION_POINTS_BY_NAME = {
    "Golan Heights": (33.0, 35.75), "Sinjar Mountain": (36.37, 41.87),
    "Nineveh Plains": (36.45, 43.35), "Nineveh Plain": (36.45, 43.35),
    "Kurdistan Region": (36.19, 44.01), "Iraqi Kurdistan": (36.19, 44.01),
    "Kurdistan Region of Iraq": (36.19, 44.01), "Ghouta": (33.55, 36.45),
    "Eastern Ghouta": (33.55, 36.45), "Western Ghouta": (33.45, 36.2), "Qalamoun": (33.9, 36.6),
}

# Last words of a name that make it a building or an event, not a settlement; an
# unknown name ending so is not reported ("Royal Alexandra Hospital", "Town Hall").
FACILITY_HEADS = frozenset({
    "house", "hall", "court", "conference", "hospital", "boulevard", "street", "avenue",
    "college", "school", "church", "hotel", "restaurant", "cafe", "stadium", "centre", "center",
    "museum", "club", "summit", "festival", "games", "cup", "prize", "award", "airlines",
    "mosque", "shrine", "tomb", "palace", "embassy", "consulate",
})

# Facilities named after their town ("Damascus International Airport", "Tikrit
# University", "Baiji Refinery", "Badush Central Prison"): the town name alone is a place,
# where an event at the facility happened, even when the whole name is an organisation
# ("a professor at Mosul University": extraction only locates events). Regex words, each
# written capitalised and matched case-insensitively; a modifier may come first.
FACILITY_NAME_HEADS = (
    "Airport", "Air Base", "Airbase", "Air Field", "Airfield", "University", "Dam", "Refinery",
    "Prison", "Stadium", "Hospital", "Bridge", "Power Station", "Power Plant",
)
FACILITY_NAME_MODIFIERS = (
    "International", "Military", "Civil", "Civilian", "Central", "General", "Teaching",
    "Technical", "Oil", "Gas", "Thermal",
)

# Adjectives that form border phrases ("the Iraqi-Syrian borders") -> country code.
BORDER_ADJECTIVES = {
    "iraqi": "IQ", "syrian": "SY", "turkish": "TR", "iranian": "IR", "jordanian": "JO",
    "saudi": "SA", "kuwaiti": "KW", "lebanese": "LB",
    "iraq": "IQ", "syria": "SY", "turkey": "TR", "iran": "IR", "jordan": "JO",
    "kuwait": "KW", "lebanon": "LB",
}

# Words that start an armed group's name ending in a place: "Hayat Tahrir al-Sham",
# "Ahrar al-Sham", "Jaysh al-Iraq"; the place after them (and its article) is no location.
ORG_LEADS = frozenset({
    "Tahrir", "Ahrar", "Fateh", "Fatah", "Faylaq", "Failaq", "Jaysh", "Jaish", "Jund", "Ansar",
    "Liwa", "Harakat", "Jabhat", "Hurras", "Kataib", "Kata'ib", "Saraya", "Asa'ib", "Asaib",
})

# First words of place names that take an article before the rest ("Tal al-Hawa",
# "Deir al-Zor", "Wadi al-Sakran"): "<word> al-<name>" is a place, not a person's
# name ending in a town-like nisba ("Muqtada al-Sadr", "Abu Bakr al-Baghdadi"). So is
# any word in -at, the Arabic construct form ("Amiriyat al-Fallujah", "Mazraat al-...").
NISBA_EXCEPT = frozenset({
    "tal", "tall", "tell", "tel", "telul", "tulul", "tlul", "deir", "dayr", "wadi", "jabal",
    "jebel", "jabel", "ain", "ayn", "bir", "hay", "hayy", "hai", "qasr", "ras", "khan",
    "sheikh", "shaikh", "shaykh", "bab", "jisr", "maarat", "marat", "kafr", "kfar", "umm",
    "um", "bayt", "beit", "dar", "souq", "suq", "nahr", "sahl", "mashru", "jurf", "abu",
    "albu", "bu", "mukhayyam", "ard", "sayyida", "sayeda", "tuz", "rif", "reef", "ghouta",
    "jazira", "hawi",
})

# Titles and kinship words before a person's name ("Maj. Gen. Kurt Hansen", "President
# Assad", "his wife Jihan"): the capitalised word after one is a name, not a place. Not
# "Sheikh" ("Sheikh Maqsoud").
TITLES = frozenset({
    "gen", "brig", "col", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "prof", "gov",
    "sen", "rep", "president", "minister", "general", "colonel", "major", "captain",
    "sergeant", "lieutenant", "commander", "governor", "spokesman", "spokeswoman", "envoy",
    "ambassador", "cleric", "mullah", "imam", "emir", "king", "prince", "premier",
    "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "uncle",
    "aunt", "cousin", "nephew", "niece", "widow", "grandson", "granddaughter",
})

# Lowercase words that, two words before a name, make it a person's surname ("tribal
# sheikh Ali Hatem", "Kurdish leader Masoud Barzani"), on top of TITLES. Capitalised,
# "Sheikh" begins place names ("the Sheikh Maqsoud district"), so only lowercase.
LOWER_TITLES = frozenset({
    "sheikh", "shaikh", "shaykh", "sheik", "leader", "chief", "chieftain", "mufti",
    "ayatollah", "grand", "vice", "deputy", "official", "lawmaker", "mp", "militant",
    "militia", "fighter", "journalist", "reporter", "photographer", "activist", "analyst",
})

# Common given names of the region (Arabic, Kurdish, Persian), folded with name_key by
# their users: "Ali Soleimani" is a man when "Soleimani" alone is only an alternate name
# of a town (As Sulaymaniyah's), not "Soleimani" the town. Vocabulary, not places.
_GIVEN_NAMES = """
Mohammed Muhammad Mohamed Mohammad Ahmed Ahmad Ali Hassan Hasan Hussein Husayn Hossein
Omar Umar Abdullah Abdallah Abdul Abdel Khalid Mahmoud Mahmud Mustafa Ibrahim Ismail
Yousef Yusuf Qassem Qasim Kassem Jassim Hamid Hamad Saad Saddam Haidar Haider Abbas
Jaafar Jafar Nouri Nuri Adel Salim Saleh Karim Majid Faisal Fadhil Falih Hadi Hashem
Hashim Hamza Hazem Ammar Amer Anwar Bashar Basim Raed Riyadh Samir Sami Tariq Walid
Ziad Zaid Yasser Yasin Masoud Nechirvan Barham Fuad Jalal Qubad Mahdi Muqtada Moqtada
Qais Hisham Osama Usama Mohsen Muhsin Javad Reza Mehdi Nasser Sinan Akram Ayad Iyad
Haitham Hatem Imad Emad Kamal Jamal Nabil Farouk Rashid Saif Talal Thamer Uday Qusay
Zuhair Atheel Khamis Ghassan Hakim Hamdi Fares Firas Mazen Nizar Qadir Kadhim Kazem
Jawad Abdulrahman Abdulaziz Fatima Zainab Maryam Aisha Khadija Leila Layla Noor Huda
"""
GIVEN_NAMES = frozenset(_GIVEN_NAMES.split())

# Titles that also begin names of places called after a person or a shrine ("Sheikh
# Maqsoud", "Sayyida Zeinab", "Imam Gharbi", "Abu Ghraib"). Before a head that names a
# small place (PERSON_PLACE_HEADS: "the Sheikh Maqsoud neighbourhood") such a name is
# that place, though "Sheikh Ahmed said" is a man ("sheikh" and "imam" are NEVER words).
TITLE_LEADS = frozenset({
    "sheikh", "shaikh", "shaykh", "sheik", "imam", "sayyida", "sayyidah", "sayeda", "sayida",
    "sayyid", "sayed", "mullah", "mulla", "abu", "umm", "um",
})
PERSON_PLACE_HEADS = frozenset({
    "neighbourhood", "neighborhood", "district", "subdistrict", "sub-district", "quarter",
    "area", "camp", "village",
})

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
    # titles and address forms: the next word is a person's name
    "sen", "senator", "rep", "gov", "governor", "ambassador", "secretary", "king", "prince",
    "queen", "pope", "judge", "mayor", "sir", "lady", "mrs", "ms", "lt", "gen", "col", "sgt",
    "capt", "maj", "cpl", "pvt", "spokesman", "spokeswoman", "marine", "marines",
    "the", "centre", "center", "christmas", "easter", "ramadan", "eid",
    "western", "eastern", "northern", "southern",
    # sentence-initial function words (never the first or last word of a place name)
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this",
    "that", "these", "those", "there", "here", "all", "but", "if", "when", "while", "after",
    "before", "and", "or", "on", "in", "of", "to", "for", "by", "with", "from", "not", "no",
    "who", "what", "which", "where", "why", "how", "some", "many", "most", "other", "one",
})

# Words after a name that make the name a place ("Badush prison", "Mosul Dam").
PLACE_HEADS = frozenset({
    "dam", "prison", "camp", "bridge", "road", "airport", "airbase", "base", "village",
    "district", "area", "mountain", "mountains", "valley", "desert", "plain", "plains", "lake",
    "river", "governorate", "province", "subdistrict", "sub-district", "city", "town",
    "crossing", "border", "refinery", "field", "oilfield", "junction", "highway", "countryside",
    "outskirts", "region", "neighbourhood", "neighborhood", "quarter", "market", "checkpoint",
    # plurals close a list: "Qayyarah and Shura districts"
    "districts", "subdistricts", "sub-districts", "villages", "towns", "cities", "provinces",
    "governorates", "areas", "camps", "neighbourhoods", "neighborhoods",
})

# Adjectives before a name that are part of where it is ("Eastern Ghouta", "Old Mosul").
PLACE_ADJECTIVES = frozenset({
    "eastern", "western", "northern", "southern", "central", "greater", "old", "new", "upper",
    "lower", "east", "west", "north", "south", "rural", "downtown",
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
    # conflict verbs whose object is a place ("retake Hit", "an attack on Qayara")
    "on", "inside", "across", "via", "enter", "entered", "entering", "held", "liberate",
    "liberated", "recapture", "recaptured", "retake", "retook", "seize", "seized", "storm",
    "stormed", "capture", "captured", "shelled", "besieged",
})

# Location cues before an unknown capitalised name (case-insensitive).
# Only strong cues: an unknown capitalised name after "in the" or "around" is as often
# a building, an event or a person as a village.
CUE_PATTERN = (
    r"(?:(?:south|north|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of"
    r"|(?:outskirts|village|villages|town|city|district|area|vicinity|edge|entrance)\s+of"
    r"|near|between)"
)
AREA_WORDS = (
    r"(?:area|region|neighbourhood|neighborhood|district|sub-?district|village|desert"
    r"|mountains?|valley|plain|countryside|outskirts|quarter)"
)


def _fold_keys(table: dict) -> dict:
    from .normalize import name_key  # lexicon is imported by normalize's users only

    return {name_key(k): v for k, v in table.items()}


REGION_POINTS = _fold_keys(REGION_POINTS_BY_NAME)
COUNTRY_CODES = _fold_keys(COUNTRIES)  # name_key -> ISO code
