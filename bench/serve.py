"""Serving benchmark: gunicorn on loopback with the demo data, driven by a load generator for a fixed time.

    .venv/bin/python bench/serve.py [--seconds 5] [--rounds 3] [--connections 8] [--workers N] [--settings prod]

Sets up a throw-away SQLite database in a temporary directory (migrate, collectstatic, import the seeds, build
consensus and publish the demo when those commands exist; otherwise it stores a revision directly), starts
gunicorn on a free port of 127.0.0.1, and measures requests per second and p50/p99 latency for the explainer
page, its JSON, a static file served by WhiteNoise and the trivial /healthz view, one after the other in the
same run. Uses ``wrk`` when installed, else a small multi-process HTTP client. It prints figures; it asserts
nothing. Target: the explainer page at least half the trivial view's throughput.
"""
import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SLUG = "anora-ending"
TITLE = "The ending of Anora, explained"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True
    )


def command_exists(env: dict, name: str) -> bool:
    return manage(env, "help", name, check=False).returncode == 0


STORE_REVISION = """
from django.utils import timezone
from articles.models import Explainer
from claims.models import Revision
explainer = Explainer.objects.get(slug={slug!r})
if not Revision.objects.filter(explainer=explainer).exists():
    articles = list(explainer.articles.order_by("origin"))
    sources = [{{"id": a.id, "number": n, "origin": a.origin, "title": a.title, "publisher": a.publisher,
                "author": a.author, "url": a.url, "published": None, "name": a.display_name, "body": a.body}}
               for n, a in enumerate(articles, 1)]
    entries = []
    for n, a in enumerate(articles, 1):
        sentence = a.body.split(".")[0]
        entries.append({{"id": n, "statement": sentence, "statement_html": "<p>" + sentence + "</p>", "kind": "plot",
                        "support": 1, "citations": [{{"number": n, "source": a.id, "claim": n, "start": 0,
                        "end": len(sentence), "text": sentence, "sentence_start": 0, "sentence_end": len(sentence)}}]}})
    content = {{"schema": 1, "slug": explainer.slug, "title": explainer.title, "introduction_html": "",
               "spoilers": True, "source_count": len(sources), "sources": sources,
               "sections": [{{"title": "What happens", "entries": entries}}], "conflicts": []}}
    Revision.objects.create(explainer=explainer, number=1, title=explainer.title, content=content,
                            published_at=timezone.now())
"""


def prepare(env: dict) -> None:
    steps = [
        ("migrate", ["migrate", "--noinput"]),
        ("collectstatic", ["collectstatic", "--noinput", "--verbosity", "0"]),
        ("import_articles", ["import_articles", "seeds", "--explainer", SLUG, "--title", TITLE]),
        ("build_consensus", ["build_consensus", SLUG]),
        ("demo_publish", ["demo_publish", SLUG]),
    ]
    for name, args in steps:
        if not command_exists(env, name):
            print(f"  {name}: command not available, skipped")
            continue
        started = time.monotonic()
        result = manage(env, *args, check=False)
        status = "ok" if result.returncode == 0 else f"failed ({result.stderr.strip().splitlines()[-1:]})"
        print(f"  {name}: {status} in {time.monotonic() - started:.1f} s")
    manage(env, "shell", "-c", STORE_REVISION.format(slug=SLUG))


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited before answering")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


# --- load generation ---------------------------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * UNITS[unit]


def run_wrk(port: int, path: str, seconds: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}{path}"],
        check=True, capture_output=True, text=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, flags=re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in socket_errors.groups()[0:1] + socket_errors.groups()[2:]) if socket_errors else 0
    )
    return {
        "requests": requests,
        "errors": errors,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
    }


def _client(args: tuple) -> tuple[list[float], int]:
    port, path, seconds, max_requests = args
    latencies, errors = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(latencies) < max_requests:
        started = time.perf_counter()
        try:
            status, _body = get(port, path)
            if status != 200:
                errors += 1
        except OSError:
            errors += 1
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, errors


def run_python(port: int, path: str, seconds: int, connections: int, max_requests: int = 200_000) -> dict:
    started = time.monotonic()
    with multiprocessing.Pool(connections) as pool:
        results = pool.map(_client, [(port, path, seconds, max_requests // connections)] * connections)
    elapsed = time.monotonic() - started
    latencies = sorted(latency for batch, _errors in results for latency in batch)
    return {
        "requests": len(latencies),
        "errors": sum(errors for _batch, errors in results),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p99": latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="how long each target is driven per round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all targets; medians are printed (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers")
    parser.add_argument("--settings", default="prod", choices=["prod", "dev"], help="Django settings module")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    options = parser.parse_args()
    use_wrk = options.client == "wrk" or (options.client == "auto" and shutil.which("wrk"))

    workdir = Path(tempfile.mkdtemp(prefix="anora-bench-"))
    env = {
        key: value for key, value in os.environ.items() if key not in {"CACHE_URL", "DATABASE_URL", "DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=f"anora_site.settings.{options.settings}",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        VAR_DIR=str(workdir),
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        PYTHONPATH=str(ROOT),
    )
    print(f"Setting up demo data in {workdir} (settings: {options.settings})")
    prepare(env)

    port = free_port()
    gunicorn = Path(PYTHON).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "anora_site.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(options.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        wait_until_up(port, server)
        status, page = get(port, f"/explainers/{SLUG}/")
        if status != 200:
            raise SystemExit(f"the explainer page answered {status}; nothing was published")
        stylesheet = re.search(rb'<link rel="stylesheet" href="([^"]+)"', page).group(1).decode()
        targets = [
            ("explainer page", f"/explainers/{SLUG}/"),
            ("explainer JSON", f"/explainers/{SLUG}.json"),
            ("static file (WhiteNoise)", stylesheet),
            ("trivial view /healthz", "/healthz"),
        ]
        run = run_wrk if use_wrk else run_python
        for _name, path in targets:  # warm every worker's caches, and the machine, before measuring
            run(port, path, 2, options.connections)
        client = "wrk" if use_wrk else "python multiprocess client"
        print(f"\ngunicorn: {options.workers} sync workers on 127.0.0.1:{port}; load: {client}, "
              f"{options.connections} connections, {options.rounds} rounds of {options.seconds} s per target, "
              f"targets interleaved; {os.cpu_count()} CPUs shared by server and load generator\n")
        rounds: dict[str, list[dict]] = {name: [] for name, _path in targets}
        for _round in range(options.rounds):
            for name, path in targets:
                rounds[name].append(run(port, path, options.seconds, options.connections))
        print(f"{'target (median of rounds)':<28}{'requests':>10}{'errors':>8}{'req/s':>10}{'p50 ms':>9}"
              f"{'p99 ms':>9}{'bytes':>8}   req/s per round")
        results = {}
        for name, path in targets:
            runs = rounds[name]
            result = {key: statistics.median(run_[key] for run_ in runs) for key in ("rps", "p50", "p99")}
            result["requests"] = sum(run_["requests"] for run_ in runs)
            result["errors"] = sum(run_["errors"] for run_ in runs)
            results[name] = result
            size = len(get(port, path)[1])
            per_round = " ".join(f"{run_['rps']:.0f}" for run_ in runs)
            print(f"{name:<28}{result['requests']:>10}{result['errors']:>8}{result['rps']:>10.0f}"
                  f"{result['p50']:>9.2f}{result['p99']:>9.2f}{size:>8}   {per_round}")
        ratio = results["explainer page"]["rps"] / results["trivial view /healthz"]["rps"]
        verdict = "met" if ratio >= 0.5 else "NOT met"
        print(f"\nexplainer page / trivial view throughput: {ratio:.2f} (target ≥ 0.50: {verdict})")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
