"""Wrong usage speaks the chosen language: click's own errors (unknown option, missing argument,
bad choice, a file that does not exist, ...) in the catalogue's Dutch or English; exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from funnel import cli

REPO = Path(__file__).resolve().parents[2]

#: case: (arguments after --db, Dutch error line, English error line)
CASES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "unknown option": (
        ("import", "participants", "--frobnicate", "x.csv"),
        "Fout: onbekende optie '--frobnicate'.",
        "Error: no such option '--frobnicate'.",
    ),
    "unknown option, a near one": (
        ("snapshot", "--formt", "json"),
        "Fout: onbekende optie '--formt'. Bedoelde u '--format'?",
        "Error: no such option '--formt'. Did you mean '--format'?",
    ),
    "missing argument": (
        ("import", "participants"),
        "Fout: het argument 'FILE' ontbreekt.",
        "Error: missing argument 'FILE'.",
    ),
    "missing option": (
        ("user", "add", "sanne"),
        "Fout: de optie '--role' ontbreekt. Kies uit: programme_leader, coach, steering.",
        "Error: missing option '--role'. Choose from: programme_leader, coach, steering.",
    ),
    "bad choice": (
        ("snapshot", "--format", "docx"),
        "Fout: ongeldige waarde voor '--format': 'docx' is geen van de keuzes; kies uit: json, "
        "text, xlsx, pdf.",
        "Error: invalid value for '--format': 'docx' is not one of the choices; choose from: "
        "json, text, xlsx, pdf.",
    ),
    "file does not exist": (
        ("import", "participants", "bestaat-niet.csv"),
        "Fout: het bestand 'bestaat-niet.csv' bestaat niet.",
        "Error: the file 'bestaat-niet.csv' does not exist.",
    ),
    "unknown command": (
        ("frobnicate",),
        "Fout: onbekende opdracht 'frobnicate'.",
        "Error: no such command 'frobnicate'.",
    ),
    "not a number": (
        ("snapshot", "--year", "twintig"),
        "Fout: ongeldige waarde voor '--year': 'twintig' is geen geheel getal.",
        "Error: invalid value for '--year': 'twintig' is not a whole number.",
    ),
    "out of range": (
        ("snapshot", "--year", "1999"),
        "Fout: ongeldige waarde voor '--year': 1999 ligt buiten het bereik 2000<=x<=2100.",
        "Error: invalid value for '--year': 1999 is outside the range 2000<=x<=2100.",
    ),
    "option without its value": (
        ("snapshot", "--year"),
        "Fout: de optie '--year' heeft een waarde nodig.",
        "Error: the option '--year' needs a value.",
    ),
    "a flag given a value": (
        ("import", "participants", "--dry-run=ja", "x.csv"),
        "Fout: de optie '--dry-run' heeft geen waarde.",
        "Error: the option '--dry-run' takes no value.",
    ),
    "no command": (
        (),
        "Fout: geef een opdracht (zie --help).",
        "Error: give a command (see --help).",
    ),
    "our own refusal": (
        ("snapshot", "--year", "2025", "--as-of", "2024-06-01"),
        "Fout: ongeldige waarde voor '--as-of': de peildatum ligt vóór 1 januari 2025",
        "Error: invalid value for '--as-of': the as-of date is before 1 January 2025",
    ),
}


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> tuple[int, str]:
    """``funnel.cli.main`` as ``python -m funnel`` runs it: (exit status, stderr)."""
    monkeypatch.delenv("FUNNEL_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["funnel", *argv])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    return int(exited.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_click_usage_errors_speak_dutch_by_default_and_english_on_request(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args, dutch, english = CASES[case]
    monkeypatch.chdir(tmp_path)
    db = ["--db", str(tmp_path / "u.db")]
    status, said = run_main(monkeypatch, capsys, [*db, *args])
    assert status == 2
    assert dutch in said.splitlines(), said
    assert "Error" not in said and "Usage" not in said and "Try " not in said
    status, said = run_main(monkeypatch, capsys, ["--lang", "en", *db, *args])
    assert status == 2
    assert english in said.splitlines(), said
    assert "Fout" not in said and "Gebruik" not in said
    assert not (tmp_path / "u.db").exists()  # wrong usage opens no database


def test_the_usage_line_and_the_help_hint_are_in_the_chosen_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = run_main(monkeypatch, capsys, ["import", "participants"])
    assert status == 2
    assert said.splitlines()[:2] == [
        "Gebruik: python -m funnel import participants [OPTIONS] FILE",
        "Typ 'python -m funnel import participants --help' voor hulp.",
    ]
    monkeypatch.setenv("FUNNEL_LANG", "en")
    monkeypatch.setattr(sys, "argv", ["funnel", "import", "participants"])
    with pytest.raises(SystemExit):
        cli.main()
    assert capsys.readouterr().err.splitlines()[:2] == [
        "Usage: python -m funnel import participants [OPTIONS] FILE",
        "Try 'python -m funnel import participants --help' for help.",
    ]


def test_help_and_a_good_command_still_exit_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["funnel", "--help"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 0
    assert "snapshot" in capsys.readouterr().out
    db = ["--db", str(tmp_path / "u.db")]
    monkeypatch.setattr(sys, "argv", ["funnel", *db, "snapshot", "--year", "2025"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 0
    assert '"year": 2025' in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_python_m_funnel_says_a_missing_file_in_the_chosen_language(
    tmp_path: Path, lang: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FUNNEL_DB", "FUNNEL_LANG")}
    chosen = ["--lang", "en"] if lang == "en" else []
    done = subprocess.run(
        [sys.executable, "-m", "funnel", *chosen, "--db", str(tmp_path / "u.db"), "import",
         "participants", "weg.csv"],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    expected = {
        "nl": "Fout: het bestand 'weg.csv' bestaat niet.",
        "en": "Error: the file 'weg.csv' does not exist.",
    }
    assert done.stderr.splitlines()[-1] == expected[lang]
