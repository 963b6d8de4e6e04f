"""Slack tokens at rest: encrypted with Fernet (AES-128-CBC and HMAC-SHA256, from `cryptography`)
under the keys of WARMCALL_ENCRYPTION_KEY. Several keys (comma-separated) allow rotation: the first
encrypts, any of them decrypts (MultiFernet). A stored value carries a prefix, so a value written
before encryption (a plain `xoxb-…`) is told apart, and encrypting twice never happens."""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

PREFIX = "fernet:"
KEY_SETTING = "WARMCALL_ENCRYPTION_KEY"
# The token columns of slack_sdk's tables (the user tokens stay empty: Warmcall keeps bot tokens only).
TOKEN_COLUMNS = {
    "slack_bots": ("bot_token", "bot_refresh_token"),
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
}


class UnreadableToken(Exception):
    """A stored token none of the keys decrypts (a key was dropped before its tokens were rotated)."""


def parse_keys(raw: str | None) -> tuple[str, ...]:
    """The keys of a WARMCALL_ENCRYPTION_KEY value; ValueError (saying which) when one is not a
    Fernet key."""
    keys = tuple(k.strip() for k in (raw or "").split(",") if k.strip())
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ValueError(f"key {number} of {len(keys)} is not a Fernet key") from None
    return keys


def new_key() -> str:
    return Fernet.generate_key().decode()


class TokenCipher:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError(f"{KEY_SETTING} has no key")
        self._fernet = MultiFernet([Fernet(k) for k in keys])

    def encrypt(self, token: str | None) -> str | None:
        if not token or is_encrypted(token):
            return token
        return PREFIX + self._fernet.encrypt(token.encode()).decode()

    def decrypt(self, stored: str | None) -> str | None:
        if not stored or not is_encrypted(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.removeprefix(PREFIX).encode()).decode()
        except InvalidToken:
            raise UnreadableToken(
                f"a stored Slack token can't be decrypted with any key of {KEY_SETTING}"
            ) from None

    def rotate(self, stored: str | None) -> str | None:
        """The value encrypted with the first key (a plain one is encrypted)."""
        if not stored:
            return stored
        if not is_encrypted(stored):
            return self.encrypt(stored)
        try:
            return PREFIX + self._fernet.rotate(stored.removeprefix(PREFIX).encode()).decode()
        except InvalidToken:
            raise UnreadableToken(
                f"a stored Slack token can't be decrypted with any key of {KEY_SETTING}"
            ) from None


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)
