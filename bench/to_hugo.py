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
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

BENCH = Path(__file__).resolve().parent


class StringDates(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader that keeps dates as the text the user wrote (Dossier's reading)."""


# Drop the implicit timestamp resolver: PyYAML would turn dates into naive UTC datetimes.
StringDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text):
    """(front matter text, body) of a Dossier document, or (None, text) without one."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.startswith("---"):
        return None, text
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return None, text
    pos = first_nl + 1
    while True:
        nl = text.find("\n", pos)
        line = text[pos:] if nl < 0 else text[pos:nl]
        if line.rstrip() in ("---", "..."):
            return text[first_nl + 1 : pos], "" if nl < 0 else text[nl + 1 :]
        if nl < 0:
            return None, text
        pos = nl + 1


def parse_moment(value):
    """A Dossier date (day, local time or moment) as a datetime, or None."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), datetime.min.time())
    text = text.replace(" ", "T", 1)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def q(value):
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def slug_of(path):
    # dossier-gen names each file by its slug; a front-matter slug wins, as in Dossier.
    return path.stem


def convert_one(job):
    src, dst, tz_name, assigned = job
    text = Path(src).read_text(encoding="utf-8")
    fm_text, body = split_front_matter(text)
    if fm_text is None:
        return "skipped"
    front = yaml.load(fm_text, Loader=StringDates) or {}
    if not isinstance(front, dict) or not front.get("title"):
        return "skipped"
    tz = ZoneInfo(tz_name)
    out = ["---"]
    out.append(f"title: {q(str(front['title']))}")
    out.append(f"slug: {q(str(front.get('slug') or slug_of(Path(src))))}")
    moment = parse_moment(front.get("date"))
    if moment is not None:
        out.append(f"date: {q(str(front['date']).strip())}")
        # Day archives: the day in the site's zone; a bare day or local time is taken as is.
        day = moment.astimezone(tz).date() if moment.tzinfo else moment.date()
        out.append(f"days: [{q(day.isoformat())}]")
        out.append(f"months: [{q(day.strftime('%Y-%m'))}]")
        out.append(f"years: [{q(day.strftime('%Y'))}]")
        # Grouping keys for the theme (Hugo's GroupByDate would use each date's own offset).
        out.append(f"dayKey: {q(day.isoformat())}")
        out.append(f"monthKey: {q(day.strftime('%Y-%m'))}")
    if front.get("updated"):
        out.append(f"lastmod: {q(str(front['updated']).strip())}")
    authors = front.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if authors:
        out.append("authors: [" + ", ".join(q(str(a)) for a in authors) + "]")
    if front.get("source"):
        out.append(f"sources: [{q(str(front['source']))}]")
    topics = front.get("topics") or []
    if isinstance(topics, str):
        topics = [topics]
    if assigned is not None:
        topics = assigned
    if topics:
        out.append("topics: [" + ", ".join(q(str(t)) for t in topics) + "]")
        out.append(f"mainTopic: {q(str(topics[0]))}")
    if front.get("summary"):
        out.append(f"summary: {q(str(front['summary']))}")
    # `url` and `kind` mean other things to Hugo: keep them as plain parameters.
    if front.get("url"):
        out.append(f"original_url: {q(str(front['url']))}")
    if front.get("section"):
        out.append(f"section: {q(str(front['section']))}")
    if front.get("kind"):
        out.append(f"kind: {q(str(front['kind']))}")
    if front.get("draft") is True:
        out.append("draft: true")
    out.append("---")
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    Path(dst).write_text("\n".join(out) + "\n" + body, encoding="utf-8")
    return "ok"


def site_config(dossier_root):
    path = dossier_root / "site.yaml"
    cfg = {}
    if path.is_file():
        cfg = yaml.load(path.read_text(encoding="utf-8"), Loader=StringDates) or {}
    pagination = cfg.get("pagination") or {}
    feed = cfg.get("feed") or {}
    return {
        "title": cfg.get("title", "Briefing"),
        "description": cfg.get("description", ""),
        "base_url": cfg.get("base_url", "https://example.org/"),
        "language": cfg.get("language", "en"),
        "timezone": cfg.get("timezone", "UTC"),
        "per_page": int(pagination.get("per_page", 25)),
        "home_days": int(pagination.get("home_days", 7)),
        "feed_size": int(feed.get("size", 20)),
        "inbox": cfg.get("inbox", "content/inbox"),
    }


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


def read_topics(path):
    """{path under content/: [topic, ...]} from a dossier-gen --topics-out file."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line:
            rel, *topics = line.split("\t")
            out[rel] = topics
    return out


def main(argv):
    ap = argparse.ArgumentParser(description="Convert a Dossier site into an equivalent Hugo site.")
    ap.add_argument("dossier_site", type=Path)
    ap.add_argument("hugo_site", type=Path)
    ap.add_argument("--topics", type=Path, help="topics per document (dossier-gen --topics-out)")
    a = ap.parse_args(argv[1:])
    src_root, dst_root = a.dossier_site, a.hugo_site
    assigned = read_topics(a.topics) if a.topics else {}
    if not (src_root / "content").is_dir():
        sys.stderr.write(f"{src_root / 'content'}: no such folder; pass a Dossier site folder\n")
        return 2
    c = site_config(src_root)
    if dst_root.exists():
        if not (dst_root / ".to_hugo").is_file():
            sys.stderr.write(f"{dst_root} exists and was not written by to_hugo.py; choose another\n")
            return 2
        shutil.rmtree(dst_root)
    (dst_root / "content").mkdir(parents=True)
    (dst_root / ".to_hugo").write_text("written by bench/to_hugo.py\n")
    (dst_root / "hugo.yaml").write_text(hugo_config(c), encoding="utf-8")
    style = BENCH.parent / "templates" / "assets" / "style.css"
    if style.is_file():
        (dst_root / "static").mkdir()
        shutil.copy(style, dst_root / "static" / "style.css")

    content = src_root / "content"
    inbox = (src_root / c["inbox"]).resolve()
    jobs = []
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if Path(dirpath).resolve() == inbox or inbox in Path(dirpath).resolve().parents:
            dirnames[:] = []
            continue
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith("."):
                s = Path(dirpath) / name
                rel = s.relative_to(content)
                jobs.append(
                    (str(s), str(dst_root / "content" / rel), c["timezone"], assigned.get(rel.as_posix()))
                )
    workers = max(1, min(len(jobs) // 2000 + 1, os.cpu_count() or 1))
    if workers == 1:
        results = [convert_one(j) for j in jobs]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(convert_one, jobs, chunksize=500))
    done = results.count("ok")
    print(f"to_hugo: {done} documents converted, {len(results) - done} skipped → {dst_root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
