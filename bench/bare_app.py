"""The baseline for bench/ack.py and bench/e2e.py: a bare Bolt app on the same server stack.

Each command answers in its ack, or, when named in `--reply-via-response-url`, acks empty and then
posts its reply to the response_url from the listener (Bolt's `ack(); respond(...)`), so the baseline
replies the way Warmcall does without doing any of its work.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_bolt import Ack, App, Respond  # noqa: E402
from slack_sdk import WebClient  # noqa: E402

from bot.runtime.server import HttpServer  # noqa: E402
from storage.db import Database  # noqa: E402

COMMANDS = ("/met", "/called", "/prep")


def reply_in_ack(ack: Ack) -> None:
    ack("ok")


def reply_via_response_url(ack: Ack, command: dict, respond: Respond) -> None:
    ack()
    respond(text=f"ok: {command['command']}", response_type="ephemeral")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument(
        "--reply-via-response-url",
        default="",
        help="comma-separated commands that ack empty and reply through response_url (default: none)",
    )
    args = parser.parse_args()
    via = {c for c in args.reply_via_response_url.split(",") if c}
    if unknown := via - set(COMMANDS):
        parser.error(f"unknown commands: {', '.join(sorted(unknown))}")
    app = App(
        client=WebClient(token="xoxb-bench", base_url=args.api_url),
        signing_secret=args.secret,
        token_verification_enabled=False,
    )
    for command in COMMANDS:
        app.command(command)(reply_via_response_url if command in via else reply_in_ack)
    HttpServer(app, Database("sqlite://"), host="127.0.0.1", port=args.port, threads=16).serve_forever()


if __name__ == "__main__":
    main()
