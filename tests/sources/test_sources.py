"""Adding sources: original bytes kept by SHA-256, metadata, idempotence, verify."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select, text

from documents import STATEMENT, write_pdf
from toll.model import Original, Source
from toll_testing import run_toll


def test_adding_the_same_bytes_twice_gives_one_source(toll, db, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    first = toll(
        "source",
        "add",
        path,
        "--publisher",
        "Ombudsman",
        "--published",
        "2021-03-03",
        "--kind",
        "statement",
        "--db",
        db,
        "--json",
    )
    second = toll("source", "add", path, "--db", db, "--json")
    assert first.exit_code == 0, first.stderr
    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert one["created"] is True and two["created"] is False and one["id"] == two["id"]
    assert one["sha256"] == hashlib.sha256(STATEMENT.encode()).hexdigest()
    assert (one["publisher"], one["published"], one["kind"]) == (
        "Ombudsman",
        "2021-03-03",
        "statement",
    )
    assert "Already in the store" in toll("source", "add", path, "--db", db).stdout


def test_the_seed_article_added_twice_is_one_source(toll, db, seed_article):
    for _ in range(2):
        result = toll(
            "source",
            "add",
            seed_article,
            "--publisher",
            "Azernews",
            "--published",
            "2022-02-24",
            "--db",
            db,
        )
        assert result.exit_code == 0, result.stderr
    listed = json.loads(toll("source", "list", "--db", db, "--json").stdout)
    assert len(listed) == 1
    assert listed[0]["publisher"] == "Azernews" and listed[0]["language"] == "en"
    shown = json.loads(toll("source", "show", str(listed[0]["id"]), "--db", db, "--json").stdout)
    assert shown["text"] == seed_article.read_text(encoding="utf-8-sig")


def test_show_prints_metadata_hash_and_text(toll, db, tmp_path):
    pdf = write_pdf(tmp_path / "report.pdf", ["The attack killed 41 civilians."])
    toll("source", "add", pdf, "--title", "Field report", "--db", db)
    shown = toll("source", "show", "1", "--db", db)
    assert "Field report" in shown.stdout and "killed 41 civilians" in shown.stdout
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in shown.stdout


def test_bad_input_leaves_the_store_unchanged(toll, db, tmp_path, store):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = toll("source", "add", bad, "--db", db)
    assert result.exit_code == 1 and "scan.pdf" in result.stderr
    wrong_date = tmp_path / "ok.txt"
    wrong_date.write_text(STATEMENT)
    result = toll("source", "add", wrong_date, "--published", "March 3rd", "--db", db)
    assert result.exit_code == 1 and "--published" in result.stderr
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0
        assert session.scalar(select(func.count()).select_from(Original)) == 0


def test_unknown_source_id(toll, db, store):
    result = toll("source", "show", "99", "--db", db)
    assert result.exit_code == 1 and "no source with id 99" in result.stderr


def test_verify_catches_one_flipped_byte(toll, db, tmp_path, store):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}: {STATEMENT}")
        toll("source", "add", tmp_path / name, "--db", db)
    assert toll("verify", "--db", db).exit_code == 0
    with store.engine.begin() as connection:
        digest, content = connection.execute(
            select(Original.sha256, Original.content).order_by(Original.sha256)
        ).first()
        flipped = bytearray(content)
        flipped[10] ^= 0x01
        connection.execute(
            text("UPDATE originals SET content = :c WHERE sha256 = :h"),
            {"c": bytes(flipped), "h": digest},
        )
    result = toll("verify", "--db", db, "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["checked"] == 2 and len(report["problems"]) == 1
    assert "changed" in report["problems"][0]


def test_errors_are_one_line_without_traceback(tmp_path):
    result = run_toll("source", "add", tmp_path / "missing.txt", "--db", tmp_path / "t.db")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "missing.txt" in result.stderr and "no such file" in result.stderr


def test_killing_source_add_midway_leaves_no_partial_source(tmp_path, db_url):
    big = tmp_path / "big.txt"
    big.write_text(STATEMENT * 60000, encoding="utf-8")  # about 17 MB
    for delay in (0.8, 1.6, 2.4):
        process = subprocess.Popen(
            [sys.executable, "-m", "toll", "source", "add", str(big), "--db", db_url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        from toll.store import Store

        store = Store.open(db_url)
        with store.session() as session:
            sources = session.scalars(select(Source)).all()
            originals = session.scalars(select(Original)).all()
        store.close()
        # Either nothing was added, or everything was: source, its original and its text.
        assert len(sources) == len(originals) <= 1
        if sources:
            assert originals[0].content == big.read_bytes()
            assert sources[0].text is not None and len(sources[0].text) == len(big.read_text())
