#!/usr/bin/env python3
"""Score plain-text cleaning on the shared seed scrapes.

Runs `briefly extract --format json` on each scrape in ../shared/briefings/london-talks-2015
and compares it with ../shared/eval/seeds-gold.json: body word 4-gram F1 per page (the
article-extraction-benchmark metric, from ../shared/eval/aeb_score.py), exact title, and
published date. Prints one line per file and the averages; "skipped" when ../shared is absent.

usage: python3 benches/seeds_score.py [--bin target/release/briefly] [--verbose]
"""
import argparse, importlib.util, json, os, subprocess, sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def load_metric():
    spec = importlib.util.spec_from_file_location("aeb_score", SHARED / "eval" / "aeb_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def f1(aeb, truth, pred):
    c = aeb.page_counts(truth, pred)
    p, r = aeb.precision(*c), aeb.recall(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    default_bin = Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "release" / "briefly"
    ap.add_argument("--bin", type=Path, default=default_bin)
    ap.add_argument("--verbose", action="store_true", help="print the extracted body too")
    args = ap.parse_args()
    gold_path = SHARED / "eval" / "seeds-gold.json"
    seeds = SHARED / "briefings" / "london-talks-2015"
    if not gold_path.is_file() or not seeds.is_dir():
        print("skipped")
        return 0
    aeb = load_metric()
    gold = json.loads(gold_path.read_text())
    scores, titles, dates = [], 0, 0
    for name in sorted(gold):
        out = subprocess.run([str(args.bin), "extract", "--format", "json", str(seeds / name)],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            sys.stderr.write(f"{name}: exit {out.returncode}: {out.stderr[:200]}\n")
            got = {}
        else:
            got = json.loads(out.stdout)
        want = gold[name]
        score = f1(aeb, want.get("articleBody", ""), got.get("body", ""))
        title_ok = got.get("title") == want.get("title")
        date_ok = got.get("published") == want.get("published")
        scores.append(score)
        titles += title_ok
        dates += date_ok
        print(f"{name}  F1={score:.3f}  title={'ok' if title_ok else 'WRONG'}"
              f"  published={'ok' if date_ok else 'WRONG'} ({got.get('published')!r} vs {want.get('published')!r})"
              f"  byline={got.get('byline')!r}")
        if not title_ok:
            print(f"    title got {got.get('title')!r}\n    want      {want.get('title')!r}")
        if args.verbose:
            print(got.get("body", ""))
    n = len(scores)
    print(f"average F1={sum(scores) / n:.3f}  titles={titles}/{n}  published={dates}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
