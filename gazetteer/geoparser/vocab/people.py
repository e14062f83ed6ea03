"""Words about people and organisations: titles, given names, armed groups' name words."""

from __future__ import annotations

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
# small place (places.PERSON_PLACE_HEADS: "the Sheikh Maqsoud neighbourhood") such a name
# is that place, though "Sheikh Ahmed said" is a man ("sheikh" and "imam" are NEVER words).
TITLE_LEADS = frozenset({
    "sheikh", "shaikh", "shaykh", "sheik", "imam", "sayyida", "sayyidah", "sayeda", "sayida",
    "sayyid", "sayed", "mullah", "mulla", "abu", "umm", "um",
})

# First words of place names that take an article before the rest ("Tal al-Hawa",
# "Deir al-Zor", "Wadi al-Sakran"): "<word> al-<name>" is a place, not a person's
# name ending in a town-like nisba ("Muqtada al-Sadr", "Abu Bakr al-Baghdadi"). So is
# any word in -at (NISBA_EXCEPT_ENDING), the Arabic construct form ("Amiriyat al-Fallujah").
NISBA_EXCEPT = frozenset({
    "tal", "tall", "tell", "tel", "telul", "tulul", "tlul", "deir", "dayr", "wadi", "jabal",
    "jebel", "jabel", "ain", "ayn", "bir", "hay", "hayy", "hai", "qasr", "ras", "khan",
    "sheikh", "shaikh", "shaykh", "bab", "jisr", "maarat", "marat", "kafr", "kfar", "umm",
    "um", "bayt", "beit", "dar", "souq", "suq", "nahr", "sahl", "mashru", "jurf", "abu",
    "albu", "bu", "mukhayyam", "ard", "sayyida", "sayeda", "tuz", "rif", "reef", "ghouta",
    "jazira", "hawi",
})
NISBA_EXCEPT_ENDING = "at"

# Religious and ethnic adjectives that are no demonym of a country ("the mainly Shi'ite
# Sha'ab district", "the Sunni Adhamiya district"): before a name they describe the
# place, they are not part of its name. Compared without marks, lowercase.
COMMUNITY_ADJECTIVES = frozenset({
    "shiite", "shiites", "shia", "shii", "sunni", "sunnis", "christian", "christians", "muslim",
    "druze", "alawite", "alawi", "ismaili", "yezidi", "ezidi", "chaldean", "armenian",
    "shabak", "kakai", "yarsani", "yarsanist", "mandaean", "sabean", "catholic", "orthodox",
    "turkoman", "bedouin",
})

# Words that start an armed group's name ending in a place: "Hayat Tahrir al-Sham",
# "Ahrar al-Sham", "Jaysh al-Iraq"; the place after them (and its article) is no location.
ORG_LEADS = frozenset({
    "Tahrir", "Ahrar", "Fateh", "Fatah", "Faylaq", "Failaq", "Jaysh", "Jaish", "Jund", "Ansar",
    "Liwa", "Harakat", "Jabhat", "Hurras", "Kataib", "Kata'ib", "Saraya", "Asa'ib", "Asaib",
})
# The group whose name holds places ("Islamic State of Iraq and the Levant"): its words,
# and the words that join a place to it ("of": always its name; "in": only before "and").
ISLAMIC_STATE = ("Islamic", "State")
ORG_OF, ORG_IN, ORG_AND = "of", "in", "and"

# Words after a name that make it a people, not a place: "the Ekeidat tribe", "Al Breij
# Tribal Militia", "the Al Watab family", "Al Faraj tribal militiamen".
KIN_WORDS = ("tribe", "tribes", "tribal", "clan", "clans", "family", "families", "militia", "militias",
             "militiamen")

# Words that end an organisation name; a place inside such a name is not a location.
ORG_HEADS = frozenset({
    "Command", "Government", "Guard", "Guards", "Police", "Directorate", "Council",
    "Forces", "Force", "Units", "Unit", "Brigade", "Brigades", "Division", "Regiment",
    "Battalion", "Ministry", "Party", "Front", "Army", "Agency", "Authority", "Committee",
    "University", "Dispatch", "News", "Network", "Cell", "Office", "Company", "Corporation",
    "Movement", "Organization", "Organisation", "Federation", "Union", "Parliament",
    "Operations", "Wire", "Post", "Times", "Mobilization", "Mobilisation", "Peshmerga",
    "Corps", "Legion",
})
# Lowercase words that may join the capitalised words of an organisation's name
# ("Council of Ministers", "Directorate for ...", "the Army and the Police").
ORG_LINKS = ("of", "for", "and", "the")
