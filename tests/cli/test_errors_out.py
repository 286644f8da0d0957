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


def started_as_at_a_terminal(command: list[str]) -> subprocess.Popen:
    """Start `command` so that Ctrl-C reaches it as it does at a terminal.

    A test run started as a background job of a script has SIGINT ignored, and an ignored
    signal is inherited: Python then installs no Ctrl-C handler in the child, which waits on
    its pipe for ever. The child is started with this process's handler set (not ignored), so
    it begins with the default, as `toll` typed at a prompt does.
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TOLL_USER": "tester"},
        )
    finally:
        signal.signal(signal.SIGINT, before)


def test_ctrl_c_says_nothing_was_written(tmp_path):
    fifo = tmp_path / "slow.csv"
    os.mkfifo(fifo)
    db = tmp_path / "t.db"
    process = started_as_at_a_terminal(
        [sys.executable, "-m", "toll", "import", str(fifo), "--db", str(db)]
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
    assert run_toll("source", "list", "--db", db, "--json").stdout.strip() in ("", "[]")


def test_ctrl_c_while_toll_is_still_loading_is_one_line(tmp_path):
    """Ctrl-C in the second before the command line is loaded: one line, no traceback.

    The interruption is raised where Ctrl-C lands in that second, inside the import of the
    command line, so that the test does not depend on when a signal happens to arrive.
    """
    script = (
        "import builtins, toll.launch\n"
        "real = builtins.__import__\n"
        "def loading(name, *args, **kwargs):\n"
        "    if name == 'toll.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = loading\n"
        "toll.launch.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 130
    assert result.stderr == "interrupted: nothing written (the store is as it was)\n"
