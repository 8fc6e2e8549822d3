#!/usr/bin/env python3
"""Summarise `perf script` output of a Dossier build: inclusive cost by stage and function.

    perf script -i perf.data --no-inline -F tid,period,ip,sym | python3 bench/perf_summary.py

A sample counts once for every distinct function on its stack (inclusive cost) and once for
the function at its top (self cost). Stages are recognised by the Dossier functions on the
stack, checked in order, so each sample lands in exactly one stage.
"""

import re
import sys
from collections import Counter

# (stage, pattern on a frame's symbol). The first stage whose pattern matches any frame wins.
STAGES = [
    ("write output (output::)", r"^dossier::output::"),
    ("Tera: Context::from_value", r"^tera::context::Context::from_value"),
    ("Tera rendering (Theme::render)", r"^dossier::render::Theme::render|^tera::renderer"),
    ("Markdown to HTML (render::markdown)", r"^dossier::render::markdown::"),
    ("page contexts (render::pages)", r"^dossier::render::pages::"),
    ("render: other (keys, cache, sort)", r"^dossier::render::"),
    ("load (content::, Session::load)", r"^dossier::content::|^dossier::build::Session::load"),
    ("analyse (analyze::)", r"^dossier::analyze::"),
    ("group (corpus::, site::)", r"^dossier::corpus::|^dossier::site::"),
    ("templates (Theme::load)", r"^dossier::render::Theme::load"),
    ("config", r"^dossier::config::|^dossier::build::load_config"),
]
STAGE_RX = [(name, re.compile(rx)) for name, rx in STAGES]
HASH = re.compile(r"::h[0-9a-f]{16}$")


def clean(sym):
    sym = sym.strip()
    sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
    sym = HASH.sub("", sym)
    # <impl X for Y>::f and generic arguments make names long; keep them readable.
    return sym


def samples(lines):
    frames, weight = [], 1
    for line in lines:
        if not line.strip():
            if frames:
                yield weight, frames
            frames, weight = [], 1
            continue
        if not line.startswith((" ", "\t")):
            # Header: "tid period" (period may be absent).
            parts = line.split()
            weight = int(parts[-1]) if len(parts) >= 2 and parts[-1].isdigit() else 1
            continue
        parts = line.strip().split(None, 1)
        frames.append(clean(parts[1]) if len(parts) == 2 else "[unknown]")
    if frames:
        yield weight, frames


def main():
    total = 0
    inclusive, self_cost, stage = Counter(), Counter(), Counter()
    for weight, frames in samples(sys.stdin):
        total += weight
        self_cost[frames[0]] += weight
        for f in set(frames):
            inclusive[f] += weight
        for name, rx in STAGE_RX:
            if any(rx.search(f) for f in frames):
                stage[name] += weight
                break
        else:
            stage["other (allocator, threads, runtime)"] += weight
    if not total:
        print("no samples")
        return 1
    pct = lambda x: f"{100 * x / total:5.1f}%"
    print(f"{total} samples (cpu-clock); shares of all on-CPU time of the build\n")
    print("By stage (each sample in one stage, first match in this order):")
    for name, _ in STAGES + [("other (allocator, threads, runtime)", None)]:
        if stage[name]:
            print(f"  {pct(stage[name])}  {name}")
    print("\nTop Dossier functions, inclusive:")
    shown = 0
    for f, c in inclusive.most_common():
        if f.startswith("dossier::") or f.startswith("<dossier::"):
            print(f"  {pct(c)}  {f}")
            shown += 1
            if shown == 25:
                break
    print("\nTop functions of any crate, inclusive (Tera, serde_json, allocator...):")
    shown = 0
    for f, c in inclusive.most_common():
        if f.startswith(("dossier::", "<dossier::", "main", "__libc", "_start", "std::", "core::ops", "rayon", "[unknown]", "<rayon", "crossbeam", "std::sys")):
            continue
        print(f"  {pct(c)}  {f[:160]}")
        shown += 1
        if shown == 25:
            break
    print("\nTop functions, self:")
    for f, c in self_cost.most_common(20):
        print(f"  {pct(c)}  {f[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
