"""Benchmark figure extraction: accuracy on annotated passages and throughput on one core.

    .venv/bin/python bench/extraction.py [--verbose] [--language en] [--file BATCH.jsonl ...]
        [--learned | --rules-only]

Prints precision/recall/F1 for detection, value+qualifier, value+category, category, the
subgroup accuracy and the nesting (part_of) precision/recall/F1, on tests/claims/corpus/*.jsonl
and on ../shared/corpus/*.figures.json when present; then the throughput in MB of text per
second, extracting from the corpus texts repeated to about 5 MB. With `--file`, only the given
files are scored (a new batch's first run), without the throughput. `--learned` and
`--rules-only` run with and without the category model (default: as `toll extract` runs).
"""

import argparse
import json
import time
from pathlib import Path

from toll.claims import extract_figures
from toll.claims.scoring import load_passages, score_passages

ROOT = Path(__file__).resolve().parents[1]
OWN = sorted((ROOT / "tests" / "claims" / "corpus").glob("*.jsonl"))
# ../shared beside the checkout (a worktree may sit one folder deeper).
SHARED = next((sorted(p.glob("*.figures.json")) for p in (
    ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus") if p.is_dir()), [])


LEARNED: bool | None = None  # as extract_figures decides by default


def accuracy(paths: list[Path], language: str, verbose: bool) -> list[str]:
    passages = [p for path in paths for p in load_passages(path)]
    if not passages:
        return []
    # a batch says each passage's language; a corpus file is all in `language`
    languages = {p["text"]: p.get("language", language) for p in passages}
    score = score_passages(passages, lambda text: [
        f.to_dict() for f in extract_figures(text, language=languages[text], learned=LEARNED)])
    print(json.dumps({"files": [p.name for p in paths], "passages": len(passages),
                      **score.summary()}))
    if verbose:
        for problem in score.problems:
            print("  ", problem)
    return [p["text"] for p in passages]


def throughput(texts: list[str], language: str, megabytes: float = 5.0) -> None:
    sample = "\n\n".join(texts)
    size = len(sample.encode("utf-8"))
    repeat = max(1, int(megabytes * 1_000_000 / max(size, 1)))
    text = "\n\n".join([sample] * repeat)
    extract_figures(text[:10000], language=language, learned=LEARNED)  # load and compile once
    start = time.process_time()
    figures = extract_figures(text, language=language, learned=LEARNED)
    seconds = time.process_time() - start
    mb = len(text.encode("utf-8")) / 1_000_000
    print(json.dumps({"throughput_mb_per_s": round(mb / seconds, 2), "megabytes": round(mb, 2),
                      "seconds": round(seconds, 2), "figures": len(figures)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    parser.add_argument("--language", default="en")
    parser.add_argument("--file", nargs="+", type=Path, default=[],
                        help="score only these annotated files (JSON Lines or *.figures.json)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--learned", action="store_const", const=True, dest="learned",
                       help="with the category model")
    group.add_argument("--rules-only", action="store_const", const=False, dest="learned",
                       help="without the category model")
    args = parser.parse_args()
    global LEARNED
    LEARNED = args.learned
    if args.file:
        for path in args.file:
            accuracy([path], args.language, args.verbose)
        return
    own = [p for p in OWN if p.stem.endswith(f".{args.language}") or
           (args.language == "en" and "." not in p.stem)]
    texts = [t for path in own for t in accuracy([path], args.language, args.verbose)]
    if texts:
        print("throughput on the annotated corpus (figure-dense):", end=" ")
        throughput(texts, args.language)
    if args.language == "en" and SHARED:
        news = accuracy(SHARED, args.language, args.verbose)
        print("throughput on news text (../shared/corpus articles):", end=" ")
        throughput(news, args.language)


if __name__ == "__main__":
    main()
