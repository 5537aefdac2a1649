"""Web application throughput: requests per second and p50/p95 latency of the dashboard and an
indicator page, for a province with 400 indicators × 25 years of targets and actuals, on SQLite
and on PostgreSQL (started the way the tests start it), with concurrent clients on loopback.

    .venv/bin/python benchmarks/web.py [--indicators 400] [--years 25] [--clients 8] [--requests 200]

The server runs as a separate ``chitieu serve`` process (one uvicorn worker), so client and server
do not share an interpreter lock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chitieu.store import models  # noqa: E402
from chitieu.store.db import get_engine, session_scope  # noqa: E402
from chitieu.users import create_user  # noqa: E402

PASSWORD = "benchmark-password"
AGENCIES = ["Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Công Thương"]


def populate(url: str, indicators: int, years: int) -> None:
    """``indicators`` indicators, one resolution (targets) and one report (actuals) per year."""
    get_engine(url)
    first = 2026 - years
    with session_scope(url) as session:
        session.execute(insert(models.Indicator), [
            {"code": f"BM.{i:04d}", "name": f"Chỉ tiêu thử số {i}", "unit": "%", "agency": AGENCIES[i % len(AGENCIES)],
             "aliases": [], "confirmed": True, "direction": "up", "aggregation": "last"}
            for i in range(indicators)
        ])
        for year in range(first, first + years):
            for kind, verb in (("target", "phấn đấu đạt"), ("actual", "ước đạt")):
                lines, spans = [], []
                offset = 0
                for i in range(indicators):
                    line = f"Chỉ tiêu thử số {i} {verb} {50 + (i * 7 + year) % 50},{year % 10}%."
                    spans.append((offset, offset + len(line), line))
                    lines.append(line)
                    offset += len(line) + 1
                text = "\n".join(lines) + "\n"
                doc = models.Document(content_hash=f"{kind}-{year}".ljust(64, "0"), name=f"{kind}-{year}.txt", format="txt",
                                      doc_type="Nghị quyết" if kind == "target" else "Báo cáo", text=text,
                                      period_label=f"năm {year}", quality=1.0)
                session.add(doc)
                session.flush()
                session.execute(insert(models.Fact), [
                    {"document_id": doc.id, "kind": kind, "indicator": f"BM.{i:04d}", "label": f"Chỉ tiêu thử số {i}",
                     "value": 50 + (i * 7 + year) % 50 + (year % 10) / 10, "comparator": ">=" if kind == "target" else "=",
                     "unit": "%", "period_start": dt.date(year, 1, 1), "period_end": dt.date(year, 12, 31),
                     "period_label": f"năm {year}", "estimate": kind == "actual", "src_start": s, "src_end": e,
                     "src_text": t, "data": {}}
                    for i, (s, e, t) in enumerate(spans)
                ])
        create_user(session, "bench", PASSWORD, "planner")
    get_engine.cache_clear()


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CHITIEU_SECRET_KEY": "b" * 48}
    process = subprocess.Popen(
        [sys.executable, "-m", "chitieu.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--db", url],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def signed_in_client(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token.group(1)})
    assert client.get("/api/me").status_code == 200
    return client


def measure(base: str, path: str, clients: int, requests: int) -> dict[str, float]:
    sessions = [signed_in_client(base) for _ in range(clients)]
    t_cold = time.perf_counter()
    sessions[0].get(path)  # warm-up: the first view after a write evaluates (then the cache serves)
    cold = time.perf_counter() - t_cold
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_client = max(1, requests // clients)

    def worker(client: httpx.Client) -> None:
        nonlocal errors
        for _ in range(per_client):
            t0 = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                errors += response.status_code != 200

    threads = [threading.Thread(target=worker, args=(c,)) for c in sessions]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    for c in sessions:
        c.close()
    latencies.sort()
    return {"rps": len(latencies) / wall, "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))], "n": len(latencies), "errors": errors,
            "cold_ms": 1000 * cold}


def run(label: str, url: str, args: argparse.Namespace) -> None:
    from pg import free_port

    t0 = time.perf_counter()
    populate(url, args.indicators, args.years)
    print(f"[{label}] populated {args.indicators} indicators × {args.years} years "
          f"({2 * args.indicators * args.years} facts) in {time.perf_counter() - t0:.1f} s", flush=True)
    port = free_port()
    server = start_server(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        for name, path in (("dashboard", "/"), ("indicator page", "/indicators/BM.0007"), ("indicator API", "/api/indicators/BM.0007")):
            r = measure(base, path, args.clients, args.requests)
            print(f"[{label}] {name:15s} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms"
                  f"  ({r['n']:.0f} requests, {args.clients} clients, {r['errors']:.0f} errors; "
                  f"first view {r['cold_ms']:.0f} ms)", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=400)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="chitieu-bench-")))
        if args.only != "postgresql":
            run("SQLite", f"sqlite:///{tmp / 'bench.sqlite3'}", args)
        if args.only != "sqlite":
            from pg import fresh_postgres_database, running_postgres

            try:
                server = stack.enter_context(running_postgres())
            except BaseException as exc:  # pytest.skip outside pytest: no PostgreSQL binaries
                print(f"[PostgreSQL] skipped: {exc}")
                return
            run("PostgreSQL", stack.enter_context(fresh_postgres_database(server)), args)


if __name__ == "__main__":
    main()
