#!/usr/bin/env python3
"""Remove the `date:` line from the front matter of about half of a built site's documents
(those whose file name's MD5 is even), to measure how stories hold when many pages are
undated (BENCHMARKS.md, "Stories on real pages").

    python3 scripts/devset_strip_dates.py SITE_DIR

Works on a copy of a dev-set site made by the commands in BENCHMARKS.md; it rewrites the
Markdown files under SITE_DIR/content in place.
"""
import hashlib
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1]) / "content"
stripped = 0
for path in sorted(root.rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        continue
    end = text.index("\n---", 3)
    front = text[:end]
    if int(hashlib.md5(path.name.encode()).hexdigest(), 16) % 2 == 0:
        without = re.sub(r"(?m)^date:.*\n", "", front)
        if without != front:
            stripped += 1
            path.write_text(without + text[end:], encoding="utf-8")
print(f"{stripped} documents made undated")
