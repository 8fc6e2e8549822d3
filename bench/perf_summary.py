#!/usr/bin/env python3
"""Summarise `perf script` output of a Dossier build: inclusive cost by stage and function.

    perf script -i perf.data -F tid,period,ip,sym | python3 bench/perf_summary.py

Run perf script with inline frames (the default): closures that rayon's iterators inline
are attributed through them.

A sample counts once for every distinct function on its stack (inclusive cost) and once for
the function at its top (self cost). Stages are recognised by the Dossier functions on the
stack, checked in order, so each sample lands in exactly one stage.
"""

import re
import sys
from collections import Counter

# (stage, pattern searched in a frame's text). The first stage whose pattern matches any frame
# wins. Closures inlined into iterator adapters appear only inside generic arguments
# (`...dossier::output::write_pages::{closure_env#10}>`), so patterns are not anchored; a
# lower-case segment after the module keeps type names (`dossier::render::Page`) out.
STAGES = [
    ("write output (output::)", r"dossier::output::[a-z_]"),
    ("Tera: Context::from_value", r"tera::context::Context::from_value"),
    ("Tera rendering (Theme::render)", r"dossier::render::Theme::render|tera::renderer::"),
    ("Markdown to HTML (render::markdown)", r"dossier::render::markdown::[a-z_]"),
    ("page contexts (render::pages)", r"dossier::render::pages::"),
    ("templates (Theme::load)", r"dossier::render::Theme::load"),
    ("render: other (keys, cache, sort)", r"dossier::render::[a-z_]"),
    ("load (content::, Session::load)", r"dossier::content::[a-z_]|dossier::build::Session::load"),
    ("analyse (analyze::)", r"dossier::analyze::[a-z_]"),
    ("group (corpus::, site::)", r"dossier::corpus::[a-z_]|dossier::site::Site::[a-z_]"),
    ("ingest (ingest::)", r"dossier::ingest::[a-z_]"),
    ("config", r"dossier::config::[a-z_]|dossier::build::load_config"),
]
STAGE_RX = [(name, re.compile(rx)) for name, rx in STAGES]
# A Dossier function named in a frame: the frame itself, or the owner of an inlined closure.
FUNC_RX = re.compile(r"^<?(dossier::[A-Za-z_0-9:]+?)(?:::\{\{closure\}\})*(?:>|$| )|(dossier::[A-Za-z_0-9:{}#]*?[A-Za-z_0-9]+)::\{closure_env#\d+\}")
# Frames every thread has (thread start, rayon's scheduler): no information.
SKIP = ("dossier::", "<dossier::", "main", "__libc", "_start", "start_thread", "clone",
        "std::", "<std::", "core::ops", "rayon", "<rayon", "crossbeam", "[unknown]")
HASH = re.compile(r"::h[0-9a-f]{16}$")


def dossier_functions(frame):
    return {(a or b).replace("{impl#0}", "Shared") for a, b in FUNC_RX.findall(frame)}


def clean(sym):
    sym = sym.strip()
    sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
    sym = sym.replace(" (inlined)", "") if sym.startswith("dossier::") else sym
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
    total = count = 0
    inclusive, self_cost, stage = Counter(), Counter(), Counter()
    for weight, frames in samples(sys.stdin):
        total += weight
        count += 1
        self_cost[frames[0]] += weight
        named = set()
        for f in frames:
            named |= dossier_functions(f)
        for f in set(frames) | named:
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
    print(f"{count} samples, {total / 1e9:.1f} s on CPU (cpu-clock); shares of all on-CPU time\n")
    print("By stage (each sample in one stage, first match in this order):")
    for name, _ in STAGES + [("other (allocator, threads, runtime)", None)]:
        if stage[name]:
            print(f"  {pct(stage[name])}  {name}")
    print("\nTop Dossier functions, inclusive (an inlined closure counts for its function):")
    shown = 0
    for f, c in inclusive.most_common():
        if f.startswith("dossier::") and "{closure" not in f and " " not in f:
            print(f"  {pct(c)}  {f}")
            shown += 1
            if shown == 25:
                break
    print("\nTop functions of any crate, inclusive (Tera, serde_json, allocator...):")
    shown = 0
    for f, c in inclusive.most_common():
        if f.startswith(SKIP) or "(inlined)" in f:
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
