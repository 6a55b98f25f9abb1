"""Requests to a SPARQL server, with the credentials a shared server asks for.

A team's server usually wants a user and a password, for writing at least. kg finds them
where curl and git do: in the URL (``https://alice:secret@host/ds/query``), else in the
``netrc`` file (``$NETRC``, default ``~/.netrc``) under the server's host name. They go out
as HTTP Basic authentication with every request (no round trip to be challenged first),
never to another host a server redirects to, and the URL kg shows, in messages and in
``kg publish --dry-run``, never carries them.
"""

from __future__ import annotations

import base64
import http.client
import netrc
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import field
from pathlib import Path

from kg.errors import DataError, ExecutionError, UsageError
from kg.paths import home
from kg.records import record
from kg.transport import OPENER, Moved, Watch, first_line, read_body

__all__ = ["Server", "server", "shown", "TIMEOUT", "MAX_ANSWER_BYTES", "GRAPH_STORE_HINT"]

TIMEOUT = 60.0  #: seconds one request may take, its whole answer read
MAX_ANSWER_BYTES = 1024**3  #: bytes of one answer (an endless one would fill the memory)


#: What Virtuoso says, in an ``X-SQL-State`` header of a 200 answer, when it answers part of
#: the results because the query ran out of time (an "anytime query"): kg must not read
#: those as the answer.
_INCOMPLETE = "S1TAT"
#: The header Virtuoso adds to a 200 answer it cut at its ``ResultSetMaxRows`` (10,000 in its
#: sample virtuoso.ini): the rows past it are missing, silently but for this.
_CUT = "X-SPARQL-MaxRows"


@record
class Server:
    """A server's URL as kg shows it (no credentials) and what authenticates to it."""

    url: str
    #: the ``Authorization`` header's value, if any; never in a repr (a notebook's `graph`
    #: or a log line showed `Basic …`, the password in base64: hunt76 F1)
    authorization: str | None = field(default=None, repr=False)

    def request(self, url: str, *, data: bytes | None = None, method: str | None = None,
                headers: dict[str, str] | None = None) -> urllib.request.Request:
        """A request to ``url`` (this server's URL, or one built from it) with the
        credentials."""
        sent = dict(headers or {})
        if self.authorization:
            sent["Authorization"] = self.authorization
        return urllib.request.Request(url, data=data, method=method, headers=sent)

    def send(self, url: str, *, what: str, doing: str = "", data: bytes | None = None,
             method: str | None = None, headers: dict[str, str] | None = None,
             timeout: float = TIMEOUT, missing_ok: bool = False,
             read: bool = True) -> bytes | None:
        """Send a request to ``url`` (this server's URL, or one built from it) with the
        credentials, and read the answer (``b""`` without ``read``: whether the server
        has it, not what it is); None for a 404 where ``missing_ok``. A redirect
        to another host goes there without the credentials (as curl does: urllib alone
        would send them on).

        Raises:
            ExecutionError: the server cannot be reached or answers an error: one line
                naming it (``what``, say "the graph store") and what was asked
                (``doing``), with what to do about credentials where it wants them.
        """
        request = self.request(url, data=data, method=method, headers=headers)
        deadline = time.monotonic() + timeout
        to = f" to {doing}" if doing else ""
        watch = Watch(timeout)  # the deadline, for every hop, the status line and headers too
        late = ExecutionError(f"{what} {self.url} did not answer{to} within {timeout:g} s")
        try:
            answer = self._exchange(request, what, to, timeout, deadline, missing_ok, read)
        except ExecutionError:
            if watch.expired:
                raise late from None
            raise
        finally:
            watch.stop()
        if watch.expired:  # the answer was cut short when the sockets were shut
            raise late
        return answer

    def _exchange(self, request: urllib.request.Request, what: str, to: str, timeout: float,
                  deadline: float, missing_ok: bool, read: bool = True) -> bytes | None:
        """:meth:`send`'s request and answer, every failure an :class:`ExecutionError`."""
        doing = to.removeprefix(" to ")
        try:
            with OPENER.open(request, timeout=timeout) as response:
                if response.headers.get("X-SQL-State") == _INCOMPLETE:
                    raise ExecutionError(f"{what} {self.url} answered part of the results{to}"
                                         ": the query ran past the server's time limit")
                cut = response.headers.get(_CUT)
                if cut is not None:  # Virtuoso, past its ResultSetMaxRows: what it answered
                    raise ExecutionError(f"{what} {self.url} answered only the first {cut} "
                                         f"rows{to}: raise its limit of rows "
                                         "(Virtuoso: ResultSetMaxRows in virtuoso.ini)")
                if not read:
                    return b""
                answer = read_body(response, MAX_ANSWER_BYTES, deadline)
                if answer is None:
                    raise ExecutionError(f"{what} {self.url} answered more than "
                                         f"{MAX_ANSWER_BYTES:,} bytes{to}: kg reads no more")
                return answer
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                return None
            raise ExecutionError(f"{what} {self.url} answered {exc.code}{to}"
                                 + first_line(exc, deadline) + self._refused(exc.code, what)) from None
        except TimeoutError:
            raise ExecutionError(f"{what} {self.url} did not answer{to} within {timeout:g} s"
                                 ) from None
        except Moved as redirect:
            raise ExecutionError(f"{what} {self.url} redirects ({redirect.code}) to "
                                 f"{shown(redirect.url)}, {redirect.why}") from None
        except (urllib.error.URLError, OSError, UnicodeError) as exc:  # (a redirect to a
            # name IDNA cannot encode, `a..b`: an internal error, hunt142 F1)
            moved = getattr(request, "kg_redirected_to", None)
            raise ExecutionError(f"cannot reach {what} {self.url}"
                                 + (f" (it redirected to {shown(moved)})" if moved else "")
                                 + f": {getattr(exc, 'reason', exc)}") from None
        except http.client.IncompleteRead as exc:  # (hunt76 F8)
            raise ExecutionError(f"{what} {self.url} cut its answer short{to}: {len(exc.partial):,}"
                                 f" of {len(exc.partial) + (exc.expected or 0):,} bytes") from None
        except http.client.HTTPException as exc:  # an answer that is not HTTP, or cut short
            raise ExecutionError(f"{what} {self.url} sent an answer kg cannot read"
                                 + (f" to {doing}" if doing else "")
                                 + f": {type(exc).__name__}: {exc}") from None

    def _refused(self, code: int, what: str = "") -> str:
        """What to add to a server's 401 or 403 (where kg looks for credentials), or to the
        404, 405, 406 or 415 of a URL that is no query endpoint (hunt46 #6)."""
        if code == 401 and self.authorization is None:
            named = os.environ.get("NETRC")
            netrc_file = named or "~/.netrc"  # where kg looked
            none = f"; $NETRC names no file: {named}" if named and not Path(named).is_file() else ""
            return (" (the server wants credentials: give them in the URL, "
                    f"https://USER:PASSWORD@HOST/…, or in {netrc_file}{none})")
        if code in (401, 403) and self.authorization is not None:
            return " (the server refused the credentials kg sent: check the user and password)"
        if code == 403:  # none sent: a read-only store, or one that wants them to write (hunt76 F3)
            return (" (kg sent no credentials: a server that is read-only, or wants a user and "
                    "password for this, refuses so)")
        if code in (404, 405, 406, 415, 501) and what == "the SPARQL endpoint":  # no query
            return (" (is it the endpoint you meant? A SPARQL query endpoint is Oxigraph's "
                    "…/query, Fuseki's …/DATASET/query, Virtuoso's …/sparql; the graph store "
                    "is kg publish's)")  # (a plain web server's 501 had none: hunt93 F3)
        if code in (400, 404, 405, 415, 501) and what == "the graph store":  # (hunt93 F2; a
            # query endpoint given as the store answers 400: hunt95 #6)
            return f": {GRAPH_STORE_HINT}"
        return ""




#: Where a server's Graph Store endpoint is, said where a URL seems not to be one
GRAPH_STORE_HINT = ("is it the server's Graph Store endpoint? (Oxigraph: …/store, Fuseki: "
                    "…/DATASET/data, Virtuoso: …/sparql-graph-crud)")


def _ascii(text: str) -> str:  # what is not ASCII percent-encoded, as a browser sends it
    return urllib.parse.quote(text, safe="".join(map(chr, range(0x21, 0x7F))))


def _a_host_name(host: str) -> bool:
    """Can ``host`` be looked up (an IP address, or a name IDNA encodes)? `a..b` and a part
    of 64 letters cannot: http.client's encoding raised UnicodeError."""
    if host.startswith("[") or ":" in host:  # an IPv6 address (urlsplit checked it)
        return True
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


def server(url: str) -> Server:
    """The server at ``url``: its credentials taken out of the URL, else looked up in the
    netrc file by host name.

    Raises:
        UsageError: the URL is not an http(s) URL.
        DataError: the netrc file is malformed (or, with passwords, readable by others).
    """
    hidden, rest = shown(url), url.partition("://")[2]
    if rest.rfind("@") > _authority_end(rest):  # a password cut short, or an @ in the path
        raise UsageError(f"not a URL: {hidden} (an `@` after the server's name: in a user "
                         "name or password, write a `/`, `?` or `#` as %2F, %3F or %23; "
                         "elsewhere, an `@` as %40)")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number fails here, not in a request
    except ValueError as exc:
        raise UsageError(f"not a URL: {hidden}" + ("" if hidden != url else f" ({exc})")) from None
    if parts.scheme not in ("http", "https"):
        raise UsageError(f"not an http(s) URL: {shown(url)} (a server's URL begins with "
                         "http:// or https://)")
    if not parts.hostname:  # `http://` (hunt43 #11: "not an http(s) URL")
        raise UsageError(f"not a URL: {shown(url)} (no server's name after {parts.scheme}://)")
    if any("\udc80" <= ch <= "\udcff" for ch in url):  # a byte that is no UTF-8 (\xff)
        raise UsageError(f"not a URL: {shown(url)} (a byte in it is not UTF-8 text; write "  # (it
                         "a byte as %FF)")  # was "a space or a control character": hunt123 F7)
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise UsageError(f"not a URL: {shown(url)} (a space or a control character in it; "
                         "write a space as %20)")
    dataset = sorted({key for key, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)}
                     & {"default-graph-uri", "named-graph-uri", "graph", "default"})
    if dataset:  # the graph seemed not published (hunt46 #5); a store's `?graph=x` had kg
        # add graph= to it in each request (hunt76 F4)
        raise UsageError(f"{shown(url)} chooses a dataset of its own ({', '.join(dataset)}): kg "
                         "reads and writes each source as a named graph and chooses them "
                         "itself; give the URL without it")
    if not _a_host_name(parts.hostname):  # (an internal error, exit 70: hunt142 F1)
        raise UsageError(f"not a URL: {shown(url)} (no server can have the name "
                         f"{parts.hostname!r}: a part of it between dots is empty or longer "
                         "than 63 letters)")
    host = parts.netloc.rpartition("@")[2]
    bare = urllib.parse.urlunsplit(parts._replace(  # (http.client refused é: hunt55 F2)
        netloc=host, path=_ascii(parts.path), query=_ascii(parts.query), fragment=""))
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        return Server(bare, _basic(user, password))
    found = _from_netrc(parts.hostname)
    return Server(bare, _basic(*found) if found else None)


def _basic(user: str, password: str) -> str:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


def _from_netrc(host: str) -> tuple[str, str] | None:
    """The login and password the netrc file has for ``host`` (or its ``default``). Python
    refuses a ``~/.netrc`` with passwords that others may read, and so does kg."""
    named, mine = os.environ.get("NETRC"), home()  # no home: no ~/.netrc (it read /.netrc:
    path = Path(named) if named else Path(mine, ".netrc") if mine else None  # hunt59 R15)
    if path is None or not path.is_file():
        return None
    try:
        entry = netrc.netrc(named or None).authenticators(host)  # None: ~/.netrc, checked
    except netrc.NetrcParseError as exc:
        where = f", line {exc.lineno}" if exc.lineno else ""
        raise DataError(f"{path}{where}: {_unquoted(exc.msg)}") from None
    except UnicodeDecodeError:  # (Python's codec words, of no file: hunt83 F15)
        raise DataError(f"{path}: cannot read it: it is not UTF-8 text (kg reads a netrc file "
                        "as UTF-8)") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read it: {exc}") from None
    if entry is None:
        return None
    login, _, password = entry
    return (login, password or "") if login else None


def _unquoted(msg: str) -> str:
    """Python's netrc error without the words it quotes: the word it could not place is,
    in the usual typo (`login bob SECRET`, `password` forgotten), the password (hunt46 #1)."""
    said = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "…", msg)
    return said + (" (kg does not show the word: it may be a password; is a keyword such "
                   "as `password` missing before it, or misspelt?)" if said != msg else "")


def shown(url: str) -> str:
    """``url`` without its credentials, for a message about it. An ``@`` past the end of
    the server's name (a ``#``, ``/`` or ``?`` typed in a password ends it early, and a
    password may be all digits, like a port) hides everything before it: kg cannot tell
    a password from a path there (:func:`server` refuses such a URL)."""
    if not url.isprintable():  # a line break in the URL broke the one-line error in two,
        url = "".join(c if c.isprintable() else f"\\x{ord(c) - 0xDC00:02x}"  # (hunt104 F7)
                      if "\udc80" <= c <= "\udcff" else repr(c)[1:-1] for c in url)
    scheme, sep, rest = url.partition("://")
    if not sep:  # not a URL (`http:/alice:pw@host`): what an @ ends may be a password
        return f"…@{url.rpartition('@')[2]}" if "@" in url else url
    end = _authority_end(rest)
    last = rest.rfind("@")
    if last > end:
        return f"{scheme}://…@{rest[last + 1:]}"
    return f"{scheme}://{rest[:end].rpartition('@')[2]}{rest[end:]}"


def _authority_end(rest: str) -> int:
    """Where the server's part of a URL (after ``scheme://``) ends."""
    return min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
