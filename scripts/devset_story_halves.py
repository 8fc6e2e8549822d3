#!/usr/bin/env python3
"""Write the two outlet halves of the dev set's story labels, for cross-validating story
thresholds (BENCHMARKS.md, "Stories on real pages").

    python3 scripts/devset_story_halves.py ../shared/devset OUT_DIR

Half A: the events feather-duvet-lung, europa-water-vapour and china-bubonic-plague with
their outlets; half B: the other three events with theirs. Every other outlet goes to the
half `scripts/score_devset.py` gives it (the parity of the sum of its name's bytes, even:
A).
Pages of one outlet are never on both sides. Writes OUT_DIR/labels-A.json and
labels-B.json: the labels with a "docs" list, which `score-stories.py` scores alone.
"""
import json
import sys
from pathlib import Path

A_EVENTS = {"feather-duvet-lung", "europa-water-vapour", "china-bubonic-plague"}


def half(publisher):
    return "A" if sum(publisher.encode()) % 2 == 0 else "B"


devset, out = Path(sys.argv[1]), Path(sys.argv[2])
rows = [json.loads(line) for line in open(devset / "truth.jsonl", encoding="utf-8")]
labels = json.load(open(devset / "stories.json", encoding="utf-8"))
publisher = {r["id"]: r["publisher"] for r in rows}
side = {}
for event, ids in labels["events"].items():
    for i in ids:
        side[publisher[i]] = "A" if event in A_EVENTS else "B"
docs = {"A": [], "B": []}
for r in rows:
    docs[side.get(r["publisher"], half(r["publisher"]))].append(r["id"])
out.mkdir(parents=True, exist_ok=True)
for h, ids in docs.items():
    json.dump(dict(labels, docs=ids), open(out / f"labels-{h}.json", "w"), indent=1)
    print(f"half {h}: {len(ids)} pages")
