"""HTTP as kg speaks it to a server: a deadline that holds for a whole exchange (every
redirect hop, the status line, the headers and the answer), redirects followed as curl
follows them, answers read piece by piece up to a size (:mod:`kg.credentials` sends the
requests)."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

__all__ = ["OPENER", "Moved", "Watch", "read_body", "first_line", "MAX_HEADERS"]

_ERROR_BYTES = 64 * 1024  #: bytes of an error's body read (its first line is shown)

#: How many header lines an answer may have. Python stops at 100; Virtuoso echoes every
#: named graph of a query as a header line of its answer (``X-SPARQL-named-graph``), and kg
#: names each source of a revision: 170 on the page, more as the graph grows.
MAX_HEADERS = 100_000
http.client._MAXHEADERS = max(http.client._MAXHEADERS, MAX_HEADERS)  # type: ignore[attr-defined]


def read_body(response: Any, most: int, deadline: float, *, cut: bool = False) -> bytes | None:
    """An answer's body, read piece by piece until ``deadline`` (a server sending a byte a
    second never times a read out); past ``most`` bytes None, or with ``cut`` the first
    ``most`` (and what came before a stall or a break).

    Raises:
        TimeoutError: the deadline passed.
    """
    parts: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(min(_CHUNK, most + 1 - size)):
            parts.append(chunk)
            size += len(chunk)
            if size > most:
                return b"".join(parts)[:most] if cut else None
            if time.monotonic() > deadline:
                raise TimeoutError
    except (OSError, http.client.HTTPException):
        if not cut:
            raise
    left = getattr(response, "length", None)  # what its Content-Length said is still to come
    if not cut and isinstance(left, int) and left > 0:  # (read1 says nothing of it: a body
        raise http.client.IncompleteRead(b"".join(parts), left)  # cut short was "not JSON")
    return b"".join(parts)  # with ``cut``, what came before the answer stalled or broke


_CHUNK = 1024 * 1024


def first_line(exc: urllib.error.HTTPError, deadline: float) -> str:
    """``: `` and the first line of a server's error, if it is text (a proxy's HTML page
    would only say the status again); read in part and by the deadline, never failing (the
    status is the error)."""
    try:
        body = read_body(exc, _ERROR_BYTES, deadline, cut=True) if exc.fp is not None else b""
    except (OSError, http.client.HTTPException, AttributeError):
        body = b""
    lines = (body or b"").decode("utf-8", "replace").strip().splitlines()[:1]
    return f": {lines[0][:200]}" if lines and not lines[0].lstrip().startswith("<") else ""


class Moved(Exception):
    """A redirect kg does not follow: one that would drop the request's body, or to a URL
    that is not HTTP(S)."""

    def __init__(self, code: int, url: str, why: str) -> None:
        super().__init__(code, url, why)
        self.code, self.url, self.why = code, url, why


class _KeepCredentialsHome(urllib.request.HTTPRedirectHandler):
    """Redirects as curl follows them: the credentials never to another host; a request
    with a body (a query, an upload) sent again whole on 307 and 308, refused on 301, 302
    and 303, which would make it a GET without its body (urllib's way)."""

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                       headers: Any) -> Any:
        """urllib's, but a redirect to a URL that is not HTTP(S), or in a loop, says so
        (urllib refused both with its own bare "answered 307" before kg's check: hunt65 F4)."""
        newurl = urllib.parse.urljoin(req.full_url, headers.get("location") or headers.get("uri")
                                      or "")
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise Moved(code, newurl, "which kg does not follow (HTTP and HTTPS only)")
        seen = getattr(req, "redirect_dict", {})
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except urllib.error.HTTPError as exc:
            if str(exc.msg).startswith(self.inf_msg):  # (more than ten was "a loop": R7)
                why = ("which leads round in a loop of redirects" if seen.get(newurl, 0)
                       >= self.max_repeats else f"which leads on past "
                       f"{self.max_redirections} redirects")
                raise Moved(code, newurl, why) from None
            raise

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if req.data is not None:  # (an HTTP(S) URL: http_error_302)
            if code not in (307, 308):
                fp.close()
                raise Moved(code, newurl, "which would drop the request's body: give that URL")
            new: urllib.request.Request | None = urllib.request.Request(
                newurl, data=req.data, method=req.get_method(),
                headers={k: v for k, v in req.header_items() if k.lower() != "host"},
                origin_req_host=req.origin_req_host, unverifiable=True)
        else:
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
        first = getattr(req, "kg_first", req)  # the request kg made, whatever the hops
        first.kg_redirected_to = newurl  # type: ignore[union-attr]  # for an error: where it went
        if new is not None:
            new.kg_first = first  # type: ignore[attr-defined]
            if _origin(newurl) != _origin(req.full_url):
                new.remove_header("Authorization")
        return new


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc.rpartition("@")[2].lower()


class Watch:
    """A request's deadline: when it passes, the sockets the request opened (one per
    redirect hop) are shut, so a server sending its status line, its headers or its answer a
    byte at a time cannot keep kg waiting (a socket's own timeout starts again at each
    byte)."""

    def __init__(self, timeout: float) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True
        _WATCHING.current = self
        self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        for sock in list(self.sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._timer.cancel()
        _WATCHING.current = None


_WATCHING = threading.local()


def _watched(connection: http.client.HTTPConnection) -> None:
    watch = getattr(_WATCHING, "current", None)
    if watch is not None and connection.sock is not None:
        watch.sockets.append(connection.sock)


class _HTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watched(self)


class _HTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watched(self)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=self._context,  # type: ignore[attr-defined]
                            check_hostname=self._check_hostname)  # type: ignore[attr-defined]


OPENER = urllib.request.build_opener(_KeepCredentialsHome, _HTTPHandler, _HTTPSHandler)
