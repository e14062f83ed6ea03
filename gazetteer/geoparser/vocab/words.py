"""Function words, stop words and the detached Arabic articles and particles, as data."""

from __future__ import annotations

# Detached Arabic articles written in Latin ("al-", "ez-", "ash-"): name_key drops them,
# and a name may start with one.
ARTICLES = frozenset({
    "al", "el", "il", "ul",
    "ad", "ed", "ud", "adh", "ath",
    "ar", "er", "ur",
    "as", "es", "us", "ash", "esh",
    "at", "et", "ut",
    "az", "ez", "uz",
    "an", "en", "un",
})
# The articles that are also English words ("Falluja as IS fights"): between two
# capitalised words of an unknown name they join only with a hyphen.
ENGLISH_ARTICLES = ("ad", "ar", "as", "at", "an")
# The articles that join the words of an unknown name with a blank or a hyphen (in the
# order the name regex tries them), with the patronymics.
NAME_JOINERS = ("al", "el", "ash", "az", "ez", "ul", "bin", "ibn")
# Lowercase words inside a name that are no article: "Abu", "Umm", "bin".
PARTICLES = frozenset({"bin", "ibn", "bani", "abu", "um", "umm"})
PATRONYMICS = frozenset({"bin", "ibn", "bint"})
# The articles that join a nisba or a group's place to the word before ("Muqtada al-",
# "Tahrir ash-"), and those after "and" inside a group's name ("Iraq and al-Sham").
NISBA_ARTICLES = frozenset({"al", "el", "an", "en", "ar", "er", "as", "es", "ad", "ed", "at", "et",
                            "az", "ez", "ash"})
AND_ARTICLES = frozenset({"al", "el", "an", "en", "as", "es"})
# The articles, as written, that may start a person's family name after a given name
# ("Younus Al Nasser"); "el " lowercase with a blank is left out.
SURNAME_ARTICLE_STARTS = frozenset({"Al ", "Al-", "al ", "al-", "El ", "El-", "el-"})
# Words that never start a name of several words ("the Mosul Dam": the name is "Mosul Dam").
LEADING_FUNCTION_WORDS = frozenset({"the", "a", "an", "in", "of", "on", "at", "near"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their", "our"})
# Word endings after an apostrophe that make it a contraction or a possessive ("Iraq's",
# "they're"), not an ayn mark inside a word ("Qa'im").
CONTRACTIONS = frozenset({"s", "re", "ll", "ve", "d", "t", "m"})
# One-letter Arabic prefixes written onto the next word ("و" and, "ب" in, "ل" for, "ف" so,
# "ك" like): "وبغداد" is "and Baghdad".
ARABIC_PREFIXES = "وبلفك"
# A capitalised word right after one of these starts a sentence (or follows a dateline).
SENTENCE_ENDS = ".!?:\n"

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

# Arabic function words: never a place name, whatever a gazetteer's alternate names say
# ("على", "on", folds like "علي", an alternate name of a village).
ARABIC_FUNCTION_WORDS = frozenset({
    "في", "على", "من", "الى", "إلى", "عن", "مع", "ان", "أن", "إن", "قد", "او", "أو", "ثم", "حتى",
    "بعد", "قبل", "عند", "لدى", "ما", "لا", "لم", "لن", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي",
    "الذين", "كان", "كانت", "هو", "هي", "هم", "منذ", "خلال", "ضد", "بين", "حيث", "كما", "أيضا",
    "ايضا", "عبر", "نحو", "حول", "دون", "غير", "كل", "بعض", "يوم", "اليوم", "امس", "أمس",
})
