"""nginx asking for a password in front of a SPARQL server, as a team's server is set up:
Debian's nginx (``.ci/run`` installs it), started on a free loopback port with HTTP Basic
authentication (``auth_basic``) and a proxy to the server behind it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.remote import free_port, stop, wait_until_answering

__all__ = ["password_proxy"]

_CONF = """\
{user}worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  client_max_body_size 200m;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      auth_basic "kg tests";
      auth_basic_user_file {dir}/htpasswd;
      proxy_set_header Authorization "";
      proxy_pass {upstream};
    }}
  }}
}}
"""


def _nginx() -> str:
    exe = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if exe is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx; .ci/run "
                           "installs it)")
    return exe


@contextmanager
def password_proxy(upstream: str, user: str, password: str) -> Iterator[str]:
    """nginx on a free loopback port, passing requests to ``upstream`` (a base URL) only
    with ``user`` and ``password``; yields its base URL."""
    exe, port = _nginx(), free_port()
    with tempfile.TemporaryDirectory(prefix="kg-nginx-") as tmp:
        where = Path(tmp)
        (where / "htpasswd").write_text(f"{user}:{{PLAIN}}{password}\n", encoding="utf-8")
        root = "user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
        conf = where / "nginx.conf"
        conf.write_text(_CONF.format(user=root, dir=where, port=port, upstream=upstream),
                        encoding="utf-8")
        proc = subprocess.Popen([exe, "-p", str(where), "-c", str(conf), "-e", str(where / "error.log")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        log = where / "error.log"
        try:
            wait_until_answering(url, proc, "nginx", lambda: log.read_text(
                encoding="utf-8", errors="replace") if log.exists() else "")
            yield url
        finally:
            stop(proc)
