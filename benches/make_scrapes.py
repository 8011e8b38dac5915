#!/usr/bin/env python3
"""Writes the training scrapes for `train-blocks`: each AEB page's visible text exactly as
`aeb_score.py --scrape` feeds it to the command (`page_text.page_text`), as OUT/<id>.txt, and
its true article body as OUT/<id>.truth.txt. Standard library only; the pages stay outside
the repository (OUT is a scratch directory).

usage: python3 benches/make_scrapes.py OUT [--data ../shared/eval/aeb-dev]
"""
import argparse, gzip, json, sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--data", type=Path, default=SHARED / "eval" / "aeb-dev")
    args = ap.parse_args()
    # page_text.py beside the data, else the shared one (for page sets kept elsewhere).
    sys.path[:0] = [str(args.data.resolve().parent), str(SHARED / "eval")]
    try:
        from page_text import page_text
    except ImportError:
        sys.exit(f"make_scrapes: {args.data.parent}/page_text.py: not found")
    truth_path = args.data / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text())
    except (OSError, ValueError) as e:
        sys.exit(f"make_scrapes: {truth_path}: {e}")
    args.out.mkdir(parents=True, exist_ok=True)
    n = 0
    for key in sorted(truth):
        page = args.data / "html" / f"{key}.html.gz"
        raw = gzip.decompress(page.read_bytes())
        (args.out / f"{key}.txt").write_text(page_text(raw))
        (args.out / f"{key}.truth.txt").write_text(truth[key].get("articleBody", "") or "")
        n += 1
    print(f"wrote {n} scrapes and their truth bodies to {args.out}")


if __name__ == "__main__":
    main()
