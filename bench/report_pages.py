"""Render the demo fact sheet to PDF and its pages to PNG, to look at them as a reader would.

    .venv/bin/python bench/report_pages.py [--folder DIR] [--public] [--persons 1500]
        [--language en|ru|az]

Builds the demo store, writes `report.pdf` and `page-N.png` (pdftoppm, 80 dpi) in the folder
(default: ./report-pages), and prints how long each step took and the pages written. Open
the PNG files to check what a reader sees.
"""

import argparse
import shutil
import subprocess
import time
from pathlib import Path

from toll.demo.build import build_demo
from toll.reports import build_fact_sheet, write_report
from toll.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=Path("report-pages"))
    parser.add_argument("--public", action="store_true")
    parser.add_argument("--persons", type=int, default=1500)
    parser.add_argument("--language", choices=("en", "ru", "az"), default="en")
    args = parser.parse_args()
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    args.folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    build_demo(args.folder / "demo.db", persons=args.persons)
    print(f"demo store built in {time.perf_counter() - start:.1f} s")
    store = Store.open(str(args.folder / "demo.db"), actor="bench")
    start = time.perf_counter()
    with store.session() as session:
        sheet = build_fact_sheet(session, public=args.public, language=args.language)
    pdf = args.folder / "report.pdf"
    write_report(sheet, "pdf", pdf)
    store.close()
    print(f"report rendered to {pdf} in {time.perf_counter() - start:.1f} s")
    for old in args.folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", pdf, args.folder / "page"], check=True)
    pages = sorted(args.folder.glob("page-*.png"))
    print(f"{len(pages)} pages: {', '.join(str(p) for p in pages)}")


if __name__ == "__main__":
    main()
