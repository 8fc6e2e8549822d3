#!/usr/bin/env python3
"""Convert a Dossier site (site.yaml + content/**.md) into an equivalent Hugo site.

    python3 bench/to_hugo.py DOSSIER_SITE HUGO_SITE [--topics FILE]

The Hugo site gets the same documents with the same Markdown bodies and a faithful copy of
their front matter (title, date, authors, source, topics, summary, section, kind, original
URL, draft), the taxonomies `topics` and `sources`, date archives as the taxonomies `days`,
`months` and `years` (days counted in the site's time zone, as Dossier counts them), and the
theme in bench/hugo-theme. Pagination, feed length and home-page days follow site.yaml.

Only front-mattered Markdown is converted: raw documents in the inbox are Dossier's own
business (`dossier ingest`). Needs PyYAML (bench/compare.sh installs it).

Dossier files a document under a topic when its text names the topic (or an alias), besides
the topics its front matter lists; Hugo only knows front matter. `--topics FILE` (written by
`dossier-gen --topics-out`) gives each document the topics Dossier assigns, so the two sites
have the same taxonomy; without it, front-matter topics are used.
"""

import argparse
import json
import sys
from pathlib import Path

import dossier_site as ds

BENCH = Path(__file__).resolve().parent


def q(value):
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def convert_one(job):
    src, dst, tz_name, assigned = job
    d = ds.read_document(src, tz_name, assigned)
    if d is None:
        return "skipped"
    out = ["---"]
    out.append(f"title: {q(d.title)}")
    out.append(f"slug: {q(d.slug)}")
    if d.moment is not None:
        out.append(f"date: {q(d.date_text)}")
        # Day archives: the day in the site's zone (see dossier_site.read_document).
        out.append(f"days: [{q(d.day.isoformat())}]")
        out.append(f"months: [{q(d.day.strftime('%Y-%m'))}]")
        out.append(f"years: [{q(d.day.strftime('%Y'))}]")
        # Grouping keys for the theme (Hugo's GroupByDate would use each date's own offset).
        out.append(f"dayKey: {q(d.day.isoformat())}")
        out.append(f"monthKey: {q(d.day.strftime('%Y-%m'))}")
    if d.updated:
        out.append(f"lastmod: {q(d.updated)}")
    if d.authors:
        out.append("authors: [" + ", ".join(q(a) for a in d.authors) + "]")
    if d.source:
        out.append(f"sources: [{q(d.source)}]")
    if d.topics:
        out.append("topics: [" + ", ".join(q(t) for t in d.topics) + "]")
        out.append(f"mainTopic: {q(d.topics[0])}")
    if d.summary:
        out.append(f"summary: {q(d.summary)}")
    # `url` and `kind` mean other things to Hugo: keep them as plain parameters.
    if d.url:
        out.append(f"original_url: {q(d.url)}")
    if d.section:
        out.append(f"section: {q(d.section)}")
    if d.kind:
        out.append(f"kind: {q(d.kind)}")
    if d.draft:
        out.append("draft: true")
    out.append("---")
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    Path(dst).write_text("\n".join(out) + "\n" + d.body, encoding="utf-8")
    return "ok"


def hugo_config(c):
    """hugo.yaml: taxonomies, pagination, outputs and the theme."""
    return f"""# Written by bench/to_hugo.py from a Dossier site.yaml.
baseURL: {q(c['base_url'])}
title: {q(c['title'])}
locale: {q(c['language'])}
timeZone: {q(c['timezone'])}
themesDir: {q(str(BENCH))}
theme: hugo-theme
enableRobotsTXT: true
capitalizeListTitles: false
# Dossier has no list of all articles: the articles section page is not built either.
disableKinds: [section]
taxonomies:
  topic: topics
  source: sources
  day: days
  month: months
  year: years
permalinks:
  page:
    articles: /articles/:slug/
pagination:
  pagerSize: {c['per_page']}
services:
  rss:
    limit: {c['feed_size']}
params:
  description: {q(c['description'])}
  homeDays: {c['home_days']}
# Feeds for the home page and each topic, as Dossier writes them; no others.
outputs:
  home: [html, rss]
  page: [html]
  taxonomy: [html]
  term: [html]
cascade:
  - target:
      kind: term
      path: "/topics/**"
    outputs: [html, rss]
related:
  includeNewer: true
  threshold: 60
  toLower: false
  indices:
    - name: topics
      weight: 100
    - name: date
      weight: 10
"""


def main(argv):
    ap = argparse.ArgumentParser(description="Convert a Dossier site into an equivalent Hugo site.")
    ap.add_argument("dossier_site", type=Path)
    ap.add_argument("hugo_site", type=Path)
    ap.add_argument("--topics", type=Path, help="topics per document (dossier-gen --topics-out)")
    a = ap.parse_args(argv[1:])
    src_root, dst_root = a.dossier_site, a.hugo_site
    assigned = ds.read_topics(a.topics) if a.topics else {}
    if (err := ds.check_source(src_root)) is not None:
        return ds.fail(err)
    c = ds.site_config(src_root)
    if (err := ds.fresh_site(dst_root, "to_hugo")) is not None:
        return ds.fail(err)
    (dst_root / "hugo.yaml").write_text(hugo_config(c), encoding="utf-8")
    ds.copy_style(dst_root, BENCH)

    jobs = ds.document_jobs(src_root, dst_root / "content", c, assigned)
    results = ds.run_jobs(convert_one, jobs)
    done = results.count("ok")
    print(f"to_hugo: {done} documents converted, {len(results) - done} skipped → {dst_root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
