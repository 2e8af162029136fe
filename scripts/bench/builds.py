"""Running a site build as a subprocess and measuring it: wall and CPU time, peak memory, output.

Peak memory is that of the build's whole process tree (a build analyses in forked worker
processes): the larger of the main process's own peak (wait4's ru_maxrss, exact) and the
highest sum of the proportional set sizes (PSS) of the process and its descendants, sampled
every 0.1 s, or less often where reading them takes longer (see `_Sampler`). PSS counts a
page shared by n processes as 1/n in each, so a forked worker's copy-on-write view of its
parent is not counted twice, as summed resident sets would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from .report import log

REPO = Path(__file__).resolve().parents[2]
MKDOCS = REPO / ".venv" / "bin" / "mkdocs"
PAGE = os.sysconf("SC_PAGE_SIZE")
T = TypeVar("T")


class BenchError(Exception):
    """A step failed; the message says which and why."""


@dataclass
class Build:
    seconds: float
    cpu_seconds: float  # user + system time of the build and the children it waited for
    peak_mb: float
    log: str
    code: str  # fingerprint of the plugin's code when the build started


def code_fingerprint() -> str:
    """Hash of the plugin package's files: others may edit it while a benchmark runs, and a
    change between builds empties the caches, so the report warns when it changed."""
    digest = hashlib.sha1()
    package = REPO / "plugins" / "kamervragen"
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files below `folder`."""
    total = count = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            total += os.stat(os.path.join(dirpath, name)).st_size
            count += 1
    return total, count


def site_config(path: Path, notes: Path, parent: str = "mkdocs.yml", site: str = "site", cache: str | None = None,
                material_search: bool = False) -> Path:
    """A config INHERITing the project's `parent`, on `notes`, its site folder next to it.

    Plugins as a mapping merge into the parent's (the staff build keeps `audience: intern`);
    with `material_search`, a list replaces them: Material's search (lang nl), then ours
    without its search."""
    q = json.dumps  # a JSON string is a valid YAML scalar, whatever the path holds
    options = [f"notes_dir: {q(str(notes))}", f"themes_file: {q(str(notes / 'themas.yml'))}"]
    if cache:
        options.append(f"cache_dir: {q(cache)}")
    if material_search:
        options.append("search: false")
        plugins = ["  - search:", "      lang: nl", "  - kamervragen:", *(f"      {o}" for o in options)]
    else:
        plugins = ["  kamervragen:", *(f"    {o}" for o in options)]
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"INHERIT: {q(str(REPO / parent))}", f"docs_dir: {q(str(REPO / 'docs'))}",
             f"site_dir: {q(str(path.parent / site))}", "plugins:", *plugins]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ASIDE = ".weg"  # below --map: output of earlier builds, deleted when every build was measured


def set_aside(path: Path, workdir: Path) -> None:
    """Move a folder out of a build's way, to be deleted after the last measurement. Deleting a
    site of tens of thousands of files just before a build makes that build slower: on a file
    system without a journal (this machine's), ext4 passes over inodes freed in the last
    minutes for each file it creates (`recently_deleted`); at 10,000 sets that cost our
    rebuild 7 s of system time. CI builds in a fresh clone, where nothing was just deleted."""
    if path.exists():
        aside = workdir / ASIDE
        aside.mkdir(exist_ok=True)
        path.rename(aside / f"{path.parent.name}-{path.name}-{time.time_ns()}")


def delete_set_aside(workdir: Path) -> None:
    shutil.rmtree(workdir / ASIDE, ignore_errors=True)


def workdir_problem(folder: Path) -> str | None:
    """Why `folder` (resolved) may not be a benchmark's work folder, which it fills and empties."""
    if not MKDOCS.exists():
        return f"{MKDOCS} ontbreekt; installeer eerst met `bash scripts/setup.sh`"
    if folder in (Path("/"), Path.home(), REPO) or REPO in folder.parents:
        return f"--map {folder}: kies een aparte werkmap buiten de repository"
    return None


def _tree_rss(root: int) -> int:
    """Summed proportional set size of `root` and its descendants, in bytes (0 once it is gone);
    the resident set where the kernel gives no PSS."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            total += _pss(pid)
        except (OSError, ValueError, IndexError):
            continue
        todo += children.get(pid, [])
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except FileNotFoundError:
        pass
    with open(f"/proc/{pid}/statm", "rb") as f:
        return int(f.read().split()[1]) * PAGE


class _Sampler(threading.Thread):
    """The peak of `_tree_rss` of a build, sampling at most SHARE of the time: the kernel walks a
    process's page tables to give its PSS (43 ms for a 1.2 GB process). Read every 0.1 s, that
    took up to half a core from a build that uses both cores (ours at 10,000 sets: 292 s cold
    in the benchmark, 228 s in a run of its own), and nothing from one that uses one (bare
    MkDocs), which left the second core to the sampler."""

    SHARE = 0.05

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        wait = self.interval
        while not self.done.wait(wait):
            start = time.perf_counter()
            self.peak = max(self.peak, _tree_rss(self.pid))
            wait = max(self.interval, (time.perf_counter() - start) / self.SHARE)


running: list[subprocess.Popen] = []  # builds and servers to stop on an error


def run(args: list[str], cwd: Path, log_path: Path, env: dict[str, str] | None = None) -> Build:
    """Run a command, its output to `log_path`; raise BenchError with the log's tail if it fails."""
    code = code_fingerprint()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with log_path.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=sink, stderr=subprocess.STDOUT, cwd=cwd, env=environment)
        running.append(proc)
        sampler = _Sampler(proc.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: the build must not run on unseen
            proc.kill()
            proc.wait()
            raise
        finally:
            sampler.done.set()
            running.remove(proc)
        seconds = time.perf_counter() - start
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(text.splitlines()[-25:])
        raise BenchError(f"{' '.join(args[:2])} faalde met code {proc.returncode}; log: {log_path}\n{tail}")
    peak = max(usage.ru_maxrss * 1024, sampler.peak)
    return Build(seconds, usage.ru_utime + usage.ru_stime, peak / 1e6, text, code)


def mkdocs_build(config: Path, label: str, env: dict[str, str] | None = None) -> Build:
    """`mkdocs build -f config` (log next to the config, named after `label`)."""
    return run([str(MKDOCS), "build", "-f", str(config)], config.parent, config.parent / f"build-{label}.log", env)


def stop_all() -> None:
    """Kill a build or server still running after an error or an interrupt."""
    for proc in list(running):
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_each(counts: list[int], measure: Callable[[int], T]) -> tuple[list[T], int]:
    """`measure` for each N in turn, until an error or an interrupt (SIGTERM too): the results
    so far and the exit code (0, 1 after an error, 130 after an interrupt); no build is left running."""
    signal.signal(signal.SIGTERM, _interrupt)
    results: list[T] = []
    code = 0
    try:
        for n in counts:
            results.append(measure(n))
    except BenchError as err:
        log(f"FOUT: {err}")
        code = 1
    except KeyboardInterrupt:
        log("afgebroken")
        code = 130
    finally:
        stop_all()
    return results, code
