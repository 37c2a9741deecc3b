"""Profile one page's script run (AppTest) or one snapshot with pyinstrument.

    python benchmarks/profile.py DB page board [leider|coach|stuur] [--first]
    python benchmarks/profile.py DB snapshot 2025
    python benchmarks/profile.py DB import FILE

``page signin USER`` profiles the sign-in's run; ``--first`` profiles the page's first visit (its caches empty), not its rerun.
The database is one the benchmark made (``bench.py --work DIR``), with its accounts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench import PASSWORDS  # noqa: E402
from funnel.demo import DEMO_ACCOUNTS  # noqa: E402

#: the demo database's accounts (tried when the benchmark's password is refused)
DEMO_PASSWORDS = {name: pw for name, _role, _display, pw in DEMO_ACCOUNTS}


def main() -> None:
    from pyinstrument import Profiler

    db_path, what, *rest = sys.argv[1:]
    os.environ["FUNNEL_DB"] = db_path
    profiler = Profiler(interval=0.001)
    if what == "page":
        from streamlit.testing.v1 import AppTest
        from streamlit.testing.v1.local_script_runner import LocalScriptRunner

        # AppTest runs the script in a thread of its own: profile that thread
        original = LocalScriptRunner._run_script_thread
        wanted: list[bool] = []

        def profiled(runner: LocalScriptRunner) -> None:
            if not wanted:
                return original(runner)
            profiler.start()
            try:
                return original(runner)
            finally:
                profiler.stop()

        LocalScriptRunner._run_script_thread = profiled  # type: ignore[method-assign]

        first = "--first" in rest  # the page's first visit (caches empty), not its rerun
        rest = [r for r in rest if r != "--first"]
        page = rest[0]
        username = rest[1] if len(rest) > 1 else "leider"
        for password in (PASSWORDS.get(username), DEMO_PASSWORDS.get(username)):
            at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600).run()
            inputs = {ti.label: ti for ti in at.text_input}
            inputs["Gebruikersnaam"].input(username)
            inputs["Wachtwoord"].input(password or "")
            if page == "signin":  # the sign-in's run: the password check and the first page
                wanted[:] = [True]
            next(b for b in at.button if b.label == "Inloggen").click().run()
            if not any(b.label == "Inloggen" for b in at.button):
                break
            wanted.clear()
        if page == "signin":
            pass
        elif first:
            wanted.append(True)
            at.switch_page(f"pages/{page}.py").run()
        else:
            at.switch_page(f"pages/{page}.py").run()  # the first run reads the pages from disk
            wanted.append(True)
            at.run()
    elif what == "snapshot":
        from funnel import db as storage
        from funnel import metrics

        db = storage.connect(db_path)
        metrics.snapshot(db, int(rest[0]))
        profiler.start()
        metrics.snapshot(db, int(rest[0]))
        profiler.stop()
    elif what == "import":
        from funnel import db as storage
        from funnel import imports

        db = storage.connect(db_path)
        profiler.start()
        imports.import_participants(db, rest[0], dry_run=True)
        profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
