#!/usr/bin/env python3
"""Sanity checks for the blameless-language corpus. Exits non-zero on failure."""
import collections
import os
import re
import subprocess
import sys
import tempfile
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["id", "label", "section", "kind", "text"]
LABELS = {"blame", "ok"}
SECTIONS = {"Summary", "Impact", "Timeline", "Root cause", "What went well",
            "What did not go well", "Where we got lucky", "Lessons learned", "Action items"}


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    assert data.endswith("\n") and "\r" not in data, path
    lines = data.split("\n")[:-1]
    assert lines[0].split("\t") == HEADER, path
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        assert len(cols) == 5, f"{path}:{n}: {len(cols)} columns"
        rows.append(cols)
    return rows


def main():
    corpus = read(os.path.join(HERE, "corpus.tsv"))
    tune = read(os.path.join(HERE, "tune.tsv"))
    held = read(os.path.join(HERE, "heldout.tsv"))

    ids = [r[0] for r in corpus]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(re.fullmatch(r"s\d{4}", i) for i in ids), "bad id format"
    assert all(r[1] in LABELS for r in corpus), "bad label"
    assert all(r[2] in SECTIONS for r in corpus), "bad section"
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", r[3]) for r in corpus), "bad kind"
    norm = [re.sub(r"\s+", " ", r[4].replace("’", "'")).strip().lower() for r in corpus]
    dups = [t for t, c in collections.Counter(norm).items() if c > 1]
    assert not dups, f"duplicate texts: {dups[:3]}"
    assert all(r[4] and r[4] == r[4].strip() for r in corpus), "empty or padded text"
    assert len(corpus) >= 650, "fewer than 650 sentences"

    # the split is a partition of the corpus, rows unchanged
    assert sorted(tune + held) == sorted(corpus), "split is not a partition of corpus"
    assert not ({r[0] for r in tune} & {r[0] for r in held})
    frac = len(held) / len(corpus)
    assert 0.28 <= frac <= 0.32, f"held-out fraction {frac:.3f}"
    for label in LABELS:
        c = sum(r[1] == label for r in corpus)
        h = sum(r[1] == label for r in held)
        assert abs(h / c - 0.30) < 0.01, f"{label} not stratified"

    # the script reproduces the committed split
    tmp = tempfile.mkdtemp()
    try:
        for name in ("split.py", "corpus.tsv"):
            shutil.copy(os.path.join(HERE, name), tmp)
        subprocess.run([sys.executable, os.path.join(tmp, "split.py")], check=True)
        for name in ("tune.tsv", "heldout.tsv"):
            with open(os.path.join(tmp, name), "rb") as a, open(os.path.join(HERE, name), "rb") as b:
                assert a.read() == b.read(), f"{name} does not reproduce"
    finally:
        shutil.rmtree(tmp)

    for name, rows in (("corpus", corpus), ("tune", tune), ("heldout", held)):
        c = collections.Counter(r[1] for r in rows)
        print(f"{name:8} {len(rows):4}  blame {c['blame']:4}  ok {c['ok']:4}  blame share {c['blame']/len(rows):.3f}")
    print("ok")


if __name__ == "__main__":
    main()
