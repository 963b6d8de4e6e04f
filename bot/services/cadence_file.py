"""Reading the operator's cadence override file (WARMCALL_CADENCE_FILE); the rules are in bot.domain.cadence."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.domain.cadence import DEFAULT_RULES, CadenceConfigError, CadenceRules, rules_from_toml

CADENCE_FILE_ENV = "WARMCALL_CADENCE_FILE"


def load_rules(path: str | Path) -> CadenceRules:
    """Rules from a TOML file (see `rules_from_toml`); a file that cannot be read raises
    `CadenceConfigError` naming it and the fix."""
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CadenceConfigError(f"{label}: cadence file not found; check {CADENCE_FILE_ENV}") from None
    except OSError as exc:
        raise CadenceConfigError(
            f"{label}: cannot read the cadence file ({exc.strerror}); check its permissions"
        ) from None
    except UnicodeDecodeError:
        raise CadenceConfigError(f"{label}: not UTF-8 text; save it as UTF-8") from None
    return rules_from_toml(text, label)


def rules_from_env(environ: Mapping[str, str]) -> CadenceRules:
    """The rules from the file named by WARMCALL_CADENCE_FILE, or the defaults when it is unset or empty."""
    path = (environ.get(CADENCE_FILE_ENV) or "").strip()
    return load_rules(path) if path else DEFAULT_RULES
