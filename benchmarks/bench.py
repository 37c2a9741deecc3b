"""The benchmark of issue 7: imports, snapshot, pages and the browser at growing sizes, each
against the floor SQLite itself sets on the same machine in the same run; writes RESULTS.md.

    python benchmarks/bench.py                        # 10k, 100k and 1M attendance rows (make bench)
    python benchmarks/bench.py --sizes 2000 --use-cases 50 --no-browser --out /tmp/R.md

Every measured step runs in a child process of its own (``bench.py step NAME ARGS``), so its
peak memory is its own (VmHWM) and no step warms another's caches. The imports are the
public ones (``funnel.imports.import_participants`` / ``import_use_cases``), so the benchmark
measures whatever the import becomes. The indexes of ``funnel.metrics.INDEXES`` are created
before the import, as the migration that adds them will.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
ANALYSIS = HERE / "analysis.md"
PASSWORDS = {"leider": "leider-bench", "coach": "coach-bench", "stuur": "stuur-bench"}
ROLES = {"leider": "programme_leader", "coach": "coach", "stuur": "steering"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]  # fmt: skip
READY = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)

# --- the steps (each in a child process) -----------------------------------------------------------


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the
    peak of the process before exec, here the driver's."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def step_import(args: dict[str, Any]) -> dict[str, Any]:
    from funnel.boot import load_sqlite_utils

    load_sqlite_utils()  # as python -m funnel import does
    from funnel import db as storage
    from funnel import imports, metrics

    db = storage.connect(args["db"])
    metrics.ensure_indexes(db)
    importer = imports.IMPORTERS[args["kind"]]
    cpu = time.process_time()
    seconds, report = _timed(lambda: importer(db, args["file"], dry_run=args.get("dry_run", False)))
    cpu = time.process_time() - cpu
    counts = {entity: dict(c) for entity, c in report.counts.items()}
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rows": report.rows_read,
        "errors": len(report.errors),
        "committed": bool(report.committed),
        "counts": counts,
        "peak_mb": _peak_mb(),
    }


def step_snapshot(args: dict[str, Any]) -> dict[str, Any]:
    from funnel.boot import load_sqlite_utils

    load_sqlite_utils()  # as python -m funnel snapshot does
    from funnel import db as storage
    from funnel import metrics

    db = storage.connect(args["db"])
    module: Any = metrics
    if args.get("before"):
        from tests.unit import reference_metrics as module  # the Python rules before issue 7
    result: dict[str, Any] = {}
    for year in args["years"]:
        # the first call pays for reading the pages from disk; the second is the steady state
        first, snap = _timed(lambda year=year: module.snapshot(db, year))
        cpu = time.process_time()
        again, _ = _timed(lambda year=year: module.snapshot(db, year))
        result[str(year)] = {
            "first": first,
            "again": again,
            "cpu": time.process_time() - cpu,
            "companies": snap["unique_companies"],
            "persons": snap["unique_persons"],
        }
    result["peak_mb"] = _peak_mb()
    return result


def step_pages(args: dict[str, Any]) -> dict[str, Any]:
    os.environ["FUNNEL_DB"] = args["db"]
    from streamlit.testing.v1 import AppTest

    from funnel.models import Role
    from ui.navigation import PAGES

    user_of = {Role.PROGRAMME_LEADER: "leider", Role.COACH: "coach", Role.STEERING: "stuur"}
    only = set(args.get("pages") or [])
    found: dict[str, Any] = {}
    skip_duplicates = bool(_too_big(args["db"], found, "duplicates"))
    for role, pages in PAGES.items():
        username = user_of[role]
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
        at.run()
        inputs = {ti.label: ti for ti in at.text_input}
        inputs["Gebruikersnaam"].input(username)
        inputs["Wachtwoord"].input(PASSWORDS[username])
        button = next(b for b in at.button if b.label == "Inloggen")
        # CPU time of the process: the script runs in AppTest's thread, the main one waits
        cpu = time.process_time()
        seconds, _ = _timed(lambda button=button: button.click().run())
        found[f"{role.value} sign-in"] = {
            "first": seconds, "again": None, "error": _error(at),
            "cpu_first": time.process_time() - cpu, "cpu_again": None,
        }  # fmt: skip
        for path, *_ in pages:
            name = Path(path).stem
            if only and name not in only:
                continue
            if name == "duplicates" and skip_duplicates:
                continue
            cpu = time.process_time()
            first, _ = _timed(lambda at=at, path=path: at.switch_page(path).run())
            cpu_first = time.process_time() - cpu
            error = _error(at)
            cpu = time.process_time()
            again, _ = _timed(lambda at=at: at.run())
            found[f"{role.value} {name}"] = {
                "first": first, "again": again, "error": error,
                "cpu_first": cpu_first, "cpu_again": time.process_time() - cpu,
            }  # fmt: skip
    found["peak_mb"] = _peak_mb()
    return found


#: Organisations above which the duplicates page is left out. It was 20 000: the merge proposals
#: compared every pair that shares a name word (over 15 GB at 64k organisations), then the
#: evidence was built for all 52 000 proposals (half a minute of CPU). Now the page builds the
#: evidence of the 25 it shows and runs only the open tab: about 5.5 s of CPU on its first visit
#: at 1M rows (64k organisations), 0.4 s on a rerun; so the benchmark measures it at every size.
DUPLICATES_LIMIT = 1_000_000


def _too_big(db_path: str, found: dict[str, Any], *titles: str) -> set[str]:
    conn = sqlite3.connect(db_path)
    count = conn.execute("SELECT COUNT(*) FROM organisations").fetchone()[0]
    conn.close()
    if count <= DUPLICATES_LIMIT:
        return set()
    found.setdefault("errors", []).append(
        f"{', '.join(titles)}: left out at {count} organisations (over {DUPLICATES_LIMIT})"
    )
    return set(titles)


def _error(at: Any) -> str | None:
    if at.exception:
        return str(at.exception[0].value)[:200]
    return None


def step_browser(args: dict[str, Any]) -> dict[str, Any]:
    """Sign-in to a settled first page and every page change, in Debian's chromium."""
    from playwright.sync_api import sync_playwright

    env = {
        **os.environ,
        "FUNNEL_DB": args["db"],
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(Path(args["db"]).with_suffix(".server.log"), "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
            "--server.headless", "true", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.fileWatcherType", "none",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    found: dict[str, Any] = {}
    skipped = _too_big(args["db"], found, "Dubbelen samenvoegen")
    try:
        _wait_healthy(url)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            seen: set[str] = set()
            for username in args["users"]:
                # the first visit of a page after the server started also imports its modules
                label = f"{username} ({'again' if username in seen else 'first visit'})"
                seen.add(username)
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(300_000)
                page.goto(url)
                page.wait_for_selector(READY)
                page.get_by_label("Gebruikersnaam").fill(username)
                page.get_by_label("Wachtwoord").fill(args["passwords"][username])
                found[f"{label} sign-in"] = _click_to_settled(
                    page, page.get_by_role("button", name="Inloggen")
                )
                page.get_by_role("button", name="Uitloggen").wait_for()
                links = page.locator(
                    '[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]'
                )
                titles = [t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()]
                pages = args.get("pages")  # at most this many (a smoke run), the first last
                chosen = titles[1:pages] if pages else titles[1:]
                for title in chosen + titles[:1]:
                    if title in skipped:
                        found[f"{label} -> {title}"] = None
                        continue
                    link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
                    try:
                        found[f"{label} -> {title}"] = _click_to_settled(page, link)
                    except Exception as error:  # one page that does not settle: note it, go on
                        found[f"{label} -> {title}"] = None
                        found.setdefault("errors", []).append(f"{label} -> {title}: {error}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return found


#: Records, in the page, when the click happened and when the script last went from running
#: to notRunning after it.
_OBSERVE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__benchObs) window.__benchObs.disconnect();
  window.__bench = {click: null, settled: null, ran: false};
  document.addEventListener('click', () => {
    if (window.__bench.click === null) window.__bench.click = performance.now();
  }, {capture: true, once: true});
  const obs = new MutationObserver((records) => {
    // a quick run can go running -> notRunning within one batch of records: read the old values
    for (const r of records) if (r.oldValue === 'running') window.__bench.ran = true;
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') window.__bench.ran = true;
    else if (state === 'notRunning' && window.__bench.ran) window.__bench.settled = performance.now();
  });
  obs.observe(app, {attributes: true, attributeOldValue: true,
                    attributeFilter: ['data-test-script-state']});
  window.__benchObs = obs;
}"""


def _click_to_settled(page: Any, target: Any, quiet_ms: int = 800) -> float:
    """Seconds from the click to the last rerun's end (no new run for ``quiet_ms``)."""
    page.evaluate(_OBSERVE)
    target.click()
    page.wait_for_function("() => window.__bench.settled !== null", timeout=120_000)
    while True:
        settled = page.evaluate("() => window.__bench.settled")
        page.wait_for_timeout(quiet_ms)
        state = page.evaluate(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            ".getAttribute('data-test-script-state')"
        )
        if state == "notRunning" and page.evaluate("() => window.__bench.settled") == settled:
            break
    click = page.evaluate("() => window.__bench.click")
    return (settled - click) / 1000


def _wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy")


STEPS = {"import": step_import, "snapshot": step_snapshot, "pages": step_pages,
         "browser": step_browser}  # fmt: skip


def run_step(name: str, timeout: float, **args: Any) -> dict[str, Any]:
    """Run one step in a child process; its JSON result (or an error)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, __file__, "step", name, json.dumps(args)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


# --- the floor: SQLite alone -----------------------------------------------------------------------


def sqlite_shell() -> str:
    found = shutil.which("sqlite3")
    if not found:
        raise SystemExit("the sqlite3 shell is missing: apt-get install sqlite3")
    return found


def floor_import(csv_path: Path, bare: Path, table: str) -> tuple[float, float]:
    """The sqlite3 shell's ``.import`` of the CSV into a bare table (no types, no indexes):
    (wall seconds, CPU seconds)."""
    script = f'.mode csv\n.separator ";"\n.import "{csv_path}" {table}\n'
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sqlite_shell(), str(bare)], input=script, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


#: One COUNT(DISTINCT ...) per KPI over the bare tables (what a snapshot could cost at least).
FLOOR_QUERIES = [
    'SELECT COUNT(DISTINCT "Kenmerk") FROM use_cases WHERE "Gesignaleerd" <> \'\'',
    'SELECT COUNT(DISTINCT "Kenmerk") FROM use_cases WHERE "Intake" <> \'\'',
    'SELECT COUNT(DISTINCT "Kenmerk") FROM use_cases WHERE "Uitvoering" <> \'\'',
    'SELECT COUNT(DISTINCT "Kenmerk") FROM use_cases WHERE "Gerealiseerd" <> \'\'',
    'SELECT COUNT(DISTINCT "Kenmerk") FROM use_cases WHERE "Afgevallen" <> \'\'',
    'SELECT COUNT(DISTINCT "Organisatie") FROM attendance',
    'SELECT COUNT(DISTINCT lower("E-mail")) FROM attendance',
    'SELECT COUNT(DISTINCT "Organisatie") FROM attendance WHERE "Type organisatie" IN '
    "('hbo', 'mbo', 'ROC', 'Hogeschool', 'vmbo', 'universiteit', 'school', 'kennisinstelling')",
    'SELECT COUNT(DISTINCT "Organisatie") FROM attendance WHERE "Type organisatie" = \'\'',
]


def floor_counts(bare: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the floor's queries, the second time (pages read)."""
    conn = sqlite3.connect(bare)
    for sql in FLOOR_QUERIES:  # read the pages once, as the snapshot's second run has them
        conn.execute(sql).fetchall()
    cpu = time.process_time()
    start = time.perf_counter()
    for sql in FLOOR_QUERIES:
        conn.execute(sql).fetchall()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    conn.close()
    return seconds, cpu


# --- the CLI start -------------------------------------------------------------------------------


def first_output(args: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``python -m funnel ARGS`` to its first byte on stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "funnel", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.read(1)
    seconds = time.perf_counter() - start
    proc.stdout.read()
    proc.wait()
    return seconds


def best_of(n: int, fn: Callable[[], float]) -> tuple[float, float]:
    """(best, median) of ``n`` runs: the best shows the cost, the median the busy machine."""
    values = sorted(fn() for _ in range(n))
    return values[0], values[len(values) // 2]


# --- the driver ----------------------------------------------------------------------------------


def make_accounts(db_path: Path) -> None:
    from funnel import auth
    from funnel import db as storage

    db = storage.connect(db_path)
    for username, role in ROLES.items():
        auth.create_user(db, username, PASSWORDS[username], role, display_name=username.title())
    db.conn.close()


def measure_size(
    result: dict[str, Any],
    rows: int,
    use_cases: int,
    work: Path,
    options: argparse.Namespace,
    log: Callable[[str], None],
) -> None:
    """Fill ``result`` step by step (``log`` is called after each, and saves what there is)."""
    from funnel import synthetic

    today = dt.date.today()
    folder = work / f"n{rows}"
    folder.mkdir()
    generator = synthetic.Generator(synthetic.Sizes.rows(rows, use_cases), today)
    participants = folder / "participants.csv"
    cases = folder / "use-cases.csv"
    seconds, count = _timed(lambda: synthetic.write_participants_csv(generator, participants))
    synthetic.write_csv(cases, synthetic.USE_CASE_HEADERS, generator.use_case_rows())
    log(f"{rows} rows: files written in {seconds:.1f} s ({participants.stat().st_size >> 20} MB)")
    result.update(rows=count, use_cases=use_cases)
    bare = folder / "bare.db"
    result["floor_import"], result["floor_import_cpu"] = floor_import(
        participants, bare, "attendance"
    )
    floor_import(cases, bare, "use_cases")
    result["floor_counts"], result["floor_counts_cpu"] = floor_counts(bare)
    db = folder / "funnel.db"
    make_accounts(db)
    limit = options.step_timeout
    result["import_use_cases"] = run_step(
        "import", limit, db=str(db), file=str(cases), kind="use-cases"
    )
    log(f"  use cases imported: {_brief(result['import_use_cases'])}")
    result["import"] = run_step(
        "import", limit, db=str(db), file=str(participants), kind="participants"
    )
    log(f"  participants imported: {_brief(result['import'])}")
    conn = sqlite3.connect(db)
    result["stored"] = {
        table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("attendance", "activities", "organisations", "persons", "use_cases",
                      "stage_events", "intakes")
    }  # fmt: skip
    conn.close()
    years = [today.year - 1, today.year]
    result["snapshot"] = run_step("snapshot", limit, db=str(db), years=years)
    log(f"  snapshot: {_brief(result['snapshot'])}")
    if options.before:
        result["snapshot_before"] = run_step(
            "snapshot", limit, db=str(db), years=years, before=True
        )
        log(f"  snapshot (Python rules, before): {_brief(result['snapshot_before'])}")
    env = {**os.environ, "FUNNEL_DB": str(db), "FUNNEL_LANG": "en"}
    result["cli_snapshot"] = best_of(
        5, lambda: first_output(["snapshot", "--year", str(years[0]), "--format", "json"], env)
    )
    if not options.no_pages:
        result["pages"] = run_step("pages", limit * 2, db=str(db), pages=options.pages)
        log(f"  pages: {_brief(result['pages'])}")
    if not options.no_browser and rows in options.browser_sizes:
        result["browser"] = run_step(
            "browser",
            limit * 2,
            db=str(db),
            users=["leider", "leider"],
            passwords=PASSWORDS,
            pages=options.browser_pages,
        )
        log(f"  browser: {_brief(result['browser'])}")
    # last: on a busy machine the two slowest steps, after the numbers the others depend on
    result["reimport"] = run_step(
        "import", limit, db=str(db), file=str(participants), kind="participants"
    )
    log(f"  re-import: {_brief(result['reimport'])}")
    result["dry_run"] = run_step(
        "import", limit, db=str(db), file=str(participants), kind="participants", dry_run=True
    )
    log(f"  dry run: {_brief(result['dry_run'])}")
    if not options.keep:
        for path in (participants, bare):
            path.unlink()


def measure_demo(work: Path, log: Callable[[str], None], timeout: float) -> dict[str, Any]:
    """The browser on the demo database (``python -m funnel demo``)."""
    from funnel.demo import DEMO_ACCOUNTS

    db = work / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "funnel", "--db", str(db), "demo"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    passwords = {name: pw for name, _role, _display, pw in DEMO_ACCOUNTS}
    found = run_step(
        "browser",
        timeout,
        db=str(db),
        users=["leider", "leider", "stuurgroep", "stuurgroep"],
        passwords=passwords,
    )
    log(f"demo browser: {_brief(found)}")
    return found


def _brief(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"ERROR {result['error']}"
    text = json.dumps(result)
    return text if len(text) < 300 else text[:300] + " ..."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--use-cases", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="Also write the raw numbers here.")
    parser.add_argument("--work", type=Path, default=None, help="Keep the databases here.")
    parser.add_argument("--keep", action="store_true", help="Keep the CSV files and bare tables.")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--pages", nargs="*", default=None, help="Only these page files' stems.")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--browser-sizes", type=int, nargs="*", default=[1_000_000])
    parser.add_argument(
        "--browser-pages", type=int, default=None, help="Visit at most this many pages a user."
    )
    parser.add_argument("--before", action="store_true", help="Also time the old Python rules.")
    parser.add_argument("--step-timeout", type=float, default=3600)
    parser.add_argument(
        "--render",
        type=Path,
        nargs="+",
        default=None,
        help="Only rewrite --out from the --json of past runs (sizes merged, later runs win).",
    )
    parser.add_argument("--no-demo", action="store_true", help="No browser run on the demo data.")
    options = parser.parse_args(argv)
    if options.render:
        data = merge([json.loads(path.read_text()) for path in options.render])
        options.out.write_text(render(data), encoding="utf-8")
        return

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = dt.datetime.now()
    machine = _machine()
    with contextlib.ExitStack() as stack:
        if options.work:
            work = options.work
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        env = {**os.environ, "FUNNEL_DB": str(work / "start.db"), "FUNNEL_LANG": "en"}
        cli_help = best_of(7, lambda: first_output(["--help"], env))
        log(f"--help: {cli_help}")
        sizes: dict[int, dict[str, Any]] = {}
        data = {"machine": machine, "started": started.isoformat(timespec="seconds"),
                "cli_help": cli_help, "sizes": sizes, "demo_browser": None}  # fmt: skip

        def save(message: str) -> None:
            """Log a step and write what there is: a run stopped halfway keeps its numbers."""
            log(message)
            machine["load_after"] = os.getloadavg()
            if options.json:
                options.json.write_text(json.dumps(data, indent=2))
            options.out.write_text(render(data), encoding="utf-8")

        if not options.no_browser and not options.no_demo:
            data["demo_browser"] = measure_demo(work, save, options.step_timeout)
        for rows in options.sizes:
            use_cases = min(options.use_cases, max(10, rows // 10))
            sizes[rows] = {}
            measure_size(sizes[rows], rows, use_cases, work, options, save)
    save(f"written: {options.out}")


def merge(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One result of several runs (say 10k and 100k in one, 1M in another): their sizes in order
    of size, the demo browser run of the last that has one, the machine of the first."""
    data = dict(runs[0])
    data["sizes"] = {}
    data["notes"] = []
    for run in runs:
        data["sizes"].update(run["sizes"])
        data["demo_browser"] = run.get("demo_browser") or data.get("demo_browser")
        data["cli_help"] = run.get("cli_help") or data.get("cli_help")  # the latest code's
        data["notes"] += run.get("notes", [])
    data["sizes"] = dict(sorted(data["sizes"].items(), key=lambda item: int(item[0])))
    if len(runs) > 1:
        data["started"] = " and ".join(run["started"] for run in runs)
        data["machine"] = {**runs[0]["machine"], "load_after": runs[-1]["machine"]["load_after"]}
    return data


def _machine() -> dict[str, Any]:
    shell = shutil.which("sqlite3")
    version = (
        subprocess.run([shell, "--version"], capture_output=True, text=True).stdout.split()[0]
        if shell
        else "missing"
    )
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlite_shell": version,
        "load_before": os.getloadavg(),
    }


# --- RESULTS.md ------------------------------------------------------------------------------------


def _s(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def _ok(met: bool | None) -> str:
    return "–" if met is None else ("yes" if met else "**no**")


def _get(result: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(result, dict) or key not in result:
            return None
        result = result[key]
    return result


def render(data: dict[str, Any]) -> str:
    sizes: dict[Any, dict[str, Any]] = data["sizes"]
    names = [f"{int(rows):,}".replace(",", " ") for rows in sizes]
    machine = data["machine"]
    out = [
        "# Benchmark results (issue 7)",
        "",
        f"Written by benchmarks/bench.py (`make bench`), run on {data['started']}: {machine['cpus']} "
        f"cores, Python {machine['python']}, SQLite {machine['sqlite']} (shell "
        f"{machine['sqlite_shell']}). Load average before {_load(machine['load_before'])}, "
        f"after {_load(machine['load_after'])}: the machine is shared, so every time is the "
        "wall time of one busy run (the CLI's best and median of several).",
        "",
        "Sizes are attendance rows in one CSV (semicolons, Dutch headers and dates, the variants of",
        "`demo --scale`); the use-case sheet has the given number of rows.",
        "",
        *[f"- {note}" for note in data.get("notes", [])],
        *([""] if data.get("notes") else []),
    ]

    def row(label: str, values: list[str]) -> str:
        return f"| {label} | " + " | ".join(values) + " |"

    def table(title: str, lines: list[tuple[str, Callable[[dict[str, Any]], str]]]) -> None:
        out.extend([f"## {title}", "", row("", names), "|---|" + "---:|" * len(names)])
        for label, fn in lines:
            out.append(row(label, [fn(r) for r in sizes.values()]))
        out.append("")

    def rate(r: dict[str, Any]) -> str:
        seconds = _get(r, "import", "seconds")
        return f"{r['rows'] / seconds:,.0f}".replace(",", " ") if seconds else _err(r, "import")

    def ratio(a: Any, b: Any) -> str:
        if a is None or not b:
            return "–"
        return f"{a / b:.1f}x" if a / b >= 0.1 else f"{a / b:.2f}x"

    def year_of(r: dict[str, Any], key: str = "snapshot") -> dict[str, Any] | None:
        snap = r.get(key) or {}
        years = [k for k in snap if k.isdigit()]
        return snap[years[0]] if years else None  # the last full year: the most rows

    table(
        "Sizes",
        [
            ("attendance rows in the file", lambda r: str(r.get("rows", "–"))),
            ("use cases in the sheet", lambda r: str(r.get("use_cases", "–"))),
            *[
                (f"{table} stored", lambda r, table=table: str(_get(r, "stored", table)))
                for table in ("attendance", "activities", "organisations", "persons", "intakes")
            ],
        ],
    )
    table(
        "Import",
        [
            ("participants: seconds", lambda r: _s(_get(r, "import", "seconds")) or _err(r, "import")),
            ("participants: CPU seconds", lambda r: _s(_get(r, "import", "cpu"))),
            ("participants: rows per second", rate),
            ("floor: sqlite3 `.import` of the same CSV, s", lambda r: _s(r.get("floor_import"))),
            ("ratio to the floor (goal: within 5x)",
             lambda r: ratio(_get(r, "import", "seconds"), r.get("floor_import"))),
            ("the same by CPU seconds (less sensitive to the load)",
             lambda r: ratio(_get(r, "import", "cpu"), r.get("floor_import_cpu"))),
            ("re-import of the unchanged file, s", lambda r: _s(_get(r, "reimport", "seconds"))),
            ("re-import, CPU seconds", lambda r: _s(_get(r, "reimport", "cpu"))),
            ("dry run, s", lambda r: _s(_get(r, "dry_run", "seconds"))),
            ("dry run, CPU seconds", lambda r: _s(_get(r, "dry_run", "cpu"))),
            ("use-case sheet, s", lambda r: _s(_get(r, "import_use_cases", "seconds"))),
        ],
    )  # fmt: skip
    table(
        "Snapshot",
        [
            ("snapshot of the last full year, s (first / again)",
             lambda r: _pair(year_of(r))),
            ("the same, CPU seconds of the second run (less sensitive to the load)",
             lambda r: _s((year_of(r) or {}).get("cpu"))),
            ("snapshot of this year, s (first / again)",
             lambda r: _pair(_last_year(r.get("snapshot")))),
            ("before issue 7 (the Python rules), last full year, s",
             lambda r: _pair(year_of(r, "snapshot_before"))),
            ("the same, CPU seconds of the second run",
             lambda r: _s((year_of(r, "snapshot_before") or {}).get("cpu"))),
            ("floor: one COUNT(DISTINCT) per KPI over the bare tables, s",
             lambda r: _s(r.get("floor_counts"))),
            ("ratio to the floor, again (goal: within 3x)",
             lambda r: ratio((year_of(r) or {}).get("again"), r.get("floor_counts"))),
            ("the same by CPU seconds",
             lambda r: ratio((year_of(r) or {}).get("cpu"), r.get("floor_counts_cpu"))),
            ("`python -m funnel snapshot --format json` to first output, s (best / median)",
             lambda r: _pair(dict(zip(("first", "again"), r.get("cli_snapshot") or (), strict=False)))),
        ],
    )  # fmt: skip
    help_best, help_median = data["cli_help"]
    out += [
        f"`python -m funnel --help` to first output: best {_s(help_best)} s, median "
        f"{_s(help_median)} s (goal: under 0.3 s).",
        "",
    ]
    pages = sorted({k for r in sizes.values() for k in (r.get("pages") or {})
                    if k not in ("peak_mb", "error", "errors", "wall")})  # fmt: skip
    if pages:
        table(
            "Pages in AppTest (script run after switching to the page / a rerun), s",
            [(name, lambda r, name=name: _page(_get(r, "pages", name))) for name in pages],
        )
        table(
            "The same, CPU seconds (less sensitive to the load)",
            [(name, lambda r, name=name: _page(_get(r, "pages", name), "cpu_")) for name in pages],
        )
    table(
        "Peak memory (VmHWM of the step's process), MB",
        [
            ("import participants", lambda r: _mb(_get(r, "import", "peak_mb"))),
            ("re-import", lambda r: _mb(_get(r, "reimport", "peak_mb"))),
            ("dry run", lambda r: _mb(_get(r, "dry_run", "peak_mb"))),
            ("snapshot", lambda r: _mb(_get(r, "snapshot", "peak_mb"))),
            ("snapshot before issue 7", lambda r: _mb(_get(r, "snapshot_before", "peak_mb"))),
            ("every page in AppTest", lambda r: _mb(_get(r, "pages", "peak_mb"))),
        ],
    )
    out += _browser(data)
    out += _goals(data)
    if ANALYSIS.exists():
        out += ["", ANALYSIS.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(out) + "\n"


def _load(values: Any) -> str:
    return " / ".join(f"{v:.1f}" for v in values)


def _err(r: dict[str, Any], key: str) -> str:
    return f"error: {r[key]['error']}" if "error" in (r.get(key) or {}) else "–"


def _pair(snap: dict[str, Any] | None) -> str:
    if not snap:
        return "–"
    return f"{_s(snap.get('first'))} / {_s(snap.get('again'))}"


def _last_year(snap: dict[str, Any] | None) -> dict[str, Any] | None:
    years = [k for k in (snap or {}) if k.isdigit()]
    return snap[years[-1]] if snap and years else None


def _page(found: dict[str, Any] | None, prefix: str = "") -> str:
    if not found or f"{prefix}first" not in found:
        return "–"
    text = f"{_s(found[prefix + 'first'])} / {_s(found[prefix + 'again'])}"
    return text + (f" (exception: {found['error']})" if found.get("error") else "")


def _mb(value: Any) -> str:
    return f"{value:.0f}" if value is not None else "–"


def _browser(data: dict[str, Any]) -> list[str]:
    columns: dict[str, dict[str, Any]] = {}
    if data.get("demo_browser"):
        columns["demo database"] = data["demo_browser"]
    for rows, result in data["sizes"].items():
        if result.get("browser"):
            columns[f"{int(rows):,} rows".replace(",", " ")] = result["browser"]
    if not columns:
        return []
    keys = sorted({k for c in columns.values() for k in c if k not in ("wall", "error", "errors")})
    lines = [
        "## Browser (chromium, click to the last `data-test-script-state=notRunning`), s",
        "",
        "| | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(_s(c.get(key)) for c in columns.values()) + " |")
    for name, column in columns.items():
        for error in [column.get("error"), *column.get("errors", [])]:
            if error:
                lines.append(f"\n{name}: error {str(error)[:300]}")
    return [*lines, ""]


def _goals(data: dict[str, Any]) -> list[str]:
    done = {rows: r for rows, r in data["sizes"].items() if "snapshot" in r}
    big = done.get(max(done, key=int)) if done else None
    if big is None:
        return []
    snap = next((v for k, v in (big.get("snapshot") or {}).items() if k.isdigit()), None)
    pages = {k: v for k, v in (big.get("pages") or {}).items() if isinstance(v, dict)}
    page_times = [v["first"] for k, v in pages.items() if "sign-in" not in k]
    page_cpu = [v["cpu_first"] for k, v in pages.items() if "sign-in" not in k and "cpu_first" in v]
    peaks = [
        _get(big, step, "peak_mb")
        for step in ("import", "reimport", "dry_run", "snapshot", "pages")
    ]
    peaks = [p for p in peaks if p is not None]
    imp = _get(big, "import", "seconds")
    browser = [
        v for k, v in (big.get("browser") or {}).items() if isinstance(v, float) and k != "wall"
    ]
    demo = [
        v
        for k, v in (data.get("demo_browser") or {}).items()
        if isinstance(v, float) and k != "wall"
    ]
    warm = [v for k, v in (data.get("demo_browser") or {}).items()
            if isinstance(v, float) and "(again)" in k]  # fmt: skip
    warm_big = [v for k, v in (big.get("browser") or {}).items()
                if isinstance(v, float) and "(again)" in k]  # fmt: skip
    rows = f"{int(big['rows']):,}".replace(",", " ")

    def check(value: float | None, limit: float) -> tuple[str, str]:
        return (_s(value), _ok(value <= limit if value is not None else None))

    goals = [
        ("import within 5x of the floor", imp / big["floor_import"] if imp else None, 5.0),
        ("import within 5x of the floor by CPU seconds", _get(big, "import", "cpu") / big["floor_import_cpu"]
         if _get(big, "import", "cpu") and big.get("floor_import_cpu") else None, 5.0),
        ("snapshot within 3x of its floor", snap["again"] / big["floor_counts"] if snap and big["floor_counts"] else None, 3.0),
        ("snapshot within 3x of its floor by CPU seconds", snap["cpu"] / big["floor_counts_cpu"]
         if snap and snap.get("cpu") and big.get("floor_counts_cpu") else None, 3.0),
        ("snapshot under 0.5 s", snap["again"] if snap else None, 0.5),
        ("snapshot under 0.5 s of CPU", snap.get("cpu") if snap else None, 0.5),
        ("every page's script run under 1 s (slowest)", max(page_times) if page_times else None, 1.0),
        ("the same in CPU seconds (slowest)", max(page_cpu) if page_cpu else None, 1.0),
        ("peak memory under 500 MB", max(peaks) if peaks else None, 500.0),
        ("CLI --help to first output under 0.3 s", data["cli_help"][0], 0.3),
        ("CLI snapshot --format json to first output under 0.3 s", (big.get("cli_snapshot") or [None])[0], 0.3),
        ("sign-in and page changes under 1 s at demo size (slowest)", max(demo) if demo else None, 1.0),
        ("the same once the server has loaded every page (slowest)", max(warm) if warm else None, 1.0),
        ("sign-in and page changes under 2 s at this size (slowest)", max(browser) if browser else None, 2.0),
        ("the same once the server has loaded every page (slowest)", max(warm_big) if warm_big else None, 2.0),
    ]  # fmt: skip
    lines = [f"## Goals at {rows} rows (measured above)", "", "| goal | measured | met |",
             "|---|---:|---|"]  # fmt: skip
    for label, value, limit in goals:
        shown, met = check(value, limit)
        lines.append(f"| {label} | {shown} | {met} |")
    return [*lines, ""]


def _step_main(name: str, raw: str) -> None:
    print(json.dumps(STEPS[name](json.loads(raw))))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "step":
        _step_main(sys.argv[2], sys.argv[3])
    else:
        main()
