"""The playbook as data: reasons, openers, goals, fallback topics, voicemail scripts, reassurances."""

import tomllib
from functools import cache
from importlib.resources import files


@cache
def vocabulary() -> dict:
    """seeds/vocabulary.toml: the words of business needs and offers by meaning, as parsed TOML."""
    return tomllib.loads(files(__name__).joinpath("vocabulary.toml").read_text(encoding="utf-8"))
