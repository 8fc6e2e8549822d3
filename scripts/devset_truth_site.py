#!/usr/bin/env python3
"""Write the dev set's truth as a Dossier site's content: the "perfectly extracted" anchor
for story grouping (issue #18).

usage: devset_truth_site.py TRUTH.jsonl SITE_DIR

Each page of TRUTH.jsonl becomes SITE_DIR/content/articles/ID.md with the truth's title,
date, authors, source (the publisher) and body, and `source_file: ID.txt` so that
score-stories.py maps it back to its page. Pages without a body truth (the e-pages) get
their description, or only their title. SITE_DIR/content/ is emptied first; nothing else
is touched. Then build with `dossier build --root SITE_DIR --no-ingest` and score with
score-stories.py as for the raw pages.
"""
import json
import os
import shutil
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    truth, site = sys.argv[1], sys.argv[2]
    if not os.path.isfile(os.path.join(site, "site.yaml")):
        print(f"{site}: no site.yaml; run `dossier init {site}` first", file=sys.stderr)
        return 2
    content = os.path.join(site, "content")
    shutil.rmtree(content, ignore_errors=True)
    out = os.path.join(content, "articles")
    os.makedirs(out)
    with open(truth, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    for p in pages:
        # JSON strings are valid YAML scalars, with every character escaped.
        front = [f"title: {json.dumps(p['title'])}"]
        if p.get("date"):
            front.append(f"date: {p['date']}")
        if p.get("authors"):
            front.append("authors: [" + ", ".join(json.dumps(a) for a in p["authors"]) + "]")
        front.append(f"source: {json.dumps(p['publisher'])}")
        front.append(f"url: {json.dumps(p['url'])}")
        front.append(f"source_file: {json.dumps(p['id'] + '.txt')}")
        body = p.get("body") or p.get("description") or ""
        with open(os.path.join(out, p["id"] + ".md"), "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(front) + "\n---\n\n" + body.strip() + "\n")
    print(f"{len(pages)} pages written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
