"""The baseline for bench/ack.py: a bare Bolt app whose one command acks at once, on the same server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_bolt import App  # noqa: E402
from slack_sdk import WebClient  # noqa: E402

from bot.runtime.server import HttpServer  # noqa: E402
from storage.db import Database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--secret", required=True)
    args = parser.parse_args()
    app = App(
        client=WebClient(token="xoxb-bench", base_url=args.api_url),
        signing_secret=args.secret,
        token_verification_enabled=False,
    )
    for command in ("/met", "/called", "/prep"):
        app.command(command)(lambda ack: ack("ok"))
    HttpServer(app, Database("sqlite://"), host="127.0.0.1", port=args.port, threads=16).serve_forever()


if __name__ == "__main__":
    main()
