"""The order of a person's names: family name first (Vietnamese, Korean) and given names of two words
("Anna Maria", "José Luis"). Pure; read by names.first_name."""

from __future__ import annotations

import re

from bot.domain.vocabulary import fold

# Names written family name first (SPEC §14, Word: the name a person is called by). Vietnamese: a
# common family name first and three or more parts, or Vietnamese letters; Korean: a common family
# name and a hyphenated given name ("Park Ji-hoon"). Chinese and Japanese names are too often written
# either way round to guess, so they keep the first word, unless pinyin's tones say the order.
_VIET_FAMILY = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "doan",
        "dinh",
        "truong",
        "luong",
        "mai",
        "ha",
        "ta",
        "quach",
        "lam",
        "trinh",
        "cao",
        "chau",
        "thai",
        "kieu",
        "ton",
        "tang",
    ]
)
_KOREAN_FAMILY = frozenset(
    [
        "kim",
        "lee",
        "yi",
        "park",
        "pak",
        "choi",
        "choe",
        "jung",
        "jeong",
        "chung",
        "kang",
        "cho",
        "jo",
        "yoon",
        "yun",
        "jang",
        "chang",
        "lim",
        "im",
        "han",
        "oh",
        "seo",
        "shin",
        "kwon",
        "hwang",
        "ahn",
        "an",
        "song",
        "yoo",
        "yu",
        "hong",
        "jeon",
        "ko",
        "moon",
        "nam",
        "bae",
        "baek",
        "heo",
        "noh",
        "ryu",
        *[
            "gu",
            "koo",
            "ku",
            "na",
            "ha",
            "ma",
            "min",
            "yang",
            "woo",
            "won",
            "jin",
            "cha",
            "chae",
            "ju",
            "joo",
            "sung",
            "seong",
            "son",
            "sohn",
            "yeo",
            "ki",
            "pyo",
            "tak",
            "eom",
            "um",
        ],
        *[
            "byun",
            "byeon",
            "do",
            "gong",
            "kong",
            "hyun",
            "gil",
            "ji",
            "yeom",
            "bang",
            "jun",
            "chun",
            "cheon",
            "shim",
            "sim",
            "maeng",
            "myung",
            "seok",
            "yeon",
        ],
    ]
)
_VIET_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


# given names that are two words ("Maria Grazia", "José Luis", "Jean Paul"): the first word, then the second
_COMPOUND_FIRST = frozenset(
    [
        "maria",
        "anna",
        "ana",
        "jose",
        "juan",
        "jean",
        "marie",
        "gian",
        "pier",
        "luis",
        "carlos",
        "mary",
        "miguel",
        "mame",  # "Mame Esi", "Maame Akua": Ghanaian given names of two words
        "maame",
    ]
)
_COMPOUND_SECOND = frozenset(
    [
        # the Akan day names: "Mame Esi", "Maame Akua"
        "esi",
        "ama",
        "akosua",
        "abena",
        "adwoa",
        "efua",
        "yaa",
        "afua",
        "akua",
        "ekua",
        "araba",
        "maria",
        "grazia",
        "teresa",
        "luisa",
        "rosa",
        "paola",
        "elena",
        "pia",
        "angela",
        "laura",
        "carmen",
        "jose",
        "luis",
        "carlos",
        "antonio",
        "manuel",
        "miguel",
        "pablo",
        "ignacio",
        "francisco",
        "javier",
        "paul",
        "pierre",
        "claude",
        "louis",
        "luc",
        "marc",
        "michel",
        "luca",
        "carlo",
        "paolo",
        "sofia",
        "eugenia",
        "fernanda",
        "isabel",
        "jesus",
        "lucia",
        "ines",
        "belen",
        "cristina",
        "victoria",
        "alejandra",
        "gabriela",
        "beatriz",
        "mercedes",
        "pilar",
        "ramon",
        "alberto",
        "andres",
        "angel",
        "eduardo",
        "enrique",
        "fernando",
        "felipe",
        "ann",
        "anne",
        "beth",
        "kate",
        "jo",
    ]
)


def _syllables(given: str) -> bool:
    """A hyphenated given name of romanised syllables: "Ji-hoon", "Mei-Ling", not "Smith-Jones"."""
    parts = given.lower().split("-")
    return len(parts) == 2 and given.isascii() and all(_SYLLABLE.fullmatch(p) for p in parts)


def _family_first(words: list[str]) -> bool:
    key = fold(words[0]).lower().replace("đ", "d")
    if len(words) == 2 and (key in _KOREAN_FAMILY or key in _CHINESE_FAMILY) and _syllables(words[-1]):
        return True  # "Park Ji-hoon", "Tan Mei-Ling"; never "Kim Araújo-Ferraz" or "Lee Smith-Jones"
    if len(words) == 2 and key in _CHINESE_FAMILY and _PINYIN_TONES.search(" ".join(words)):
        return True  # "Chén Yǎwén", "Zhāng Lìhuá": pinyin with its tones is written family name first
    if key not in _VIET_FAMILY:
        return False
    return len(words) >= 3 or bool(_VIET_LETTERS.search(" ".join(words)))


# Chinese names in Malaysia and Singapore: a family name and two given syllables ("Lim Chee Keong",
# "Tan Hui Min"): the person is called by the two. A Western name first ("Jeffrey Lau Siew Ming") is
# the first word, as ever.
_CHINESE_FAMILY = frozenset(
    """lim tan wong lee ng goh chan lau teo ong chong yap low koh chua foo khoo liew loh soh tay yeo cheah
    ooi lai leong chew chin chia chow choo fong hew kang kok kwan kwok lam liang lin liu lok lum mak neo
    pang phua poh quek seah sim siow tang tee teh toh wee woo yang yeoh yew yong zhang wang chen huang
    zhao zhou xu zhu guo gao luo zheng xie feng deng cao peng zeng xiao tian dong yuan cai jiang cheng
    shen yao li lu he hu ma wu sun song han fang""".split()  # noqa: SIM905
)
_PINYIN_TONES = re.compile("[āēīōūǖǎěǐǒǔǚ]")  # macrons and carons: pinyin's own, never French or Vietnamese
_SYLLABLE = re.compile(r"[bcdfghjklmnpqrstwxyz]{0,3}[aeiou]{1,3}(?:ng|n|k|h|m|w|p|t|ck)?")
# Malay lineage titles said before the given name ("Wan Nor Azlina Wan Ismail" is Nor Azlina), and
# the given names that come in two words ("Nor Azlina", "Siti Aminah")
_MALAY_LINEAGE = frozenset("wan nik tengku tunku raja syed sharifah megat puteri abang dayang awang".split())  # noqa: SIM905
_MALAY_LEAD = frozenset("nor nur noor siti mohd muhammad mohamad mohammad ahmad abdul nurul".split())  # noqa: SIM905


def given_names(words: list[str]) -> str | None:
    """The name a person is called by when it is not the first word: "Chee Keong" of "Lim Chee Keong",
    "Nor Azlina" of "Wan Nor Azlina Wan Ismail"; None otherwise."""
    keys = [fold(w).lower() for w in words]
    if (
        len(words) == 3
        and keys[0] in _CHINESE_FAMILY
        and all(len(k) <= 5 and _SYLLABLE.fullmatch(k) for k in keys[1:])
    ):
        return f"{words[1]} {words[2]}"
    if len(words) >= 3 and keys[0] in _MALAY_LINEAGE:
        return f"{words[1]} {words[2]}" if keys[1] in _MALAY_LEAD else words[1]
    return None


def shouted_title(form: str, titles: frozenset[str]) -> str:
    """A title typed in capitals at the front of a form of address, as a greeting writes it: "DR Kunene"
    is "Dr Kunene", "PROF Dlamini" "Prof Dlamini"; anything else as typed."""
    return re.sub(r"^[A-Z]{2,4}\b", lambda m: m[0].capitalize() if m[0].lower() in titles else m[0], form)
