"""Load test: readers on a mix of public pages while an editor publishes a new revision halfway through.

    .venv/bin/python bench/load.py [--seconds 30] [--connections 64] [--workers N] [--database-url URL]
                                   [--cache-url redis://127.0.0.1:6379/14]

Builds a throw-away site with the demo data (migrate, collectstatic, import the seeds, build consensus,
demo_publish) in a temporary folder, starts gunicorn with the production settings on a free port of
127.0.0.1, and keeps ``--connections`` requests in flight for ``--seconds`` over the explainer page, a source
page, the matrix, the JSON and the feed. Halfway, a separate process publishes a new revision the way an
editor does (approve an entry, submit as the editor, publish as the chief editor, through
``claims.services.review`` and ``claims.services.publishing``). Right after that process returns, every page
type is fetched again to see whether the new revision is already what readers get.

Prints throughput, p50/p99 latency, non-2xx responses (and connection errors), per page and overall, and how
soon the new revision was visible. Asserts nothing; exits 1 only if the site could not be set up. All traffic
stays on the loopback interface. The load generator is ``wrk`` (Debian package ``wrk``) when it is installed,
driven by a small Lua script over the same mix, and otherwise one asyncio process (``--client python``, which
also gives per-page figures but spends much of the CPU itself). Either way it shares this machine's CPUs with
gunicorn: figures are for this machine, not a capacity plan.
"""
import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SLUG = "anora-ending"
TITLE = "The ending of Anora, explained"
HOST = "127.0.0.1"

# Share of requests per page type: readers mostly open the explainer, then its sources.
MIX = [("explainer", 40), ("source", 20), ("matrix", 15), ("json", 15), ("feed", 10)]

PUBLISH = """
import json, sys, time
from django.contrib.auth import get_user_model
from articles.models import Explainer
from claims.models import ConsensusEntry
from claims.services.publishing import explainer_publish, explainer_submit
from claims.services.review import entry_approve

explainer = Explainer.objects.get(slug={slug!r})
users = get_user_model().objects
editor, chief = users.get(username="editor"), users.get(username="chief")
entry = (ConsensusEntry.objects.filter(explainer=explainer, status=ConsensusEntry.Status.PROPOSED)
         .order_by("-support", "position").first())
if entry is None:
    raise SystemExit("no proposed entry left to approve")
print("ready", flush=True)
sys.stdin.readline()  # Django is loaded; publish when the load test says so
started = time.time()
entry_approve(entry=entry, user=editor, note="load test")
explainer_submit(explainer=explainer, user=editor, note="load test")
revision = explainer_publish(explainer=explainer, user=chief, note="load test")
print(json.dumps({{"number": revision.number, "published_at": revision.published_at.isoformat(),
                  "started": started, "returned": time.time()}}))
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True)


def prepare(env: dict, *, postgres: bool) -> None:
    steps = [
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["import_articles", "seeds", "--explainer", SLUG, "--title", TITLE],
        ["build_consensus", SLUG],
        ["demo_publish", SLUG, *(["--allow-any-database"] if postgres else [])],
    ]
    for args in steps:
        started = time.monotonic()
        result = manage(env, *args)
        if result.returncode != 0:
            raise SystemExit(f"{args[0]} failed:\n{result.stderr or result.stdout}")
        print(f"  {args[0]}: ok in {time.monotonic() - started:.1f} s")


# --- HTTP on loopback ----------------------------------------------------------------------------------------

@dataclass
class Sample:
    page: str
    started: float  # wall clock, comparable with the publisher process's
    latency_ms: float
    status: int  # 0 when the connection failed
    marker: str | None = None  # JSON: the revision number; explainer page: its modified time


MARKERS = {
    "json": re.compile(rb'"revision": \{\s*"number": (\d+)'),
    "explainer": re.compile(rb'article:modified_time" content="([^"]+)"'),
}


async def fetch(port: int, path: str, *, timeout: float = 30) -> tuple[int, bytes]:
    """One GET with ``Connection: close`` (gunicorn's sync workers close anyway); returns status and body."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head[9:12]), body


async def timed(port: int, page: str, path: str) -> Sample:
    started, clock = time.time(), time.perf_counter()
    try:
        status, body = await fetch(port, path)
    except (OSError, asyncio.TimeoutError, ValueError):
        status, body = 0, b""
    latency = (time.perf_counter() - clock) * 1000
    found = MARKERS[page].search(body) if page in MARKERS else None
    return Sample(page, started, latency, status, found.group(1).decode() if found else None)


def revision_shown(sample: Sample, stamps: dict[str, int]) -> int | None:
    """Which revision a JSON or explainer response showed: its number, or the revision its modified time names."""
    if sample.marker is None:
        return None
    return int(sample.marker) if sample.page == "json" else stamps.get(sample.marker)


async def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before answering")
        try:
            if (await fetch(port, "/healthz", timeout=2))[0] == 200:
                return
        except (OSError, asyncio.TimeoutError, ValueError):
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


# --- wrk as the load generator -------------------------------------------------------------------------------

WRK_SCRIPT = """
local threads = {}
paths = {PATHS}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0; turn = math.random(#paths) end
function request()
  turn = turn % #paths + 1
  return wrk.format("GET", paths[turn])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests, bad,
    e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


async def load_wrk(port: int, paths: dict[str, list[str]], *, seconds: float, connections: int, env: dict,
                   publisher) -> dict:
    """Run wrk over the weighted mix while ``publisher`` publishes halfway; return wrk's overall figures."""
    schedule = []
    for page, weight in MIX:
        options = paths[page]
        schedule += [options[n % len(options)] for n in range(weight)]
    lua = ", ".join(json.dumps(path) for path in schedule)
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT.replace("{PATHS}", "{" + lua + "}"))
    try:
        process = await asyncio.create_subprocess_exec(
            "wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds:.0f}s", "--timeout", "10s", "-s", str(script),
            f"http://{HOST}:{port}/", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        publish = {}
        out, _ = (await asyncio.gather(process.communicate(), publisher(publish)))[0]
    finally:
        script.unlink(missing_ok=True)
    line = next((l for l in out.decode().splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{out.decode()}")
    requests, non_2xx, errors, duration, p50, p99 = line.split()[1:]
    return {"requests": int(requests), "non_2xx": int(non_2xx), "errors": int(errors), "elapsed": float(duration),
            "p50": float(p50), "p99": float(p99), "publish": publish}


# --- the run -------------------------------------------------------------------------------------------------

async def load(port: int, paths: dict[str, list[str]], *, seconds: float, connections: int, env: dict) -> dict:
    """Keep ``connections`` requests in flight; publish halfway in another process; return samples and timings."""
    schedule = [page for page, weight in MIX for _ in range(weight)]
    samples: list[Sample] = []
    publish: dict = {}

    async def reader(number: int) -> None:
        turn = number
        while time.monotonic() < deadline:
            page = schedule[turn % len(schedule)]
            options = paths[page]
            path = options[(turn // len(schedule)) % len(options)]
            samples.append(await timed(port, page, path))
            turn += 7  # walk the schedule at different phases per connection

    publisher = await editor(port, paths, seconds=seconds, env=env)
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(publisher(publish), *(reader(n) for n in range(connections)))
    return {"samples": samples, "elapsed": time.monotonic() - started, "publish": publish}


async def editor(port: int, paths: dict[str, list[str]], *, seconds: float, env: dict):
    """Start the editor's process (Django loaded, waiting) and return a coroutine function that publishes halfway."""
    process = await asyncio.create_subprocess_exec(
        PYTHON, str(ROOT / "manage.py"), "shell", "-v0", "-c", PUBLISH.format(slug=SLUG), cwd=ROOT, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    if (await process.stdout.readline()).strip() != b"ready":
        raise SystemExit(f"the publishing process did not start: {(await process.stderr.read()).decode()[-500:]}")

    async def publisher(publish: dict) -> None:
        await asyncio.sleep(seconds / 2)
        process.stdin.write(b"go\n")
        out, err = await process.communicate()
        if process.returncode != 0:
            publish["error"] = err.decode().strip().splitlines()[-1:] or ["unknown error"]
            return
        publish.update(json.loads(out.decode().strip().splitlines()[-1]))
        # Straight after the editor's process returned: what do readers get now, from every worker?
        probes = [("json", paths["json"][0]), ("explainer", paths["explainer"][0])] * 8
        publish["probes"] = await asyncio.gather(*(timed(port, page, path) for page, path in probes))

    return publisher


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(result: dict, *, stamps: dict[str, int], old: int) -> None:
    samples, elapsed, publish = result["samples"], result["elapsed"], result["publish"]
    print(f"\n{'page':<12}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'conn err':>9}")
    for page in [name for name, _weight in MIX] + ["all"]:
        chosen = [s for s in samples if page in ("all", s.page)]
        latencies = [s.latency_ms for s in chosen]
        non_2xx = sum(1 for s in chosen if s.status and not 200 <= s.status < 300)
        failed = sum(1 for s in chosen if s.status == 0)
        print(f"{page:<12}{len(chosen):>10}{len(chosen) / elapsed:>9.0f}{percentile(latencies, 0.5):>9.1f}"
              f"{percentile(latencies, 0.99):>9.1f}{non_2xx:>9}{failed:>9}")
    statuses = sorted({s.status for s in samples if not 200 <= s.status < 300})
    if statuses:
        print(f"other statuses seen: {statuses} (0 = connection failed)")

    print()
    report_publish(publish, samples, stamps=stamps, old=old)


def report_publish(publish: dict, samples: list[Sample], *, stamps: dict[str, int], old: int) -> None:
    if "error" in publish:
        print(f"publishing FAILED: {publish['error']}")
        return
    if "number" not in publish:
        print("publishing did not finish within the run")
        return
    new = publish["number"]
    print(f"publisher: revision {old} → {new}; workflow calls took {publish['returned'] - publish['started']:.2f} s "
          f"(approve, submit, publish, in a separate process)")
    probes = publish["probes"]
    shown = [revision_shown(s, stamps) for s in probes]
    print(f"right after publishing returned: {shown.count(new)}/{len(probes)} probes (JSON and explainer page) "
          f"showed revision {new} → {'visible immediately' if shown.count(new) == len(probes) else 'NOT immediately visible'}")
    after = [s for s in samples if s.page in ("json", "explainer") and s.started >= publish["returned"]]
    stale = [s for s in after if revision_shown(s, stamps) != new]
    first_new = min((s.started for s in samples if revision_shown(s, stamps) == new), default=None)
    print(f"load requests to JSON/explainer started after publishing returned: {len(after)}, "
          f"showing an older revision: {len(stale)}")
    if first_new is not None:
        print(f"first load response showing revision {new} was requested {first_new - publish['returned']:+.3f} s "
              f"from publishing's return")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn sync workers")
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database to use instead of a temporary SQLite "
                                               "file (it is migrated and filled with the demo)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                        help="load generator: wrk when installed (auto), or the built-in asyncio client")
    parser.add_argument("--cache-url", help="redis://… for the shared cache (default: the production file cache)")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="anora-load-"))
    env = {key: value for key, value in os.environ.items() if key not in {"CACHE_URL", "DATABASE_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="anora_site.settings.prod",
        DATABASE_URL=options.database_url or f"sqlite:///{workdir / 'site.sqlite3'}",
        VAR_DIR=str(workdir),
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",  # plain http on loopback; HTTPS is the proxy's job
        PYTHONPATH=str(ROOT),
    )
    if options.cache_url:
        env["CACHE_URL"] = options.cache_url
    postgres = bool(options.database_url)
    cache = options.cache_url or "file cache in the temporary folder"
    print(f"Setting up the demo in {workdir} ({'PostgreSQL' if postgres else 'SQLite'}; cache: {cache})")
    prepare(env, postgres=postgres)

    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "anora_site.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", str(options.workers), "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        asyncio.run(run(port, server, options, env))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


async def run(port: int, server: subprocess.Popen, options, env: dict) -> None:
    await wait_until_up(port, server)
    status, body = await fetch(port, f"/explainers/{SLUG}.json")
    if status != 200:
        raise SystemExit(f"the explainer JSON answered {status}; nothing was published")
    document = json.loads(body)
    old = document["revision"]["number"]
    stamps = {}  # the explainer page's modified time → revision number
    first = await timed(port, "explainer", f"/explainers/{SLUG}/")
    if first.marker:
        stamps[first.marker] = old
    paths = {
        "explainer": [f"/explainers/{SLUG}/"],
        "source": [urlparse(source["page"]).path for source in document["sources"]],
        "matrix": [f"/explainers/{SLUG}/matrix/"],
        "json": [f"/explainers/{SLUG}.json"],
        "feed": ["/feed/"],
    }
    for page_paths in paths.values():  # every worker renders and caches each page once
        await asyncio.gather(*(fetch(port, path) for path in page_paths * options.workers * 2))

    print(f"\ngunicorn: {options.workers} sync workers on {HOST}:{port}; {options.connections} connections for "
          f"{options.seconds:.0f} s over {sum(len(p) for p in paths.values())} pages; {os.cpu_count()} CPUs shared "
          f"with the load generator; publishing at {options.seconds / 2:.0f} s")
    use_wrk = options.client == "wrk" or (options.client == "auto" and shutil.which("wrk"))
    if use_wrk:
        publisher = await editor(port, paths, seconds=options.seconds, env=env)
        result = await load_wrk(port, paths, seconds=options.seconds, connections=options.connections, env=env,
                                publisher=publisher)
        samples = []
    else:
        result = await load(port, paths, seconds=options.seconds, connections=options.connections, env=env)
        samples = result["samples"]
    if "published_at" in result["publish"]:
        published = result["publish"]["published_at"]
        for sample in samples + result["publish"].get("probes", []):
            if sample.page == "explainer" and sample.marker and _same_instant(sample.marker, published):
                stamps[sample.marker] = result["publish"]["number"]
    if use_wrk:
        print(f"\nload generator: wrk, 2 threads")
        print(f"{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'conn err':>9}")
        print(f"{result['requests']:>10}{result['requests'] / result['elapsed']:>9.0f}{result['p50']:>9.1f}"
              f"{result['p99']:>9.1f}{result['non_2xx']:>9}{result['errors']:>9}\n")
        report_publish(result["publish"], samples, stamps=stamps, old=old)
    else:
        report(result, stamps=stamps, old=old)


def _same_instant(a: str, b: str) -> bool:
    from datetime import datetime

    try:
        return datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except ValueError:
        return False


if __name__ == "__main__":
    main()
