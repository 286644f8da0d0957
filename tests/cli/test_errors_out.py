"""What a command says when it fails or is stopped (issue 19): with --json an error is JSON
naming where, with the same exit code; Ctrl-C says what was kept."""

import json
import os
import signal
import subprocess
import sys
import time

from toll_testing import run_toll


def test_with_json_an_error_is_json_naming_where(tmp_path):
    bad = tmp_path / "open.csv"
    bad.write_text('surname,given_name\nPetrov,Ivan\n"Sidorov,Oleg\n', encoding="utf-8")
    db = tmp_path / "t.db"
    result = run_toll("import", bad, "--db", db, "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["where"] == "open.csv, line 3" and "never closed" in error["error"]
    plain = run_toll("import", bad, "--db", db)
    assert plain.exit_code == 1 and plain.stderr.startswith("Error: open.csv, line 3:")
    assert plain.stdout == ""


def test_with_json_an_error_without_a_place_has_where_null(tmp_path):
    result = run_toll("claim", "show", "7", "--db", tmp_path / "none.db", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"error": json.loads(result.stdout)["error"], "where": None}


def test_ctrl_c_says_nothing_was_written(tmp_path):
    fifo = tmp_path / "slow.csv"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "toll", "import", str(fifo), "--db", str(tmp_path / "t.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TOLL_USER": "tester"},
    )
    writer = None
    deadline = time.monotonic() + 120
    while writer is None and time.monotonic() < deadline:  # until toll waits on the file
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            time.sleep(0.1)
    assert writer is not None, "toll never opened the file"
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    os.close(writer)
    assert process.returncode == 130
    said = stderr.strip().splitlines()[-1]
    assert said == "interrupted: nothing written (the store is as it was)"
