"""Reading a Dossier site (site.yaml + content/**.md) for the converters in bench/.

bench/to_hugo.py and bench/to_zola.py both import this module: it reads site.yaml's settings,
finds the documents Dossier builds (front-mattered Markdown outside the inbox), reads each
one's front matter as Dossier does (dates kept as written, the day counted in the site's time
zone) and runs the per-document conversion on a process pool. Each converter only writes its
own front matter and configuration. Needs PyYAML.
"""

import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml


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


def slug_of(path):
    # dossier-gen names each file by its slug; a front-matter slug wins, as in Dossier.
    return path.stem


def as_list(value):
    """A front-matter field that may be one string or a list, as a list."""
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


class Document:
    """One document's fields as Dossier reads them, for a converter to write out."""

    __slots__ = (
        "title", "slug", "date_text", "moment", "day", "updated", "authors", "source",
        "topics", "summary", "url", "section", "kind", "draft", "body",
    )


def read_document(src, tz_name, assigned):
    """The Document at path `src`, or None when Dossier would not build it as a page
    (no front matter or no title). `assigned`: the topics Dossier gives it, or None to keep
    the front matter's."""
    text = Path(src).read_text(encoding="utf-8")
    fm_text, body = split_front_matter(text)
    if fm_text is None:
        return None
    front = yaml.load(fm_text, Loader=StringDates) or {}
    if not isinstance(front, dict) or not front.get("title"):
        return None
    d = Document()
    d.title = str(front["title"])
    d.slug = str(front.get("slug") or slug_of(Path(src)))
    d.moment = parse_moment(front.get("date"))
    d.date_text = str(front["date"]).strip() if d.moment is not None else None
    d.day = None
    if d.moment is not None:
        # The day in the site's zone; a bare day or local time is taken as is.
        tz = ZoneInfo(tz_name)
        d.day = d.moment.astimezone(tz).date() if d.moment.tzinfo else d.moment.date()
    d.updated = str(front["updated"]).strip() if front.get("updated") else None
    d.authors = [str(a) for a in as_list(front.get("authors"))]
    d.source = str(front["source"]) if front.get("source") else None
    topics = as_list(front.get("topics"))
    if assigned is not None:
        topics = assigned
    d.topics = [str(t) for t in topics]
    d.summary = str(front["summary"]) if front.get("summary") else None
    d.url = str(front["url"]) if front.get("url") else None
    d.section = str(front["section"]) if front.get("section") else None
    d.kind = str(front["kind"]) if front.get("kind") else None
    d.draft = front.get("draft") is True
    d.body = body
    return d


def site_config(dossier_root):
    """The settings of site.yaml the converters use, with Dossier's defaults."""
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


def read_topics(path):
    """{path under content/: [topic, ...]} from a dossier-gen --topics-out file."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line:
            rel, *topics = line.split("\t")
            out[rel] = topics
    return out


def document_jobs(src_root, dst_content, c, assigned):
    """(source path, destination path, time zone, assigned topics or None) for each Markdown
    file Dossier would read, in a stable order; the inbox's raw documents are left out."""
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
                jobs.append((str(s), str(dst_content / rel), c["timezone"], assigned.get(rel.as_posix())))
    return jobs


def run_jobs(fn, jobs):
    """fn over jobs, on a process pool once there are enough of them; results in order."""
    workers = max(1, min(len(jobs) // 2000 + 1, os.cpu_count() or 1))
    if workers == 1:
        return [fn(j) for j in jobs]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(fn, jobs, chunksize=500))


def check_source(src_root):
    """An error message when src_root is not a Dossier site, else None."""
    if not (src_root / "content").is_dir():
        return f"{src_root / 'content'}: no such folder; pass a Dossier site folder\n"
    return None


def fail(message):
    sys.stderr.write(message)
    return 2


def fresh_site(dst_root, tool):
    """Make DST_ROOT an empty site with a content/ folder, marked as written by
    bench/TOOL.py; a folder there already is emptied only when that mark says so.
    Returns an error message, or None."""
    mark = dst_root / f".{tool}"
    if dst_root.exists():
        if not mark.is_file():
            return f"{dst_root} exists and was not written by {tool}.py; choose another\n"
        shutil.rmtree(dst_root)
    (dst_root / "content").mkdir(parents=True)
    mark.write_text(f"written by bench/{tool}.py\n")
    return None


def copy_style(dst_root, bench):
    """Dossier's style sheet as static/style.css, so the themes' pages are styled alike."""
    style = bench.parent / "templates" / "assets" / "style.css"
    if style.is_file():
        (dst_root / "static").mkdir()
        shutil.copy(style, dst_root / "static" / "style.css")
