"""The publish pipelines: .github/workflows/publish.yml (GitHub) and .gitlab-ci.yml (GitLab).

Both files are checked against their published schemas (check-jsonschema's vendored copies),
the GitHub workflow is audited with zizmor (offline, with the repository's zizmor.yml), and
their structure is checked: only site/ goes to Pages, the staff site stays a private,
expiring artifact. Then the commands the pipelines run are run here, in a copy of the
repository (conftest's repo_copy), so a broken pipeline fails here first instead of after a
push to main.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

GITHUB = REPO / ".github" / "workflows" / "publish.yml"
GITHUB_TESTS = REPO / ".github" / "workflows" / "tests.yml"
GITLAB = REPO / ".gitlab-ci.yml"
DEPENDABOT = REPO / ".github" / "dependabot.yml"
ZIZMOR_CONFIG = REPO / "zizmor.yml"
LOCK = "requirements-lock.txt"  # what scripts/setup.sh installs, hash-checked

# The README's commands; the pipelines may run nothing else to install, test or build.
TEST = "bash scripts/test.sh"
PUBLIC_BUILD = "bash scripts/site.sh"
INTERN_BUILD = "bash scripts/site.sh build -f mkdocs.intern.yml"
CHECK = "bash scripts/kamervragen.sh check"  # the staff command, installed first like the others
README_COMMANDS = (TEST, PUBLIC_BUILD, INTERN_BUILD, CHECK)
# Preparation that is not ours to test: the python image has no Node.js (test.sh needs npm),
# and GitLab Pages publishes the directory public/.
GITLAB_EXTRA = (
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null",
    "rm -rf public",
    "cp -r site public",
)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github() -> dict:
    return load(GITHUB)


def gitlab() -> dict:
    return load(GITLAB)


def gitlab_jobs() -> dict[str, dict]:
    keywords = {"workflow", "stages", "image", "variables", "default", "include", "cache", "services",
                "before_script", "after_script"}
    return {name: job for name, job in gitlab().items()
            if name not in keywords and not name.startswith(".") and isinstance(job, dict)}


def lines(script: str | list[str]) -> list[str]:
    """Shell lines of a `run:` block or a `script:` list, comments and blanks left out."""
    chunks = [script] if isinstance(script, str) else script
    out = []
    for chunk in chunks:
        for line in chunk.splitlines():
            line = " ".join(line.split())
            if line and not line.startswith("#"):
                out.append(line)
    return out


def github_runs(job: dict) -> list[str]:
    return [line for step in job["steps"] if "run" in step for line in lines(step["run"])]


def gitlab_runs(job: dict) -> list[str]:
    return [line for key in ("before_script", "script", "after_script") for line in lines(job.get(key, []))]


def norm(path: str) -> str:
    return path.strip().removeprefix("./").rstrip("/")


def tool(name: str) -> Path:
    """A console script installed next to this interpreter (.venv/bin), or on PATH."""
    here = Path(sys.executable).parent / name
    found = here if here.exists() else (Path(p) if (p := shutil.which(name)) else None)
    if found is None:
        pytest.fail(f"{name} is not installed: it belongs in pyproject.toml's [test] extra "
                    f"(bash scripts/test.sh installs it)")
    return found


# --- schemas -------------------------------------------------------------------------------

@pytest.mark.parametrize("schema, path", [("vendor.github-workflows", GITHUB), ("vendor.github-workflows", GITHUB_TESTS),
                                          ("vendor.gitlab-ci", GITLAB), ("vendor.dependabot", DEPENDABOT)],
                         ids=["github", "github-tests", "gitlab", "dependabot"])
def test_pipeline_matches_its_published_schema(schema, path):
    result = subprocess.run([str(tool("check-jsonschema")), "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_can_fail(tmp_path):
    """The schema check is not a rubber stamp: a misspelt keyword fails it."""
    bad = tmp_path / "publish.yml"
    text = GITHUB.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    bad.write_text(text, encoding="utf-8")
    result = subprocess.run([str(tool("check-jsonschema")), "--builtin-schema", "vendor.github-workflows", str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0


# --- zizmor --------------------------------------------------------------------------------

def zizmor(path: Path) -> tuple[int, set[str], str]:
    result = subprocess.run(
        [str(tool("zizmor")), "--offline", "--no-progress", "--config", str(ZIZMOR_CONFIG), "--format", "json", str(path)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    findings = json.loads(result.stdout or "[]")
    return result.returncode, {f["ident"] for f in findings}, result.stdout + result.stderr


@pytest.mark.parametrize("path", [GITHUB, GITHUB_TESTS], ids=["publish", "tests"])
def test_zizmor_finds_nothing_in_the_workflow(path):
    code, idents, output = zizmor(path)
    assert (code, idents) == (0, set()), output


def test_pull_requests_and_dependency_proposals_are_tested():
    """Dependabot proposes updates as pull requests; each one runs the README test command."""
    workflow = yaml.safe_load(GITHUB_TESTS.read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    job = workflow["jobs"]["test"]
    assert job["permissions"] == {"contents": "read"} and workflow["permissions"] == {}
    assert job["container"].startswith("python:3.11")  # Debian: apt-get has the chromium package
    runs = [step.get("run", "") for step in job["steps"]]
    assert "bash scripts/test.sh" in runs and "bash scripts/kamervragen.sh check" in runs
    assert not any("deploy" in str(step) or "upload" in str(step) for step in job["steps"])


CHECKOUT_SAFE = "        with:\n          persist-credentials: false\n"


@pytest.mark.parametrize("edits, ident", [
    # checkout leaves the token in .git/config
    ([(CHECKOUT_SAFE, "")], "artipacked"),
    # attacker-controlled commit message expanded into a shell script
    ([(f"run: {CHECK}", 'run: echo "${{ github.event.head_commit.message }}"')],
     "template-injection"),
    # a job that asks for everything
    ([("    permissions:\n      contents: read # checkout\n", "    permissions: write-all\n")],
     "excessive-permissions"),
    # no permissions block for the workflow or the test job: the token gets the repository's defaults
    ([("permissions: {}\n", ""), ("    permissions:\n      contents: read # checkout\n    steps:", "    steps:")],
     "excessive-permissions"),
    # a third-party action pinned by tag only (zizmor.yml allows that for actions/* alone)
    ([("uses: actions/configure-pages@v5", "uses: someone/configure-pages@v5")], "unpinned-uses"),
], ids=["persisted-credentials", "template-injection", "write-all", "default-permissions", "third-party-tag-pin"])
def test_zizmor_flags_a_bad_copy(tmp_path, edits, ident):
    """The audit can fail: each deliberately bad copy of the workflow gets the expected finding."""
    text = GITHUB.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"the workflow changed; update this test's edit {old!r}"
        text = text.replace(old, new, 1)
    bad = tmp_path / ".github" / "workflows" / "publish.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(text, encoding="utf-8")
    code, idents, output = zizmor(bad)
    assert code != 0 and ident in idents, output


def test_zizmor_config_allows_tag_pins_for_githubs_own_actions_only():
    policies = load(ZIZMOR_CONFIG)["rules"]["unpinned-uses"]["config"]["policies"]
    assert policies == {"actions/*": "ref-pin", "*": "hash-pin"}
    for job in github()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert step["uses"].startswith("actions/"), step["uses"]


# --- GitHub structure ----------------------------------------------------------------------

def test_github_runs_on_push_to_main_with_least_privilege():
    wf = github()
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads the bare key `on` as true
    assert on["push"]["branches"] == ["main"]
    assert set(on) <= {"push", "schedule", "workflow_dispatch"}
    assert wf["permissions"] in ({}, {"contents": "read"})
    assert wf["concurrency"]["group"] == "pages"
    jobs = wf["jobs"]
    assert set(jobs) == {"test", "build", "deploy"}
    assert jobs["test"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    for job in jobs.values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), f"expression in a shell script: {step}"


def daily(cron: str) -> bool:
    """A cron line that fires once a day: a fixed minute and hour, every day of every month."""
    minute, hour, *rest = cron.split()
    return (minute.isdigit() and int(minute) < 60 and hour.isdigit() and int(hour) < 24
            and rest == ["*", "*", "*"])


def test_daily_cron_check_can_fail():
    assert daily("17 4 * * *")
    assert not any(daily(c) for c in ("*/5 * * * *", "17 4 * * 1", "17 * * * *", "17 4 1 * *", "17 4 * *"))


def test_github_builds_and_publishes_every_day():
    """Deadlines and statuses follow today's date: the sites are rebuilt daily without a push."""
    wf = github()
    on = wf.get("on", wf.get(True))
    assert [daily(entry["cron"]) for entry in on["schedule"]] == [True]
    # A scheduled run is on the default branch, so the deploy job's condition lets it publish.
    assert wf["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    assert "if" not in wf["jobs"]["test"] and "if" not in wf["jobs"]["build"]


def test_github_tests_check_notes_and_builds_both_sites():
    jobs = github()["jobs"]
    assert CHECK in github_runs(jobs["test"]) and TEST in github_runs(jobs["test"])
    assert github_runs(jobs["build"]) == [PUBLIC_BUILD, INTERN_BUILD]
    steps = jobs["build"]["steps"]
    public = next(s for s in steps if s.get("run") == PUBLIC_BUILD)
    intern = next(s for s in steps if s.get("run") == INTERN_BUILD)
    assert public["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert "SITE_URL" not in intern.get("env", {}), "the staff site must not claim the public address"
    assert "SITE_URL" not in jobs["build"].get("env", {}) and "SITE_URL" not in github().get("env", {})


def test_github_restores_the_search_index_cache_before_building():
    steps = github()["jobs"]["build"]["steps"]
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    first_build = next(i for i, s in enumerate(steps) if s.get("run") == PUBLIC_BUILD)
    assert cache < first_build
    settings = steps[cache]["with"]
    assert norm(settings["path"]) == ".cache"
    assert "hashFiles('notes/**'" in settings["key"]
    prefix = settings["restore-keys"].strip()
    assert settings["key"].startswith(prefix) and prefix.endswith("-")


def test_github_pages_get_only_the_public_site():
    jobs = github()["jobs"]
    pages_uploads = [s for job in jobs.values() for s in job["steps"]
                     if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(pages_uploads) == 1 and norm(pages_uploads[0]["with"]["path"]) == "site"
    deploy = jobs["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "with" not in deploy["steps"][0], "deploy-pages must take the default github-pages artifact"
    # site-intern is named only where it is built and where it is kept privately.
    mentions = [s for job in jobs.values() for s in job["steps"] if "site-intern" in json.dumps(s)
                or "mkdocs.intern.yml" in json.dumps(s)]
    assert [s.get("run") or s["uses"].split("@")[0] for s in mentions] == [INTERN_BUILD, "actions/upload-artifact"]


def test_github_keeps_the_staff_site_as_a_private_short_lived_artifact():
    steps = github()["jobs"]["build"]["steps"]
    [keep] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert norm(keep["with"]["path"]) == "site-intern"
    assert "intern" in keep["with"]["name"] and keep["with"]["name"] != "github-pages"
    assert 1 <= keep["with"]["retention-days"] <= 7
    # A public repository's artifacts can be downloaded by anyone: keep it only when private.
    assert keep["if"].replace('"', "'") == "github.event.repository.visibility != 'public'"


# --- GitLab structure ----------------------------------------------------------------------

def test_gitlab_runs_on_the_default_branch_and_tests_before_building():
    ci = gitlab()
    assert ci["workflow"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'},
                                       {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert ci["stages"] == ["test", "build", "deploy"]
    assert ci["image"].startswith("python:3.11")
    jobs = gitlab_jobs()
    assert set(jobs) == {"test", "build", "build-intern", "pages"}
    runs = gitlab_runs(jobs["test"])
    assert CHECK in runs and TEST in runs and runs.index(CHECK) < runs.index(TEST)
    assert gitlab_runs(jobs["build"]) == [PUBLIC_BUILD]
    assert gitlab_runs(jobs["build-intern"]) == [INTERN_BUILD]
    assert jobs["build"]["needs"] == ["test"] and jobs["build-intern"]["needs"] == ["test"]
    assert jobs["build"]["variables"]["SITE_URL"] == "$CI_PAGES_URL"
    assert "SITE_URL" not in jobs["build-intern"].get("variables", {})
    assert "SITE_URL" not in ci.get("variables", {})


def test_gitlab_builds_on_the_schedule_and_publishes_it_from_the_default_branch():
    """The schedule itself is made in GitLab's UI (README); no job may leave scheduled pipelines out."""
    for name, job in gitlab_jobs().items():
        for rule in job.get("rules", []):
            assert "CI_PIPELINE_SOURCE" not in rule.get("if", ""), name
        assert "only" not in job and "except" not in job, name
    # A schedule on the default branch has CI_COMMIT_BRANCH set, so `pages` publishes it.
    assert gitlab_jobs()["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "Pipeline schedules" in readme


def test_gitlab_restores_the_search_index_cache():
    for name in ("build", "build-intern"):
        caches = gitlab_jobs()[name]["cache"]
        paths = [norm(p) for c in caches for p in c["paths"]]
        assert ".cache/kamervragen" in paths or ".cache" in paths, name


def test_gitlab_pages_publishes_only_the_public_site():
    jobs = gitlab_jobs()
    pages = jobs["pages"]
    assert pages["stage"] == "deploy"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["needs"] == ["build"], "pages must not even download the staff site"
    assert gitlab_runs(pages) == ["rm -rf public", "cp -r site public"]
    assert norm(jobs["build"]["artifacts"]["paths"][0]) == "site" and len(jobs["build"]["artifacts"]["paths"]) == 1
    for name, job in jobs.items():
        if name != "build-intern":
            assert "site-intern" not in json.dumps(job) and "mkdocs.intern.yml" not in json.dumps(job), name


def test_gitlab_keeps_the_staff_site_for_developers_only_and_lets_it_expire():
    artifacts = gitlab_jobs()["build-intern"]["artifacts"]
    assert [norm(p) for p in artifacts["paths"]] == ["site-intern"]
    assert artifacts["access"] in ("developer", "maintainer", "none")
    assert "public" not in artifacts  # the old keyword; `access` replaces it
    assert re.fullmatch(r"\d+ (hours?|days?|weeks?)", artifacts["expire_in"]), artifacts["expire_in"]


# --- the commands ---------------------------------------------------------------------------

def test_pipelines_run_only_the_readme_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in README_COMMANDS:
        assert command in readme, f"README no longer documents {command!r}"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^kamervragen = "kamervragen\.cli:main"$', pyproject, re.M)
    allowed = set(README_COMMANDS)
    for job in github()["jobs"].values():
        assert set(github_runs(job)) <= allowed, github_runs(job)
    for job in gitlab_jobs().values():
        assert set(gitlab_runs(job)) <= allowed | set(GITLAB_EXTRA), gitlab_runs(job)


def test_pipelines_install_only_from_the_lock():
    """Every pipeline command installs through scripts/setup.sh, and the pip caches follow the lock."""
    for script in ("test.sh", "site.sh", "kamervragen.sh"):
        text = (REPO / "scripts" / script).read_text(encoding="utf-8")
        assert re.search(r"^source .*setup\.sh\"?$", text, re.M), f"scripts/{script} must install via setup.sh"
    runs = [line for job in github()["jobs"].values() for line in github_runs(job)]
    runs += [line for job in gitlab_jobs().values() for line in gitlab_runs(job)]
    assert not [line for line in runs if re.search(r"\bpip\b", line)], "install Python packages only via setup.sh"
    setups = [s for job in github()["jobs"].values() for s in job["steps"]
              if s.get("uses", "").startswith("actions/setup-python@")]
    assert setups and all(s["with"]["cache-dependency-path"] == LOCK for s in setups)
    assert gitlab()[".pip-cache"]["key"]["files"] == [LOCK]


def test_dependabot_proposes_updates_for_the_lock_npm_and_actions():
    updates = load(DEPENDABOT)["updates"]
    assert {(u["package-ecosystem"], u["directory"]) for u in updates} == {
        ("pip", "/"), ("npm", "/"), ("github-actions", "/")}
    # Dependabot's pip ecosystem reads requirements*.txt files in its directory.
    assert (REPO / LOCK).is_file() and re.fullmatch(r"requirements.*\.txt", LOCK)
    assert (REPO / "package-lock.json").is_file()


def test_the_build_command_is_strict():
    site_sh = (REPO / "scripts" / "site.sh").read_text(encoding="utf-8")
    assert re.search(r"^\s*build\)\s*exec \.venv/bin/mkdocs build --strict ", site_sh, re.M), \
        "scripts/site.sh must build with --strict (the pipelines rely on it)"


def run_build(command: str, cwd: Path, out: Path, site_url: str | None) -> subprocess.CompletedProcess:
    """A pipeline's build command as it is written, run in `cwd` (a copy of the repository), output to `out`."""
    args = shlex.split(command)
    if args == ["bash", "scripts/site.sh"]:
        args.append("build")  # site.sh's default; mkdocs options may only follow it
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([*args, "-d", str(out)], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_the_public_build_command_builds_the_public_site(repo_copy, tmp_path):
    result = run_build(PUBLIC_BUILD, repo_copy, tmp_path / "site", "https://archief.example.org/")
    assert result.returncode == 0, result.stderr[-3000:]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "niet openbaar" not in index
    assert "Sitemap: https://archief.example.org/sitemap.xml" in (tmp_path / "site" / "robots.txt").read_text()
    assert (repo_copy / ".cache" / "kamervragen").is_dir(), "the build's term cache belongs beside its mkdocs.yml"


@pytest.mark.slow
def test_the_intern_build_command_builds_the_staff_site(repo_copy, tmp_path):
    result = run_build(INTERN_BUILD, repo_copy, tmp_path / "site-intern", None)
    assert result.returncode == 0, result.stderr[-3000:]
    index = (tmp_path / "site-intern" / "index.html").read_text(encoding="utf-8")
    assert "Intern — niet openbaar" in index and 'content="noindex' in index


def test_the_check_command_passes_on_the_notes(repo_copy):
    result = subprocess.run(shlex.split(CHECK), cwd=repo_copy, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
