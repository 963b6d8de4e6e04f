"""The playbook as data: reasons, openers, goals, fallback topics, voicemail scripts, reassurances."""

import tomllib
from functools import cache
from importlib.resources import files


@cache
def vocabulary() -> dict:
    """seeds/vocabulary.toml: the words of business needs and offers by meaning, as parsed TOML."""
    return tomllib.loads(files(__name__).joinpath("vocabulary.toml").read_text(encoding="utf-8"))


@cache
def cue_words() -> dict[str, str]:
    """seeds/cue_words.toml: the few words that carry dates, promises and asks, in the other languages
    notes are typed in, with the English the readers key on."""
    data = tomllib.loads(files(__name__).joinpath("cue_words.toml").read_text(encoding="utf-8"))
    return {k: v for table in data.values() for k, v in table.items()}
