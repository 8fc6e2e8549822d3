#!/usr/bin/env python3
"""Convert a Dossier site (site.yaml + content/**.md) into an equivalent Zola site.

    python3 bench/to_zola.py DOSSIER_SITE ZOLA_SITE [--topics FILE]

The Zola counterpart of bench/to_hugo.py, reading the Dossier site the same way (the module
bench/dossier_site.py): the same documents with the same Markdown bodies, TOML front matter
(title, slug, date, updated, authors, summary as `description`, draft; section, kind, original
URL and the day, month and main topic the theme groups by under `[extra]`), the taxonomies
`topics` and `sources` (term pages paginated by site.yaml's per_page; a feed per topic) and
date archives as the taxonomies `days`, `months` and `years` (days counted in the site's time
zone, as Dossier counts them), and the theme in bench/zola-theme (linked, not copied).
Feed length and home-page days follow site.yaml. `--topics FILE` as in to_hugo.py.

Every folder of content/ that holds documents becomes a Zola section (`_index.md`, sorted by
date, not rendered itself: Dossier has no page listing a folder); folders below the top level
are transparent, so each article's earlier and later neighbours are the documents next to it
by date in its top folder, as in the Hugo theme. Needs PyYAML.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import dossier_site as ds

BENCH = Path(__file__).resolve().parent


def t(value):
    """A TOML basic string. JSON's escapes are TOML's, except that TOML wants DEL escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def t_list(values):
    return "[" + ", ".join(t(v) for v in values) + "]"


def toml_moment(text):
    """A Dossier date as a TOML date or date-time literal, or None if it does not parse."""
    try:
        moment = ds.parse_moment(text)
    except ValueError:
        return None
    if moment is None:
        return None
    if len(str(text).strip()) == 10:
        return moment.date().isoformat()
    return moment.isoformat()


def convert_one(job):
    src, dst, tz_name, assigned = job
    d = ds.read_document(src, tz_name, assigned)
    if d is None:
        return "skipped"
    out = ["+++"]
    out.append(f"title = {t(d.title)}")
    out.append(f"slug = {t(d.slug)}")
    if d.moment is not None:
        out.append(f"date = {toml_moment(d.date_text)}")
    if d.updated and (updated := toml_moment(d.updated)) is not None:
        out.append(f"updated = {updated}")
    if d.authors:
        out.append(f"authors = {t_list(d.authors)}")
    if d.summary:
        out.append(f"description = {t(d.summary)}")
    if d.draft:
        out.append("draft = true")
    out.append("[taxonomies]")
    if d.topics:
        out.append(f"topics = {t_list(d.topics)}")
    if d.source:
        out.append(f"sources = {t_list([d.source])}")
    if d.day is not None:
        out.append(f"days = {t_list([d.day.isoformat()])}")
        out.append(f"months = {t_list([d.day.strftime('%Y-%m')])}")
        out.append(f"years = {t_list([d.day.strftime('%Y')])}")
    out.append("[extra]")
    if d.day is not None:
        # Grouping keys for the theme (the day in the site's zone, not the date's own offset).
        out.append(f"day_key = {t(d.day.isoformat())}")
        out.append(f"month_key = {t(d.day.strftime('%Y-%m'))}")
    if d.topics:
        out.append(f"main_topic = {t(d.topics[0])}")
    # Dossier's `url` and `kind` would clash with nothing in Zola, but stay extras like Hugo's.
    if d.url:
        out.append(f"original_url = {t(d.url)}")
    if d.section:
        out.append(f"section = {t(d.section)}")
    if d.kind:
        out.append(f"kind = {t(d.kind)}")
    out.append("+++")
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    Path(dst).write_text("\n".join(out) + "\n" + d.body, encoding="utf-8")
    return "ok"


def zola_config(c):
    """config.toml: taxonomies, pagination, feeds and the theme."""
    base = c["base_url"].rstrip("/")
    return f"""# Written by bench/to_zola.py from a Dossier site.yaml.
base_url = {t(base)}
title = {t(c['title'])}
description = {t(c['description'])}
default_language = {t(c['language'])}
theme = "zola-theme"
compile_sass = false
build_search_index = false
generate_sitemap = true
generate_robots_txt = true
# Feeds for the home page and each topic, as Dossier writes them; no others.
generate_feeds = true
feed_filenames = ["rss.xml"]
feed_limit = {c['feed_size']}
# Date archives are taxonomies, as in the Hugo site; day and month pages are not paginated.
taxonomies = [
    {{ name = "topics", paginate_by = {c['per_page']}, feed = true }},
    {{ name = "sources", paginate_by = {c['per_page']} }},
    {{ name = "days" }},
    {{ name = "months" }},
    {{ name = "years" }},
]

[extra]
home_days = {c['home_days']}
"""


SECTION = """+++
sort_by = "date"
render = false
+++
"""

# A folder below content/'s top level passes its pages up, so each top folder sorts all of its
# documents by date and earlier/later links cross month folders, as in the Hugo theme.
SUBSECTION = """+++
sort_by = "date"
render = false
transparent = true
+++
"""


def main(argv):
    ap = argparse.ArgumentParser(description="Convert a Dossier site into an equivalent Zola site.")
    ap.add_argument("dossier_site", type=Path)
    ap.add_argument("zola_site", type=Path)
    ap.add_argument("--topics", type=Path, help="topics per document (dossier-gen --topics-out)")
    a = ap.parse_args(argv[1:])
    src_root, dst_root = a.dossier_site, a.zola_site
    assigned = ds.read_topics(a.topics) if a.topics else {}
    if (err := ds.check_source(src_root)) is not None:
        return ds.fail(err)
    c = ds.site_config(src_root)
    if (err := ds.fresh_site(dst_root, "to_zola")) is not None:
        return ds.fail(err)
    (dst_root / "config.toml").write_text(zola_config(c), encoding="utf-8")
    (dst_root / "themes").mkdir()
    os.symlink(BENCH / "zola-theme", dst_root / "themes" / "zola-theme")
    ds.copy_style(dst_root, BENCH)

    jobs = ds.document_jobs(src_root, dst_root / "content", c, assigned)
    results = ds.run_jobs(convert_one, jobs)
    # The home page is the root section; every folder with a document (and each folder
    # between it and content/) is a section of its own.
    (dst_root / "content" / "_index.md").write_text("+++\nsort_by = \"date\"\n+++\n")
    content = dst_root / "content"
    folders = set()
    for (_, dst, _, _), result in zip(jobs, results):
        if result == "ok":
            folder = Path(dst).parent
            while folder != content and folder not in folders:
                folders.add(folder)
                folder = folder.parent
    for folder in sorted(folders):
        (folder / "_index.md").write_text(SECTION if folder.parent == content else SUBSECTION)
    done = results.count("ok")
    print(f"to_zola: {done} documents converted, {len(results) - done} skipped → {dst_root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
