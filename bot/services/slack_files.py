"""Files users give the app in Slack: looked up with files.info and downloaded from `url_private`
with the bot token (scope `files:read`); and files the app sends back with files_upload_v2
(`files:write`)."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.importing import MAX_BYTES

log = logging.getLogger(__name__)
DOWNLOAD_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class SlackFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class FileRefused:
    """The file could not be fetched; `message` says what to do."""

    message: str


def fetch_file(client: WebClient, file_id: str) -> SlackFile | FileRefused:
    """The file's name and bytes (at most MAX_BYTES + 1 are read: more means too big)."""
    try:
        info = client.files_info(file=file_id)
    except SlackApiError as exc:
        log.warning("files.info failed: %s", exc.response.get("error"))
        return FileRefused("I couldn't open that file in Slack. Upload it again and try once more.")
    file = info.get("file") or {}
    name = str(file.get("name") or "contacts")
    if int(file.get("size") or 0) > MAX_BYTES:
        return FileRefused(
            f"That file is over {MAX_BYTES // 1024 // 1024} MB. Split it into smaller files and import them one by one."
        )
    url = file.get("url_private_download") or file.get("url_private")
    if not url:
        return FileRefused("That file has no content I can download. Upload it again as .csv or .vcf.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as answer:
            kind = answer.headers.get("Content-Type", "")
            data = answer.read(MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        log.warning("file download failed: %s", type(exc).__name__)
        return FileRefused("I couldn't download that file from Slack just now. Try again in a minute.")
    if kind.startswith("text/html"):  # Slack's sign-in page: the token was not accepted
        log.warning("file download answered with a web page (is the files:read scope granted?)")
        return FileRefused(
            "Slack didn't let me read that file. Ask your Slack admin to reinstall Warmcall "
            "(it needs the files:read permission), then try again."
        )
    return SlackFile(name, data)


def send_files(client: WebClient, user_id: str, files: list[tuple[str, str]], comment: str) -> str | None:
    """Upload (name, text) files into the app's DM with the user; None when sent, else a sentence."""
    try:
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        client.files_upload_v2(
            channel=channel,
            file_uploads=[{"filename": name, "content": text, "title": name} for name, text in files],
            initial_comment=comment,
        )
    except SlackApiError as exc:
        log.warning("export upload failed: %s", exc.response.get("error"))
        return "I couldn't send the export files just now. Try again in a minute."
    return None
