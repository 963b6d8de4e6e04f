"""The order of a person's names: family name first (Vietnamese, Korean) and given names of two words
("Anna Maria", "José Luis"). Pure; read by names.first_name."""

from __future__ import annotations

import re

from bot.domain.vocabulary import fold

# Names written family name first (SPEC §14, Word: the name a person is called by). Vietnamese: a
# common family name first and three or more parts, or Vietnamese letters; Korean: a common family
# name and a hyphenated given name ("Park Ji-hoon"). Chinese and Japanese names are too often written
# either way round to guess, so they keep the first word.
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


def _family_first(words: list[str]) -> bool:
    key = fold(words[0]).lower().replace("đ", "d")
    if len(words) >= 2 and key in _KOREAN_FAMILY and "-" in words[-1] and len(words) == 2:
        return True
    if key not in _VIET_FAMILY:
        return False
    return len(words) >= 3 or bool(_VIET_LETTERS.search(" ".join(words)))
