"""The console's `cards PATH…`: photos of business cards from this computer go into the Slack double as
uploads and are sent to Warmcall's DM with no words, as in Slack; the preview arrives as a DM, and
`click` on Review and save opens the review form."""

from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import Any

from bot.services.cards import MAX_CARDS
from bot.services.cards_ocr import MAX_IMAGE_BYTES, NOT_ENABLED, cards_enabled

CARDS_EXAMPLE = "`cards ~/Desktop/card1.jpg ~/Desktop/card2.jpg`"
READ_SECONDS = 120.0  # the first card loads the OCR model; ten cards take a few seconds more


def cards_command(session: Any, argument: str) -> None:
    try:
        words = shlex.split(argument)
    except ValueError:
        words = argument.split()
    if not words:
        session.screen.error(f"Say which photos to read, like {CARDS_EXAMPLE}.")
        return
    if not cards_enabled():
        session.screen.error(NOT_ENABLED)
        return
    paths = [Path(w).expanduser() for w in words]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        session.screen.error(
            f"There is no file at {', '.join(missing)}. Check the path, like {CARDS_EXAMPLE}."
        )
        return
    if len(paths) > MAX_CARDS:
        session.screen.note(f"(reading the first {MAX_CARDS} photos; send the rest after)")
        paths = paths[:MAX_CARDS]
    files = []
    for path in paths:
        # one byte over the limit is enough for the app to say the photo is too big
        data = path.read_bytes() if path.stat().st_size <= MAX_IMAGE_BYTES else b"\0" * (MAX_IMAGE_BYTES + 1)
        files.append(session.double.add_file(path.name, data, session.user_id))
    ts = session.fake_ts()
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": session.dm_channel,
        "channel_type": "im",
        "user": session.user_id,
        "text": "",
        "files": files,
        "upload": False,
        "ts": ts,
        "event_ts": ts,
    }
    session.screen.note(f"(sending {len(files)} photo(s) to Warmcall's DM; then click Review and save)")
    before = len(session.double.dm_messages(session.user_id))
    reply = session.slack.event(event)
    deadline = time.monotonic() + READ_SECONDS
    shown = False
    while not shown and time.monotonic() < deadline:
        shown = session.settle() and len(session.double.dm_messages(session.user_id)) > before
    if not shown:
        session.after_request(reply, show_ack=False)
