"""Scrapyd: a real server on 127.0.0.1 gets the project from `scrapyd-deploy` and runs a crawl."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

import pytest

from newsarchive.sample_site import article_paths
from tests.utils import FAST_SETTINGS, REPO_ROOT, sqlite_uri

# What an egg is built from: the project, without caches or build output.
PROJECT_FILES = ("scrapy.cfg", "pyproject.toml", "setup.py", "README.md", "newsarchive")

SCRAPYD_CONF = """\
[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {root}/eggs
logs_dir = {root}/logs
dbs_dir = {root}/dbs
items_dir =
max_proc = 2
# Pending jobs are picked up every poll; the default (5 s) only slows the test.
poll_interval = 0.2
"""


# The end of the lock's refusal message, and what the deployed copy adds to it.
EXITING = "exiting without crawling"
DEPLOYED_MARK = "(deployed egg)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def api(base_url: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    """A Scrapyd API call: GET without ``data``, POST with it."""
    body = urlencode(data).encode() if data is not None else None
    with urlopen(f"{base_url}/{endpoint}", body, timeout=10) as response:
        answer = json.load(response)
    assert answer.get("status") == "ok", answer
    return answer


def console_script(name: str) -> str:
    """A command installed beside this Python (the test may run without PATH set up)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed (pip install -e '.[scrapyd]')"
    return found


class Scrapyd:
    """A running Scrapyd and where it keeps eggs and job logs."""

    def __init__(self, root: Path, process: subprocess.Popen, base_url: str):
        self.root = root
        self.process = process
        self.base_url = base_url

    def log(self) -> str:
        return (self.root / "scrapyd.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory) -> Iterator[Scrapyd]:
    root = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    (root / "scrapyd.conf").write_text(SCRAPYD_CONF.format(port=port, root=root))
    with (root / "scrapyd.log").open("w") as output:
        # Started in its own directory: it reads scrapyd.conf from there, and its
        # jobs run there, away from the project checkout.
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"],
            cwd=root,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Scrapyd(root, process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                api(server.base_url, "daemonstatus.json")
                break
            except (URLError, ConnectionError):
                assert process.poll() is None, server.log()
                assert time.monotonic() < deadline, "Scrapyd did not answer:\n" + server.log()
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def deployed(scrapyd, tmp_path_factory) -> Path:
    """Deploy the project with `scrapyd-deploy`; returns the egg Scrapyd stored."""
    # Built from a copy: setup.py bdist_egg leaves build/ and *.egg-info behind.
    project = tmp_path_factory.mktemp("project")
    for name in PROJECT_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    # A mark that only the deployed code carries: jobs must run the egg, not the checkout.
    lock = project / "newsarchive" / "extensions" / "lock.py"
    lock.write_text(lock.read_text().replace(EXITING, f"{EXITING} {DEPLOYED_MARK}"))
    with (project / "scrapy.cfg").open("a") as config:
        config.write(f"\n[deploy:test]\nurl = {scrapyd.base_url}/\n")
    process = subprocess.run(
        [console_script("scrapyd-deploy"), "test", "--version", "1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert json.loads(process.stdout)["status"] == "ok", process.stdout
    assert api(scrapyd.base_url, "listprojects.json")["projects"] == ["newsarchive"]
    [egg] = (scrapyd.root / "eggs" / "newsarchive").glob("*.egg")
    return egg


def test_the_egg_holds_the_project_and_its_sample_site(scrapyd, deployed):
    with zipfile.ZipFile(deployed) as egg:
        names = set(egg.namelist())
        entry_points = egg.read("EGG-INFO/entry_points.txt").decode()
    assert "settings = newsarchive.settings" in entry_points
    assert "newsarchive/settings.py" in names
    assert "newsarchive/sample_site/site/robots.txt" in names
    for path in article_paths(include_private=True):
        assert f"newsarchive/sample_site/site{path}index.html" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)
    spiders = api(scrapyd.base_url, "listspiders.json?project=newsarchive")["spiders"]
    assert {"feeds", "site", "sitemap", "sources", "urls"} <= set(spiders)


def serve_sample_site_from(egg: Path) -> tuple[subprocess.Popen, str]:
    """`python -m newsarchive.sample_site.server` run from the zipped egg alone."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.sample_site.server", "--port", "0"],
        # The egg comes before the editable checkout on sys.path.
        env={**os.environ, "PYTHONPATH": str(egg)},
        cwd=egg.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("Serving "), line + process.stderr.read()
    # Not a directory inside the checkout: the package data, copied out of the zip.
    assert "newsarchive-sample-site-" in line, line
    return process, line.rsplit(" at ", 1)[1].split("/ ", 1)[0]


def test_a_scheduled_crawl_archives_the_site(scrapyd, deployed, tmp_path):
    site, base_url = serve_sample_site_from(deployed)
    try:
        archive = tmp_path / "archive.sqlite3"
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "harbour-gazette"\nstart_urls = ["{base_url}/"]\n')
        settings = {**FAST_SETTINGS, "ARCHIVE_URI": sqlite_uri(archive)}
        schedule = [
            ("project", "newsarchive"),
            ("spider", "sources"),
            ("sources", str(sources)),
            *(("setting", f"{name}={value}") for name, value in settings.items()),
        ]
        # The same crawl twice, as an impatient cron would: they start together and
        # only one of them may crawl the source.
        jobs = [api(scrapyd.base_url, "schedule.json", schedule)["jobid"] for _ in range(2)]
        deadline = time.monotonic() + 90
        while True:
            listed = api(scrapyd.base_url, "listjobs.json?project=newsarchive")
            if {job["id"] for job in listed["finished"]} >= set(jobs):
                break
            assert time.monotonic() < deadline, (listed, scrapyd.log())
            time.sleep(0.2)
    finally:
        # Ctrl+C: the server removes its copy of the site as it stops.
        site.send_signal(signal.SIGINT)
        site.communicate(timeout=10)
    logs = {
        job: (scrapyd.root / "logs" / "newsarchive" / "sources" / f"{job}.log").read_text()
        for job in jobs
    }
    [crawled] = [job for job, log in logs.items() if "Spider closed (finished)" in log]
    [gave_way] = [job for job in jobs if job != crawled]
    log = logs[crawled]
    assert "Traceback" not in log, log[-5000:]
    assert "Crawling 1 sources from" in log
    assert "Holding the locks of sources harbour-gazette" in log
    assert "Another newsarchive run holds source 'harbour-gazette' (pid " in logs[gave_way]
    assert "Spider opened" not in logs[gave_way]
    # Jobs run the deployed egg's code, not the checkout's.
    assert f"{EXITING} {DEPLOYED_MARK}" in logs[gave_way]
    # Scrapyd's own log: how each process ended.
    server_log = scrapyd.log()
    assert f"Process finished: project='newsarchive' spider='sources' job='{crawled}'" in (
        server_log
    ), server_log[-3000:]
    assert (
        f"Process died: exitstatus=1 project='newsarchive' spider='sources' job='{gave_way}'"
        in server_log
    ), server_log[-3000:]
    db = sqlite3.connect(archive)
    try:
        urls = [url for (url,) in db.execute("SELECT url FROM articles")]
    finally:
        db.close()
    # The same articles as `scrapy crawl site` of the sample site (tests/test_spider_site.py).
    assert sorted(urlsplit(url).path for url in urls) == sorted(article_paths())
