#!/usr/bin/env python3
"""Split corpus.tsv into tune.tsv (70%) and heldout.tsv (30%).

Stratified by label: the ids of each label are sorted, shuffled with
random.Random(20261203), and the first round(30%) of each label go to the
held-out file. Rows keep corpus order in both outputs. Running this again on
the committed corpus.tsv reproduces the committed split byte for byte.
"""
import os
import random

SEED = 20261203
HELDOUT_FRACTION = 0.30
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "corpus.tsv"), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    header, body = lines[0], [l for l in lines[1:] if l]
    rows = [l.split("\t") for l in body]

    rng = random.Random(SEED)
    held = set()
    for label in sorted({r[1] for r in rows}):
        ids = sorted(r[0] for r in rows if r[1] == label)
        rng.shuffle(ids)
        held.update(ids[: round(len(ids) * HELDOUT_FRACTION)])

    for name, keep in (("tune.tsv", False), ("heldout.tsv", True)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(header + "\n")
            for line, r in zip(body, rows):
                if (r[0] in held) == keep:
                    f.write(line + "\n")


if __name__ == "__main__":
    main()
