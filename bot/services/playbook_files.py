"""The playbook read from disk: a folder of TOML files (PLAYBOOK_DIR), or the packaged seeds/.

Parsing and file errors are named here; everything about the content is checked by
bot.domain.playbook.build_playbook.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path
from typing import Any

import seeds
from bot.domain.playbook import Playbook, PlaybookError
from bot.domain.playbook_build import FILES, build_playbook, check_top_level, missing_file, seeds_label


def load_playbook(directory: str | Path | None = None) -> Playbook:
    """Load and validate the playbook from `directory`, or the packaged seeds/ when None."""
    if directory is None:
        root: Any = _packaged_seeds()
        label = seeds_label
    else:
        root = Path(directory)
        label = lambda name: str(Path(directory) / name)  # noqa: E731
    raw = {name: _read_toml(root, name, label(name)) for name in FILES}
    return build_playbook(raw, label)


def _packaged_seeds() -> Any:
    try:
        return importlib.resources.files("seeds")
    except (NotADirectoryError, TypeError):
        # an editable install made before seeds/ had __init__.py maps it as a namespace package
        return Path(next(p for p in seeds.__path__ if Path(p).is_dir()))


def _read_toml(root: Any, name: str, label: str) -> dict[str, Any]:
    item = root.joinpath(name)
    if not item.is_file():
        raise missing_file(label)
    try:
        data = tomllib.loads(item.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"{label}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise PlaybookError(f"{label}: not UTF-8 text; save it as UTF-8") from None
    check_top_level(name, data, label)  # here, so the first bad file is the one named
    return data
