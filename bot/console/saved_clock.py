"""The console's clock, kept between runs: `advance 3w`, quit, start again on the same database, and
it is still three weeks on (else every call logged in the future would look future-dated).

What is kept is how far the console's clock runs ahead of real time, in a small JSON file beside the
SQLite file (or, for a server database, in ~/.warmcall keyed by the URL). A throwaway in-memory
database keeps nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

SUFFIX = ".console-clock"


def clock_file_for(database_url: str, home: Path | None = None) -> Path | None:
    """Where the console keeps its clock for this database; None for an in-memory one."""
    try:
        url = make_url(database_url)
    except Exception:
        return None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        database = Path(url.database)
        return database.with_name(database.name + SUFFIX)
    key = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]
    return (home or Path.home()) / ".warmcall" / f"console-clock-{key}"


@dataclass(frozen=True)
class SavedClock:
    """The file that holds the console clock's lead over real time."""

    path: Path | None

    def restored(self, real_now: dt.datetime) -> dt.datetime | None:
        """The console's "now" as it would be had it kept running since it was saved; None when
        nothing was saved (or the file is unreadable: a fresh clock is better than no console)."""
        if self.path is None:
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            console_now = dt.datetime.fromisoformat(data["console_now"])
            saved_at = dt.datetime.fromisoformat(data["real_now"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if console_now.tzinfo is None or saved_at.tzinfo is None:
            return None
        return real_now + (console_now - saved_at)

    def save(self, console_now: dt.datetime, real_now: dt.datetime) -> None:
        """Keep the clock; a read-only folder only costs the next run its place in time."""
        if self.path is None:
            return
        data = {"console_now": console_now.isoformat(), "real_now": real_now.isoformat()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + ".tmp")
            partial.write_text(json.dumps(data) + "\n", encoding="utf-8")
            os.replace(partial, self.path)
        except OSError:
            pass


def starting_instant(
    requested: dt.datetime | None, saved: SavedClock, real_now: dt.datetime
) -> tuple[dt.datetime, bool]:
    """Where the console's clock starts, and whether that is the kept clock: never before the kept
    one, so the database's newest calls and digests stay in the past."""
    start = requested or real_now
    kept = saved.restored(real_now)
    if kept is not None and kept > start:
        return kept, True
    return start, False
