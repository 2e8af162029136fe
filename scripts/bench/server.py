"""Serving a built site locally the way GitHub Pages does, for benchmarks.

Text files (HTML, JS, CSS, JSON, SVG, XML, plain text) are sent with `Content-Encoding: gzip`
when the request accepts gzip; the compressed bytes are computed once per file and kept in
memory, so only the first request of a file pays for compression (the benchmark makes an
unmeasured warm-up run first). HTTP/1.1 with keep-alive, loopback only.

Every response is logged as one JSON line (monotonic time, path, status, bytes of the body as
sent, encoding), so a benchmark counts bytes on the wire, those of web workers too. `Served`
runs the server in a process of its own (off the measuring process's GIL) and reads that log:

    cd scripts && python -m bench.server SITE_DIR [--poort 0] [--log requests.jsonl] [--voorbereid search assets]

prints `http://127.0.0.1:PORT/` on the first line of its output once it accepts connections,
and serves until it gets SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import json
import mimetypes
import os
import posixpath
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .builds import BenchError, running

COMPRESSIBLE = {".html", ".htm", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".map"}
GZIP_LEVEL = 6  # what nginx-style servers (and GitHub Pages) typically use
TYPES = {".json": "application/json", ".js": "text/javascript", ".mjs": "text/javascript",
         ".svg": "image/svg+xml", ".xml": "application/xml", ".map": "application/json"}


def gzipped(data: bytes) -> bytes:
    """gzip at the level the server uses (also used by the benchmark to size search data)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


class GzipCache:
    """Compressed file contents, keyed by path, size and modification time."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[tuple[int, int], bytes]] = {}
        self._lock = threading.Lock()

    def get(self, path: str, stat: os.stat_result, raw: bytes) -> bytes:
        key = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            hit = self._data.get(path)
        if hit and hit[0] == key:
            return hit[1]
        data = gzipped(raw)
        with self._lock:
            self._data[path] = (key, data)
        return data

    def prepare(self, root: Path, parts: list[str]) -> None:
        """Compress ahead of time every compressible file at or below root/part."""
        for part in parts:
            start = root / part
            for path in [start] if start.is_file() else start.rglob("*"):
                if path.is_file() and path.suffix.lower() in COMPRESSIBLE:
                    self.get(str(path), path.stat(), path.read_bytes())


class RequestLog:
    """JSON lines of what was sent; flushed per line so a reader sees them at once."""

    def __init__(self, path: Path | None) -> None:
        self._file = path.open("a", encoding="utf-8", buffering=1) if path else None
        self._lock = threading.Lock()

    def write(self, **record: object) -> None:
        if self._file:
            with self._lock:
                self._file.write(json.dumps(record) + "\n")


def make_handler(root: Path, cache: GzipCache, log: RequestLog) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kvbench"
        # Headers and body go out in two writes; with Nagle on, the second waits for the
        # client's delayed ACK (~40 ms per response on Linux loopback).
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:  # quiet: the JSON log is the record
            pass

        def _target(self) -> tuple[Path | None, str | None]:
            """The file for the request path, or a redirect location for a folder without '/'."""
            url_path = unquote(urlsplit(self.path).path)
            parts = [p for p in posixpath.normpath(url_path).split("/") if p not in ("", ".", "..")]
            target = root.joinpath(*parts)
            if target.is_dir():
                if not url_path.endswith("/"):
                    query = urlsplit(self.path).query
                    return None, url_path + "/" + ("?" + query if query else "")
                target = target / "index.html"
            return (target if target.is_file() else None), None

        def _send(self, head_only: bool) -> None:
            started = time.monotonic()
            target, redirect = self._target()
            if redirect:
                return self._reply(301, b"", {"Location": redirect}, head_only, started, enc="")
            if target is None:
                return self._reply(404, b"404 niet gevonden\n", {"Content-Type": "text/plain; charset=utf-8"},
                                   head_only, started, enc="")
            stat = target.stat()
            raw = target.read_bytes()
            suffix = target.suffix.lower()
            ctype = TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/json", "application/xml", "image/svg+xml"):
                ctype += "; charset=utf-8"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            encoding = "gzip" if accepts and suffix in COMPRESSIBLE else ""
            headers = {"Content-Type": ctype, "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
                       "Cache-Control": "max-age=600"}
            if suffix in COMPRESSIBLE:
                headers["Vary"] = "Accept-Encoding"
            if encoding:
                headers["Content-Encoding"] = encoding
            body = cache.get(str(target), stat, raw) if encoding else raw
            self._reply(200, body, headers, head_only, started, raw=len(raw), enc=encoding)

        def _reply(self, status: int, body: bytes, headers: dict[str, str], head_only: bool, started: float,
                   **record: object) -> None:
            """Send one response and log it (bytes of the body as sent)."""
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
            log.write(t=started, path=self.path, status=status, bytes=0 if head_only else len(body), **record)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._send(head_only=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._send(head_only=True)

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(root: Path, port: int = 0, log_path: Path | None = None, prepare: list[str] | None = None) -> Server:
    cache = GzipCache()
    cache.prepare(root.resolve(), prepare or [])
    return Server(("127.0.0.1", port), make_handler(root.resolve(), cache, RequestLog(log_path)))


def served_size(paths: list[Path]) -> tuple[int, int, int]:
    """Raw bytes, gzip bytes (each file compressed on its own, as served) and file count."""
    raw = gz = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        gz += len(gzipped(data))
    return raw, gz, len(paths)


class Served:
    """The server in its own process, with a request log read by time window."""

    def __init__(self, site: Path, log_path: Path, prepare: list[str], timeout: float = 600) -> None:
        self.log_path = log_path
        log_path.unlink(missing_ok=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.server", str(site.resolve()),
                                      "--log", str(log_path.resolve()), "--voorbereid", *prepare],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     cwd=Path(__file__).resolve().parents[1])
        running.append(self.proc)
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline().strip() if ready else ""
        if not line.startswith("http://"):
            self.close()
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise BenchError(f"de testserver voor {site} startte niet: {err.strip() or 'geen antwoord'}")
        self.url = line
        self._offset = 0
        self._records: list[dict] = []

    def records(self, start: float, end: float) -> list[dict]:
        """Responses to requests that arrived in [start, end) (time.monotonic, shared clock)."""
        with self.log_path.open(encoding="utf-8") as f:
            f.seek(self._offset)
            chunk = f.read()
        complete = chunk[:chunk.rfind("\n") + 1]
        self._offset += len(complete.encode("utf-8"))
        self._records += [json.loads(line) for line in complete.splitlines() if line]
        return [r for r in self._records if start <= r["t"] < end]

    def forget(self) -> None:
        """Drop records read so far (they belong to finished loads)."""
        self._records = []

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc in running:
            running.remove(self.proc)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.server",
        description="Serveer een gebouwde site op 127.0.0.1 met gzip (zoals GitHub Pages), voor benchmarks.")
    parser.add_argument("map", type=Path, help="de gebouwde site (map met index.html)")
    parser.add_argument("--poort", type=int, default=0, help="poort; 0 = een vrije poort (standaard)")
    parser.add_argument("--log", type=Path, help="schrijf elk antwoord als JSON-regel naar dit bestand")
    parser.add_argument("--voorbereid", nargs="*", default=[], metavar="PAD",
                        help="comprimeer bij het starten alvast alle tekstbestanden onder deze paden (relatief aan de site)")
    args = parser.parse_args()
    if not (args.map / "index.html").is_file():
        parser.error(f"{args.map} is geen gebouwde site (geen index.html)")
    server = make_server(args.map, args.poort, args.log, args.voorbereid)

    def stop(signum: int, frame: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
