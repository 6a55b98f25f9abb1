"""A Virtuoso 7 server (Debian's ``virtuoso-opensource-7-bin``) for the tests, on free
loopback ports, its database in a temporary folder: kg on a SPARQL server other than
Oxigraph. Its Graph Store Protocol endpoint is ``/sparql-graph-crud``; writing through it
needs the ``SPARQL`` user to be granted updates, which the fixture does with ``isql-vt``."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.remote import free_port, stop, wait_until_answering

__all__ = ["virtuoso_server"]

_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""

#: The anonymous SPARQL user may write graphs (the tests' server is theirs alone).
_GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
           "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")


@contextmanager
def virtuoso_server() -> Iterator[str]:
    """Start Virtuoso; yield its base URL (``/sparql`` queries, ``/sparql-graph-crud``
    stores)."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if exe is None or isql is None:
        raise RuntimeError("Virtuoso is not installed: apt-get install "
                           "virtuoso-opensource-7-bin (.ci/run installs it)")
    sql, http = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as db:
        ini = Path(db) / "virtuoso.ini"
        ini.write_text(_INI.format(db=db, sql=sql, http=http), encoding="utf-8")
        log = Path(db) / "out.log"
        with log.open("wb") as out:
            proc = subprocess.Popen([exe, "-f", "-c", str(ini)], cwd=db, stdout=out,
                                    stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{http}"
            wait_until_answering(f"{url}/sparql?query=ASK%7B%7D", proc, "Virtuoso",
                                 lambda: log.read_text("utf-8", "replace"), seconds=60)
            subprocess.run([isql, str(sql), "dba", "dba", f"exec={_GRANTS}"], check=True,
                           capture_output=True, timeout=30)
            yield url
        finally:
            stop(proc)
