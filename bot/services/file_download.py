"""Downloads that carry the bot token: only over https to Slack's file hosts (and to the origin of
SLACK_API_URL, where GovSlack's API or the Slack double lives), following redirects only among those,
within one deadline for the whole download — connecting, headers, every byte and every redirect."""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

SLACK_FILE_HOSTS = ("files.slack.com", "files.slack-gov.com")  # Slack's and GovSlack's file hosts
MAX_REDIRECTS = 3
_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 64 * 1024

Origin = tuple[str, str, int]


class DownloadFailed(Exception):
    """The download did not happen or did not finish; `reason` is for the operator's log (no URL)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UntrustedHost(DownloadFailed):
    """The URL (or a redirect) leads somewhere the token must not go."""


class DeadlinePassed(DownloadFailed):
    """The whole download took longer than its deadline."""


@dataclass(frozen=True)
class Downloaded:
    content_type: str
    data: bytes  # at most `limit + 1` bytes: one more than the limit means the file is too big


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL without credentials in it; None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        return None
    return scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[scheme]


def trusted_origins(api_url: str) -> frozenset[Origin]:
    trusted = {("https", host, 443) for host in SLACK_FILE_HOSTS}
    if (api := origin_of(api_url)) is not None:
        trusted.add(api)
    return frozenset(trusted)


def token_may_go_to(url: str, api_url: str) -> bool:
    return origin_of(url) in trusted_origins(api_url)


def download(
    url: str,
    token: str,
    *,
    api_url: str,
    limit: int,
    seconds: float,
    proxy: str | None = None,
    tls: ssl.SSLContext | None = None,
) -> Downloaded:
    """GET `url` with the bot token; raises UntrustedHost before any byte leaves for another host,
    DeadlinePassed after `seconds` in all, DownloadFailed for anything else that goes wrong.

    `proxy` and `tls` are the WebClient's (HTTPS_PROXY, a custom SSL context): an https download goes
    through the proxy as a CONNECT tunnel, so the proxy sees the host, never the token. An http origin
    (only SLACK_API_URL's, a local double) is never sent through a proxy."""
    trusted = trusted_origins(api_url)
    deadline = time.monotonic() + seconds
    for _ in range(MAX_REDIRECTS + 1):
        origin = origin_of(url)
        if origin is None or origin not in trusted:
            raise UntrustedHost("untrusted host")
        answer = _get(url, origin, token, deadline, limit, proxy, tls)
        if isinstance(answer, Downloaded):
            return answer
        url = urljoin(url, answer)
    raise DownloadFailed("too many redirects")


def _get(
    url: str,
    origin: Origin,
    token: str,
    deadline: float,
    limit: int,
    proxy: str | None,
    tls: ssl.SSLContext | None,
) -> Downloaded | str:
    """One request: the file, or the Location a redirect points to."""
    scheme, host, port = origin
    remaining = _remaining(deadline)
    if scheme == "https":
        conn: http.client.HTTPConnection = _https(host, port, remaining, proxy, tls)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=remaining)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    watchdog: threading.Timer | None = None
    cut = threading.Event()
    try:
        conn.connect()
        watchdog = threading.Timer(_remaining(deadline), _cut, args=(conn.sock, cut))
        watchdog.daemon = True
        watchdog.start()
        conn.request("GET", target, headers={"Authorization": f"Bearer {token}"})
        answer = conn.getresponse()
        if answer.status in _REDIRECTS:
            location = answer.getheader("Location")
            if not location:
                raise DownloadFailed(f"redirect {answer.status} without a Location")
            return location
        if answer.status != 200:
            raise DownloadFailed(f"HTTP {answer.status}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = answer.read1(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            _remaining(deadline)
        if cut.is_set():  # the end of the body was the watchdog's cut, not the host's
            raise DeadlinePassed("deadline passed")
        if answer.length and size <= limit:
            raise DownloadFailed("incomplete body")
        return Downloaded(answer.getheader("Content-Type", ""), b"".join(chunks))
    except DownloadFailed:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if cut.is_set() or time.monotonic() >= deadline:
            raise DeadlinePassed("deadline passed") from exc
        raise DownloadFailed(type(exc).__name__) from exc
    finally:
        if watchdog is not None:
            watchdog.cancel()
        conn.close()


def _https(
    host: str, port: int, timeout: float, proxy: str | None, tls: ssl.SSLContext | None
) -> http.client.HTTPSConnection:
    context = tls or ssl.create_default_context()
    parts = urlsplit(proxy) if proxy else None
    if parts is None or not parts.hostname:
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    conn = http.client.HTTPSConnection(parts.hostname, parts.port or 80, timeout=timeout, context=context)
    headers = {}
    if parts.username:
        login = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        headers["Proxy-Authorization"] = "Basic " + base64.b64encode(login).decode()
    conn.set_tunnel(host, port, headers=headers)
    return conn


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("deadline passed")
    return left


def _cut(sock: socket.socket | None, cut: threading.Event) -> None:
    """At the deadline: wake any read blocked on the connection (per-read timeouts can't bound a drip)."""
    cut.set()
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
