#!/usr/bin/env python3
"""Per-outlet-half scores of a dev-set run, to see whether a rule generalises.

    python3 ../shared/devset/score.py OUT --truth ../shared/devset/truth.jsonl --json run.json
    python3 scripts/score-halves.py run.json [other-run.json]

Outlets (the truth's `publisher`) are split in two fixed halves by a hash of the name, so
pages of one outlet are never on both sides. With two runs it prints each half's change from
the first run to the second: a rule accepted on the whole set should help on both halves.
"""
import hashlib
import json
import sys


def half(publisher):
    return "A" if hashlib.sha1(publisher.encode()).digest()[0] % 2 == 0 else "B"


def scores(path):
    docs = json.load(open(path))["per_doc"]
    out = {}
    for h in ("A", "B"):
        ds = [d for d in docs if half(d["publisher"]) == h]
        body = [d for d in ds if d.get("body_P") is not None]
        p = sum(d["body_P"] for d in body) / len(body)
        r = sum(d["body_R"] for d in body) / len(body)
        row = {"pages": len(ds), "outlets": len({d["publisher"] for d in ds}),
               "body_F1": 2 * p * r / (p + r) if p + r else 0.0}
        for k in ("title", "date", "authors_exact", "source", "url"):
            row[k] = sum(1 for d in ds if d[k]) / len(ds)
        out[h] = row
    return out


runs = [scores(p) for p in sys.argv[1:]]
fields = ("body_F1", "title", "date", "authors_exact", "source", "url")
print("half pages outlets " + " ".join(f"{f:>13}" for f in fields))
for h in ("A", "B"):
    last = runs[-1][h]
    cells = []
    for f in fields:
        cell = f"{last[f]:.3f}"
        if len(runs) > 1:
            cell += f" ({last[f] - runs[0][h][f]:+.3f})"
        cells.append(f"{cell:>13}")
    print(f"{h:>4} {last['pages']:>5} {last['outlets']:>7} " + " ".join(cells))
