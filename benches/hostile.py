#!/usr/bin/env python3
"""Time and peak memory of the release binary on hostile files, at two sizes ten times apart.

Writes the files into a temporary folder (nothing is kept), runs `briefly extract` on the text
cleaning cases and `briefly entities` on the analysis cases under /usr/bin/time -v, and prints
seconds, peak resident memory and what came out. A step that grows faster than its input shows
as a 10x row far more than ten times the 1x row.

usage: python3 benches/hostile.py [--bin PATH] [--only NAME] [--timeout SECONDS]
       (default binary: $CARGO_TARGET_DIR/release/briefly, else target/release/briefly)
"""
import argparse, os, random, re, signal, subprocess, sys, tempfile
from pathlib import Path

LOWER = ("the of and to in a is that for on with as was by at from it his her said will would "
         "council bridge river water harbour vote talks minister plan money year week people city "
         "port ferry levy repairs budget report").split()
NAMES = ["Velmora", "Arkwell", "Corvo", "Ostra", "Zorbia", "Tomas", "Ines", "Northern", "Grain",
         "Council", "Lisbon", "Oslo", "Mira", "Volant", "Brandt", "Okafor"]


def fill(f, target, make):
    n = 0
    while n < target:
        chunk = make()
        f.write(chunk)
        n += len(chunk.encode())


def words(rng, n, caps=0.15):
    return [rng.choice(NAMES) if rng.random() < caps else rng.choice(LOWER) for _ in range(n)]


def one_line(rng, path, k):
    """A title, then one line of sentences (2.16 MB at 1x)."""
    with open(path, "w") as f:
        f.write("One line\n")
        fill(f, 2_160_000 * k, lambda: " ".join(
            " ".join(words(rng, 15)).capitalize() + rng.choice([".", ",", "?"]) for _ in range(300)) + " ")
        f.write("\n")


def one_word(rng, path, k):
    """One word repeated: 3.2 MiB at 1x, 32 MiB at 10x."""
    with open(path, "w") as f:
        f.write("Repeated word\n" + "naïve " * (k * 32 * 1024 * 1024 // 70) + "\n")


def short_lines(rng, path, k):
    with open(path, "w") as f:
        f.write("Short lines\n\n")
        f.write("".join(rng.choice(LOWER) + "\n" for _ in range(100_000 * k)))


def blank_lines(rng, path, k):
    with open(path, "w") as f:
        f.write("Blank lines\n" + "\n" * (100_000 * k) + "The council met on Monday.\n")


def sentence(rng, path, k):
    """One sentence of words with names mixed in: 1.2 MB at 1x, 12 MB at 10x."""
    with open(path, "w") as f:
        f.write("A very long sentence\n\n")
        fill(f, 1_200_000 * k, lambda: " ".join(words(rng, 5000)) + " ")
        f.write("end.\n")


def no_spaces(rng, path, k):
    with open(path, "w") as f:
        fill(f, 3_200_000 * k, lambda: "".join(
            w.capitalize() if rng.random() < 0.3 else w for w in words(rng, 5000)))


def names(rng, path, k):
    """100,000 (1x) or 1,000,000 (10x) distinct capitalised names, one a line."""
    syl = ["ka", "lo", "mi", "ren", "tu", "vos", "sha", "dre", "pol", "ix", "an", "bel", "cor",
           "dun", "el", "fa"]
    with open(path, "w") as f:
        f.write("Names\n\n")
        for i in range(100_000 * k):
            a = "".join(syl[(i >> (4 * j)) & 15] for j in range(3)).capitalize()
            b = "".join(syl[(i >> (4 * j + 12)) & 15] for j in range(3)).capitalize()
            f.write(f"{a} {b} met.\n")


def figures(rng, path, k):
    """A line of amounts in several currencies: 3.2 MiB at 1x, just under 32 MiB at 10x."""
    cur = ["$", "€", "£", "¥", "US$"]
    with open(path, "w") as f:
        f.write("Prices\n\n")
        fill(f, (32 * 1024 * 1024 - 4096) // (10 // k), lambda: " ".join(
            rng.choice(cur) + str(rng.randint(1, 99999)) + rng.choice(["", " million", "%", ",", " euros"])
            for _ in range(2000)) + " ")
        f.write("\n")


CASES = [
    ("one line", "extract", one_line),
    ("one word repeated", "extract", one_word),
    ("1M short lines", "extract", short_lines),
    ("1M blank lines", "extract", blank_lines),
    ("one sentence", "entities", sentence),
    ("no spaces", "entities", no_spaces),
    ("distinct names", "entities", names),
    ("figures", "entities", figures),
]


def run(binary, command, path, timeout):
    """Runs one case; None when it takes longer than `timeout` seconds (then it is stopped)."""
    proc = subprocess.Popen(["/usr/bin/time", "-v", str(binary), command, str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace", start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
    out = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    def field(name):
        m = re.search(rf"{name}: (.+)", out.stderr)
        return m.group(1).strip() if m else "?"
    wall = field(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\)")
    parts = [float(p) for p in wall.split(":")] if wall != "?" else [0]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = field(r"Maximum resident set size \(kbytes\)")
    peak = int(rss) / 1024 if rss.isdigit() else 0.0
    lines = out.stdout.count("\n")
    return out.returncode, seconds, peak, lines


def main():
    ap = argparse.ArgumentParser()
    target = Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).resolve().parent.parent / "target"))
    ap.add_argument("--bin", type=Path, default=target / "release" / "briefly")
    ap.add_argument("--only", help="run only the cases whose name contains this")
    ap.add_argument("--timeout", type=float, default=None, help="seconds a case may take")
    args = ap.parse_args()
    if not args.bin.is_file() or not Path("/usr/bin/time").is_file():
        print(f"skipped: needs {args.bin} (cargo build --release) and /usr/bin/time")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, command, make in CASES:
            if args.only and args.only not in name:
                continue
            for k in (1, 10):
                path = Path(tmp) / f"{name.replace(' ', '_')}_{k}x.txt"
                make(random.Random(7), path, k)
                result = run(args.bin, command, path, args.timeout)
                size = path.stat().st_size / 1e6
                if result is None:
                    print(f"{name:<18} {k:>2}x {size:6.1f} MB  briefly {command:<8} "
                          f"stopped after {args.timeout:.0f} s", flush=True)
                    path.unlink()
                    continue
                code, seconds, peak, lines = result
                print(f"{name:<18} {k:>2}x {size:6.1f} MB  briefly {command:<8} exit {code}  "
                      f"{seconds:7.2f} s  peak {peak:7.1f} MB ({peak / size:4.1f}x)  {lines} lines out",
                      flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
