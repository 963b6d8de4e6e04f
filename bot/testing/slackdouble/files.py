"""Files in the double: uploads a test (or the console) puts there, remote files (a link another app
registered, as files.remote.add makes them), `files.info`, downloads of `url_private` /
`url_private_download` with the bot token checked (optionally redirected, or dripped slowly), and
`files_upload_v2` (`files.getUploadURLExternal`, an upload to the returned URL,
`files.completeUploadExternal`).
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Iterator, Mapping

from bot.testing.slackdouble.records import BOT_USER_ID, ApiError, Json, require
from bot.testing.slackdouble.workspace import Workspace

DOWNLOAD_PREFIX = "/files-pri/"
UPLOAD_PREFIX = "/upload/"
_MIME = {
    "csv": "text/csv",
    "vcf": "text/vcard",
    "txt": "text/plain",
    "jpg": "image/jpeg",  # Slack's filetype for .jpg and .jpeg alike
    "png": "image/png",
    "heic": "image/heic",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
}


def _store(ws: Workspace) -> dict[str, Json]:
    return ws.__dict__.setdefault("files", {})


def _contents(ws: Workspace) -> dict[str, bytes]:
    return ws.__dict__.setdefault("file_contents", {})


def _serving(ws: Workspace) -> dict[str, tuple[str | None, float]]:
    """How a hosted file's download is served: (redirect target, seconds between bytes)."""
    return ws.__dict__.setdefault("file_serving", {})


def add_file(
    ws: Workspace,
    base: str,
    name: str,
    content: bytes,
    user: str,
    *,
    filetype: str | None = None,
    redirect_to: str | None = None,
    drip_seconds: float = 0.0,
) -> Json:
    """Store a file as if `user` uploaded it; the file object Slack shows (in a view state, files.info).

    `redirect_to`: its downloads answer 302 to that URL; `drip_seconds`: its bytes come one at a time.
    """
    file_id = f"F{next(ws.ids):08d}"
    kind = filetype or (name.rsplit(".", 1)[-1].lower() if "." in name else "text")
    kind = "jpg" if kind == "jpeg" else kind
    quoted = urllib.parse.quote(name)
    url = f"{base}{DOWNLOAD_PREFIX}T0001-{file_id}/{quoted}"
    file: Json = {
        "id": file_id,
        "created": int(ws.now().timestamp()),
        "name": name,
        "title": name,
        "mimetype": _MIME.get(kind, "application/octet-stream"),
        "filetype": kind,
        "user": user,
        "size": len(content),
        "url_private": url,
        "url_private_download": f"{base}{DOWNLOAD_PREFIX}T0001-{file_id}/download/{quoted}",
        "is_external": False,
    }
    _store(ws)[file_id] = file
    _contents(ws)[file_id] = content
    _serving(ws)[file_id] = (redirect_to, drip_seconds)
    return dict(file)


def add_remote_file(ws: Workspace, name: str, external_url: str, user: str) -> Json:
    """A remote file (files.remote.add by some app): files.info shows its link as `url_private`,
    which Slack says can point to any host and must never be sent a token."""
    file_id = f"F{next(ws.ids):08d}"
    file: Json = {
        "id": file_id,
        "created": int(ws.now().timestamp()),
        "name": name,
        "title": name,
        "mimetype": "application/vnd.slack-remote",
        "filetype": "remote",
        "pretty_type": "Remote",
        "user": user,
        "size": 0,
        "mode": "external",
        "is_external": True,
        "external_type": "app",
        "external_id": f"remote-{file_id}",
        "external_url": external_url,
        "url_private": external_url,
        "has_rich_preview": False,
    }
    _store(ws)[file_id] = file
    return dict(file)


def files_info(ws: Workspace, p: Json) -> Json:
    require(p, "file")
    file = _store(ws).get(str(p["file"]))
    if file is None:
        raise ApiError("file_not_found")
    return {"file": dict(file), "comments": [], "response_metadata": {"next_cursor": ""}}


def download(
    ws: Workspace, path: str, headers: Mapping[str, str]
) -> tuple[int, dict[str, str], bytes | Iterator[bytes]]:
    """A GET of url_private(_download): the bytes with the bot token, else what Slack serves (a login
    page, status 200 with HTML — so a missing token shows up as a non-file, as it does for real)."""
    auth = headers.get("Authorization", "")
    token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else ""
    file_id = path.removeprefix(DOWNLOAD_PREFIX).split("/", 1)[0].split("-", 1)[-1]
    with ws.lock:
        file = _store(ws).get(file_id)
        content = _contents(ws).get(file_id)
        redirect_to, drip_seconds = _serving(ws).get(file_id, (None, 0.0))
    if file is None or content is None:
        return 404, {"Content-Type": "text/plain"}, b"not found"
    if redirect_to:
        return 302, {"Location": redirect_to, "Content-Type": "text/plain"}, b""
    if not token.startswith("xoxb-"):
        return (
            200,
            {"Content-Type": "text/html"},
            b"<!DOCTYPE html><html><body>Sign in to Slack</body></html>",
        )
    if drip_seconds:
        headers = {"Content-Type": str(file["mimetype"]), "Content-Length": str(len(content))}
        return 200, headers, _drip(content, drip_seconds)
    return 200, {"Content-Type": str(file["mimetype"])}, content


def _drip(content: bytes, seconds: float) -> Iterator[bytes]:
    """A slow network: one byte at a time (after a Content-Length of the whole)."""
    for i in range(len(content)):
        if i:
            time.sleep(seconds)
        yield content[i : i + 1]


def get_upload_url(ws: Workspace, p: Json) -> Json:
    require(p, "filename", "length")
    base = ws.__dict__.get("file_base", "")  # set by the HTTP front when it starts
    file_id = f"F{next(ws.ids):08d}"
    _store(ws)[file_id] = {
        "id": file_id,
        "name": str(p["filename"]),
        "title": str(p["filename"]),
        "pending": True,
    }
    return {"upload_url": f"{base}{UPLOAD_PREFIX}{file_id}", "file_id": file_id}


def receive_upload(ws: Workspace, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    file_id = path.removeprefix(UPLOAD_PREFIX).split("/", 1)[0]
    with ws.lock:
        if file_id not in _store(ws):
            return 404, {"Content-Type": "text/plain"}, b"not found"
        _contents(ws)[file_id] = body
    return 200, {"Content-Type": "text/plain"}, b"OK - " + str(len(body)).encode()


def complete_upload(ws: Workspace, p: Json) -> Json:
    require(p, "files")
    listed = p["files"] if isinstance(p["files"], list) else json.loads(p["files"])
    channel = str(p.get("channel_id") or p.get("channels") or "")
    shown = []
    for item in listed:
        file = _store(ws).get(str(item.get("id")))
        if file is None or _contents(ws).get(file["id"]) is None:
            raise ApiError("file_not_found")
        file.pop("pending", None)
        file.update(
            title=item.get("title") or file["name"], size=len(_contents(ws)[file["id"]]), user=BOT_USER_ID
        )
        shown.append(dict(file))
    if channel:
        channel = ws.dm_id(channel) if channel[:1] in ("U", "W") else channel
        ws.store(channel, {"text": str(p.get("initial_comment") or ""), "files": shown, "blocks": []})
    return {"files": shown}


def serve(ws: Workspace, path: str, headers: Mapping[str, str], body: bytes):
    """The double's file URLs: a download of url_private, or an upload to an upload_url; else None."""
    if path.startswith(DOWNLOAD_PREFIX):
        return download(ws, path, headers)
    if path.startswith(UPLOAD_PREFIX):
        return receive_upload(ws, path, body)
    return None


FILE_METHODS = {
    "files.info": files_info,
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
}


def uploaded(ws: Workspace) -> list[tuple[Json, bytes]]:
    """Files the app uploaded (files_upload_v2), with their bytes, oldest first."""
    with ws.lock:
        return [
            (dict(f), _contents(ws).get(f["id"], b""))
            for f in _store(ws).values()
            if f.get("user") == BOT_USER_ID and not f.get("pending")
        ]
