"""A small static HTTP server for benchmarks: serves a built site the way GitHub Pages does.

Text files (HTML, JS, CSS, JSON, SVG, XML, plain text) are sent with `Content-Encoding: gzip`
when the request accepts gzip; the compressed bytes are computed once per file and kept in
memory, so only the first request of a file pays for compression (the benchmark makes an
unmeasured warm-up run first). HTTP/1.1 with keep-alive, loopback only.

Every response is logged as one JSON line (monotonic time, path, status, bytes of the body as
sent, encoding) when a log file is given, so a benchmark can count bytes on the wire,
including those fetched by web workers.

    python scripts/bench_server.py SITE_DIR [--poort 0] [--log requests.jsonl] [--voorbereid search assets]

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
import signal
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

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


    def prepare(self, root: Path, parts: list[str]) -> int:
        """Compress ahead of time every compressible file below root/part; returns the count."""
        count = 0
        for part in parts:
            start = root / part
            if start.is_file():
                found: list[Path] = [start]
            elif start.is_dir():
                found = [p for p in start.rglob("*") if p.is_file()]
            else:
                found = []
            for path in found:
                if path.suffix.lower() in COMPRESSIBLE:
                    self.get(str(path), path.stat(), path.read_bytes())
                    count += 1
        return count


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
                self.send_response(301)
                self.send_header("Location", redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                log.write(t=started, path=self.path, status=301, bytes=0, enc="")
                return
            if target is None:
                body = b"404 niet gevonden\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head_only:
                    self.wfile.write(body)
                log.write(t=started, path=self.path, status=404, bytes=len(body), enc="")
                return
            stat = target.stat()
            raw = target.read_bytes()
            suffix = target.suffix.lower()
            ctype = TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/json", "application/xml", "image/svg+xml"):
                ctype += "; charset=utf-8"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            encoding = "gzip" if accepts and suffix in COMPRESSIBLE else ""
            body = cache.get(str(target), stat, raw) if encoding else raw
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
            self.send_header("Cache-Control", "max-age=600")
            if suffix in COMPRESSIBLE:
                self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
            log.write(t=started, path=self.path, status=200, bytes=0 if head_only else len(body),
                      raw=len(raw), enc=encoding)

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


def main() -> None:
    parser = argparse.ArgumentParser(
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
