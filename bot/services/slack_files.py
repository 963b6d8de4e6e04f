"""Files users give the app in Slack: looked up with files.info and downloaded from `url_private`
with the bot token (scope `files:read`) — from Slack's own file hosts only, never from a remote file's
link; and files the app sends back with files_upload_v2 (`files:write`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.importing import MAX_BYTES
from bot.services.file_download import (
    DeadlinePassed,
    DownloadFailed,
    UntrustedHost,
    download,
    token_may_go_to,
)

log = logging.getLogger(__name__)
DOWNLOAD_DEADLINE_SECONDS = 20.0  # for the whole download, however slowly the bytes come
NOT_A_LINK = (
    "That file is a link to something stored outside Slack, and I only read files kept in Slack. "
    "Please share the file itself, not a link: upload the .csv or .vcf into Slack and try again."
)
PHOTO_NOT_A_LINK = (
    "That photo is a link to something stored outside Slack, and I only read files kept in Slack. "
    "Please send the photo itself (JPEG or PNG), not a link, and try again."
)


@dataclass(frozen=True)
class SlackFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class FileRefused:
    """The file could not be fetched; `message` says what to do."""

    message: str


def fetch_file(
    client: WebClient, file_id: str, *, limit: int = MAX_BYTES, photo: bool = False
) -> SlackFile | FileRefused:
    """The file's name and bytes (at most `limit` + 1 are read: more means too big). A `photo` (a
    business card's) is refused in words about photos, not contacts files."""
    not_a_link = PHOTO_NOT_A_LINK if photo else NOT_A_LINK
    try:
        info = client.files_info(file=file_id)
    except SlackApiError as exc:
        log.warning("files.info failed: %s", exc.response.get("error"))
        return FileRefused("I couldn't open that file in Slack. Upload it again and try once more.")
    file = info.get("file") or {}
    if is_remote(file):
        log.info("refused a remote file: Slack holds only a link to it")
        return FileRefused(not_a_link)
    name = str(file.get("name") or "contacts")
    if int(file.get("size") or 0) > limit:
        if photo:
            return FileRefused(f"That photo is over {limit // 1024 // 1024} MB. Send it at a smaller size.")
        return FileRefused(
            f"That file is over {limit // 1024 // 1024} MB. Split it into smaller files and import them one by one."
        )
    url = file.get("url_private_download") or file.get("url_private")
    if not url:
        if photo:
            return FileRefused("That photo has no content I can download. Send it again as a JPEG or PNG.")
        return FileRefused("That file has no content I can download. Upload it again as .csv or .vcf.")
    if not token_may_go_to(str(url), client.base_url):
        log.warning("file download refused: its URL is not on Slack's file hosts")
        return FileRefused(not_a_link)
    try:
        # client.base_url is SLACK_API_URL (Bolt builds per-installation clients on the same base).
        got = download(
            str(url),
            str(client.token),
            api_url=client.base_url,
            limit=limit,
            seconds=DOWNLOAD_DEADLINE_SECONDS,
            proxy=client.proxy,
            tls=client.ssl,
        )
    except UntrustedHost:
        log.warning("file download refused: Slack redirected it off Slack's file hosts")
        return FileRefused("I couldn't download that file from Slack just now. Try again in a minute.")
    except DeadlinePassed:
        log.warning("file download passed its %s s deadline", DOWNLOAD_DEADLINE_SECONDS)
        return FileRefused(
            "That file took too long to download from Slack. Try again in a minute, "
            "or split it into smaller files."
        )
    except DownloadFailed as exc:
        log.warning("file download failed: %s", exc.reason)
        return FileRefused("I couldn't download that file from Slack just now. Try again in a minute.")
    kind, data = got.content_type, got.data
    if kind.startswith("text/html"):  # Slack's sign-in page: the token was not accepted
        log.warning("file download answered with a web page (is the files:read scope granted?)")
        return FileRefused(
            "Slack didn't let me read that file. Ask your Slack admin to reinstall Warmcall "
            "(it needs the files:read permission), then try again."
        )
    return SlackFile(name, data)


def is_remote(file: dict) -> bool:
    """A remote file (files.remote.add): Slack holds only a link, and that link may point anywhere."""
    return bool(file.get("is_external") or file.get("external_type") or file.get("mode") == "external")


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
