"""Daily digest dispatcher (SPEC §8). Filled in by the digest issue."""

from __future__ import annotations

from bot.services import Services


def dispatch(services: Services) -> dict:
    """One pass: find users whose digest is due, claim, send. Returns counts for logs and `tick`."""
    return {"claimed": 0, "sent": 0}


def maintenance(services: Services) -> dict:
    return {}
